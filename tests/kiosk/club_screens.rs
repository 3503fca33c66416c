//! The reading-club screens drawn at 40×12 and 80×24 in both languages: what a volunteer and
//! a learner see and hear, driven by the keys they press.

use crate::common;

use crate::common::{app_with_log, press, press_all, type_keys};
use leling::i18n::MISSING_MARKER;
use leling::model::Lang;
use leling::store::NewClub;
use leling::ui::{App, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn screen(app: &mut App, width: u16, height: u16) -> String {
    screen_at(app, width, height)
}

/// The screen drawn at `width`×`height`, one quoted line per row.
pub(crate) fn screen_at(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, app)).unwrap();
    // One quoted line per row, wide characters once.
    terminal.backend().to_string()
}

/// A kiosk with one club and two members, its store reached through the data directory.
fn kiosk(lang: Lang, log: &std::path::Path) -> common::TestApp {
    let t = app_with_log(lang, false, Some(log));
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    store
        .clubs()
        .add_club(&NewClub {
            name: "银杏读书会".into(),
            venue: "社区图书馆".into(),
            usual_weekday: Some(6),
            usual_start: Some("09:30".into()),
            usual_end: Some("11:00".into()),
            facilitator: "刘老师".into(),
        })
        .unwrap();
    add_members(
        &store,
        &[
            ("张秀英", "1001"),
            ("张秀兰", "1004"),
            ("Mary Smith", "2001"),
        ],
    );
    t
}

#[test]
fn the_check_in_desk_fits_40_by_12_and_shows_the_count_large() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("speech.log");
        let mut t = kiosk(lang, &log);
        let app = &mut t.app;
        press(app, KeyCode::Char('4'));
        press(app, KeyCode::Char('1'));
        let menu = screen(app, 40, 12);
        assert!(menu.contains("银杏读书会"), "{menu}");
        press(app, KeyCode::Char('1'));
        let start = screen(app, 80, 24);
        assert!(
            start.contains("09:30–11:00"),
            "pre-filled from the schedule:\n{start}"
        );
        assert!(start.contains("刘老师"), "{start}");
        press(app, KeyCode::Enter);

        type_keys(app, "zx");
        let offered = screen(app, 40, 12);
        assert!(offered.contains("张秀英 · 1001"), "{offered}");
        assert!(offered.contains("张秀兰 · 1004"), "{offered}");
        press(app, KeyCode::Down);
        press(app, KeyCode::Enter);
        type_keys(app, "2001");
        press(app, KeyCode::Enter);
        let desk = screen(app, 40, 12);
        assert!(!desk.contains(MISSING_MARKER), "{desk}");
        let expected = match lang {
            Lang::Zh => "Mary Smith 签到成功，第 2 位",
            Lang::En => "Mary Smith checked in, number 2",
        };
        assert!(desk.contains(expected), "{lang:?}:\n{desk}");
        assert!(
            app.speaker.last_said().contains(expected),
            "{}",
            app.speaker.last_said()
        );
        // The running count in large digits: a block of glyph rows when the font is here.
        if std::path::Path::new("/usr/share/unifont/unifont.hex").exists() {
            let glyph_rows = desk
                .lines()
                .filter(|l| l.contains('█') || l.contains('▀'))
                .count();
            assert!(glyph_rows >= 2, "count not drawn large:\n{desk}");
        }
        let first = match lang {
            Lang::Zh => "张秀英 签到成功，第 1 位",
            Lang::En => "张秀英 checked in, number 1",
        };
        // The speech thread writes the log a moment after the screen changes.
        let said = said_soon(&log, first);
        assert!(said.contains(first), "{said}");
    }
}

#[test]
fn the_report_screen_charts_sessions_and_person_times_by_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = kiosk(Lang::Zh, &dir.path().join("speech.log"));
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let club = store.clubs().club_by_name("银杏读书会").unwrap().unwrap();
    let members = store.clubs().members().unwrap();
    let today = chrono::Local::now().date_naive();
    let session = store
        .clubs()
        .start_session(
            &club,
            &leling::store::NewSession {
                held_on: Some(today),
                ..Default::default()
            },
        )
        .unwrap();
    for member in &members {
        store.clubs().check_in(&session.id, &member.id).unwrap();
    }
    let app = &mut t.app;
    press(app, KeyCode::Char('4'));
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Char('2'));
    let shown = screen(app, 80, 24);
    let month = today.format("%Y-%m").to_string();
    assert!(
        shown.contains(&format!("{month}：活动 1 次，参加 3 人次")),
        "{shown}"
    );
    assert!(shown.contains("人次 ████████████████"), "{shown}");
    assert!(
        shown.contains("合计：活动 1 次，参加 3 人次，3 人，新成员 3 人"),
        "{shown}"
    );
    // The bars are for the eye; the voice says the numbers beside them.
    let said = app.speaker.last_said();
    assert!(
        said.contains("活动 1 次，参加 3 人次") && !said.contains('█'),
        "{said}"
    );
}

/// Mary Smith (card 2001), a member, signed in with her card from the home screen.
fn signed_in_as_mary(kiosk: bool, log: &std::path::Path) -> common::TestApp {
    let mut t = common::app_with_log(Lang::En, kiosk, Some(log));
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    store
        .clubs()
        .add_member(&leling::club::members::new_member(
            "Mary Smith",
            Some("2001"),
            chrono::Local::now().date_naive(),
        ))
        .unwrap();
    press(&mut t.app, KeyCode::Char('5'));
    type_keys(&mut t.app, "2001");
    press(&mut t.app, KeyCode::Enter);
    t
}

