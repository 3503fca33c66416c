//! The sync hub, end to end: the real `leling-hub` process on loopback, spoken to over HTTP as
//! a kiosk would. Every test runs twice, on the SQLite engine and on PostgreSQL (from
//! LELING_TEST_POSTGRES, each test in a schema of its own).

mod support;

use std::collections::{HashMap, HashSet};

use leling_core::protocol::{ErrorBody, MAX_PUSH, PullResponse, PulledChange};
use serde_json::{Value, json};
use support::{Engine, Hub, Kiosk, TestDb, add_device, add_device_at, change, leling_hub, stamp};

/// Each named test, once per engine: `sqlite::NAME` and `postgres::NAME`.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { if let Some(db) = super::TestDb::new(super::Engine::Sqlite) { super::$name(&db) } })*
        }
        mod postgres {
            $(#[test] fn $name() { if let Some(db) = super::TestDb::new(super::Engine::Postgres) { super::$name(&db) } })*
        }
    };
}

on_both_engines!(
    device_add_prints_its_token_once_and_revoke_ends_it,
    requests_without_a_known_token_get_401_and_no_data,
    an_oversized_push_gets_413,
    malformed_json_and_unknown_tables_get_400,
    the_same_push_twice_makes_one_row,
    the_newest_stamp_wins_whatever_the_order_and_a_tie_is_refused,
    a_device_cannot_write_as_another,
    a_stamp_from_the_future_or_a_row_under_another_key_is_refused_alone,
    sql_and_control_characters_are_kept_verbatim,
    pull_pages_return_every_row_exactly_once,
    a_killed_hub_keeps_everything_it_acknowledged,
    health_and_logs_without_personal_data,
    a_device_in_a_loop_is_slowed_down,
    a_centres_rows_are_written_by_its_own_devices_only,
    a_revoked_devices_changes_are_undone_and_its_log_shows_no_contents,
);

fn error(body: &Value) -> ErrorBody {
    serde_json::from_value(body.clone()).unwrap_or_else(|_| panic!("not an ErrorBody: {body}"))
}

/// A hub on `db` with one device; returns the hub and that kiosk.
fn hub_with_kiosk(db: &TestDb, name: &str) -> (Hub, Kiosk) {
    let token = add_device(&db.url, name);
    let hub = Hub::start(&db.url);
    let kiosk = Kiosk::new(&hub.url, &token);
    (hub, kiosk)
}

/// The hub's rows as (table, key) → (stamp, device, deleted, row).
fn state(kiosk: &Kiosk) -> HashMap<(String, String), (String, String, bool, Value)> {
    kiosk
        .pull_all()
        .into_iter()
        .map(|p| {
            let c = p.change;
            (
                (c.table, c.key),
                (c.stamp, p.device, c.deleted, Value::Object(c.row)),
            )
        })
        .collect()
}

fn device_add_prints_its_token_once_and_revoke_ends_it(db: &TestDb) {
    let (ok, out, err) = leling_hub(&["device", "add", "east-1", "--db", &db.url]);
    assert!(ok, "{err}");
    let token = out.lines().last().unwrap();
    assert_eq!(token.len(), 64, "{out}");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(out.matches(token).count(), 1);

    let (ok, out, _) = leling_hub(&["device", "list", "--db", &db.url]);
    assert!(ok);
    assert!(out.contains("east-1") && out.contains("active"), "{out}");
    assert!(!out.contains(token), "the list must not show a token");

    let (ok, _, err) = leling_hub(&["device", "add", "east-1", "--db", &db.url]);
    assert!(!ok);
    assert!(err.contains("already a device named \"east-1\""), "{err}");
    let (ok, _, err) = leling_hub(&["device", "add", "east 1", "--db", &db.url]);
    assert!(!ok && err.contains("no spaces"), "{err}");

    let (ok, out, _) = leling_hub(&["device", "revoke", "east-1", "--db", &db.url]);
    assert!(ok && out.contains("revoked"), "{out}");
    let (ok, out, _) = leling_hub(&["device", "list", "--db", &db.url]);
    assert!(ok && out.contains("revoked"), "{out}");
    let (ok, _, err) = leling_hub(&["device", "revoke", "east-1", "--db", &db.url]);
    assert!(!ok && err.contains("No active device"), "{err}");

    let (ok, _, err) = leling_hub(&["device", "list", "--db", "mysql://x"]);
    assert!(!ok && err.contains("is not a hub database"), "{err}");
}

