//! Reading clubs through the command line, as a volunteer's script drives them: clubs,
//! members, a session, check-ins (each announced only once saved), reports and records,
//! forgetting a member, and check-ins that survive the process being killed.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use leling::store::{NewMember, Store};

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = common::run(&dir.join("data"), args, "");
    assert!(
        out.status.success(),
        "leling {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A club with three members and today's session; returns the session id.
fn club_with_session(dir: &Path) -> String {
    ok(
        dir,
        &[
            "club",
            "add",
            "银杏读书会",
            "--venue",
            "社区图书馆",
            "--day",
            "6",
            "--start",
            "09:30",
            "--end",
            "11:00",
        ],
    );
    for (name, card) in [("张秀英", "1001"), ("王建国", "1002"), ("李桂兰", "1003")] {
        ok(dir, &["member", "add", name, "--card", card]);
    }
    let id = ok(
        dir,
        &[
            "session",
            "start",
            "银杏读书会",
            "--book",
            "朝花夕拾 第三篇",
        ],
    );
    id.trim().to_owned()
}

#[test]
fn a_session_checks_people_in_in_order_and_says_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let session = club_with_session(dir.path());
    assert_eq!(uuid_version(&session), 7, "session id {session}");

    let said = ok(
        dir.path(),
        &[
            "--lang", "zh", "session", "checkin", &session, "1002", "1001",
        ],
    );
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        ["王建国 签到成功，第 1 位", "张秀英 签到成功，第 2 位"]
    );
    // The same person again is told, not counted twice.
    let again = ok(
        dir.path(),
        &["--lang", "zh", "session", "checkin", &session, "1001"],
    );
    assert_eq!(again.trim(), "张秀英 已经签到过了（第 2 位）");

    let ended = ok(
        dir.path(),
        &[
            "--lang",
            "en",
            "session",
            "end",
            &session,
            "--notes",
            "Lively talk",
        ],
    );
    assert!(ended.contains("2 people checked in"), "{ended}");
    let late = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "session", "checkin", &session, "1003"],
        "",
    );
    assert_eq!(late.status.code(), Some(1));
    assert!(
        stderr(&late).contains("has already ended"),
        "{}",
        stderr(&late)
    );
}

#[test]
fn an_unknown_card_is_reported_and_the_others_still_check_in() {
    let dir = tempfile::tempdir().unwrap();
    let session = club_with_session(dir.path());
    let out = common::run(
        &dir.path().join("data"),
        &[
            "--lang", "en", "session", "checkin", &session, "9999", "1003",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("No member has the card 9999"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "李桂兰 checked in, number 1"
    );
}

#[test]
fn clubs_and_members_refuse_duplicates_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    club_with_session(dir.path());
    let listed = ok(dir.path(), &["--lang", "zh", "club", "list"]);
    assert_eq!(
        listed.trim(),
        "银杏读书会，地点：社区图书馆，周六 09:30–11:00"
    );

    let twice = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "club", "add", "银杏读书会"],
        "",
    );
    assert_eq!(twice.status.code(), Some(1));
    assert!(stderr(&twice).contains("already a club called 银杏读书会"));

    let taken = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "member", "add", "赵六", "--card", "1001"],
        "",
    );
    assert_eq!(taken.status.code(), Some(1));
    assert!(
        stderr(&taken).contains("card 1001 already belongs to 张秀英"),
        "{}",
        stderr(&taken)
    );
    let no_club = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "session", "start", "无此会"],
        "",
    );
    assert_eq!(no_club.status.code(), Some(1));
    assert!(stderr(&no_club).contains("no club called 无此会"));
}