#[test]
fn an_idle_kiosk_signs_the_learner_out() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let mut t = signed_in_as_mary(true, &log);
    let app = &mut t.app;
    assert!(screen(app, 80, 24).contains("Mary Smith: my learning"));
    press(app, KeyCode::Esc);

    // Ten idle minutes (the default) later, the kiosk is home and no one is signed in.
    let later = std::time::Instant::now() + std::time::Duration::from_secs(11 * 60);
    assert!(app.tick(later));
    assert!(
        app.speaker.last_said().contains("Mary Smith is signed out"),
        "{}",
        app.speaker.last_said()
    );
    press(app, KeyCode::Char('5'));
    assert!(screen(app, 80, 24).contains("Sign in"), "still signed in");
}

#[test]
fn a_signed_in_learner_finds_their_books_under_my_learning() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = signed_in_as_mary(false, &dir.path().join("speech.log"));
    let app = &mut t.app;
    press(app, KeyCode::Esc);
    // Two guides: one read to its last page, one only opened.
    for (guide, to_the_end) in [('1', true), ('2', false)] {
        press(app, KeyCode::Char('1'));
        press(app, KeyCode::Char('3'));
        press(app, KeyCode::Char(guide));
        screen(app, 80, 24);
        if to_the_end {
            press(app, KeyCode::End);
            screen(app, 80, 24);
        }
        press(app, KeyCode::Esc);
        press(app, KeyCode::Esc);
        press(app, KeyCode::Esc);
    }
    press(app, KeyCode::Char('5'));
    let shown = screen(app, 80, 24);
    let line = |start: &str| {
        shown
            .lines()
            .find(|l| l.contains(start))
            .unwrap_or_else(|| panic!("no {start} line in\n{shown}"))
            .to_owned()
    };
    assert!(!line("Finished:").contains("none yet"), "{shown}");
    assert!(line("Reading now:").contains("0%"), "{shown}");
}

/// The speech log once it holds `text`, or as it is after five seconds.
fn said_soon(log: &std::path::Path, text: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let said = std::fs::read_to_string(log).unwrap_or_default();
        if said.contains(text) || std::time::Instant::now() > deadline {
            return said;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn my_learning_scrolls_at_40_by_12_and_enter_signs_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = signed_in_as_mary(false, &dir.path().join("speech.log"));
    let app = &mut t.app;
    let top = screen(app, 40, 12);
    assert!(top.contains("Reading now"), "{top}");
    assert!(
        !top.contains("Press Enter to sign out"),
        "all of it fits?\n{top}"
    );
    for _ in 0..10 {
        press(app, KeyCode::Down);
        screen(app, 40, 12);
    }
    let bottom = screen(app, 40, 12);
    assert!(bottom.contains("Press Enter to sign out"), "{bottom}");
    press(app, KeyCode::Enter);
    assert!(
        app.speaker.last_said().contains("Mary Smith is signed out"),
        "{}",
        app.speaker.last_said()
    );
}

#[test]
fn a_centre_with_many_clubs_lists_them_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = kiosk(Lang::En, &dir.path().join("speech.log"));
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    for n in 1..=8 {
        store
            .clubs()
            .add_club(&NewClub {
                name: format!("Club {n}"),
                venue: "Library".into(),
                usual_weekday: None,
                usual_start: None,
                usual_end: None,
                facilitator: String::new(),
            })
            .unwrap();
    }
    let names: Vec<String> = store
        .clubs()
        .all()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names.len(), 9);
    let app = &mut t.app;
    press(app, KeyCode::Char('4'));
    let first = screen(app, 40, 12);
    assert!(first.contains("6  Next page (2 of 3)"), "{first}");
    assert!(!first.contains("7  "), "at most seven choices: {first}");
    press(app, KeyCode::Char('6'));
    assert!(
        app.speaker.last_said().starts_with("Page 2 of 3. 1, "),
        "{}",
        app.speaker.last_said()
    );
    let second = app.view().items;
    assert_eq!(
        second.len(),
        7,
        "four clubs, a new one and the ways on and back: {second:?}"
    );
    assert_eq!(second[4], "New reading club");
    assert_eq!(second[5], "Next page (3 of 3)");
    // The centre's other tasks on the last page.
    press(app, KeyCode::Char('6'));
    let third = app.view().items;
    assert_eq!(
        third,
        [
            "Import members from a file",
            "Export a report",
            "Members",
            "Import a quiz",
            "Credit rules",
            "Previous page (2 of 3)"
        ]
    );
    press(app, KeyCode::Char('6'));
    // The club shown as 3 on the second page is the eighth.
    press(app, KeyCode::Char('3'));
    assert_eq!(app.view().title, names[7]);
}

