//! Writing the activity reports centres and districts submit, as CSV, XLSX or Markdown, with
//! the column names in the reader's language: a centre's (per club, venue and month, from the
//! kiosk) and a district's (per district, centre or club, from the hub) are both a
//! [`ReportTable`], so every format writes them alike.
//!
//! The file is made in memory, written beside the target under a temporary name and renamed
//! over it, so a failed write never leaves half a report where the old one was.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub mod cells;
mod csv;
mod markdown;
mod xlsx;

use leling_core::model::{CreditRules, Lang, Report, ReportCounts};
use leling_i18n::{t, t_with};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Csv,
    Xlsx,
    Markdown,
}

impl ReportFormat {
    /// The format a `--format` value names: `csv`, `xlsx` or `md` (also `markdown`), in any
    /// case; `None` for anything else.
    pub fn from_name(name: &str) -> Option<ReportFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(ReportFormat::Csv),
            "xlsx" => Some(ReportFormat::Xlsx),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            _ => None,
        }
    }
}

impl std::str::FromStr for ReportFormat {
    type Err = ReportFileError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        ReportFormat::from_name(name).ok_or_else(|| ReportFileError::UnknownFormat {
            name: name.to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe(Lang::En))]
pub enum ReportFileError {
    UnknownFormat {
        name: String,
    },
    /// The file could not be written; `detail` is the system's own words, for the cases the
    /// locale files have no sentence for.
    Write {
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
    /// The workbook could not be made (a text longer than Excel allows in a cell, say).
    Xlsx {
        detail: String,
    },
}

impl ReportFileError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ReportFileError::UnknownFormat { name } => t_with(
                lang,
                "report-error-unknown-format",
                &[("name", name.clone().into())],
            ),
            ReportFileError::Write { path, kind, detail } => {
                let reason = match kind {
                    io::ErrorKind::NotFound => t(lang, "report-reason-no-folder"),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                        t(lang, "report-reason-permission")
                    }
                    io::ErrorKind::StorageFull => t(lang, "report-reason-disk-full"),
                    io::ErrorKind::IsADirectory => t(lang, "report-reason-is-folder"),
                    _ => detail.clone(),
                };
                t_with(
                    lang,
                    "report-error-write",
                    &[
                        ("path", path.display().to_string().into()),
                        ("reason", reason.into()),
                    ],
                )
            }
            ReportFileError::Xlsx { detail } => t_with(
                lang,
                "report-error-xlsx",
                &[("detail", detail.clone().into())],
            ),
        }
    }
}

/// A report as every format writes it: a title, the column names, the rows (the figures last,
/// in the order of [`figure_headers`]) and a note under the table.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTable {
    pub title: String,
    /// The names of the text columns that come before the figures.
    pub text_headers: Vec<String>,
    pub rows: Vec<TableRow>,
    pub note: String,
}

/// One row of a [`ReportTable`]; a total is bold.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// As many as the table's `text_headers`.
    pub texts: Vec<String>,
    /// Counts, and the credits to a tenth.
    pub figures: [f64; 7],
    pub total: bool,
}

impl ReportTable {
    /// Every column name, the text columns' then the figures'.
    fn headers(&self, lang: Lang) -> Vec<String> {
        let mut headers = self.text_headers.clone();
        headers.extend(figure_headers(lang));
        headers
    }
}

/// Writes a centre's `report` to `path` in `format`, with headings in `lang`. An existing
/// file at `path` is replaced only once the new one is complete.
pub fn write_report(
    report: &Report,
    format: ReportFormat,
    lang: Lang,
    path: &Path,
) -> Result<(), ReportFileError> {
    write_table(&centre_table(report, lang), format, lang, path)
}

/// Writes `table` to `path` in `format`, with the figures' headings in `lang`, replacing an
/// existing file only once the new one is complete.
pub fn write_table(
    table: &ReportTable,
    format: ReportFormat,
    lang: Lang,
    path: &Path,
) -> Result<(), ReportFileError> {
    let bytes = match format {
        ReportFormat::Csv => csv::render(table, lang),
        ReportFormat::Xlsx => xlsx::render(table, lang)?,
        ReportFormat::Markdown => markdown::render(table, lang).into_bytes(),
    };
    write_atomically(path, &bytes).map_err(|error| ReportFileError::Write {
        path: path.to_path_buf(),
        kind: error.kind(),
        detail: error.to_string(),
    })
}

