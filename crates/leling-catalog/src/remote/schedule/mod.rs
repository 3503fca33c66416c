//! Lecture schedules kept in a spreadsheet, as CSV or XLSX: the first row names the columns
//! (in Chinese or English), every other row is a lecture. A row with a problem is left out
//! and reported with its spreadsheet row number, so the volunteer can fix that row.

mod csv;
mod xlsx;

use chrono::{DateTime, FixedOffset, NaiveDateTime};

pub(super) use self::csv::parse_csv;
pub(super) use self::xlsx::parse_xlsx;

use super::fields::{self, china, parse_datetime};
use super::links::Resolver;
use super::text::collapse;
use super::{
    EntryLink, LinkRole, MAX_ENTRIES, RemoteCatalog, RemoteEntry, RemoteError, RowFault,
    SkippedRow, SourceFormat,
};
use crate::LectureFormat;

/// One cell as the file gives it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
    /// An XLSX cell formatted as a date; its time has no offset, like everything in Excel.
    DateTime(NaiveDateTime),
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Speaker,
    Provider,
    Topics,
    Language,
    Format,
    Duration,
    Url,
    Venue,
    Start,
    End,
    Description,
    Transcript,
    Id,
}

/// The column a header names, or `None` for a column Leling does not use. Case, spaces
/// around the name and a unit in brackets (`时长（分钟）`, `Duration (minutes)`) do not matter.
fn column(header: &str) -> Option<Column> {
    let mut name = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    if let Some(unit) = name.find(['(', '（']) {
        name.truncate(unit);
    }
    let name = name.trim().replace([' ', '-'], "_");
    Some(match name.as_str() {
        "标题" | "title" => Column::Title,
        "主讲人" | "讲师" | "speaker" => Column::Speaker,
        "主办方" | "提供者" | "provider" => Column::Provider,
        "主题" | "topics" | "topic" => Column::Topics,
        "语言" | "language" => Column::Language,
        "形式" | "format" => Column::Format,
        "时长" | "duration" | "duration_minutes" => Column::Duration,
        "网址" | "链接" | "url" => Column::Url,
        "地点" | "venue" => Column::Venue,
        "开始" | "开始时间" | "start" => Column::Start,
        "结束" | "结束时间" | "end" => Column::End,
        "简介" | "说明" | "description" => Column::Description,
        "文字稿" | "transcript" | "transcript_url" => Column::Transcript,
        "编号" | "id" => Column::Id,
        _ => return None,
    })
}

/// Where each known column is; the first of two columns with the same meaning wins.
struct Columns(Vec<(Column, usize)>);

impl Columns {
    fn from_header(header: &[Cell]) -> Result<Columns, RemoteError> {
        let mut found: Vec<(Column, usize)> = Vec::new();
        for (index, cell) in header.iter().enumerate() {
            if let Some(column) = column(&cell_text(cell))
                && !found.iter().any(|(known, _)| *known == column)
            {
                found.push((column, index));
            }
        }
        if found.iter().any(|(column, _)| *column == Column::Title) {
            Ok(Columns(found))
        } else {
            Err(RemoteError::NoTitleColumn)
        }
    }

    fn cell<'a>(&self, row: &'a [Cell], wanted: Column) -> &'a Cell {
        self.0
            .iter()
            .find(|(column, _)| *column == wanted)
            .and_then(|(_, index)| row.get(*index))
            .unwrap_or(&Cell::Empty)
    }

    fn text(&self, row: &[Cell], wanted: Column) -> String {
        cell_text(self.cell(row, wanted))
    }
}

/// Reads the rows of a schedule, the first being the header. `first_row` is the spreadsheet
/// number of that header row (1, unless an XLSX sheet starts lower down).
fn read_rows(
    format: SourceFormat,
    mut rows: impl Iterator<Item = Result<Vec<Cell>, RemoteError>>,
    first_row: usize,
    base: &Resolver,
) -> Result<RemoteCatalog, RemoteError> {
    let header = rows.next().ok_or(RemoteError::Empty)??;
    let columns = Columns::from_header(&header)?;
    let mut catalog = RemoteCatalog::new(format, String::new());
    for (offset, cells) in rows.enumerate() {
        let cells = cells?;
        // A spreadsheet's empty rows (`,,,,` in CSV) are spacing, not mistakes.
        if cells.iter().all(|cell| cell_text(cell).is_empty()) {
            continue;
        }
        let row = first_row + 1 + offset;
        match lecture(&columns, &cells, base) {
            Ok(entry) => {
                if !catalog.push(entry) {
                    break;
                }
            }
            // The report is bounded like the entries: a file of garbage rows must not make
            // an endless list.
            Err(_) if catalog.skipped.len() >= MAX_ENTRIES => {
                catalog.truncated = true;
                break;
            }
            Err(faults) => catalog.skipped.push(SkippedRow { row, faults }),
        }
    }
    Ok(catalog)
}

