//! Issue 22, item 11: the district's report from the hub. Three real kiosks in two districts
//! hold their sessions and check-ins and sync to a real hub; `leling-hub report` then gives,
//! per centre, per district and per club, the figures worked out by hand below, in XLSX, CSV
//! and Markdown. One learner registered at two centres of one district with one card is one
//! person in her district's total.

use calamine::{Data, Reader as _, open_workbook_auto};

use crate::hub_support::{Engine, Hub, TestDb, add_device_at, leling_hub_in};
use crate::sync::{KioskDir, sync_until_quiet};

/// Starts a session of `club` on `day` and checks `cards` in; returns the session's id.
fn hold(kiosk: &KioskDir, club: &str, day: &str, cards: &[&str]) -> String {
    let session = kiosk.ok(&["session", "start", club, "--date", day]);
    let session = session.trim();
    let mut args = vec!["session", "checkin", session];
    args.extend_from_slice(cards);
    kiosk.ok(&args);
    kiosk.ok(&["session", "end", session]);
    session.to_owned()
}

/// A quiz the volunteer ran with the group at `session` (issue 23), as the desk keeps it.
fn run_quiz(kiosk: &KioskDir, session: &str) {
    let store = leling::store::Store::open(&kiosk.data().join("leling.db")).unwrap();
    let score = leling::store::QuizScore {
        asked: 10,
        right: 9,
        passed: true,
    };
    let quiz = ("spotting-scams", "防范电信网络诈骗");
    let key = format!("session:{session}");
    (store
        .quizzes()
        .finish_in_session(&key, session, quiz, score))
    .unwrap();
}

/// The season the figures below are worked out from. Each kiosk writes before any of them
/// syncs, so the west registers 张秀英 (card 1001) a second time, as a learner new to a
/// centre would be, and sync merges her two registrations into one person.
fn three_kiosks_in_two_districts(db: &TestDb, hub: &Hub) {
    let tokens = [
        add_device_at(&db.url, "east-1", "东城中心", "西城区"),
        add_device_at(&db.url, "west-1", "西城中心", "西城区"),
        add_device_at(&db.url, "far-1", "海淀中心", "海淀区"),
    ];
    let kiosks = [KioskDir::new(), KioskDir::new(), KioskDir::new()];
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let [east, west, far] = &kiosks;

    east.ok(&["club", "add", "银杏读书会", "--venue", "社区图书馆"]);
    for (name, card) in [("张秀英", "1001"), ("李明", "1002"), ("王芳", "1003")] {
        east.ok(&["member", "add", name, "--card", card]);
    }
    // Before the period: she is not new to this club in November.
    hold(east, "银杏读书会", "2026-10-20", &["1001"]);
    hold(east, "银杏读书会", "2026-11-05", &["1001", "1002"]);
    hold(east, "银杏读书会", "2026-11-19", &["1001", "1002", "1003"]);
    hold(east, "银杏读书会", "2026-12-03", &["1002"]);

    west.ok(&["club", "add", "晨读会", "--venue", "活动室"]);
    for (name, card) in [("张秀英", "1001"), ("赵伟", "2001")] {
        west.ok(&["member", "add", name, "--card", card]);
    }
    hold(west, "晨读会", "2026-11-12", &["1001", "2001"]);
    hold(west, "晨读会", "2026-12-10", &["2001"]);

    far.ok(&["club", "add", "书香会", "--venue", "文化站"]);
    for (name, card) in [("孙丽", "3001"), ("周强", "3002")] {
        far.ok(&["member", "add", name, "--card", card]);
    }
    // The group answered a quiz together at the first.
    let first = hold(far, "书香会", "2026-12-01", &["3001", "3002"]);
    run_quiz(far, &first);
    hold(far, "书香会", "2026-12-15", &["3001"]);
    // After the period: not counted.
    hold(far, "书香会", "2027-01-05", &["3001", "3002"]);

    sync_until_quiet(&kiosks, &hub.url, &tokens);
}

fn leling_hub_zh(args: &[&str]) -> (bool, String, String) {
    leling_hub_in("zh", args)
}

fn report(db: &TestDb, by: &str, file: &std::path::Path) -> String {
    let (ok, out, err) = leling_hub_zh(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--by",
        by,
        "-o",
        file.to_str().unwrap(),
        "--db",
        &db.url,
    ]);
    assert!(ok, "{err}");
    out
}

/// A row of the sheet as its cells' text between bars, figures as whole numbers.
fn cells(row: &[Data]) -> String {
    let cells: Vec<String> = row
        .iter()
        .map(|cell| match cell {
            Data::Float(n) => format!("{n}"),
            Data::Int(n) => n.to_string(),
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("unexpected cell {other:?}"),
        })
        .collect();
    cells.join("|")
}

