//! The member list as a CSV file a centre can open in Excel and import again: UTF-8 with a
//! byte-order mark (without it Excel in China reads the names as GBK), headers in the
//! interface language, the same names `member import` reads.

use leling_core::model::Lang;
use leling_i18n::t;
use leling_store::Member;

const COLUMNS: [&str; 7] = [
    "roster-name",
    "roster-card",
    "roster-phone",
    "roster-birth-year",
    "roster-consent",
    "roster-language",
    "roster-joined",
];

pub fn to_csv(members: &[Member], lang: Lang) -> String {
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let header: Vec<String> = COLUMNS.iter().map(|id| t(lang, id)).collect();
    // Writing to memory cannot fail, so the results are ignored.
    let _ = out.write_record(&header);
    // Every cell of text from people goes in guarded against spreadsheets' formulas.
    let text = |value: &Option<String>| super::spreadsheet_text(value.as_deref().unwrap_or(""));
    for m in members {
        let _ = out.write_record([
            super::spreadsheet_text(&m.name),
            text(&m.card),
            text(&m.phone),
            m.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            m.consent_on.map(|d| d.to_string()).unwrap_or_default(),
            text(&m.lang),
            m.joined_on.to_string(),
        ]);
    }
    let body = out.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}
