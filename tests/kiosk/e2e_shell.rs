//! End to end: the release binary in a real terminal (tmux), driven by keys, with the screen
//! read back and the speech log checked for what a learner would have heard.

use crate::common::{Tmux, release_command, wait_for_lines};

/// The text part (fourth field) of each speech-log line.
fn spoken(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.splitn(4, '\t').nth(3).unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_learner_moves_around_hears_each_step_and_survives_a_resize() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let log_path = log.display().to_string();
    let command = release_command(dir.path(), &["--lang", "zh", "--speech-log", &log_path]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };

    let home = term.wait_for_text("乐龄 · 主页");
    assert!(home.contains("▶ 1  书单"), "{home}");
    assert!(home.contains("7  帮助"), "{home}");
    term.keys(&["Down"]);
    term.wait_for_text("▶ 2  讲座");
    term.keys(&["Down"]);
    term.wait_for_text("▶ 3  继续阅读");
    term.keys(&["Enter"]);
    term.wait_for_text("还没有读过的书");
    term.keys(&["Escape"]);
    term.wait_for_text("▶ 3  继续阅读");
    term.keys(&["?"]);
    let help = term.wait_for_text("帮助：乐龄 · 主页");
    assert!(help.contains("这是主页"), "{help}");
    term.keys(&["Escape"]);
    term.wait_for_text("▶ 3  继续阅读");

    // A much larger font on the same screen: 40×12, mid-run.
    term.resize(40, 12);
    let small = term.wait_for("the 40×12 layout", |s| {
        s.lines().count() <= 12 && s.contains("▶ 3  继续阅读") && s.contains("q 退出")
    });
    assert!(
        small
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40),
        "{small}"
    );
    term.keys(&["Down"]);
    term.wait_for_text("▶ 4  读书会");

    let lines = wait_for_lines(&log, 7);
    let said = spoken(&lines);
    let expected = [
        "乐龄 · 主页。1，书单",
        "2，讲座和问答",
        "3，继续阅读",
        "继续阅读。还没有读过的书。请先在“书单”里打开一本书。",
        "乐龄 · 主页。3，继续阅读",
    ];
    assert_eq!(said[..expected.len()], expected, "{said:#?}");
    assert!(
        said[5].starts_with("帮助：乐龄 · 主页。这是主页"),
        "{}",
        said[5]
    );
    assert_eq!(said[6], "乐龄 · 主页。3，继续阅读");
    assert!(
        lines.iter().all(|l| l.split('\t').nth(1) == Some("zh")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.split('\t').nth(2) == Some("message"))
    );

    // Quitting asks first; choosing "quit" ends the program.
    term.keys(&["q"]);
    term.wait_for_text("要退出乐龄吗");
    term.keys(&["2"]);
    term.wait_for("the program to end", |_| !term.alive());
}

#[test]
fn the_language_key_switches_the_whole_screen_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let command = release_command(dir.path(), &["--lang", "zh"]);
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    term.keys(&["L"]);
    let english = term.wait_for_text("Leling · Home");
    assert!(english.contains("▶ 1  Books"), "{english}");
    assert!(!english.contains("书单"), "{english}");
}

/// The screen's loop sleeps until a key, news or a timer is due: on the home screen with
/// nothing to do, its thread does not wake at all (a fixed wake-up ten times a second would
/// show here as thirty).
#[test]
fn an_idle_home_screen_leaves_the_machine_alone() {
    let dir = tempfile::tempdir().unwrap();
    let command = release_command(dir.path(), &["--lang", "en"]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("Leling · Home");
    // Whatever start-up left to do (the bundled lists read ahead, the first frame) ends first.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let pid = term.pid();
    let wakes = || -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/status")).unwrap();
        status
            .lines()
            .filter(|l| l.contains("ctxt_switches"))
            .filter_map(|l| l.split_whitespace().last()?.parse::<u64>().ok())
            .sum()
    };
    let before = wakes();
    std::thread::sleep(std::time::Duration::from_secs(3));
    let woke = wakes() - before;
    assert!(
        woke <= 3,
        "the screen's thread woke {woke} times in 3 idle seconds"
    );
    term.keys(&["Down"]);
    term.wait_for_text("▶ 2");
}