/// A centre's own schedule with one lecture next week and one last week, added as a catalog
/// (a CSV file, as a volunteer would keep it); the dates are relative to today.
fn a_schedule_with_a_lecture_to_come_and_one_past(t: &common::TestApp) {
    let day = |days: i64| {
        (chrono::Local::now() + chrono::Duration::days(days))
            .format("%Y-%m-%d 14:00")
            .to_string()
    };
    let csv = t.dir.path().join("schedule.csv");
    std::fs::write(
        &csv,
        format!(
            "编号,标题,主讲人,形式,地点,开始时间,结束时间,简介\n\
             soon,Paper cutting workshop,Li Ming,in-person,Hall 2,{},{},Slow moves.\n\
             past,Dumpling making class,Wang Fang,in-person,Room 5,{},{},Good food.\n",
            day(7),
            day(7).replace("14:00", "15:00"),
            day(-7),
            day(-7).replace("14:00", "15:00"),
        ),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_leling"))
        .arg("--data-dir")
        .arg(t.dir.path())
        .arg("--config")
        .arg(t.dir.path().join("config.toml"))
        .args(["catalog", "add"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Lectures → All, page by page until the lecture titled `title` shows; opens it.
fn open_lecture(app: &mut leling::ui::App, title: &str) {
    press(app, KeyCode::Char('2'));
    press(app, KeyCode::Char('3'));
    for _ in 0..30 {
        let items = app.view().items;
        if let Some(index) = items.iter().position(|i| i.contains(title)) {
            press(app, KeyCode::Char(char::from(b'1' + index as u8)));
            return;
        }
        press(app, KeyCode::Right);
    }
    panic!("{title} is not among all lectures");
}

#[test]
fn her_plan_shows_on_my_learning_and_i_attended_waits_for_the_lecture() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = signed_in_as_mary(false, &dir.path().join("speech.log"));
    a_schedule_with_a_lecture_to_come_and_one_past(&t);
    let app = &mut t.app;
    press(app, KeyCode::Esc);

    // Next week's lecture: "remind me", but not yet "I attended".
    open_lecture(app, "Paper cutting workshop");
    let view = app.view();
    assert_eq!(view.title, "Paper cutting workshop");
    assert!(
        view.items.iter().any(|i| i.starts_with("Remind me")),
        "{:?}",
        view.items
    );
    assert!(
        !view.items.iter().any(|i| i.contains("I attended")),
        "{:?}",
        view.items
    );
    let remind = view
        .items
        .iter()
        .position(|i| i.starts_with("Remind me"))
        .unwrap();
    press(app, KeyCode::Char(char::from(b'1' + remind as u8)));
    for _ in 0..3 {
        press(app, KeyCode::Esc);
    }

    // Last week's: "I attended" is kept with the lecture's own day, not today.
    open_lecture(app, "Dumpling making class");
    let view = app.view();
    let attended = view
        .items
        .iter()
        .position(|i| i.contains("I attended"))
        .expect("a lecture that has taken place can be marked attended");
    press(app, KeyCode::Char(char::from(b'1' + attended as u8)));
    for _ in 0..3 {
        press(app, KeyCode::Esc);
    }

    // My learning: the plan, with when and where; the lecture attended on its day.
    press(app, KeyCode::Char('5'));
    let shown = screen(app, 80, 24);
    let plan = shown
        .lines()
        .skip_while(|l| !l.contains("Planned:"))
        .take(2)
        .collect::<String>();
    assert!(plan.contains("Paper cutting workshop"), "{shown}");
    assert!(plan.contains("14:00") && plan.contains("Hall 2"), "{shown}");
    assert!(shown.contains("Lectures attended: 1"), "{shown}");
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let member = store.clubs().member_by_card("2001").unwrap().unwrap();
    let record = store
        .clubs()
        .learning_record(
            &member.id,
            chrono::Local::now().date_naive(),
            &Default::default(),
        )
        .unwrap()
        .unwrap();
    let last_week = (chrono::Local::now() - chrono::Duration::days(7)).date_naive();
    assert_eq!(record.lectures[0].date, last_week);
}

/// Reading club → the kiosk's one club → start today's session, with no book: the desk.
fn start_todays_session(app: &mut App) {
    press_all(
        app,
        &[
            KeyCode::Char('4'),
            KeyCode::Char('1'),
            KeyCode::Char('1'),
            KeyCode::Enter,
        ],
    );
}

/// Two members of the centre; the second, whose name and card must never reach a learner.
fn two_members(t: &common::TestApp) -> leling::store::Member {
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let today = chrono::Local::now().date_naive();
    let she = store
        .clubs()
        .add_member(&leling::club::members::new_member(
            "张秀英",
            Some("7301"),
            today,
        ))
        .unwrap();
    store
        .clubs()
        .add_member(&leling::club::members::new_member(
            "王建国",
            Some("7305"),
            today,
        ))
        .unwrap();
    she
}

/// Every screen a learner reaches at a kiosk without the administrator PIN, a few keys
/// deep: what each shows at 40×12 and 80×24, and everything said on the way.
fn crawl_as_a_learner(t: &mut common::TestApp, log: &std::path::Path) -> Vec<String> {
    use KeyCode::*;
    let keys = [
        Char('1'),
        Char('2'),
        Char('3'),
        Char('4'),
        Char('5'),
        Char('6'),
        Char('7'),
        Down,
        Enter,
    ];
    let mut seen = Vec::new();
    let mut paths: Vec<Vec<KeyCode>> = vec![Vec::new()];
    let mut visited = std::collections::HashSet::new();
    while let Some(path) = paths.pop() {
        // Each path starts again from home, as a new learner would.
        for _ in 0..8 {
            press(&mut t.app, Esc);
        }
        for key in &path {
            press(&mut t.app, *key);
        }
        let view = t.app.view();
        let shown = format!(
            "{}{}",
            screen(&mut t.app, 40, 12),
            screen(&mut t.app, 80, 24)
        );
        let signature = format!("{}|{:?}|{:?}", view.title, view.items, view.focus);
        // The PIN screen is as far as a learner goes without the administrator.
        let behind_pin = view.title.contains("管理员密码");
        seen.push(shown);
        if path.len() < 4 && !behind_pin && visited.insert(signature) {
            for key in keys {
                let mut next = path.clone();
                next.push(key);
                paths.push(next);
            }
        }
    }
    // What was said (the log's words, not its timestamps).
    seen.push(common::said(log, "message").join("\n"));
    seen
}

#[test]
fn a_learner_never_sees_or_hears_another_members_name_or_card() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let mut t = common::app_with_log(Lang::Zh, true, Some(&log));
    two_members(&t);
    // A guest, and then signed in as 张秀英 with her whole card number.
    let mut seen = crawl_as_a_learner(&mut t, &log);
    for _ in 0..8 {
        press(&mut t.app, KeyCode::Esc);
    }
    press(&mut t.app, KeyCode::Char('5'));
    type_keys(&mut t.app, "7301");
    press(&mut t.app, KeyCode::Enter);
    assert!(screen(&mut t.app, 80, 24).contains("张秀英：我的学习"));
    seen.extend(crawl_as_a_learner(&mut t, &log));
    // Part of the other's card, typed at sign-in, lists no one.
    press(&mut t.app, KeyCode::Esc);
    seen.push(screen(&mut t.app, 80, 24));
    assert!(seen.len() > 100, "the crawl reached {} screens", seen.len());
    for text in &seen {
        assert!(!text.contains("王建国"), "{text}");
        assert!(!text.contains("7305"), "{text}");
    }
}

#[test]
fn sign_in_takes_a_whole_card_and_her_pin_and_counts_wrong_tries() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let mut t = common::app_with_log(Lang::Zh, true, Some(&log));
    let she = two_members(&t);
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    leling::learner_pin::set(&store, &she, Some("2580")).unwrap();
    let app = &mut t.app;

    // Part of a card signs no one in and names no one.
    press(app, KeyCode::Char('5'));
    type_keys(app, "730");
    press(app, KeyCode::Enter);
    let shown = screen(app, 80, 24);
    assert!(shown.contains("没有这个卡号"), "{shown}");
    assert!(
        !shown.contains("张秀英") && !shown.contains("王建国"),
        "{shown}"
    );

    // Her whole card asks for her PIN, shown as dots and never said.
    type_keys(app, "7301");
    press(app, KeyCode::Enter);
    type_keys(app, "1111");
    let shown = screen(app, 80, 24);
    assert!(
        shown.contains("个人密码") && shown.contains("●●●●"),
        "{shown}"
    );
    press(app, KeyCode::Enter);
    assert!(app.speaker.status().unwrap().contains("密码不对"));
    // Straight away again: the wrong try makes the next one wait.
    type_keys(app, "2580");
    press(app, KeyCode::Enter);
    assert!(
        app.speaker.status().unwrap().contains("秒"),
        "{:?}",
        app.speaker.status()
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    type_keys(app, "2580");
    press(app, KeyCode::Enter);
    assert!(screen(app, 80, 24).contains("张秀英：我的学习"));
    let said = common::said(&log, "message").join("\n");
    assert!(!said.contains("2580") && !said.contains("1111"), "{said}");
}

/// Issue 22, item 1 (in part): a volunteer sets up a club on the screens, no command line, one
/// question at a time (each shown at 40×12 and said), a wrong answer told and asked again; the
/// club joins the list with everything she gave.
#[test]
fn a_club_is_set_up_on_the_screens() {
    use leling::i18n::t;
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("speech.log");
        let mut t_app = app_with_log(lang, false, Some(&log));
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        let app = &mut t_app.app;
        press(app, KeyCode::Char('4')); // Reading club
        let list = screen(app, 40, 12);
        assert!(list.contains(&t(lang, "club-new")), "{list}");
        press(app, KeyCode::Char('1')); // the only choice yet: a new club
        let asked = |app: &mut App, question: &str| {
            let id = format!("club-form-{question}");
            let start: String = t(lang, &id).chars().take(4).collect();
            let said = app.speaker.last_said().to_owned();
            assert!(said.contains(&start), "{said}");
            let shown = screen(app, 40, 12);
            assert!(shown.contains(&start), "{shown}");
        };
        asked(app, "name");
        for (answer, next) in [("银杏读书会", "venue"), ("社区图书馆", "weekday")] {
            type_keys(app, answer);
            press(app, KeyCode::Enter);
            asked(app, next);
        }
        // A day that is no day is told, and asked again.
        type_keys(app, "9");
        press(app, KeyCode::Enter);
        let told = app.speaker.status().unwrap_or_default().to_owned();
        assert!(told.contains("9") && told.contains("1"), "{told}");
        press(app, KeyCode::Backspace);
        type_keys(app, "6");
        press(app, KeyCode::Enter);
        asked(app, "time");
        type_keys(app, "09:30-11:00");
        press(app, KeyCode::Enter);
        asked(app, "leader");
        type_keys(app, "刘老师");
        press(app, KeyCode::Enter);
        let clubs = store.clubs().all().unwrap();
        assert_eq!(clubs.len(), 1, "{lang:?}");
        let club = &clubs[0];
        assert_eq!(
            (
                club.name.as_str(),
                club.venue.as_str(),
                club.usual_weekday,
                club.usual_start.as_deref(),
                club.usual_end.as_deref(),
                club.facilitator.as_str()
            ),
            (
                "银杏读书会",
                "社区图书馆",
                Some(6),
                Some("09:30"),
                Some("11:00"),
                "刘老师"
            )
        );
        let list = screen(app, 40, 12);
        assert!(list.contains("银杏读书会"), "{list}");
    }
}

/// Adds members to the kiosk's centre, each with a card, joined today.
fn add_members(store: &leling::store::Store, people: &[(&str, &str)]) {
    let today = chrono::Local::now().date_naive();
    for (name, card) in people {
        store
            .clubs()
            .add_member(&leling::club::members::new_member(name, Some(card), today))
            .unwrap();
    }
}

#[test]
fn enter_at_the_desk_checks_in_only_an_exact_card_or_a_single_match() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let mut t = kiosk(Lang::Zh, &log);
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let today = chrono::Local::now().date_naive();
    // With the kiosk's 张秀英, three people whose initials are zxy.
    add_members(&store, &[("赵小云", "1101"), ("赵晓燕", "1102")]);
    let app = &mut t.app;
    // Reading club → the club → start today's session → Enter with no book.
    start_todays_session(app);
    let club = store.clubs().all().unwrap().remove(0);
    let session = || {
        store
            .clubs()
            .open_session(&club.id, today)
            .unwrap()
            .unwrap()
    };
    // Initials that fit three people: the list stays, nobody is checked in, the count is said.
    type_keys(app, "zxy");
    press(app, KeyCode::Enter);
    assert_eq!(store.clubs().attendees(&session().id).unwrap().len(), 0);
    assert!(
        app.speaker.last_said().contains('3'),
        "{}",
        app.speaker.last_said()
    );
    assert_eq!(app.view().items.len(), 3);
    // Moving to the second and pressing Enter checks that one in.
    press(app, KeyCode::Down);
    press(app, KeyCode::Enter);
    let names: Vec<String> = store
        .clubs()
        .attendees(&session().id)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names.len(), 1);
    // A partial card that fits both: nobody; the exact card: that person.
    type_keys(app, "110");
    press(app, KeyCode::Enter);
    assert_eq!(store.clubs().attendees(&session().id).unwrap().len(), 1);
    for _ in 0..3 {
        press(app, KeyCode::Backspace);
    }
    let card = if names.contains(&"赵小云".to_string()) {
        "1102"
    } else {
        "1101"
    };
    type_keys(app, card);
    press(app, KeyCode::Enter);
    assert_eq!(store.clubs().attendees(&session().id).unwrap().len(), 2);
}

