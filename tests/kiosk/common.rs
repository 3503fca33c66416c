//! Helpers shared by the integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;

use leling::config::{self, SpeechChoice};
use leling::model::Lang;
use leling::speech::Voice;
use leling::store::Store;
use leling::ui::{App, AppEvent, AppSetup, ColorMode, Overrides};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn corpus(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(relative)
}

/// The kiosk program as the tests run it: the debug build cargo makes for them, keeping its
/// data in `data` and its settings in `data/config.toml`, silent, with a runtime folder of its
/// own (`data/runtime`, so any speech-dispatcher it starts is its own) and its output captured.
/// The interface language is the caller's (`--lang`).
pub fn leling(data: &Path) -> Command {
    let runtime = data.join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_leling"));
    command
        .env("XDG_RUNTIME_DIR", &runtime)
        .arg("--data-dir")
        .arg(data)
        .arg("--config")
        .arg(data.join("config.toml"))
        .args(["--speech", "off"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs [`leling`] on `data` with `args` (in English unless they say otherwise) and `stdin` as
/// its input; waits, and stops any speech-dispatcher it started.
pub fn run(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut command = leling(data);
    if !args.contains(&"--lang") {
        command.args(["--lang", "en"]);
    }
    let mut child = command.args(args).stdin(Stdio::piped()).spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    finish(child, data)
}

/// Waits for a program started with [`leling`] on `data` and stops the speech-dispatcher it
/// may have started.
pub fn finish(child: std::process::Child, data: &Path) -> Output {
    let output = child.wait_with_output().unwrap();
    stop_speech_dispatcher(&data.join("runtime"));
    output
}

/// What a program printed, standard output then standard error.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub struct TestApp {
    pub app: App,
    pub dir: tempfile::TempDir,
    pub events: mpsc::Receiver<AppEvent>,
}

/// An application on a fresh data directory, silent, in the given language.
pub fn app(lang: Lang, kiosk: bool) -> TestApp {
    app_with_log(lang, kiosk, None)
}

/// An application whose settings file holds `config` (TOML) before it starts.
pub fn app_with_config(lang: Lang, config: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    app_in(dir, lang, false, None)
}

/// An application whose settings file holds `config`, with a speech log at `log`.
pub fn app_with_config_and_log(lang: Lang, config: &str, log: &Path) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    app_in(dir, lang, false, Some(log))
}

/// The same, with a speech log to see what would have been said.
pub fn app_with_log(lang: Lang, kiosk: bool, log: Option<&Path>) -> TestApp {
    app_in(tempfile::tempdir().unwrap(), lang, kiosk, log)
}

fn app_in(dir: tempfile::TempDir, lang: Lang, kiosk: bool, log: Option<&Path>) -> TestApp {
    let store = Store::open(&dir.path().join("leling.db")).unwrap();
    if kiosk {
        leling::admin::set_pin(&store, "2468").unwrap();
    }
    let (tx, events) = mpsc::channel();
    let settings = config::load(&dir.path().join("config.toml"));
    let log = log.map(|path| leling::speech::SpeechLog::open(path).unwrap());
    let voice = Voice::start(
        SpeechChoice::Off,
        settings.settings.speech_rate,
        log,
        leling::voice::VoiceHome::at(dir.path().join("voice")),
        tx.clone(),
    );
    let app = App::new(AppSetup {
        settings,
        overrides: Overrides {
            lang: Some(lang),
            ..Overrides::default()
        },
        kiosk,
        color_mode: ColorMode::TrueColor,
        store,
        voice,
        events: tx,
        data_dir: dir.path().to_owned(),
    });
    TestApp { app, dir, events }
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Presses the keys one after another.
pub fn press_all(app: &mut App, keys: &[KeyCode]) {
    for &key in keys {
        press(app, key);
    }
}

pub fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The path of the release binary, built once per test run (as `cargo run --release` would).
pub fn release_binary() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let status = std::process::Command::new(env!("CARGO"))
                .args(["build", "--release", "-p", "leling", "--bin", "leling"])
                .current_dir(root)
                .status()
                .expect("cargo runs");
            assert!(status.success(), "release build failed");
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target"));
            target.join("release").join("leling")
        })
        .clone()
}

