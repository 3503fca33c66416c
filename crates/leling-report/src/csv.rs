//! A report as CSV: UTF-8 with a byte-order mark, without which Excel takes the file for the
//! system's code page and shows the Chinese as mojibake.

use super::ReportTable;
use super::cells::spreadsheet_text;
use leling_core::model::Lang;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The csv writer fails only on an I/O error or on records of unequal length; writing into
/// a `Vec` has no I/O errors and every record here has the header's columns, so the `expect`s
/// state facts about this code, not about the report's contents.
const INFALLIBLE: &str = "records of equal length written to memory";

pub fn render(table: &ReportTable, lang: Lang) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        // Excel on Windows, where most centres open it, expects CRLF.
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    writer.write_record(table.headers(lang)).expect(INFALLIBLE);
    for row in &table.rows {
        let texts = row.texts.iter().map(|text| spreadsheet_text(text));
        let record = texts.chain(row.figures.iter().map(|f| super::figure_text(*f)));
        writer.write_record(record).expect(INFALLIBLE);
    }
    writer.into_inner().expect(INFALLIBLE)
}
