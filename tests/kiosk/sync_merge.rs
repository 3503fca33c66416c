//! The kiosk's merge rule as a property: the same changes from the hub, in any order and in
//! any paging, leave every kiosk with the same rows (newest stamp wins, ties to the larger
//! device id; a check-in is one row per session and member whoever made it; members holding
//! one card are one person, the first registered standing for the others).

use leling::store::Store;
use leling::sync::protocol::{Change, PulledChange};
use proptest::prelude::*;
use serde_json::{Map, json};

/// A change to one of a few members or check-ins, by one of three devices.
fn change() -> impl Strategy<Value = PulledChange> {
    (
        0..3usize,
        0..3usize,
        0..4u64,
        0..2u32,
        any::<bool>(),
        0..1000u32,
    )
        .prop_map(|(kind, which, millis, counter, deleted, salt)| {
            let device = ["kiosk-a", "kiosk-b", "kiosk-c"][which % 3].to_owned();
            let stamp = format!("{:013}-{:04}", 1_763_800_000_000 + millis, counter);
            let (table, key, row) = match kind {
                0 | 1 => {
                    let id = format!("0199a000-0000-7000-8000-00000000000{which}");
                    let mut row = Map::new();
                    row.insert("id".into(), json!(id));
                    row.insert("name".into(), json!(format!("成员{salt}")));
                    // Three registrations share two cards, so one card often names two of
                    // them: one person registered at two kiosks.
                    let card = ["1001", "1002"].get(salt as usize % 3).copied();
                    row.insert("card".into(), json!(card));
                    row.insert("same_as".into(), json!(null));
                    row.insert("joined_on".into(), json!("2026-11-01"));
                    row.insert("search_keys".into(), json!(""));
                    row.insert("deleted".into(), json!(i64::from(deleted && salt % 5 == 0)));
                    row.insert("changed_at".into(), json!("2026-11-01T00:00:00.000Z"));
                    ("members", id, row)
                }
                _ => {
                    let session = "0199a000-0000-7000-8000-0000000000aa";
                    let member = format!("0199a000-0000-7000-8000-00000000000{which}");
                    let mut row = Map::new();
                    // Each kiosk gives its own id to the row; the natural key makes them one.
                    row.insert("id".into(), json!(format!("{device}-{salt}")));
                    row.insert("session_id".into(), json!(session));
                    row.insert("member_id".into(), json!(member));
                    row.insert("checked_in_at".into(), json!("2026-11-21T09:30:00.000Z"));
                    row.insert("minutes_read".into(), json!(salt % 90));
                    row.insert("deleted".into(), json!(i64::from(deleted)));
                    row.insert("changed_at".into(), json!("2026-11-21T09:30:00.000Z"));
                    ("attendance", format!("{session}/{member}"), row)
                }
            };
            PulledChange {
                seq: 0,
                device,
                change: Change {
                    table: table.into(),
                    key,
                    stamp,
                    deleted: kind == 2 && deleted,
                    row,
                },
            }
        })
}

/// What a kiosk ends up holding: members (with who stands for whom) and check-ins as text, in
/// key order.
fn state(store: &Store) -> Vec<String> {
    let mut rows: Vec<String> = store
        .clubs()
        .members()
        .unwrap()
        .into_iter()
        .map(|m| format!("person {} {} {:?}", m.id, m.name, m.card))
        .collect();
    let db = rusqlite::Connection::open(store.path()).unwrap();
    let mut stmt = db
        .prepare("SELECT id, card, same_as, deleted FROM members")
        .unwrap();
    let registrations = stmt
        .query_map([], |r| {
            Ok(format!(
                "member {} {:?} {:?} {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?
            ))
        })
        .unwrap()
        .map(Result::unwrap);
    rows.extend(registrations);
    let mut stmt = db
        .prepare(
            "SELECT session_id, member_id, minutes_read, deleted FROM attendance
             ORDER BY session_id, member_id",
        )
        .unwrap();
    let checkins = stmt
        .query_map([], |r| {
            Ok(format!(
                "check-in {} {} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?
            ))
        })
        .unwrap()
        .map(Result::unwrap);
    rows.extend(checkins);
    rows.sort();
    rows
}