fn district_report_worked_out_by_hand(engine: Engine) {
    let Some(db) = TestDb::new(engine) else {
        return;
    };
    let hub = Hub::start(&db.url);
    three_kiosks_in_two_districts(&db, &hub);
    let dir = tempfile::tempdir().unwrap();

    // Per centre, in the workbook a district sends on. By hand: the east's November has two
    // sessions (5 check-ins, 3 people, 1002 and 1003 new; 1001 came in October); the west's
    // November one (1001 and 2001, both new to 晨读会). The district counts 1001 once: 4
    // people, not 5.
    let xlsx = dir.path().join("各中心.xlsx");
    let said = report(&db, "centre", &xlsx);
    assert!(said.contains("活动 7 次，参加 12 人次"), "{said}");
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let found: Vec<String> = sheet.rows().map(cells).collect();
    assert!(
        found[0].starts_with("乐龄读书会各区活动统计 2026-11-01 至 2026-12-31|"),
        "{found:#?}"
    );
    let expected = [
        "区|中心|月份|活动次数|参加人次|参加人数|新成员|阅读分钟|知识问答次数|学时",
        "海淀区|海淀中心|2026-12|2|3|2|2|0|1|3",
        "海淀区|全区合计||2|3|2|2|0|1|3",
        "西城区|东城中心|2026-11|2|5|3|2|0|0|5",
        "西城区|东城中心|2026-12|1|1|1|0|0|0|1",
        "西城区|西城中心|2026-11|1|2|2|2|0|0|2",
        "西城区|西城中心|2026-12|1|1|1|0|0|0|1",
        "西城区|全区合计||5|9|4|4|0|0|9",
        "合计|||7|12|6|6|0|1|12",
    ];
    assert_eq!(found[1..=expected.len()], expected[..], "{found:#?}");
    assert!(
        found.iter().any(|row| row.contains("每人只算一次")),
        "the note on counting people once is missing: {found:#?}"
    );

    // Per district, as CSV (with the byte-order mark Excel needs for Chinese).
    let csv = dir.path().join("各区.csv");
    report(&db, "district", &csv);
    let text = std::fs::read_to_string(&csv).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let found: Vec<String> = text.lines().map(|line| line.replace(',', "|")).collect();
    assert_eq!(
        found,
        [
            "区|月份|活动次数|参加人次|参加人数|新成员|阅读分钟|知识问答次数|学时",
            "海淀区|2026-12|2|3|2|2|0|1|3",
            "海淀区|全区合计|2|3|2|2|0|1|3",
            "西城区|2026-11|3|7|4|4|0|0|7",
            "西城区|2026-12|2|2|2|0|0|0|2",
            "西城区|全区合计|5|9|4|4|0|0|9",
            "合计||7|12|6|6|0|1|12",
        ]
    );

    // Per club, as Markdown: the club and its venue beside the centre.
    let md = dir.path().join("各读书会.md");
    report(&db, "club", &md);
    let page = std::fs::read_to_string(&md).unwrap();
    for line in [
        "| 区 | 中心 | 读书会 | 场地 | 月份 | 活动次数 | 参加人次 | 参加人数 | 新成员 | 阅读分钟 | 知识问答次数 | 学时 |",
        "| 西城区 | 东城中心 | 银杏读书会 | 社区图书馆 | 2026-11 | 2 | 5 | 3 | 2 | 0 | 0 | 5 |",
        "| 西城区 | 西城中心 | 晨读会 | 活动室 | 2026-12 | 1 | 1 | 1 | 0 | 0 | 0 | 1 |",
        "| 海淀区 | 海淀中心 | 书香会 | 文化站 | 2026-12 | 2 | 3 | 2 | 2 | 0 | 1 | 3 |",
        "| **西城区** | **全区合计** |  |  |  | **5** | **9** | **4** | **4** | **0** | **0** | **9** |",
        "| **合计** |  |  |  |  | **7** | **12** | **6** | **6** | **0** | **1** | **12** |",
    ] {
        assert!(page.contains(line), "{line}\nnot in\n{page}");
    }

    // Mistakes are told in words, with exit 1, and write nothing.
    let bad = dir.path().join("坏.pdf");
    for (args, told) in [
        (
            vec!["--from", "2026-12-31", "--to", "2026-11-01", "-o", "x.csv"],
            "开始日期晚于结束日期",
        ),
        (
            vec![
                "--from",
                "2026-11-01",
                "--to",
                "2026-12-31",
                "-o",
                bad.to_str().unwrap(),
            ],
            "--format csv、xlsx 或 md",
        ),
    ] {
        let mut all = vec!["report", "--db", &db.url];
        all.extend(args);
        let (ok, _, err) = leling_hub_zh(&all);
        assert!(!ok && err.contains(told), "{err}");
    }
    assert!(!bad.exists());
}

#[test]
fn the_district_report_matches_a_hand_count_with_the_sqlite_hub() {
    district_report_worked_out_by_hand(Engine::Sqlite);
}

#[test]
fn the_district_report_matches_a_hand_count_with_the_postgresql_hub() {
    district_report_worked_out_by_hand(Engine::Postgres);
}
