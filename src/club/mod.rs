//! Reading clubs (乐龄读书会): members, sessions, check-in, each learner's record, the
//! activity reports centres submit, and roster import.
//!
//! The report and record tables live in `model` (the store computes them, the writers here
//! print them, and neither knows the other).

pub mod record_files;
pub mod report_files;
pub mod roster;

pub use crate::model::{
    BookProgress, LearningRecord, LectureAttended, Report, ReportCounts, ReportRow,
    SessionAttended,
};
