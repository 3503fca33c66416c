//! A real HTTP/1.1 server on a loopback port for the tests that fetch: catalogs and their
//! books, and a Project Gutenberg mirror. It answers from a table the test can change, counts
//! the requests it saw, and can be stopped, so that what follows runs as a kiosk offline.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One canned answer: status, headers and body. A `Content-Length` among the headers is sent
/// as it is, so an answer can promise more than it sends (a download cut off halfway).
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn ok(content_type: &str, body: Vec<u8>) -> Answer {
        Answer {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }
}

/// Each request's path and its If-None-Match header.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A path behind a sign-in: the `Authorization` value that opens it, and the answer to any
/// request without it.
type Guards = Arc<Mutex<HashMap<String, (String, Answer)>>>;

/// The server; answers 404 for any path without a route.
pub struct Server {
    pub address: String,
    routes: Arc<Mutex<HashMap<String, Answer>>>,
    guards: Guards,
    pub seen: Seen,
    stopped: Arc<AtomicBool>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let guards: Guards = Arc::default();
        let seen: Seen = Arc::default();
        let stopped = Arc::new(AtomicBool::new(false));
        let (r, s, stop) = (Arc::clone(&routes), Arc::clone(&seen), Arc::clone(&stopped));
        let g = Arc::clone(&guards);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stop.load(Ordering::SeqCst) {
                    // The listener goes with this thread: the port now refuses connections.
                    return;
                }
                let (r, s, g) = (Arc::clone(&r), Arc::clone(&s), Arc::clone(&g));
                std::thread::spawn(move || serve(stream, &r, &g, &s));
            }
        });
        Server {
            address,
            routes,
            guards,
            seen,
            stopped,
        }
    }

    pub fn route(&self, path: &str, answer: Answer) {
        self.routes.lock().unwrap().insert(path.to_string(), answer);
    }

    /// Puts `path` behind a sign-in: only a request whose `Authorization` is `opens` gets its
    /// route's answer; any other gets `refused`.
    pub fn guard(&self, path: &str, opens: &str, refused: Answer) {
        let guard = (opens.to_string(), refused);
        self.guards.lock().unwrap().insert(path.to_string(), guard);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The If-None-Match header of each request for `path`, in order.
    pub fn requests_for(&self, path: &str) -> Vec<Option<String>> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, etag)| etag.clone())
            .collect()
    }

    /// Stops listening; connections to the address are refused from now on.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wakes the loop waiting for a connection, so it sees it must stop.
        let _ = TcpStream::connect(self.address.trim_start_matches("http://"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while TcpStream::connect(self.address.trim_start_matches("http://")).is_ok() {
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not stop"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Answer>>,
    guards: &Mutex<HashMap<String, (String, Answer)>>,
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
    let mut authorization = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(value.trim().to_string());
            } else if name.eq_ignore_ascii_case("authorization") {
                authorization = Some(value.trim().to_string());
            }
        }
    }
    seen.lock()
        .unwrap()
        .push((path.clone(), if_none_match.clone()));
    let refused = guards
        .lock()
        .unwrap()
        .get(&path)
        .filter(|(opens, _)| authorization.as_deref() != Some(opens.as_str()))
        .map(|(_, refused)| refused.clone());
    let answer = refused
        .or_else(|| routes.lock().unwrap().get(&path).cloned())
        .unwrap_or(Answer {
            status: 404,
            headers: vec![],
            body: b"not here".to_vec(),
        });
    let header = |wanted: &str| {
        answer
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(wanted))
            .map(|(_, v)| v.clone())
    };
    let etag = header("etag");
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
    if header("content-length").is_none() {
        let _ = write!(out, "Content-Length: {}\r\n", answer.body.len());
    }
    let _ = write!(out, "Connection: close\r\n\r\n");
    let _ = out.write_all(&answer.body);
}
