//! The `tts` crate: the platform's own voices on Windows and macOS (and speech-dispatcher's C
//! library on Linux, for builds that have its headers). Built only with the `tts` feature.

use tts::Tts;

use super::{Progress, Speaker, SpeechError, Utterance, UtteranceKind};
use leling_core::model::Lang;
use leling_core::settings::SpeechRate;

const NAME: &str = "tts";

pub struct TtsCrate {
    tts: Tts,
    /// The language whose voice is set now, so voices change only when the language does.
    lang: Option<Lang>,
}

impl TtsCrate {
    pub fn new() -> Result<TtsCrate, SpeechError> {
        let tts = Tts::default().map_err(|_| SpeechError::Unavailable(NAME))?;
        Ok(TtsCrate { tts, lang: None })
    }

    fn voice(&self, lang: Lang) -> Option<tts::Voice> {
        let prefix = lang.code();
        self.tts.voices().ok()?.into_iter().find(|v| {
            v.language()
                .as_str()
                .to_ascii_lowercase()
                .starts_with(prefix)
        })
    }
}

impl Speaker for TtsCrate {
    fn name(&self) -> &'static str {
        NAME
    }

    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        if self.lang != Some(utterance.lang) {
            if let Some(voice) = self.voice(utterance.lang) {
                self.tts.set_voice(&voice).map_err(failed)?;
            }
            self.lang = Some(utterance.lang);
        }
        // Steps 1..5 spread evenly from the slowest to the fastest rate, 3 being normal.
        let (min, normal, max) = (
            self.tts.min_rate(),
            self.tts.normal_rate(),
            self.tts.max_rate(),
        );
        let step = f32::from(rate.get()) - 3.0;
        let value = if step < 0.0 {
            normal + (normal - min) * step / 4.0
        } else {
            normal + (max - normal) * step / 4.0
        };
        self.tts.set_rate(value).map_err(failed)?;
        self.tts.speak(&utterance.text, false).map_err(failed)?;
        Ok(())
    }

    fn stop(&mut self) -> Result<(), SpeechError> {
        self.tts.stop().map(drop).map_err(failed)
    }

    fn voice_for(&mut self, lang: Lang) -> String {
        self.voice(lang)
            .map(|v| v.name())
            .unwrap_or_else(|| format!("the system's default voice for {}", lang.code()))
    }

    fn progress(&mut self) -> Progress {
        match self.tts.is_speaking() {
            Ok(true) => Progress::Playing,
            Ok(false) => Progress::Finished,
            Err(e) => Progress::Failed(failed(e)),
        }
    }

    fn check_playback(&mut self) -> Result<(), SpeechError> {
        let volume = self.tts.get_volume().map_err(failed)?;
        self.tts.set_volume(self.tts.min_volume()).map_err(failed)?;
        let utterance = Utterance::new(UtteranceKind::Message, "ok");
        let spoken = self.speak(&utterance, leling_core::settings::SpeechRate::new(3));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut outcome = spoken.map(|()| Progress::Playing);
        while matches!(outcome, Ok(Progress::Playing | Progress::Queued))
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(std::time::Duration::from_millis(20));
            outcome = Ok(self.progress());
        }
        self.tts.set_volume(volume).map_err(failed)?;
        match outcome? {
            Progress::Finished => Ok(()),
            Progress::Failed(problem) => Err(problem),
            Progress::Queued | Progress::Playing => Err(SpeechError::NoSound {
                backend: NAME,
                detail: "a word began and never ended".to_owned(),
            }),
        }
    }
}

fn failed(detail: impl ToString) -> SpeechError {
    SpeechError::Failed {
        backend: NAME,
        detail: detail.to_string(),
    }
}
