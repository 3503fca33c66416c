//! The record as plain text: headings underlined, one item per line with a bullet, for a
//! printer or the terminal.

use unicode_width::UnicodeWidthStr;

use super::{LearningRecord, page};
use leling_core::model::Lang;

pub fn record_text(record: &LearningRecord, lang: Lang) -> String {
    let page = page(record, lang);
    let mut text = underlined(&page.title, '=');
    for fact in &page.facts {
        text.push_str(fact);
        text.push('\n');
    }
    for section in &page.sections {
        text.push('\n');
        text.push_str(&underlined(&section.heading, '-'));
        if section.items.is_empty() {
            text.push_str(&format!("  {}\n", section.none));
        }
        for item in &section.items {
            match &item.date {
                Some(date) => text.push_str(&format!("  • {date}  {}\n", item.text)),
                None => text.push_str(&format!("  • {}\n", item.text)),
            }
        }
    }
    text
}

/// A heading with a line of `mark` under it as wide as the heading shows (a Chinese
/// character takes two columns).
fn underlined(heading: &str, mark: char) -> String {
    let line: String = std::iter::repeat_n(mark, heading.width().max(1)).collect();
    format!("{heading}\n{line}\n")
}
