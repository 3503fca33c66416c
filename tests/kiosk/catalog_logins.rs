//! Issue 22, item 7: catalogs that need a sign-in. A library's OPDS Authentication Document
//! (a 401 naming its fields "Library card" and "PIN", served over loopback from the corpus's
//! sample), a key in the address (as Kavita gives it), and calibre's own content server from
//! Debian in Digest mode (its default without TLS) and in Basic mode. The password is asked
//! for, never given on the command line; sign-ins and keys are kept in one file only its owner
//! reads, and never shown by `catalog list`, held in the database or printed; a wrong password
//! is said plainly and keeps nothing.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use crate::common::{self, corpus};
use crate::http_support::{Answer, Server};

/// `leling catalog …` on the kiosk in `data`, with `stdin` (the password) as its input.
fn catalog(data: &Path, args: &[&str], stdin: &str) -> Output {
    common::run(data, &[&["catalog"], args].concat(), stdin)
}

/// Every byte the kiosk keeps besides the credentials file: the database and its journal.
fn kept_outside_credentials(data: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(data).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("leling.db") {
            bytes.extend(std::fs::read(entry.path()).unwrap());
        }
    }
    bytes
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

fn credentials(data: &Path) -> Option<String> {
    std::fs::read_to_string(data.join("credentials.toml")).ok()
}

/// A library's catalog at `/opds.xml` behind its card and PIN (21234567 and pin4321q, by HTTP
/// Basic as the document's type says), answering any other request with the corpus's OPDS
/// Authentication Document.
fn library_behind_a_card() -> Server {
    let server = Server::start();
    let feed = std::fs::read(corpus("opds/readium-swift-opds1-feed.xml")).unwrap();
    let document = std::fs::read(corpus("opds/readium-swift-opds-authentication.json")).unwrap();
    server.route("/opds.xml", Answer::ok("application/atom+xml", feed));
    let refused = Answer {
        status: 401,
        headers: vec![(
            "Content-Type".into(),
            "application/opds-authentication+json".into(),
        )],
        body: document,
    };
    server.guard("/opds.xml", "Basic MjEyMzQ1Njc6cGluNDMyMXE=", refused);
    server
}

#[test]
fn a_library_that_names_its_fields_is_signed_in_to_with_its_own_words() {
    let server = library_behind_a_card();
    let data = tempfile::tempdir().unwrap();
    let address = server.url("/opds.xml");

    let asked = catalog(data.path(), &["--lang", "zh", "add", &address], "");
    let told = common::text(&asked);
    assert!(!asked.status.success());
    for words in ["要先登录", "“Library card”和“PIN”", "--user"] {
        assert!(told.contains(words), "{words} not in {told}");
    }

    let wrong = catalog(
        data.path(),
        &["--lang", "zh", "add", &address, "--user", "21234567"],
        "1111\n",
    );
    let told = common::text(&wrong);
    assert!(!wrong.status.success());
    assert!(told.contains("没有接受这个用户名和密码"), "{told}");
    assert!(
        credentials(data.path()).is_none(),
        "a wrong sign-in is not kept"
    );
    let list = common::text(&catalog(data.path(), &["list"], ""));
    assert!(!list.contains("127.0.0.1"), "nothing added: {list}");

    let right = catalog(
        data.path(),
        &["add", &address, "--user", "21234567"],
        "pin4321q\n",
    );
    assert!(right.status.success(), "{}", common::text(&right));
    assert!(!common::text(&right).contains("pin4321q"));
    let kept = credentials(data.path()).expect("the sign-in is kept");
    assert!(
        kept.contains("21234567") && kept.contains("pin4321q"),
        "{kept}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(data.path().join("credentials.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "only its owner reads it");
    assert!(!holds(&kept_outside_credentials(data.path()), "pin4321q"));

    // Refreshing signs in by itself, from the kept sign-in.
    let refreshed = catalog(data.path(), &["refresh"], "");
    assert!(refreshed.status.success(), "{}", common::text(&refreshed));
    let list = common::text(&catalog(data.path(), &["list"], ""));
    assert!(list.contains("OPDS Catalog Root Example"), "{list}");
    assert!(!list.contains("pin4321q"), "{list}");
}

