//! Reading the roster of members a centre keeps in a spreadsheet (XLSX, or CSV as Excel or
//! WPS saves it), so a volunteer can import it instead of typing every member again.
//!
//! A member row with a problem is still listed, with its problems, under the row number the
//! volunteer sees in the spreadsheet; the caller decides whether to import the clean rows
//! only ([`Roster::clean_entries`]) or to stop so the file can be mended. Only a file that is
//! not a roster at all is an error.

mod columns;
mod fields;
pub use fields::is_phone;
pub(crate) mod sheet;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use fluent_bundle::FluentValue;

use self::columns::{Column, Columns};
use self::sheet::Row;
use leling_core::model::Lang;
use leling_i18n::{t, t_with};
use leling_report::cells::looks_like_formula;

/// How far down the sheet the header row is looked for: rosters often start with a title
/// line or two (`某某社区乐龄读书会成员名单`) above it.
const HEADER_SEARCH_ROWS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The spreadsheet row number (the header is usually row 1, the first member row 2).
    pub row: usize,
    /// Empty when the name cell is; the row then has a [`ProblemKind::MissingName`].
    pub name: String,
    pub card: Option<String>,
    /// A field holds a value only when it is valid; the problem list keeps what was written.
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub consent_on: Option<NaiveDate>,
    pub lang: Option<Lang>,
    pub joined_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// Every member row, in file order, with or without problems.
    pub entries: Vec<RosterEntry>,
    /// In row order; a row can have several.
    pub problems: Vec<RowProblem>,
    /// The headers of the columns that were not read, as written.
    pub ignored_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub kind: ProblemKind,
}

/// What is wrong with one member row. Values are kept as written, to quote them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    MissingName,
    /// A name written as a spreadsheet formula (`=HYPERLINK(…)`): a copy-paste slip, or an
    /// attempt to run a formula on whoever opens an exported list.
    Formula {
        value: String,
    },
    /// The card is on an earlier row of the same file.
    DuplicateCard {
        card: String,
        first_row: usize,
    },
    /// The card belongs to a member already in this centre (see [`Roster::mark_cards_in_use`]).
    CardInUse {
        card: String,
    },
    BadPhone {
        value: String,
    },
    BadDate {
        field: DateField,
        value: String,
    },
    BadBirthYear {
        value: String,
    },
    UnknownLanguage {
        value: String,
    },
}

/// Which date a [`ProblemKind::BadDate`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    Consent,
    Joined,
}

/// Why a file could not be read as a roster at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe(Lang::En))]
pub enum RosterError {
    Empty,
    WebPage,
    /// Excel 97–2003 `.xls`.
    OldExcel,
    NotSpreadsheet,
    /// A workbook or CSV file that could not be parsed; `detail` is the parser's own words,
    /// or empty.
    Damaged {
        detail: String,
    },
    TooLarge {
        limit: u64,
    },
    /// The file itself is larger than any roster ([`MAX_ROSTER_BYTES`]).
    FileTooLarge,
    NoNameColumn,
}

/// The largest roster file read: 100,000 members fill about 10 MB. A larger file is not a
/// roster, and reading it (a 100 MB line took 519 MB) would cost a kiosk its memory.
pub const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many of the columns not read are named, each at most this many characters:
/// a file of a million columns must not print megabytes of their names.
const NAMED_COLUMNS: usize = 10;
const COLUMN_NAME_CHARS: usize = 40;

/// Reads the roster in `bytes`; `file_name` is the file's name, for telling formats apart.
/// Never panics, whatever the bytes.
pub fn read_roster(bytes: &[u8], file_name: &str) -> Result<Roster, RosterError> {
    read_roster_in(bytes, file_name, chrono::Local::now().year())
}

