//! What reading a spreadsheet file takes, whoever reads it (lecture schedules in `catalog`,
//! member rosters in `club`): a workbook checked before calamine opens it, Excel's dates
//! within the range Excel knows, and the separator of a CSV file.

use std::io::{self, Cursor, Read};

use calamine::ExcelDateTime;
use chrono::{NaiveDate, NaiveDateTime};

/// The most an XLSX file may unpack to, all its parts together. A schedule of ten thousand
/// lectures or a roster of ten thousand members is a few megabytes; a small zip can unpack
/// to gigabytes.
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Why a zip is not a workbook Leling will open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookProblem {
    /// A zip, but not a workbook (an EPUB, a Word file).
    NotWorkbook,
    /// It unpacks past [`MAX_XLSX_UNPACKED_BYTES`].
    TooLarge,
    /// The zip itself is broken; the reader's own words.
    Damaged(String),
}

/// Refuses a zip that is not a workbook and one that unpacks past
/// [`MAX_XLSX_UNPACKED_BYTES`], counting the bytes really unpacked rather than the sizes the
/// archive claims.
pub fn check_workbook(bytes: &[u8]) -> Result<(), WorkbookProblem> {
    let damaged = |error: &dyn std::fmt::Display| WorkbookProblem::Damaged(error.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if archive.index_for_name("xl/workbook.xml").is_none() {
        return Err(WorkbookProblem::NotWorkbook);
    }
    let mut budget = MAX_XLSX_UNPACKED_BYTES;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| damaged(&e))?;
        let unpacked =
            io::copy(&mut entry.take(budget + 1), &mut io::sink()).map_err(|e| damaged(&e))?;
        budget = budget
            .checked_sub(unpacked)
            .ok_or(WorkbookProblem::TooLarge)?;
    }
    Ok(())
}

/// Excel's serial date for 9999-12-31, the last date Excel knows. calamine's conversion
/// overflows on serials far past it.
const LAST_EXCEL_SERIAL: f64 = 2_958_465.0;

/// The date and time an Excel date cell holds; `None` past the dates Excel knows, where the
/// cell is better kept as its number.
pub fn excel_date_time(excel: &ExcelDateTime) -> Option<NaiveDateTime> {
    if excel.as_f64().abs() > LAST_EXCEL_SERIAL {
        return None;
    }
    let (year, month, day, hour, minute, second, milli) = excel.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())?.and_hms_milli_opt(
        hour.into(),
        minute.into(),
        second.into(),
        milli.into(),
    )
}

/// A CSV file's separator: comma, unless its first `lines` lines have more tabs (Excel's
/// "Unicode text") or semicolons (Excel where the decimal separator is a comma).
pub fn delimiter(text: &str, lines: usize) -> u8 {
    let head: String = text.lines().take(lines).collect();
    let count = |delimiter: u8| head.matches(char::from(delimiter)).count();
    [b'\t', b';']
        .into_iter()
        .filter(|&candidate| count(candidate) > count(b','))
        .max_by_key(|&candidate| count(candidate))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_past_excels_last_day_stay_numbers() {
        let last = ExcelDateTime::new(
            LAST_EXCEL_SERIAL,
            calamine::ExcelDateTimeType::DateTime,
            false,
        );
        let date = excel_date_time(&last).map(|d| d.date());
        assert_eq!(date, NaiveDate::from_ymd_opt(9999, 12, 31));
        let far = ExcelDateTime::new(1e12, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(excel_date_time(&far), None);
    }

    #[test]
    fn a_title_line_does_not_hide_the_separator() {
        let roster = "成员名单\n姓名;卡号\n张秀英;1001\n";
        assert_eq!(delimiter(roster, 1), b',');
        assert_eq!(delimiter(roster, 10), b';');
    }
}
