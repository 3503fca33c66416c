//! Lectures in a learner's record: the ones they mean to attend ("remind me") and the ones
//! they attended or watched.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// A learner's lectures: planned and attended.
pub struct Lectures<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn lectures(&self) -> Lectures<'_> {
        Lectures { store: self }
    }
}

/// Where a learner stands with one lecture.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LectureMarks {
    pub planned: bool,
    pub attended: bool,
}

impl Lectures<'_> {
    /// Puts a lecture in the learner's plan (again is harmless), with when and where it is.
    pub fn plan(
        &self,
        learner: &str,
        lecture_id: &str,
        title: &str,
        starts_at: Option<&str>,
        place: Option<&str>,
    ) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO lecture_plans (learner, lecture_id, title, starts_at, planned_at,
                     place)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (learner, lecture_id) DO NOTHING",
                params![
                    learner,
                    lecture_id,
                    title,
                    starts_at,
                    chrono::Utc::now().to_rfc3339(),
                    place
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// Records that the learner attended or watched a lecture (once; the first time stays),
    /// on the day it took place (`attended_at`, RFC 3339), not the day she said so.
    pub fn attend(
        &self,
        learner: &str,
        lecture_id: &str,
        title: &str,
        attended_at: &str,
    ) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO lecture_attendance (learner, lecture_id, title, attended_at, id,
                     changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (learner, lecture_id) DO NOTHING",
                params![
                    learner,
                    lecture_id,
                    title,
                    attended_at,
                    super::clubs::new_id(),
                    super::clubs::change_time()
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn marks(&self, learner: &str, lecture_id: &str) -> Result<LectureMarks, StoreError> {
        let exists = |table: &str| -> Result<bool, StoreError> {
            // Marked under the learner's registration at another kiosk counts too.
            let sql = format!(
                "SELECT 1 FROM {table} WHERE learner IN {} AND lecture_id = ?2 LIMIT 1",
                super::clubs::person_ids("?1")
            );
            self.store
                .conn
                .query_row(&sql, params![learner, lecture_id], |_| Ok(()))
                .optional()
                .map(|found| found.is_some())
                .map_err(|e| self.store.err(e))
        };
        Ok(LectureMarks {
            planned: exists("lecture_plans")?,
            attended: exists("lecture_attendance")?,
        })
    }
}
