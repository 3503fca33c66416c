//! What a learner did that earns credits, each thing on its day, from the club tables and her
//! own rows: the minutes of each session she attended, each lecture, the minutes she read at a
//! kiosk, each book she finished and each quiz she passed (once per quiz).

use leling_core::credits::{CreditKind, CreditRules, Earning};

use super::StoreError;
use super::club_reports::FINISHED_PERCENT;
use super::clubs::{Clubs, person_ids};

impl Clubs<'_> {
    /// Everything she did that earns credits, under any of her registrations. A session whose
    /// length was not recorded counts as long as the rules' minutes for one credit.
    pub fn credit_earnings(
        &self,
        member_id: &str,
        rules: &CreditRules,
    ) -> Result<Vec<Earning>, StoreError> {
        let person = person_ids("?1");
        // A number of the centre's own settings, spliced in as a number.
        let one_credit = rules.session_minutes;
        // Each source as (day, amount): a session once however many of her registrations were
        // checked in, a lecture once, a quiz once at its first pass.
        let sources = [
            (
                CreditKind::Sessions,
                format!(
                    "SELECT s.held_on, MAX(COALESCE(NULLIF(a.minutes_read, 0), {one_credit}))
                     FROM attendance a JOIN club_sessions s ON s.id = a.session_id
                     WHERE a.member_id IN {person} AND a.deleted = 0 AND s.deleted = 0
                     GROUP BY s.id"
                ),
            ),
            (
                CreditKind::Lectures,
                format!(
                    "SELECT substr(MIN(attended_at), 1, 10), 1 FROM lecture_attendance
                     WHERE learner IN {person} GROUP BY lecture_id"
                ),
            ),
            (
                CreditKind::Reading,
                format!(
                    "SELECT logged_on, minutes FROM reading_log
                     WHERE member_id IN {person} AND deleted = 0"
                ),
            ),
            (
                CreditKind::Books,
                format!(
                    "SELECT substr(MAX(p.updated_at), 1, 10), 1 FROM reading_positions p
                     WHERE p.learner IN {person}
                     GROUP BY p.book_id HAVING MAX(COALESCE(p.percent, 0)) >= {FINISHED_PERCENT}"
                ),
            ),
            (
                CreditKind::Quizzes,
                format!(
                    "SELECT MIN(finished_on), 1 FROM quiz_results
                     WHERE learner IN {person} AND deleted = 0 AND passed = 1
                     GROUP BY quiz_id"
                ),
            ),
        ];
        let mut earnings = Vec::new();
        for (kind, sql) in sources {
            let found = self.store.query_all(&sql, [member_id], |r| {
                Ok((
                    r.get::<_, Option<chrono::NaiveDate>>(0)?,
                    r.get::<_, i64>(1)?,
                ))
            })?;
            earnings.extend(found.into_iter().filter_map(|(day, amount)| {
                Some(Earning {
                    day: day?,
                    kind,
                    amount: amount.max(0) as u64,
                })
            }));
        }
        Ok(earnings)
    }
}
