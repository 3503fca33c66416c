//! The real hub for tests and the bench: a database of its own (an SQLite file, or a schema of
//! its own in the PostgreSQL that LELING_TEST_POSTGRES names), the `leling-hub serve` process
//! on a free loopback port, devices made with `leling-hub device add`, and a kiosk's client.
//! The hub's own tests and bench use it, and so do the kiosk's sync tests (by path).
#![allow(dead_code)] // the tests and the bench each use their own part

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::Duration;

use leling_core::protocol::{PullResponse, PulledChange};
use serde_json::{Value, json};

/// The `leling-hub` program: the one Cargo built for the hub's own tests and bench; for the
/// kiosk's tests, the one beside the kiosk program. `cargo test` at the workspace's root builds
/// it with the hub's tests before any test runs; `cargo test -p leling` alone builds it here
/// when it is missing (and uses an older one as it is: build the hub after changing it).
pub fn hub_program() -> PathBuf {
    if let Some(built) = option_env!("CARGO_BIN_EXE_leling-hub") {
        return PathBuf::from(built);
    }
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let Some(kiosk) = option_env!("CARGO_BIN_EXE_leling") else {
                panic!("built neither for the hub's tests nor for the kiosk's");
            };
            let dir = Path::new(kiosk).parent().unwrap().to_owned();
            let hub = dir.join("leling-hub");
            if !hub.exists() {
                let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
                let mut build = Command::new(cargo);
                build.args([
                    "build",
                    "--quiet",
                    "-p",
                    "leling-hub",
                    "--bin",
                    "leling-hub",
                ]);
                if dir.ends_with("release") {
                    build.arg("--release");
                }
                let status = build.status().expect("cargo runs");
                assert!(status.success(), "building leling-hub failed");
            }
            hub
        })
        .clone()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A hub database that goes away with the value.