fn requests_without_a_known_token_get_401_and_no_data(db: &TestDb) {
    let (hub, kiosk) = hub_with_kiosk(db, "east-1");
    let secret = "Wang Fang, 139 0000 0000";
    let (status, _) = kiosk.push(&[change(
        "members",
        "m1",
        &stamp(1),
        json!({ "name": secret }),
    )]);
    assert_eq!(status, 200);
    let revoked_token = add_device(&db.url, "lost-kiosk");
    assert!(leling_hub(&["device", "revoke", "lost-kiosk", "--db", &db.url]).0);

    let client = reqwest::blocking::Client::new();
    let pull = format!("{}/v1/changes?after=0", hub.url);
    let attempts = [
        client.get(&pull),
        client.get(&pull).bearer_auth("0".repeat(64)),
        client.get(&pull).bearer_auth(&revoked_token),
        client.get(&pull).basic_auth("east-1", Some(&kiosk.token)),
        client
            .post(format!("{}/v1/changes", hub.url))
            .bearer_auth(&revoked_token)
            .header("content-type", "application/json")
            .body(json!({ "changes": [] }).to_string()),
        client.get(format!("{}/v1/device", hub.url)),
    ];
    for attempt in attempts {
        let response = attempt.send().unwrap();
        assert_eq!(response.status().as_u16(), 401);
        let text = response.text().unwrap();
        assert!(!text.contains(secret) && !text.contains("m1"), "{text}");
        let body: ErrorBody = serde_json::from_str(&text).unwrap();
        assert_eq!(body.error, "unauthorized");
    }
    // Nothing was written by the revoked device.
    assert_eq!(kiosk.pull_all().len(), 1);
    // The token says who the kiosk is.
    let who = client
        .get(format!("{}/v1/device", hub.url))
        .bearer_auth(&kiosk.token)
        .send()
        .unwrap();
    assert_eq!(
        support::answer(who),
        (
            200,
            json!({ "device": "east-1", "centre": "", "district": "", "protocol": 1 })
        )
    );
}

fn an_oversized_push_gets_413(db: &TestDb) {
    let (_hub, kiosk) = hub_with_kiosk(db, "east-1");
    // Just over the 16 MiB limit.
    let big = "x".repeat(16 * 1024 * 1024);
    let (status, body) = kiosk.push(&[change("members", "m1", &stamp(1), json!({ "note": big }))]);
    assert_eq!(status, 413, "{body}");
    assert_eq!(error(&body).error, "too_large");

    let too_many: Vec<Value> = (0..=MAX_PUSH)
        .map(|i| change("attendance", &format!("s/{i}"), &stamp(1), json!({})))
        .collect();
    let (status, body) = kiosk.push(&too_many);
    assert_eq!(status, 413, "{body}");
    assert!(error(&body).message.contains("at most 1000"));
    assert!(kiosk.pull_all().is_empty());
}

fn malformed_json_and_unknown_tables_get_400(db: &TestDb) {
    let (hub, kiosk) = hub_with_kiosk(db, "east-1");
    let bad_bodies: [&[u8]; 4] = [
        b"{\"changes\": [",
        b"not json at all",
        b"{\"changes\": [{\"table\": \"members\"}]}",
        b"\xff\xfe",
    ];
    for body in bad_bodies {
        let (status, answer) = kiosk.push_body(body.to_vec());
        assert_eq!(status, 400, "{answer}");
        assert_eq!(error(&answer).error, "bad_request");
    }
    let cases = [
        (
            change("books'; DROP TABLE changes;--", "k", &stamp(1), json!({})),
            "not a table that syncs",
        ),
        (change("members", "k", "yesterday", json!({})), "stamp"),
        (change("members", "", &stamp(1), json!({})), "key"),
        (change("members", "a\u{0}b", &stamp(1), json!({})), "key"),
    ];
    for (bad, says) in cases {
        let good = change("members", "fine", &stamp(1), json!({}));
        let (status, answer) = kiosk.push(&[good, bad]);
        assert_eq!(status, 400, "{answer}");
        let message = error(&answer).message;
        assert!(
            message.starts_with("change 1:") && message.contains(says),
            "{message}"
        );
    }
    // A refused batch writes nothing, not even its good changes.
    assert!(kiosk.pull_all().is_empty());

    for query in ["after=-1", "after=abc", "limit=0"] {
        let response = kiosk
            .client
            .get(format!("{}/v1/changes?{query}", hub.url))
            .bearer_auth(&kiosk.token)
            .send()
            .unwrap();
        let (status, answer) = support::answer(response);
        assert_eq!(status, 400, "{query}: {answer}");
        assert_eq!(error(&answer).error, "bad_request");
    }
}

fn the_same_push_twice_makes_one_row(db: &TestDb) {
    let (_hub, kiosk) = hub_with_kiosk(db, "east-1");
    let batch: Vec<Value> = (0..20)
        .map(|i| {
            change(
                "attendance",
                &format!("session-1/member-{i}"),
                &stamp(i),
                json!({ "i": i }),
            )
        })
        .collect();
    let (status, body) = kiosk.push(&batch);
    assert_eq!((status, body["accepted"].as_u64()), (200, Some(20)));
    let (_, first) = kiosk.pull(0, 1000);
    // A retry after a lost answer: acknowledged again, changes nothing.
    let (status, body) = kiosk.push(&batch);
    assert_eq!((status, body["accepted"].as_u64()), (200, Some(20)));
    let (_, again) = kiosk.pull(0, 1000);
    assert_eq!(
        first, again,
        "a repeated push must not give rows new sequence numbers"
    );
    assert_eq!(kiosk.pull_all().len(), 20);
    // The same change twice in one batch, too.
    let twice = vec![batch[0].clone(), batch[0].clone()];
    assert_eq!(kiosk.push(&twice).1["accepted"], 2);
    assert_eq!(kiosk.pull_all().len(), 20);
}

