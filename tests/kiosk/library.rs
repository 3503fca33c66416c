//! The kiosk's library: `leling add`, "Books → On this kiosk", "Continue reading", and the
//! place kept when the terminal is closed or the process is told to stop.

use crate::common;

use std::process::Command;

use crate::common::{Tmux, corpus, debug_command, press, release_binary};
use leling::model::Lang;
use ratatui::crossterm::event::KeyCode;

#[test]
fn added_books_are_listed_and_open_and_a_bad_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, b"").unwrap();
    let out = common::leling(dir.path())
        .args(["--lang", "en"])
        .arg("add")
        .arg(corpus("epub/idpf-moby-dick.epub"))
        .arg(&bad)
        .arg(corpus("texts/zh/luxun-nahan-traditional-pg27166.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "one book failed: {stderr}");
    assert!(
        stdout.contains("Added: Moby-Dick — Herman Melville"),
        "{stdout}"
    );
    assert!(stdout.contains("吶喊"), "{stdout}");
    assert!(
        stderr.contains("notes.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    // The books were copied into the library, so they open even if the originals go.
    let copies = std::fs::read_dir(dir.path().join("library"))
        .unwrap()
        .count();
    assert_eq!(copies, 2);

    // The same data directory, seen from the screens.
    let store = leling::store::Store::open(&dir.path().join("leling.db")).unwrap();
    let titles: Vec<String> = store
        .library()
        .books()
        .unwrap()
        .into_iter()
        .map(|b| b.title)
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
}

#[test]
fn books_on_this_kiosk_open_in_the_reader_and_continue_reading_returns() {
    let mut t = common::app(Lang::En, false);
    let data = t.dir.path().to_owned();
    let store = leling::store::Store::open(&data.join("leling.db")).unwrap();
    let path = add_pride_and_prejudice(&store);
    press(&mut t.app, KeyCode::Char('1')); // Books
    press(&mut t.app, KeyCode::Char('1')); // On this kiosk
    assert_eq!(t.app.view().items, ["Pride and Prejudice — Jane Austen"]);
    press(&mut t.app, KeyCode::Enter);
    let opened_title = leling::document::open(&path).unwrap().title;
    assert!(t.app.stack.top().reader().is_some());
    assert_eq!(t.app.view().title, opened_title);
    press(&mut t.app, KeyCode::Esc);
    press(&mut t.app, KeyCode::Esc);
    press(&mut t.app, KeyCode::Esc);
    assert_eq!(t.app.view().title, "Leling · Home");
    press(&mut t.app, KeyCode::Char('3')); // Continue reading
    assert!(t.app.stack.top().reader().is_some());
    assert_eq!(t.app.view().title, opened_title);
}

#[test]
fn a_book_opened_again_keeps_its_id_and_is_written_down_with_its_title_as_read_now() {
    let mut t = common::app(Lang::En, false);
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let known = |path: &std::path::Path, title: &str| {
        store
            .library()
            .register_book(&leling::store::NewBook {
                path,
                title,
                author: None,
                language: None,
                in_library: true,
            })
            .unwrap()
    };
    let pride = corpus("texts/en/pride-and-prejudice-pg1342.txt")
        .canonicalize()
        .unwrap();
    let moby = corpus("epub/idpf-moby-dick.epub").canonicalize().unwrap();
    let pride_id = known(&pride, "Pride and Prejudice");
    // Written down by an older Leling under the file's name.
    let moby_id = known(&moby, "idpf-moby-dick");

    t.app.open_book(&pride, None).unwrap();
    press(&mut t.app, KeyCode::Esc);
    assert_eq!(
        store.library().last_opened_book().unwrap().unwrap().id,
        pride_id
    );
    t.app.open_book(&moby, None).unwrap();
    // The loop's timers run once the first page is out.
    t.app.tick(std::time::Instant::now());
    let last = store.library().last_opened_book().unwrap().unwrap();
    assert_eq!((last.id, last.title.as_str()), (moby_id, "Moby-Dick"));
    assert_eq!(last.author.as_deref(), Some("Herman Melville"));
}

#[test]
fn a_library_of_more_than_seven_books_opens_one_from_its_second_page() {
    let mut t = common::app(Lang::En, false);
    let data = t.dir.path().to_owned();
    let store = leling::store::Store::open(&data.join("leling.db")).unwrap();
    // Seven short books listed before Pride and Prejudice, which comes eighth.
    for n in 1..=7 {
        let path = data.join(format!("almanac-{n}.txt"));
        std::fs::write(&path, format!("Almanac {n}\n\nA short book.\n")).unwrap();
        let title = format!("Almanac {n}");
        store
            .library()
            .register_book(&leling::store::NewBook {
                path: &path,
                title: &title,
                author: None,
                language: Some("en"),
                in_library: true,
            })
            .unwrap();
    }
    let path = add_pride_and_prejudice(&store);
    press(&mut t.app, KeyCode::Char('1')); // Books
    press(&mut t.app, KeyCode::Char('1')); // On this kiosk
    let first = t.app.view().items;
    assert_eq!(first.len(), 6, "{first:?}");
    assert_eq!(first[5], "Next page (2 of 2)");
    press(&mut t.app, KeyCode::Char('6'));
    assert_eq!(
        t.app.view().items,
        [
            "Almanac 6",
            "Almanac 7",
            "Pride and Prejudice — Jane Austen",
            "Previous page (1 of 2)"
        ]
    );
    press(&mut t.app, KeyCode::Char('3'));
    assert!(t.app.stack.top().reader().is_some());
    let opened_title = leling::document::open(&path).unwrap().title;
    assert_eq!(t.app.view().title, opened_title);
}

#[test]
fn the_place_is_kept_when_leling_is_told_to_stop() {
    let dir = tempfile::tempdir().unwrap();
    let book = corpus("texts/en/moby-dick-pg2701.txt");
    let command: Vec<String> = vec![
        release_binary().display().to_string(),
        "--data-dir".into(),
        dir.path().display().to_string(),
        "--config".into(),
        dir.path().join("config.toml").display().to_string(),
        "--speech".into(),
        "off".into(),
        "read".into(),
        book.display().to_string(),
    ];
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("Moby");
    turn_pages(&term, 5);
    let shown = term.capture(false);
    // SIGTERM, as a kiosk shutting down sends it.
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(term.pid().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    term.wait_for("Leling to end", |_| !term.alive());
    drop(term);

    assert_a_place_past_the_start_is_saved(&dir.path().join("leling.db"));

    // Reopened, the same page shows.
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    let again = term.wait_for_text("Moby");
    let body = |s: &str| s.lines().skip(2).take(5).collect::<Vec<_>>().join("\n");
    let again = term.wait_for("the same page", |s| body(s) == body(&shown) || s != again);
    assert_eq!(body(&again), body(&shown));
}

#[test]
fn the_place_is_kept_when_the_terminal_goes_away_without_a_hangup_signal() {
    // Started in a session of its own, Leling is not the terminal's foreground program, and
    // closing the window sends it no SIGHUP: it must see the terminal gone by itself.
    let dir = tempfile::tempdir().unwrap();
    let book = corpus("texts/en/moby-dick-pg2701.txt");
    let mut command = vec!["setsid".to_string(), "-w".to_string()];
    command.extend(debug_command(
        dir.path(),
        &["read", &book.display().to_string()],
    ));
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("Moby");
    turn_pages(&term, 3);
    // Once the pages are counted nothing more is drawn, so no failed write ends Leling.
    term.wait_for_text("Page 4 of");
    let children = format!("/proc/{0}/task/{0}/children", term.pid());
    let leling: u32 = std::fs::read_to_string(children)
        .unwrap()
        .trim()
        .parse()
        .expect("setsid runs Leling as its one child");
    drop(term); // the tmux server goes, and the terminal with it

    // Ended, though perhaps not yet reaped (a zombie, state Z).
    let running = || {
        std::fs::read_to_string(format!("/proc/{leling}/stat")).is_ok_and(|stat| {
            stat.rsplit(") ")
                .next()
                .is_some_and(|s| !s.starts_with('Z'))
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while running() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    assert!(!running(), "Leling still runs without its terminal");
    assert_a_place_past_the_start_is_saved(&dir.path().join("data/leling.db"));
}

/// Presses PageDown `times`, each time waiting for the page to turn.
fn turn_pages(term: &Tmux, times: usize) {
    for _ in 0..times {
        let before = term.capture(false);
        term.keys(&["PageDown"]);
        term.wait_for("the page to turn", |s| s != before);
    }
}

/// The guest's place in the last book opened, saved in the database at `db`, is past its start.
fn assert_a_place_past_the_start_is_saved(db: &std::path::Path) {
    let store = leling::store::Store::open(db).unwrap();
    let book_id = store.library().last_opened_book().unwrap().unwrap().id;
    let position = store
        .library()
        .reading_position(book_id, leling::store::GUEST)
        .unwrap()
        .unwrap();
    assert!(position.offset > 0 || position.chapter > 0, "{position:?}");
}

/// Puts the corpus's *Pride and Prejudice* in the kiosk's library; returns its path.
fn add_pride_and_prejudice(store: &leling::store::Store) -> std::path::PathBuf {
    let path = corpus("texts/en/pride-and-prejudice-pg1342.txt");
    store
        .library()
        .register_book(&leling::store::NewBook {
            path: &path,
            title: "Pride and Prejudice",
            author: Some("Jane Austen"),
            language: Some("en"),
            in_library: true,
        })
        .unwrap();
    path
}

#[test]
fn a_book_read_ahead_from_its_first_chapter_still_opens_at_a_place_further_on() {
    let mut t = common::app(Lang::En, false);
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let moby = corpus("epub/idpf-moby-dick.epub").canonicalize().unwrap();
    let book_id = store
        .library()
        .register_book(&leling::store::NewBook {
            path: &moby,
            title: "Moby-Dick",
            author: Some("Herman Melville"),
            language: Some("en"),
            in_library: false,
        })
        .unwrap();
    let place = leling::model::Position {
        chapter: 30,
        offset: 0,
    };
    store
        .library()
        .save_reading_position(book_id, leling::store::GUEST, place, 20)
        .unwrap();
    // What `leling read` reads while the database opens: the book's first chapter only.
    let read_ahead = leling::document::open_start(&moby, 0).unwrap();
    assert!(read_ahead.document.chapters.len() <= place.chapter);

    t.app.open_book(&moby, Some(read_ahead)).unwrap();
    let Some(reader) = t.app.stack.top().reader() else {
        panic!("the book did not open");
    };
    assert_eq!(reader.position, place);
}

/// The output of `leling search QUERY` on the data directory `dir`, one result a line.
fn search(dir: &std::path::Path, query: &str) -> Vec<String> {
    let out = common::leling(dir)
        .args(["--lang", "en"])
        .args(["search", query])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_gutenberg_text_added_by_hand_is_listed_by_its_real_title_and_its_recommended_page_opens_it() {
    let mut t = common::app(Lang::Zh, false);
    let dir = t.dir.path().to_owned();
    // 紅樓夢 names itself nowhere in its text (it opens with chapter 1's heading), and its file
    // is named hongloumeng-traditional-pg24264: Gutenberg's ebook 24264, the recommended 红楼梦.
    let out = common::leling(&dir)
        .args(["--lang", "en"])
        .arg("add")
        .arg(corpus("texts/zh/hongloumeng-traditional-pg24264.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout,
        "Added: 红楼梦 — 曹雪芹 (zh) (a recommended book: its page opens this copy)\n"
    );
    let store = leling::store::Store::open(&dir.join("leling.db")).unwrap();
    let titles: Vec<String> = store
        .library()
        .books()
        .unwrap()
        .into_iter()
        .map(|b| b.title)
        .collect();
    assert_eq!(titles, ["红楼梦"]);
    assert!(
        search(&dir, "hlm").contains(&"[on this kiosk] 红楼梦 — 曹雪芹".to_string()),
        "{:?}",
        search(&dir, "hlm")
    );
    // Books, Recommended lists, the first list, its first book: 红楼梦, read on this kiosk.
    common::open_first_recommended_book(&mut t.app);
    assert_eq!(t.app.view().items[0], "在本机阅读（不用联网）");
    press(&mut t.app, KeyCode::Enter);
    assert!(t.app.stack.top().reader().is_some());
    assert_eq!(t.app.view().title, "红楼梦");
}

#[test]
fn a_title_in_traditional_characters_is_found_by_simplified_characters_and_pinyin() {
    let dir = tempfile::tempdir().unwrap();
    // 紅樓夢's text under its other name, 石頭記, which no recommended book has: the book is
    // named by its title line and kept in traditional characters.
    let text = std::fs::read(corpus("texts/zh/hongloumeng-traditional-pg24264.txt")).unwrap();
    let book = dir.path().join("book.txt");
    std::fs::write(&book, ["《石頭記》\n\n".as_bytes(), &text].concat()).unwrap();
    let out = common::leling(dir.path())
        .args(["--lang", "en"])
        .arg("add")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Added: 石頭記 (zh)\n");
    for query in ["石头记", "石頭記", "stj", "shitouji"] {
        assert_eq!(
            search(dir.path(), query),
            ["[on this kiosk] 石頭記"],
            "{query}"
        );
    }
}

#[test]
fn the_same_file_added_twice_is_one_book_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let book = corpus("texts/en/pride-and-prejudice-pg1342.txt");
    let first = common::leling(dir.path())
        .args(["--lang", "en"])
        .arg("add")
        .arg(&book)
        .output()
        .unwrap();
    assert!(first.status.success(), "{first:?}");
    let again = common::leling(dir.path())
        .args(["--lang", "en"])
        .arg("add")
        .arg(&book)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{again:?}");
    assert!(said.contains("already in this kiosk's library"), "{said}");
    let store = leling::store::Store::open(&dir.path().join("leling.db")).unwrap();
    assert_eq!(store.library().books().unwrap().len(), 1);
    let copies = std::fs::read_dir(dir.path().join("library"))
        .unwrap()
        .count();
    assert_eq!(copies, 1);
}

/// A Project Gutenberg text's own words, without the wrapping before and after.
fn gutenberg_body(relative: &str) -> String {
    let text = std::fs::read_to_string(corpus(relative)).unwrap();
    let start = text
        .find("*** START")
        .and_then(|at| text[at..].find('\n').map(|end| at + end));
    let end = text.find("*** END").unwrap_or(text.len());
    text[start.unwrap_or(0)..end].to_owned()
}

/// The most memory `leling args…` held at once, in bytes, as the kernel counted it (a Python
/// parent, so that only this child is counted).
fn peak_memory(data: &std::path::Path, args: &[&std::ffi::OsStr]) -> u64 {
    let out = Command::new("python3")
        .args([
            "-c",
            "import resource, subprocess, sys\n\
             done = subprocess.run(sys.argv[1:], capture_output=True)\n\
             assert done.returncode == 0, done.stderr\n\
             print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
            env!("CARGO_BIN_EXE_leling"),
            "--lang",
            "en",
            "--data-dir",
        ])
        .arg(data)
        .arg("--config")
        .arg(data.join("config.toml"))
        .args(args)
        .output()
        .expect("python3 runs the program and counts its memory");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kilobytes: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    kilobytes * 1024
}

/// Issue 20, item 15: a large plain-text book is read whole (as `leling add` and the reader
/// do) holding at most twice the file beyond what the program holds anyway: in UTF-8 its bytes become its text where they lie, and
/// in GB18030 they are decoded as they are read, never held beside the text. (It was 2.3 and
/// 4 times on a 200 MB book.)
#[test]
fn a_large_book_is_read_holding_at_most_twice_its_size() {
    let folder = tempfile::tempdir().unwrap();
    let one = gutenberg_body("texts/zh/hongloumeng-traditional-pg24264.txt")
        + &gutenberg_body("texts/en/moby-dick-pg2701.txt");
    let text = one.repeat(32 * 1024 * 1024 / one.len() + 1);
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    // What the program holds whatever it reads, measured on a small book.
    let small = corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    let own = peak_memory(
        &folder.path().join("data-small"),
        &["add".as_ref(), small.as_os_str()],
    );
    for (name, bytes) in [
        ("big-utf8.txt", text.as_bytes()),
        ("big-gb18030.txt", &gb18030[..]),
    ] {
        let book = folder.path().join(name);
        std::fs::write(&book, bytes).unwrap();
        let data = folder.path().join(format!("data-{name}"));
        let peak = peak_memory(&data, &["add".as_ref(), book.as_os_str()]);
        let size = bytes.len() as u64;
        assert!(
            peak.saturating_sub(own) <= 2 * size,
            "{name}: {} MB held for a {} MB book (the program alone: {} MB)",
            peak >> 20,
            size >> 20,
            own >> 20
        );
        let store = leling::store::Store::open(&data.join("leling.db")).unwrap();
        let books = store.library().books().unwrap();
        assert_eq!(books.len(), 1, "{name}: not added");
    }
}
