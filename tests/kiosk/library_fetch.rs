//! `leling library fetch` over real HTTP on loopback: the corpus's Gutenberg texts served as
//! a Project Gutenberg mirror (`/cache/epub/N/pgN.txt`), the other books missing (404), one cut
//! off halfway and one empty. The four come into the library and open, the rest are reported
//! by name with the reason, a second run fetches nothing again, and with the server gone the
//! recommended 红楼梦 opens from the library, `hlm` finds the kiosk's copy, and a book not
//! fetched says in plain words that it needs the internet and offers the kiosk's books.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::{corpus, press, type_keys};
use crate::http_support::{Answer, Server};
use leling::model::Lang;
use leling::ui::AppEvent;
use ratatui::crossterm::event::KeyCode;

/// The corpus's Gutenberg texts, each with its ebook number.
const MIRRORED: [(u32, &str); 4] = [
    (2701, "texts/en/moby-dick-pg2701.txt"),
    (1342, "texts/en/pride-and-prejudice-pg1342.txt"),
    (27166, "texts/zh/luxun-nahan-traditional-pg27166.txt"),
    (24264, "texts/zh/hongloumeng-traditional-pg24264.txt"),
];

/// Where a mirror keeps ebook `number`.
fn mirror_path(number: u32) -> String {
    format!("/cache/epub/{number}/pg{number}.txt")
}

fn mirror() -> Server {
    let server = Server::start();
    for (number, file) in MIRRORED {
        let text = std::fs::read(corpus(file)).unwrap();
        server.route(&mirror_path(number), Answer::ok("text/plain", text));
    }
    // A Christmas Carol (46): an empty file is no book.
    server.route(&mirror_path(46), Answer::ok("text/plain", Vec::new()));
    // Alice (11): the connection drops after a little of the promised text.
    let mut cut = Answer::ok("text/plain", b"CHAPTER I. Down the Rabbit-Hole".to_vec());
    cut.headers.push(("Content-Length".into(), "150000".into()));
    server.route(&mirror_path(11), cut);
    server
}