#[test]
fn members_export_as_a_spreadsheet_excel_reads() {
    let dir = tempfile::tempdir().unwrap();
    club_with_session(dir.path());
    ok(
        dir.path(),
        &[
            "member",
            "add",
            "Mary Smith",
            "--card",
            "2001",
            "--phone",
            "138 0013 8000",
        ],
    );
    let file = dir.path().join("members.csv");
    ok(
        dir.path(),
        &[
            "--lang",
            "zh",
            "member",
            "export",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "姓名,卡号,电话,出生年份,同意日期,语言,加入日期"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Mary Smith,2001,138 0013 8000,"))
    );
}

fn uuid_version(id: &str) -> usize {
    // xxxxxxxx-xxxx-Vxxx-…: the version is the first digit of the third group.
    id.split('-')
        .nth(2)
        .and_then(|g| g.chars().next())
        .and_then(|c| c.to_digit(16))
        .unwrap_or(0) as usize
}

/// `people` members (cards C0000, C0001, …) straight through the library: only the check-ins
/// are under test.
fn add_members(database: &Path, people: usize) {
    let store = Store::open(database).unwrap();
    let today = chrono::Local::now().date_naive();
    let members: Vec<NewMember> = (0..people)
        .map(|n| {
            leling::club::members::new_member(&format!("成员{n}"), Some(&format!("C{n:04}")), today)
        })
        .collect();
    store.clubs().import_members(&members).unwrap();
}

#[test]
fn every_announced_check_in_survives_sigkill() {
    const PEOPLE: usize = 1_000;
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["club", "add", "长青读书会"]);
    let database = dir.path().join("data").join("leling.db");
    add_members(&database, PEOPLE);
    let session = ok(dir.path(), &["session", "start", "长青读书会"])
        .trim()
        .to_owned();

    // Kill times are random; the seed is printed, so a failing run can be repeated.
    let mut random = common::seed("LELING_KILL_SEED");
    let mut acknowledged = std::collections::BTreeSet::new();
    let mut kills = 0;
    while acknowledged.len() < PEOPLE {
        let waiting: Vec<String> = (0..PEOPLE)
            .map(|n| format!("C{n:04}"))
            .filter(|card| !acknowledged.contains(card))
            .take(100)
            .collect();
        let mut child = Command::new(env!("CARGO_BIN_EXE_leling"))
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .args([
                "--lang", "en", "--speech", "off", "session", "checkin", &session,
            ])
            .args(&waiting)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        // Kill most runs part-way, at a random moment; let a few finish.
        let delay = common::xorshift(&mut random) % 40;
        if !common::xorshift(&mut random).is_multiple_of(5) {
            std::thread::sleep(Duration::from_millis(delay));
            if child.kill().is_ok() {
                kills += 1;
            }
        }
        let _ = child.wait();
        for line in reader.join().unwrap() {
            // "成员12 checked in, number 7" or "… is already checked in (number 7)".
            let name = line.split(' ').next().unwrap();
            let n: usize = name.trim_start_matches("成员").parse().unwrap();
            acknowledged.insert(format!("C{n:04}"));
        }
    }
    assert!(kills > 0, "no run was killed");
    println!("{kills} runs killed part-way");

    let store = Store::open(&database).unwrap();
    store.integrity_check().expect("integrity_check");
    let present: std::collections::BTreeSet<String> = store
        .clubs()
        .attendees(&session)
        .unwrap()
        .into_iter()
        .map(|a| {
            let n: usize = a.name.trim_start_matches("成员").parse().unwrap();
            format!("C{n:04}")
        })
        .collect();
    assert_eq!(present, acknowledged, "acknowledged check-ins missing");
    assert_eq!(
        store.clubs().checked_in_count(&session).unwrap(),
        PEOPLE as u64
    );
}

#[test]
fn a_roster_with_problems_is_listed_by_row_and_nothing_is_written_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    club_with_session(dir.path());
    // As Excel in China saves it: GBK, Chinese headers.
    let roster = "姓名,卡号,电话,出生年份\n\
                  刘芳,3001,13800138000,1950\n\
                  ,3002,,\n\
                  陈明,1001,12ab,1948\n\
                  赵丽,3001,,1955\n\
                  孙强,3005,010-6552 8888,1947\n\
                  \"=HYPERLINK(\"\"http://x\"\")\",3006,,\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(roster);
    let file = dir.path().join("名单.csv");
    std::fs::write(&file, &gbk).unwrap();
    let path = file.to_str().unwrap();

    let dry = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "member", "import", path, "--dry-run"],
        "",
    );
    assert_eq!(dry.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&dry.stdout).into_owned();
    for (row, what) in [
        (3, "name"),
        (4, "1001"),
        (4, "12ab"),
        (5, "3001"),
        (7, "formula"),
    ] {
        assert!(
            listed
                .lines()
                .any(|l| l.starts_with(&format!("row {row}:")) && l.contains(what)),
            "row {row} {what} not listed:\n{listed}"
        );
    }
    let before = ok(dir.path(), &["member", "export"]);

    let refused = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "member", "import", path],
        "",
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("Nothing was imported"));
    assert_eq!(
        ok(dir.path(), &["member", "export"]),
        before,
        "written anyway"
    );

    let partial = ok(
        dir.path(),
        &["--lang", "en", "member", "import", path, "--skip-invalid"],
    );
    assert!(partial.contains("Imported 2 members"), "{partial}");
    let after = ok(dir.path(), &["--lang", "en", "member", "export"]);
    assert!(after.contains("刘芳,3001,13800138000,1950"), "{after}");
    assert!(after.contains("孙强,3005,010-6552 8888,1947"), "{after}");
    assert!(!after.contains("陈明"), "{after}");
}