/// One lecture, or every problem with the row, for the volunteer.
fn lecture(columns: &Columns, row: &[Cell], base: &Resolver) -> Result<RemoteEntry, Vec<RowFault>> {
    let mut problems = Vec::new();
    let title = columns.text(row, Column::Title);
    if title.is_empty() {
        problems.push(RowFault::NoTitle);
    }
    let start = date(columns.cell(row, Column::Start)).unwrap_or_else(|value| {
        problems.push(RowFault::StartNotADate { value });
        None
    });
    let end = date(columns.cell(row, Column::End)).unwrap_or_else(|value| {
        problems.push(RowFault::EndNotADate { value });
        None
    });
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        problems.push(RowFault::EndsBeforeStart);
    }
    let duration = duration(columns.cell(row, Column::Duration)).unwrap_or_else(|value| {
        problems.push(RowFault::DurationNotMinutes { value });
        None
    });
    let format_text = columns.text(row, Column::Format);
    let format = lecture_format(&format_text).unwrap_or_else(|()| {
        problems.push(RowFault::UnknownFormat { value: format_text });
        None
    });
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut entry = RemoteEntry::new(title);
    let non_empty = |text: String| Some(text).filter(|text| !text.is_empty());
    // Without an id column, the title and start make the id: a series repeats its title and
    // its web page on every date, but not its start.
    let start_text = start.map(|start| start.to_rfc3339()).unwrap_or_default();
    entry.id = non_empty(columns.text(row, Column::Id))
        .unwrap_or_else(|| fields::stable_id(&[&entry.title, &start_text]));
    entry.authors = split_list(&columns.text(row, Column::Speaker));
    entry.provider = non_empty(columns.text(row, Column::Provider));
    entry.subjects = split_list(&columns.text(row, Column::Topics));
    entry.language = non_empty(columns.text(row, Column::Language));
    entry.venue = non_empty(columns.text(row, Column::Venue));
    entry.summary = non_empty(collapse(&columns.text(row, Column::Description)));
    entry.start = start;
    entry.end = end;
    entry.duration_minutes = duration;
    entry.format = format;
    for (column, rel) in [
        (Column::Url, LinkRole::Alternate),
        (Column::Transcript, LinkRole::Transcript),
    ] {
        if let Some(href) = base.resolve(&columns.text(row, column)) {
            entry.links.push(EntryLink {
                href,
                media_type: None,
                rel,
                length: None,
            });
        }
    }
    fields::complete(&mut entry);
    Ok(entry)
}

/// The text of a cell as a person reads it: whole numbers without `.0`.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.trim().to_string(),
        Cell::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Cell::Number(number) => number.to_string(),
        Cell::DateTime(datetime) => datetime.format("%Y-%m-%d %H:%M").to_string(),
        Cell::Empty => String::new(),
    }
}

/// A start or end: `Ok(None)` for an empty cell, `Err` with the cell's text when it is not a
/// date. Times without an offset are China's.
fn date(cell: &Cell) -> Result<Option<DateTime<FixedOffset>>, String> {
    match cell {
        Cell::DateTime(naive) => Ok(naive.and_local_timezone(china()).single()),
        cell => {
            let text = cell_text(cell);
            if text.is_empty() {
                return Ok(None);
            }
            parse_datetime(&text, china()).map(Some).ok_or(text)
        }
    }
}

