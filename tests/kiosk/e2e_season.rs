//! Issue 22's season, end to end in a real terminal of 40×12 (tmux), in Chinese and in
//! English: a volunteer who never opens a command line creates a club, imports its members
//! from a file in the import folder (the bad row told, the good ones taken), holds two
//! sessions on one day and exports the month's report; the workbook she exports is the one
//! `leling report` writes, cell by cell, and what she was told was said aloud.

use chrono::Datelike;

use crate::club_screens::sheet_cells;
use crate::common::{Tmux, release_command, run};
use leling::i18n::{t, t_with};
use leling::model::Lang;

/// The start of what `id` says in `lang`, short enough to stay on one row at 40 columns
/// (what a wrapped sentence shows on its first row).
fn opening(lang: Lang, said: &str) -> String {
    let most = if lang == Lang::Zh { 8 } else { 16 };
    said.chars().take(most).collect()
}

fn words(lang: Lang, id: &str) -> String {
    opening(lang, &t(lang, id))
}

/// Starts a session from the club's menu (`first` is the key that gets there), checks the
/// cards in, and ends it.
fn hold_session(term: &Tmux, lang: Lang, first: &[&str], cards: &[(&str, &str)]) {
    term.keys(first);
    term.wait_for_text(&words(lang, "session-start-book"));
    term.keys(&["论语", "Enter"]);
    for (n, (card, name)) in cards.iter().enumerate() {
        term.keys(&[card, "Enter"]);
        let args = [("name", (*name).into()), ("place", (n + 1).into())];
        term.wait_for_text(&opening(lang, &t_with(lang, "checkin-done", &args)));
    }
    // Enter on an empty line: the desk's menu, where the session ends.
    term.keys(&["Enter"]);
    term.wait_for_text(&words(lang, "desk-end"));
    term.keys(&["3"]);
    term.wait_for_text(&words(lang, "end-session-body"));
    term.keys(&["Enter"]);
    let args = [("club", "银杏读书会".into()), ("count", cards.len().into())];
    let ended = t_with(lang, "session-ended", &args);
    term.wait_for_text(&opening(lang, &ended));
}

#[test]
fn a_volunteer_runs_a_season_without_a_command_line_in_chinese() {
    season(Lang::Zh);
}

#[test]
fn a_volunteer_runs_a_season_without_a_command_line_in_english() {
    season(Lang::En);
}