/// Two sessions in one month and one in the next; returns the data directory's store.
fn a_season_of_sessions(dir: &Path) {
    ok(
        dir,
        &[
            "club",
            "add",
            "银杏读书会",
            "--venue",
            "社区图书馆",
            "--start",
            "09:30",
            "--end",
            "11:00",
        ],
    );
    for (name, card) in [("张秀英", "1001"), ("王建国", "1002"), ("李桂兰", "1003")] {
        ok(dir, &["member", "add", name, "--card", card]);
    }
    for (date, cards) in [
        ("2026-09-05", vec!["1001", "1002"]),
        ("2026-09-12", vec!["1001", "1002", "1003"]),
        ("2026-10-10", vec!["1001"]),
    ] {
        let session = ok(
            dir,
            &[
                "session",
                "start",
                "银杏读书会",
                "--date",
                date,
                "--book",
                "呐喊",
            ],
        );
        let session = session.trim();
        let mut args = vec!["session", "checkin", session];
        args.extend(cards);
        ok(dir, &args);
        ok(dir, &["session", "end", session]);
    }
}

#[test]
fn the_report_counts_activities_person_times_and_newcomers_per_month() {
    let dir = tempfile::tempdir().unwrap();
    a_season_of_sessions(dir.path());
    let md = dir.path().join("report.md");
    let said = ok(
        dir.path(),
        &[
            "--lang",
            "zh",
            "report",
            "--from",
            "2026-09-01",
            "--to",
            "2026-10-31",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    assert!(said.contains("活动 3 次，参加 6 人次"), "{said}");
    let table = std::fs::read_to_string(&md).unwrap();
    let rows: Vec<Vec<String>> = table
        .lines()
        .filter(|l| l.starts_with('|') && !l.contains("---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(
        rows[0],
        [
            "读书会",
            "场地",
            "月份",
            "活动次数",
            "参加人次",
            "参加人数",
            "新成员",
            "阅读分钟",
            "知识问答次数",
            "学时"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "银杏读书会",
            "社区图书馆",
            "2026-09",
            "2",
            "5",
            "3",
            "3",
            "450",
            "0",
            "10"
        ]
    );
    assert_eq!(
        rows[2],
        [
            "银杏读书会",
            "社区图书馆",
            "2026-10",
            "1",
            "1",
            "1",
            "0",
            "90",
            "0",
            "2"
        ]
    );
    assert_eq!(
        rows[3][3..],
        [
            "**3**", "**6**", "**3**", "**3**", "**540**", "**0**", "**12**"
        ]
    );

    // The same period as a spreadsheet, compared cell by cell with the numbers worked out by
    // hand: September 5 (two people) and 12 (three), October 10 (one); 90 minutes each.
    let whole = dir.path().join("season.xlsx");
    ok(
        dir.path(),
        &[
            "--lang",
            "zh",
            "report",
            "--from",
            "2026-09-01",
            "--to",
            "2026-10-31",
            "-o",
            whole.to_str().unwrap(),
        ],
    );
    use calamine::{Data, Reader as _, open_workbook_auto};
    let mut book = open_workbook_auto(&whole).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let text = |s: &str| Data::String(s.into());
    let number = |n: f64| Data::Float(n);
    let expected = [
        vec![
            text("读书会"),
            text("场地"),
            text("月份"),
            text("活动次数"),
            text("参加人次"),
            text("参加人数"),
            text("新成员"),
            text("阅读分钟"),
            text("知识问答次数"),
            text("学时"),
        ],
        vec![
            text("银杏读书会"),
            text("社区图书馆"),
            text("2026-09"),
            number(2.0),
            number(5.0),
            number(3.0),
            number(3.0),
            number(450.0),
            number(0.0),
            number(10.0),
        ],
        vec![
            text("银杏读书会"),
            text("社区图书馆"),
            text("2026-10"),
            number(1.0),
            number(1.0),
            number(1.0),
            number(0.0),
            number(90.0),
            number(0.0),
            number(2.0),
        ],
        vec![
            text("合计"),
            Data::Empty,
            Data::Empty,
            number(3.0),
            number(6.0),
            number(3.0),
            number(3.0),
            number(540.0),
            number(0.0),
            number(12.0),
        ],
    ];
    for (r, row) in expected.iter().enumerate() {
        for (c, want) in row.iter().enumerate() {
            let got = sheet
                .get_value((r as u32 + 1, c as u32))
                .cloned()
                .unwrap_or(Data::Empty);
            let got = if got == text("") { Data::Empty } else { got };
            assert_eq!(&got, want, "cell at row {} column {}", r + 2, c + 1);
        }
    }

    // October alone: 张秀英 is not new there, and the totals count her once.
    let xlsx = dir.path().join("october.xlsx");
    ok(
        dir.path(),
        &[
            "--lang",
            "en",
            "report",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect();
    let header = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Club"))
        .expect("English headers");
    assert_eq!(header[3..5], ["Activities", "Person-times"]);
    let october = rows
        .iter()
        .find(|r| r.get(2).is_some_and(|c| c == "2026-10"))
        .unwrap();
    // One session, one person, who was not new in October, 90 minutes read.
    assert_eq!(october[3..], ["1", "1", "1", "0", "90", "0", "2"]);
}

#[test]
fn forgetting_a_member_removes_their_name_but_not_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    a_season_of_sessions(dir.path());
    let before = dir.path().join("before.md");
    let after = dir.path().join("after.md");
    let range = ["--from", "2026-09-01", "--to", "2026-10-31"];
    let report = |file: &Path| {
        let mut args = vec!["report"];
        args.extend(range);
        args.extend(["-o", file.to_str().unwrap()]);
        ok(dir.path(), &args);
        std::fs::read_to_string(file).unwrap()
    };
    let counted = report(&before);

    let wrong = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "member", "forget", "1002"],
        "1003\n",
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(ok(dir.path(), &["member", "export"]).contains("王建国"));

    let forgot = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "member", "forget", "1002"],
        "1002\n",
    );
    assert!(forgot.status.success(), "{}", stderr(&forgot));
    let members = ok(dir.path(), &["member", "export"]);
    assert!(
        !members.contains("王建国") && !members.contains("1002"),
        "{members}"
    );
    assert_eq!(report(&after), counted, "the counts changed");
    let gone = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "record", "1002"],
        "",
    );
    assert_eq!(gone.status.code(), Some(1));
}

