//! Writing the activity report a centre submits, as CSV, XLSX or Markdown, with the column
//! names in the volunteer's language.
//!
//! The file is made in memory, written beside the target under a temporary name and renamed
//! over it, so a failed write never leaves half a report where the old one was.

mod csv;
mod markdown;
mod xlsx;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Report, ReportCounts};
use leling_core::model::Lang;
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

/// Writes `report` to `path` in `format`, with headings in `lang`. An existing file at
/// `path` is replaced only once the new one is complete.
pub fn write_report(
    report: &Report,
    format: ReportFormat,
    lang: Lang,
    path: &Path,
) -> Result<(), ReportFileError> {
    let bytes = match format {
        ReportFormat::Csv => csv::render(report, lang),
        ReportFormat::Xlsx => xlsx::render(report, lang)?,
        ReportFormat::Markdown => markdown::render(report, lang).into_bytes(),
    };
    write_atomically(path, &bytes).map_err(|error| ReportFileError::Write {
        path: path.to_path_buf(),
        kind: error.kind(),
        detail: error.to_string(),
    })
}

/// A temporary file in the target's folder (so the rename stays on one disk), flushed to
/// disk, then renamed over the target; removed again if anything fails.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
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

/// The report's title with its period: "乐龄读书会活动统计 2026-09-01 至 2026-11-30".
fn title(report: &Report, lang: Lang) -> String {
    let from = report.from.format("%Y-%m-%d").to_string();
    let to = report.to.format("%Y-%m-%d").to_string();
    match &report.club {
        Some(club) => t_with(
            lang,
            "report-title-club",
            &[
                ("club", club.clone().into()),
                ("from", from.into()),
                ("to", to.into()),
            ],
        ),
        None => t_with(
            lang,
            "report-title",
            &[("from", from.into()), ("to", to.into())],
        ),
    }
}

/// The column names, in the order every format writes them.
fn headers(lang: Lang) -> [String; 8] {
    [
        "report-col-club",
        "report-col-venue",
        "report-col-month",
        "report-col-activities",
        "report-col-person-times",
        "report-col-participants",
        "report-col-new-members",
        "report-col-minutes-read",
    ]
    .map(|id| t(lang, id))
}

/// The figures of one row, in column order after the club, venue and month.
fn figures(counts: &ReportCounts) -> [u64; 5] {
    [
        counts.activities,
        counts.person_times,
        counts.participants,
        counts.new_members,
        counts.minutes_read,
    ]
}

/// The text cells of each row, then those of the totals row (its label under the club).
fn text_rows(report: &Report, lang: Lang) -> Vec<([String; 3], [u64; 5])> {
    report
        .rows
        .iter()
        .map(|row| {
            (
                [row.club.clone(), row.venue.clone(), row.month.clone()],
                figures(&row.counts),
            )
        })
        .chain(std::iter::once((
            [t(lang, "report-total"), String::new(), String::new()],
            figures(&report.totals),
        )))
        .collect()
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