/// [`read_roster`] with the current year given, so tests do not depend on the clock.
fn read_roster_in(bytes: &[u8], file_name: &str, this_year: i32) -> Result<Roster, RosterError> {
    if bytes.len() as u64 > MAX_ROSTER_BYTES {
        return Err(RosterError::FileTooLarge);
    }
    let rows: Vec<Row> = sheet::read_rows(bytes, file_name)?
        .into_iter()
        // A spreadsheet's empty rows (`,,,,` in CSV) are spacing, not members.
        .filter(|row| row.cells.iter().any(|cell| !cell.text().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(RosterError::Empty);
    }
    let (header_index, columns) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(index, row)| Some((index, Columns::from_header(&row.cells)?)))
        .ok_or(RosterError::NoNameColumn)?;
    let mut roster = Roster {
        entries: Vec::new(),
        problems: Vec::new(),
        ignored_columns: columns.ignored.clone(),
    };
    let mut first_row_of_card: HashMap<String, usize> = HashMap::new();
    for row in &rows[header_index + 1..] {
        let (entry, mut problems) = member(&columns, row, this_year);
        if let Some(card) = &entry.card {
            let first_row = *first_row_of_card.entry(card.clone()).or_insert(row.number);
            if first_row != row.number {
                problems.push(ProblemKind::DuplicateCard {
                    card: card.clone(),
                    first_row,
                });
            }
        }
        roster
            .problems
            .extend(problems.into_iter().map(|kind| RowProblem {
                row: row.number,
                kind,
            }));
        roster.entries.push(entry);
    }
    Ok(roster)
}

/// One member row and what is wrong with it.
fn member(columns: &Columns, row: &Row, this_year: i32) -> (RosterEntry, Vec<ProblemKind>) {
    let cell = |column| columns.cell(&row.cells, column);
    // A cell that an export here guarded against spreadsheets reads as it was written.
    let written = |column| crate::unguarded(&cell(column).text()).to_owned();
    let text = |column| Some(written(column)).filter(|text| !text.is_empty());
    let mut problems = Vec::new();
    let name = written(Column::Name);
    if name.is_empty() {
        problems.push(ProblemKind::MissingName);
    } else if looks_like_formula(&name) {
        problems.push(ProblemKind::Formula {
            value: name.clone(),
        });
    }
    let phone = text(Column::Phone).and_then(|value| {
        if fields::is_phone(&value) {
            Some(value)
        } else {
            problems.push(ProblemKind::BadPhone { value });
            None
        }
    });
    let mut date = |column, field| {
        let value = text(column)?;
        let date = fields::date(cell(column));
        if date.is_none() {
            problems.push(ProblemKind::BadDate { field, value });
        }
        date
    };
    let consent_on = date(Column::Consent, DateField::Consent);
    let joined_on = date(Column::Joined, DateField::Joined);
    let birth_year = text(Column::BirthYear).and_then(|value| {
        let year = fields::birth_year(cell(Column::BirthYear), this_year);
        if year.is_none() {
            problems.push(ProblemKind::BadBirthYear { value });
        }
        year
    });
    let lang = text(Column::Language).and_then(|value| {
        let lang = fields::language(&value);
        if lang.is_none() {
            problems.push(ProblemKind::UnknownLanguage { value });
        }
        lang
    });
    let entry = RosterEntry {
        row: row.number,
        name,
        card: text(Column::Card),
        phone,
        birth_year,
        consent_on,
        lang,
        joined_on,
    };
    (entry, problems)
}

impl Roster {
    /// Adds a [`ProblemKind::CardInUse`] for every entry whose card `is_taken` says a member
    /// of this centre already has. Calling it again adds nothing twice.
    pub fn mark_cards_in_use(&mut self, is_taken: impl Fn(&str) -> bool) {
        let already: HashSet<usize> = self
            .problems
            .iter()
            .filter(|problem| matches!(problem.kind, ProblemKind::CardInUse { .. }))
            .map(|problem| problem.row)
            .collect();
        for entry in &self.entries {
            let Some(card) = &entry.card else { continue };
            if !already.contains(&entry.row) && is_taken(card) {
                self.problems.push(RowProblem {
                    row: entry.row,
                    kind: ProblemKind::CardInUse { card: card.clone() },
                });
            }
        }
        // Stable, so each row's problems stay in the order they were found.
        self.problems.sort_by_key(|problem| problem.row);
    }

