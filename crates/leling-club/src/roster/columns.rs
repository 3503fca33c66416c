//! Which column of a roster holds what, read from its header row in Chinese or English.

use super::sheet::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Card,
    Phone,
    BirthYear,
    Consent,
    Language,
    Joined,
}

/// The column a header names, or `None` for one Leling does not read. Case, spaces, `_`,
/// `-` and the `*` templates put on required columns do not matter.
fn column(header: &str) -> Option<Column> {
    let name: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*' | '＊' | '\u{feff}'))
        .collect::<String>()
        .to_lowercase();
    Some(match name.as_str() {
        "姓名" | "名字" | "name" | "fullname" => Column::Name,
        "卡号" | "借书证号" | "借书证" | "读者证号" | "card" | "cardnumber" | "cardno" => {
            Column::Card
        }
        "电话" | "手机" | "手机号" | "手机号码" | "电话号码" | "联系电话" | "phone" | "mobile"
        | "phonenumber" | "telephone" | "tel" => Column::Phone,
        "出生年份" | "出生年" | "birthyear" | "yearofbirth" => Column::BirthYear,
        "同意日期" | "consentdate" | "consent" => Column::Consent,
        "语言" | "language" | "lang" => Column::Language,
        "加入日期" | "入会日期" | "joined" | "joinedon" | "datejoined" | "joindate" => {
            Column::Joined
        }
        _ => return None,
    })
}

/// Where each known column is. The first of two columns with one meaning is read; the
/// second is ignored like an unknown one.
#[derive(Debug)]
pub struct Columns {
    found: Vec<(Column, usize)>,
    /// The headers of the columns not read, as written, for the volunteer's note.
    pub ignored: Vec<String>,
}

impl Columns {
    /// The columns a header row names; `None` when it has no name column, so it is not
    /// the header (it may be a title line above it).
    pub fn from_header(header: &[Cell]) -> Option<Columns> {
        let mut columns = Columns {
            found: Vec::new(),
            ignored: Vec::new(),
        };
        for (index, cell) in header.iter().enumerate() {
            let text = cell.text();
            match column(&text) {
                Some(known) if !columns.found.iter().any(|(seen, _)| *seen == known) => {
                    columns.found.push((known, index));
                }
                // A column without a header is spacing; there is nothing to name in a note.
                _ if text.is_empty() => {}
                _ => columns.ignored.push(text),
            }
        }
        columns
            .found
            .iter()
            .any(|(column, _)| *column == Column::Name)
            .then_some(columns)
    }

    /// The cell of `row` in the `wanted` column; empty when the file has no such column or
    /// the row is short.
    pub fn cell<'a>(&self, row: &'a [Cell], wanted: Column) -> &'a Cell {
        self.found
            .iter()
            .find(|(column, _)| *column == wanted)
            .and_then(|(_, index)| row.get(*index))
            .unwrap_or(&Cell::Empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<Cell> {
        names
            .iter()
            .map(|name| Cell::Text(name.to_string()))
            .collect()
    }

    #[test]
    fn headers_in_either_language_with_any_case_and_spacing() {
        assert_eq!(column(" 姓 名 "), Some(Column::Name));
        assert_eq!(column("*姓名"), Some(Column::Name));
        assert_eq!(column("Card Number"), Some(Column::Card));
        assert_eq!(column("借书证号"), Some(Column::Card));
        assert_eq!(column("MOBILE"), Some(Column::Phone));
        assert_eq!(column("birth_year"), Some(Column::BirthYear));
        assert_eq!(column("Consent date"), Some(Column::Consent));
        assert_eq!(column("入会日期"), Some(Column::Joined));
        assert_eq!(column("备注"), None);
    }

    #[test]
    fn unknown_and_repeated_columns_are_listed_once_and_not_read() {
        let columns = Columns::from_header(&header(&["姓名", "备注", "", "Name", "电话"])).unwrap();
        assert_eq!(columns.ignored, ["备注", "Name"]);
        let row = header(&["王芳", "x", "", "Wang", "138"]);
        assert_eq!(columns.cell(&row, Column::Name).text(), "王芳");
        assert_eq!(columns.cell(&row, Column::Phone).text(), "138");
        assert_eq!(columns.cell(&row[..1], Column::Phone), &Cell::Empty);
        assert_eq!(columns.cell(&row, Column::Card), &Cell::Empty);
    }

    #[test]
    fn a_row_without_a_name_column_is_not_a_header() {
        assert!(Columns::from_header(&header(&["乐龄读书会成员名单"])).is_none());
        assert!(Columns::from_header(&header(&["card", "phone"])).is_none());
    }
}