#[test]
fn a_key_in_the_address_is_kept_apart_and_never_shown() {
    let server = Server::start();
    let feed = std::fs::read(corpus("opds/readium-swift-opds1-feed.xml")).unwrap();
    let key = "3f6c1a2b-9d8e-4f70-b1c2-a3d4e5f60718";
    server.route(
        &format!("/api/opds/{key}"),
        Answer::ok("application/atom+xml", feed),
    );
    // A second catalog whose next page, named with the key as Kavita names it, is missing:
    // the failure is told without the key.
    let paged = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:k</id>\
         <title>Paged</title><updated>2026-01-01T00:00:00Z</updated>\
         <link rel=\"next\" href=\"/api/opds/{key}/page/2\"/>\
         <entry><id>urn:k:1</id><title>One</title><updated>2026-01-01T00:00:00Z</updated></entry>\
         </feed>"
    );
    server.route(
        &format!("/api/opds/{key}/page/1"),
        Answer::ok("application/atom+xml", paged.into_bytes()),
    );
    let data = tempfile::tempdir().unwrap();
    let paged = catalog(
        data.path(),
        &["add", &server.url(&format!("/api/opds/{key}/page/1"))],
        "",
    );
    let told = common::text(&paged);
    assert!(paged.status.success() && told.contains("page/2"), "{told}");
    assert!(!told.contains(key), "{told}");
    let data = tempfile::tempdir().unwrap();
    let added = catalog(
        data.path(),
        &["add", &server.url(&format!("/api/opds/{key}"))],
        "",
    );
    let told = common::text(&added);
    assert!(added.status.success(), "{told}");
    assert!(!told.contains(key), "{told}");
    let list = common::text(&catalog(data.path(), &["list"], ""));
    assert!(list.contains("/api/opds/{key}"), "{list}");
    assert!(!list.contains(key), "{list}");
    assert!(credentials(data.path()).unwrap().contains(key));
    let store = leling::store::Store::open(&data.path().join("leling.db")).unwrap();
    let sources = store.catalogs().sources().unwrap();
    assert!(
        sources.iter().all(|s| !s.location.contains(key)),
        "{sources:?}"
    );
    let refreshed = catalog(data.path(), &["refresh"], "");
    assert!(refreshed.status.success(), "{}", common::text(&refreshed));
}

/// calibre's content server on a free port, with a library of two corpus books and one user,
/// in Digest mode or (`basic`) Basic; `None` (after saying SKIPPED) where calibre is not
/// installed, unless LELING_REQUIRE_CALIBRE=1 says it must be.
struct Calibre {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
    /// calibredb will not touch a library while any calibre server of this user runs: one
    /// server at a time.
    _alone: std::sync::MutexGuard<'static, ()>,
}