/// A temporary file in the target's folder (so the rename stays on one disk), flushed to
/// disk, then renamed over the target; removed again if anything fails. For every file staff
/// bring away or keep (reports, a centre's own quizzes).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let Some(name) = path.file_name().filter(|_| !path.is_dir()) else {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    };
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A report's period as its title shows it: "2026-09-01 至 2026-11-30" is made of these.
pub fn period(from: chrono::NaiveDate, to: chrono::NaiveDate) -> [(&'static str, String); 2] {
    [
        ("from", from.format("%Y-%m-%d").to_string()),
        ("to", to.format("%Y-%m-%d").to_string()),
    ]
}

/// A centre's report as a table: "乐龄读书会活动统计 2026-09-01 至 2026-11-30", a row per club,
/// venue and month, and the total.
pub fn centre_table(report: &Report, lang: Lang) -> ReportTable {
    let [(from_key, from), (to_key, to)] = period(report.from, report.to);
    let title = match &report.club {
        Some(club) => t_with(
            lang,
            "report-title-club",
            &[
                ("club", club.clone().into()),
                (from_key, from.into()),
                (to_key, to.into()),
            ],
        ),
        None => t_with(
            lang,
            "report-title",
            &[(from_key, from.into()), (to_key, to.into())],
        ),
    };
    let rows = report.rows.iter().map(|row| TableRow {
        texts: vec![row.club.clone(), row.venue.clone(), row.month.clone()],
        figures: figures(&row.counts, &report.rules),
        total: false,
    });
    let total = TableRow {
        texts: vec![t(lang, "report-total"), String::new(), String::new()],
        figures: figures(&report.totals, &report.rules),
        total: true,
    };
    ReportTable {
        title,
        text_headers: ["report-col-club", "report-col-venue", "report-col-month"]
            .map(|id| t(lang, id))
            .to_vec(),
        rows: rows.chain(std::iter::once(total)).collect(),
        note: t(lang, "report-participants-note"),
    }
}

/// The figures' column names, in the order every format writes them.
pub fn figure_headers(lang: Lang) -> [String; 7] {
    [
        "report-col-activities",
        "report-col-person-times",
        "report-col-participants",
        "report-col-new-members",
        "report-col-minutes-read",
        "report-col-quizzes",
        "report-col-credits",
    ]
    .map(|id| t(lang, id))
}

/// The figures of one row, in column order: the counts, then the credits the row's sessions
/// earned those who came, under `rules`, to a tenth.
pub fn figures(counts: &ReportCounts, rules: &CreditRules) -> [f64; 7] {
    let credits = rules.session_credits(counts.minutes_read, counts.untimed_check_ins);
    // Counts never come near 2^53, where f64 would round them.
    [
        counts.activities as f64,
        counts.person_times as f64,
        counts.participants as f64,
        counts.new_members as f64,
        counts.minutes_read as f64,
        counts.quizzes as f64,
        (credits * 10.0).round() / 10.0,
    ]
}

/// A figure as a text file writes it: a count as a whole number, credits to a tenth.
pub fn figure_text(figure: f64) -> String {
    leling_core::credits::shown(figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leling_i18n::MISSING_MARKER;

    #[test]
    fn formats_are_named_as_on_the_command_line() {
        assert_eq!("csv".parse(), Ok(ReportFormat::Csv));
        assert_eq!("XLSX".parse(), Ok(ReportFormat::Xlsx));
        assert_eq!("md".parse(), Ok(ReportFormat::Markdown));
        let unknown = "pdf".parse::<ReportFormat>().unwrap_err();
        assert_eq!(
            unknown.describe(Lang::En),
            "\"pdf\" is not a report format: use csv, xlsx or md."
        );
    }

    #[test]
    fn a_folder_that_does_not_exist_is_said_in_plain_words_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("report.csv");
        let report = Report {
            from: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            club: None,
            rows: Vec::new(),
            totals: ReportCounts::default(),
            rules: CreditRules::default(),
        };
        let error = write_report(&report, ReportFormat::Csv, Lang::Zh, &path).unwrap_err();
        let said = error.describe(Lang::Zh);
        assert!(said.contains("文件夹不存在"), "{said}");
        assert!(!said.contains(MISSING_MARKER));
        let error = write_report(&report, ReportFormat::Csv, Lang::En, dir.path()).unwrap_err();
        assert!(error.describe(Lang::En).contains("is a folder"), "{error}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