pub struct TestDb {
    pub url: String,
    pub dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// None (after saying SKIPPED) when PostgreSQL is asked for and there is none to use,
    /// unless LELING_REQUIRE_POSTGRES=1 says there must be.
    pub fn new(engine: Engine) -> Option<TestDb> {
        let dir = tempfile::tempdir().unwrap();
        match engine {
            Engine::Sqlite => Some(TestDb {
                url: format!("sqlite:{}", dir.path().join("hub.db").display()),
                dir,
                postgres: None,
            }),
            Engine::Postgres => {
                let Ok(base) = std::env::var("LELING_TEST_POSTGRES") else {
                    assert!(
                        std::env::var("LELING_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                        "LELING_REQUIRE_POSTGRES=1 but LELING_TEST_POSTGRES is not set"
                    );
                    eprintln!("SKIPPED: PostgreSQL half (set LELING_TEST_POSTGRES to run it)");
                    return None;
                };
                static NEXT: AtomicUsize = AtomicUsize::new(0);
                let schema = format!(
                    "hub_test_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                postgres_execute(
                    &base,
                    &format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"),
                );
                let separator = if base.contains('?') { '&' } else { '?' };
                Some(TestDb {
                    url: format!("{base}{separator}options=-csearch_path%3D{schema}"),
                    dir,
                    postgres: Some((base, schema)),
                })
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, schema)) = &self.postgres {
            postgres_execute(base, &format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

fn postgres_execute(url: &str, sql: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("cannot reach LELING_TEST_POSTGRES: {e}"));
        let driver = tokio::spawn(connection);
        client.batch_execute(sql).await.unwrap();
        drop(client);
        let _ = driver.await;
    });
}

/// `leling-hub …` with the given arguments, in English: (success, stdout, stderr).
pub fn leling_hub(args: &[&str]) -> (bool, String, String) {
    leling_hub_in("en", args)
}

/// `leling-hub --lang LANG …`: (success, stdout, stderr).
pub fn leling_hub_in(lang: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(hub_program())
        .args(["--lang", lang])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Adds a device and returns its token (the last line of the output).
pub fn add_device(db: &str, name: &str) -> String {
    let (ok, out, err) = leling_hub(&["device", "add", name, "--db", db]);
    assert!(ok, "device add failed: {err}");
    out.lines().last().unwrap().to_owned()
}

/// Adds a device of a centre in a district and returns its token.
pub fn add_device_at(db: &str, name: &str, centre: &str, district: &str) -> String {
    let (ok, out, err) = leling_hub(&[
        "device",
        "add",
        name,
        "--centre",
        centre,
        "--district",
        district,
        "--db",
        db,
    ]);
    assert!(ok, "device add failed: {err}");
    out.lines().last().unwrap().to_owned()
}

/// A running `leling-hub serve`; killed when dropped.
pub struct Hub {
    child: Child,
    pub url: String,
    args: Vec<String>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Hub {
    pub fn start(db: &str) -> Hub {
        Hub::start_with(db, &[])
    }

    pub fn start_with(db: &str, extra: &[&str]) -> Hub {
        let mut args: Vec<String> = ["--listen", "127.0.0.1:0", "--db", db]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect();
        let (child, url, log) = spawn(&args);
        // A restart comes back on the same port, as a real hub would.
        let port = url.rsplit(':').next().unwrap().to_owned();
        args[1] = format!("127.0.0.1:{port}");
        Hub {
            child,
            url,
            args,
            log,
        }
    }

    /// Kills the hub at once (SIGKILL: no chance to tidy up) and starts it again.
    pub fn kill_and_restart(&mut self) {
        self.kill();
        let (child, url, log) = spawn(&self.args);
        assert_eq!(url, self.url);
        self.child = child;
        self.log = log;
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What the hub wrote to standard error so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.kill();
    }
}

fn spawn(args: &[String]) -> (Child, String, Arc<Mutex<Vec<String>>>) {
    let mut child = Command::new(hub_program())
        .args(["--lang", "en", "serve"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let lines = Arc::clone(&log);
    // Keeps reading for the hub's whole life: a full pipe would stop it.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http") {
                let url: String = line[at..].split_whitespace().next().unwrap().to_owned();
                let _ = tx.send(url.trim_end_matches(['.', ',']).to_owned());
            }
            lines.lock().unwrap().push(line);
        }
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(url) => (child, url, log),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the hub did not start: {}", log.lock().unwrap().join("\n"));
        }
    }
}

/// A kiosk's view of the hub: its token and an HTTP client.
pub struct Kiosk {
    pub client: reqwest::blocking::Client,
    pub base: String,
    pub token: String,
}

impl Kiosk {
    pub fn new(base: &str, token: &str) -> Kiosk {
        Kiosk::with_client(reqwest::blocking::Client::new(), base, token)
    }

    pub fn with_client(client: reqwest::blocking::Client, base: &str, token: &str) -> Kiosk {
        Kiosk {
            client,
            base: base.to_owned(),
            token: token.to_owned(),
        }
    }

    /// POST /v1/changes with `changes`: (status, JSON body).
    pub fn push(&self, changes: &[Value]) -> (u16, Value) {
        self.push_body(json!({ "changes": changes }).to_string().into_bytes())
    }

    pub fn push_body(&self, body: Vec<u8>) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/v1/changes", self.base))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .unwrap();
        answer(response)
    }

    /// GET /v1/changes?after=…&limit=…: (status, JSON body).
    pub fn pull(&self, after: i64, limit: usize) -> (u16, Value) {
        let response = self
            .client
            .get(format!(
                "{}/v1/changes?after={after}&limit={limit}",
                self.base
            ))
            .bearer_auth(&self.token)
            .send()
            .unwrap();
        answer(response)
    }

    /// Every change the hub holds, page by page.
    pub fn pull_all(&self) -> Vec<PulledChange> {
        let mut after = 0;
        let mut all = Vec::new();
        for _ in 0..10_000 {
            let (status, body) = self.pull(after, 1_000);
            assert_eq!(status, 200, "{body}");
            let page: PullResponse = serde_json::from_value(body).unwrap();
            all.extend(page.changes);
            after = page.next;
            if !page.more {
                return all;
            }
        }
        panic!("pulling never ended");
    }
}

pub fn answer(response: reqwest::blocking::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, body)
}

/// A change as a kiosk sends it.
/// A change as a kiosk sends it: its row carries the columns its key is made of (put in here
/// when a test's row leaves them out), as the hub refuses a row under another's key.
pub fn change(table: &str, key: &str, stamp: &str, mut row: Value) -> Value {
    if let Some(columns) = row.as_object_mut() {
        let mut name = |column: &str, value: &str| {
            columns.entry(column).or_insert_with(|| value.into());
        };
        match (table, key.split_once('/')) {
            ("attendance", Some((session, member))) => {
                name("session_id", session);
                name("member_id", member);
            }
            ("lecture_attendance", Some((learner, lecture))) => {
                name("learner", learner);
                name("lecture_id", lecture);
            }
            _ => name("id", key),
        }
    }
    json!({ "table": table, "key": key, "stamp": stamp, "deleted": false, "row": row })
}

/// The stamp `millis` milliseconds into 2025-11-22, counter 0.
pub fn stamp(millis: u64) -> String {
    format!("{:013}-0000", 1_763_800_000_000 + millis)
}
