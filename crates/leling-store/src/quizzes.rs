//! Quizzes in a learner's record: the answers of a quiz she has not finished (so she can stop
//! and come back any time on this kiosk), each quiz she finished (a learner row that syncs and
//! whose id, fixed here, names it everywhere it goes), and each quiz run with a club session.

use rusqlite::{OptionalExtension, params};

use super::clubs::{change_time, new_id, person_ids};
use super::{Store, StoreError};
use leling_core::model::QuizTaken;

/// A learner's quizzes: under way and finished.
pub struct Quizzes<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn quizzes(&self) -> Quizzes<'_> {
        Quizzes { store: self }
    }
}

/// How a finished quiz went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizScore {
    pub asked: usize,
    pub right: usize,
    pub passed: bool,
}

impl Quizzes<'_> {
    /// The choices (each from 0) she made so far in a quiz she has not finished, in order.
    pub fn answers_so_far(&self, learner: &str, quiz_id: &str) -> Result<Vec<usize>, StoreError> {
        let kept: Option<String> = self
            .store
            .conn
            .query_row(
                "SELECT answers FROM quiz_progress WHERE learner = ?1 AND quiz_id = ?2",
                [learner, quiz_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.store.err(e))?;
        // Written only here; anything else (a hand-edited row) starts the quiz again.
        Ok(kept
            .unwrap_or_default()
            .split(',')
            .map_while(|choice| choice.parse().ok())
            .collect())
    }

    /// Keeps her answers so far, so that she can leave and go on later.
    pub fn keep_answers(
        &self,
        learner: &str,
        quiz_id: &str,
        answers: &[usize],
    ) -> Result<(), StoreError> {
        let answers: Vec<String> = answers.iter().map(usize::to_string).collect();
        self.store
            .conn
            .execute(
                "INSERT INTO quiz_progress (learner, quiz_id, answers) VALUES (?1, ?2, ?3)
                 ON CONFLICT (learner, quiz_id) DO UPDATE SET answers = excluded.answers",
                params![learner, quiz_id, answers.join(",")],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// The quiz is over: her answers so far are let go and, for a member (`member`), the
    /// result goes into her record (and to the hub). Returns the result's id.
    pub fn finish(
        &self,
        learner: &str,
        member: Option<&str>,
        quiz: (&str, &str),
        score: QuizScore,
    ) -> Result<Option<String>, StoreError> {
        let (quiz_id, quiz_title) = quiz;
        self.store.atomically(|| {
            self.store
                .conn
                .execute(
                    "DELETE FROM quiz_progress WHERE learner = ?1 AND quiz_id = ?2",
                    [learner, quiz_id],
                )
                .map_err(|e| self.store.err(e))?;
            let Some(member) = member else {
                return Ok(None);
            };
            let id = new_id();
            self.store
                .conn
                .execute(
                    "INSERT INTO quiz_results (id, learner, quiz_id, quiz_title, asked,
                         right_answers, passed, finished_on, changed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        id,
                        member,
                        quiz_id,
                        quiz_title,
                        score.asked as i64,
                        score.right as i64,
                        score.passed,
                        chrono::Local::now().date_naive(),
                        change_time()
                    ],
                )
                .map_err(|e| self.store.err(e))?;
            Ok(Some(id))
        })
    }

    /// A quiz run with the club session `session_id` is over: the group's answers so far are
    /// let go (kept under `learner`, the session's key) and the quiz goes into the session's
    /// record (and to the hub).
    pub fn finish_in_session(
        &self,
        learner: &str,
        session_id: &str,
        quiz: (&str, &str),
        score: QuizScore,
    ) -> Result<(), StoreError> {
        let (quiz_id, quiz_title) = quiz;
        self.store.atomically(|| {
            self.store
                .conn
                .execute(
                    "DELETE FROM quiz_progress WHERE learner = ?1 AND quiz_id = ?2",
                    [learner, quiz_id],
                )
                .map_err(|e| self.store.err(e))?;
            self.store
                .conn
                .execute(
                    "INSERT INTO session_quizzes (id, session_id, quiz_id, quiz_title, asked,
                         right_answers, changed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        new_id(),
                        session_id,
                        quiz_id,
                        quiz_title,
                        score.asked as i64,
                        score.right as i64,
                        change_time()
                    ],
                )
                .map(drop)
                .map_err(|e| self.store.err(e))
        })
    }

    /// Lets go of the answers so far of every quiz `learner` began: a guest's, when the next
    /// person may be someone else.
    pub fn forget_answers(&self, learner: &str) -> Result<(), StoreError> {
        self.store
            .conn
            .execute("DELETE FROM quiz_progress WHERE learner = ?1", [learner])
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// The quizzes a member finished, under any of her registrations, latest first.
    pub fn results_of(&self, member_id: &str) -> Result<Vec<QuizTaken>, StoreError> {
        let person = person_ids("?1");
        self.store.query_all(
            &format!(
                "SELECT quiz_title, asked, right_answers, passed, finished_on FROM quiz_results
                 WHERE learner IN {person} AND deleted = 0
                 ORDER BY finished_on DESC, id DESC"
            ),
            [member_id],
            |r| {
                Ok(QuizTaken {
                    title: r.get(0)?,
                    asked: r.get::<_, i64>(1)?.max(0) as usize,
                    right: r.get::<_, i64>(2)?.max(0) as usize,
                    passed: r.get(3)?,
                    finished_on: r.get(4)?,
                })
            },
        )
    }
}
