//! A report as an Excel workbook: a title line with the period, a bold header row that
//! stays in view when scrolling, the figures as numbers (so Excel can sum and chart them),
//! bold totals, columns wide enough for their contents, and the note on how the total
//! of participants is counted.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::{ReportFileError, ReportTable};
use leling_core::model::Lang;
use leling_i18n::t;

const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;

/// Column widths in Excel's units (about one Latin letter; a Chinese character takes two).
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 40;

pub fn render(table: &ReportTable, lang: Lang) -> Result<Vec<u8>, ReportFileError> {
    build(table, lang).map_err(|error| ReportFileError::Xlsx {
        detail: error.to_string(),
    })
}

fn build(table: &ReportTable, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let title_format = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let plain = Format::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(lang, "report-sheet-name"))?;
    sheet.write_string_with_format(TITLE_ROW, 0, &table.title, &title_format)?;

    let headers = table.headers(lang);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for (column, header) in (0u16..).zip(&headers) {
        sheet.write_string_with_format(HEADER_ROW, column, header, &bold)?;
    }

    let mut row_number = FIRST_DATA_ROW;
    for row in &table.rows {
        let format = if row.total { &bold } else { &plain };
        for (column, text) in (0u16..).zip(&row.texts) {
            sheet.write_string_with_format(row_number, column, text, format)?;
            widths[usize::from(column)] = widths[usize::from(column)].max(text.width());
        }
        for (column, figure) in (row.texts.len() as u16..).zip(&row.figures) {
            sheet.write_number_with_format(row_number, column, *figure, format)?;
        }
        row_number += 1;
    }
    // A blank row, then the note, so it is not taken for part of the table.
    sheet.write_string(row_number + 1, 0, &table.note)?;

    for (column, width) in (0u16..).zip(widths) {
        sheet.set_column_width(column, (width + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    workbook.save_to_buffer()
}
