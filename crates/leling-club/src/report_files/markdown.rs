//! The report as a Markdown page: the title with the period, a pipe table with the figures
//! aligned right, and the note on how the total of participants is counted.

use super::{headers, text_rows, title};
use crate::Report;
use leling_core::model::Lang;
use leling_i18n::t;

pub fn render(report: &Report, lang: Lang) -> String {
    let mut page = format!("# {}\n\n", escape(&title(report, lang)));
    page.push_str(&table_line(headers(lang).iter().map(|h| escape(h))));
    page.push_str("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    let rows = text_rows(report, lang);
    let last = rows.len() - 1;
    for (index, (texts, figures)) in rows.into_iter().enumerate() {
        let cells = texts
            .iter()
            .map(|text| escape(text))
            .chain(figures.iter().map(u64::to_string));
        // The totals row is bold, as in the spreadsheet; empty cells stay empty.
        let cells: Vec<String> = if index == last {
            cells
                .map(|cell| {
                    if cell.is_empty() {
                        cell
                    } else {
                        format!("**{cell}**")
                    }
                })
                .collect()
        } else {
            cells.collect()
        };
        page.push_str(&table_line(cells.into_iter()));
    }
    page.push('\n');
    page.push_str(&t(lang, "report-participants-note"));
    page.push('\n');
    page
}

fn table_line(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells.collect();
    format!("| {} |\n", cells.join(" | "))
}

/// A name as Markdown text: `|` would end the table cell, a line break the row, and `*`, `_`,
/// `` ` ``, `[`, `<` and the like would turn into formatting or links; what could act on a
/// terminal showing the file is taken out (`safe_to_show`).
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in leling_core::shown::safe_to_show(text).chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_break_the_table() {
        assert_eq!(escape("A|B"), "A\\|B");
        assert_eq!(escape("*星*\n读书会"), "\\*星\\* 读书会");
        assert_eq!(escape("<b>"), "\\<b\\>");
        assert_eq!(escape("星\u{1b}]0;x\u{7}\u{202e}会"), "星\\]0;x会");
    }
}
