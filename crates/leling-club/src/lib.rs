//! Reading clubs (乐龄读书会): members, sessions, check-in, each learner's record, the
//! activity reports centres submit, and roster import.
//!
//! The report and record tables live in `model` (the store computes them, the writers here
//! print them, and neither knows the other).

pub mod member_export;
pub mod members;
pub mod quiz_sheet;
pub mod record_files;
/// The report files, written by `leling-report` (the hub writes the district's with it too).
pub use leling_report as report_files;
pub mod roster;

pub use leling_core::model::{
    BookProgress, LearningRecord, LectureAttended, Report, ReportCounts, ReportRow, SessionAttended,
};

use leling_core::model::Lang;
use leling_i18n::t_with;
use leling_store::{CheckIn, Club};

/// What is said and shown after a check-in: "张秀英 签到成功，第 12 位".
pub fn check_in_said(name: &str, outcome: CheckIn, lang: Lang) -> String {
    let (id, place) = match outcome {
        CheckIn::Done { place } => ("checkin-done", place),
        CheckIn::Already { place } => ("checkin-already", place),
    };
    t_with(lang, id, &[("name", name.into()), ("place", place.into())])
}

/// One line about a club: its name, venue and usual meeting time.
pub fn describe_club(club: &Club, lang: Lang) -> String {
    let mut line = club.name.clone();
    if !club.venue.is_empty() {
        line += &t_with(
            lang,
            "club-line-venue",
            &[("venue", club.venue.clone().into())],
        );
    }
    let when = usual_time(club, lang);
    if !when.is_empty() {
        line += &t_with(lang, "club-line-when", &[("when", when.into())]);
    }
    line
}

/// When a club usually meets, "周六 09:30–11:00", or nothing if it has no schedule.
pub fn usual_time(club: &Club, lang: Lang) -> String {
    let day = club
        .usual_weekday
        .map(|d| leling_i18n::t(lang, &format!("weekday-{d}")))
        .unwrap_or_default();
    let time = match (&club.usual_start, &club.usual_end) {
        (Some(start), Some(end)) => format!("{start}–{end}"),
        (Some(start), None) => start.clone(),
        _ => String::new(),
    };
    format!("{day} {time}").trim().to_owned()
}

pub use leling_report::cells::spreadsheet_text;

/// A cell as it was before [`spreadsheet_text`] guarded it, so a file exported here imports
/// as it was written.
pub fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if leling_report::cells::looks_like_formula(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formula_looking_text_is_kept_as_text_in_spreadsheets() {
        assert_eq!(super::spreadsheet_text("=1+1"), "'=1+1");
        assert_eq!(super::spreadsheet_text("@SUM(A1)"), "'@SUM(A1)");
        for formula in [
            "+cmd|' /C calc'!A0",
            "-2+3",
            "\t=1",
            "\r=1",
            "+86 138 0013 8000",
        ] {
            let guarded = super::spreadsheet_text(formula);
            assert_eq!(guarded, format!("'{formula}"));
            assert_eq!(super::unguarded(&guarded), formula);
        }
        assert_eq!(super::spreadsheet_text("张秀英"), "张秀英");
        assert_eq!(super::unguarded("'张"), "'张");
    }
}
