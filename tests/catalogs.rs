//! Remote catalogs over real HTTP on loopback: a small server in the test serves corpus
//! feeds with ETags, redirects, gzip, error pages and breakage, and `leling catalog …` must
//! add, refresh, cache and survive all of it without losing what it had.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn corpus(path: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")).join(path)
}

/// One canned answer: status, headers and body.
#[derive(Clone)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn ok(content_type: &str, body: Vec<u8>) -> Answer {
        Answer {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }
}

/// Each request's path and its If-None-Match header.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A real HTTP/1.1 server on a loopback port, answering from a table the test can change,
/// and counting the requests it saw (with their If-None-Match, to check conditional GETs).
struct Server {
    address: String,
    routes: Arc<Mutex<HashMap<String, Answer>>>,
    seen: Seen,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let seen: Seen = Arc::default();
        let (r, s) = (Arc::clone(&routes), Arc::clone(&seen));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, s) = (Arc::clone(&r), Arc::clone(&s));
                std::thread::spawn(move || serve(stream, &r, &s));
            }
        });
        Server {
            address,
            routes,
            seen,
        }
    }

    fn route(&self, path: &str, answer: Answer) {
        self.routes.lock().unwrap().insert(path.to_string(), answer);
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    fn requests_for(&self, path: &str) -> Vec<Option<String>> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, etag)| etag.clone())
            .collect()
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Answer>>,
    seen: &Mutex<Vec<(String, Option<String>)>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_string());
        }
    }
    seen.lock()
        .unwrap()
        .push((path.clone(), if_none_match.clone()));
    let answer = routes
        .lock()
        .unwrap()
        .get(&path)
        .cloned()
        .unwrap_or(Answer {
            status: 404,
            headers: vec![],
            body: b"not here".to_vec(),
        });
    let etag = answer
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("etag"))
        .map(|(_, v)| v.clone());
    let mut out = stream;
    if etag.is_some() && etag == if_none_match {
        let _ = write!(
            out,
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return;
    }
    let _ = write!(out, "HTTP/1.1 {} X\r\n", answer.status);
    for (name, value) in &answer.headers {
        let _ = write!(out, "{name}: {value}\r\n");
    }
    let _ = write!(
        out,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        answer.body.len()
    );
    let _ = out.write_all(&answer.body);
}

fn leling(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leling"))
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en", "catalog"])
        .args(args)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
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
    let added = leling(
        data.path(),
        &["add", &server.url("/short"), "--name", "epub tests"],
    );
    assert!(added.status.success(), "{}", text(&added));
    assert!(text(&added).contains("199 entries"), "{}", text(&added));

    let again = leling(data.path(), &["refresh"]);
    assert!(again.status.success());
    assert!(text(&again).contains("has not changed"), "{}", text(&again));
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
    let broken = leling(data.path(), &["refresh", "epub tests"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        text(&broken).contains("web page, not a catalog"),
        "{}",
        text(&broken)
    );
    let listed = leling(data.path(), &["list"]);
    assert!(
        text(&listed).contains("epub tests  199 entries"),
        "{}",
        text(&listed)
    );
    assert!(
        text(&listed).contains("web page, not a catalog"),
        "{}",
        text(&listed)
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
        leling(
            data.path(),
            &["add", &server.url("/good.xml"), "--name", "good"]
        )
        .status
        .success()
    );

    for (path, words) in [
        ("/bad.xml", "damaged or cut short"),
        ("/missing.xml", "HTTP 404"),
        ("/loop0", "redirected too many times"),
    ] {
        let refused = leling(data.path(), &["add", &server.url(path)]);
        assert_eq!(refused.status.code(), Some(1), "{path}");
        assert!(text(&refused).contains(words), "{path}: {}", text(&refused));
    }
    // Entities are never expanded into a bomb: the feed is refused or read without them.
    let started = std::time::Instant::now();
    let _ = leling(
        data.path(),
        &["add", &server.url("/laughs.xml"), "--name", "laughs"],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let not_a_file = leling(data.path(), &["add", "/no/such/catalog.csv"]);
    assert_eq!(not_a_file.status.code(), Some(1));

    let listed = text(&leling(data.path(), &["list"]));
    assert!(listed.contains("good  1 entry"), "{listed}");
    assert!(
        !listed.contains("bad.xml") && !listed.contains("missing"),
        "{listed}"
    );
    assert!(leling(data.path(), &["remove", "good"]).status.success());
    assert_eq!(
        leling(data.path(), &["remove", "good"]).status.code(),
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
    let added = leling(dir.path(), &["add", csv.to_str().unwrap()]);
    assert!(added.status.success(), "{}", text(&added));
    assert!(
        text(&added).contains("\"schedule\": 1 entry"),
        "{}",
        text(&added)
    );
}