/// Issue 22, item 2: once today's session has ended, starting one again tells the volunteer
/// that a second would count as a second activity, and offers to go on with today's: which
/// opens the same session at the desk; holding another is still hers to choose.
#[test]
fn a_second_session_today_is_told_and_todays_can_go_on() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("speech.log");
        let mut t = kiosk(lang, &log);
        let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
        let today = chrono::Local::now().date_naive();
        let club = store.clubs().all().unwrap().remove(0);
        let app = &mut t.app;
        start_todays_session(app);
        type_keys(app, "1001");
        press(app, KeyCode::Enter);
        // The desk's menu → end the session → no notes.
        let end_it = |app: &mut App| {
            press_all(app, &[KeyCode::Enter, KeyCode::Char('3'), KeyCode::Enter]);
        };
        end_it(app);
        let first = store
            .clubs()
            .last_session_on(&club.id, today)
            .unwrap()
            .unwrap();
        assert!(first.ended);
        press(app, KeyCode::Char('1'));
        let told = screen(app, 40, 12);
        let title = leling::i18n::t(lang, "club-same-day-title");
        let start: String = title.chars().take(6).collect();
        assert!(told.contains(&start), "{told}");
        let said = app.speaker.last_said();
        assert!(said.contains("09:30") && said.contains('1'), "{said}");
        // Going on: the same session, open again, with her still checked in.
        press(app, KeyCode::Char('1'));
        let open = store.clubs().open_session(&club.id, today).unwrap();
        assert_eq!(open.map(|s| s.id), Some(first.id.clone()));
        assert_eq!(store.clubs().checked_in_count(&first.id).unwrap(), 1);
        assert!(screen(app, 40, 12).contains('1'));
        end_it(app);
        // Holding another: a session of its own.
        press_all(
            app,
            &[KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Enter],
        );
        let second = store
            .clubs()
            .open_session(&club.id, today)
            .unwrap()
            .unwrap();
        assert_ne!(second.id, first.id, "{lang:?}");
    }
}

