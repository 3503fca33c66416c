//! Counting a report's figures (activities, person-times, participants, new members, minutes
//! read, quizzes run) from sessions, check-ins and session quizzes: the rules a centre's report follows on its kiosk and a
//! district's follows on the hub, in one place so the two can never count differently. Which
//! row a session falls in is the caller's: (club, venue, month) for a centre, (district,
//! centre, month) and the like for the hub.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;

use crate::model::ReportCounts;

/// A session as the tally needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallySession<K> {
    pub id: String,
    /// The club it belongs to: a person is new to a club at their first session there.
    pub club_id: String,
    pub held_on: NaiveDate,
    /// The row of the report it is counted in.
    pub group: K,
}

/// The figures per row, sorted by the row's key, and the totals of the period, in which each
/// person counts once however many rows they appear in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tallied<K> {
    pub rows: Vec<(K, ReportCounts)>,
    pub totals: ReportCounts,
}

/// A report being counted. Sessions before `from` are given too: they decide who is new.
pub struct Tally<'a, K> {
    sessions: &'a [TallySession<K>],
    /// Session id → its index in `sessions`.
    by_id: HashMap<&'a str, usize>,
    /// Each session's row, or `None` before the period.
    group_of: Vec<Option<usize>>,
    groups: Vec<(&'a K, ReportCounts)>,
    people: HashMap<String, usize>,
    /// (row, person) pairs seen, for distinct participants per row.
    seen_in_group: HashSet<(usize, usize)>,
    seen_in_period: HashSet<usize>,
    /// (club, person) → the first session they came to: (date, session id, session index).
    /// Two on one day are told apart by id, not by the order the rows came in, so a kiosk and
    /// the hub put a newcomer in the same row.
    first_visit: HashMap<(&'a str, usize), (NaiveDate, &'a str, usize)>,
    /// Check-ins that may name one person twice in one session (her two registrations, checked
    /// in on two kiosks): one person-time each, with the longer time read.
    maybe_twice: HashMap<(usize, String), u64>,
}