fn the_newest_stamp_wins_whatever_the_order_and_a_tie_is_refused(db: &TestDb) {
    let (hub, a) = hub_with_kiosk(db, "kiosk-a");
    let b = Kiosk::new(&hub.url, &add_device(&db.url, "kiosk-b"));
    let old = |who: &str| change("members", "m-old-new", &stamp(1), json!({ "by": who }));
    let new = |who: &str| change("members", "m-old-new", &stamp(2), json!({ "by": who }));
    let tie = |key: &str, who: &str| change("members", key, &stamp(5), json!({ "by": who }));
    // Old then new, and new then old, on two rows; a tie arriving in both orders.
    assert_eq!(a.push(&[old("a")]).0, 200);
    assert_eq!(b.push(&[new("b")]).0, 200);
    let new_first = change("clubs", "c1", &stamp(9), json!({ "by": "a" }));
    assert_eq!(a.push(&[new_first]).0, 200);
    assert_eq!(
        b.push(&[change("clubs", "c1", &stamp(3), json!({ "by": "b" }))])
            .1["accepted"],
        1
    );
    // A tie is refused from whichever device comes second, larger name or not (issue 20,
    // item 3: nobody wins by replaying another's stamp; an honest kiosk stamps again).
    let refused = |answer: (u16, Value)| (answer.0, answer.1["refused"][0]["reason"].clone());
    assert_eq!(a.push(&[tie("tie-1", "a")]).0, 200);
    assert_eq!(
        refused(b.push(&[tie("tie-1", "b")])),
        (200, json!("same-stamp"))
    );
    assert_eq!(b.push(&[tie("tie-2", "b")]).0, 200);
    assert_eq!(
        refused(a.push(&[tie("tie-2", "a")])),
        (200, json!("same-stamp"))
    );
    // An older change with a tombstone loses too.
    let mut stale_delete = change("clubs", "c1", &stamp(4), json!({}));
    stale_delete["deleted"] = json!(true);
    assert_eq!(b.push(&[stale_delete]).0, 200);

    let held = state(&a);
    let by = |table: &str, key: &str| {
        let (_, device, deleted, row) = &held[&(table.to_owned(), key.to_owned())];
        (device.clone(), *deleted, row["by"].clone())
    };
    assert_eq!(
        by("members", "m-old-new"),
        ("kiosk-b".into(), false, json!("b"))
    );
    assert_eq!(by("clubs", "c1"), ("kiosk-a".into(), false, json!("a")));
    assert_eq!(
        by("members", "tie-1"),
        ("kiosk-a".into(), false, json!("a"))
    );
    assert_eq!(
        by("members", "tie-2"),
        ("kiosk-b".into(), false, json!("b"))
    );
    assert_eq!(state(&b), held);
}

fn a_device_cannot_write_as_another(db: &TestDb) {
    let (_hub, kiosk) = hub_with_kiosk(db, "kiosk-a");
    let mut forged = change("members", "m1", &stamp(1), json!({ "name": "x" }));
    forged["device"] = json!("kiosk-z");
    let body = json!({ "changes": [forged], "device": "kiosk-z" });
    let (status, _) = kiosk.push_body(body.to_string().into_bytes());
    assert_eq!(status, 200);
    let pulled = kiosk.pull_all();
    assert_eq!(pulled.len(), 1);
    assert_eq!(pulled[0].device, "kiosk-a");
    // And a replay of its stamp from another device, whatever name it gives, is a tie that
    // is refused: the version held stays.
    let b = Kiosk::new(&kiosk.base, &add_device(&db.url, "kiosk-b"));
    let mut forged_tie = change("members", "m1", &stamp(1), json!({ "name": "y" }));
    forged_tie["device"] = json!("kiosk-0");
    let (status, answer) = b.push(&[forged_tie]);
    assert_eq!(
        (status, &answer["refused"][0]["reason"]),
        (200, &json!("same-stamp"))
    );
    let pulled = b.pull_all();
    assert_eq!(
        (pulled[0].device.as_str(), &pulled[0].change.row["name"]),
        ("kiosk-a", &json!("x"))
    );
}

