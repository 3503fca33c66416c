//! Speech: the `Speaker` trait, its backends, and the thread that owns the chosen one.
//!
//! Backends, tried in this order under `auto` (see ARCHITECTURE.md for why):
//! speech-dispatcher over its socket protocol, espeak-ng as a child process, the `tts` crate
//! (when built with the `tts` feature), and silence. The speech log works beside any of them.

mod espeak;
mod log;
#[cfg(unix)]
mod ssip;
#[cfg(any(feature = "tts", target_os = "windows", target_os = "macos"))]
mod tts_backend;
mod worker;

use crate::config::{SpeechChoice, SpeechRate};
use crate::model::{Lang, lang_of};

pub use espeak::Espeak;
pub use log::SpeechLog;
pub use worker::{SpeechEvent, Voice};

/// Interface announcements (`Message`) and reading (`Text`) go at different priorities, so a
/// speech-dispatcher screen reader is not cut off by a book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UtteranceKind {
    Text,
    Message,
}

impl UtteranceKind {
    pub fn code(self) -> &'static str {
        match self {
            UtteranceKind::Text => "text",
            UtteranceKind::Message => "message",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Utterance {
    pub lang: Lang,
    pub kind: UtteranceKind,
    pub text: String,
}

impl Utterance {
    /// An utterance whose voice is chosen by the script of its text.
    pub fn new(kind: UtteranceKind, text: impl Into<String>) -> Utterance {
        let text = text.into();
        Utterance {
            lang: lang_of(&text),
            kind,
            text,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    #[error("{0} is not available here")]
    Unavailable(&'static str),
    #[error("{backend} failed: {detail}")]
    Failed {
        backend: &'static str,
        detail: String,
    },
}

/// One way of making sound. `speak` hands the utterance over and returns at once.
pub trait Speaker: Send {
    fn name(&self) -> &'static str;
    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError>;
    /// Silences what is being said now.
    fn stop(&mut self) -> Result<(), SpeechError>;
    /// The voice used for a language, as a person would recognise it.
    fn voice_for(&mut self, lang: Lang) -> String;
    /// Whether the last utterance is still being spoken; `None` when the backend cannot tell,
    /// in which case the narrator goes by the estimated duration.
    fn is_speaking(&mut self) -> Option<bool> {
        None
    }
}

/// How much faster than the normal pace each rate step speaks (step 3 is 1.0).
pub fn pace(rate: SpeechRate) -> f64 {
    [0.7, 0.85, 1.0, 1.2, 1.4][usize::from(rate.get() - 1)]
}

/// How long an utterance takes at a rate: about four Chinese characters a second, or the
/// espeak-ng words-per-minute of the rate, plus a short pause between sentences. Used to pace
/// reading aloud when the backend cannot say when it is done, and for "minutes left".
pub fn estimated_duration(text: &str, lang: Lang, rate: SpeechRate) -> std::time::Duration {
    let pace = pace(rate);
    let seconds = match lang {
        Lang::Zh => text.chars().filter(|c| c.is_alphanumeric()).count() as f64 / (4.0 * pace),
        Lang::En => text.split_whitespace().count() as f64 / (160.0 * pace / 60.0),
    };
    std::time::Duration::from_secs_f64(seconds + 0.3)
}

/// The backend used when speech is off or nothing else works.
pub struct Silent;

impl Speaker for Silent {
    fn name(&self) -> &'static str {
        "off"
    }
    fn speak(&mut self, _: &Utterance, _: SpeechRate) -> Result<(), SpeechError> {
        Ok(())
    }
    fn stop(&mut self) -> Result<(), SpeechError> {
        Ok(())
    }
    fn voice_for(&mut self, _: Lang) -> String {
        "-".to_owned()
    }
}

/// Opens one named backend.
fn open(choice: SpeechChoice) -> Result<Box<dyn Speaker>, SpeechError> {
    match choice {
        #[cfg(unix)]
        SpeechChoice::Speechd => Ok(Box::new(ssip::SpeechDispatcher::connect()?)),
        #[cfg(not(unix))]
        SpeechChoice::Speechd => Err(SpeechError::Unavailable("speech-dispatcher")),
        SpeechChoice::Espeak => Ok(Box::new(Espeak::find()?)),
        #[cfg(any(feature = "tts", target_os = "windows", target_os = "macos"))]
        SpeechChoice::Tts => Ok(Box::new(tts_backend::TtsCrate::new()?)),
        #[cfg(not(any(feature = "tts", target_os = "windows", target_os = "macos")))]
        SpeechChoice::Tts => Err(SpeechError::Unavailable("tts")),
        SpeechChoice::Off | SpeechChoice::Auto => Ok(Box::new(Silent)),
    }
}

/// The order `auto` tries backends in: on Windows and macOS the `tts` crate is the native
/// choice; elsewhere speech-dispatcher, then espeak-ng, then `tts` if it was built in.
pub fn auto_order() -> &'static [SpeechChoice] {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        &[SpeechChoice::Tts, SpeechChoice::Espeak]
    } else {
        &[
            SpeechChoice::Speechd,
            SpeechChoice::Espeak,
            SpeechChoice::Tts,
        ]
    }
}

/// The backends a choice tries, in order.
fn backends_tried(choice: SpeechChoice) -> Vec<SpeechChoice> {
    match choice {
        SpeechChoice::Auto => auto_order().to_vec(),
        SpeechChoice::Off => Vec::new(),
        named => vec![named],
    }
}

/// The backend a choice leads to: the first one that opens, or silence.
pub fn choose(choice: SpeechChoice) -> Box<dyn Speaker> {
    backends_tried(choice)
        .into_iter()
        .find_map(|c| open(c).ok())
        .unwrap_or_else(|| Box::new(Silent))
}

/// What `leling doctor` reports about one backend.
pub struct BackendProbe {
    pub choice: SpeechChoice,
    pub found: Result<(String, String), String>,
}

/// Tries every backend and says which ones work, with the voices they would use (zh, en).
pub fn probe_all() -> Vec<BackendProbe> {
    [
        SpeechChoice::Speechd,
        SpeechChoice::Espeak,
        SpeechChoice::Tts,
    ]
    .into_iter()
    .map(|choice| BackendProbe {
        choice,
        found: open(choice)
            .map(|mut s| (s.voice_for(Lang::Zh), s.voice_for(Lang::En)))
            .map_err(|e| e.to_string()),
    })
    .collect()
}

/// The backend a choice would use, given what `probe_all` found.
pub fn chosen_name(choice: SpeechChoice, probes: &[BackendProbe]) -> &'static str {
    let works = |c: SpeechChoice| probes.iter().any(|p| p.choice == c && p.found.is_ok());
    backends_tried(choice)
        .into_iter()
        .find(|&c| works(c))
        .map_or("off", SpeechChoice::code)
}