/// The release binary's command line on a data directory of its own inside `dir`, silent,
/// followed by `extra` arguments.
pub fn release_command(dir: &Path, extra: &[&str]) -> Vec<String> {
    command_of(&release_binary(), dir, extra)
}

/// The release binary reading `book` with a Chinese interface, every utterance in the speech
/// log at `log`, silent (see [`release_command`]).
pub fn reading_command(dir: &Path, log: &Path, book: &Path) -> Vec<String> {
    let (log, book) = (log.display().to_string(), book.display().to_string());
    release_command(dir, &["--lang", "zh", "--speech-log", &log, "read", &book])
}

/// The same with the debug binary cargo builds for the tests anyway, for a test that needs
/// no release speed: it spares a release build, long on a small machine.
pub fn debug_command(dir: &Path, extra: &[&str]) -> Vec<String> {
    command_of(Path::new(env!("CARGO_BIN_EXE_leling")), dir, extra)
}

fn command_of(binary: &Path, dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut command = vec![
        binary.display().to_string(),
        "--data-dir".into(),
        dir.join("data").display().to_string(),
        "--config".into(),
        dir.join("config.toml").display().to_string(),
        "--speech".into(),
        "off".into(),
    ];
    command.extend(extra.iter().map(|a| a.to_string()));
    command
}

/// Runs the release binary once on the data directory that [`release_command`] gives `dir`
/// (a book added, a member registered before the terminal test starts); it must succeed.
pub fn prepare(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new(release_binary())
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
}

/// What the speech log at `log` says of one kind ("text" for reading, "message" for the
/// interface), one utterance a line.
pub fn said(log: &Path, kind: &str) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.split('\t').nth(2) == Some(kind))
        .map(|l| l.splitn(4, '\t').nth(3).unwrap_or_default().to_owned())
        .collect()
}

/// Every word said, of every kind, without the log's times (whose digits could pass for a
/// PIN's), one utterance a line.
pub fn words_said(log: &Path) -> String {
    let words = std::fs::read_to_string(log).unwrap_or_default();
    let words: Vec<&str> = (words.lines())
        .map(|l| l.splitn(4, '\t').nth(3).unwrap_or_default())
        .collect();
    words.join("\n")
}

/// Waits until `check` holds, for at most 15 seconds.
pub fn wait_until(what: &str, check: impl Fn() -> bool) {
    wait_until_within(what, 15, check)
}

