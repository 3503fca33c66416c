//! Reading club files as a volunteer meets them: rosters from Excel and WPS in either
//! encoding.

use chrono::NaiveDate;
use leling::club::roster::{DateField, ProblemKind, RosterError, read_roster};
use leling::model::Lang;
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

const ROSTER: &str = "姓名,借书证号,手机,出生年份,同意日期,语言,入会日期,备注\n\
                      王芳,A001,138-1234-5678,1952,2026/9/1,中文,2026年9月3日,腿脚不便\n\
                      Li Ming,A002,+86 (10) 6512 3456,1949,2026.09.02,English,2026-09-02,\n";

#[test]
fn a_gbk_roster_from_excel_in_china_reads_the_same_as_its_utf8_form() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(ROSTER);
    assert!(!unmappable);
    let from_gbk = read_roster(&gbk, "名单.csv").unwrap();
    let from_utf8 = read_roster(ROSTER.as_bytes(), "名单.csv").unwrap();
    assert_eq!(from_gbk, from_utf8);
    assert_eq!(from_gbk.problems, []);
    assert_eq!(from_gbk.ignored_columns, ["备注"]);
    let wang = &from_gbk.entries[0];
    assert_eq!((wang.row, wang.name.as_str()), (2, "王芳"));
    assert_eq!(wang.card.as_deref(), Some("A001"));
    assert_eq!(wang.birth_year, Some(1952));
    assert_eq!(wang.consent_on, Some(day(2026, 9, 1)));
    assert_eq!(wang.joined_on, Some(day(2026, 9, 3)));
    assert_eq!(wang.lang, Some(Lang::Zh));
    assert_eq!(from_gbk.entries[1].lang, Some(Lang::En));
}

/// An XLSX roster as Excel keeps it: a title line, then the header; the phone and birth
/// year stored as numbers and the joining date as a real date cell.
fn xlsx_roster() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_string(0, 0, "幸福社区乐龄读书会成员名单")
        .unwrap();
    let header = [
        "Name",
        "Card number",
        "Mobile",
        "Birth Year",
        "Joined",
        "Language",
    ];
    for (column, name) in (0u16..).zip(header) {
        sheet.write_string(1, column, name).unwrap();
    }
    sheet.write_string(2, 0, " 王芳 ").unwrap();
    sheet.write_number(2, 1, 1001).unwrap();
    sheet.write_number(2, 2, 13812345678.0).unwrap();
    sheet.write_number(2, 3, 1952).unwrap();
    let joined = ExcelDateTime::from_ymd(2026, 9, 3).unwrap();
    sheet.write_date_with_format(2, 4, &joined, &date).unwrap();
    sheet.write_string(2, 5, "zh").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_roster_with_a_real_date_cell_reads_correctly() {
    let roster = read_roster(&xlsx_roster(), "名单.xlsx").unwrap();
    assert_eq!(roster.problems, []);
    assert_eq!(roster.entries.len(), 1);
    let wang = &roster.entries[0];
    assert_eq!(wang.row, 3, "the title is row 1 and the header row 2");
    assert_eq!(wang.name, "王芳");
    assert_eq!(wang.card.as_deref(), Some("1001"));
    assert_eq!(wang.phone.as_deref(), Some("13812345678"));
    assert_eq!(wang.birth_year, Some(1952));
    assert_eq!(wang.joined_on, Some(day(2026, 9, 3)));
    assert_eq!(wang.lang, Some(Lang::Zh));
    // The format is told by the bytes, not only by the name.
    assert_eq!(read_roster(&xlsx_roster(), "roster").unwrap(), roster);
}

#[test]
fn each_problem_is_reported_with_the_row_the_spreadsheet_shows() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    // Rows 1 and 2 left empty, so the sheet's used range starts at row 3.
    let rows: [[&str; 4]; 5] = [
        ["姓名", "卡号", "电话", "加入日期"],
        ["王芳", "A1", "13812345678", "2026-09-01"],
        ["", "A2", "", ""],
        ["李明", "A1", "", ""],
        ["张伟", "A3", "12ab", "2026-02-30"],
    ];
    for (row, cells) in (2u32..).zip(rows) {
        for (column, text) in (0u16..).zip(cells) {
            sheet.write_string(row, column, text).unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let roster = read_roster(&bytes, "roster.xlsx").unwrap();
    let found: Vec<(usize, ProblemKind)> = roster
        .problems
        .iter()
        .map(|problem| (problem.row, problem.kind.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (5, ProblemKind::MissingName),
            (
                6,
                ProblemKind::DuplicateCard {
                    card: "A1".into(),
                    first_row: 4
                }
            ),
            (
                7,
                ProblemKind::BadPhone {
                    value: "12ab".into()
                }
            ),
            (
                7,
                ProblemKind::BadDate {
                    field: DateField::Joined,
                    value: "2026-02-30".into()
                }
            ),
        ]
    );
    assert_eq!(roster.problems[0].describe(Lang::Zh), "第 5 行：姓名是空的");
    assert_eq!(
        roster.problems[2].describe(Lang::En),
        "row 7: the phone number 12ab is not a phone number"
    );
    let clean: Vec<&str> = roster.clean_entries().map(|e| e.name.as_str()).collect();
    assert_eq!(clean, ["王芳"]);
    assert_eq!(roster.entries.len(), 4);
}

#[test]
fn a_file_that_is_not_a_roster_is_refused_in_plain_words() {
    let page = read_roster(b"<html><body>Login</body></html>", "roster.xls").unwrap_err();
    assert_eq!(page, RosterError::WebPage);
    assert!(page.describe(Lang::En).contains("web page"));
    let no_names = read_roster("卡号,电话\nA1,138\n".as_bytes(), "r.csv").unwrap_err();
    assert!(no_names.describe(Lang::Zh).contains("姓名"));
}

/// Text that looks like a roster often enough to reach the row checks: header words, cells
/// with quotes, separators, dates, phone-like and Chinese text.
fn csv_ish() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just("姓名".to_string()),
        Just("name".to_string()),
        Just("卡号".to_string()),
        Just("电话".to_string()),
        Just("出生年份".to_string()),
        Just("加入日期".to_string()),
        Just("语言".to_string()),
        Just("\"".to_string()),
        Just("".to_string()),
        "[0-9 +()-]{0,16}",
        "[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?",
        "[\\PC]{0,8}",
    ];
    let line = prop::collection::vec(cell, 0..8).prop_map(|cells| cells.join(","));
    prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn reading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for name in ["roster.csv", "roster.xlsx"] {
            if let Ok(roster) = read_roster(&bytes, name) {
                prop_assert!(roster.entries.iter().all(|entry| entry.row >= 2));
            }
        }
    }

    #[test]
    fn reading_any_csv_ish_text_never_panics_and_rows_come_after_the_header(text in csv_ish()) {
        if let Ok(roster) = read_roster(text.as_bytes(), "roster.csv") {
            prop_assert!(roster.entries.iter().all(|entry| entry.row >= 2));
            prop_assert!(roster.problems.iter().all(|problem| problem.row >= 2));
            let rows: Vec<usize> = roster.entries.iter().map(|entry| entry.row).collect();
            prop_assert!(rows.windows(2).all(|pair| pair[0] < pair[1]));
        }
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        let _ = read_roster(&gbk, "roster.csv");
    }

    #[test]
    fn a_zip_prefix_on_anything_never_panics(tail in prop::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = read_roster(&bytes, "roster.xlsx");
    }
}