/// Minutes: a whole number, optionally followed by a unit (`90`, `90分钟`, `90 min`).
fn duration(cell: &Cell) -> Result<Option<u32>, String> {
    let text = cell_text(cell);
    if text.is_empty() {
        return Ok(None);
    }
    let number = ["分钟", "minutes", "mins", "min", "分"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(&text)
        .trim();
    number.parse::<u32>().map(Some).map_err(|_| text.clone())
}

/// `Err(())` for a value that is none of the known formats; `Ok(None)` for an empty cell.
fn lecture_format(text: &str) -> Result<Option<LectureFormat>, ()> {
    let text = text.trim().to_lowercase();
    Ok(Some(match text.as_str() {
        "" => return Ok(None),
        "视频" | "video" => LectureFormat::Video,
        "音频" | "audio" => LectureFormat::Audio,
        "现场" | "线下" | "in-person" | "in person" | "in_person" | "inperson" => {
            LectureFormat::InPerson
        }
        _ => return Err(()),
    }))
}

/// Speakers or topics written in one cell: separated by commas (ASCII or full-width), the
/// Chinese enumeration comma 、 or semicolons.
fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    for item in text.split([',', '，', '、', ';', '；']) {
        fields::push_unique(&mut items, item);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|cell| Cell::Text(cell.to_string()))
            .collect()
    }

    #[test]
    fn headers_in_either_language_are_recognised() {
        assert_eq!(column(" 标题 "), Some(Column::Title));
        assert_eq!(column("Title"), Some(Column::Title));
        assert_eq!(column("时长（分钟）"), Some(Column::Duration));
        assert_eq!(column("Duration (minutes)"), Some(Column::Duration));
        assert_eq!(column("duration_minutes"), Some(Column::Duration));
        assert_eq!(column("Transcript URL"), Some(Column::Transcript));
        assert_eq!(column("\u{feff}编号"), Some(Column::Id));
        assert_eq!(column("备注"), None);
        assert!(matches!(
            Columns::from_header(&text_row(&["主讲人", "地点"])),
            Err(RemoteError::NoTitleColumn)
        ));
    }

    #[test]
    fn cells_are_read_as_people_write_them() {
        assert_eq!(duration(&Cell::Number(90.0)), Ok(Some(90)));
        assert_eq!(duration(&Cell::Text("45分钟".into())), Ok(Some(45)));
        assert_eq!(duration(&Cell::Text("60 min".into())), Ok(Some(60)));
        assert_eq!(duration(&Cell::Number(1.5)), Err("1.5".to_string()));
        assert_eq!(duration(&Cell::Text("-5".into())), Err("-5".to_string()));
        assert_eq!(duration(&Cell::Empty), Ok(None));
        assert_eq!(lecture_format("线下"), Ok(Some(LectureFormat::InPerson)));
        assert_eq!(lecture_format("Video"), Ok(Some(LectureFormat::Video)));
        assert_eq!(lecture_format("线上"), Err(()));
        assert_eq!(
            split_list("张三、李四，王五; 张三"),
            ["张三", "李四", "王五"]
        );
        let excel = NaiveDateTime::parse_from_str("2026-11-24 09:30", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            date(&Cell::DateTime(excel)).unwrap().unwrap().to_rfc3339(),
            "2026-11-24T09:30:00+08:00"
        );
    }

    #[test]
    fn every_problem_of_a_row_is_reported_with_its_row_number() {
        let rows = vec![
            Ok(text_row(&["标题", "开始", "时长", "形式"])),
            Ok(text_row(&["太极入门", "2026-11-24 09:30", "60", "现场"])),
            Ok(text_row(&["", "", "", ""])),
            Ok(text_row(&["", "someday", "long", "线上"])),
        ];
        let catalog =
            read_rows(SourceFormat::Csv, rows.into_iter(), 1, &Resolver::default()).unwrap();
        assert_eq!(catalog.entries.len(), 1);
        assert_eq!(catalog.skipped.len(), 1);
        let skipped = &catalog.skipped[0];
        assert_eq!(skipped.row, 4);
        let value = |v: &str| v.to_owned();
        assert_eq!(
            skipped.faults,
            [
                RowFault::NoTitle,
                RowFault::StartNotADate {
                    value: value("someday")
                },
                RowFault::DurationNotMinutes {
                    value: value("long")
                },
                RowFault::UnknownFormat {
                    value: value("线上")
                },
            ]
        );
        let said = skipped.describe(leling_core::model::Lang::En);
        for part in [
            "row 4",
            "title is empty",
            "\"someday\"",
            "\"long\"",
            "\"线上\"",
        ] {
            assert!(said.contains(part), "{said}");
        }
    }
}
