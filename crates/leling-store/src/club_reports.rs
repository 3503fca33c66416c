//! The figures centres report (activities, person-times, participants, new members, minutes
//! read, quizzes run; counted by `leling_core::report_tally`) and each learner's learning
//! record, computed from the club tables and her own rows.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::params;

use super::StoreError;
use super::clubs::Clubs;
use super::clubs::person_ids;
use leling_core::credits::CreditRules;
use leling_core::model::{
    BookProgress, LearningRecord, LectureAttended, LecturePlanned, Report, ReportRow,
    SessionAttended,
};
use leling_core::report_tally::{Tally, TallySession};

/// A book counts as finished from this percent on (the last page of a book rarely reaches
/// exactly 100).
pub(super) const FINISHED_PERCENT: u8 = 99;

impl Clubs<'_> {
    /// The activity report for sessions held from `from` to `to` (both included), per club,
    /// venue and month, for one club or all; its credits are counted by `rules`.
    ///
    /// One pass over the attendance table, counted here rather than in SQL: the grouped
    /// `COUNT(DISTINCT …)` queries and the search for each person's first session took twice
    /// the time over 100,000 check-ins.
    pub fn report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        club: Option<&str>,
        rules: &CreditRules,
    ) -> Result<Report, StoreError> {
        // Every session up to `to`: the earlier ones decide who is new, the rest are counted.
        let sessions = self.store.query_all(
            "SELECT s.id, s.club_id, c.name, s.venue, s.held_on FROM club_sessions s
             JOIN clubs c ON c.id = s.club_id
             WHERE s.deleted = 0 AND s.held_on <= ?1 AND (?2 IS NULL OR c.name = ?2)",
            params![to, club],
            |r| {
                let held_on: NaiveDate = r.get(4)?;
                Ok(TallySession {
                    id: r.get(0)?,
                    club_id: r.get(1)?,
                    held_on,
                    // Rows sort by club, venue and month.
                    group: (
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        held_on.format("%Y-%m").to_string(),
                    ),
                })
            },
        )?;
        let mut tally = Tally::new(&sessions, from);
        // A person registered on two kiosks (merged by sync) is counted once, as themselves.
        let same_as: HashMap<String, String> = self
            .store
            .query_all(
                "SELECT id, same_as FROM members WHERE same_as IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .into_iter()
            .collect();
        let mut stmt = self
            .store
            .conn
            .prepare_cached(
                "SELECT session_id, member_id, COALESCE(minutes_read, 0) FROM attendance
                 WHERE deleted = 0",
            )
            .map_err(|e| self.store.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.store.err(e))?;
        // Both of a person's registrations may have been checked in to one session, on two
        // kiosks: only theirs need the tally's slower count of a person once per session.
        let registered_twice: HashSet<&str> = same_as.values().map(String::as_str).collect();
        while let Some(row) = rows.next().map_err(|e| self.store.err(e))? {
            let session = row.get_ref(0).and_then(|v| Ok(v.as_str()?));
            let member = row.get_ref(1).and_then(|v| Ok(v.as_str()?));
            let minutes = row.get::<_, i64>(2).map_err(|e| self.store.err(e))?.max(0) as u64;
            let (Ok(session), Ok(member)) = (session, member) else {
                continue;
            };
            let person = same_as.get(member).map_or(member, String::as_str);
            if registered_twice.contains(person) {
                tally.count_once(session, person, minutes);
            } else {
                tally.count(session, member, minutes);
            }
        }
        drop(rows);
        drop(stmt);
        let quizzes = self.store.query_all(
            "SELECT session_id FROM session_quizzes WHERE deleted = 0",
            [],
            |r| r.get::<_, String>(0),
        )?;
        for session in &quizzes {
            tally.count_quiz(session);
        }
        let tallied = tally.finish();
        let rows = tallied
            .rows
            .into_iter()
            .map(|((club, venue, month), counts)| ReportRow {
                club,
                venue,
                month,
                counts,
            })
            .collect();
        Ok(Report {
            from,
            to,
            club: club.map(str::to_owned),
            rows,
            totals: tallied.totals,
            rules: *rules,
        })
    }

    /// A learner's record as of `today`: books, minutes this month, sessions, lectures,
    /// quizzes, and her credits under the centre's `rules`.
    pub fn learning_record(
        &self,
        member_id: &str,
        today: NaiveDate,
        rules: &CreditRules,
    ) -> Result<Option<LearningRecord>, StoreError> {
        let Some(member) = self.member(member_id)? else {
            return Ok(None);
        };
        let person = person_ids("?1");
        // Grouped, as a person registered at two kiosks may have read, been checked in or
        // attended under both: each book, session and lecture once.
        let books = self.store.query_all(
            &format!(
                "SELECT b.title, MAX(COALESCE(p.percent, 0)) FROM reading_positions p
                 JOIN books b ON b.id = p.book_id
                 WHERE p.learner IN {person} GROUP BY b.id ORDER BY MAX(p.updated_at) DESC"
            ),
            [member_id],
            |r| {
                Ok(BookProgress {
                    title: r.get(0)?,
                    percent: r.get::<_, i64>(1)?.clamp(0, 100) as u8,
                })
            },
        )?;
        let (finished, in_progress) = books
            .into_iter()
            .partition(|book| book.percent >= FINISHED_PERCENT);
        let month_start = today.with_day(1).unwrap_or(today);
        let minutes_this_month: u64 = self
            .store
            .conn
            .query_row(
                &format!(
                    "SELECT
                    (SELECT COALESCE(SUM(longest), 0) FROM
                        (SELECT MAX(a.minutes_read) AS longest FROM attendance a
                         JOIN club_sessions s ON s.id = a.session_id
                         WHERE a.member_id IN {person} AND a.deleted = 0 AND s.deleted = 0
                           AND s.held_on BETWEEN ?2 AND ?3
                         GROUP BY a.session_id))
                  + (SELECT COALESCE(SUM(minutes), 0) FROM reading_log
                     WHERE member_id IN {person} AND deleted = 0
                       AND logged_on BETWEEN ?2 AND ?3)"
                ),
                params![member_id, month_start, today],
                |r| r.get(0),
            )
            .map_err(|e| self.store.err(e))?;
        let sessions = self.store.query_all(
            &format!(
                "SELECT s.held_on, c.name, s.reading FROM club_sessions s
                 JOIN clubs c ON c.id = s.club_id
                 WHERE s.deleted = 0 AND s.id IN
                     (SELECT session_id FROM attendance
                      WHERE member_id IN {person} AND deleted = 0)
                 ORDER BY s.held_on DESC, s.id DESC"
            ),
            [member_id],
            |r| {
                Ok(SessionAttended {
                    date: r.get(0)?,
                    club: r.get(1)?,
                    reading: r.get(2)?,
                })
            },
        )?;
        let lectures = self.store.query_all(
            &format!(
                "SELECT substr(MIN(attended_at), 1, 10), title FROM lecture_attendance
                 WHERE learner IN {person} GROUP BY lecture_id ORDER BY MIN(attended_at) DESC"
            ),
            [member_id],
            |r| {
                Ok(LectureAttended {
                    date: r.get(0)?,
                    title: r.get(1)?,
                })
            },
        )?;
        let planned = self.store.query_all(
            &format!(
                "SELECT title, MIN(starts_at), MAX(place) FROM lecture_plans
                 WHERE learner IN {person}
                   AND (starts_at IS NULL OR substr(starts_at, 1, 10) >= ?2)
                 GROUP BY lecture_id ORDER BY MIN(starts_at) IS NULL, MIN(starts_at)"
            ),
            params![member_id, today],
            |r| {
                Ok(LecturePlanned {
                    title: r.get(0)?,
                    starts_at: r.get(1)?,
                    place: r.get(2)?,
                })
            },
        )?;
        Ok(Some(LearningRecord {
            name: member.name,
            card: member.card,
            centre: self.centre()?.map(|(name, _)| name),
            made_on: today,
            in_progress,
            finished,
            minutes_this_month,
            sessions,
            lectures,
            planned,
            quizzes: self.store.quizzes().results_of(member_id)?,
            credits: rules.summary(&self.credit_earnings(member_id, rules)?, today),
        }))
    }

    /// Minutes a signed-in learner spent in the reader, for their record.
    pub fn log_reading(
        &self,
        member_id: &str,
        book_title: &str,
        minutes: u64,
    ) -> Result<(), StoreError> {
        self.store.conn
            .execute(
                "INSERT INTO reading_log (id, member_id, book_title, logged_on, minutes, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    super::clubs::new_id(),
                    member_id,
                    book_title,
                    chrono::Local::now().date_naive(),
                    minutes as i64,
                    super::clubs::change_time()
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }
}