#[test]
fn a_learning_record_prints_as_text_and_as_safe_html() {
    let dir = tempfile::tempdir().unwrap();
    a_season_of_sessions(dir.path());
    ok(dir.path(), &["centre", "set", "<b>阳光</b> & 社区中心"]);
    let text = ok(dir.path(), &["--lang", "zh", "record", "1001"]);
    assert!(text.contains("张秀英"), "{text}");
    assert!(text.contains("2026年10月10日  银杏读书会：呐喊"), "{text}");
    assert!(text.contains("银杏读书会"), "{text}");
    let html_file = dir.path().join("record.html");
    ok(
        dir.path(),
        &[
            "--lang",
            "en",
            "record",
            "1001",
            "-o",
            html_file.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert!(html.contains("lang=\"en\""), "{html}");
    assert!(
        html.contains("&lt;b&gt;阳光&lt;/b&gt; &amp; 社区中心"),
        "{html}"
    );
    assert_eq!(html.matches("银杏读书会").count(), 3, "{html}");
}

#[test]
fn two_volunteers_checking_in_at_once_never_double_anyone() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["club", "add", "长青读书会"]);
    let database = dir.path().join("data").join("leling.db");
    add_members(&database, 300);
    let session = ok(dir.path(), &["session", "start", "长青读书会"])
        .trim()
        .to_owned();
    // Two desks, overlapping in the middle hundred, started together.
    let desk = |cards: std::ops::Range<usize>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_leling"));
        command
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .args([
                "--lang", "en", "--speech", "off", "session", "checkin", &session,
            ])
            .args(cards.map(|n| format!("C{n:04}")))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command.spawn().unwrap()
    };
    let (first, second) = (desk(0..200), desk(100..300));
    let outputs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let mut newly = 0;
    for out in &outputs {
        assert!(out.status.success(), "{}", stderr(out));
        let said = String::from_utf8_lossy(&out.stdout);
        assert_eq!(said.lines().count(), 200, "every card answered");
        newly += said
            .lines()
            .filter(|l| l.contains(" checked in, number"))
            .count();
    }
    assert_eq!(
        newly, 300,
        "each person checked in once, by one desk or the other"
    );
    let store = Store::open(&database).unwrap();
    assert_eq!(store.clubs().checked_in_count(&session).unwrap(), 300);
    store.integrity_check().unwrap();
}