/// The attacks of issue 20, items 1 and 2: a row stamped at the end of time, which would win
/// every conflict and wedge the kiosk that edits it, and a row sent under another row's key,
/// which would overwrite that row whatever its stamp. Each is refused with its reason; the
/// honest changes of the same push are taken.
fn a_stamp_from_the_future_or_a_row_under_another_key_is_refused_alone(db: &TestDb) {
    let (_hub, honest) = hub_with_kiosk(db, "kiosk-a");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let at = |millis: u64| format!("{millis:013}-0000");
    assert_eq!(
        honest
            .push(&[change(
                "members",
                "m1",
                &at(now),
                json!({ "name": "张秀英" })
            )])
            .0,
        200
    );

    let evil = Kiosk::new(&honest.base, &add_device(&db.url, "kiosk-evil"));
    let day = 24 * 60 * 60 * 1000;
    let (status, answer) = evil.push(&[
        change(
            "members",
            "m1",
            "9999999999999-9999",
            json!({ "name": "forged" }),
        ),
        change(
            "members",
            "m-new",
            &at(now + 1),
            json!({ "id": "m1", "name": "forged" }),
        ),
        change(
            "members",
            "m2",
            &at(now + day / 2),
            json!({ "name": "clock a little fast" }),
        ),
        change(
            "members",
            "m3",
            &at(now + 2 * day),
            json!({ "name": "clock two days fast" }),
        ),
    ]);
    assert_eq!(status, 200, "{answer}");
    let reasons = [
        (0, "future-stamp"),
        (1, "key-mismatch"),
        (3, "future-stamp"),
    ];
    let refused: Vec<(u64, &str)> = (answer["refused"].as_array().unwrap().iter())
        .map(|r| (r["index"].as_u64().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(refused, reasons, "{answer}");
    assert_eq!(answer["accepted"], 1);
    let held: Vec<(String, Value)> = (honest.pull_all().into_iter())
        .map(|p| (p.change.key, p.change.row["name"].clone()))
        .collect();
    assert_eq!(
        held,
        [
            ("m1".to_owned(), json!("张秀英")),
            ("m2".to_owned(), json!("clock a little fast"))
        ]
    );
}

fn sql_and_control_characters_are_kept_verbatim(db: &TestDb) {
    let (_hub, kiosk) = hub_with_kiosk(db, "east-1");
    let nasty = [
        "Robert'); DROP TABLE changes;--",
        "' OR '1'='1",
        "\"; DELETE FROM devices WHERE ''='",
        "\u{0}\u{1}\u{7}\u{8}\t\r\n\u{1b}[31mred\u{1b}[0m\u{7f}",
        "\\x00 \\' \\\" %s %n $1 ?1 :name",
        "\u{2028}\u{2029}\u{200b}\u{feff}\u{202e}reversed",
        "𠜎𠜱 读书会 👵🏽 é",
    ];
    let row: serde_json::Map<String, Value> = nasty
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("field{i}; DROP TABLE x"), json!(s)))
        .chain([(
            "nested".to_owned(),
            json!({ "list": nasty, "n": 1.5, "none": null }),
        )])
        .collect();
    let key = "x' OR '1'='1; --/\"member\"";
    // The row names its key, as every row must.
    let mut row = row;
    row.insert("id".into(), json!(key));
    let (status, body) = kiosk.push(&[change(
        "members",
        key,
        &stamp(1),
        Value::Object(row.clone()),
    )]);
    assert_eq!(status, 200, "{body}");
    let pulled = kiosk.pull_all();
    assert_eq!(pulled.len(), 1);
    assert_eq!(pulled[0].change.key, key);
    assert_eq!(pulled[0].change.row, row);
}

fn pull_pages_return_every_row_exactly_once(db: &TestDb) {
    let (_hub, kiosk) = hub_with_kiosk(db, "east-1");
    let keys: Vec<String> = (0..250).map(|i| format!("s1/m{i:03}")).collect();
    for chunk in keys.chunks(60) {
        let batch: Vec<Value> = chunk
            .iter()
            .map(|k| change("attendance", k, &stamp(1), json!({ "k": k })))
            .collect();
        assert_eq!(kiosk.push(&batch).0, 200);
    }
    let mut after = 0;
    let mut seen: Vec<PulledChange> = Vec::new();
    let mut pages = 0;
    loop {
        let (status, body) = kiosk.pull(after, 40);
        assert_eq!(status, 200);
        let page: PullResponse = serde_json::from_value(body).unwrap();
        pages += 1;
        assert!(page.changes.len() <= 40);
        assert!(page.changes.windows(2).all(|w| w[0].seq < w[1].seq));
        assert!(page.changes.iter().all(|c| c.seq > after));
        after = page.next;
        seen.extend(page.changes);
        if !page.more {
            break;
        }
        assert!(pages < 100);
    }
    assert_eq!(pages, 7);
    let unique: HashSet<&str> = seen.iter().map(|c| c.change.key.as_str()).collect();
    assert_eq!(seen.len(), 250);
    assert_eq!(
        unique,
        keys.iter().map(String::as_str).collect::<HashSet<_>>()
    );
    // A cursor at the end gives an empty page that keeps the cursor.
    let (_, body) = kiosk.pull(after, 40);
    assert_eq!(body, json!({ "changes": [], "next": after, "more": false }));
    // A limit above the most a page holds is cut to it.
    let (_, body) = kiosk.pull(0, 5_000);
    assert_eq!(body["changes"].as_array().unwrap().len(), 250);
}

