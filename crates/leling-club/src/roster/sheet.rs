//! A roster file's bytes turned into numbered rows of cells: XLSX through calamine (the first
//! worksheet), CSV in UTF-8, UTF-16 (Excel's "Unicode text") or GBK/GB18030, which Excel in
//! China writes by default. Anything else is refused here, before a row is read.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use encoding_rs::Encoding;

use super::RosterError;
use leling_catalog::panic_guard;
use leling_catalog::spreadsheet::{
    MAX_XLSX_UNPACKED_BYTES, WorkbookProblem, check_workbook, excel_date_time,
};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The start of an OLE compound file: Excel 97–2003 `.xls`, which Leling does not read.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// One cell as the file gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// An XLSX cell formatted as a date.
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell as a person would read it, trimmed: whole numbers without a decimal point
    /// (card and phone numbers are often stored as numbers), dates as `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                format!("{}", *number as i64)
            }
            Cell::Number(number) => number.to_string(),
            Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A row and the number a spreadsheet program shows beside it (the first row is 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// The rows of the roster in `bytes`. The bytes decide the format (a zip is XLSX); the name
/// only sharpens the refusal of a file called `.xlsx` that is not one.
pub fn read_rows(bytes: &[u8], file_name: &str) -> Result<Vec<Row>, RosterError> {
    if bytes.starts_with(ZIP_MAGIC) {
        return xlsx_rows(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(RosterError::OldExcel);
    }
    let text = decode(bytes);
    let start = text.trim_start();
    if start.is_empty() {
        return Err(RosterError::Empty);
    }
    // Web systems often export "spreadsheets" that are HTML pages.
    if start.starts_with('<') {
        return Err(RosterError::WebPage);
    }
    if file_name.to_lowercase().ends_with(".xlsx") {
        return Err(RosterError::Damaged {
            detail: String::new(),
        });
    }
    if !looks_like_text(&text) {
        return Err(RosterError::NotSpreadsheet);
    }
    csv_rows(&text)
}

/// A byte-order mark decides; then UTF-8 when the bytes are valid UTF-8; else GB18030, the
/// superset of GBK that Excel in China saves CSV in.
fn decode(bytes: &[u8]) -> String {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => (encoding, &bytes[bom_length..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => (encoding_rs::GB18030, bytes),
    };
    encoding.decode_without_bom_handling(body).0.into_owned()
}

/// Text in any encoding has almost no control characters or undecodable bytes; a picture
/// or a program decoded as GB18030 is full of them.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut strange = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return false;
        }
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t');
        if control || c == char::REPLACEMENT_CHARACTER {
            strange += 1;
        }
    }
    strange * 20 <= total
}

fn csv_rows(text: &str) -> Result<Vec<Row>, RosterError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Rows shorter or longer than the header are common in hand-kept sheets.
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut number = 0;
    let mut after_cr = false;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                return Err(RosterError::Damaged {
                    detail: error.to_string(),
                });
            }
        }
        // The csv reader skips blank lines, but a spreadsheet shows each as an empty row, and
        // the row numbers given back must be the ones the volunteer sees. The skipped lines
        // are at the start of the bytes this read consumed.
        let start = record.position().map_or(0, |p| p.byte());
        let end = reader.position().byte();
        let consumed = usize::try_from(start)
            .ok()
            .zip(usize::try_from(end).ok())
            .and_then(|(start, end)| text.as_bytes().get(start..end))
            .unwrap_or_default();
        number += 1 + blank_lines(consumed, after_cr);
        after_cr = consumed.last() == Some(&b'\r');
        let cells = record
            .iter()
            .map(|cell| Cell::Text(cell.to_string()))
            .collect();
        rows.push(Row { number, cells });
    }
    Ok(rows)
}

/// The empty lines at the start of `consumed`, ended by `\n`, `\r\n` or `\r`. The reader
/// stops a record at the `\r` of a `\r\n`, so after one ending in `\r` (`after_cr`) a first
/// `\n` finishes that record's line rather than making an empty one.
fn blank_lines(consumed: &[u8], after_cr: bool) -> usize {
    let consumed = match consumed.strip_prefix(b"\n") {
        Some(rest) if after_cr => rest,
        _ => consumed,
    };
    let ends: Vec<u8> = consumed
        .iter()
        .copied()
        .take_while(|&b| b == b'\r' || b == b'\n')
        .collect();
    // Each `\n` ends a line, and so does each `\r` not followed by one.
    (0..ends.len())
        .filter(|&i| ends[i] == b'\n' || ends.get(i + 1) != Some(&b'\n'))
        .count()
}

