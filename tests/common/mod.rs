//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
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
                .args(["build", "--release", "--bin", "leling"])
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
