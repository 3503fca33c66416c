//! Remote catalogs over real HTTP on loopback: a small server in the test serves corpus
//! feeds with ETags, redirects, gzip, error pages and breakage, and `leling catalog …` must
//! add, refresh, cache and survive all of it without losing what it had.

use crate::common;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};

use crate::common::corpus;
use crate::http_support::{Answer, Server};

/// `leling catalog …` on the kiosk whose data is in `data`.
fn catalog(data: &Path, args: &[&str]) -> Output {
    common::run(data, &[&["catalog"], args].concat(), "")
}

/// Issue 22, item 8: the search index is built when a catalog is added (the first search after
/// it froze for seconds while it was built), and a refresh that found nothing new keeps it.
#[test]
fn the_search_index_is_built_on_adding_and_kept_when_nothing_changed() {
    let server = Server::start();
    let opds2 = std::fs::read(corpus("opds/w3c-epub-tests-opds2.json")).unwrap();
    let mut answer = Answer::ok("application/opds+json", opds2);
    answer.headers.push(("ETag".into(), "\"v1\"".into()));
    server.route("/opds.json", answer);
    let data = tempfile::tempdir().unwrap();
    let added = catalog(data.path(), &["add", &server.url("/opds.json")]);
    assert!(added.status.success(), "{}", common::text(&added));
    let fingerprint = || {
        let store = leling::store::Store::open(&data.path().join("leling.db")).unwrap();
        store.library().search_fingerprint().unwrap()
    };
    let built = fingerprint();
    assert!(built.is_some(), "no index after adding the catalog");
    let found = common::run(data.path(), &["search", "accessibility"], "");
    assert!(found.status.success(), "{}", common::text(&found));
    assert_eq!(fingerprint(), built, "the search built the index again");
    let refreshed = catalog(data.path(), &["refresh"]);
    assert!(common::text(&refreshed).contains("has not changed"));
    assert_eq!(
        fingerprint(),
        built,
        "an unchanged refresh threw the index away"
    );
}

/// Issue 22, item 9: a catalog page with more entries than are kept says how many were kept
/// and why; a file over the size limit says its size and the limit in plain words.
#[test]
fn a_catalog_cut_short_or_too_large_says_so_in_plain_words() {
    let server = Server::start();
    let entries: String = (0..10_050)
        .map(|i| {
            format!(
                "<entry><id>urn:leling:test:{i}</id><title>Book {i}</title>\
                 <updated>2026-01-01T00:00:00Z</updated>\
                 <link rel=\"http://opds-spec.org/acquisition\" href=\"/b{i}.epub\" \
                 type=\"application/epub+zip\"/></entry>"
            )
        })
        .collect();
    let feed = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <id>urn:leling:test</id><title>Big</title><updated>2026-01-01T00:00:00Z</updated>\
         {entries}</feed>"
    );
    server.route(
        "/big.xml",
        Answer::ok(
            "application/atom+xml;profile=opds-catalog",
            feed.into_bytes(),
        ),
    );
    let data = tempfile::tempdir().unwrap();
    let added = catalog(
        data.path(),
        &["--lang", "en", "add", &server.url("/big.xml")],
    );
    let said = common::text(&added);
    assert!(added.status.success(), "{said}");
    assert!(
        said.contains("10000 entries") && said.contains("50 more entries after them were left out"),
        "{said}"
    );
    let huge = data.path().join("huge.csv");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(21 * 1024 * 1024).unwrap();
    let refused = catalog(
        data.path(),
        &["--lang", "zh", "add", huge.to_str().unwrap()],
    );
    let said = common::text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains("21.0 MB") && said.contains("20 MB"), "{said}");
}

/// Issue 22, item 9: a feed far bigger than a page may be held in memory (32 MB, 30,000
/// entries) is read as it comes: its first 10,000 entries are kept and the rest counted and
/// said; a JSON catalog over the limit, which cannot be cut, is refused with its size.
#[test]
fn a_feed_bigger_than_memory_allows_is_read_as_it_comes() {
    let server = Server::start();
    let about = "一本为老年读者推荐的书，".repeat(30);
    let entries: String = (0..30_000)
        .map(|i| {
            format!(
                "<entry><id>urn:leling:big:{i}</id><title>Book {i}</title>\
                 <updated>2026-01-01T00:00:00Z</updated><summary>{about}</summary>\
                 <link rel=\"http://opds-spec.org/acquisition\" href=\"/b{i}.epub\" \
                 type=\"application/epub+zip\"/></entry>\n"
            )
        })
        .collect();
    let feed = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <id>urn:leling:big</id><title>Huge</title><updated>2026-01-01T00:00:00Z</updated>\
         {entries}</feed>"
    );
    assert!(feed.len() > 30 * 1024 * 1024, "{}", feed.len());
    server.route(
        "/huge.xml",
        Answer::ok("application/atom+xml", feed.into_bytes()),
    );
    let json = format!(
        "{{\"metadata\": {{\"title\": \"{}\"}}}}",
        "x".repeat(21 * 1024 * 1024)
    );
    server.route(
        "/huge.json",
        Answer::ok("application/opds+json", json.into_bytes()),
    );
    let data = tempfile::tempdir().unwrap();
    let added = catalog(
        data.path(),
        &["--lang", "en", "add", &server.url("/huge.xml")],
    );
    let said = common::text(&added);
    assert!(added.status.success(), "{said}");
    assert!(
        said.contains("\"Huge\": 10000 entries")
            && said.contains("20000 more entries after them were left out"),
        "{said}"
    );
    let list = common::text(&catalog(data.path(), &["list"]));
    assert!(list.contains("10000"), "{list}");
    let refused = catalog(
        data.path(),
        &["--lang", "zh", "add", &server.url("/huge.json")],
    );
    let said = common::text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains("21.0 MB") && said.contains("20 MB"), "{said}");
}