/// Waits until `check` holds, for at most `seconds` (a voice reading several sentences).
pub fn wait_until_within(what: &str, seconds: u64, check: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while !check() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

/// A real terminal: a tmux server of its own running one program, driven by keys and read
/// back with `capture-pane`, as a person at a kiosk would see it.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in a detached tmux window of the given size; `None` when tmux is not
    /// installed (and not required by `LELING_REQUIRE_TMUX=1`, which CI sets).
    pub fn start(width: u16, height: u16, command: &[String]) -> Option<Tmux> {
        let found = std::process::Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok();
        if !found {
            if std::env::var("LELING_REQUIRE_TMUX").as_deref() == Ok("1") {
                panic!("tmux is required (LELING_REQUIRE_TMUX=1) but missing");
            }
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "SKIPPED: tmux is not installed");
            return None;
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let tmux = Tmux {
            socket: format!("leling-test-{}-{n}", std::process::id()),
        };
        let shell_command = command
            .iter()
            .map(|word| format!("'{}'", word.replace('\'', "'\\''")))
            .collect::<Vec<_>>()
            .join(" ");
        let status = tmux
            .command()
            .args([
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .arg(format!(
                "LANG=C.UTF-8 TERM=xterm-256color exec {shell_command}"
            ))
            .status()
            .unwrap();
        assert!(status.success(), "tmux did not start");
        Some(tmux)
    }

    fn command(&self) -> std::process::Command {
        let mut command = std::process::Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }

    /// The screen as text (`-e` keeps the colours and attributes as escape sequences).
    pub fn capture(&self, with_attributes: bool) -> String {
        let mut command = self.command();
        command.args(["capture-pane", "-p", "-t", "0"]);
        if with_attributes {
            command.arg("-e");
        }
        let output = command.output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Presses keys (tmux key names such as `Down`, `Enter`, `Escape`, or plain text).
    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "0"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn resize(&self, width: u16, height: u16) {
        let status = self
            .command()
            .args([
                "resize-window",
                "-t",
                "0",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits until the screen shows `text` (or `check` holds); panics with the screen if it never does.
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let screen = self.capture(false);
            if check(&screen) {
                return screen;
            }
            if std::time::Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
    }

    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(text, |screen| screen.contains(text))
    }

    /// Whether the program in the window is still running.
    pub fn alive(&self) -> bool {
        self.command()
            .args(["has-session"])
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .command()
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// Waits until a file holds at least `lines` lines and returns them.
pub fn wait_for_lines(path: &Path, lines: usize) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let found: Vec<String> = text.lines().map(str::to_owned).collect();
        if found.len() >= lines || std::time::Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

impl Tmux {
    /// The process id of the program running in the window.
    pub fn pid(&self) -> u32 {
        let out = self
            .command()
            .args(["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

/// The seed of a randomised test: the environment variable `name` when it is set (to repeat a
/// failing run), else the clock. Printed either way, so any run can be repeated.
pub fn seed(name: &str) -> u64 {
    let seed = std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("{name}={seed}");
    seed
}

/// One step of a small random source (xorshift): repeatable from its seed, which must not be 0.
pub fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Files made immutable (`chattr +i`) for as long as the guard lives, so that even a program
/// that already has them open for writing, run as root, cannot write to them.
pub struct ReadOnly {
    files: Vec<PathBuf>,
}

impl ReadOnly {
    /// `None` where the file system or the user cannot do it (and `LELING_REQUIRE_CHATTR=1`,
    /// which CI sets, is not asking for it).
    pub fn make(files: &[PathBuf]) -> Option<ReadOnly> {
        let mut guard = ReadOnly { files: Vec::new() };
        for file in files {
            let done = std::process::Command::new("chattr")
                .arg("+i")
                .arg(file)
                .status()
                .is_ok_and(|s| s.success());
            if !done {
                if std::env::var("LELING_REQUIRE_CHATTR").as_deref() == Ok("1") {
                    panic!(
                        "chattr +i {} failed (LELING_REQUIRE_CHATTR=1)",
                        file.display()
                    );
                }
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED: chattr +i needs root on a file system that has it"
                );
                return None;
            }
            guard.files.push(file.clone());
        }
        Some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        for file in &self.files {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(file)
                .status();
        }
    }
}

/// A sound server of the test's own whose one output plays in real time into nothing (a
/// PulseAudio null sink), so a voice takes as long to speak as on a kiosk's speakers; what
/// was played can be recorded from its monitor. `None` when PulseAudio is not installed (and
/// `LELING_REQUIRE_SPEECH=1`, which CI sets, is not asking for it).
pub struct PacedSink {
    /// The runtime directory its socket is in: `XDG_RUNTIME_DIR` for the programs that play.
    pub runtime: tempfile::TempDir,
    recorder: Option<std::process::Child>,
    /// A stream of silence that keeps the sink running at a low latency, as a sound card is:
    /// an idle null sink takes a 2 s latency, which the first sound after it then waits out,
    /// and its monitor records nothing while it is idle.
    keep_running: Option<std::process::Child>,
}

impl PacedSink {
    pub fn start() -> Option<PacedSink> {
        let runtime = tempfile::tempdir().unwrap();
        let started = std::process::Command::new("pulseaudio")
            .env("XDG_RUNTIME_DIR", runtime.path())
            .args([
                "--daemonize=yes",
                "--exit-idle-time=-1",
                "-n",
                "--load=module-null-sink sink_name=leling",
                "--load=module-native-protocol-unix",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !started {
            if std::env::var("LELING_REQUIRE_SPEECH").as_deref() == Ok("1") {
                panic!("PulseAudio is required (LELING_REQUIRE_SPEECH=1) but did not start");
            }
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "SKIPPED: PulseAudio is not installed");
            return None;
        }
        let mut sink = PacedSink {
            runtime,
            recorder: None,
            keep_running: None,
        };
        let ready = (0..100).any(|_| {
            let answered = sink
                .command("pactl")
                .args(["set-default-sink", "leling"])
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !answered {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            answered
        });
        assert!(ready, "PulseAudio did not answer");
        let silence = std::fs::File::open("/dev/zero").unwrap();
        sink.keep_running = Some(sink.play(silence.into()));
        Some(sink)
    }

    /// Plays 16-bit mono sound at 24 kHz from `sound` through this server, at a 10 ms latency.
    fn play(&self, sound: std::process::Stdio) -> std::process::Child {
        self.command("pacat")
            .args([
                "--raw",
                "--format=s16le",
                "--rate=24000",
                "--channels=1",
                "--latency-msec=10",
            ])
            .stdin(sound)
            .spawn()
            .expect("pacat runs (pulseaudio-utils)")
    }

    /// Plays a 100 ms tone: a mark of "now" in the recording, since it passes the same sink
    /// and recorder delays as the voice does.
    pub fn mark_time(&self) -> std::time::SystemTime {
        use std::io::Write;
        let tone: Vec<u8> = (0..2400)
            .flat_map(|i| {
                let t = f64::from(i) / 24_000.0;
                ((12_000.0 * (2.0 * std::f64::consts::PI * 1000.0 * t).sin()) as i16).to_le_bytes()
            })
            .collect();
        let mut player = self.play(std::process::Stdio::piped());
        let now = std::time::SystemTime::now();
        player.stdin.take().unwrap().write_all(&tone).unwrap();
        player.wait().unwrap();
        now
    }

    /// A command that plays through this server.
    pub fn command(&self, program: &str) -> std::process::Command {
        let mut command = std::process::Command::new(program);
        command.envs(self.environment());
        command
    }

    /// The environment that sends a program's sound here (and nowhere else).
    pub fn environment(&self) -> Vec<(String, String)> {
        let runtime = self.runtime.path().display().to_string();
        vec![
            (
                "PULSE_SERVER".into(),
                format!("unix:{runtime}/pulse/native"),
            ),
            ("XDG_RUNTIME_DIR".into(), runtime),
        ]
    }

    /// Starts recording everything played, as 16 kHz mono WAV, into `wav`.
    pub fn record(&mut self, wav: &Path) {
        let child = self
            .command("parecord")
            .args([
                "--device=leling.monitor",
                "--file-format=wav",
                "--rate=16000",
                "--channels=1",
                "--format=s16le",
            ])
            .arg(wav)
            .spawn()
            .expect("parecord runs (pulseaudio-utils)");
        self.recorder = Some(child);
        // parecord takes a second or more to start recording; what plays before is lost, so
        // the recording begins only once sound is reaching the file.
        let recording = || std::fs::metadata(wav).is_ok_and(|m| m.len() > 4096);
        wait_until_within("the recorder to start", 10, recording);
    }

    /// Ends the recording, so its file is complete.
    pub fn stop_recording(&mut self) {
        if let Some(mut child) = self.recorder.take() {
            // parecord writes the WAV header's lengths when it is interrupted.
            let _ = std::process::Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

impl Drop for PacedSink {
    fn drop(&mut self) {
        self.stop_recording();
        if let Some(mut silence) = self.keep_running.take() {
            let _ = silence.kill();
            let _ = silence.wait();
        }
        stop_speech_dispatcher(self.runtime.path());
        let _ = self
            .command("pulseaudio")
            .arg("--kill")
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// Stops the speech-dispatcher that programs run with `XDG_RUNTIME_DIR=runtime` started (Leling
/// starts one on demand, and `leling doctor` tries it): a daemon left behind outlives the test,
/// and one whose queue fills up would hold every later connection to its socket.
pub fn stop_speech_dispatcher(runtime: &Path) {
    let pid_file = runtime.join("speech-dispatcher/pid/speech-dispatcher.pid");
    if let Ok(pid) = std::fs::read_to_string(pid_file) {
        let _ = std::process::Command::new("kill")
            .args(["-9", pid.trim()])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// Stops the speech-dispatcher of a runtime directory when dropped, however the test ends.
pub struct StopsSpeechDispatcher(pub PathBuf);

impl Drop for StopsSpeechDispatcher {
    fn drop(&mut self) {
        stop_speech_dispatcher(&self.0);
    }
}

/// The stretches of sound in a 16-bit mono WAV, as (start, end) in seconds: 20 ms windows
/// louder than `floor` RMS, joined across quiet shorter than `bridge` seconds.
pub fn sounds_in(wav: &Path, floor: f64, bridge: f64) -> Vec<(f64, f64)> {
    let mut reader = hound::WavReader::open(wav).unwrap();
    let rate = f64::from(reader.spec().sample_rate);
    let samples: Vec<i16> = reader.samples::<i16>().map_while(Result::ok).collect();
    let window = (rate * 0.02) as usize;
    let mut sounds: Vec<(f64, f64)> = Vec::new();
    for (n, chunk) in samples.chunks(window).enumerate() {
        let rms =
            (chunk.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / chunk.len() as f64).sqrt();
        if rms < floor {
            continue;
        }
        let (start, end) = (n as f64 * 0.02, (n + 1) as f64 * 0.02);
        match sounds.last_mut() {
            Some(last) if start - last.1 < bridge => last.1 = end,
            _ => sounds.push((start, end)),
        }
    }
    sounds
}

/// One test at a time that records sound or runs the neural voice: a recording measures gaps of
/// a tenth of a second, and a voice engine takes both cores of a small machine, as a kiosk's
/// voice has its machine to itself. Hold the guard for the whole test.
pub fn alone_with_the_sound() -> std::sync::MutexGuard<'static, ()> {
    static SOUND: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SOUND.lock().unwrap_or_else(|e| e.into_inner())
}

/// The installed neural voice's folder (`LELING_VOICE_DIR`, as `.ci/run` installs it), or
/// None and a SKIPPED line when it is not installed. With `LELING_REQUIRE_VOICE=1` a missing
/// voice fails the test instead.
pub fn neural_voice() -> Option<PathBuf> {
    let dir = std::env::var_os("LELING_VOICE_DIR").map(PathBuf::from);
    let installed = |dir: &PathBuf| leling::voice::VoiceHome::at(dir.clone()).check().is_ok();
    match dir.filter(installed) {
        Some(dir) => Some(dir),
        None => {
            if std::env::var("LELING_REQUIRE_VOICE").as_deref() == Ok("1") {
                panic!(
                    "the neural voice is required (LELING_REQUIRE_VOICE=1): set LELING_VOICE_DIR \
                     to a folder where `leling voice install` has put it"
                );
            }
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the neural voice is not installed"
            );
            None
        }
    }
}

/// Books, Recommended lists, the first list, its first book: the keys from the home screen.
pub fn open_first_recommended_book(app: &mut App) {
    press_all(
        app,
        &[
            KeyCode::Char('1'),
            KeyCode::Char('2'),
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
}