fn a_killed_hub_keeps_everything_it_acknowledged(db: &TestDb) {
    let (mut hub, kiosk) = hub_with_kiosk(db, "east-1");
    let batch: Vec<Value> = (0..300)
        .map(|i| {
            change(
                "reading_log",
                &format!("r{i}"),
                &stamp(i),
                json!({ "minutes": i }),
            )
        })
        .collect();
    for chunk in batch.chunks(100) {
        assert_eq!(kiosk.push(chunk).0, 200);
    }
    let before = kiosk.pull_all();
    hub.kill_and_restart();
    assert_eq!(kiosk.pull_all(), before);
    // The sequence goes on after the restart, so cursors the kiosks hold stay right.
    let last = before.last().unwrap().seq;
    assert_eq!(
        kiosk
            .push(&[change("reading_log", "r0", &stamp(999), json!({}))])
            .0,
        200
    );
    let (_, body) = kiosk.pull(last, 10);
    let page: PullResponse = serde_json::from_value(body).unwrap();
    assert_eq!(page.changes.len(), 1);
    assert!(page.changes[0].seq > last);
}

fn health_and_logs_without_personal_data(db: &TestDb) {
    let (hub, kiosk) = hub_with_kiosk(db, "east-1");
    let response = reqwest::blocking::get(format!("{}/healthz", hub.url)).unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.text().unwrap(), "ok");

    let secret = "Li Na, card 4401";
    let (status, _) = kiosk.push(&[change(
        "members",
        "m1",
        &stamp(1),
        json!({ "name": secret }),
    )]);
    assert_eq!(status, 200);
    assert_eq!(kiosk.pull_all().len(), 1);
    let response = reqwest::blocking::get(format!("{}/v2/everything", hub.url)).unwrap();
    let (status, body) = support::answer(response);
    assert_eq!((status, error(&body).error.as_str()), (404, "not_found"));
    let response = kiosk
        .client
        .delete(format!("{}/v1/changes", hub.url))
        .bearer_auth(&kiosk.token)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);

    // The log is written as the answer goes out; give it a moment.
    let mut log = String::new();
    for _ in 0..50 {
        log = hub.log();
        if log.contains("GET /v1/changes") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        log.contains("POST /v1/changes 200 device=east-1 changes=1 "),
        "{log}"
    );
    assert!(
        log.contains("GET /v1/changes 200 device=east-1 changes=1 "),
        "{log}"
    );
    assert!(log.contains("GET /healthz 200 device=- changes=-"), "{log}");
    assert!(!log.contains(secret) && !log.contains("Li Na"), "{log}");
    assert!(!log.contains(&kiosk.token), "{log}");
}

fn a_device_in_a_loop_is_slowed_down(db: &TestDb) {
    let (hub, kiosk) = hub_with_kiosk(db, "east-1");
    let calm = Kiosk::new(&hub.url, &add_device(&db.url, "east-2"));
    let mut statuses = Vec::new();
    for _ in 0..400 {
        let (status, _) = kiosk.pull(0, 1);
        statuses.push(status);
        if status == 429 {
            break;
        }
    }
    assert_eq!(
        statuses.last(),
        Some(&429),
        "no 429 after {} requests",
        statuses.len()
    );
    assert!(statuses.len() > 100, "the burst is 100 requests");
    let (status, body) = kiosk.pull(0, 1);
    if status == 429 {
        assert_eq!(error(&body).error, "too_many_requests");
    }
    // Another device is not held back.
    assert_eq!(calm.pull(0, 1).0, 200);
}

#[test]
fn the_hub_speaks_https_with_a_certificate() {
    let db = TestDb::new(Engine::Sqlite).unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = db.dir.path().join("hub.crt");
    let key = db.dir.path().join("hub.key");
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let token = add_device(&db.url, "east-1");
    let hub = Hub::start_with(
        &db.url,
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    assert!(hub.url.starts_with("https://127.0.0.1:"), "{}", hub.url);
    let client = reqwest::blocking::Client::builder()
        .add_root_certificate(
            reqwest::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap(),
        )
        .resolve(
            "localhost",
            hub.url.trim_start_matches("https://").parse().unwrap(),
        )
        .build()
        .unwrap();
    let port = hub.url.rsplit(':').next().unwrap();
    let kiosk = Kiosk::with_client(client, &format!("https://localhost:{port}"), &token);
    assert_eq!(
        kiosk.push(&[change("clubs", "c1", &stamp(1), json!({}))]).0,
        200
    );
    assert_eq!(kiosk.pull_all().len(), 1);
    // Plain HTTP to the TLS port gets no data.
    let plain = reqwest::blocking::get(format!("http://127.0.0.1:{port}/healthz"));
    assert!(plain.map_or(true, |r| !r.status().is_success()));
}

#[test]
fn a_bad_certificate_or_database_stops_the_hub_with_a_plain_message() {
    let db = TestDb::new(Engine::Sqlite).unwrap();
    let missing = db.dir.path().join("missing.pem");
    let missing = missing.to_str().unwrap();
    let (ok, _, err) = leling_hub(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--db",
        &db.url,
        "--tls-cert",
        missing,
        "--tls-key",
        missing,
    ]);
    assert!(!ok && err.contains("certificate"), "{err}");
    // Issue 20, item 14: it never says it is listening when it cannot serve.
    assert!(!err.contains("listening"), "{err}");
    let (ok, _, err) = leling_hub(&["serve", "--listen", "127.0.0.1:0", "--db", "hub.db"]);
    assert!(!ok && err.contains("is not a hub database"), "{err}");
}