/// Issue 22, item 6: the rows of a lecture schedule that were left out are said, with why, by
/// `catalog add` and `catalog list`, in the volunteer's language.
#[test]
fn a_schedules_bad_rows_are_listed_with_why() {
    let data = tempfile::tempdir().unwrap();
    let schedule = data.path().join("讲座安排.csv");
    std::fs::write(
        &schedule,
        "标题,开始时间,结束时间,时长,形式\n\
         太极入门,2026-11-24 09:30,2026-11-24 10:30,60,现场\n\
         ,下周二,2026-11-24 10:30,60,现场\n\
         手机防诈骗,2026-11-25 14:00,2026-11-25 13:00,一小时,广播\n\
         老年营养,2026-11-26 09:30,2026-11-26 10:30,60,视频\n",
    )
    .unwrap();
    let file = schedule.to_str().unwrap();
    let added = catalog(data.path(), &["--lang", "zh", "add", file]);
    let said = common::text(&added);
    assert!(added.status.success(), "{said}");
    for part in [
        "有 2 行没有收入",
        "第 3 行：标题是空的；开始时间“下周二”不是日期和时间",
        "第 4 行：结束时间早于开始时间；时长“一小时”不是整数分钟；形式“广播”不是",
    ] {
        assert!(said.contains(part), "{part}\n{said}");
    }
    let list = common::text(&catalog(data.path(), &["--lang", "en", "list"]));
    // When it was checked, said once ("checked just now ago" before).
    assert!(list.contains("checked just now  "), "{list}");
    for part in [
        "2 entries",
        "2 rows were left out",
        "row 3: the title is empty; the start \"下周二\"",
        "row 4: the lecture ends before it starts",
    ] {
        assert!(list.contains(part), "{part}\n{list}");
    }
}

/// Issue 22, item 4: a feed whose next page fails keeps the pages read before it, says which
/// address failed, and reads it again at the next refresh (the first page fetched whole, not
/// asked whether it changed, since what follows it did).
#[test]
fn a_next_page_that_fails_keeps_the_pages_before_it_and_is_tried_again() {
    let server = Server::start();
    // NYPL's acquisition feed links its next page as "page2.xml", which is not there at first.
    let first = std::fs::read(corpus("opds/nypl-opds-feed-parser-acquisition.xml")).unwrap();
    let mut answer = Answer::ok("application/atom+xml;profile=opds-catalog", first);
    answer.headers.push(("ETag".into(), "\"p1\"".into()));
    server.route("/opds/page1.xml", answer);
    let data = tempfile::tempdir().unwrap();
    let first_page = server.url("/opds/page1.xml");
    let added = catalog(
        data.path(),
        &["--lang", "en", "add", &first_page, "--name", "nypl"],
    );
    let said = common::text(&added);
    assert!(added.status.success(), "{said}");
    let missing = server.url("/opds/page2.xml");
    assert!(said.contains("17 entries"), "{said}");
    assert!(
        said.contains(&missing) && said.contains("no file at that address"),
        "{said}"
    );
    let list = common::text(&catalog(data.path(), &["--lang", "en", "list"]));
    assert!(list.contains(&missing), "{list}");
    // The page is back: the next refresh reads both, and the problem is gone.
    let second = std::fs::read(corpus("opds/readium-swift-feedbooks_catalog.atom")).unwrap();
    server.route(
        "/opds/page2.xml",
        Answer::ok("application/atom+xml", second),
    );
    let refreshed = catalog(data.path(), &["--lang", "en", "refresh"]);
    let said = common::text(&refreshed);
    assert!(refreshed.status.success(), "{said}");
    assert!(
        said.contains("2 pages") && !said.contains(&missing),
        "{said}"
    );
    assert_eq!(server.requests_for("/opds/page1.xml"), [None, None]);
    let list = common::text(&catalog(data.path(), &["--lang", "en", "list"]));
    assert!(!list.contains(&missing), "{list}");
}