fn kiosk(dir: &tempfile::TempDir, name: &str) -> Store {
    let store = Store::open(&dir.path().join(format!("{name}.db"))).unwrap();
    store.outbox().set_sync_hub("http://127.0.0.1:1").unwrap();
    store.outbox().set_sync_device(name).unwrap();
    store
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_order_of_the_same_changes_gives_the_same_rows(
        changes in prop::collection::vec(change(), 1..25),
        order in any::<u64>(),
        page in 1..6usize,
    ) {
        // A device never gives two writes the same stamp: one change per (row, stamp, device).
        let mut seen = std::collections::HashSet::new();
        let changes: Vec<PulledChange> = changes
            .into_iter()
            .filter(|c| seen.insert((c.change.key.clone(), c.change.stamp.clone(), c.device.clone())))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let first = kiosk(&dir, "kiosk-x");
        for (seq, pulled) in changes.iter().enumerate() {
            let mut pulled = pulled.clone();
            pulled.seq = seq as i64 + 1;
            first.outbox().apply_remote_page(&[pulled], seq as i64 + 1).unwrap();
        }
        // The same changes shuffled, in pages of `page`.
        let mut shuffled = changes.clone();
        let mut seed = order | 1;
        for i in (1..shuffled.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            shuffled.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let second = kiosk(&dir, "kiosk-y");
        for (n, chunk) in shuffled.chunks(page).enumerate() {
            second.outbox().apply_remote_page(chunk, n as i64 + 1).unwrap();
        }
        prop_assert_eq!(state(&first), state(&second));
        let cards: Vec<Option<String>> =
            second.clubs().members().unwrap().into_iter().map(|m| m.card).filter(Option::is_some).collect();
        let distinct: std::collections::BTreeSet<_> = cards.iter().collect();
        prop_assert_eq!(cards.len(), distinct.len(), "a card stands for two people");
        // Changes from the hub are not sent back to it.
        prop_assert_eq!(second.outbox().waiting().unwrap(), 0);
    }
}

/// Issue 20, item 2: a change from the hub whose key is not its row's (here a new member's
/// key carrying another member's id) would overwrite that member whatever the stamps say. The
/// kiosk sets it aside with its reason, and the member is as she was.
#[test]
fn a_change_under_another_rows_key_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk(&dir, "kiosk-a");
    let honest = change_of_member("m1", "张秀英", "1763800000000-0000", "m1");
    assert_eq!(store.outbox().apply_remote_page(&[honest], 1).unwrap(), 1);
    let forged = change_of_member("m-new", "forged", "1763800000001-0000", "m1");
    let applied = store.outbox().apply_remote_page(&[forged], 2).unwrap();
    assert_eq!(applied, 0);
    let names: Vec<String> = state(&store)
        .into_iter()
        .filter(|row| row.contains("forged"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    let set_aside = store.outbox().set_aside_changes().unwrap();
    assert_eq!(set_aside.len(), 1);
    assert_eq!(
        set_aside[0].reason,
        leling::sync::protocol::Reason::KeyMismatch
    );
    assert!(set_aside[0].from_hub);
}

/// A member's change from kiosk-b under `key`, its row naming `id`.
fn change_of_member(key: &str, name: &str, stamp: &str, id: &str) -> PulledChange {
    let row = json!({
        "id": id, "name": name, "card": null, "same_as": null, "joined_on": "2026-11-01",
        "search_keys": "", "deleted": 0, "changed_at": "2026-11-01T00:00:00.000Z"
    });
    PulledChange {
        seq: 0,
        device: "kiosk-b".into(),
        change: Change {
            table: "members".into(),
            key: key.into(),
            stamp: stamp.into(),
            deleted: false,
            row: row.as_object().cloned().unwrap(),
        },
    }
}

/// Issue 20, item 1: the hub keeps time. A kiosk whose clock is two days behind the hub's
/// still takes in the stamps of the hub's present (up to a day past the later of the two
/// clocks), so its next edit of a row pulled from there comes after that row's version
/// instead of losing to it.
#[test]
fn a_kiosk_behind_the_hub_follows_the_hubs_clock() {
    let dir = tempfile::tempdir().unwrap();
    let store = kiosk(&dir, "kiosk-a");
    let day: u64 = 24 * 60 * 60 * 1000;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    store.outbox().note_clock(-2 * day as i64).unwrap();
    let hubs_present = format!("{:013}-0000", now + 2 * day - 60_000);
    let mut registered = change_of_member("m1", "张秀英", &hubs_present, "m1");
    registered.change.row.insert("card".into(), json!("1001"));
    assert_eq!(
        store.outbox().apply_remote_page(&[registered], 1).unwrap(),
        1
    );
    store.clubs().forget_member("1001").unwrap();
    let db = rusqlite::Connection::open(store.path()).unwrap();
    let stamp: String = db
        .query_row(
            "SELECT stamp FROM row_versions WHERE tbl = 'members' AND key = 'm1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        stamp > hubs_present,
        "the forget ({stamp}) loses to {hubs_present}"
    );
}
