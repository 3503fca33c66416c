//! Reading aloud as a learner hears it, in a real terminal (tmux) with a real voice playing in
//! real time (a PulseAudio null sink, recorded): each sentence follows the end of the one
//! before, as espeak-ng or speech-dispatcher says it ended; with no sound device the reader
//! stays on its sentence and says so once; `leling doctor` tells the two apart.

use crate::common;

use std::path::Path;
use std::time::Duration;

use crate::common::{
    PacedSink, Tmux, corpus, reading_command, release_binary, said, sounds_in, wait_until_within,
};
use chrono::{DateTime, FixedOffset};
use leling::config::SpeechRate;
use leling::speech::{Espeak, Utterance, UtteranceKind};

/// The release binary's command line for reading 吶喊 with `backend`, its sound sent by
/// `environment` (programs it starts, espeak-ng or speech-dispatcher, inherit it).
fn reading(dir: &Path, log: &Path, backend: &str, environment: &[(String, String)]) -> Vec<String> {
    let book = corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    let mut command = vec!["env".to_string()];
    command.extend(environment.iter().map(|(k, v)| format!("{k}={v}")));
    let mut leling = reading_command(dir, log, &book);
    // release_command turns speech off; this test wants a voice.
    let off = leling.iter().position(|a| a == "off").unwrap();
    leling[off] = backend.to_owned();
    command.extend(leling);
    command
}

/// The times and texts of what was read aloud, from the speech log.
fn readings(log: &Path) -> Vec<(DateTime<FixedOffset>, String)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.split('\t').nth(2) == Some("text"))
        .map(|l| {
            let mut fields = l.splitn(4, '\t');
            let time = DateTime::parse_from_rfc3339(fields.next().unwrap()).unwrap();
            (time, fields.nth(2).unwrap().to_owned())
        })
        .collect()
}

/// How long espeak-ng takes to say `text` at the reader's rate, from a WAV it writes.
fn spoken_length(text: &str, dir: &Path) -> f64 {
    let espeak = Espeak::find().expect("espeak-ng is installed");
    let wav = dir.join("length.wav");
    espeak
        .synthesize_to_wav(
            &Utterance::new(UtteranceKind::Text, text),
            SpeechRate::new(3),
            None,
            &wav,
        )
        .unwrap();
    let reader = hound::WavReader::open(&wav).unwrap();
    f64::from(reader.duration()) / f64::from(reader.spec().sample_rate)
}

/// Reads three sentences of 吶喊 aloud through `backend` on a paced sink, and checks each was
/// handed over only once the one before had been played, and soon after. `share` is how much
/// of espeak-ng's own length of a sentence the backend's voice takes at least (the same
/// program run by speech-dispatcher speaks a little faster, at its own default pace).
fn reads_on_at_the_pace_of_the_sound(backend: &str, share: f64) {
    let _alone = common::alone_with_the_sound();
    let Some(mut sink) = PacedSink::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let recording = dir.path().join("played.wav");
    let command = reading(dir.path(), &log, backend, &sink.environment());
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("吶喊");
    sink.record(&recording);
    term.keys(&[" "]);
    wait_until_within("four sentences to be handed to the voice", 90, || {
        readings(&log).len() >= 4
    });
    term.keys(&[" "]);
    std::thread::sleep(Duration::from_millis(500));
    sink.stop_recording();
    let screen = term.capture(false);
    assert!(!screen.contains("放不出声音"), "{screen}");

    let read = readings(&log);
    let mut gaps = Vec::new();
    for pair in read.windows(2).take(3) {
        let (said_at, text) = &pair[0];
        let next_at = pair[1].0;
        let length = spoken_length(text, dir.path());
        let after = (next_at - *said_at).as_seconds_f64();
        // Not before the sentence could have been played (a voice that starts a little late
        // only makes this later). A reader racing on would be here within milliseconds.
        assert!(
            after >= share * length - 0.1,
            "{text:?} ({length:.2} s of sound) was followed after {after:.2} s"
        );
        // And not by the guard's clock (twice the expected length and a second more): the
        // voice itself said the sentence was over.
        let expected =
            leling::speech::estimated_duration(text, leling::model::Lang::Zh, SpeechRate::new(3))
                .as_secs_f64();
        assert!(
            after < length + expected + 1.0,
            "{text:?} ({length:.2} s of sound) was followed only after {after:.2} s"
        );
        gaps.push(after - length);
    }
    println!("{backend}: from the end of a sentence's sound to the next sentence: {gaps:.2?} s");

    // The sound was really played: the recording holds about as much speech as was said.
    let sounds = sounds_in(&recording, 300.0, 0.6);
    let heard: f64 = sounds.iter().map(|(start, end)| end - start).sum();
    let said_length: f64 = read
        .iter()
        .take(3)
        .map(|(_, text)| spoken_length(text, dir.path()))
        .sum();
    assert!(
        heard > 0.7 * said_length,
        "{heard:.1} s of sound recorded for {said_length:.1} s of speech: {sounds:?}"
    );
}