/// `leling --lang en library fetch` on the data directory `data`, with the settings `config`.
fn fetch(data: &Path, config: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leling"))
        .args(["--lang", "en", "--speech", "off", "--data-dir"])
        .arg(data)
        .arg("--config")
        .arg(config)
        .args(["library", "fetch"])
        .args(extra)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The recommended books with a text to fetch, by their English titles and ebook numbers.
fn gutenberg_books() -> Vec<(String, u32)> {
    let lists = leling::catalog::load_lists(&leling::catalog::bundled_dir());
    lists
        .iter()
        .flat_map(|list| &list.book)
        .filter_map(|book| {
            let url = book.text_url.as_ref()?.get_ref();
            let number = leling::catalog::editions::gutenberg_number(url)?;
            Some((book.title.en.get_ref().clone(), number))
        })
        .collect()
}

#[test]
fn recommended_books_come_from_a_mirror_once_and_open_offline() {
    let server = mirror();
    let mut t =
        common::app_with_config(Lang::Zh, &format!("book_mirror = \"{}\"\n", server.address));
    let data = t.dir.path().to_owned();
    let settings = data.join("config.toml");
    let no_settings = data.join("none.toml");

    // The first run names the mirror on the command line.
    let first = fetch(&data, &no_settings, &["--mirror", &server.address]);
    let (out, err) = (text(&first.stdout), text(&first.stderr));
    assert_eq!(
        first.status.code(),
        Some(1),
        "some books failed: {out}{err}"
    );
    for title in [
        "Dream of the Red Chamber",
        "Pride and Prejudice",
        "Moby-Dick",
        "Call to Arms",
    ] {
        assert!(
            out.lines()
                .any(|l| l.ends_with(&format!("] {title}: downloaded, and it opens."))),
            "{title}: {out}"
        );
    }
    // Every other book is named, with the reason in plain words.
    let books = gutenberg_books();
    assert_eq!(books.len(), 40);
    for (title, number) in &books {
        if MIRRORED.iter().any(|(n, _)| n == number) {
            continue;
        }
        let reason = match number {
            46 => "The file is empty.",
            11 => "The download stopped halfway. Please try again later.",
            _ => {
                "There is no file at that address: it may be out of date, or mistyped. (the server answered HTTP 404)"
            }
        };
        assert!(
            err.lines()
                .any(|l| l.ends_with(&format!("] {title}: not downloaded. {reason}"))),
            "{title}: {err}"
        );
    }
    assert!(
        out.contains(
            "Done with the 58 recommended books: 4 downloaded now, 0 already on this kiosk, \
             36 not downloaded, 18 with no text to download."
        ),
        "{out}"
    );
    assert!(
        out.contains("no text to download: ") && out.contains("The Analects"),
        "the books with only a web page are named: {out}"
    );
    assert!(
        err.contains("34 books, because: There is no file at that address"),
        "{err}"
    );
    // Not a terminal: plain lines, no bar drawn over itself.
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");

    // Only whole books that open are in the library: no partial file, nothing of the cut one.
    let library = data.join("library");
    let mut files: Vec<String> = std::fs::read_dir(&library)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    // Each named by the title its text gives (Moby-Dick's header, 吶喊's title line), else
    // as the list names it (红楼梦 and Pride and Prejudice name themselves nowhere).
    assert_eq!(
        files,
        [
            "Moby Dick_ or The Whale.txt",
            "Pride and Prejudice.txt",
            "吶喊.txt",
            "红楼梦.txt"
        ]
    );
    let store = leling::store::Store::open(&data.join("leling.db")).unwrap();
    for id in ["hongloumeng", "pride-and-prejudice", "moby-dick", "nahan"] {
        let copy = store.library().copy_of(id).unwrap().expect(id);
        leling::document::open(&copy.path).unwrap_or_else(|e| panic!("{id}: {e}"));
    }

    // The second run takes the mirror from the settings file and fetches nothing again.
    let requests_before = server.seen.lock().unwrap().len();
    let second = fetch(&data, &settings, &[]);
    let out = text(&second.stdout);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        out.contains("0 downloaded now, 4 already on this kiosk"),
        "{out}"
    );
    for (number, _) in MIRRORED {
        assert_eq!(server.requests_for(&mirror_path(number)).len(), 1);
    }
    assert!(
        server.seen.lock().unwrap().len() > requests_before,
        "the rest were tried again"
    );

    // Offline from here on.
    server.stop();
    let offline = fetch(&data, &settings, &[]);
    let err = text(&offline.stderr);
    assert!(
        err.contains("did not accept the connection") && !err.contains("os error"),
        "{err}"
    );

    // The recommended 红楼梦 opens the kiosk's copy: Books, Recommended lists, the first list,
    // its first book.
    common::open_first_recommended_book(&mut t.app);
    let page = t.app.view();
    assert_eq!(page.title, "红楼梦");
    assert_eq!(page.items[0], "在本机阅读（不用联网）");
    assert!(
        page.body
            .iter()
            .any(|l| l == "这本书已经在本机上，不用联网也能读。")
    );
    press(&mut t.app, KeyCode::Enter);
    assert!(t.app.stack.top().reader().is_some());
    assert_eq!(t.app.view().title, "红楼梦");
    // The loop's timers run once the first page is out; the book is written down then.
    t.app.tick(Instant::now());
    let opened = store.library().last_opened_book().unwrap().unwrap();
    assert_eq!(opened.recommended.as_deref(), Some("hongloumeng"));
    assert!(opened.path.starts_with(&library));

    // 三国演义 was not fetched: "read now" finds no network, and the page says so plainly and
    // offers the books this kiosk has.
    press(&mut t.app, KeyCode::Esc);
    press(&mut t.app, KeyCode::Esc);
    press(&mut t.app, KeyCode::Down);
    press(&mut t.app, KeyCode::Enter);
    assert_eq!(t.app.view().title, "三国演义");
    assert_eq!(t.app.view().items[0], "现在就读（下载到本机）");
    press(&mut t.app, KeyCode::Enter);
    wait_for_download(&mut t);
    let page = t.app.view();
    let unreachable =
        "现在连不上网络，这本书还没有放到本机上。可以先读本机有的书，或者用手机扫二维码看。";
    assert!(
        page.body.iter().any(|l| l == unreachable),
        "{:?}",
        page.body
    );
    assert_eq!(t.app.speaker.last_said(), unreachable);
    assert_eq!(page.items[0], "看看本机有哪些书");
    // Trying again offline says the same, and keeps the offer.
    press(&mut t.app, KeyCode::Down);
    press(&mut t.app, KeyCode::Enter);
    wait_for_download(&mut t);
    assert_eq!(t.app.speaker.last_said(), unreachable);
    assert_eq!(t.app.view().items[0], "看看本机有哪些书");
    press(&mut t.app, KeyCode::Enter);
    assert_eq!(t.app.view().items.len(), 4, "{:?}", t.app.view().items);

    // `hlm` finds the kiosk's copy, on screen and from the command line.
    // Back to Books: the library, the page, its list, the lists.
    for _ in 0..4 {
        press(&mut t.app, KeyCode::Esc);
    }
    press(&mut t.app, KeyCode::Char('4')); // Search
    type_keys(&mut t.app, "hlm");
    let found = t.app.view().items;
    assert!(
        found.contains(&"【本机】 红楼梦 — 曹雪芹".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"【书】 红楼梦 — 曹雪芹".to_string()),
        "{found:?}"
    );
    let search = Command::new(env!("CARGO_BIN_EXE_leling"))
        .args(["--lang", "en", "--data-dir"])
        .arg(&data)
        .args(["search", "hlm"])
        .output()
        .unwrap();
    assert!(
        text(&search.stdout)
            .lines()
            .any(|l| l == "[on this kiosk] 红楼梦 — 曹雪芹"),
        "{}",
        text(&search.stdout)
    );
}

/// Hands the app its download worker's news until the download has ended.
fn wait_for_download(t: &mut common::TestApp) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "the download never ended");
        if let Ok(event) = t.events.recv_timeout(Duration::from_millis(100))
            && let AppEvent::Download(progress) = event
        {
            let finished = matches!(progress, leling::ui::DownloadProgress::Finished(_));
            t.app.handle_event(AppEvent::Download(progress));
            if finished {
                return;
            }
        }
    }
}

#[test]
fn a_mirror_that_is_no_web_address_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "book_mirror = \"gutenberg.pglaf.org\"\n").unwrap();
    let out = fetch(dir.path(), &config, &[]);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(
        said.starts_with("The book_mirror in the settings file ")
            && said.contains(" is not right: gutenberg.pglaf.org. Write a web address"),
        "{said}"
    );
    // The same address on the command line is refused as such.
    let out = fetch(dir.path(), &config, &["--mirror", "ftp://mirror.example/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("The mirror's address is not right: ftp://mirror.example/."),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("library").exists(), "nothing was fetched");
}