impl<'a, K: Eq + Hash + Ord + Clone> Tally<'a, K> {
    pub fn new(sessions: &'a [TallySession<K>], from: NaiveDate) -> Tally<'a, K> {
        let mut groups: Vec<(&K, ReportCounts)> = Vec::new();
        let mut group_index: HashMap<&K, usize> = HashMap::new();
        let group_of = sessions
            .iter()
            .map(|s| {
                if s.held_on < from {
                    return None;
                }
                let index = *group_index.entry(&s.group).or_insert_with(|| {
                    groups.push((&s.group, ReportCounts::default()));
                    groups.len() - 1
                });
                groups[index].1.activities += 1;
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
            people: HashMap::new(),
            seen_in_group: HashSet::new(),
            seen_in_period: HashSet::new(),
            first_visit: HashMap::new(),
            maybe_twice: HashMap::new(),
        }
    }

    /// Counts `person` checked in to `session_id`, known to be their only check-in there. A
    /// session not given to [`Tally::new`] (deleted, after the period) is not counted.
    pub fn count(&mut self, session_id: &str, person: &str, minutes: u64) {
        if let Some(&session) = self.by_id.get(session_id) {
            self.count_at(session, person, minutes);
        }
    }

    /// Counts a check-in of `person` that may not be their only one in `session_id`: the
    /// session counts them once, with the longest time read, whatever order the rows come in.
    pub fn count_once(&mut self, session_id: &str, person: &str, minutes: u64) {
        if let Some(&session) = self.by_id.get(session_id) {
            let longest = self
                .maybe_twice
                .entry((session, person.to_owned()))
                .or_default();
            *longest = (*longest).max(minutes);
        }
    }

    /// Counts a quiz run with `session_id` (a session not given to [`Tally::new`] is not).
    pub fn count_quiz(&mut self, session_id: &str) {
        let group = (self.by_id.get(session_id)).and_then(|&session| self.group_of[session]);
        if let Some(group) = group {
            self.groups[group].1.quizzes += 1;
        }
    }

    fn count_at(&mut self, session: usize, person: &str, minutes: u64) {
        let next = self.people.len();
        let person = match self.people.get(person) {
            Some(&index) => index,
            None => *self.people.entry(person.to_owned()).or_insert(next),
        };
        let row = &self.sessions[session];
        let visit = (row.held_on, row.id.as_str(), session);
        self.first_visit
            .entry((row.club_id.as_str(), person))
            .and_modify(|first| *first = (*first).min(visit))
            .or_insert(visit);
        if let Some(group) = self.group_of[session] {
            let counts = &mut self.groups[group].1;
            counts.person_times += 1;
            counts.minutes_read += minutes;
            counts.untimed_check_ins += u64::from(minutes == 0);
            if self.seen_in_group.insert((group, person)) {
                counts.participants += 1;
            }
            self.seen_in_period.insert(person);
        }
    }

    pub fn finish(mut self) -> Tallied<K> {
        for ((session, person), minutes) in std::mem::take(&mut self.maybe_twice) {
            self.count_at(session, &person, minutes);
        }
        // A newcomer is counted in the row of their first session at that club.
        for &(_, _, session) in self.first_visit.values() {
            if let Some(group) = self.group_of[session] {
                self.groups[group].1.new_members += 1;
            }
        }
        let mut rows: Vec<(K, ReportCounts)> = self
            .groups
            .into_iter()
            .map(|(key, counts)| (key.clone(), counts))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let totals = rows.iter().fold(
            ReportCounts {
                participants: self.seen_in_period.len() as u64,
                ..ReportCounts::default()
            },
            |sum, (_, row)| ReportCounts {
                activities: sum.activities + row.activities,
                person_times: sum.person_times + row.person_times,
                participants: sum.participants,
                new_members: sum.new_members + row.new_members,
                minutes_read: sum.minutes_read + row.minutes_read,
                quizzes: sum.quizzes + row.quizzes,
                untimed_check_ins: sum.untimed_check_ins + row.untimed_check_ins,
            },
        );
        Tallied { rows, totals }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn session(id: &str, club: &str, held_on: NaiveDate, group: &str) -> TallySession<String> {
        TallySession {
            id: id.into(),
            club_id: club.into(),
            held_on,
            group: group.into(),
        }
    }

    #[test]
    fn a_person_counts_once_per_row_and_once_in_the_period() {
        let sessions = [
            session("s0", "c1", day(1), "before"),
            session("s1", "c1", day(10), "a"),
            session("s2", "c1", day(17), "a"),
            session("s3", "c2", day(18), "b"),
        ];
        let mut tally = Tally::new(&sessions[..], day(5));
        // She came before the period: not new at c1; new at c2.
        tally.count("s0", "her", 0);
        tally.count("s1", "her", 10);
        tally.count("s2", "her", 5);
        tally.count("s3", "her", 0);
        tally.count("s1", "him", 0);
        tally.count("gone", "him", 0);
        // His second registration, checked in to s2 on another kiosk: one person-time.
        tally.count_once("s2", "him", 7);
        tally.count_once("s2", "him", 3);
        let tallied = tally.finish();
        let keys: Vec<&str> = tallied.rows.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        let a = tallied.rows[0].1;
        assert_eq!(
            (a.activities, a.person_times, a.participants, a.new_members),
            (2, 4, 2, 1)
        );
        assert_eq!(a.minutes_read, 22);
        let b = tallied.rows[1].1;
        assert_eq!((b.activities, b.person_times, b.new_members), (1, 1, 1));
        let totals = tallied.totals;
        assert_eq!(
            (totals.activities, totals.person_times, totals.participants),
            (3, 5, 2)
        );
        assert_eq!(totals.new_members, 2);
    }
}