/// A card with letters is found and checked in at the desk, typed in either case (issue 22,
/// item 10: the desk compared cards with the typed text in lower case).
#[test]
fn a_card_with_letters_is_checked_in_at_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let mut t = kiosk(Lang::Zh, &log);
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let today = chrono::Local::now().date_naive();
    add_members(&store, &[("钱桂芳", "M00042"), ("孙玉兰", "M00043")]);
    let app = &mut t.app;
    start_todays_session(app);
    let club = store.clubs().all().unwrap().remove(0);
    let session = store
        .clubs()
        .open_session(&club.id, today)
        .unwrap()
        .unwrap();
    for (typed, name) in [("M00042", "钱桂芳"), ("m00043", "孙玉兰")] {
        type_keys(app, typed);
        assert!(
            app.speaker.last_said().contains(name),
            "typed {typed}: {}",
            app.speaker.last_said()
        );
        press(app, KeyCode::Enter);
        let names: Vec<String> = (store.clubs().attendees(&session.id).unwrap().into_iter())
            .map(|a| a.name)
            .collect();
        assert!(
            names.contains(&name.to_string()),
            "typed {typed}: {names:?}"
        );
    }
}

/// After an undo, checking in a newcomer says the newcomer, not the undo again (issue 17,
/// item 11: `已撤销 胡秀珍 的签到。` was repeated after adding someone else).
#[test]
fn a_newcomer_after_an_undo_hears_nothing_of_the_undo() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let mut t = kiosk(Lang::Zh, &log);
    let app = &mut t.app;
    start_todays_session(app);
    type_keys(app, "1001");
    press(app, KeyCode::Enter);
    // Enter on the empty line: the desk menu; 1 undoes the last check-in.
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('1'));
    assert!(
        app.speaker.last_said().contains("已撤销"),
        "{}",
        app.speaker.last_said()
    );
    // The voice writes its log on its own thread: the undo is counted once it is there.
    common::wait_until("the undo in the speech log", || {
        common::said(&log, "message")
            .iter()
            .any(|m| m.contains("已撤销"))
    });
    let before = common::said(&log, "message").len();
    // Then a newcomer, added by name and checked in at once.
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('2'));
    type_keys(app, "胡秀珍");
    press(app, KeyCode::Enter);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while common::said(&log, "message").len() <= before + 1 && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let after = common::said(&log, "message")[before..].to_vec();
    assert!(after.iter().any(|m| m.contains("胡秀珍")), "{after:?}");
    assert!(!after.iter().any(|m| m.contains("已撤销")), "{after:?}");
}