/// The separator, judged by several lines, since a roster often starts with a title line
/// that has no separator at all.
fn delimiter(text: &str) -> u8 {
    leling_catalog::spreadsheet::delimiter(text, 10)
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Row>, RosterError> {
    check_archive(bytes)?;
    // calamine reads untrusted bytes; a bug in it must not take the kiosk down.
    panic_guard::quietly(|| read_first_sheet(bytes)).unwrap_or(Err(RosterError::Damaged {
        detail: String::new(),
    }))
}

fn read_first_sheet(bytes: &[u8]) -> Result<Vec<Row>, RosterError> {
    let damaged = |error: calamine::XlsxError| RosterError::Damaged {
        detail: error.to_string(),
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or(RosterError::Empty)?
        .map_err(damaged)?;
    // The range starts at the first cell in use, so its rows are numbered from there.
    let first = sheet.start().map_or(1, |(row, _)| row as usize + 1);
    Ok(sheet
        .rows()
        .enumerate()
        .map(|(index, cells)| Row {
            number: first + index,
            cells: cells.iter().map(cell).collect(),
        })
        .collect())
}

/// The shared workbook check, in the roster's words.
fn check_archive(bytes: &[u8]) -> Result<(), RosterError> {
    check_workbook(bytes).map_err(|problem| match problem {
        WorkbookProblem::NotWorkbook => RosterError::NotSpreadsheet,
        WorkbookProblem::TooLarge => RosterError::TooLarge {
            limit: MAX_XLSX_UNPACKED_BYTES,
        },
        WorkbookProblem::Damaged(detail) => RosterError::Damaged { detail },
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Cell::Text(text.clone())
        }
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Float(number) => Cell::Number(*number),
        Data::Bool(value) => Cell::Text(value.to_string()),
        Data::DateTime(excel) => {
            // A duration, or a serial before 1900, is no date a roster means.
            let serial = excel.as_f64();
            if !(excel.is_datetime() && serial >= 1.0) {
                return Cell::Number(serial);
            }
            excel_date_time(excel).map_or(Cell::Number(serial), |at| Cell::Date(at.date()))
        }
        Data::Error(error) => Cell::Text(error.to_string()),
        Data::Empty => Cell::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<(usize, Vec<String>)> {
        rows.iter()
            .map(|row| (row.number, row.cells.iter().map(Cell::text).collect()))
            .collect()
    }

    #[test]
    fn blank_lines_count_as_rows_whatever_ends_the_lines() {
        for text in [
            "a\n\nb\n",
            "a\r\n\r\nb\r\n",
            "a\r\rb\r",
            "a\n\nb",
            "\"x\ny\"\n\nb",
        ] {
            let numbers: Vec<usize> = read_rows(text.as_bytes(), "r.csv")
                .unwrap()
                .iter()
                .map(|row| row.number)
                .collect();
            assert_eq!(numbers, [1, 3], "{text:?}");
        }
        let rows = read_rows(b"\r\n\r\na\r\nb\r\n", "r.csv").unwrap();
        assert_eq!(
            rows.iter().map(|row| row.number).collect::<Vec<_>>(),
            [3, 4]
        );
    }

    #[test]
    fn blank_lines_and_multi_line_cells_keep_spreadsheet_row_numbers() {
        let rows = read_rows(
            "姓名,备注\n\n王芳,\"two\nlines\"\n李明,x\n\n\n张伟,y\n".as_bytes(),
            "r.csv",
        )
        .unwrap();
        let numbers: Vec<usize> = rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, [1, 3, 4, 7]);
        assert_eq!(rows[1].cells[1].text(), "two\nlines");
    }

    #[test]
    fn encodings_and_separators_are_found() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,电话\n王芳,138\n");
        let expected = vec![
            (1, vec!["姓名".to_string(), "电话".to_string()]),
            (2, vec!["王芳".to_string(), "138".to_string()]),
        ];
        assert_eq!(texts(&read_rows(&gbk, "r.csv").unwrap()), expected);
        let bom = "\u{feff}姓名,电话\n王芳,138\n".as_bytes();
        assert_eq!(texts(&read_rows(bom, "r.csv").unwrap()), expected);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "姓名\t电话\n王芳\t138\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(texts(&read_rows(&utf16, "r.txt").unwrap()), expected);
        let semicolons = "会员名单\n姓名;电话\n王芳;138\n".as_bytes();
        assert_eq!(read_rows(semicolons, "r.csv").unwrap()[1].cells.len(), 2);
    }

    #[test]
    fn files_that_are_not_rosters_are_refused_in_plain_words() {
        assert_eq!(read_rows(b"", "r.csv"), Err(RosterError::Empty));
        assert_eq!(read_rows(b" \n\r\n", "r.csv"), Err(RosterError::Empty));
        assert_eq!(
            read_rows(b"<!DOCTYPE html><table>", "r.xls"),
            Err(RosterError::WebPage)
        );
        assert_eq!(read_rows(OLE_MAGIC, "r.xls"), Err(RosterError::OldExcel));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert_eq!(read_rows(png, "r.csv"), Err(RosterError::NotSpreadsheet));
        assert!(matches!(
            read_rows(b"PK\x03\x04 cut short", "r.xlsx"),
            Err(RosterError::Damaged { .. })
        ));
        assert!(matches!(
            read_rows("姓名,电话".as_bytes(), "r.xlsx"),
            Err(RosterError::Damaged { .. })
        ));
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_not_a_spreadsheet() {
        let mut zipped = Vec::new();
        {
            let mut writer = zip::ZipWriter::new(Cursor::new(&mut zipped));
            writer
                .start_file(
                    "word/document.xml",
                    zip::write::SimpleFileOptions::default(),
                )
                .unwrap();
            std::io::Write::write_all(&mut writer, b"<w:document/>").unwrap();
            writer.finish().unwrap();
        }
        assert_eq!(
            read_rows(&zipped, "r.xlsx"),
            Err(RosterError::NotSpreadsheet)
        );
    }

    #[test]
    fn excel_dates_become_dates_and_impossible_serials_stay_numbers() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let date = |serial| cell(&Data::DateTime(ExcelDateTime::new(serial, DateTime, false)));
        assert_eq!(
            date(45943.5),
            Cell::Date(NaiveDate::from_ymd_opt(2025, 10, 13).unwrap())
        );
        assert_eq!(date(1e30), Cell::Number(1e30));
        assert_eq!(date(-3.0), Cell::Number(-3.0));
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(Cell::Number(13812345678.0).text(), "13812345678");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
        assert_eq!(Cell::Text("  王芳\u{3000}".into()).text(), "王芳");
    }
}