    /// The entries without any problem: what `--skip-invalid` imports.
    pub fn clean_entries(&self) -> impl Iterator<Item = &RosterEntry> {
        let with_problems: HashSet<usize> =
            self.problems.iter().map(|problem| problem.row).collect();
        self.entries
            .iter()
            .filter(move |entry| !with_problems.contains(&entry.row))
    }

    /// The note about columns that were not read, once for the whole file; `None` when every
    /// column was read.
    pub fn ignored_columns_note(&self, lang: Lang) -> Option<String> {
        if self.ignored_columns.is_empty() {
            return None;
        }
        let separator = t(lang, "roster-list-separator");
        let shortened = |name: &String| match name.char_indices().nth(COLUMN_NAME_CHARS) {
            Some((end, _)) => format!("{}…", &name[..end]),
            None => name.clone(),
        };
        let mut named: Vec<String> = (self.ignored_columns.iter())
            .take(NAMED_COLUMNS)
            .map(shortened)
            .collect();
        let more = self.ignored_columns.len().saturating_sub(NAMED_COLUMNS);
        if more > 0 {
            named.push(t_with(
                lang,
                "roster-ignored-more",
                &[("count", more.into())],
            ));
        }
        let columns = named.join(&separator);
        Some(t_with(
            lang,
            "roster-ignored-columns",
            &[("columns", columns.into())],
        ))
    }
}

impl RowProblem {
    /// "row 4: the phone number 12ab is not a phone number".
    pub fn describe(&self, lang: Lang) -> String {
        t_with(
            lang,
            "roster-row-problem",
            &[
                ("row", self.row.into()),
                ("problem", self.kind.describe(lang).into()),
            ],
        )
    }
}

impl ProblemKind {
    /// The problem without its row: "the phone number 12ab is not a phone number".
    pub fn describe(&self, lang: Lang) -> String {
        let value = |value: &str| -> FluentValue<'static> { value.to_string().into() };
        match self {
            ProblemKind::MissingName => t(lang, "roster-problem-missing-name"),
            ProblemKind::Formula { value: text } => {
                t_with(lang, "roster-problem-formula", &[("value", value(text))])
            }
            ProblemKind::DuplicateCard { card, first_row } => t_with(
                lang,
                "roster-problem-duplicate-card",
                &[("card", value(card)), ("first", (*first_row).into())],
            ),
            ProblemKind::CardInUse { card } => {
                t_with(lang, "roster-problem-card-in-use", &[("card", value(card))])
            }
            ProblemKind::BadPhone { value: written } => t_with(
                lang,
                "roster-problem-bad-phone",
                &[("value", value(written))],
            ),
            ProblemKind::BadDate {
                field,
                value: written,
            } => {
                let id = match field {
                    DateField::Consent => "roster-problem-bad-consent-date",
                    DateField::Joined => "roster-problem-bad-joined-date",
                };
                t_with(lang, id, &[("value", value(written))])
            }
            ProblemKind::BadBirthYear { value: written } => t_with(
                lang,
                "roster-problem-bad-birth-year",
                &[
                    ("value", value(written)),
                    ("first", fields::FIRST_BIRTH_YEAR.into()),
                    ("last", chrono::Local::now().year().into()),
                ],
            ),
            ProblemKind::UnknownLanguage { value: written } => t_with(
                lang,
                "roster-problem-unknown-language",
                &[("value", value(written))],
            ),
        }
    }
}