/// The hardware cursor on the focused choice's row, as screen readers need it, at 40×12.
fn cursor_on_focus(app: &mut App) {
    let mut terminal = Terminal::new(TestBackend::new(40, 12)).unwrap();
    terminal.draw(|frame| draw(frame, app)).unwrap();
    let shown = terminal.backend().to_string();
    let focus = app
        .view()
        .focus
        .unwrap_or_else(|| panic!("no focus seen:\n{shown}"));
    let cursor = terminal.get_cursor_position().unwrap();
    let row = shown.lines().nth(usize::from(cursor.y)).unwrap_or_default();
    assert!(row.contains(&format!("▶ {}", focus + 1)), "{row}\n{shown}");
}

/// Issue 22, item 1: members imported from a file in the import folder on the screens, no
/// command line: the file is found and chosen, every problem is shown and said by its row
/// before anything is written, only the clean rows come in, and she hears how many.
#[test]
fn members_are_imported_from_a_file_on_the_screens() {
    use leling::i18n::{t, t_with};
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut t_app = kiosk(lang, &dir.path().join("speech.log"));
        let import = t_app.dir.path().join("import");
        std::fs::create_dir_all(&import).unwrap();
        // Row 3's card is already 张秀英's; row 5 has no name.
        let roster =
            "姓名,卡号,电话\n王建国,3001,13800138000\n张秀英,1001,\n李桂兰,3002,\n,3003,\n";
        std::fs::write(import.join("名单.csv"), roster).unwrap();
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        let app = &mut t_app.app;
        press(app, KeyCode::Char('4'));
        let list = screen(app, 40, 12);
        assert!(list.contains(&t(lang, "club-import-roster")), "{list}");
        press(app, KeyCode::Char('3'));
        let files = screen(app, 40, 12);
        assert!(files.contains("名单.csv"), "{files}");
        cursor_on_focus(app);
        assert!(app.speaker.last_said().contains("名单.csv"));
        press(app, KeyCode::Char('1'));
        let summary = t_with(
            lang,
            "import-summary",
            &[
                ("rows", 4.into()),
                ("clean", 2.into()),
                ("problems", 2.into()),
            ],
        );
        let checked = screen(app, 40, 12);
        let said = app.speaker.last_said().to_owned();
        for told in [summary.as_str(), "3", "5"] {
            assert!(said.contains(told), "not said: {told}\n{said}");
        }
        assert!(checked.contains("5"), "{checked}");
        assert_eq!(
            store.clubs().members().unwrap().len(),
            3,
            "nothing written yet"
        );
        // The problems come first; at 40×12 she reads on to the choices with ↓.
        for _ in 0..3 {
            if app.view().focus.is_none() {
                press(app, KeyCode::Down);
            }
        }
        cursor_on_focus(app);
        let import_clean = t_with(lang, "roster-check-import-clean", &[("count", 2.into())]);
        assert_eq!(app.view().items[0], import_clean);
        press(app, KeyCode::Char('1'));
        let done = t_with(
            lang,
            "import-done",
            &[("added", 2.into()), ("skipped", 2.into())],
        );
        assert_eq!(app.speaker.status(), Some(done.as_str()));
        assert_eq!(app.view().title, t(lang, "home-club"));
        for card in ["3001", "3002"] {
            assert!(store.clubs().member_by_card(card).unwrap().is_some());
        }
        assert!(store.clubs().member_by_card("3003").unwrap().is_none());
    }
}