static ONE_CALIBRE: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Drop for Calibre {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Calibre {
    fn start(basic: bool) -> Option<Calibre> {
        if Command::new("calibre-server")
            .arg("--version")
            .output()
            .is_err()
        {
            assert!(
                std::env::var("LELING_REQUIRE_CALIBRE").as_deref() != Ok("1"),
                "LELING_REQUIRE_CALIBRE=1 but calibre-server is not installed"
            );
            eprintln!("SKIPPED: calibre's content server (apt-get install calibre)");
            return None;
        }
        let alone = ONE_CALIBRE.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let library = dir.path().join("library");
        let users = dir.path().join("users.sqlite");
        let run = |program: &str, args: &[&str]| {
            let out = Command::new(program)
                .args(args)
                .env("QT_QPA_PLATFORM", "offscreen")
                .env("HOME", dir.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{program}: {}", common::text(&out));
        };
        let books = [
            corpus("epub/idpf-moby-dick.epub"),
            corpus("epub/idpf-wasteland.epub"),
        ];
        let mut add = vec!["add", "--with-library", library.to_str().unwrap()];
        add.extend(books.iter().map(|b| b.to_str().unwrap()));
        run("calibredb", &add);
        let users_arg = users.to_str().unwrap();
        run(
            "calibre-server",
            &[
                "--userdb",
                users_arg,
                "--manage-users",
                "--",
                "add",
                "reader",
                "s3cret",
            ],
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let port_arg = port.to_string();
        let mut args = vec![
            "--enable-auth",
            "--userdb",
            users_arg,
            "--listen-on",
            "127.0.0.1",
            "--port",
            &port_arg,
        ];
        if basic {
            args.extend(["--auth-mode", "basic"]);
        }
        args.push(library.to_str().unwrap());
        let child = Command::new("calibre-server")
            .args(&args)
            .env("QT_QPA_PLATFORM", "offscreen")
            .env("HOME", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let calibre = Calibre {
            child,
            url: format!("http://127.0.0.1:{port}/opds"),
            _dir: dir,
            _alone: alone,
        };
        common::wait_until_within("calibre-server listening", 60, || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Some(calibre)
    }
}

fn signs_in_to_calibre(basic: bool) {
    let Some(calibre) = Calibre::start(basic) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let asked = catalog(data.path(), &["add", &calibre.url], "");
    assert!(!asked.status.success());
    assert!(
        common::text(&asked).contains("asks you to sign in"),
        "{}",
        common::text(&asked)
    );
    let wrong = catalog(
        data.path(),
        &["add", &calibre.url, "--user", "reader"],
        "S3CRET\n",
    );
    assert!(!wrong.status.success());
    assert!(
        common::text(&wrong).contains("did not accept that user name and password"),
        "{}",
        common::text(&wrong)
    );
    assert!(credentials(data.path()).is_none());
    let right = catalog(
        data.path(),
        &["add", &calibre.url, "--user", "reader"],
        "s3cret\n",
    );
    assert!(right.status.success(), "{}", common::text(&right));
    let list = common::text(&catalog(data.path(), &["list"], ""));
    assert!(list.contains("calibre"), "{list}");
    assert!(!list.contains("s3cret"), "{list}");
    assert!(!holds(&kept_outside_credentials(data.path()), "s3cret"));
    let refreshed = catalog(data.path(), &["refresh"], "");
    assert!(refreshed.status.success(), "{}", common::text(&refreshed));
}

#[test]
fn calibres_content_server_is_signed_in_to_by_digest() {
    signs_in_to_calibre(false);
}

#[test]
fn calibres_content_server_is_signed_in_to_by_basic() {
    signs_in_to_calibre(true);
}

/// Waits for the catalog worker's last news and hands every news to the app; returns the
/// statuses shown on the way.
fn settle_catalog_work(t: &mut common::TestApp) -> Vec<String> {
    use leling::ui::AppEvent;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut shown = Vec::new();
    loop {
        assert!(
            std::time::Instant::now() < deadline,
            "the worker never finished"
        );
        if let Ok(event) = t.events.recv_timeout(std::time::Duration::from_millis(100))
            && let AppEvent::Catalogs(news) = event
        {
            let last = !format!("{news:?}").starts_with("Received")
                && !format!("{news:?}").starts_with("Indexing(");
            t.app.handle_event(AppEvent::Catalogs(news));
            shown.push(t.app.speaker.status().unwrap_or_default().to_owned());
            if last {
                return shown;
            }
        }
    }
}

/// On the screen: the catalog asks, and its own field names are asked for one at a time (at
/// 40×12, said aloud); the PIN is shown as dots and never said; a wrong one asks again; the
/// right one adds the catalog, and the sign-in is kept for its refreshes.
#[test]
fn a_sign_in_is_asked_on_the_screen_in_the_catalogs_own_words() {
    use common::{press, press_all, type_keys};
    use leling::model::Lang;
    use ratatui::crossterm::event::KeyCode;
    let server = library_behind_a_card();
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("speech.log");
        let mut t = common::app_with_log(lang, false, Some(&log));
        press_all(
            &mut t.app,
            &[KeyCode::Char('6'), KeyCode::Char('7'), KeyCode::Char('6')],
        );
        press(&mut t.app, KeyCode::Enter); // Add a catalog…
        type_keys(&mut t.app, &server.url("/opds.xml"));
        press(&mut t.app, KeyCode::Enter);
        settle_catalog_work(&mut t);
        let asked = |t: &mut common::TestApp, words: &str| {
            let said = t.app.speaker.last_said().to_owned();
            assert!(said.contains(words), "{words} not said: {said}");
            let shown = crate::club_screens::screen_at(&mut t.app, 40, 12);
            assert!(shown.contains(words), "{words} not shown:\n{shown}");
        };
        asked(&mut t, "Library card");
        type_keys(&mut t.app, "21234567");
        press(&mut t.app, KeyCode::Enter);
        asked(&mut t, "PIN");
        type_keys(&mut t.app, "1111");
        let shown = crate::club_screens::screen_at(&mut t.app, 40, 12);
        assert!(shown.contains("●●●●") && !shown.contains("1111"), "{shown}");
        press(&mut t.app, KeyCode::Enter);
        settle_catalog_work(&mut t);
        let told = t.app.speaker.status().unwrap_or_default().to_owned();
        assert!(
            told.contains("没有接受") || told.contains("did not accept"),
            "{told}"
        );
        // Asked again from her card, which stays as she typed it.
        asked(&mut t, "Library card");
        let shown = crate::club_screens::screen_at(&mut t.app, 40, 12);
        assert!(shown.contains("21234567"), "{shown}");
        press(&mut t.app, KeyCode::Enter);
        type_keys(&mut t.app, "pin4321q");
        press(&mut t.app, KeyCode::Enter);
        settle_catalog_work(&mut t);
        let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
        let sources = store.catalogs().sources().unwrap();
        assert_eq!(sources.len(), 1, "{lang:?}");
        let kept = credentials(t.dir.path()).expect("the sign-in is kept");
        assert!(kept.contains("21234567"), "{kept}");
        let said = common::words_said(&log);
        assert!(
            !said.contains("pin4321q") && !said.contains("1111"),
            "{said}"
        );
        assert!(!holds(&kept_outside_credentials(t.dir.path()), "pin4321q"));
    }
}

/// The same in a real terminal of 40×12 (tmux), in both languages: the catalog's own field
/// names asked, the PIN shown as dots, the catalog added.
#[test]
fn a_sign_in_in_a_real_terminal_at_40_by_12() {
    use leling::i18n::t;
    use leling::model::Lang;
    let server = library_behind_a_card();
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("speech.log");
        let command = common::release_command(
            dir.path(),
            &["--lang", lang.code(), "--speech-log", log.to_str().unwrap()],
        );
        let Some(term) = common::Tmux::start(40, 12, &command) else {
            return;
        };
        let short = |id: &str| -> String { t(lang, id).chars().take(6).collect() };
        term.wait_for_text(&short("home-title"));
        term.keys(&["6", "7", "6"]);
        term.wait_for_text(&short("catalogs-title"));
        term.keys(&["Enter"]);
        term.keys(&[&server.url("/opds.xml"), "Enter"]);
        term.wait_for_text("Library card");
        term.keys(&["21234567", "Enter"]);
        term.wait_for_text("PIN");
        term.keys(&["pin4321q"]);
        let shown = term.wait_for_text("●●●●");
        assert!(!shown.contains("pin4321q"), "{shown}");
        term.keys(&["Enter"]);
        term.wait_for_text("OPDS Catalog Root");
        let said = common::words_said(&log);
        assert!(
            said.contains("Library card") && !said.contains("pin4321q"),
            "{said}"
        );
        assert!(credentials(&dir.path().join("data")).is_some());
    }
}
