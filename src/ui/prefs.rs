//! The person's settings as the shell holds them: the settings file's values, where they are
//! saved (never over a file that could not be read), and the command line's overrides for
//! this run. Saving answers with what the status line should say.

use std::path::PathBuf;

use super::settings_rows::{self, Overrides, Setting};
use crate::config::{self, LineGap, Settings, SpeechChoice, SpeechRate, ThemeName, Zoom};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::speech::Voice;
use crate::store::{LearnerSettings, Store};

pub struct Prefs {
    pub(super) settings: Settings,
    path: PathBuf,
    /// The settings file is broken: never write over it.
    frozen: bool,
    pub(super) overrides: Overrides,
    /// The learner signed in, whose own settings (`LearnerSettings`) are in force and saved to
    /// her row; with the kiosk's settings as they were, which come back when she signs out.
    signed_in: Option<(String, Settings)>,
}

impl Prefs {
    pub(super) fn new(loaded: config::LoadedSettings, overrides: Overrides) -> Prefs {
        Prefs {
            frozen: loaded.problem.is_some(),
            settings: loaded.settings,
            path: loaded.path,
            overrides,
            signed_in: None,
        }
    }

    /// A learner signed in: her own settings, where she has any, take over from the kiosk's
    /// (each value checked, since her row may come from another kiosk).
    pub(super) fn sign_in(&mut self, learner: &str, own: Option<LearnerSettings>) {
        let kiosk = match self.signed_in.take() {
            Some((_, kiosk)) => kiosk,
            None => self.settings.clone(),
        };
        if let Some(own) = own {
            self.settings.zoom = Zoom::try_from(own.zoom).unwrap_or(kiosk.zoom);
            self.settings.theme = own.theme.parse().unwrap_or(kiosk.theme);
            self.settings.line_gap = LineGap::try_from(own.line_gap).unwrap_or(kiosk.line_gap);
            self.settings.speech_rate =
                SpeechRate::try_from(own.speech_rate).unwrap_or(kiosk.speech_rate);
            // A voice of another kiosk is kept as hers even where this kiosk lacks it.
            self.settings.speech = SpeechChoice::ALL
                .into_iter()
                .find(|choice| choice.code() == own.voice)
                .unwrap_or(kiosk.speech);
        }
        self.signed_in = Some((learner.to_owned(), kiosk));
    }

    /// She signed out: the kiosk's settings are back.
    pub(super) fn sign_out(&mut self) {
        if let Some((_, kiosk)) = self.signed_in.take() {
            self.settings = kiosk;
        }
    }

    /// The interface's language: the command line's, else the person's choice, else the
    /// system's.
    pub fn lang(&self) -> Lang {
        self.overrides.lang(&self.settings)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn theme_name(&self) -> ThemeName {
        self.overrides.theme(&self.settings)
    }

    pub(super) fn speech(&self) -> SpeechChoice {
        self.overrides.speech(&self.settings)
    }

    /// Saves the settings: a signed-in learner's own in her row (which syncs), the rest, the
    /// kiosk's, atomically in the settings file. Returns what the status line says now:
    /// nothing once saved, else why not (a broken settings file is left alone and the person
    /// told).
    pub(super) fn save(&mut self, store: &Store) -> Option<String> {
        let lang = self.lang();
        let mut problem = None;
        let file = match &mut self.signed_in {
            Some((learner, kiosk)) => {
                let own = LearnerSettings {
                    zoom: self.settings.zoom.get().into(),
                    theme: self.settings.theme.code().to_owned(),
                    line_gap: self.settings.line_gap.get().into(),
                    speech_rate: self.settings.speech_rate.get().into(),
                    // Hers only where she chose another than this kiosk's.
                    voice: match self.settings.speech {
                        chosen if chosen != kiosk.speech => chosen.code().to_owned(),
                        _ => String::new(),
                    },
                };
                if let Err(error) = store.library().save_learner_settings(learner, &own) {
                    problem = Some(error.message(lang));
                }
                // The kiosk's are what she has changed but her own settings.
                let file = Settings {
                    zoom: kiosk.zoom,
                    theme: kiosk.theme,
                    line_gap: kiosk.line_gap,
                    speech_rate: kiosk.speech_rate,
                    speech: kiosk.speech,
                    ..self.settings.clone()
                };
                let unchanged = file == *kiosk;
                *kiosk = file.clone();
                (!unchanged).then_some(file)
            }
            None => Some(self.settings.clone()),
        };
        if self.frozen {
            return Some(t(lang, "settings-not-saved"));
        }
        // Only her own settings changed: the file already holds the kiosk's.
        let Some(file) = file else {
            return problem;
        };
        let Err(error) = config::save(&self.path, &file) else {
            return problem;
        };
        let reason = crate::i18n::io_reason(&error, lang);
        let reason = [("reason", reason.into())];
        Some(t_with(lang, "settings-save-failed", &reason))
    }

    /// A setting to its next (or previous) value, saved; answers as [`Prefs::save`].
    pub(super) fn step(
        &mut self,
        setting: Setting,
        forward: bool,
        voice: &Voice,
        store: &Store,
    ) -> Option<String> {
        let lang = self.lang();
        settings_rows::change(
            setting,
            forward,
            &mut self.settings,
            &mut self.overrides,
            voice,
            lang,
        );
        self.save(store)
    }
}