/// A catalog added without a name goes by its own title, not its address (issue 22, item 5);
/// a name given, or a title another catalog already goes by, keeps the name it would have had.
#[test]
fn a_catalog_goes_by_its_own_title_unless_named() {
    let server = Server::start();
    let feed = std::fs::read(corpus("opds/readium-swift-opds1-feed.xml")).unwrap();
    for path in ["/feed.xml", "/copy.xml", "/named.xml"] {
        server.route(path, Answer::ok("application/atom+xml", feed.clone()));
    }
    let data = tempfile::tempdir().unwrap();
    let added = catalog(data.path(), &["add", &server.url("/feed.xml")]);
    assert!(added.status.success(), "{}", common::text(&added));
    assert!(
        common::text(&added).contains("OPDS Catalog Root Example"),
        "{}",
        common::text(&added)
    );
    let copy = catalog(data.path(), &["add", &server.url("/copy.xml")]);
    assert!(copy.status.success(), "{}", common::text(&copy));
    let named = catalog(
        data.path(),
        &["add", &server.url("/named.xml"), "--name", "社区书目"],
    );
    assert!(named.status.success(), "{}", common::text(&named));
    let list = common::text(&catalog(data.path(), &["list"]));
    assert_eq!(
        list.matches("OPDS Catalog Root Example").count(),
        1,
        "{list}"
    );
    assert!(list.contains("127.0.0.1/copy.xml"), "{list}");
    assert!(list.contains("社区书目"), "{list}");
    // The address's name ("127.0.0.1/feed.xml", without the port) is gone.
    assert!(!list.contains("127.0.0.1/feed.xml"), "{list}");
}