fn season(lang: Lang) {
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
        &["--lang", lang.code(), "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text(&words(lang, "home-title"));
    term.keys(&["4"]);
    term.wait_for_text(&words(lang, "club-new"));

    // A club, one question at a time.
    term.keys(&["1"]);
    for answer in ["银杏读书会", "社区图书馆", "6", "09:30-11:00", "刘老师"] {
        term.keys(&[answer, "Enter"]);
    }
    let added = t_with(lang, "club-form-added", &[("club", "银杏读书会".into())]);
    term.wait_for_text(&opening(lang, &added));

    // Members from the file in the import folder: the bad row is told before anything is
    // written, and only the good rows come in.
    term.keys(&["3"]);
    term.wait_for_text("会员名单.csv");
    term.keys(&["1"]);
    let problem = t_with(
        lang,
        "roster-row-problem",
        &[("row", 5.into()), ("problem", "".into())],
    );
    let problem = problem.trim_end_matches([' ', '：', ':']).to_owned();
    term.wait_for_text(&problem);
    term.keys(&["1"]);
    let imported = t_with(
        lang,
        "import-done",
        &[("added", 3.into()), ("skipped", 1.into())],
    );
    term.wait_for_text(&opening(lang, &imported));

    // Two sessions today: the second is asked about, and held as another activity.
    term.keys(&["1"]);
    term.wait_for_text(&words(lang, "club-start-session"));
    hold_session(
        &term,
        lang,
        &["1"],
        &[("1001", "张秀英"), ("1002", "王建国")],
    );
    term.keys(&["1"]);
    term.wait_for_text(&words(lang, "club-same-day-another"));
    hold_session(
        &term,
        lang,
        &["2"],
        &[("1001", "张秀英"), ("1003", "李桂兰")],
    );

    // This month's report, to the import folder.
    term.keys(&["Escape"]);
    term.wait_for_text(&words(lang, "club-export-report"));
    term.keys(&["4"]);
    term.wait_for_text(&words(lang, "report-export-title"));
    term.keys(&["2"]);
    term.wait_for_text(&words(lang, "report-folders-title"));
    term.keys(&["1"]);

    let today = chrono::Local::now().date_naive();
    let month = today.format("%Y-%m").to_string();
    let file_name = t_with(lang, "report-file-name", &[("month", month.clone().into())]);
    let exported = import.join(&file_name);
    crate::common::wait_until("the report is written", || exported.exists());
    assert!(exported.exists(), "{exported:?}");
    let by_command = dir.path().join("by-command.xlsx");
    let from = today.with_day(1).unwrap().to_string();
    let out = run(
        &data,
        &[
            "--lang",
            lang.code(),
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
    let row = format!("银杏读书会|社区图书馆|{month}|2|4|3|3|360|0|8");
    assert!(cells.contains(&row), "{cells:#?}");

    let summary = [
        ("rows", 4.into()),
        ("clean", 3.into()),
        ("problems", 1.into()),
    ];
    let same_day = [
        ("club", "银杏读书会".into()),
        ("time", "09:30".into()),
        ("count", 2.into()),
    ];
    // Where the report went is said, with its file's name.
    crate::common::wait_until("the export is said", || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains(&exported.display().to_string())
    });
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    for line in [
        t_with(lang, "import-summary", &summary),
        problem,
        imported,
        t_with(lang, "club-same-day-told", &same_day),
    ] {
        assert!(said.contains(&line), "not said: {line}\n{said}");
    }

    the_rest_of_the_staffs_screens(&term, lang, &data, &log);
}

/// From the club list: a member's own PIN set and her card changed, the club's venue changed,
/// and the administrator PIN set under More settings, each told; the PINs never said.
fn the_rest_of_the_staffs_screens(
    term: &Tmux,
    lang: Lang,
    data: &std::path::Path,
    log: &std::path::Path,
) {
    let her = [("name", "李桂兰".into())];
    // The members, by name: 张秀英, 李桂兰, 王建国.
    term.keys(&["5"]);
    term.wait_for_text("李桂兰 · 1003");
    term.keys(&["2"]);
    term.wait_for_text(&words(lang, "member-edit"));
    term.keys(&["2"]);
    term.wait_for_text(&opening(lang, &t_with(lang, "member-pin-new", &her)));
    term.keys(&["2468", "Enter"]);
    term.wait_for_text(&words(lang, "admin-pin-again"));
    term.keys(&["2468", "Enter"]);
    term.wait_for_text(&opening(lang, &t_with(lang, "member-pin-set", &her)));
    term.keys(&["1"]);
    term.wait_for_text("李桂兰");
    term.keys(&[
        "Enter", "BSpace", "BSpace", "BSpace", "BSpace", "3003", "Enter", "Enter",
    ]);
    term.wait_for_text(&opening(lang, &t_with(lang, "member-form-updated", &her)));
    // One key at a time: two escapes together are one Alt+Esc to a terminal.
    term.keys(&["Escape"]);
    term.wait_for_text(&words(lang, "members-new"));
    term.keys(&["Escape"]);
    term.wait_for_text(&words(lang, "club-export-report"));

    // The club's venue.
    term.keys(&["1"]);
    term.wait_for_text(&words(lang, "club-edit"));
    term.keys(&["3"]);
    term.wait_for_text("银杏读书会");
    let mut keys = vec!["Enter"];
    keys.extend(["BSpace"; 5]);
    keys.extend(["老年大学", "Enter", "Enter", "Enter", "Enter"]);
    term.keys(&keys);
    let club = [("club", "银杏读书会".into())];
    term.wait_for_text(&opening(lang, &t_with(lang, "club-form-updated", &club)));

    // The administrator PIN, the last of More settings.
    term.keys(&["Escape"]);
    term.wait_for_text(&words(lang, "club-export-report"));
    term.keys(&["Escape"]);
    term.wait_for_text(&words(lang, "home-title"));
    term.keys(&["6", "7"]);
    term.wait_for_text(&words(lang, "settings-more"));
    term.keys(&["End", "Enter"]);
    term.wait_for_text(&words(lang, "admin-pin-new"));
    term.keys(&["1357", "Enter"]);
    term.wait_for_text(&words(lang, "admin-pin-again"));
    term.keys(&["1357", "Enter"]);
    term.wait_for_text(&words(lang, "admin-pin-set"));

    let store = leling::store::Store::open(&data.join("leling.db")).unwrap();
    let member = store
        .clubs()
        .member_by_card("3003")
        .unwrap()
        .expect("her new card");
    let now = leling::admin::now_unix();
    assert!(leling::learner_pin::verify(&store, &member, "2468", now).is_ok());
    assert_eq!(store.clubs().all().unwrap()[0].venue, "老年大学");
    assert!(leling::admin::verify_pin(&store, "1357", now).is_ok());
    let said = crate::common::words_said(log);
    assert!(
        said.contains(&t_with(lang, "member-pin-set", &her)),
        "{said}"
    );
    assert!(!said.contains("2468") && !said.contains("1357"), "{said}");
}
