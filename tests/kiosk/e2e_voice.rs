//! Reading aloud with the neural voice as a learner hears it: the release binary in a real
//! terminal (tmux), its sound played in real time on a PulseAudio null sink and recorded.
//! A chapter reads on without gaps between sentences, the highlight moving as each sentence's
//! sound begins; when the voice's engine dies mid-chapter the reader says so once and stays
//! on its sentence.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{
    self, PacedSink, Tmux, corpus, neural_voice, reading_command, said, wait_until_within,
};

/// The release binary reading 吶喊 with the neural voice in `voice`, its sound sent by
/// `environment`, in tmux; once the voice has loaded (it has said something).
fn start_reading(
    dir: &Path,
    log: &Path,
    voice: &Path,
    environment: &[(String, String)],
) -> Option<Tmux> {
    let book = corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    let mut command = vec![
        "env".to_string(),
        format!("LELING_VOICE_DIR={}", voice.display()),
    ];
    command.extend(environment.iter().map(|(k, v)| format!("{k}={v}")));
    let mut leling = reading_command(dir, log, &book);
    let off = leling.iter().position(|a| a == "off").unwrap();
    leling[off] = "neural".to_owned();
    command.extend(leling);
    let term = Tmux::start(80, 24, &command)?;
    term.wait_for_text("吶喊");
    wait_until_within("the voice to speak", 90, || {
        !said(log, "message").is_empty()
    });
    Some(term)
}

/// When each sentence was handed to the voice (the reader moves its highlight in the same
/// step), as seconds after `zero`.
fn handovers(log: &Path, zero: SystemTime) -> Vec<f64> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.split('\t').nth(2) == Some("text"))
        .map(|l| {
            let time = chrono::DateTime::parse_from_rfc3339(l.split('\t').next().unwrap()).unwrap();
            let time = SystemTime::from(time);
            match time.duration_since(zero) {
                Ok(after) => after.as_secs_f64(),
                Err(before) => -before.duration().as_secs_f64(),
            }
        })
        .collect()
}

/// Whether each 10 ms of a recording is sound, from its first sound (the time mark) on.
fn loudness(wav: &Path) -> Vec<bool> {
    let mut reader = hound::WavReader::open(wav).unwrap();
    let rate = reader.spec().sample_rate as usize;
    let samples: Vec<i16> = reader.samples::<i16>().map_while(Result::ok).collect();
    let loud: Vec<bool> = samples
        .chunks(rate / 100)
        .map(|c| {
            (c.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / c.len() as f64).sqrt() > 200.0
        })
        .collect();
    let mark = loud
        .iter()
        .position(|&l| l)
        .expect("the time mark was recorded");
    loud[mark..].to_vec()
}

/// The quiet a listener hears where the reader handed the next sentence over at `at`
/// (seconds): the stretch of quiet that ends nearest just after `at`, as the next sentence's
/// sound begins then; none (0) when the sound runs straight on. Also how far that sound's
/// start is from `at`.
fn pause_at(loud: &[bool], at: f64) -> (f64, f64) {
    let mut best: Option<(f64, f64)> = None;
    let mut quiet_from = None;
    for (i, &l) in loud.iter().enumerate() {
        let t = i as f64 / 100.0;
        match (l, quiet_from) {
            (false, None) => quiet_from = Some(t),
            (true, Some(from)) => {
                quiet_from = None;
                let offset = t - at;
                let nearer = best.is_none_or(|(_, o)| (offset - 0.05).abs() < (o - 0.05).abs());
                if (-0.15..=0.25).contains(&offset) && nearer {
                    best = Some((t - from, offset));
                }
            }
            _ => {}
        }
    }
    best.unwrap_or((0.0, 0.0))
}

