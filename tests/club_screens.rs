//! The reading-club screens drawn at 40×12 and 80×24 in both languages: what a volunteer and
//! a learner see and hear, driven by the keys they press.

mod common;

use common::{app_with_log, press, type_keys};
use leling::i18n::MISSING_MARKER;
use leling::model::Lang;
use leling::store::NewClub;
use leling::ui::{App, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn screen(app: &mut App, width: u16, height: u16) -> String {
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
        .add_club(&NewClub {
            name: "银杏读书会".into(),
            venue: "社区图书馆".into(),
            usual_weekday: Some(6),
            usual_start: Some("09:30".into()),
            usual_end: Some("11:00".into()),
            facilitator: "刘老师".into(),
        })
        .unwrap();
    for (name, card) in [
        ("张秀英", "1001"),
        ("张秀兰", "1004"),
        ("Mary Smith", "2001"),
    ] {
        store
            .add_member(&leling::club::members::new_member(
                name,
                Some(card),
                chrono::Local::now().date_naive(),
            ))
            .unwrap();
    }
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
        assert!(app.last_said().contains(expected), "{}", app.last_said());
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
    let club = store.club_by_name("银杏读书会").unwrap().unwrap();
    let members = store.members().unwrap();
    let today = chrono::Local::now().date_naive();
    let session = store
        .start_session(
            &club,
            &leling::store::NewSession {
                held_on: Some(today),
                ..Default::default()
            },
        )
        .unwrap();
    for member in &members {
        store.check_in(&session.id, &member.id).unwrap();
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
}

/// Mary Smith (card 2001), a member, signed in with her card from the home screen.
fn signed_in_as_mary(kiosk: bool, log: &std::path::Path) -> common::TestApp {
    let mut t = common::app_with_log(Lang::En, kiosk, Some(log));
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    store
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
        app.last_said().contains("Mary Smith is signed out"),
        "{}",
        app.last_said()
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
        app.last_said().contains("Mary Smith is signed out"),
        "{}",
        app.last_said()
    );
}

#[test]
fn a_centre_with_many_clubs_lists_them_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = kiosk(Lang::En, &dir.path().join("speech.log"));
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    for n in 1..=8 {
        store
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
    let names: Vec<String> = store.clubs().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names.len(), 9);
    let app = &mut t.app;
    press(app, KeyCode::Char('4'));
    let first = screen(app, 40, 12);
    assert!(first.contains("6  Next page (2 of 2)"), "{first}");
    assert!(!first.contains("7  "), "at most seven choices: {first}");
    press(app, KeyCode::Char('6'));
    assert!(
        app.last_said().starts_with("Page 2 of 2. 1, "),
        "{}",
        app.last_said()
    );
    let second = app.view().items;
    assert_eq!(second.len(), 5, "four clubs and the way back: {second:?}");
    assert_eq!(second[4], "Previous page (1 of 2)");
    // The club shown as 3 on this page is the eighth.
    press(app, KeyCode::Char('3'));
    assert_eq!(app.view().title, names[7]);
}