#[test]
fn a_session_recorded_for_a_past_day_is_not_called_todays() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["club", "add", "银杏读书会"]);
    let past = common::run(
        &dir.path().join("data"),
        &[
            "--lang",
            "zh",
            "session",
            "start",
            "银杏读书会",
            "--date",
            "2026-09-05",
        ],
        "",
    );
    assert!(past.status.success(), "{}", stderr(&past));
    let said = stderr(&past);
    assert!(said.contains("2026-09-05"), "{said}");
    assert!(!said.contains("今天"), "{said}");
    let today = common::run(
        &dir.path().join("data"),
        &["--lang", "en", "session", "start", "银杏读书会"],
        "",
    );
    assert!(
        stderr(&today).contains("today's session"),
        "{}",
        stderr(&today)
    );
}

/// Issue 22, item 2: a second session of a club on a day that already has one, open or
/// ended, is refused with the first one's id, unless asked for with --again.
#[test]
fn a_second_session_on_the_same_day_is_refused_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let first = club_with_session(dir.path());
    let start_again = |extra: &[&str]| {
        let args = [&["--lang", "zh", "session", "start", "银杏读书会"], extra].concat();
        common::run(&dir.path().join("data"), &args, "")
    };
    for ended in [false, true] {
        if ended {
            ok(dir.path(), &["session", "end", &first]);
        }
        let refused = start_again(&[]);
        assert_eq!(refused.status.code(), Some(1), "ended {ended}");
        let said = stderr(&refused);
        assert!(said.contains(&first) && said.contains("--again"), "{said}");
    }
    let second = start_again(&["--again"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let second = String::from_utf8_lossy(&second.stdout).trim().to_owned();
    assert_ne!(second, first);
    // Another day is another day.
    let other_day = start_again(&["--date", "2026-09-05"]);
    assert!(other_day.status.success(), "{}", stderr(&other_day));
}

/// What an attacker would hide in a name: a window title (OSC 0), a clipboard write (OSC 52), a
/// cleared screen, a request that the terminal type its answer (CSI 6n), an 8-bit CSI, DEL and
/// a right-to-left override.
const HOSTILE: &str = "张\u{1b}]0;pwned\u{7}秀\u{1b}]52;c;ZXZpbA==\u{7}英\u{1b}[2J\u{1b}[6n\u{9b}31m\u{202e}olleh\u{7f}";

/// Issue 20, item 5: names, club names, venues and book titles come from people and files
/// outside Leling; none of what could act on the volunteer's terminal reaches it through any
/// command, while the words are still printed.
#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let club = format!("读书会{HOSTILE}");
    let book = dir.path().join("book.md");
    let body = "读书使人充实，讨论使人机智。".repeat(100);
    std::fs::write(&book, format!("# 书名{HOSTILE}\n\n{body}\n")).unwrap();
    let mut said = Vec::new();
    let mut run = |args: &[&str]| {
        let out = common::run(&data, args, "");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{args:?}: {text}");
        said.push((format!("{args:?}"), text.clone()));
        text
    };
    run(&["centre", "set", HOSTILE]);
    run(&["club", "add", &club, "--venue", HOSTILE]);
    run(&["member", "add", HOSTILE, "--card", "1001"]);
    run(&["club", "list"]);
    let started = run(&["session", "start", &club]);
    let session = started.lines().next().unwrap_or_default().to_owned();
    run(&["session", "checkin", &session, "1001"]);
    run(&["session", "end", &session]);
    run(&["record", "1001"]);
    run(&["member", "export"]);
    run(&["add", book.to_str().unwrap()]);
    run(&["search", "书名"]);
    run(&["member", "forget", "1001", "--yes"]);
    let shown: Vec<&str> = ["\u{1b}", "\u{7}", "\u{9b}", "\u{202e}", "\u{7f}"].to_vec();
    for (command, text) in &said {
        for bad in &shown {
            assert!(!text.contains(bad), "{command} printed {bad:?}: {text:?}");
        }
    }
    // The words themselves are still there, harmless.
    let added = &said[2].1;
    assert!(added.contains("张]0;pwned秀"), "{added}");
}

