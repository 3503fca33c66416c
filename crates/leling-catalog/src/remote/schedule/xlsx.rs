//! Schedules kept as XLSX: the first worksheet, read with calamine after the archive has been
//! unpacked once within [`MAX_XLSX_UNPACKED_BYTES`].

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Cell, read_rows};
use crate::remote::links::Resolver;
use crate::remote::{MAX_XLSX_UNPACKED_BYTES, RemoteCatalog, RemoteError, SourceFormat};
use crate::spreadsheet::{WorkbookProblem, check_workbook, excel_date_time};

pub(in crate::remote) fn parse_xlsx(
    bytes: &[u8],
    base: &Resolver,
) -> Result<RemoteCatalog, RemoteError> {
    check_archive(bytes)?;
    let malformed = |error: calamine::XlsxError| RemoteError::malformed("XLSX", error);
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(malformed)?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or(RemoteError::Empty)?
        .map_err(malformed)?;
    // The range starts at the first cell in use; rows are numbered from there.
    let first_row = sheet.start().map_or(1, |(row, _)| row as usize + 1);
    let rows = sheet
        .rows()
        .map(|row| Ok(row.iter().map(cell).collect::<Vec<Cell>>()));
    read_rows(SourceFormat::Xlsx, rows, first_row, base)
}

/// The shared workbook check, in this reader's errors.
fn check_archive(bytes: &[u8]) -> Result<(), RemoteError> {
    check_workbook(bytes).map_err(|problem| match problem {
        WorkbookProblem::NotWorkbook => RemoteError::UnknownFormat,
        WorkbookProblem::TooLarge => RemoteError::TooLarge {
            limit: MAX_XLSX_UNPACKED_BYTES,
        },
        WorkbookProblem::Damaged(detail) => RemoteError::malformed("XLSX", detail),
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
            excel_date_time(excel).map_or_else(|| Cell::Number(excel.as_f64()), Cell::DateTime)
        }
        Data::Error(error) => Cell::Text(error.to_string()),
        Data::Empty => Cell::Empty,
    }
}
