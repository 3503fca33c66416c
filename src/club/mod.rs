//! Reading clubs (乐龄读书会): members, sessions, check-in, each learner's record, the
//! activity reports centres submit, and roster import.
//!
//! The plain tables below are what the store computes and what the writers print; the
//! writers never touch the database.

pub mod record_files;
pub mod report_files;
pub mod roster;

use chrono::NaiveDate;

/// One line of the activity report: one club at one venue in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub club: String,
    pub venue: String,
    /// `YYYY-MM`.
    pub month: String,
    pub counts: ReportCounts,
}

/// The figures a centre reports. In the totals row `participants` counts each person once
/// over the whole period, so it is not the sum of the rows above it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCounts {
    /// 活动次数: sessions held.
    pub activities: u64,
    /// 参加人次: check-ins.
    pub person_times: u64,
    /// Distinct people who checked in.
    pub participants: u64,
    /// People whose first check-in at this club falls in this month.
    pub new_members: u64,
    pub minutes_read: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The club asked for, when the report covers one club only.
    pub club: Option<String>,
    pub rows: Vec<ReportRow>,
    pub totals: ReportCounts,
}

/// A learner's learning record, as printed by `leling record` and shown under "My learning".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearningRecord {
    pub name: String,
    pub card: Option<String>,
    pub centre: Option<String>,
    pub made_on: NaiveDate,
    pub in_progress: Vec<BookProgress>,
    pub finished: Vec<BookProgress>,
    pub minutes_this_month: u64,
    pub sessions: Vec<SessionAttended>,
    pub lectures: Vec<LectureAttended>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookProgress {
    pub title: String,
    /// 0–100.
    pub percent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionAttended {
    pub date: NaiveDate,
    pub club: String,
    /// The book (and chapter or pages) the session read, when recorded.
    pub reading: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LectureAttended {
    pub date: NaiveDate,
    pub title: String,
}