/// Issue 20, item 7: a cell a spreadsheet would run (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) is written as text in the member export and the report, a phone that is not
/// one is refused by `member add` as roster import refuses it, and an export still imports as
/// it was written.
#[test]
fn cells_a_spreadsheet_would_run_are_written_as_text_and_import_again() {
    let dir = tempfile::tempdir().unwrap();
    let venue = "+cmd|' /C calc'!A0";
    ok(dir.path(), &["club", "add", "银杏读书会", "--venue", venue]);
    let member = ["member", "add", "张秀英", "--card", "@SUM(A1)"];
    ok(
        dir.path(),
        &[&member[..], &["--phone", "+86 138 0013 8000"]].concat(),
    );
    let link = "=HYPERLINK(\"http://example.com\",\"x\")";
    let refused = common::run(
        &dir.path().join("data"),
        &[
            "--lang",
            "en",
            "member",
            "add",
            "王建国",
            "--card",
            "1002",
            "--phone",
            link,
        ],
        "",
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("is not a phone number"),
        "{}",
        stderr(&refused)
    );
    let export = ok(dir.path(), &["member", "export"]);
    assert!(!export.contains("王建国"), "{export}");
    let cells: Vec<&str> = export.lines().skip(1).flat_map(|l| l.split(',')).collect();
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} in {export}"
        );
    }
    assert!(
        cells.contains(&"'@SUM(A1)") && cells.contains(&"'+86 138 0013 8000"),
        "{export}"
    );

    let session = ok(dir.path(), &["session", "start", "银杏读书会"]);
    let session = session.lines().next().unwrap().to_owned();
    ok(dir.path(), &["session", "checkin", &session, "@SUM(A1)"]);
    let today = chrono::Local::now().date_naive().to_string();
    let report = dir.path().join("report.csv");
    let to = report.to_str().unwrap();
    ok(
        dir.path(),
        &["report", "--from", &today, "--to", &today, "-o", to],
    );
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(report.contains(&format!(",'{venue},")), "{report}");

    // The export imports elsewhere as it was written.
    let file = dir.path().join("members.csv");
    std::fs::write(&file, &export).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    ok(
        elsewhere.path(),
        &["member", "import", file.to_str().unwrap()],
    );
    let again = ok(elsewhere.path(), &["member", "export"]);
    assert!(
        again.contains("张秀英,'@SUM(A1),'+86 138 0013 8000"),
        "{again}"
    );
}

/// Issue 23, item 2: her credits in her record, this year's by what earned them and in all,
/// under the centre's rules: the defaults (45 minutes of a session, one per quiz passed, once
/// per quiz), then the centre's own from the settings file.
#[test]
fn her_credits_follow_the_centres_rules() {
    let dir = tempfile::tempdir().unwrap();
    let session = club_with_session(dir.path());
    ok(dir.path(), &["session", "checkin", &session, "1001"]);
    ok(dir.path(), &["session", "end", &session]);
    let store = Store::open(&dir.path().join("data").join("leling.db")).unwrap();
    let her = store.clubs().member_by_card("1001").unwrap().unwrap();
    let score = leling::store::QuizScore {
        asked: 10,
        right: 7,
        passed: true,
    };
    // Passed twice: one quiz, one credit.
    for _ in 0..2 {
        let quiz = ("health", "老年健康小常识");
        store
            .quizzes()
            .finish(&her.id, Some(&her.id), quiz, score)
            .unwrap();
    }
    drop(store);
    let year = chrono::Local::now().format("%Y").to_string();
    let record = ok(dir.path(), &["--lang", "zh", "record", "1001"]);
    for line in [
        "读书会活动 90 分钟：2 学时".to_string(),
        "通过的知识问答 1 个：1 学时".to_string(),
        format!("{year} 年共 3 学时，累计 3 学时"),
    ] {
        assert!(record.contains(&line), "{line} not in:\n{record}");
    }
    let config = dir.path().join("data").join("config.toml");
    std::fs::write(&config, "[credits]\nsession_minutes = 60\nper_quiz = 2\n").unwrap();
    let record = ok(dir.path(), &["--lang", "en", "record", "1001"]);
    for line in [
        "Reading-club sessions (90 minutes), credits: 1.5".to_string(),
        "Quizzes passed: 1, credits: 2".to_string(),
        format!("Credits in {year}: 3.5; in all: 3.5"),
    ] {
        assert!(record.contains(&line), "{line} not in:\n{record}");
    }
}