#[test]
fn espeak_reads_on_only_when_each_sentence_has_been_played() {
    reads_on_at_the_pace_of_the_sound("espeak", 1.0);
}

#[test]
fn speech_dispatcher_reads_on_only_when_each_sentence_has_been_played() {
    reads_on_at_the_pace_of_the_sound("speechd", 0.6);
}

/// An environment whose sound device cannot be opened: no sound server, and an ALSA default
/// device that does not exist.
fn no_sound_device(dir: &Path) -> Vec<(String, String)> {
    let alsa = dir.join("asound.conf");
    std::fs::write(
        &alsa,
        "pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n",
    )
    .unwrap();
    let runtime = dir.join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    vec![
        ("PULSE_SERVER".into(), "unix:/nonexistent".into()),
        ("ALSA_CONFIG_PATH".into(), alsa.display().to_string()),
        ("XDG_RUNTIME_DIR".into(), runtime.display().to_string()),
    ]
}

/// The status row says page 1 ("第 1/40 页" or, while pages are counted, "第 1 页").
fn on_the_first_page(screen: &str) -> bool {
    screen.contains("第 1/") || screen.contains("第 1 页")
}

fn stays_on_its_sentence_without_sound(backend: &str) {
    if Espeak::find().is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let _speechd = common::StopsSpeechDispatcher(dir.path().join("runtime"));
    let log = dir.path().join("speech.log");
    let command = reading(dir.path(), &log, backend, &no_sound_device(dir.path()));
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for("the first page", on_the_first_page);
    let problem = "朗读放不出声音";
    term.keys(&[" "]);
    let screen = term.wait_for_text(problem);
    // Long enough for a racing reader to have turned pages (and for the guard's clock).
    std::thread::sleep(Duration::from_secs(4));
    let later = term.capture(false);
    assert_eq!(later.matches(problem).count(), 1, "{later}");
    assert!(!later.contains("朗读中"), "{later}");
    assert!(on_the_first_page(&later), "the reader moved on:\n{later}");
    assert_eq!(readings(&log).len(), 1, "{screen}");
    let told: Vec<String> = said(&log, "message")
        .into_iter()
        .filter(|m| m.contains(problem))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");

    // The place kept is where she was, not pages on.
    term.keys(&["Escape"]);
    term.wait_for_text("乐龄 · 主页");
    let store = leling::store::Store::open(&dir.path().join("data/leling.db")).unwrap();
    let book = store.library().last_opened_book().unwrap().unwrap();
    let place = store
        .library()
        .reading_position(book.id, leling::store::GUEST)
        .unwrap()
        .unwrap_or_default();
    assert_eq!(place, leling::model::Position::default());
}

#[test]
fn espeak_without_a_sound_device_stops_on_its_sentence_and_says_so_once() {
    stays_on_its_sentence_without_sound("espeak");
}

#[test]
fn speech_dispatcher_without_a_sound_device_stops_on_its_sentence_and_says_so_once() {
    stays_on_its_sentence_without_sound("speechd");
}

fn doctor(environment: &[(String, String)], dir: &Path) -> String {
    let out = std::process::Command::new(release_binary())
        .envs(environment.iter().cloned())
        .arg("--lang")
        .arg("zh")
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("doctor")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn doctor_says_whether_espeak_really_plays() {
    if Espeak::find().is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let _speechd = common::StopsSpeechDispatcher(dir.path().join("runtime"));
    let silent = doctor(&no_sound_device(dir.path()), dir.path());
    let line = |report: &str| {
        report
            .lines()
            .find(|l| l.contains("语音 espeak："))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        line(&silent).contains("放不出声音") && line(&silent).contains("打不开声音设备"),
        "{silent}"
    );
    let _alone = common::alone_with_the_sound();
    let Some(sink) = PacedSink::start() else {
        return;
    };
    let playing = doctor(&sink.environment(), dir.path());
    assert!(line(&playing).contains("能放出声音"), "{playing}");
}