/// With nothing in the import folder and no stick, she is told where to put the file; a
/// cancelled import writes nothing.
#[test]
fn no_roster_file_says_where_to_put_one_and_cancel_writes_nothing() {
    use leling::i18n::t;
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut t_app = kiosk(lang, &dir.path().join("speech.log"));
        let folder = t_app.dir.path().join("import");
        let app = &mut t_app.app;
        press_all(app, &[KeyCode::Char('4'), KeyCode::Char('3')]);
        let said = app.speaker.last_said().to_owned();
        assert!(said.contains(&folder.display().to_string()), "{said}");
        assert!(folder.is_dir(), "the folder she is told of is there");
        std::fs::write(folder.join("roster.csv"), "name,card\nNew Person,4001\n").unwrap();
        press(app, KeyCode::Esc);
        press_all(app, &[KeyCode::Char('3'), KeyCode::Char('1')]);
        let view = app.view();
        assert_eq!(view.items.last(), Some(&t(lang, "roster-check-cancel")));
        press(app, KeyCode::Char('2'));
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        assert!(store.clubs().member_by_card("4001").unwrap().is_none());
    }
}

/// Issue 22, item 1: the month's report exported on the screens to the import folder, as the
/// same workbook `leling report` writes for that month; she hears where it went.
#[test]
fn the_months_report_is_exported_on_the_screens() {
    use chrono::Datelike;
    use leling::i18n::t;
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut t_app = kiosk(lang, &dir.path().join("speech.log"));
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        let today = chrono::Local::now().date_naive();
        let club = store.clubs().all().unwrap()[0].clone();
        let session = store
            .clubs()
            .start_session(&club, &leling::store::NewSession::default())
            .unwrap();
        let member = store.clubs().member_by_card("1001").unwrap().unwrap();
        store.clubs().check_in(&session.id, &member.id).unwrap();
        let app = &mut t_app.app;
        press_all(app, &[KeyCode::Char('4'), KeyCode::Char('4')]);
        assert_eq!(app.view().title, t(lang, "report-export-title"));
        cursor_on_focus(app);
        press(app, KeyCode::Char('2')); // this month so far
        assert_eq!(app.view().title, t(lang, "report-folders-title"));
        let folders = screen(app, 40, 12);
        assert!(folders.contains("import"), "{folders}");
        cursor_on_focus(app);
        press(app, KeyCode::Char('1'));
        let month = today.format("%Y-%m").to_string();
        let written = std::fs::read_dir(t_app.dir.path().join("import"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.to_string_lossy().contains(&month))
            .expect("the report is in the import folder");
        let said = app.speaker.status().unwrap_or_default().to_owned();
        assert!(said.contains(&written.display().to_string()), "{said}");
        let by_hand = dir.path().join("by-hand.xlsx");
        let report = store
            .clubs()
            .report(today.with_day(1).unwrap(), today, None, &Default::default())
            .unwrap();
        leling::club::report_files::write_report(
            &report,
            leling::club::report_files::ReportFormat::Xlsx,
            lang,
            &by_hand,
        )
        .unwrap();
        assert_eq!(sheet_cells(&written), sheet_cells(&by_hand));
        assert!(
            sheet_cells(&written)
                .iter()
                .any(|row| row.contains("银杏读书会"))
        );
    }
}

/// A workbook's first sheet, row by row, its cells between bars.
pub(crate) fn sheet_cells(path: &std::path::Path) -> Vec<String> {
    use calamine::{Reader as _, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .map(|row| {
            let cells: Vec<String> = row.iter().map(|cell| cell.to_string()).collect();
            cells.join("|")
        })
        .collect()
}

/// Issue 22, item 1: a club's details changed on the screens: each question starts from what
/// the club has now (Enter keeps it), the change is saved, and the club keeps its sessions.
#[test]
fn a_clubs_details_are_changed_on_the_screens() {
    use leling::i18n::{t, t_with};
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut t_app = kiosk(lang, &dir.path().join("speech.log"));
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        let before = store.clubs().all().unwrap()[0].clone();
        let app = &mut t_app.app;
        press_all(app, &[KeyCode::Char('4'), KeyCode::Char('1')]);
        assert_eq!(app.view().items[2], t(lang, "club-edit"));
        press(app, KeyCode::Char('3'));
        let shown = screen(app, 40, 12);
        assert!(shown.contains("银杏读书会"), "the name as it is: {shown}");
        press(app, KeyCode::Enter); // the name kept
        for _ in 0.."社区图书馆".chars().count() {
            press(app, KeyCode::Backspace);
        }
        type_keys(app, "老年大学201室");
        press(app, KeyCode::Enter);
        assert!(screen(app, 40, 12).contains(&t(lang, "weekday-6")));
        press_all(app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
        let said = t_with(lang, "club-form-updated", &[("club", "银杏读书会".into())]);
        assert_eq!(app.speaker.status(), Some(said.as_str()));
        let after = store.clubs().all().unwrap();
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].venue, "老年大学201室");
        assert_eq!(
            (
                after[0].id.as_str(),
                after[0].usual_weekday,
                after[0].usual_start.as_deref()
            ),
            (before.id.as_str(), Some(6), Some("09:30"))
        );
        assert_eq!(app.view().title, "银杏读书会");
    }
}