#[test]
fn a_catalog_is_added_refreshed_with_a_conditional_get_and_served_from_the_cache() {
    let server = Server::start();
    let opds2 = std::fs::read(corpus("opds/w3c-epub-tests-opds2.json")).unwrap();
    let mut answer = Answer::ok("application/opds+json", opds2);
    answer.headers.push(("ETag".into(), "\"v1\"".into()));
    server.route("/opds.json", answer);
    // Reached through two redirects, as catalogs behind a short link are.
    for (from, to) in [("/short", "/middle"), ("/middle", "/opds.json")] {
        server.route(
            from,
            Answer {
                status: 302,
                headers: vec![("Location".into(), to.into())],
                body: vec![],
            },
        );
    }
    let data = tempfile::tempdir().unwrap();
    let added = catalog(
        data.path(),
        &["add", &server.url("/short"), "--name", "epub tests"],
    );
    assert!(added.status.success(), "{}", common::text(&added));
    assert!(
        common::text(&added).contains("199 entries"),
        "{}",
        common::text(&added)
    );

    let again = catalog(data.path(), &["refresh"]);
    assert!(again.status.success());
    assert!(
        common::text(&again).contains("has not changed"),
        "{}",
        common::text(&again)
    );
    assert_eq!(
        server.requests_for("/opds.json"),
        [None, Some("\"v1\"".to_string())]
    );

    // The server breaks: the refresh fails plainly, and the cached copy still serves.
    server.route(
        "/middle",
        Answer::ok(
            "text/html",
            b"<!DOCTYPE html><html><body>Please log in</body></html>".to_vec(),
        ),
    );
    let broken = catalog(data.path(), &["refresh", "epub tests"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        common::text(&broken).contains("web page, not a catalog"),
        "{}",
        common::text(&broken)
    );
    let listed = catalog(data.path(), &["list"]);
    assert!(
        common::text(&listed).contains("epub tests  199 entries"),
        "{}",
        common::text(&listed)
    );
    assert!(
        common::text(&listed).contains("web page, not a catalog"),
        "{}",
        common::text(&listed)
    );
}

#[test]
fn bad_sources_are_refused_with_a_plain_message_and_others_are_unaffected() {
    let server = Server::start();
    let rss = std::fs::read(corpus("feeds/rss2/rss_2.0_ch9.xml")).unwrap();
    server.route("/good.xml", Answer::ok("application/rss+xml", rss));
    server.route(
        "/bad.xml",
        Answer::ok("application/rss+xml", b"<rss><channel><title>cut".to_vec()),
    );
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
        <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\
        <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\
        <rss><channel><title>&lol3;</title></channel></rss>";
    server.route(
        "/laughs.xml",
        Answer::ok("application/rss+xml", laughs.as_bytes().to_vec()),
    );
    for hop in 0..7 {
        server.route(
            &format!("/loop{hop}"),
            Answer {
                status: 302,
                headers: vec![("Location".into(), format!("/loop{}", hop + 1))],
                body: vec![],
            },
        );
    }
    let data = tempfile::tempdir().unwrap();
    assert!(
        catalog(
            data.path(),
            &["add", &server.url("/good.xml"), "--name", "good"]
        )
        .status
        .success()
    );

    for (path, words) in [
        ("/bad.xml", "damaged or cut short"),
        ("/missing.xml", "There is no file at that address"),
        ("/loop0", "redirected too many times"),
    ] {
        let refused = catalog(data.path(), &["add", &server.url(path)]);
        assert_eq!(refused.status.code(), Some(1), "{path}");
        assert!(
            common::text(&refused).contains(words),
            "{path}: {}",
            common::text(&refused)
        );
    }
    // Entities are never expanded into a bomb: the feed is refused or read without them.
    let started = std::time::Instant::now();
    let _ = catalog(
        data.path(),
        &["add", &server.url("/laughs.xml"), "--name", "laughs"],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let not_a_file = catalog(data.path(), &["add", "/no/such/catalog.csv"]);
    assert_eq!(not_a_file.status.code(), Some(1));

    let listed = common::text(&catalog(data.path(), &["list"]));
    assert!(listed.contains("good  1 entry"), "{listed}");
    assert!(
        !listed.contains("bad.xml") && !listed.contains("missing"),
        "{listed}"
    );
    assert!(catalog(data.path(), &["remove", "good"]).status.success());
    assert_eq!(
        catalog(data.path(), &["remove", "good"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_lecture_schedule_file_is_a_catalog_too() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("schedule.csv");
    std::fs::write(
        &csv,
        "标题,主讲人,形式,开始,结束,网址\n手机拍照入门,王老师,视频,2026-12-01 09:30,2026-12-01 10:15,https://example.org/a\n",
    )
    .unwrap();
    let added = catalog(dir.path(), &["add", csv.to_str().unwrap()]);
    assert!(added.status.success(), "{}", common::text(&added));
    assert!(
        common::text(&added).contains("\"schedule\": 1 entry"),
        "{}",
        common::text(&added)
    );
}

/// feed-rs 2.4 panics on a 20-digit media duration; the feed is read without it.
#[test]
fn a_value_that_trips_the_feed_library_is_left_out_and_the_feed_kept() {
    let feed = "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\
        <channel><title>t</title><item><title>i</title>\
        <itunes:duration>99999999999999999999999</itunes:duration></item></channel></rss>";
    let read = leling::catalog::remote::parse(feed.as_bytes(), None, None).unwrap();
    assert_eq!(read.entries.len(), 1);
    assert_eq!(read.entries[0].duration_minutes, None);
}

/// An OPDS catalog whose one book links to an EPUB on the same server.
fn opds_with_book(server: &Server) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opds="http://opds-spec.org/2010/catalog">
  <id>urn:test:catalog</id><title>Centre books</title><updated>2026-11-01T00:00:00Z</updated>
  <link rel="self" href="{0}/catalog.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>
  <entry>
    <id>urn:test:moby</id><title>Moby-Dick</title><updated>2026-11-01T00:00:00Z</updated>
    <author><name>Herman Melville</name></author>
    <summary>A whaling voyage.</summary>
    <link rel="http://opds-spec.org/acquisition/open-access" href="/books/moby.epub" type="application/epub+zip"/>
    <link rel="alternate" href="/books/moby.html" type="text/html"/>
  </entry>
</feed>"#,
        server.address
    )
}

#[test]
fn a_remote_catalog_shows_its_age_and_read_now_downloads_the_book_into_the_reader() {
    use leling::ui::AppEvent;
    use ratatui::crossterm::event::KeyCode;

    let server = Server::start();
    server.route(
        "/catalog.xml",
        Answer::ok("application/atom+xml", opds_with_book(&server).into_bytes()),
    );
    let epub = std::fs::read(corpus("epub/idpf-moby-dick.epub")).unwrap();
    server.route("/books/moby.epub", Answer::ok("application/epub+zip", epub));

    let mut t = common::app(leling::model::Lang::En, false);
    let added = catalog(
        t.dir.path(),
        &["add", &server.url("/catalog.xml"), "--name", "centre"],
    );
    assert!(added.status.success(), "{}", common::text(&added));
    // The one search finds the catalog's entries too.
    let found = Command::new(env!("CARGO_BIN_EXE_leling"))
        .arg("--data-dir")
        .arg(t.dir.path())
        .args(["--lang", "en", "search", "whaling"])
        .output()
        .unwrap();
    let found = String::from_utf8_lossy(&found.stdout);
    assert!(
        found
            .lines()
            .any(|l| l == "[catalog] Moby-Dick — Herman Melville"),
        "{found}"
    );

    common::press(&mut t.app, KeyCode::Char('1')); // Books
    common::press(&mut t.app, KeyCode::Char('2')); // Recommended lists
    let lists = t.app.view();
    let centre = lists
        .items
        .iter()
        .position(|i| i.starts_with("centre (1 entry, updated"))
        .unwrap();
    for _ in 0..centre {
        common::press(&mut t.app, KeyCode::Down);
    }
    common::press(&mut t.app, KeyCode::Enter);
    assert!(t.app.view().body[0].starts_with("This is the copy saved"));
    common::press(&mut t.app, KeyCode::Enter); // Moby-Dick
    let detail = t.app.view();
    assert_eq!(detail.title, "Moby-Dick");
    assert_eq!(detail.items[0], "Read it now (download to this kiosk)");
    common::press(&mut t.app, KeyCode::Enter);

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while t.app.stack.top().reader().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the book never opened"
        );
        if let Ok(event) = t.events.recv_timeout(std::time::Duration::from_millis(100))
            && let AppEvent::Download(_) = &event
        {
            t.app.handle_event(event);
        }
    }
    let library = std::fs::read_dir(t.dir.path().join("library")).unwrap();
    let files: Vec<String> = library
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["Moby-Dick.epub"], "no partial file is left");
}