#[test]
fn a_hub_whose_port_is_taken_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let db = format!("sqlite:{}", dir.path().join("hub.db").display());
    let (ok, _, said) = leling_hub(&["serve", "--listen", &address, "--db", &db]);
    assert!(!ok);
    assert!(
        said.contains("another program already uses that address"),
        "{said}"
    );
    assert!(!said.contains("os error"), "{said}");
}

#[test]
fn the_hubs_own_mistakes_name_the_hub_program() {
    let (ok, _, said) = leling_hub(&[]);
    assert!(!ok, "{said}");
    assert!(said.contains("leling-hub --help"), "{said}");
    let (ok, _, said) = leling_hub(&["serve", "--no-such-option"]);
    assert!(!ok && said.contains("leling-hub --help"), "{said}");
}

/// Issue 20, item 11: the hub's database holds names, phones, cards and token hashes: only
/// the account that runs the hub can read it, however it was made.
#[cfg(unix)]
#[test]
fn the_hub_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::new(Engine::Sqlite).unwrap();
    let path = db.dir.path().join("hub.db");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert!(leling_hub(&["device", "add", "east-1", "--db", &db.url]).0);
    assert_eq!(mode(&path), 0o600);
    // One made by an older hub, readable by all, is made private when the hub opens it.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(leling_hub(&["device", "list", "--db", &db.url]).0);
    assert_eq!(mode(&path), 0o600);
}

/// Issue 20, item 12: once a kiosk pushes a member's forget, her name is gone from the hub's
/// files, not only from its rows: neither the database's free space nor its write-ahead log
/// keeps it.
#[test]
fn a_forgotten_members_name_leaves_the_hubs_files() {
    let db = TestDb::new(Engine::Sqlite).unwrap();
    let (_hub, kiosk) = hub_with_kiosk(&db, "east-1");
    let name = "欧阳独一无二";
    let member = json!({ "name": name, "card": "1001", "phone": "13800138000" });
    assert_eq!(
        kiosk.push(&[change("members", "m1", &stamp(1), member)]).0,
        200
    );
    let check_in = json!({ "note": "first visit" });
    assert_eq!(
        kiosk
            .push(&[change("attendance", "s1/m1", &stamp(2), check_in)])
            .0,
        200
    );
    let forgotten =
        json!({ "name": "", "card": null, "phone": null, "forgotten_on": "2026-12-07" });
    assert_eq!(
        kiosk
            .push(&[change("members", "m1", &stamp(3), forgotten)])
            .0,
        200
    );
    let needle = name.as_bytes();
    for file in ["hub.db", "hub.db-wal"] {
        let Ok(bytes) = std::fs::read(db.dir.path().join(file)) else {
            continue;
        };
        let found = bytes.windows(needle.len()).any(|window| window == needle);
        assert!(!found, "{file} still holds her name");
    }
}

