//! The figures centres report (activities, person-times, participants, new members, minutes
//! read) and each learner's learning record, computed from the club tables.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;

use super::{Store, StoreError};
use crate::model::{
    BookProgress, LearningRecord, LectureAttended, Report, ReportCounts, ReportRow, SessionAttended,
};

/// A book counts as finished from this percent on (the last page of a book rarely reaches
/// exactly 100).
const FINISHED_PERCENT: u8 = 99;

impl Store {
    /// The activity report for sessions held from `from` to `to` (both included), per club,
    /// venue and month, for one club or all.
    pub fn report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        club: Option<&str>,
    ) -> Result<Report, StoreError> {
        let mut rows = self.query_all(
            "SELECT c.name, s.venue, substr(s.held_on, 1, 7), COUNT(DISTINCT s.id),
                    COUNT(a.id), COUNT(DISTINCT a.member_id), COALESCE(SUM(a.minutes_read), 0)
             FROM club_sessions s
             JOIN clubs c ON c.id = s.club_id
             LEFT JOIN attendance a ON a.session_id = s.id AND a.deleted = 0
             WHERE s.deleted = 0 AND s.held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR c.name = ?3)
             GROUP BY c.name, s.venue, substr(s.held_on, 1, 7)
             ORDER BY c.name, s.venue, substr(s.held_on, 1, 7)",
            params![from, to, club],
            |r| {
                Ok(ReportRow {
                    club: r.get(0)?,
                    venue: r.get(1)?,
                    month: r.get(2)?,
                    counts: ReportCounts {
                        activities: r.get(3)?,
                        person_times: r.get(4)?,
                        participants: r.get(5)?,
                        new_members: 0,
                        minutes_read: r.get(6)?,
                    },
                })
            },
        )?;
        // A newcomer is counted in the month of their first check-in at that club, which may lie
        // before the period: so the first check-ins are found over all earlier sessions.
        let newcomers: HashMap<(String, String, String), u64> = self
            .query_all(
                "SELECT club, venue, month, COUNT(*) FROM (
                     SELECT c.name AS club, s.venue AS venue, substr(s.held_on, 1, 7) AS month,
                            s.held_on AS held_on,
                            ROW_NUMBER() OVER (PARTITION BY s.club_id, a.member_id
                                               ORDER BY s.held_on, s.id) AS nth
                     FROM attendance a
                     JOIN club_sessions s ON s.id = a.session_id
                     JOIN clubs c ON c.id = s.club_id
                     WHERE a.deleted = 0 AND s.deleted = 0 AND s.held_on <= ?2
                       AND (?3 IS NULL OR c.name = ?3))
                 WHERE nth = 1 AND held_on >= ?1
                 GROUP BY club, venue, month",
                params![from, to, club],
                |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)),
            )?
            .into_iter()
            .collect();
        for row in &mut rows {
            let key = (row.club.clone(), row.venue.clone(), row.month.clone());
            row.counts.new_members = newcomers.get(&key).copied().unwrap_or(0);
        }
        let participants: u64 = self
            .conn
            .query_row(
                "SELECT COUNT(DISTINCT a.member_id) FROM attendance a
                 JOIN club_sessions s ON s.id = a.session_id
                 JOIN clubs c ON c.id = s.club_id
                 WHERE a.deleted = 0 AND s.deleted = 0 AND s.held_on BETWEEN ?1 AND ?2
                   AND (?3 IS NULL OR c.name = ?3)",
                params![from, to, club],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let totals = rows.iter().fold(
            ReportCounts {
                participants,
                ..ReportCounts::default()
            },
            |sum, row| ReportCounts {
                activities: sum.activities + row.counts.activities,
                person_times: sum.person_times + row.counts.person_times,
                participants: sum.participants,
                new_members: sum.new_members + row.counts.new_members,
                minutes_read: sum.minutes_read + row.counts.minutes_read,
            },
        );
        Ok(Report {
            from,
            to,
            club: club.map(str::to_owned),
            rows,
            totals,
        })
    }

    /// A learner's record as of `today`: books, minutes this month, sessions and lectures.
    pub fn learning_record(
        &self,
        member_id: &str,
        today: NaiveDate,
    ) -> Result<Option<LearningRecord>, StoreError> {
        let Some(member) = self.member(member_id)? else {
            return Ok(None);
        };
        let books = self.query_all(
            "SELECT b.title, COALESCE(p.percent, 0) FROM reading_positions p
             JOIN books b ON b.id = p.book_id
             WHERE p.learner = ?1 ORDER BY p.updated_at DESC",
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
            .conn
            .query_row(
                "SELECT
                    (SELECT COALESCE(SUM(a.minutes_read), 0) FROM attendance a
                     JOIN club_sessions s ON s.id = a.session_id
                     WHERE a.member_id = ?1 AND a.deleted = 0 AND s.deleted = 0
                       AND s.held_on BETWEEN ?2 AND ?3)
                  + (SELECT COALESCE(SUM(minutes), 0) FROM reading_log
                     WHERE member_id = ?1 AND deleted = 0 AND logged_on BETWEEN ?2 AND ?3)",
                params![member_id, month_start, today],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let sessions = self.query_all(
            "SELECT s.held_on, c.name, s.reading FROM attendance a
             JOIN club_sessions s ON s.id = a.session_id
             JOIN clubs c ON c.id = s.club_id
             WHERE a.member_id = ?1 AND a.deleted = 0 AND s.deleted = 0
             ORDER BY s.held_on DESC, s.id DESC",
            [member_id],
            |r| {
                Ok(SessionAttended {
                    date: r.get(0)?,
                    club: r.get(1)?,
                    reading: r.get(2)?,
                })
            },
        )?;
        let lectures = self.query_all(
            "SELECT substr(attended_at, 1, 10), title FROM lecture_attendance
             WHERE learner = ?1 ORDER BY attended_at DESC",
            [member_id],
            |r| {
                Ok(LectureAttended {
                    date: r.get(0)?,
                    title: r.get(1)?,
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
        }))
    }

    /// Minutes a signed-in learner spent in the reader, for their record.
    pub fn log_reading(
        &self,
        member_id: &str,
        book_title: &str,
        minutes: u64,
    ) -> Result<(), StoreError> {
        self.conn
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
            .map_err(|e| self.err(e))
    }
}
