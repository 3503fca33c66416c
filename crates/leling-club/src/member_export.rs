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
    for m in members {
        let _ = out.write_record([
            super::spreadsheet_text(&m.name),
            m.card.clone().unwrap_or_default(),
            m.phone.clone().unwrap_or_default(),
            m.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            m.consent_on.map(|d| d.to_string()).unwrap_or_default(),
            m.lang.clone().unwrap_or_default(),
            m.joined_on.to_string(),
        ]);
    }
    let body = out.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}