#[test]
fn silent_slow_failing_oversized_and_tls_less_servers_each_get_a_plain_answer() {
    use leling::catalog::fetch::{FetchError, Fetched, Fetcher};
    use std::time::Duration;

    // A server that takes the connection and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}/feed.xml", silent.local_addr().unwrap());
    std::thread::spawn(move || {
        let held: Vec<TcpStream> = silent.incoming().flatten().collect();
        drop(held);
    });
    let fetcher = Fetcher::with_wait(Duration::from_millis(500));
    let started = std::time::Instant::now();
    let result = fetcher.fetch(&silent_url, None, 1 << 20, &mut |_, _| {});
    assert!(matches!(result, Err(FetchError::Timeout(_))), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(5));

    let server = Server::start();
    server.route(
        "/error",
        Answer {
            status: 500,
            headers: vec![],
            body: b"oops".to_vec(),
        },
    );
    let error = fetcher.fetch(&server.url("/error"), None, 1 << 20, &mut |_, _| {});
    assert!(matches!(error, Err(FetchError::Status(500))), "{error:?}");

    // Over the cap: refused, counted on the bytes received.
    server.route(
        "/huge",
        Answer::ok("application/rss+xml", vec![b' '; 3 << 20]),
    );
    let huge = fetcher.fetch(&server.url("/huge"), None, 1 << 20, &mut |_, _| {});
    assert!(matches!(huge, Err(FetchError::TooLarge { .. })), "{huge:?}");

    // TLS spoken to a server that has none: a plain connection failure.
    let tls = fetcher.fetch(
        &server.url("/error").replace("http:", "https:"),
        None,
        1 << 20,
        &mut |_, _| {},
    );
    assert!(matches!(tls, Err(FetchError::Connect { .. })), "{tls:?}");

    // A slow answer within the wait arrives whole, with progress along the way.
    let slow = TcpListener::bind("127.0.0.1:0").unwrap();
    let slow_url = format!("http://{}/slow.xml", slow.local_addr().unwrap());
    let rss = std::fs::read(corpus("feeds/rss2/rss_2.0_ch9.xml")).unwrap();
    let length = rss.len();
    std::thread::spawn(move || {
        if let Some(Ok(mut stream)) = slow.incoming().next() {
            let mut request = [0u8; 1024];
            let _ = std::io::Read::read(&mut stream, &mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
            );
            for piece in rss.chunks(length / 4 + 1) {
                std::thread::sleep(Duration::from_millis(200));
                let _ = stream.write_all(piece);
            }
        }
    });
    let mut reports = 0;
    let slow = fetcher.fetch(&slow_url, None, 1 << 20, &mut |_, _| reports += 1);
    assert!(
        matches!(slow, Ok(Fetched::Body { ref bytes, .. }) if bytes.len() == length),
        "{slow:?}"
    );
    assert!(reports >= 2, "{reports} progress reports");
}

/// Issue 20, item 9: a server that drips its answer a byte at a time, each byte within the
/// wait, used to hold `catalog add` for hours. Once twice the wait has gone by at less than
/// 1 KiB a second, the fetch is given up and said as a server too slow to answer.
#[test]
fn a_server_dripping_its_answer_is_given_up() {
    use leling::catalog::fetch::{FetchError, Fetcher};
    use std::time::Duration;

    let drip = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", drip.local_addr().unwrap());
    std::thread::spawn(move || {
        if let Some(Ok(mut stream)) = drip.incoming().next() {
            let mut request = [0u8; 1024];
            let _ = std::io::Read::read(&mut stream, &mut request);
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n<rss>";
            let _ = stream.write_all(head.as_bytes());
            // A byte every 20 ms for at most ten seconds, then the connection closes.
            for _ in 0..500 {
                std::thread::sleep(Duration::from_millis(20));
                if stream.write_all(b" ").is_err() {
                    return;
                }
            }
        }
    });
    let fetcher = Fetcher::with_wait(Duration::from_millis(500));
    let result = fetcher.fetch(&url, None, 1 << 20, &mut |_, _| {});
    assert!(matches!(result, Err(FetchError::Timeout(_))), "{result:?}");
    let said = result.unwrap_err().message(leling::model::Lang::En);
    assert!(said.contains("127.0.0.1"), "{said}");
}

/// Issue 20, item 14: when a catalog's address sends the kiosk on to another server and that
/// one fails, the message names the server that failed, not the one first asked.
#[test]
fn a_failure_after_a_redirect_names_the_server_that_failed() {
    use leling::catalog::fetch::Fetcher;

    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = format!(
        "http://127.0.0.1:{}/feed.xml",
        closed.local_addr().unwrap().port()
    );
    drop(closed);
    let server = Server::start();
    server.route(
        "/moved",
        Answer {
            status: 302,
            headers: vec![("Location".into(), nowhere)],
            body: Vec::new(),
        },
    );
    let first = server.url("/moved").replace("127.0.0.1", "localhost");
    let failed = Fetcher::new().fetch(&first, None, 1 << 20, &mut |_, _| {});
    let said = failed.unwrap_err().message(leling::model::Lang::En);
    assert!(
        said.contains("127.0.0.1") && !said.contains("localhost"),
        "{said}"
    );
}

/// Turns the pages of a long list with → until one shows a choice that `wanted` picks out;
/// where it is on that page.
fn on_some_page(app: &mut leling::ui::App, wanted: impl Fn(&str) -> bool) -> usize {
    loop {
        let items = app.view().items;
        if let Some(index) = items.iter().position(|i| wanted(i)) {
            return index;
        }
        assert!(
            items.iter().any(|i| i.starts_with("下一页")),
            "not listed: {items:?}"
        );
        common::press(app, ratatui::crossterm::event::KeyCode::Right);
    }
}

