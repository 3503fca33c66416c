//! Speech: the `Speaker` trait, its backends, and the thread that owns the chosen one.
//!
//! Backends, tried in this order under `auto` (see docs/ARCHITECTURE.md for why): the neural
//! voice where `leling voice install` has put it, speech-dispatcher over its socket protocol,
//! espeak-ng as a child process, the `tts` crate (when built with the `tts` feature), and
//! silence. The speech log works beside any of them.

mod espeak;
mod log;
pub mod neural;
mod player;
#[cfg(unix)]
mod ssip;
#[cfg(any(feature = "tts", target_os = "windows", target_os = "macos"))]
mod tts_backend;
pub mod voice;
mod worker;

use crate::voice::VoiceHome;
use leling_core::model::{Lang, lang_of};
use leling_core::settings::SpeechRate;
use serde::{Deserialize, Serialize};

/// Which speech backend to use. `Auto` tries them in the order docs/ARCHITECTURE.md gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeechChoice {
    #[default]
    Auto,
    Neural,
    Speechd,
    Espeak,
    Tts,
    Off,
}

impl SpeechChoice {
    pub const ALL: [SpeechChoice; 6] = [
        SpeechChoice::Auto,
        SpeechChoice::Neural,
        SpeechChoice::Speechd,
        SpeechChoice::Espeak,
        SpeechChoice::Tts,
        SpeechChoice::Off,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SpeechChoice::Auto => "auto",
            SpeechChoice::Neural => "neural",
            SpeechChoice::Speechd => "speechd",
            SpeechChoice::Espeak => "espeak",
            SpeechChoice::Tts => "tts",
            SpeechChoice::Off => "off",
        }
    }
}

pub use espeak::Espeak;
pub use log::SpeechLog;
pub use player::RATE as SAMPLE_RATE;
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

/// What went wrong with a voice, in words a technician can act on (`message_id`), with the
/// backend's own detail for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpeechError {
    /// The program or daemon is not on this machine, or would not start.
    #[error("{0} is not available here")]
    Unavailable(&'static str),
    /// It ran, but could not play its sound (no sound device, or the device refused).
    #[error("{backend} could not play sound: {detail}")]
    NoSound {
        backend: &'static str,
        detail: String,
    },
    /// It broke off or stopped answering.
    #[error("{backend} failed: {detail}")]
    Failed {
        backend: &'static str,
        detail: String,
    },
}

impl SpeechError {
    /// The locale message that says this to a person.
    pub fn message_id(&self) -> &'static str {
        match self {
            SpeechError::Unavailable(_) => "speech-problem-unavailable",
            SpeechError::NoSound { .. } => "speech-problem-no-sound",
            SpeechError::Failed { .. } => "speech-problem-failed",
        }
    }
}

/// Where the utterance last handed to [`Speaker::speak`] stands, as the backend itself knows
/// it: from its own notifications or its process, never from a guess at its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Handed over; no sound yet.
    Queued,
    /// Its sound has started.
    Playing,
    Finished,
    Failed(SpeechError),
}

/// One way of making sound. `speak` hands the utterance over and returns at once.
pub trait Speaker: Send {
    fn name(&self) -> &'static str;
    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError>;
    /// Silences what is being said now.
    fn stop(&mut self) -> Result<(), SpeechError>;
    /// The voice used for a language, as a person would recognise it.
    fn voice_for(&mut self, lang: Lang) -> String;
    /// How the last utterance is going; looked at every few milliseconds while it lasts.
    fn progress(&mut self) -> Progress;
    /// The utterance likely to be asked for next: a backend that can make its sound ahead
    /// starts on it now, so reading on has no gap. Others need do nothing.
    fn prepare(&mut self, _next: &Utterance, _rate: SpeechRate) {}
    /// Plays a short utterance (silently where the backend can) and waits for it: whether
    /// this backend really makes sound here, for `leling doctor`.
    fn check_playback(&mut self) -> Result<(), SpeechError>;
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

/// The backend used when speech is off or nothing else works. It makes no sound, so an
/// utterance "plays" for as long as it would take to say: reading aloud with speech off still
/// moves the highlight at a speaking pace (for the speech log, and for learners who read along).
#[derive(Default)]
pub struct Silent {
    ends: Option<std::time::Instant>,
}

impl Speaker for Silent {
    fn name(&self) -> &'static str {
        "off"
    }
    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        let length = estimated_duration(&utterance.text, utterance.lang, rate);
        self.ends = Some(std::time::Instant::now() + length);
        Ok(())
    }
    fn stop(&mut self) -> Result<(), SpeechError> {
        self.ends = None;
        Ok(())
    }
    fn voice_for(&mut self, _: Lang) -> String {
        "-".to_owned()
    }
    fn progress(&mut self) -> Progress {
        match self.ends {
            Some(ends) if std::time::Instant::now() < ends => Progress::Playing,
            _ => Progress::Finished,
        }
    }
    fn check_playback(&mut self) -> Result<(), SpeechError> {
        Ok(())
    }
}