/// Issue 20, item 10: clients that send their headers or their body a trickle at a time
/// (slowloris) cannot hold the hub: connections past the limit are closed at once, those
/// whose headers do not come within the wait are closed then, a body that trickles gets
/// `408`, and an honest kiosk is served once the wait has passed.
#[test]
fn slow_clients_cannot_hold_the_hub() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};

    let db = TestDb::new(Engine::Sqlite).unwrap();
    let token = add_device(&db.url, "east-1");
    let limits = [
        "--max-connections",
        "20",
        "--header-wait",
        "1",
        "--request-wait",
        "2",
    ];
    let hub = Hub::start_with(&db.url, &limits);
    let address = hub.url.trim_start_matches("http://").to_owned();
    let slow: Vec<TcpStream> = (0..30)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream
                .write_all(b"POST /v1/changes HTTP/1.1\r\nHost: hub\r\n")
                .unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            stream
        })
        .collect();
    // Every one of them is closed by the hub: those past the limit at once, the rest when
    // their headers have not come within the wait.
    let started = Instant::now();
    for mut stream in slow {
        let mut byte = [0u8; 1];
        match stream.read(&mut byte) {
            Ok(0) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            held => panic!("a slow client is still connected: {held:?}"),
        }
    }
    assert!(started.elapsed() < Duration::from_secs(8));

    let mut trickle = TcpStream::connect(&address).unwrap();
    let head = format!(
        "POST /v1/changes HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    );
    trickle.write_all(head.as_bytes()).unwrap();
    trickle
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut answer = Vec::new();
    for _ in 0..50 {
        let _ = trickle.write_all(b" ");
        let mut piece = [0u8; 512];
        if let Ok(read) = trickle.read(&mut piece) {
            answer.extend_from_slice(&piece[..read]);
            if read == 0 || answer.ends_with(b"}") {
                break;
            }
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("too_slow"), "{answer}");

    let kiosk = Kiosk::new(&hub.url, &token);
    assert_eq!(
        kiosk
            .push(&[change("members", "m1", &stamp(1), json!({}))])
            .0,
        200
    );
}

/// The reasons a push was refused for, by the change's place in it.
fn refusals(body: &Value) -> Vec<(u64, String)> {
    (body["refused"].as_array().into_iter().flatten())
        .map(|r| {
            (
                r["index"].as_u64().unwrap(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Issue 20, item 3: a centre's rows (clubs, members it registered, sessions, check-ins) are
/// written only by that centre's devices, whatever their stamps; a new session or check-in
/// belongs where its club or session does; a learner's own rows come from any centre where she
/// signs in; her forget is taken from any centre of her district. Each kiosk learns its centre.
fn a_centres_rows_are_written_by_its_own_devices_only(db: &TestDb) {
    let east = add_device_at(&db.url, "east-1", "东城中心", "西城区");
    let east_two = add_device_at(&db.url, "east-2", "东城中心", "西城区");
    let west = add_device_at(&db.url, "west-1", "西城中心", "西城区");
    let far = add_device_at(&db.url, "far-1", "海淀中心", "海淀区");
    let hub = Hub::start(&db.url);
    let (east, east_two, west, far) = (
        Kiosk::new(&hub.url, &east),
        Kiosk::new(&hub.url, &east_two),
        Kiosk::new(&hub.url, &west),
        Kiosk::new(&hub.url, &far),
    );
    let who = west
        .client
        .get(format!("{}/v1/device", hub.url))
        .bearer_auth(&west.token)
        .send()
        .unwrap();
    let who: Value = serde_json::from_str(&who.text().unwrap()).unwrap();
    assert_eq!(who["centre"], "西城中心");
    assert_eq!(who["district"], "西城区");

    let (status, body) = east.push(&[
        change("clubs", "c1", &stamp(1), json!({ "name": "银杏读书会" })),
        change("club_sessions", "s1", &stamp(2), json!({ "club_id": "c1" })),
        change(
            "members",
            "m1",
            &stamp(3),
            json!({ "name": "张秀英", "card": "1001" }),
        ),
        change("attendance", "s1/m1", &stamp(4), json!({})),
    ]);
    assert_eq!((status, refusals(&body)), (200, vec![]), "{body}");

    let place =
        json!({ "learner": "m1", "book_title": "红楼梦", "book_author": "曹雪芹", "chapter": 3 });
    let (status, body) = west.push(&[
        change("clubs", "c1", &stamp(10), json!({ "name": "改了名" })),
        change(
            "club_sessions",
            "s2",
            &stamp(11),
            json!({ "club_id": "c1" }),
        ),
        change("attendance", "s1/m2", &stamp(12), json!({})),
        change(
            "members",
            "m1",
            &stamp(13),
            json!({ "name": "张秀英", "phone": "13900000000" }),
        ),
        change(
            "reading_log",
            "r2",
            &stamp(15),
            json!({ "member_id": "m1", "minutes": 30 }),
        ),
        change("lecture_attendance", "m1/l1", &stamp(16), json!({})),
        json!({ "table": "reading_positions",
                "key": format!("m1/{}", leling_core::protocol::book_key("红楼梦", "曹雪芹")),
                "stamp": stamp(17), "deleted": false, "row": place }),
        change("clubs", "c2", &stamp(18), json!({ "name": "银杏读书会" })),
    ]);
    assert_eq!(status, 200, "{body}");
    let other = |i| (i, "other-centre".to_owned());
    assert_eq!(
        refusals(&body),
        vec![other(0), other(1), other(2), other(3)]
    );
    assert_eq!(body["accepted"], 4);
    let tombstone =
        json!({ "table": "clubs", "key": "c1", "stamp": stamp(14), "deleted": true, "row": {} });
    let (_, body) = west.push(&[tombstone]);
    assert_eq!(refusals(&body), vec![other(0)], "nor delete it");

    let (status, body) = east_two.push(&[change(
        "clubs",
        "c1",
        &stamp(20),
        json!({ "name": "银杏读书会 · 周三" }),
    )]);
    assert_eq!((status, refusals(&body)), (200, vec![]), "{body}");

    let forgotten = json!({ "name": "", "card": null, "forgotten_on": "2026-12-07" });
    let (_, body) = far.push(&[change("members", "m1", &stamp(30), forgotten.clone())]);
    assert_eq!(
        refusals(&body),
        vec![other(0)],
        "another district cannot forget her"
    );
    let (_, body) = west.push(&[change("members", "m1", &stamp(31), forgotten)]);
    assert_eq!(refusals(&body), vec![], "her district can");

    let rows = state(&east);
    let row = |table: &str, key: &str| rows.get(&(table.to_owned(), key.to_owned()));
    assert_eq!(row("clubs", "c1").unwrap().3["name"], "银杏读书会 · 周三");
    assert_eq!(row("clubs", "c1").unwrap().1, "east-2");
    assert!(row("club_sessions", "s2").is_none() && row("attendance", "s1/m2").is_none());
    assert_eq!(row("members", "m1").unwrap().3["name"], "");
    assert_eq!(row("members", "m1").unwrap().1, "west-1");
    assert_eq!(row("reading_log", "r2").unwrap().1, "west-1");
    assert_eq!(row("clubs", "c2").unwrap().1, "west-1");
}

/// Issue 20, item 3: the hub keeps what each device changed; `device log` says which records,
/// when, and what was done, never their contents (a name, a phone, a PIN's hash); revoking a
/// lost kiosk can undo what it changed since a time: a row it rewrote goes back to the version
/// before, a row it made goes, and a row someone wrote after it stays as they left it.
fn a_revoked_devices_changes_are_undone_and_its_log_shows_no_contents(db: &TestDb) {
    let honest = add_device_at(&db.url, "east-1", "东城中心", "西城区");
    let lost = add_device_at(&db.url, "east-lost", "东城中心", "西城区");
    let hub = Hub::start(&db.url);
    let (honest, lost) = (Kiosk::new(&hub.url, &honest), Kiosk::new(&hub.url, &lost));
    let secret_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    let (status, _) = honest.push(&[
        change(
            "members",
            "m1",
            &stamp(1),
            json!({ "name": "张秀英", "phone": "13800000001", "pin_hash": secret_hash }),
        ),
        change("clubs", "c1", &stamp(2), json!({ "name": "银杏读书会" })),
    ]);
    assert_eq!(status, 200);
    let (status, body) = lost.push(&[
        change(
            "members",
            "m1",
            &stamp(10),
            json!({ "name": "张秀英", "phone": "13999999999", "pin_hash": secret_hash }),
        ),
        change("members", "m9", &stamp(11), json!({ "name": "冒名顶替" })),
        change("clubs", "c1", &stamp(12), json!({ "name": "被改掉的名字" })),
    ]);
    assert_eq!((status, refusals(&body)), (200, vec![]), "{body}");
    let (status, _) = honest.push(&[change(
        "clubs",
        "c1",
        &stamp(20),
        json!({ "name": "银杏读书会" }),
    )]);
    assert_eq!(status, 200);

    let (ok, log, err) = leling_hub(&["device", "log", "east-lost", "--db", &db.url]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    for (line, (table, key)) in
        lines
            .iter()
            .zip([("members", "m1"), ("members", "m9"), ("clubs", "c1")])
    {
        assert!(
            line.contains(table) && line.contains(key) && line.contains("wrote"),
            "{log}"
        );
    }
    for secret in ["张秀英", "13999999999", "argon2", "冒名顶替", "被改掉"] {
        assert!(!log.contains(secret), "the log shows {secret}: {log}");
    }

    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let (ok, out, err) = leling_hub(&[
        "device",
        "revoke",
        "east-lost",
        "--undo-since",
        &today,
        "--db",
        &db.url,
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("revoked"), "{out}");
    assert!(
        out.contains("1 records put back")
            && out.contains("1 it had made removed")
            && out.contains("0 left as they are"),
        "{out}"
    );
    assert_eq!(lost.pull(0, 10).0, 401);

    let rows = state(&honest);
    let (stamp_now, by, deleted, member) = &rows[&("members".to_owned(), "m1".to_owned())];
    assert_eq!(
        (member["phone"].as_str(), by.as_str(), *deleted),
        (Some("13800000001"), "hub", false)
    );
    assert!(
        stamp_now.as_str() > stamp(10).as_str(),
        "the undo comes after what it undoes"
    );
    assert!(
        rows[&("members".to_owned(), "m9".to_owned())].2,
        "the row it made is gone"
    );
    let club = &rows[&("clubs".to_owned(), "c1".to_owned())];
    assert_eq!(
        (club.1.as_str(), club.3["name"].as_str()),
        ("east-1", Some("银杏读书会"))
    );

    let (_, log, _) = leling_hub(&["device", "log", "east-lost", "--db", &db.url]);
    assert_eq!(log.matches("(undone)").count(), 3, "{log}");
    let (ok, _, err) = leling_hub(&[
        "device",
        "log",
        "east-lost",
        "--since",
        "yesterday",
        "--db",
        &db.url,
    ]);
    assert!(!ok && err.contains("Cannot read the time"), "{err}");
    let (ok, _, err) = leling_hub(&["device", "add", "hub", "--db", &db.url]);
    assert!(!ok && err.contains("the hub's own name"), "{err}");
    let (_, list, _) = leling_hub(&["device", "list", "--db", &db.url]);
    assert!(list.contains("东城中心"), "{list}");
}