/// Issue 22, item 1: members added and changed on the screens, and a learner's own PIN set
/// there (typed twice, shown as dots, never said), each mistake told and asked again.
#[test]
fn members_are_added_and_changed_and_their_pins_set_on_the_screens() {
    use leling::i18n::t;
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("speech.log");
        let mut t_app = kiosk(lang, &log);
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        let app = &mut t_app.app;
        press(app, KeyCode::Char('4'));
        assert_eq!(app.view().items[4], t(lang, "club-members"));
        press(app, KeyCode::Char('5'));
        let list = app.view();
        assert_eq!(list.title, t(lang, "members-title"));
        assert!(
            list.items.contains(&"张秀英 · 1001".to_owned()),
            "{:?}",
            list.items
        );
        cursor_on_focus(app);
        press(app, KeyCode::Char('4')); // add a member, after the three
        type_keys(app, "李桂兰");
        press(app, KeyCode::Enter);
        type_keys(app, "1001"); // 张秀英's
        press(app, KeyCode::Enter);
        press(app, KeyCode::Enter); // no phone
        let told = app.speaker.status().unwrap_or_default().to_owned();
        assert!(told.contains("1001") && told.contains("张秀英"), "{told}");
        for _ in 0..4 {
            press(app, KeyCode::Backspace);
        }
        type_keys(app, "3001");
        press(app, KeyCode::Enter);
        type_keys(app, "电话");
        press(app, KeyCode::Enter);
        assert!(app.speaker.status().unwrap_or_default().contains("电话"));
        for _ in 0..2 {
            press(app, KeyCode::Backspace);
        }
        type_keys(app, "138 0013 8000");
        press(app, KeyCode::Enter);
        let her = store
            .clubs()
            .member_by_card("3001")
            .unwrap()
            .expect("added");
        assert_eq!(
            (her.name.as_str(), her.phone.as_deref()),
            ("李桂兰", Some("138 0013 8000"))
        );
        let list = screen(app, 40, 12);
        assert!(
            list.contains("李桂兰 · 3001")
                || app.view().items.contains(&"李桂兰 · 3001".to_owned()),
            "{list}"
        );

        // Her own PIN: too short, then two that differ, then the same twice.
        let at = app
            .view()
            .items
            .iter()
            .position(|i| i == "李桂兰 · 3001")
            .unwrap();
        let number = char::from_digit(at as u32 + 1, 10).unwrap();
        press(app, KeyCode::Char(number));
        assert_eq!(app.view().title, "李桂兰 · 3001");
        cursor_on_focus(app);
        press(app, KeyCode::Char('2'));
        for (typed, wrong) in [("12", true), ("2468", false), ("1357", true)] {
            type_keys(app, typed);
            let shown = screen(app, 40, 12);
            assert!(
                shown.contains(&format!("> {}", "●".repeat(typed.len()))),
                "{shown}"
            );
            press(app, KeyCode::Enter);
            if wrong {
                assert!(app.speaker.status().is_some(), "a mistake is told");
            }
        }
        type_keys(app, "2468");
        press(app, KeyCode::Enter);
        type_keys(app, "2468");
        press(app, KeyCode::Enter);
        let her = store.clubs().member_by_card("3001").unwrap().unwrap();
        assert!(
            leling::learner_pin::verify(&store, &her, "2468", leling::admin::now_unix()).is_ok()
        );
        let said = common::words_said(&log);
        assert!(!said.contains("2468") && !said.contains("1357"), "{said}");

        // Her card changed: Enter keeps her name and phone.
        press(app, KeyCode::Char('1'));
        press(app, KeyCode::Enter);
        for _ in 0..4 {
            press(app, KeyCode::Backspace);
        }
        type_keys(app, "3002");
        press_all(app, &[KeyCode::Enter, KeyCode::Enter]);
        let her = store
            .clubs()
            .member_by_card("3002")
            .unwrap()
            .expect("her new card");
        assert_eq!(her.name, "李桂兰");
        assert_eq!(her.phone.as_deref(), Some("138 0013 8000"));
        assert!(store.clubs().member_by_card("3001").unwrap().is_none());
        assert_eq!(app.view().title, "李桂兰 · 3002");
    }
}

/// Issue 22, item 1: the administrator PIN changed on the screens, behind the current one.
#[test]
fn the_administrator_pin_is_changed_on_the_screens() {
    use leling::i18n::t;
    for lang in Lang::ALL {
        let mut t_app = common::app(lang, true);
        let store = leling::store::Store::open(&t_app.dir.path().join("leling.db")).unwrap();
        let app = &mut t_app.app;
        press(app, KeyCode::Char('6'));
        type_keys(app, "2468");
        press_all(app, &[KeyCode::Enter, KeyCode::Char('7')]);
        let at = (app.view().items.iter())
            .position(|item| *item == t(lang, "admin-pin-title"))
            .expect("the administrator PIN in more settings");
        for _ in 0..at {
            press(app, KeyCode::Down);
        }
        press(app, KeyCode::Enter);
        assert!(
            app.speaker
                .last_said()
                .contains(&t(lang, "admin-pin-current"))
        );
        type_keys(app, "1111");
        press(app, KeyCode::Enter);
        assert_eq!(
            app.speaker.status(),
            Some(t(lang, "admin-pin-wrong").as_str())
        );
        std::thread::sleep(std::time::Duration::from_millis(1100));
        for typed in ["2468", "1357", "1357"] {
            type_keys(app, typed);
            press(app, KeyCode::Enter);
        }
        assert_eq!(
            app.speaker.status(),
            Some(t(lang, "admin-pin-set").as_str())
        );
        assert!(leling::admin::verify_pin(&store, "1357", leling::admin::now_unix()).is_ok());
    }
}
