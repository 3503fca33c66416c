//! Issue 22's season, end to end in a real terminal of 40×12 (tmux), in Chinese: a volunteer
//! who never opens a command line creates a club, imports its members from a file in the
//! import folder (the bad row told, the good ones taken), holds two sessions on one day and
//! exports the month's report; the workbook she exports is the one `leling report` writes,
//! cell by cell, and what she was told was said aloud.

use chrono::Datelike;

use crate::club_screens::sheet_cells;
use crate::common::{Tmux, release_command, run};

/// Starts a session from the club's menu (`first` is the key that gets there), checks the
/// cards in, and ends it.
fn hold_session(term: &Tmux, first: &[&str], cards: &[&str]) {
    term.keys(first);
    term.wait_for_text("今天读什么");
    term.keys(&["论语", "Enter"]);
    term.wait_for_text("签到");
    for (n, card) in cards.iter().enumerate() {
        term.keys(&[card, "Enter"]);
        term.wait_for_text(&format!("签到成功，第 {} 位", n + 1));
    }
    // Enter on an empty line: the desk's menu, where the session ends.
    term.keys(&["Enter"]);
    term.wait_for_text("结束活动");
    term.keys(&["3"]);
    term.wait_for_text("活动备注");
    term.keys(&["Enter"]);
    term.wait_for_text(&format!("共 {} 人签到", cards.len()));
}

#[test]
fn a_volunteer_runs_a_season_without_a_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let import = data.join("import");
    std::fs::create_dir_all(&import).unwrap();
    // The centre's roster as a spreadsheet saves it: the fourth person has no name.
    let roster = "姓名,卡号,电话\n张秀英,1001,13800138000\n王建国,1002,\n李桂兰,1003,\n,1004,\n";
    std::fs::write(import.join("会员名单.csv"), roster).unwrap();
    let log = dir.path().join("speech.log");
    let command = release_command(
        dir.path(),
        &["--lang", "zh", "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    term.keys(&["4"]);
    term.wait_for_text("新建读书会");

    // A club, one question at a time.
    term.keys(&["1"]);
    for answer in ["银杏读书会", "社区图书馆", "6", "09:30-11:00", "刘老师"] {
        term.keys(&[answer, "Enter"]);
    }
    term.wait_for_text("银杏读书会，地点：社区图书馆");

    // Members from the file in the import folder: the bad row is told before anything is
    // written, and only the good rows come in.
    term.keys(&["3"]);
    term.wait_for_text("会员名单.csv");
    term.keys(&["1"]);
    term.wait_for_text("第 5 行");
    term.keys(&["1"]);
    term.wait_for_text("已导入 3 位成员");

    // Two sessions today: the second is asked about, and held as another activity.
    term.keys(&["1"]);
    term.wait_for_text("开始今天的活动");
    hold_session(&term, &["1"], &["1001", "1002"]);
    term.keys(&["1"]);
    term.wait_for_text("另开一次活动");
    hold_session(&term, &["2"], &["1001", "1003"]);

    // This month's report, to the import folder.
    term.keys(&["Escape"]);
    term.wait_for_text("导出报表");
    term.keys(&["4"]);
    term.wait_for_text("本月到今天");
    term.keys(&["2"]);
    term.wait_for_text("报表存到哪里");
    term.keys(&["1"]);
    term.wait_for_text("的报表已存为");

    let today = chrono::Local::now().date_naive();
    let month = today.format("%Y-%m").to_string();
    let exported = import.join(format!("乐龄读书会活动统计-{month}.xlsx"));
    assert!(exported.exists(), "{exported:?}");
    let by_command = dir.path().join("by-command.xlsx");
    let from = today.with_day(1).unwrap().to_string();
    let out = run(
        &data,
        &[
            "--lang",
            "zh",
            "report",
            "--from",
            &from,
            "--to",
            &today.to_string(),
            "-o",
            by_command.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cells = sheet_cells(&exported);
    assert_eq!(cells, sheet_cells(&by_command));
    // Two activities, four person-times, three people, all new this month, each of the four
    // there for the club's hour and a half.
    let row = format!("银杏读书会|社区图书馆|{month}|2|4|3|3|360");
    assert!(cells.contains(&row), "{cells:#?}");

    let said = std::fs::read_to_string(&log).unwrap_or_default();
    for line in [
        "读取成员 4 行，无误 3 行，问题 1 处",
        "第 5 行",
        "已导入 3 位成员",
        "今天 09:30 的活动已经结束",
        "的报表已存为",
    ] {
        assert!(said.contains(line), "not said: {line}\n{said}");
    }
}
