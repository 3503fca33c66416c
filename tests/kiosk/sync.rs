//! Many kiosks, one hub, on a bad network: three kiosk data directories and one hub, all real
//! processes on loopback. The kiosks check people in, edit and undo while a proxy between them
//! and the hub drops connections mid-request and mid-response, delays, answers 500 and sends
//! requests twice, and the hub is killed and restarted mid-sync. After a quiet round of syncs
//! every database holds the same rows, every acknowledged check-in is there, and no one is
//! checked in twice.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::hub_support::{Engine, Hub, Kiosk, TestDb, add_device, add_device_at};
use leling::store::{NewMember, Store};

/// A small random source (xorshift), seeded and printed so a failing run can be repeated.
#[derive(Clone)]
struct Random(Arc<AtomicU64>);

impl Random {
    fn new() -> Random {
        let seed = common::seed("LELING_SYNC_SEED");
        Random(Arc::new(AtomicU64::new(seed)))
    }

    fn below(&self, n: u64) -> u64 {
        let mut x = self.0.load(Ordering::Relaxed);
        let next = common::xorshift(&mut x);
        self.0.store(x, Ordering::Relaxed);
        next % n
    }
}

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    Pass,
    DropRequest,
    DropResponse,
    Delay,
    ServerError,
    Twice,
}

/// A proxy on loopback in front of the hub that misbehaves on purpose while `faulty` is set.
struct Proxy {
    url: String,
    faulty: Arc<AtomicBool>,
    faults: Arc<Mutex<BTreeMap<String, usize>>>,
}

impl Proxy {
    fn start(hub: &str, random: Random) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = hub.trim_start_matches("http://").to_owned();
        let faulty = Arc::new(AtomicBool::new(true));
        let faults = Arc::new(Mutex::new(BTreeMap::new()));
        let (on, counts) = (faulty.clone(), faults.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                let (upstream, random, on, counts) =
                    (upstream.clone(), random.clone(), on.clone(), counts.clone());
                std::thread::spawn(move || {
                    let fault = if on.load(Ordering::SeqCst) {
                        match random.below(10) {
                            0 => Fault::DropRequest,
                            1 => Fault::DropResponse,
                            2 => Fault::Delay,
                            3 => Fault::ServerError,
                            4 => Fault::Twice,
                            _ => Fault::Pass,
                        }
                    } else {
                        Fault::Pass
                    };
                    *counts
                        .lock()
                        .unwrap()
                        .entry(format!("{fault:?}"))
                        .or_insert(0) += 1;
                    let _ = serve(client, &upstream, fault);
                });
            }
        });
        Proxy {
            url,
            faulty,
            faults,
        }
    }
}

/// Reads one HTTP/1.1 request (head and Content-Length body).
fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<(String, Vec<u8>)> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let end = line == "\r\n";
        // Each request goes upstream on a connection of its own, closed after the answer.
        if !line.to_ascii_lowercase().starts_with("connection:") && !end {
            head.push_str(&line);
        }
        if end {
            break;
        }
    }
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    head.push_str("Connection: close\r\n\r\n");
    Ok((head, body))
}

fn forward(upstream: &str, head: &str, body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut hub = TcpStream::connect(upstream)?;
    hub.write_all(head.as_bytes())?;
    hub.write_all(body)?;
    let mut answer = Vec::new();
    hub.read_to_end(&mut answer)?;
    Ok(answer)
}

fn serve(client: TcpStream, upstream: &str, fault: Fault) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(client.try_clone()?);
    let mut client = client;
    let (head, body) = read_request(&mut reader)?;
    let answer = match fault {
        Fault::DropRequest => return Ok(()),
        Fault::ServerError => {
            let body = r#"{"error":"internal","message":"the proxy says no"}"#;
            format!(
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes()
        }
        Fault::Twice => {
            forward(upstream, &head, &body)?;
            forward(upstream, &head, &body)?
        }
        Fault::Delay => {
            std::thread::sleep(Duration::from_millis(300));
            forward(upstream, &head, &body)?
        }
        Fault::Pass | Fault::DropResponse => forward(upstream, &head, &body)?,
    };
    if fault == Fault::DropResponse {
        // The hub has done the work; the kiosk hears half an answer.
        client.write_all(&answer[..answer.len() / 2])?;
        return Ok(());
    }
    client.write_all(&answer)
}

/// A kiosk: its own data directory, driven through the real `leling` binary.
pub(crate) struct KioskDir {
    dir: tempfile::TempDir,
}

