//! Reading club files as a volunteer meets them: rosters from Excel and WPS in either
//! encoding, and the activity report written as CSV, XLSX and Markdown and read back.

use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use leling_club::report_files::{ReportFormat, write_report};
use leling_club::roster::{DateField, ProblemKind, RosterError, read_roster};
use leling_club::{Report, ReportCounts, ReportRow};
use leling_core::model::Lang;
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

fn report() -> Report {
    let counts = |[
        activities,
        person_times,
        participants,
        new_members,
        minutes_read,
        quizzes,
    ]: [u64; 6]| ReportCounts {
        activities,
        person_times,
        participants,
        new_members,
        minutes_read,
        quizzes,
        untimed_check_ins: 0,
    };
    let row = |club: &str, venue: &str, month: &str, counts| ReportRow {
        club: club.into(),
        venue: venue.into(),
        month: month.into(),
        counts,
    };
    Report {
        from: day(2026, 9, 1),
        to: day(2026, 11, 30),
        club: None,
        rows: vec![
            row(
                "幸福读书会",
                "社区活动室",
                "2026-09",
                counts([4, 38, 12, 12, 1520, 1]),
            ),
            row(
                "幸福读书会",
                "社区活动室",
                "2026-10",
                counts([4, 41, 13, 1, 1610, 0]),
            ),
            row(
                "Tea | Books",
                "Library",
                "2026-10",
                counts([2, 9, 5, 5, 300, 1]),
            ),
        ],
        totals: counts([10, 88, 18, 18, 3430, 2]),
        rules: Default::default(),
    }
}

const ZH_HEADERS: [&str; 10] = [
    "读书会",
    "场地",
    "月份",
    "活动次数",
    "参加人次",
    "参加人数",
    "新成员",
    "阅读分钟",
    "知识问答次数",
    "学时",
];

#[test]
fn an_xlsx_report_reads_back_with_chinese_headers_numbers_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("统计.xlsx");
    write_report(&report(), ReportFormat::Xlsx, Lang::Zh, &path).unwrap();
    let mut workbook: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let cell = |row: u32, column: u32| sheet.get_value((row, column)).cloned();
    assert_eq!(
        cell(0, 0),
        Some(Data::String(
            "乐龄读书会活动统计 2026-09-01 至 2026-11-30".into()
        ))
    );
    for (column, header) in (0u32..).zip(ZH_HEADERS) {
        assert_eq!(cell(1, column), Some(Data::String(header.into())));
    }
    assert_eq!(cell(2, 0), Some(Data::String("幸福读书会".into())));
    assert_eq!(cell(2, 4), Some(Data::Float(38.0)));
    assert_eq!(cell(4, 0), Some(Data::String("Tea | Books".into())));
    assert_eq!(cell(5, 0), Some(Data::String("合计".into())));
    let totals: Vec<Option<Data>> = (3..10).map(|column| cell(5, column)).collect();
    // Credits: 3,430 minutes of sessions at the default 45 minutes a credit, to a tenth.
    let expected = [10.0, 88.0, 18.0, 18.0, 3430.0, 2.0, 76.2].map(|n| Some(Data::Float(n)));
    assert_eq!(totals, expected);
    assert!(
        matches!(cell(7, 0), Some(Data::String(note)) if note.contains("每人只算一次")),
        "the note on counting participants follows the table"
    );
    // The title and header rows stay in view when scrolling.
    let sheet_xml = unzipped(&fs::read(&path).unwrap(), "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("ySplit=\"2\"") && sheet_xml.contains("state=\"frozen\""));
}

fn unzipped(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn a_csv_report_has_a_byte_order_mark_for_excel_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    write_report(&report(), ReportFormat::Csv, Lang::Zh, &path).unwrap();
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows[0], ZH_HEADERS);
    assert_eq!(
        rows[1],
        [
            "幸福读书会",
            "社区活动室",
            "2026-09",
            "4",
            "38",
            "12",
            "12",
            "1520",
            "1",
            "33.8"
        ]
    );
    assert_eq!(rows[3][0], "Tea | Books");
    assert_eq!(
        rows[4],
        ["合计", "", "", "10", "88", "18", "18", "3430", "2", "76.2"]
    );
    assert_eq!(rows.len(), 5);
}

#[test]
fn a_markdown_report_is_a_heading_and_a_table_of_even_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    write_report(&report(), ReportFormat::Markdown, Lang::Zh, &path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# 乐龄读书会活动统计 2026-09-01 至 2026-11-30\n\n"));
    let table: Vec<&str> = text.lines().filter(|line| line.starts_with('|')).collect();
    assert_eq!(table.len(), 6, "header, rule, three rows and the totals");
    // Every line has eleven unescaped bars: the escaped one in "Tea \| Books" does not count.
    for line in &table {
        assert_eq!(line.replace("\\|", "").matches('|').count(), 11, "{line}");
    }
    assert_eq!(
        table[0],
        "| 读书会 | 场地 | 月份 | 活动次数 | 参加人次 | 参加人数 | 新成员 | 阅读分钟 | 知识问答次数 | 学时 |"
    );
    assert!(table[4].starts_with("| Tea \\| Books | Library |"));
    assert_eq!(
        table[5],
        "| **合计** |  |  | **10** | **88** | **18** | **18** | **3430** | **2** | **76.2** |"
    );
}

#[test]
fn english_reports_have_english_headers_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = report();
    report.club = Some("Tea | Books".into());
    let csv = dir.path().join("report.csv");
    write_report(&report, ReportFormat::Csv, Lang::En, &csv).unwrap();
    let text = fs::read_to_string(&csv).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "Club,Venue,Month,Activities,Person-times,Participants,New members,Minutes read,Quizzes run,Credits"
    );
    assert!(text.contains("\r\nTotal,,,10,"));
    let md = dir.path().join("report.md");
    write_report(&report, ReportFormat::Markdown, Lang::En, &md).unwrap();
    let text = fs::read_to_string(&md).unwrap();
    assert!(
        text.starts_with("# Reading club activity: Tea \\| Books, 2026-09-01 to 2026-11-30\n"),
        "{text}"
    );
    let xlsx = dir.path().join("report.xlsx");
    write_report(&report, ReportFormat::Xlsx, Lang::En, &xlsx).unwrap();
    let mut workbook: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(workbook.sheet_names(), ["Activity"]);
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(
        sheet.get_value((1, 4)),
        Some(&Data::String("Person-times".into()))
    );
}

#[test]
fn a_report_that_cannot_be_made_leaves_the_old_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    write_report(&report(), ReportFormat::Xlsx, Lang::Zh, &path).unwrap();
    let before = fs::read(&path).unwrap();
    let mut too_long = report();
    // Excel holds at most 32,767 characters in a cell.
    too_long.rows[0].club = "长".repeat(40_000);
    let error = write_report(&too_long, ReportFormat::Xlsx, Lang::En, &path).unwrap_err();
    assert!(
        error
            .describe(Lang::En)
            .starts_with("The Excel report could not be made")
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(files_in(dir.path()), ["report.xlsx"]);
    // A good report replaces it, leaving no temporary file behind.
    write_report(&report(), ReportFormat::Csv, Lang::Zh, &path).unwrap();
    assert!(fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(files_in(dir.path()), ["report.xlsx"]);
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
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
