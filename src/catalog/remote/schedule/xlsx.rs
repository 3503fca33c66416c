//! Schedules kept as XLSX: the first worksheet, read with calamine after the archive has been
//! unpacked once within [`MAX_XLSX_UNPACKED_BYTES`].

use std::io::{self, Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::{Cell, read_rows};
use crate::catalog::remote::links::Resolver;
use crate::catalog::remote::{MAX_XLSX_UNPACKED_BYTES, RemoteCatalog, RemoteError, SourceFormat};

pub(in crate::catalog::remote) fn parse_xlsx(
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

/// Refuses a zip that is not a workbook (an EPUB, say) and one that unpacks past
/// [`MAX_XLSX_UNPACKED_BYTES`], counting the bytes really unpacked rather than the sizes the
/// archive claims.
fn check_archive(bytes: &[u8]) -> Result<(), RemoteError> {
    let malformed = |error: &dyn std::fmt::Display| RemoteError::malformed("XLSX", error);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| malformed(&e))?;
    if archive.index_for_name("xl/workbook.xml").is_none() {
        return Err(RemoteError::UnknownFormat);
    }
    let mut budget = MAX_XLSX_UNPACKED_BYTES;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| malformed(&e))?;
        let unpacked =
            io::copy(&mut entry.take(budget + 1), &mut io::sink()).map_err(|e| malformed(&e))?;
        budget = budget.checked_sub(unpacked).ok_or(RemoteError::TooLarge {
            limit: MAX_XLSX_UNPACKED_BYTES,
        })?;
    }
    Ok(())
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
            let (year, month, day, hour, minute, second, milli) = excel.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
                .and_then(|date| {
                    date.and_hms_milli_opt(hour.into(), minute.into(), second.into(), milli.into())
                })
                .map_or_else(|| Cell::Number(excel.as_f64()), Cell::DateTime)
        }
        Data::Error(error) => Cell::Text(error.to_string()),
        Data::Empty => Cell::Empty,
    }
}