impl RosterError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            RosterError::Empty => t(lang, "roster-error-empty"),
            RosterError::WebPage => t(lang, "roster-error-web-page"),
            RosterError::OldExcel => t(lang, "roster-error-old-excel"),
            RosterError::NotSpreadsheet => t(lang, "roster-error-not-spreadsheet"),
            RosterError::Damaged { detail } if detail.is_empty() => t(lang, "roster-error-damaged"),
            RosterError::Damaged { detail } => t_with(
                lang,
                "roster-error-damaged-detail",
                &[("detail", detail.clone().into())],
            ),
            RosterError::TooLarge { limit } => t_with(
                lang,
                "roster-error-too-large",
                &[("megabytes", (limit / (1024 * 1024)).into())],
            ),
            RosterError::FileTooLarge => t_with(
                lang,
                "roster-error-file-too-large",
                &[("megabytes", (MAX_ROSTER_BYTES / (1024 * 1024)).into())],
            ),
            RosterError::NoNameColumn => t(lang, "roster-error-no-name-column"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leling_i18n::MISSING_MARKER;

    fn read(text: &str) -> Roster {
        read_roster_in(text.as_bytes(), "roster.csv", 2026).unwrap()
    }

    fn problems(roster: &Roster) -> Vec<(usize, ProblemKind)> {
        roster
            .problems
            .iter()
            .map(|problem| (problem.row, problem.kind.clone()))
            .collect()
    }

    #[test]
    fn a_clean_roster_fills_every_field() {
        let roster = read(
            "姓名,卡号,手机,出生年份,同意日期,语言,入会日期\n\
             王芳, A001 ,138 1234 5678,1952,2026/9/1,中文,2026年9月3日\n\
             Li Ming,,,,,English,\n",
        );
        assert_eq!(roster.problems, []);
        assert_eq!(
            roster.entries[0],
            RosterEntry {
                row: 2,
                name: "王芳".into(),
                card: Some("A001".into()),
                phone: Some("138 1234 5678".into()),
                birth_year: Some(1952),
                consent_on: NaiveDate::from_ymd_opt(2026, 9, 1),
                lang: Some(Lang::Zh),
                joined_on: NaiveDate::from_ymd_opt(2026, 9, 3),
            }
        );
        assert_eq!(roster.entries[1].row, 3);
        assert_eq!(roster.entries[1].card, None);
        assert_eq!(roster.entries[1].lang, Some(Lang::En));
        assert_eq!(roster.clean_entries().count(), 2);
    }

    #[test]
    fn each_problem_is_reported_on_its_row_and_the_row_is_still_listed() {
        let roster = read(
            "Name,Card,Phone,Birth year,Consent,Language,Joined\n\
             Wang Fang,A1,12ab,1850,2026-13-01,Klingon,yesterday\n\
             ,A2,,,,,\n\
             ,,,,,,\n\
             Li Ming,A1,,,,,\n",
        );
        assert_eq!(
            problems(&roster),
            [
                (
                    2,
                    ProblemKind::BadPhone {
                        value: "12ab".into()
                    }
                ),
                (
                    2,
                    ProblemKind::BadDate {
                        field: DateField::Consent,
                        value: "2026-13-01".into()
                    }
                ),
                (
                    2,
                    ProblemKind::BadDate {
                        field: DateField::Joined,
                        value: "yesterday".into()
                    }
                ),
                (
                    2,
                    ProblemKind::BadBirthYear {
                        value: "1850".into()
                    }
                ),
                (
                    2,
                    ProblemKind::UnknownLanguage {
                        value: "Klingon".into()
                    }
                ),
                (3, ProblemKind::MissingName),
                (
                    5,
                    ProblemKind::DuplicateCard {
                        card: "A1".into(),
                        first_row: 2
                    }
                ),
            ]
        );
        let rows: Vec<usize> = roster.entries.iter().map(|entry| entry.row).collect();
        assert_eq!(rows, [2, 3, 5]);
        assert_eq!(roster.entries[0].phone, None);
        assert_eq!(roster.clean_entries().count(), 0);
    }

    #[test]
    fn the_header_may_sit_below_a_title_line() {
        let roster = read("幸福社区乐龄读书会成员名单\n\n姓名,电话\n王芳,13812345678\n");
        assert_eq!(roster.entries.len(), 1);
        assert_eq!(roster.entries[0].row, 4);
    }

    #[test]
    fn a_sheet_of_empty_cells_is_an_empty_file() {
        let error = read_roster_in(b",,,\r\n ,\t,\r\n", "r.csv", 2026);
        assert_eq!(error, Err(RosterError::Empty));
    }

    #[test]
    fn a_roster_without_a_name_column_is_refused() {
        let error = read_roster_in("卡号,电话\nA1,138\n".as_bytes(), "r.csv", 2026);
        assert_eq!(error, Err(RosterError::NoNameColumn));
    }

    #[test]
    fn cards_already_in_the_centre_are_marked_once_and_left_out_of_the_clean_rows() {
        let mut roster = read("姓名,卡号\n王芳,A1\n李明,B2\n张伟,\n");
        roster.mark_cards_in_use(|card| card == "B2");
        roster.mark_cards_in_use(|card| card == "B2");
        assert_eq!(
            problems(&roster),
            [(3, ProblemKind::CardInUse { card: "B2".into() })]
        );
        let clean: Vec<&str> = roster.clean_entries().map(|e| e.name.as_str()).collect();
        assert_eq!(clean, ["王芳", "张伟"]);
    }

    #[test]
    fn ignored_columns_make_one_note() {
        let roster = read("姓名,备注,地址\n王芳,,\n");
        assert_eq!(
            roster.ignored_columns_note(Lang::En).unwrap(),
            "These columns were not read: 备注, 地址"
        );
        assert_eq!(read("姓名\n王芳\n").ignored_columns_note(Lang::Zh), None);
        // A file of 200,000 long column names: ten named, shortened, the rest counted.
        let header: Vec<String> = (0..200_000)
            .map(|n| format!("列{n}{}", "x".repeat(50)))
            .collect();
        let wide = read(&format!("姓名,{}\n王芳\n", header.join(",")));
        let note = wide.ignored_columns_note(Lang::En).unwrap();
        assert!(note.len() < 1_000, "{} bytes", note.len());
        assert!(note.ends_with("and 199990 more"), "{note}");
        let too_large = vec![b'a'; MAX_ROSTER_BYTES as usize + 1];
        assert_eq!(
            read_roster(&too_large, "r.csv"),
            Err(RosterError::FileTooLarge)
        );
    }

    #[test]
    fn problems_are_described_in_plain_words_in_both_languages() {
        let phone = RowProblem {
            row: 4,
            kind: ProblemKind::BadPhone {
                value: "12ab".into(),
            },
        };
        assert_eq!(
            phone.describe(Lang::En),
            "row 4: the phone number 12ab is not a phone number"
        );
        assert_eq!(phone.describe(Lang::Zh), "第 4 行：电话号码 12ab 格式不对");
        let kinds = [
            ProblemKind::MissingName,
            ProblemKind::DuplicateCard {
                card: "A1".into(),
                first_row: 2,
            },
            ProblemKind::CardInUse { card: "A1".into() },
            ProblemKind::BadDate {
                field: DateField::Consent,
                value: "x".into(),
            },
            ProblemKind::BadDate {
                field: DateField::Joined,
                value: "x".into(),
            },
            ProblemKind::BadBirthYear { value: "x".into() },
            ProblemKind::UnknownLanguage { value: "x".into() },
        ];
        let errors = [
            RosterError::Empty,
            RosterError::WebPage,
            RosterError::OldExcel,
            RosterError::NotSpreadsheet,
            RosterError::Damaged {
                detail: String::new(),
            },
            RosterError::Damaged { detail: "x".into() },
            RosterError::TooLarge { limit: 1 << 26 },
            RosterError::FileTooLarge,
            RosterError::NoNameColumn,
        ];
        for lang in Lang::ALL {
            let words = kinds
                .iter()
                .map(|kind| kind.describe(lang))
                .chain(errors.iter().map(|error| error.describe(lang)));
            for said in words {
                assert!(!said.contains(MISSING_MARKER), "{said}");
            }
        }
        assert_eq!(
            ProblemKind::DuplicateCard {
                card: "A1".into(),
                first_row: 2
            }
            .describe(Lang::En),
            "the card number A1 is already on row 2"
        );
        assert!(
            RosterError::TooLarge { limit: 1 << 26 }
                .describe(Lang::En)
                .contains("64 MB")
        );
    }
}
