//! A learner's own settings (text size, theme, line gap, speech rate, voice), kept in a row of hers
//! that syncs, so they follow her to every kiosk where she signs in. The values are kept as
//! written; whoever reads them checks them, since a row may come from another kiosk.

use rusqlite::{OptionalExtension, params};

use super::StoreError;
use super::library::Library;

/// Her settings as kept: numbers and a theme's code, unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerSettings {
    pub zoom: i64,
    pub theme: String,
    pub line_gap: i64,
    pub speech_rate: i64,
    /// The speech backend she chose (its code), or '' where she chose none.
    pub voice: String,
}

impl Library<'_> {
    /// The learner's own settings, if she has set any.
    pub fn learner_settings(&self, learner: &str) -> Result<Option<LearnerSettings>, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT zoom, theme, line_gap, speech_rate, voice FROM learner_settings
                 WHERE learner = ?1",
                [learner],
                |r| {
                    Ok(LearnerSettings {
                        zoom: r.get(0)?,
                        theme: r.get(1)?,
                        line_gap: r.get(2)?,
                        speech_rate: r.get(3)?,
                        voice: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Keeps the learner's own settings (and queues them for the hub, when they changed).
    pub fn save_learner_settings(
        &self,
        learner: &str,
        settings: &LearnerSettings,
    ) -> Result<(), StoreError> {
        if self.learner_settings(learner)?.as_ref() == Some(settings) {
            return Ok(());
        }
        self.store
            .conn
            .execute(
                "INSERT INTO learner_settings
                     (learner, zoom, theme, line_gap, speech_rate, voice, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (learner) DO UPDATE SET zoom = excluded.zoom,
                     theme = excluded.theme, line_gap = excluded.line_gap,
                     speech_rate = excluded.speech_rate, voice = excluded.voice,
                     changed_at = excluded.changed_at",
                params![
                    learner,
                    settings.zoom,
                    settings.theme,
                    settings.line_gap,
                    settings.speech_rate,
                    settings.voice,
                    chrono::Local::now().to_rfc3339()
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }
}
