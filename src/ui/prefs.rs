//! The person's settings as the shell holds them: the settings file's values, where they are
//! saved (never over a file that could not be read), and the command line's overrides for
//! this run. Saving answers with what the status line should say.

use std::path::PathBuf;

use super::settings_rows::{self, Overrides, Setting};
use crate::config::{self, Settings, SpeechChoice, ThemeName};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::Voice;

pub struct Prefs {
    pub(super) settings: Settings,
    path: PathBuf,
    /// The settings file is broken: never write over it.
    frozen: bool,
    pub(super) overrides: Overrides,
}

impl Prefs {
    pub(super) fn new(loaded: config::LoadedSettings, overrides: Overrides) -> Prefs {
        Prefs {
            frozen: loaded.problem.is_some(),
            settings: loaded.settings,
            path: loaded.path,
            overrides,
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

    /// Saves the settings atomically. Returns what the status line says now: nothing once
    /// saved, else why not (a broken settings file is left alone and the person told).
    pub(super) fn save(&self) -> Option<String> {
        if self.frozen {
            return Some(t(self.lang(), "settings-not-saved"));
        }
        let error = config::save(&self.path, &self.settings).err()?;
        let reason = crate::i18n::io_reason(&error, self.lang());
        let reason = [("reason", reason.into())];
        Some(t_with(self.lang(), "settings-save-failed", &reason))
    }

    /// A setting to its next (or previous) value, saved; answers as [`Prefs::save`].
    pub(super) fn step(
        &mut self,
        setting: Setting,
        forward: bool,
        voice: &Voice,
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
        self.save()
    }
}