/// Issue 22, item 3: a book catalog's books stay out of the lectures (they went in as
/// "video" lectures, 46 pages of them); a podcast's episode comes in as a recording, its date
/// with its year, which is not this one.
#[test]
fn books_stay_out_of_the_lectures_and_a_podcast_comes_in() {
    use leling::catalog::LectureFormat;
    use leling::catalog::remote_lectures::remote_lectures;
    use ratatui::crossterm::event::KeyCode;
    let server = Server::start();
    let books = std::fs::read(corpus("opds/w3c-epub-tests-opds2.json")).unwrap();
    server.route("/books.json", Answer::ok("application/opds+json", books));
    let podcast = std::fs::read(corpus("feeds/rss2/rss_2.0_spiegel.xml")).unwrap();
    server.route("/podcast.xml", Answer::ok("application/rss+xml", podcast));
    let mut t = common::app(leling::model::Lang::Zh, false);
    let add = |path: &str, name: &str| {
        let out = catalog(t.dir.path(), &["add", &server.url(path), "--name", name]);
        assert!(out.status.success(), "{}", common::text(&out));
    };
    add("/books.json", "书目");
    let store = leling::store::Store::open(&t.dir.path().join("leling.db")).unwrap();
    let lectures = remote_lectures(&store).unwrap();
    assert!(
        lectures.is_empty(),
        "{} books taken for lectures",
        lectures.len()
    );
    add("/podcast.xml", "播客");
    let lectures = remote_lectures(&store).unwrap();
    assert_eq!(lectures.len(), 1);
    assert_eq!(*lectures[0].format.get_ref(), LectureFormat::Audio);
    common::press(&mut t.app, KeyCode::Char('2')); // Lectures
    common::press(&mut t.app, KeyCode::Char('3')); // All
    let title = lectures[0].title.zh.get_ref().clone();
    let index = on_some_page(&mut t.app, |i| i.ends_with(&title));
    let label = &t.app.view().items[index];
    assert!(label.starts_with("2021年2月6日"), "{label}");
}

#[test]
fn a_centres_schedule_joins_the_bundled_lectures_on_screen() {
    use ratatui::crossterm::event::KeyCode;
    let mut t = common::app(leling::model::Lang::Zh, false);
    let csv = t.dir.path().join("centre.csv");
    std::fs::write(
        &csv,
        "标题,主讲人,主题,形式,开始,结束,地点\n\
         手机拍照入门,王老师,摄影,现场,2026-12-01 09:30,2026-12-01 10:15,三楼活动室\n",
    )
    .unwrap();
    assert!(
        catalog(t.dir.path(), &["add", csv.to_str().unwrap()])
            .status
            .success()
    );

    common::press(&mut t.app, KeyCode::Char('2')); // Lectures
    common::press(&mut t.app, KeyCode::Char('3')); // All
    let index = on_some_page(&mut t.app, |i| i.ends_with("手机拍照入门"));
    let all = t.app.view().items;
    assert!(
        all[index].starts_with("12月1日 周二 09:30"),
        "{}",
        all[index]
    );
    common::press(&mut t.app, KeyCode::Esc);
    common::press(&mut t.app, KeyCode::Char('2')); // By topic
    on_some_page(&mut t.app, |i| i.starts_with("摄影"));
    common::press(&mut t.app, KeyCode::Esc);
    common::press(&mut t.app, KeyCode::Char('3'));
    let index = on_some_page(&mut t.app, |i| i.ends_with("手机拍照入门"));
    for _ in 0..index {
        common::press(&mut t.app, KeyCode::Down);
    }
    common::press(&mut t.app, KeyCode::Enter);
    let detail = t.app.view();
    assert_eq!(detail.title, "手机拍照入门");
    assert!(
        detail.body.iter().any(|l| l.contains("三楼活动室")),
        "{:?}",
        detail.body
    );
    // In the learner's plan like any lecture (in person: no code to show).
    common::press(&mut t.app, KeyCode::Char('1'));
    assert_eq!(t.app.view().items[0], "已在我的计划里");
}

#[test]
fn a_navigation_catalog_brings_its_shelves_for_offline_use() {
    let server = Server::start();
    let navigation = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:test:root</id><title>Library</title><updated>2026-11-01T00:00:00Z</updated>
  <link rel="self" href="{0}/root.xml" type="application/atom+xml;profile=opds-catalog;kind=navigation"/>
  <entry><id>urn:test:shelf</id><title>Classics</title><updated>2026-11-01T00:00:00Z</updated>
    <link rel="subsection" href="/shelf.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>
  </entry>
  <entry><id>urn:test:gone</id><title>Gone</title><updated>2026-11-01T00:00:00Z</updated>
    <link rel="subsection" href="/gone.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>
  </entry>
</feed>"#,
        server.address
    );
    server.route(
        "/root.xml",
        Answer::ok("application/atom+xml", navigation.into_bytes()),
    );
    let shelf = std::fs::read(corpus("opds/nypl-opds-feed-parser-acquisition.xml")).unwrap();
    server.route("/shelf.xml", Answer::ok("application/atom+xml", shelf));
    let data = tempfile::tempdir().unwrap();
    let added = catalog(
        data.path(),
        &["add", &server.url("/root.xml"), "--name", "library"],
    );
    assert!(added.status.success(), "{}", common::text(&added));
    // The shelf's 17 books came with it; the shelf that is gone (404) is simply left out.
    assert!(
        common::text(&added).contains("17 entries"),
        "{}",
        common::text(&added)
    );
}

