//! A report as a Markdown page: the title with the period, a pipe table with the figures
//! aligned right, and the note on how the total of participants is counted.

use super::ReportTable;
use leling_core::model::Lang;

pub fn render(table: &ReportTable, lang: Lang) -> String {
    let mut page = format!("# {}\n\n", escape(&table.title));
    page.push_str(&table_line(table.headers(lang).iter().map(|h| escape(h))));
    // Text columns aligned left, figures right.
    let alignments = (table.text_headers.iter().map(|_| "---"))
        .chain(super::figure_headers(lang).map(|_| "---:"));
    page.push_str(&table_line(alignments.map(str::to_owned)));
    for row in &table.rows {
        let cells = (row.texts.iter())
            .map(|text| escape(text))
            .chain(row.figures.iter().map(|f| super::figure_text(*f)));
        // A total is bold, as in the spreadsheet; empty cells stay empty.
        let cells: Vec<String> = if row.total {
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
    page.push_str(&escape(&table.note));
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
