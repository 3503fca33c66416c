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
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("leling.db")).unwrap();
    if kiosk {
        leling::admin::set_pin(&store, "2468").unwrap();
    }
    let (tx, events) = mpsc::channel();
    let settings = config::load(&dir.path().join("config.toml"));
    let voice = Voice::start(SpeechChoice::Off, settings.settings.speech_rate, None, tx);
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