/// The NYPL test catalog's navigation feed, served as a library would, with its shelves, its
/// OpenSearch description and a search answer. Returns the server.
fn navigation_library() -> Server {
    let server = Server::start();
    let file = |path: &str| std::fs::read(corpus(path)).unwrap();
    let atom = "application/atom+xml;profile=opds-catalog";
    server.route(
        "/opds/root.xml",
        Answer::ok(atom, file("opds/nypl-opds-feed-parser-navigation.xml")),
    );
    // "First Acquisition feed": seventeen books.
    server.route(
        "/opds/acquisition/main.xml",
        Answer::ok(atom, file("opds/nypl-opds-feed-parser-acquisition.xml")),
    );
    // "Recommended": the OPDS wiki's two books.
    server.route(
        "/opds/acquisition/page2.xml",
        Answer::ok(atom, file("opds/readium-swift-wiki_1_1.opds")),
    );
    // "Link: Featured" leads to another navigation feed: a shelf with no books of its own.
    server.route(
        "/opds/links/featured.xml",
        Answer::ok(atom, file("opds/readium-swift-opds1-feed.xml")),
    );
    // The corpus lacks the catalog's opensearch.xml; this one is written as OpenSearch 1.1
    // describes, with a web-page template the reader must pass over.
    let description = r#"<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>Test catalog</ShortName>
  <Description>Search on test catalog</Description>
  <Url type="text/html" template="/web/search?q={searchTerms}"/>
  <Url type="application/atom+xml;profile=opds-catalog" template="/opds/search?q={searchTerms}&amp;page={startPage?}"/>
</OpenSearchDescription>"#;
    server.route(
        "/opds/opensearch.xml",
        Answer::ok(
            "application/opensearchdescription+xml",
            description.as_bytes().to_vec(),
        ),
    );
    server.route(
        "/opds/search?q=Bob%20son&page=",
        Answer::ok(atom, file("opds/readium-swift-wiki_1_1.opds")),
    );
    server
}

/// Opens Books → Recommended lists → the catalog named `name`.
fn open_remote_list(t: &mut common::TestApp, name: &str) {
    use ratatui::crossterm::event::KeyCode;
    common::press(&mut t.app, KeyCode::Char('1')); // Books
    common::press(&mut t.app, KeyCode::Char('2')); // Recommended lists
    let lists = t.app.view().items;
    let at = lists.iter().position(|i| i.starts_with(name)).unwrap();
    for _ in 0..at {
        common::press(&mut t.app, KeyCode::Down);
    }
    common::press(&mut t.app, KeyCode::Enter);
}

fn drawn(app: &mut leling::ui::App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| leling::ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn a_navigation_catalogs_shelves_are_browsed_a_page_at_a_time_from_the_saved_copy() {
    use ratatui::crossterm::event::KeyCode;
    let server = navigation_library();
    let mut t = common::app(leling::model::Lang::En, false);
    let added = catalog(
        t.dir.path(),
        &["add", &server.url("/opds/root.xml"), "--name", "library"],
    );
    assert!(added.status.success(), "{}", common::text(&added));
    let fetched = server.seen.lock().unwrap().len();

    open_remote_list(&mut t, "library (19 entries");
    // The catalog's menu: its search, then the shelves that have books, in its order.
    let menu = t.app.view();
    assert_eq!(menu.title, "library");
    assert_eq!(
        menu.items,
        [
            "Search this catalog…",
            "First Acquisition feed (17 books)",
            "Recommended (2 books)"
        ]
    );
    assert!(
        t.app
            .speaker
            .last_said()
            .contains("1, Search this catalog…")
    );

    common::press(&mut t.app, KeyCode::Char('2')); // the first shelf
    let screen = drawn(&mut t.app);
    assert!(screen.contains("First Acquisition feed"), "{screen}");
    assert!(screen.contains("A shelf of \"library\"."), "{screen}");
    assert!(
        screen.contains("1  Pride and Prejudice — Jane Austen"),
        "{screen}"
    );
    assert!(screen.contains("6  Next page (2 of 4)"), "{screen}");
    assert!(!screen.contains("7  "), "at most seven choices: {screen}");
    assert!(
        t.app
            .speaker
            .last_said()
            .starts_with("First Acquisition feed"),
        "{}",
        t.app.speaker.last_said()
    );

    // The next page, by its choice or with →, is said with where it is.
    common::press(&mut t.app, KeyCode::Char('6'));
    assert_eq!(
        t.app.speaker.last_said(),
        "Page 2 of 4. 1, Metadata: No Label — Jane Austen"
    );
    let second = t.app.view().items;
    assert_eq!(second.len(), 7);
    assert_eq!(
        second[5..],
        ["Next page (3 of 4)", "Previous page (1 of 4)"]
    );
    common::press(&mut t.app, KeyCode::Right);
    common::press(&mut t.app, KeyCode::Right);
    assert!(t.app.speaker.last_said().starts_with("Page 4 of 4."));
    common::press(&mut t.app, KeyCode::Right);
    assert!(
        t.app.speaker.last_said().starts_with("Page 4 of 4."),
        "no fifth page"
    );
    let last = t.app.view().items;
    assert_eq!(last.len(), 3, "{last:?}");
    common::press(&mut t.app, KeyCode::Enter);
    assert_eq!(t.app.view().title, last[0].split(" — ").next().unwrap());

    // The other shelf, from the menu.
    common::press(&mut t.app, KeyCode::Esc);
    common::press(&mut t.app, KeyCode::Esc);
    common::press(&mut t.app, KeyCode::Char('3'));
    assert_eq!(t.app.view().items[0], "Bob, Son of Bob — Bob the Recursive");
    // All of it from the saved copy: the server heard nothing more.
    assert_eq!(server.seen.lock().unwrap().len(), fetched);
}

/// Waits for the search worker's answer and hands it to the app.
fn finish_search(t: &mut common::TestApp) {
    use leling::ui::AppEvent;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        assert!(std::time::Instant::now() < deadline, "no answer");
        if let Ok(event) = t.events.recv_timeout(std::time::Duration::from_millis(100)) {
            let done = matches!(
                &event,
                AppEvent::RemoteSearch(leling::ui::SearchNews::Done { .. })
            );
            t.app.handle_event(event);
            if done {
                return;
            }
        }
    }
}