impl KioskDir {
    pub(crate) fn new() -> KioskDir {
        KioskDir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub(crate) fn leling(&self, args: &[&str]) -> Output {
        common::run(&self.data(), args, "")
    }

    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.leling(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub(crate) fn sync(&self, hub: &str, token: &str) -> Output {
        self.leling(&["sync", "--hub", hub, "--token", token])
    }

    pub(crate) fn store(&self) -> Store {
        Store::open(&self.data().join("leling.db")).unwrap()
    }
}

/// The rows a database holds that must agree everywhere, as text.
fn kiosk_rows(path: &Path) -> BTreeSet<String> {
    let db = rusqlite::Connection::open(path).unwrap();
    let mut rows = BTreeSet::new();
    for (table, sql) in [
        (
            "clubs",
            "SELECT id || ' ' || name || ' ' || deleted FROM clubs",
        ),
        (
            "members",
            "SELECT id || ' ' || name || ' ' || COALESCE(card, '') FROM members",
        ),
        (
            "club_sessions",
            "SELECT id || ' ' || ended || ' ' || notes FROM club_sessions",
        ),
        (
            "attendance",
            "SELECT session_id || '/' || member_id || ' ' || deleted FROM attendance",
        ),
    ] {
        let mut stmt = db.prepare(sql).unwrap();
        let found = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|r| format!("{table} {}", r.unwrap()));
        rows.extend(found);
    }
    rows
}

/// The rows a kiosk holds that carry `name` (none, once she is forgotten).
fn rows_naming(kiosk: &KioskDir, name: &str) -> Vec<String> {
    let rows = kiosk_rows(&kiosk.data().join("leling.db"));
    rows.into_iter().filter(|row| row.contains(name)).collect()
}

const NOTES: &str = "讨论热烈'); DROP TABLE members; --\u{7}\t\"end\"";

pub(crate) fn sync_until_quiet(kiosks: &[KioskDir], hub: &str, tokens: &[String]) {
    // Two clean rounds: the first brings every change to the hub, the second to every kiosk.
    for _ in 0..2 {
        for (kiosk, token) in kiosks.iter().zip(tokens) {
            let out = kiosk.sync(hub, token);
            assert!(
                out.status.success(),
                "a clean sync failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Two kiosks and a SQLite hub, each kiosk with a device token of its own.
struct Pair {
    db: TestDb,
    hub: Hub,
    kiosks: Vec<KioskDir>,
    tokens: Vec<String>,
}

impl Pair {
    fn start() -> Pair {
        let db = TestDb::new(Engine::Sqlite).expect("SQLite needs nothing installed");
        let hub = Hub::start(&db.url);
        let kiosks: Vec<KioskDir> = (0..2).map(|_| KioskDir::new()).collect();
        let tokens: Vec<String> = (0..2)
            .map(|n| add_device(&db.url, &format!("kiosk-{n}")))
            .collect();
        Pair {
            db,
            hub,
            kiosks,
            tokens,
        }
    }
}

fn many_kiosks_on_a_bad_network(engine: Engine) {
    let Some(db) = TestDb::new(engine) else {
        return;
    };
    let mut hub = Hub::start(&db.url);
    let random = Random::new();
    let proxy = Proxy::start(&hub.url, random.clone());
    let kiosks: Vec<KioskDir> = (0..3).map(|_| KioskDir::new()).collect();
    let tokens: Vec<String> = (0..3)
        .map(|n| add_device(&db.url, &format!("kiosk-{n}")))
        .collect();

    // Kiosk 0 sets up the club, twelve members and today's session; the others receive them.
    let first = &kiosks[0];
    first.ok(&[
        "club",
        "add",
        "银杏读书会",
        "--start",
        "09:30",
        "--end",
        "11:00",
    ]);
    {
        let store = first.store();
        let today = chrono::Local::now().date_naive();
        let members: Vec<NewMember> = (0..12)
            .map(|n| {
                leling::club::members::new_member(
                    &format!("成员{n}"),
                    Some(&format!("{:04}", 1000 + n)),
                    today,
                )
            })
            .collect();
        store.clubs().import_members(&members).unwrap();
    }
    let session = first
        .ok(&["session", "start", "银杏读书会"])
        .trim()
        .to_owned();
    proxy.faulty.store(false, Ordering::SeqCst);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    proxy.faulty.store(true, Ordering::SeqCst);

    // Random check-ins (the same people at several kiosks), undos and notes, with syncs
    // through the faulty proxy in between; the hub is killed and restarted once mid-way.
    let mut acknowledged: BTreeSet<String> = BTreeSet::new();
    let mut undone: BTreeSet<String> = BTreeSet::new();
    for round in 0..12 {
        for (k, kiosk) in kiosks.iter().enumerate() {
            let card = format!("{:04}", 1000 + random.below(12));
            let out = kiosk.leling(&["session", "checkin", &session, &card]);
            // A new check-in (not "already checked in", which writes nothing) is acknowledged.
            if String::from_utf8_lossy(&out.stdout).contains("checked in, number") {
                acknowledged.insert(card.clone());
                undone.remove(&card);
            }
            if random.below(6) == 0 {
                // An undo at this kiosk of someone it checked in.
                let store = kiosk.store();
                let member = store.clubs().member_by_card(&card).unwrap().unwrap();
                if store.clubs().undo_check_in(&session, &member.id).unwrap() {
                    undone.insert(card.clone());
                    acknowledged.remove(&card);
                }
            }
            if round == 6 && k == 1 {
                hub.kill_and_restart();
            }
            if round == 9 && k == 1 {
                // An edit with SQL and control characters in it, which must travel verbatim.
                kiosk.ok(&["session", "end", &session, "--notes", NOTES]);
            }
            // A sync may fail on the bad network; nothing may be lost when it does.
            let _ = kiosk.sync(&proxy.url, &tokens[k]);
        }
    }
    let faults = proxy.faults.lock().unwrap().clone();
    println!("faults: {faults:?}");
    assert!(faults.len() >= 4, "the proxy hardly misbehaved: {faults:?}");

    proxy.faulty.store(false, Ordering::SeqCst);
    sync_until_quiet(&kiosks, &proxy.url, &tokens);

    let paths: Vec<PathBuf> = kiosks.iter().map(|k| k.data().join("leling.db")).collect();
    let reference = kiosk_rows(&paths[0]);
    assert!(
        reference.contains(&format!("club_sessions {session} 1 {NOTES}")),
        "the session's end and notes did not travel verbatim: {reference:?}"
    );
    for path in &paths[1..] {
        assert_eq!(kiosk_rows(path), reference, "kiosks disagree");
    }
    // The hub holds exactly the rows the kiosks hold, each once.
    let everything = Kiosk::new(&hub.url, &tokens[0]).pull_all();
    let mut keys = BTreeSet::new();
    for pulled in &everything {
        assert!(
            keys.insert((pulled.change.table.clone(), pulled.change.key.clone())),
            "the hub holds {} {} twice",
            pulled.change.table,
            pulled.change.key
        );
    }
    let attendance: BTreeMap<String, bool> = everything
        .iter()
        .filter(|p| p.change.table == "attendance")
        .map(|p| (p.change.key.clone(), p.change.deleted))
        .collect();
    let store = kiosks[2].store();
    let present: BTreeSet<String> = store
        .clubs()
        .attendees(&session)
        .unwrap()
        .into_iter()
        .map(|a| {
            store
                .clubs()
                .member(&a.member_id)
                .unwrap()
                .unwrap()
                .card
                .unwrap()
        })
        .collect();
    assert_eq!(
        present.len() as u64,
        store.clubs().checked_in_count(&session).unwrap(),
        "someone is checked in twice"
    );
    for card in &acknowledged {
        assert!(
            present.contains(card),
            "acknowledged check-in of {card} lost"
        );
    }
    assert_eq!(
        attendance.values().filter(|deleted| !**deleted).count(),
        present.len(),
        "the hub and the kiosks count different check-ins"
    );
    for path in &paths {
        let db = Store::open(path).unwrap();
        db.integrity_check().unwrap();
        assert_eq!(db.outbox().waiting().unwrap(), 0, "changes left unsent");
    }
}

#[test]
fn many_kiosks_on_a_bad_network_with_the_sqlite_hub() {
    many_kiosks_on_a_bad_network(Engine::Sqlite);
}

#[test]
fn many_kiosks_on_a_bad_network_with_the_postgresql_hub() {
    many_kiosks_on_a_bad_network(Engine::Postgres);
}

#[test]
fn a_kiosk_offline_keeps_everything_and_says_so() {
    let kiosk = KioskDir::new();
    kiosk.ok(&["club", "add", "长青读书会"]);
    kiosk.ok(&["member", "add", "张秀英", "--card", "1001"]);
    // Nothing listens on this port.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    // Before any token: what to do, not "No such file or directory (os error 2)".
    let out = kiosk.leling(&["sync", "--hub", &address]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no token from the hub"), "{said}");
    assert!(!said.contains("os error"), "{said}");
    let out = kiosk.sync(&address, "no-such-token");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    // In words a person can act on, not the network library's ("Connection refused (os
    // error 111)", "error sending request for url …").
    assert!(said.contains("did not accept the connection"), "{said}");
    assert!(said.contains("Nothing is lost"), "{said}");
    assert!(
        !said.contains("os error") && !said.contains("error sending"),
        "{said}"
    );
    assert_eq!(kiosk.store().outbox().waiting().unwrap(), 2);
    let token = kiosk.data().join("hub-token");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&token).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the token file is readable by others");
    }
}

#[test]
fn one_card_registered_on_two_kiosks_is_one_person_everywhere() {
    let Pair {
        db: _db,
        hub,
        kiosks,
        tokens,
    } = Pair::start();
    // 张秀英 joins a club at each of two centres, and each volunteer registers her with the
    // card she shows; each checks her in before the kiosks have synced.
    let mut sessions = Vec::new();
    for (kiosk, club) in kiosks.iter().zip(["长青读书会", "银杏读书会"]) {
        kiosk.ok(&["club", "add", club]);
        kiosk.ok(&["member", "add", "张秀英", "--card", "1001"]);
        let session = kiosk.ok(&["session", "start", club]).trim().to_owned();
        kiosk.ok(&["session", "checkin", &session, "1001"]);
        sessions.push(session);
        std::thread::sleep(Duration::from_millis(5));
    }
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    // Checked in at the first kiosk to the second club's session, where she came in under
    // her other registration: she is already there, and not listed twice.
    kiosks[0].ok(&["session", "checkin", &sessions[1], "1001"]);
    assert_eq!(
        kiosks[0]
            .store()
            .clubs()
            .attendees(&sessions[1])
            .unwrap()
            .len(),
        1
    );
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let today = chrono::Local::now().date_naive();
    for kiosk in &kiosks {
        let store = kiosk.store();
        let people: Vec<(String, Option<String>)> = store
            .clubs()
            .members()
            .unwrap()
            .into_iter()
            .map(|m| (m.name, m.card))
            .collect();
        assert_eq!(people, [("张秀英".to_owned(), Some("1001".to_owned()))]);
        let her = store.clubs().member_by_card("1001").unwrap().unwrap();
        let record = store
            .clubs()
            .learning_record(&her.id, today, &Default::default())
            .unwrap()
            .unwrap();
        let clubs: BTreeSet<String> = record.sessions.iter().map(|s| s.club.clone()).collect();
        assert_eq!(clubs.len(), 2, "her record misses a session: {clubs:?}");
        let report = (store
            .clubs()
            .report(today, today, None, &Default::default()))
        .unwrap();
        assert_eq!(report.totals.person_times, 2);
        assert_eq!(report.totals.participants, 1, "one person counted twice");
    }
    // Forgetting her at one kiosk forgets both registrations, everywhere.
    kiosks[1].ok(&["member", "forget", "1001", "--yes"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    for kiosk in &kiosks {
        let named = rows_naming(kiosk, "张秀英");
        assert!(named.is_empty(), "{named:?} still held");
    }
}

#[test]
fn a_learners_place_follows_them_and_never_moves_back() {
    let Pair {
        db: _db,
        hub,
        kiosks,
        tokens,
    } = Pair::start();
    let book = common::corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    for kiosk in &kiosks {
        kiosk.ok(&["add", book.to_str().unwrap()]);
    }
    kiosks[0].ok(&["member", "add", "张秀英", "--card", "1001"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let place = |kiosk: &KioskDir| {
        let store = kiosk.store();
        let member = store.clubs().member_by_card("1001").unwrap().unwrap();
        let record = store
            .clubs()
            .learning_record(
                &member.id,
                chrono::Local::now().date_naive(),
                &Default::default(),
            )
            .unwrap()
            .unwrap();
        record.in_progress.first().map(|b| b.percent)
    };
    let read_to = |kiosk: &KioskDir, percent: u8| {
        let store = kiosk.store();
        let member = store.clubs().member_by_card("1001").unwrap().unwrap();
        let book_id = store.library().books().unwrap()[0].id;
        let position = leling::model::Position {
            chapter: usize::from(percent),
            offset: 0,
        };
        store
            .library()
            .save_reading_position(book_id, &member.id, position, percent)
            .unwrap();
    };
    // Read to 60% at the first kiosk; later, at the second, an old 20% place is saved.
    read_to(&kiosks[0], 60);
    assert!(kiosks[0].sync(&hub.url, &tokens[0]).status.success());
    std::thread::sleep(Duration::from_millis(5));
    read_to(&kiosks[1], 20);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    assert_eq!(place(&kiosks[0]), Some(60), "moved back at the first kiosk");
    assert_eq!(
        place(&kiosks[1]),
        Some(60),
        "the place did not follow the learner"
    );
}

#[test]
fn two_kiosks_naming_two_clubs_alike_keep_both_and_keep_syncing() {
    let Pair {
        db: _db,
        hub,
        kiosks,
        tokens,
    } = Pair::start();
    kiosks[0].ok(&["club", "add", "银杏读书会"]);
    std::thread::sleep(Duration::from_millis(5));
    kiosks[1].ok(&["club", "add", "银杏读书会"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    // A member added afterwards still travels: the clash did not stop the pulls.
    kiosks[1].ok(&["member", "add", "王建国", "--card", "2001"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let lists: Vec<String> = kiosks.iter().map(|k| k.ok(&["club", "list"])).collect();
    assert_eq!(lists[0], lists[1]);
    assert_eq!(lists[0].lines().count(), 2, "{}", lists[0]);
    assert!(
        kiosks[0]
            .store()
            .clubs()
            .member_by_card("2001")
            .unwrap()
            .is_some()
    );
}

/// Issue 20, item 3, as two centres of one district live it: each kiosk learns its centre
/// from the hub; both centres run a 银杏读书会 and each kiosk tells them apart by centre; a
/// volunteer at the west centre who starts a session of the east centre's club is refused by
/// the hub and told so, while the rest of her work goes; a learner registered in the east
/// reads at the west and her place follows her back; her forget, asked at the west, reaches
/// her registration in the east.
#[test]
fn two_centres_write_their_own_rows_and_share_their_learners() {
    let db = TestDb::new(Engine::Sqlite).expect("SQLite needs nothing installed");
    let hub = Hub::start(&db.url);
    let (east, west) = (KioskDir::new(), KioskDir::new());
    let tokens = [
        add_device_at(&db.url, "east-1", "东城中心", "西城区"),
        add_device_at(&db.url, "west-1", "西城中心", "西城区"),
    ];
    let kiosks = [east, west];
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let [east, west] = &kiosks;
    for (kiosk, centre) in [(east, "东城中心"), (west, "西城中心")] {
        let known = kiosk.store().clubs().centre().unwrap();
        assert_eq!(known, Some((centre.to_owned(), "西城区".to_owned())));
    }
    let book = common::corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    for kiosk in &kiosks {
        kiosk.ok(&["club", "add", "银杏读书会"]);
        kiosk.ok(&["add", book.to_str().unwrap()]);
    }
    east.ok(&["member", "add", "张秀英", "--card", "1001"]);
    // Her own PIN, set with a volunteer: it travels in her member row, and is never shown.
    let out = common::run(&east.data(), &["member", "pin", "1001"], "2468\n2468\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let session = east
        .ok(&["session", "start", "银杏读书会"])
        .trim()
        .to_owned();
    east.ok(&["session", "checkin", &session, "1001"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let lists: Vec<String> = kiosks.iter().map(|k| k.ok(&["club", "list"])).collect();
    for (list, other) in lists.iter().zip(["西城中心", "东城中心"]) {
        assert_eq!(list.lines().count(), 2, "{list}");
        assert!(list.contains(&format!("银杏读书会 · {other}")), "{list}");
    }

    let west_store = west.store();
    let her = west_store.clubs().member_by_card("1001").unwrap().unwrap();
    let pin_hash =
        (west_store.clubs().member_pin_hash(&her.id).unwrap()).expect("her PIN reached the west");
    drop(west_store);
    let (_, log, _) = crate::hub_support::leling_hub(&["device", "log", "east-1", "--db", &db.url]);
    assert!(
        log.contains("members") && log.contains("attendance"),
        "{log}"
    );
    for kiosk in &kiosks {
        let export = kiosk.ok(&["member", "export"]);
        assert!(export.contains("张秀英"), "{export}");
        for shown in [&export, &log, &hub.log()] {
            assert!(
                !shown.contains(&pin_hash) && !shown.contains("argon2"),
                "{shown}"
            );
        }
    }
    assert!(!log.contains("张秀英"), "{log}");

    // The west's volunteer opens a session of the east's club: not hers to write.
    // (The east's session of today reached the west: a second one is asked for.)
    west.ok(&["session", "start", "银杏读书会 · 东城中心", "--again"]);
    west.ok(&["member", "add", "王建国", "--card", "2001"]);
    let out = west.sync(&hub.url, &tokens[1]);
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{told}");
    assert!(
        told.contains("1 of this kiosk's changes were refused"),
        "{told}"
    );
    let doctor = west.ok(&["doctor"]);
    assert!(doctor.contains("belong to another centre"), "{doctor}");
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let east_store = east.store();
    assert!(east_store.clubs().member_by_card("2001").unwrap().is_some());
    let sessions = kiosk_rows(&east.data().join("leling.db"))
        .into_iter()
        .filter(|row| row.starts_with("club_sessions "))
        .count();
    assert_eq!(sessions, 1, "the refused session reached the east");

    // She reads at the west: her place, a learner's row, follows her to the east.
    let her_west = west
        .store()
        .clubs()
        .member_by_card("1001")
        .unwrap()
        .unwrap();
    let west_store = west.store();
    let book_id = west_store.library().books().unwrap()[0].id;
    let place = leling::model::Position {
        chapter: 40,
        offset: 0,
    };
    (west_store.library())
        .save_reading_position(book_id, &her_west.id, place, 40)
        .unwrap();
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let her_east = east_store.clubs().member_by_card("1001").unwrap().unwrap();
    let record = (east_store.clubs())
        .learning_record(
            &her_east.id,
            chrono::Local::now().date_naive(),
            &Default::default(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(record.in_progress.first().map(|b| b.percent), Some(40));

    // She asks at the west to be forgotten: her registration in the east goes too.
    west.ok(&["member", "forget", "1001", "--yes"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    for kiosk in &kiosks {
        let named = rows_naming(kiosk, "张秀英");
        assert!(named.is_empty(), "{named:?} still held");
    }
}

/// Every stamp a kiosk holds, as written in its database.
fn stamps(kiosk: &KioskDir) -> Vec<String> {
    let db = rusqlite::Connection::open(kiosk.data().join("leling.db")).unwrap();
    let mut query = db.prepare("SELECT stamp FROM row_versions").unwrap();
    let found = query.query_map([], |r| r.get(0)).unwrap();
    found.map(Result::unwrap).collect()
}

/// Runs SQL on a kiosk's database, as something outside Leling left it.
fn tamper(kiosk: &KioskDir, sql: &str) {
    let db = rusqlite::Connection::open(kiosk.data().join("leling.db")).unwrap();
    db.execute_batch(sql).unwrap();
}

/// Issue 20, item 1: a row once stamped at the end of time (pulled from a hub that took such
/// a stamp, before hubs refused them) used to wedge the kiosk that edited it: the edit was
/// stamped `10000000000000-0000`, which the hub refused, and every later sync failed. Now the
/// edit is stamped by the kiosk's own clock, and the forget reaches every kiosk.
#[test]
fn a_row_stamped_at_the_end_of_time_does_not_wedge_the_kiosk_that_edits_it() {
    let Pair {
        db: _db,
        hub,
        kiosks,
        tokens,
    } = Pair::start();
    kiosks[0].ok(&["member", "add", "张秀英", "--card", "1001"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    tamper(
        &kiosks[0],
        "UPDATE row_versions SET stamp = '9999999999999-9999' WHERE tbl = 'members'",
    );
    kiosks[0].ok(&["member", "forget", "1001", "--yes"]);
    assert!(
        stamps(&kiosks[0]).iter().all(|stamp| stamp.len() == 18),
        "{:?}",
        stamps(&kiosks[0])
    );
    let out = kiosks[0].sync(&hub.url, &tokens[0]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    // Later work still leaves the kiosk.
    kiosks[0].ok(&["member", "add", "王建国", "--card", "2001"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let other = kiosks[1].store();
    assert!(other.clubs().member_by_card("2001").unwrap().is_some());
    let named = rows_naming(&kiosks[1], "张秀英");
    assert!(named.is_empty(), "the forget never left: {named:?}");
}

/// Issue 20, item 1: a change stamped by a clock set days ahead is refused by the hub, which
/// keeps time for everyone. It is set aside with its reason, the changes behind it still go,
/// staff are told (after the sync and by `leling doctor`), and once the kiosk's clock reads
/// right again it is stamped anew and sent.
#[test]
fn a_change_stamped_days_ahead_is_set_aside_and_the_rest_goes() {
    let Pair {
        db: _db,
        hub,
        kiosks,
        tokens,
    } = Pair::start();
    kiosks[0].ok(&["member", "add", "张秀英", "--card", "1001"]);
    let three_days_ahead = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
        + 3 * 24 * 60 * 60 * 1000;
    tamper(
        &kiosks[0],
        &format!(
            "UPDATE row_versions SET stamp = '{three_days_ahead:013}-0000' WHERE tbl = 'members'"
        ),
    );
    kiosks[0].ok(&["member", "add", "王建国", "--card", "2001"]);
    let out = kiosks[0].leling(&[
        "--lang", "en", "sync", "--hub", &hub.url, "--token", &tokens[0],
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("1 of this kiosk's changes were refused by the hub and set aside"),
        "{said}"
    );
    let doctor = kiosks[0].ok(&["--lang", "en", "doctor"]);
    assert!(
        doctor.contains("Set aside and not synced: 1 of this kiosk's changes and 0 of the hub's (1 stamped more than a day ahead of the hub's clock)"),
        "{doctor}"
    );
    // The member behind it reached the other kiosk; the one set aside did not.
    assert!(kiosks[1].sync(&hub.url, &tokens[1]).status.success());
    let other = kiosks[1].store();
    assert!(other.clubs().member_by_card("2001").unwrap().is_some());
    assert!(other.clubs().member_by_card("1001").unwrap().is_none());
    // This kiosk's clock reads right (its stamp is more than a day past it): the next sync
    // stamps the change anew and sends it.
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    assert!(other.clubs().member_by_card("1001").unwrap().is_some());
    let doctor = kiosks[0].ok(&["--lang", "en", "doctor"]);
    assert!(!doctor.contains("Set aside"), "{doctor}");
}

/// Issue 20, item 4: a hub (or something posing as one) that answers without end cannot
/// make a kiosk read until its memory is gone: the answer is counted as it is read, and the
/// kiosk stops at the cap and says so.
#[test]
fn an_answer_without_end_is_cut_off_at_the_cap() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming().map_while(Result::ok) {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(client.try_clone().unwrap());
                let _ = read_request(&mut reader);
                let mut client = client;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n";
                let _ = client.write_all(head.as_bytes());
                let _ = client.write_all(b"{\"changes\": [");
                let spaces = vec![b' '; 1 << 20];
                while client.write_all(&spaces).is_ok() {}
            });
        }
    });
    let kiosk = KioskDir::new();
    let out = kiosk.leling(&["--lang", "en", "sync", "--hub", &address, "--token", "t"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("larger than 64 MB"), "{said}");
}

/// Issue 20, item 3 (ties): two kiosks that give one row the same stamp (here forced: the
/// forget at kiosk-0 stamped exactly as kiosk-1's registration) used to be settled by device
/// name, so the forget of the kiosk with the smaller name was lost. Now the hub refuses the
/// tie, the kiosk stamps its change again within the same sync, and the forget reaches all.
#[test]
fn an_honest_tie_is_stamped_again_and_not_lost() {
    let Pair {
        db: _db,
        hub,
        kiosks,
        tokens,
    } = Pair::start();
    kiosks[1].ok(&["member", "add", "张秀英", "--card", "1001"]);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let stamp_at = |kiosk: &KioskDir| -> String {
        let db = rusqlite::Connection::open(kiosk.data().join("leling.db")).unwrap();
        db.query_row(
            "SELECT stamp FROM row_versions WHERE tbl = 'members'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let registered = stamp_at(&kiosks[1]);
    kiosks[0].ok(&["member", "forget", "1001", "--yes"]);
    tamper(
        &kiosks[0],
        &format!("UPDATE row_versions SET stamp = '{registered}' WHERE tbl = 'members'"),
    );
    let out = kiosks[0].sync(&hub.url, &tokens[0]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("set aside"), "{said}");
    assert!(stamp_at(&kiosks[0]) > registered);
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    for kiosk in &kiosks {
        let named = rows_naming(kiosk, "张秀英");
        assert!(named.is_empty(), "the forget was lost: {named:?}");
    }
}

/// What a hostile device tries, and what the hub must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Attack {
    /// A member's row stamped at the end of time, to win every conflict.
    FarFuture,
    /// A new key carrying an honest member's id, to overwrite her whatever the stamps.
    UnderAnotherKey,
    /// An honest member's row at exactly the stamp the hub holds, to win the tie.
    ReplayedStamp,
    /// A stamp that is not `MMMMMMMMMMMMM-CCCC` (a sign, too few digits).
    MalformedStamp,
    /// A new row of its own full of control characters and 100 KB long: allowed, and it must
    /// harm nothing.
    HugeAndControl,
    /// From another centre: an honest member rewritten with a fresh, valid stamp.
    OtherCentresRow,
    /// From another centre: a tombstone of an honest member or club.
    OtherCentresTombstone,
    /// From another centre: a new session under an honest centre's club.
    SessionOfOtherCentresClub,
}

/// The learners' reading places a kiosk holds, as `learner book chapter` (guests' stay home).
fn places(kiosk: &KioskDir) -> BTreeSet<String> {
    let db = rusqlite::Connection::open(kiosk.data().join("leling.db")).unwrap();
    let mut query = db
        .prepare(
            "SELECT p.learner || ' ' || b.title || ' ' || p.chapter FROM reading_positions p
             JOIN books b ON b.id = p.book_id WHERE p.learner <> 'guest'",
        )
        .unwrap();
    let rows = query.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// Issue 20's property: a hub; three honest kiosks in two centres of one district; a hostile
/// device inside the east centre and one from another district. Each round an honest kiosk
/// registers someone, a learner reads at a kiosk of either centre, a hostile device pushes a
/// random attack, and every honest kiosk syncs; after each round every refusal carries its
/// reason code, the honest kiosks' outboxes have drained with nothing of theirs set aside,
/// they hold the same rows and places, and no honest row was rewritten by an attacker.
/// `LELING_HOSTILE_ROUNDS` sets the number of rounds (CI: 64 on SQLite, 16 on PostgreSQL);
/// the seed is printed and `LELING_SYNC_SEED` repeats a run.
fn hostile_rounds(engine: Engine, default_rounds: usize) {
    use crate::hub_support::{Kiosk, change};
    use serde_json::json;

    let Some(db) = TestDb::new(engine) else {
        return;
    };
    let rounds = std::env::var("LELING_HOSTILE_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default_rounds);
    let hub = Hub::start(&db.url);
    let kiosks: Vec<KioskDir> = (0..3).map(|_| KioskDir::new()).collect();
    let centres = ["东城中心", "东城中心", "西城中心"];
    let tokens: Vec<String> = (centres.iter().enumerate())
        .map(|(n, centre)| add_device_at(&db.url, &format!("kiosk-{n}"), centre, "西城区"))
        .collect();
    let inside = Kiosk::new(
        &hub.url,
        &add_device_at(&db.url, "kiosk-zz-evil", "东城中心", "西城区"),
    );
    let outside = Kiosk::new(
        &hub.url,
        &add_device_at(&db.url, "kiosk-zz-far", "外来中心", "外区"),
    );
    let east_devices = ["kiosk-0", "kiosk-1"];
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let book = common::corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    for (n, kiosk) in kiosks.iter().enumerate() {
        kiosk.ok(&["club", "add", &format!("读书会{n}")]);
        kiosk.ok(&["add", book.to_str().unwrap()]);
    }
    sync_until_quiet(&kiosks, &hub.url, &tokens);
    let random = Random::new();
    let mut tried: BTreeMap<Attack, usize> = BTreeMap::new();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64
    };
    for round in 0..rounds {
        // The first registration is the east's, so the inside attacker has a target.
        let at = if round == 0 {
            0
        } else {
            random.below(3) as usize
        };
        let name = format!("成员{round}");
        let card = format!("{}", 1000 + round);
        kiosks[at].ok(&["member", "add", &name, "--card", &card]);
        sync_until_quiet(&kiosks, &hub.url, &tokens);
        // Someone registered at either centre reads at a kiosk of either centre.
        let reader = format!("{}", 1000 + random.below(round as u64 + 1));
        let store = kiosks[random.below(3) as usize].store();
        let member = store.clubs().member_by_card(&reader).unwrap().unwrap();
        let book_id = store.library().books().unwrap()[0].id;
        let chapter = random.below(60) as usize;
        let place = leling::model::Position { chapter, offset: 0 };
        (store.library())
            .save_reading_position(book_id, &member.id, place, chapter as u8)
            .unwrap();
        drop(store);
        sync_until_quiet(&kiosks, &hub.url, &tokens);
        // The attackers aim at honest rows as the hub holds them.
        let held: Vec<_> = inside.pull_all();
        let honest = |table: &str, east_only: bool| -> Vec<_> {
            (held.iter())
                .filter(|p| {
                    p.change.table == table
                        && p.device.starts_with("kiosk-")
                        && !p.device.starts_with("kiosk-zz")
                })
                .filter(|p| !east_only || east_devices.contains(&p.device.as_str()))
                .map(|p| p.change.clone())
                .collect()
        };
        let pick = |rows: Vec<leling_core::protocol::Change>| {
            rows[random.below(rows.len() as u64) as usize].clone()
        };
        let attack = match random.below(8) {
            0 => Attack::FarFuture,
            1 => Attack::UnderAnotherKey,
            2 => Attack::ReplayedStamp,
            3 => Attack::MalformedStamp,
            4 => Attack::HugeAndControl,
            5 => Attack::OtherCentresRow,
            6 => Attack::OtherCentresTombstone,
            _ => Attack::SessionOfOtherCentresClub,
        };
        // The inside attacker's targets are its own centre's, where only the clock, the keys
        // and ties stand in its way; the outside attacker's are anyone's.
        let inside_target = || pick(honest("members", true));
        *tried.entry(attack).or_default() += 1;
        let forged = |key: &str, stamp: &str, id: &str| {
            change("members", key, stamp, json!({ "id": id, "name": "EVIL" }))
        };
        let fresh = format!("{:013}-0000", now());
        let (status, answer) = match attack {
            Attack::FarFuture => {
                let target = inside_target();
                inside.push(&[forged(&target.key, "9999999999999-9999", &target.key)])
            }
            Attack::UnderAnotherKey => {
                let target = inside_target();
                inside.push(&[forged(&format!("evil-{round}"), &fresh, &target.key)])
            }
            Attack::ReplayedStamp => {
                let target = inside_target();
                inside.push(&[forged(&target.key, &target.stamp, &target.key)])
            }
            Attack::MalformedStamp => {
                let target = inside_target();
                let stamp = ["+796580000000-0000", "12-1", "１763800000000-0000"][round % 3];
                inside.push(&[forged(&target.key, stamp, &target.key)])
            }
            Attack::HugeAndControl => {
                let name = format!("\u{1b}]0;x\u{7}\u{202e}{}", "长".repeat(33_000));
                let key = format!("evil-own-{round}");
                inside.push(&[change(
                    "members",
                    &key,
                    &fresh,
                    json!({ "id": key, "name": name }),
                )])
            }
            Attack::OtherCentresRow => {
                let target = pick(honest("members", false));
                outside.push(&[forged(&target.key, &fresh, &target.key)])
            }
            Attack::OtherCentresTombstone => {
                let table = ["members", "clubs"][random.below(2) as usize];
                let target = pick(honest(table, false));
                outside.push(&[json!({ "table": table, "key": target.key, "stamp": fresh,
                                       "deleted": true, "row": {} })])
            }
            Attack::SessionOfOtherCentresClub => {
                let club = pick(honest("clubs", false));
                let key = format!("evil-session-{round}");
                outside.push(&[change(
                    "club_sessions",
                    &key,
                    &fresh,
                    json!({ "club_id": club.key, "notes": "EVIL" }),
                )])
            }
        };
        let expected = match attack {
            Attack::FarFuture => Some("future-stamp"),
            Attack::UnderAnotherKey => Some("key-mismatch"),
            Attack::ReplayedStamp => Some("same-stamp"),
            Attack::OtherCentresRow
            | Attack::OtherCentresTombstone
            | Attack::SessionOfOtherCentresClub => Some("other-centre"),
            Attack::MalformedStamp | Attack::HugeAndControl => None,
        };
        match expected {
            Some(reason) => {
                assert_eq!(status, 200, "{attack:?}: {answer}");
                assert_eq!(
                    answer["refused"][0]["reason"], reason,
                    "{attack:?}: {answer}"
                );
                assert_eq!(answer["accepted"], 0, "{attack:?}: {answer}");
            }
            None if attack == Attack::MalformedStamp => {
                assert_eq!(
                    (status, answer["error"].as_str()),
                    (400, Some("bad_request"))
                );
            }
            None => assert_eq!(status, 200, "{attack:?}: {answer}"),
        }
        sync_until_quiet(&kiosks, &hub.url, &tokens);
        let rows: Vec<BTreeSet<String>> = (kiosks.iter())
            .map(|kiosk| kiosk_rows(&kiosk.data().join("leling.db")))
            .collect();
        let read: Vec<BTreeSet<String>> = kiosks.iter().map(places).collect();
        for ((kiosk, held), places) in kiosks.iter().zip(&rows).zip(&read) {
            let store = kiosk.store();
            assert_eq!(
                store.outbox().waiting().unwrap(),
                0,
                "round {round}: an outbox did not drain"
            );
            let set_aside = store.outbox().set_aside_changes().unwrap();
            assert!(
                set_aside.iter().all(|change| change.from_hub),
                "round {round}: an honest change was set aside: {set_aside:?}"
            );
            assert!(
                !held.iter().any(|row| row.contains("EVIL")),
                "round {round}: an attacker rewrote an honest row"
            );
            assert_eq!(held, &rows[0], "round {round}: the honest kiosks differ");
            assert_eq!(places, &read[0], "round {round}: the places differ");
        }
        let names =
            (rows[0].iter()).filter(|row| row.starts_with("members") && row.contains("成员"));
        assert_eq!(
            names.count(),
            round + 1,
            "round {round}: an honest member is missing"
        );
        let clubs = (rows[0].iter()).filter(|row| row.starts_with("clubs") && row.ends_with(" 0"));
        assert_eq!(clubs.count(), 3, "round {round}: an honest club is gone");
    }
    eprintln!("hostile rounds on {engine:?}: {rounds}; attacks tried: {tried:?}");
}

#[test]
fn hostile_pushes_among_ordinary_work_with_the_sqlite_hub() {
    hostile_rounds(Engine::Sqlite, 64);
}

#[test]
fn hostile_pushes_among_ordinary_work_with_the_postgresql_hub() {
    hostile_rounds(Engine::Postgres, 16);
}

/// The hub with two kiosks' tokens, and 张秀英 (card 7301, PIN 2580) registered at the kiosk
/// whose directory is `first`: for the tests of what follows a learner between kiosks.
fn hub_two_kiosks_and_her(first: &Path) -> (TestDb, Hub, [String; 2]) {
    let db = TestDb::new(Engine::Sqlite).expect("SQLite needs nothing installed");
    let hub = Hub::start(&db.url);
    let tokens = [
        add_device(&db.url, "kiosk-a"),
        add_device(&db.url, "kiosk-b"),
    ];
    let store = Store::open(&first.join("leling.db")).unwrap();
    let today = chrono::Local::now().date_naive();
    let new = leling::club::members::new_member("张秀英", Some("7301"), today);
    let she = store.clubs().add_member(&new).unwrap();
    leling::learner_pin::set(&store, &she, Some("2580")).unwrap();
    (db, hub, tokens)
}

/// `leling sync` for the kiosk at `dir`; it must succeed.
fn sync_kiosk(hub: &Hub, dir: &Path, token: &str) {
    let out = common::run(dir, &["sync", "--hub", &hub.url, "--token", token], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 张秀英 signs in at 我的学习 with her card and PIN.
fn sign_her_in(app: &mut leling::ui::App) {
    use crate::common::{press, type_keys};
    use ratatui::crossterm::event::KeyCode;
    press(app, KeyCode::Char('5'));
    type_keys(app, "7301");
    press(app, KeyCode::Enter);
    type_keys(app, "2580");
    press(app, KeyCode::Enter);
}

/// Issue 21, item 5: her size follows her. Signed in at one kiosk she makes the text three
/// times as large; the kiosk's own size (the guests') stays as it was, in the settings file
/// and once she signs out; after a sync, signing in at another kiosk brings her size back, and
/// she is told that this terminal (no text sizing, no pictures) cannot show it.
#[test]
fn her_size_follows_her_to_another_kiosk_and_the_guests_stays() {
    use crate::common::press;
    use leling::model::Lang;
    use ratatui::crossterm::event::KeyCode;

    let (mut a, mut b) = (common::app(Lang::Zh, false), common::app(Lang::Zh, false));
    let (_db, hub, tokens) = hub_two_kiosks_and_her(a.dir.path());
    let sync = |dir: &Path, token: &str| sync_kiosk(&hub, dir, token);
    let sign_in = sign_her_in;
    let zoom = |app: &leling::ui::App| app.prefs.settings().zoom.get();
    let kiosk_zoom = |dir: &Path| {
        let file = leling::config::load(&dir.join("config.toml"));
        file.settings.zoom.get()
    };
    sync(a.dir.path(), &tokens[0]);
    sync(b.dir.path(), &tokens[1]);

    sign_in(&mut a.app);
    press(&mut a.app, KeyCode::Char('+'));
    press(&mut a.app, KeyCode::Char('+'));
    assert_eq!(zoom(&a.app), 3, "her size at the first kiosk");
    assert_eq!(kiosk_zoom(a.dir.path()), 1, "the kiosk's own size changed");
    press(&mut a.app, KeyCode::Enter);
    assert_eq!(
        zoom(&a.app),
        1,
        "signing out kept her size for the next person"
    );

    sync(a.dir.path(), &tokens[0]);
    sync(b.dir.path(), &tokens[1]);
    assert_eq!(zoom(&b.app), 1);
    sign_in(&mut b.app);
    assert_eq!(zoom(&b.app), 3, "her size did not follow her");
    let told = b.app.speaker.status().unwrap_or_default().to_owned();
    assert!(told.contains("不能放大"), "{told}");
    press(&mut b.app, KeyCode::Enter);
    assert_eq!(zoom(&b.app), 1);
    assert_eq!(kiosk_zoom(b.dir.path()), 1);
}

/// Her voice is hers too: chosen at one kiosk, it is hers at the next after a sync; where that
/// kiosk lacks it, the kiosk's own voice reads to her and she is told so once, and when she
/// signs out the kiosk's choice is back.
#[test]
fn her_voice_follows_her_and_a_kiosk_without_it_says_so_once() {
    use crate::common::press;
    use leling::config::SpeechChoice;
    use leling::model::Lang;
    use ratatui::crossterm::event::KeyCode;

    let logs = tempfile::tempdir().unwrap();
    let log_b = logs.path().join("b.log");
    // Both kiosks silent: a voice the kiosk lacks falls back to silence, and no test sound
    // plays.
    let quiet = "speech = \"off\"\n";
    let mut a = common::app_with_config(Lang::Zh, quiet);
    let mut b = common::app_with_config_and_log(Lang::Zh, quiet, &log_b);
    let (_db, hub, tokens) = hub_two_kiosks_and_her(a.dir.path());
    let sync = |dir: &Path, token: &str| sync_kiosk(&hub, dir, token);
    let sign_in = sign_her_in;
    let voice = |app: &leling::ui::App| app.prefs.settings().speech;
    let kiosk_voice = |dir: &Path| {
        leling::config::load(&dir.join("config.toml"))
            .settings
            .speech
    };
    sync(a.dir.path(), &tokens[0]);
    sync(b.dir.path(), &tokens[1]);

    // At the first kiosk she signs in and, in Settings, turns the voice back one choice:
    // from this kiosk's "off" to the system voice (tts), which no Linux kiosk here has.
    sign_in(&mut a.app);
    press(&mut a.app, KeyCode::Esc);
    press(&mut a.app, KeyCode::Char('6'));
    for _ in 0..5 {
        press(&mut a.app, KeyCode::Down);
    }
    press(&mut a.app, KeyCode::Left);
    assert_eq!(voice(&a.app), SpeechChoice::Tts, "{:?}", a.app.view().items);
    assert_eq!(
        kiosk_voice(a.dir.path()),
        SpeechChoice::Off,
        "the kiosk's voice changed"
    );

    sync(a.dir.path(), &tokens[0]);
    sync(b.dir.path(), &tokens[1]);
    sign_in(&mut b.app);
    assert_eq!(
        voice(&b.app),
        SpeechChoice::Tts,
        "her voice did not follow her"
    );
    // The voice thread finds tts missing and says so; the event reaches the screens.
    let told = leling::i18n::t_with(
        Lang::Zh,
        "voice-fell-back",
        &[("voice", leling::i18n::t(Lang::Zh, "speech-tts").into())],
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while b.app.speaker.status() != Some(told.as_str()) {
        assert!(
            std::time::Instant::now() < deadline,
            "never told that her voice is missing: {:?}",
            b.app.speaker.status()
        );
        if let Ok(event) = b.events.recv_timeout(Duration::from_millis(100)) {
            b.app.handle_event(event);
        }
    }

    // Once: not again when the screens change.
    press(&mut b.app, KeyCode::Esc);
    press(&mut b.app, KeyCode::Char('1'));
    press(&mut b.app, KeyCode::Esc);
    drop(b.app);
    let said = common::said(&log_b, "message");
    let times = said.iter().filter(|line| line.contains(&told)).count();
    assert_eq!(times, 1, "told {times} times: {said:?}");
    assert_eq!(kiosk_voice(b.dir.path()), SpeechChoice::Off);
}

/// Issue 23: a quiz she finished at one kiosk is in her record at the next after a sync,
/// once, however often the kiosks sync; forgotten at the second kiosk, it goes from the first.
#[test]
fn a_quiz_she_finished_follows_her_once_and_goes_when_she_is_forgotten() {
    use leling::model::Lang;
    use leling::store::QuizScore;

    let (a, b) = (common::app(Lang::Zh, false), common::app(Lang::Zh, false));
    let (_db, hub, tokens) = hub_two_kiosks_and_her(a.dir.path());
    let sync = |dir: &Path, token: &str| sync_kiosk(&hub, dir, token);
    let store_a = Store::open(&a.dir.path().join("leling.db")).unwrap();
    let her = store_a.clubs().member_by_card("7301").unwrap().unwrap();
    let score = QuizScore {
        asked: 10,
        right: 8,
        passed: true,
    };
    let quiz = ("health", "老年健康小常识");
    store_a
        .quizzes()
        .finish(&her.id, Some(&her.id), quiz, score)
        .unwrap();
    for _ in 0..2 {
        sync(a.dir.path(), &tokens[0]);
        sync(b.dir.path(), &tokens[1]);
    }
    let record = |dir: &Path| {
        let out = common::run(dir, &["--lang", "zh", "record", "7301"], "");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let at_b = record(b.dir.path());
    let kept = "老年健康小常识：答对 8 题，共 10 题，通过";
    assert_eq!(at_b.matches(kept).count(), 1, "{at_b}");
    assert_eq!(record(a.dir.path()).matches(kept).count(), 1);

    let out = common::run(b.dir.path(), &["member", "forget", "7301", "--yes"], "");
    assert!(out.status.success(), "{out:?}");
    sync(b.dir.path(), &tokens[1]);
    sync(a.dir.path(), &tokens[0]);
    let left = store_a.quizzes().results_of(&her.id).unwrap();
    assert!(
        left.is_empty(),
        "her quiz stayed at the first kiosk: {left:?}"
    );
}