/// Opens one named backend.
fn open(choice: SpeechChoice, home: &VoiceHome) -> Result<Box<dyn Speaker>, SpeechError> {
    match choice {
        SpeechChoice::Neural => Ok(Box::new(neural::Neural::start(home)?)),
        #[cfg(unix)]
        SpeechChoice::Speechd => Ok(Box::new(ssip::SpeechDispatcher::connect()?)),
        #[cfg(not(unix))]
        SpeechChoice::Speechd => Err(SpeechError::Unavailable("speech-dispatcher")),
        SpeechChoice::Espeak => Ok(Box::new(Espeak::find()?)),
        #[cfg(any(feature = "tts", target_os = "windows", target_os = "macos"))]
        SpeechChoice::Tts => Ok(Box::new(tts_backend::TtsCrate::new()?)),
        #[cfg(not(any(feature = "tts", target_os = "windows", target_os = "macos")))]
        SpeechChoice::Tts => Err(SpeechError::Unavailable("tts")),
        SpeechChoice::Off | SpeechChoice::Auto => Ok(Box::new(Silent::default())),
    }
}

/// The order `auto` tries backends in: the neural voice where it is installed (it is the one
/// an older Chinese listener understands), then on Windows and macOS the `tts` crate, the
/// native choice; elsewhere speech-dispatcher, then espeak-ng, then `tts` if it was built in.
pub fn auto_order() -> &'static [SpeechChoice] {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        &[
            SpeechChoice::Neural,
            SpeechChoice::Tts,
            SpeechChoice::Espeak,
        ]
    } else {
        &[
            SpeechChoice::Neural,
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
pub fn choose(choice: SpeechChoice, home: &VoiceHome) -> Box<dyn Speaker> {
    opened(choice, home).unwrap_or_else(|| Box::new(Silent::default()))
}

/// The backend a choice leads to, or None when it leads to none here (silence chosen is
/// silence had).
pub fn opened(choice: SpeechChoice, home: &VoiceHome) -> Option<Box<dyn Speaker>> {
    if choice == SpeechChoice::Off {
        return Some(Box::new(Silent::default()));
    }
    backends_tried(choice)
        .into_iter()
        .find_map(|c| open(c, home).ok())
}

/// What `leling doctor` reports about one backend.
pub struct BackendProbe {
    pub choice: SpeechChoice,
    /// The voices it would use (zh, en) and whether it really played a sound.
    pub found: Result<(String, String, Result<(), SpeechError>), SpeechError>,
}

/// Tries every backend: which ones open, the voices they would use (zh, en), and whether each
/// can really play a sound here.
pub fn probe_all(home: &VoiceHome) -> Vec<BackendProbe> {
    [
        SpeechChoice::Neural,
        SpeechChoice::Speechd,
        SpeechChoice::Espeak,
        SpeechChoice::Tts,
    ]
    .into_iter()
    .map(|choice| BackendProbe {
        choice,
        found: open(choice, home).map(|mut s| {
            let voices = (s.voice_for(Lang::Zh), s.voice_for(Lang::En));
            (voices.0, voices.1, s.check_playback())
        }),
    })
    .collect()
}

/// The backend a choice would use, given what `probe_all` found: the first that opens, as
/// [`choose`] picks it (whether it plays is on its own line of the report).
pub fn chosen_name(choice: SpeechChoice, probes: &[BackendProbe]) -> &'static str {
    let works = |c: SpeechChoice| probes.iter().any(|p| p.choice == c && p.found.is_ok());
    backends_tried(choice)
        .into_iter()
        .find(|&c| works(c))
        .map_or("off", SpeechChoice::code)
}