#[test]
fn a_catalog_is_searched_through_its_opensearch_description_and_offline_from_saved_searches() {
    use ratatui::crossterm::event::KeyCode;
    let server = navigation_library();
    let mut t = common::app(leling::model::Lang::En, false);
    let added = catalog(
        t.dir.path(),
        &["add", &server.url("/opds/root.xml"), "--name", "library"],
    );
    assert!(added.status.success(), "{}", common::text(&added));
    // The description came with the catalog.
    assert_eq!(server.requests_for("/opds/opensearch.xml").len(), 1);

    open_remote_list(&mut t, "library");
    common::press(&mut t.app, KeyCode::Char('1')); // Search this catalog…
    assert_eq!(t.app.view().title, "Search \"library\"");
    common::type_keys(&mut t.app, "Bob son");
    common::press(&mut t.app, KeyCode::Enter);
    finish_search(&mut t);
    let found = t.app.view();
    assert_eq!(found.title, "\"Bob son\" in library");
    assert_eq!(found.body, ["2 results"]);
    assert_eq!(found.items[0], "Bob, Son of Bob — Bob the Recursive");
    assert_eq!(
        server.requests_for("/opds/search?q=Bob%20son&page=").len(),
        1
    );

    // The server is gone: the same search shows what was saved, and says so.
    server.route(
        "/opds/search?q=Bob%20son&page=",
        Answer {
            status: 503,
            headers: vec![],
            body: b"down".to_vec(),
        },
    );
    common::press(&mut t.app, KeyCode::Esc);
    common::press(&mut t.app, KeyCode::Enter);
    finish_search(&mut t);
    let saved = t.app.view();
    assert_eq!(saved.items[0], "Bob, Son of Bob — Bob the Recursive");
    assert!(
        saved.body[1].starts_with("The catalog could not be reached just now"),
        "{:?}",
        saved.body
    );
    // A search never made here has nothing saved, and says what to do.
    common::press(&mut t.app, KeyCode::Esc);
    for _ in 0.."Bob son".len() {
        common::press(&mut t.app, KeyCode::Backspace);
    }
    common::type_keys(&mut t.app, "whale");
    common::press(&mut t.app, KeyCode::Enter);
    finish_search(&mut t);
    // Still on the search's field, with what was typed.
    let view = t.app.view();
    assert_eq!(view.input.as_deref(), Some("whale"), "{view:?}");
    let said = t.app.speaker.last_said();
    assert!(
        said.contains("has not been made on this kiosk before")
            && said.contains("Try again when the kiosk is online"),
        "{said}"
    );
    assert_eq!(t.app.speaker.status(), Some(said));
}

/// A copy saved before shelves had page numbers of their own (the shelf right after the
/// catalog's pages) still shows its shelf: it is known by its address.
#[test]
fn a_copy_saved_before_shelves_were_numbered_still_shows_its_shelves() {
    use leling::store::{CachedPage, Store};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("leling.db")).unwrap();
    store
        .catalogs()
        .add_source("library", "https://lib.example/opds/root.xml")
        .unwrap();
    let source = store.catalogs().source("library").unwrap().unwrap();
    let page = |number: i64, url: &str, file: &str| CachedPage {
        page: number,
        url: url.to_string(),
        fetched_at: "2026-11-01T00:00:00+00:00".into(),
        etag: None,
        last_modified: None,
        content_type: Some("application/atom+xml".into()),
        body: std::fs::read(corpus(file)).unwrap(),
    };
    store
        .catalogs()
        .replace_cached_pages(
            source.id,
            &[
                page(
                    1,
                    "https://lib.example/opds/root.xml",
                    "opds/nypl-opds-feed-parser-navigation.xml",
                ),
                page(
                    2,
                    "https://lib.example/opds/acquisition/main.xml",
                    "opds/nypl-opds-feed-parser-acquisition.xml",
                ),
            ],
        )
        .unwrap();
    let cached = leling::catalog::cache::read(&store, &source)
        .unwrap()
        .unwrap();
    assert!(cached.catalog.entries.is_empty());
    assert_eq!(cached.shelves.len(), 1);
    assert_eq!(cached.shelves[0].title, "First Acquisition feed");
    assert_eq!(cached.shelves[0].entries.len(), 17);
}
