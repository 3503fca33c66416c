//! The figures centres report (activities, person-times, participants, new members, minutes
//! read) and each learner's learning record, computed from the club tables.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::params;

use super::StoreError;
use super::clubs::Clubs;
use super::clubs::person_ids;
use leling_core::model::{
    BookProgress, LearningRecord, LectureAttended, LecturePlanned, Report, ReportCounts, ReportRow,
    SessionAttended,
};

struct SessionRow {
    id: String,
    club_id: String,
    club: String,
    venue: String,
    held_on: NaiveDate,
}

/// The report being counted: sessions grouped by club, venue and month.
struct Tally<'a> {
    sessions: &'a [SessionRow],
    /// Session id → its index in `sessions`.
    by_id: HashMap<&'a str, usize>,
    /// Each session's group (club, venue, month), or `None` before the period.
    group_of: Vec<Option<usize>>,
    groups: Vec<ReportRow>,
    members: HashMap<String, usize>,
    /// (group, member) pairs seen, for distinct participants per row.
    seen_in_group: HashSet<(usize, usize)>,
    seen_in_period: HashSet<usize>,
    /// (club, member) → the first session they came to: (date, session index).
    first_visit: HashMap<(&'a str, usize), (NaiveDate, usize)>,
}

impl<'a> Tally<'a> {
    fn new(sessions: &'a [SessionRow], from: NaiveDate) -> Tally<'a> {
        let mut groups: Vec<ReportRow> = Vec::new();
        let mut group_index: HashMap<(&str, &str, String), usize> = HashMap::new();
        let group_of = sessions
            .iter()
            .map(|s| {
                if s.held_on < from {
                    return None;
                }
                let month = s.held_on.format("%Y-%m").to_string();
                let key = (s.club.as_str(), s.venue.as_str(), month.clone());
                let index = *group_index.entry(key).or_insert_with(|| {
                    groups.push(ReportRow {
                        club: s.club.clone(),
                        venue: s.venue.clone(),
                        month,
                        counts: ReportCounts::default(),
                    });
                    groups.len() - 1
                });
                groups[index].counts.activities += 1;
                Some(index)
            })
            .collect();
        Tally {
            sessions,
            by_id: sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
            group_of,
            groups,
            members: HashMap::new(),
            seen_in_group: HashSet::new(),
            seen_in_period: HashSet::new(),
            first_visit: HashMap::new(),
        }
    }

    fn count(&mut self, session_id: &str, member_id: &str, minutes: u64) {
        let Some(&session) = self.by_id.get(session_id) else {
            return;
        };
        let next = self.members.len();
        let member = match self.members.get(member_id) {
            Some(&index) => index,
            None => *self.members.entry(member_id.to_owned()).or_insert(next),
        };
        let row = &self.sessions[session];
        let visit = (row.held_on, session);
        self.first_visit
            .entry((row.club_id.as_str(), member))
            .and_modify(|first| *first = (*first).min(visit))
            .or_insert(visit);
        if let Some(group) = self.group_of[session] {
            let counts = &mut self.groups[group].counts;
            counts.person_times += 1;
            counts.minutes_read += minutes;
            if self.seen_in_group.insert((group, member)) {
                counts.participants += 1;
            }
            self.seen_in_period.insert(member);
        }
    }

    fn report(mut self, from: NaiveDate, to: NaiveDate, club: Option<&str>) -> Report {
        // A newcomer is counted in the row of their first session at that club.
        for &(_, session) in self.first_visit.values() {
            if let Some(group) = self.group_of[session] {
                self.groups[group].counts.new_members += 1;
            }
        }
        let mut rows = self.groups;
        rows.sort_by(|a, b| (&a.club, &a.venue, &a.month).cmp(&(&b.club, &b.venue, &b.month)));
        let totals = rows.iter().fold(
            ReportCounts {
                participants: self.seen_in_period.len() as u64,
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
        Report {
            from,
            to,
            club: club.map(str::to_owned),
            rows,
            totals,
        }
    }
}

/// A book counts as finished from this percent on (the last page of a book rarely reaches
/// exactly 100).
const FINISHED_PERCENT: u8 = 99;

impl Clubs<'_> {
    /// The activity report for sessions held from `from` to `to` (both included), per club,
    /// venue and month, for one club or all.
    ///
    /// One pass over the attendance table, counted here rather than in SQL: the grouped
    /// `COUNT(DISTINCT …)` queries and the search for each person's first session took twice
    /// the time over 100,000 check-ins.
    pub fn report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        club: Option<&str>,
    ) -> Result<Report, StoreError> {
        // Every session up to `to`: the earlier ones decide who is new, the rest are counted.
        let sessions = self.store.query_all(
            "SELECT s.id, s.club_id, c.name, s.venue, s.held_on FROM club_sessions s
             JOIN clubs c ON c.id = s.club_id
             WHERE s.deleted = 0 AND s.held_on <= ?1 AND (?2 IS NULL OR c.name = ?2)",
            params![to, club],
            |r| {
                Ok(SessionRow {
                    id: r.get(0)?,
                    club_id: r.get(1)?,
                    club: r.get(2)?,
                    venue: r.get(3)?,
                    held_on: r.get(4)?,
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
        // kiosks: that is one person-time, with the longer of the two times read, whatever
        // order the rows came in.
        let registered_twice: HashSet<&str> = same_as.values().map(String::as_str).collect();
        let mut merged: HashMap<(String, String), u64> = HashMap::new();
        while let Some(row) = rows.next().map_err(|e| self.store.err(e))? {
            let session = row.get_ref(0).and_then(|v| Ok(v.as_str()?));
            let member = row.get_ref(1).and_then(|v| Ok(v.as_str()?));
            let minutes = row.get::<_, i64>(2).map_err(|e| self.store.err(e))?.max(0) as u64;
            let (Ok(session), Ok(member)) = (session, member) else {
                continue;
            };
            let person = same_as.get(member).map_or(member, String::as_str);
            if registered_twice.contains(person) {
                let longest = merged
                    .entry((session.to_owned(), person.to_owned()))
                    .or_default();
                *longest = (*longest).max(minutes);
            } else {
                tally.count(session, member, minutes);
            }
        }
        for ((session, person), minutes) in &merged {
            tally.count(session, person, *minutes);
        }
        Ok(tally.report(from, to, club))
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