#[test]
fn a_chapter_reads_on_without_gaps_between_sentences() {
    let _alone = common::alone_with_the_sound();
    let Some(voice) = neural_voice() else {
        return;
    };
    let Some(mut sink) = PacedSink::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let recording = dir.path().join("played.wav");
    let Some(term) = start_reading(dir.path(), &log, &voice, &sink.environment()) else {
        return;
    };
    // The opening words end.
    std::thread::sleep(Duration::from_secs(5));
    sink.record(&recording);
    std::thread::sleep(Duration::from_millis(500));
    let zero = sink.mark_time();
    std::thread::sleep(Duration::from_millis(500));
    term.keys(&[" "]);
    wait_until_within("seven sentences to be read", 120, || {
        handovers(&log, zero).len() >= 7
    });
    term.keys(&[" "]);
    std::thread::sleep(Duration::from_millis(500));
    sink.stop_recording();
    let screen = term.capture(false);
    assert!(!screen.contains("放不出声音"), "{screen}");

    let loud = loudness(&recording);
    let times = handovers(&log, zero);
    let heard = loud.iter().filter(|&&l| l).count() as f64 / 100.0;
    let reading_time = times[times.len() - 1] - times[0];
    // The sound was really played: most of the reading time is speech.
    assert!(
        heard > 0.6 * reading_time,
        "{heard:.1} s of sound in {reading_time:.1} s"
    );
    // Between each sentence and the next, a listener hears no pause over 250 ms.
    let measured: Vec<(f64, f64)> = times[1..].iter().map(|&t| pause_at(&loud, t)).collect();
    let texts = said(&log, "text");
    for ((pause, offset), text) in measured.iter().zip(&texts[1..]) {
        println!(
            "quiet {pause:.2} s, sound {:+.0} ms from the highlight: {text}",
            offset * 1000.0
        );
    }
    let pauses: Vec<f64> = measured.iter().map(|m| m.0).collect();
    assert!(pauses.iter().all(|&p| p <= 0.25), "{pauses:.2?}");
    // And the highlight moves with the sound: each sentence's sound begins within 100 ms of it.
    assert!(
        measured.iter().all(|&(p, o)| p == 0.0 || o.abs() <= 0.1),
        "{measured:.2?}"
    );
}

#[test]
fn when_the_voice_engine_dies_mid_chapter_the_reader_says_so_once_and_stays() {
    let _alone = common::alone_with_the_sound();
    let Some(voice) = neural_voice() else {
        return;
    };
    let Some(sink) = PacedSink::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let Some(term) = start_reading(dir.path(), &log, &voice, &sink.environment()) else {
        return;
    };
    term.keys(&[" "]);
    wait_until_within("three sentences to be read", 60, || {
        said(&log, "text").len() >= 3
    });
    // The engine is this program's child (through `env`, which execs it).
    let app = term.pid();
    let engine = std::process::Command::new("pgrep")
        .args(["-P", &app.to_string(), "-f", "kokoro_helper.py"])
        .output()
        .unwrap();
    let engine = String::from_utf8_lossy(&engine.stdout).trim().to_owned();
    assert!(!engine.is_empty(), "the engine process was not found");
    let read_before = said(&log, "text").len();
    std::process::Command::new("kill")
        .args(["-KILL", &engine])
        .status()
        .unwrap();
    let problem = "朗读放不出声音";
    let screen = term.wait_for_text(problem);
    let sentence = said(&log, "text");
    // Long enough for a racing reader to have read on.
    std::thread::sleep(Duration::from_secs(4));
    let later = term.capture(false);
    assert_eq!(later.matches(problem).count(), 1, "{later}");
    assert!(!later.contains("朗读中"), "{later}");
    assert_eq!(
        said(&log, "text"),
        sentence,
        "the reader read on after the engine died"
    );
    assert!(sentence.len() <= read_before + 1, "{screen}");
    let told = said(&log, "message")
        .into_iter()
        .filter(|m| m.contains(problem))
        .count();
    assert_eq!(told, 1);
}

#[test]
fn with_no_sound_server_the_reader_says_so_once_and_stays_on_its_sentence() {
    let _alone = common::alone_with_the_sound();
    let Some(voice) = neural_voice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    // A sound server that is not there, and no ALSA device for the fallback player either.
    let asoundrc = dir.path().join("asoundrc");
    std::fs::write(&asoundrc, "pcm.!default { type hw card 99 }\n").unwrap();
    let no_sound = [
        (
            "PULSE_SERVER".to_owned(),
            format!("unix:{}/no-server", dir.path().display()),
        ),
        (
            "ALSA_CONFIG_PATH".to_owned(),
            asoundrc.display().to_string(),
        ),
    ];
    let Some(term) = start_reading(dir.path(), &log, &voice, &no_sound) else {
        return;
    };
    term.keys(&[" "]);
    let problem = "朗读放不出声音";
    term.wait_for_text(problem);
    std::thread::sleep(Duration::from_secs(4));
    let later = term.capture(false);
    assert_eq!(later.matches(problem).count(), 1, "{later}");
    assert!(!later.contains("朗读中"), "{later}");
    assert_eq!(
        said(&log, "text").len(),
        1,
        "the reader read on without sound"
    );
}
