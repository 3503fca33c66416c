//! The rules for changes going into and out of the hub, the same for every storage engine:
//! what a valid change is, which changes are refused one by one (a stamp from too far in the
//! future, a key that is not its row's), one winner per row within a batch, and pull pages.

use std::collections::HashMap;

use leling_core::protocol::{
    Change, FUTURE_LIMIT_MILLIS, MAX_PUSH, PullResponse, PulledChange, Reason, RefusedChange,
    SYNCED_TABLES, Stamp, names_its_row,
};

/// The longest row key the hub takes, in bytes (a UUID is 36; a natural key two of them).
pub const MAX_KEY_BYTES: usize = 200;

/// Why a whole push was refused: it does not speak the protocol (the kiosk can fix and resend
/// it). A change that speaks it but cannot be taken is refused alone (`Batch::refused`).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("a push carries at most {MAX_PUSH} changes; this one carries {0}")]
    TooMany(usize),
    #[error("change {index}: \"{table}\" is not a table that syncs")]
    UnknownTable { index: usize, table: String },
    #[error("change {index}: the stamp is not MMMMMMMMMMMMM-CCCC")]
    BadStamp { index: usize },
    #[error(
        "change {index}: the key must be 1 to {MAX_KEY_BYTES} bytes with no control characters"
    )]
    BadKey { index: usize },
}

/// A batch ready for storage: at most one change per row; how many changes of the push the hub
/// holds now, and those it would not take.
#[derive(Debug)]
pub struct Batch {
    pub changes: Vec<Change>,
    /// For each of `changes`, its place in the push.
    pub origins: Vec<usize>,
    pub accepted: usize,
    pub refused: Vec<RefusedChange>,
}

/// Checks every change, sets aside those that cannot be taken, and keeps, per row, the
/// newest of the rest. All changes in a batch come from one device, so the newest stamp is the
/// winner `wins` would pick; keeping one per row lets an engine write the batch in one
/// statement. `now`: the hub's clock, in Unix milliseconds, the authority on time.
pub fn prepare(changes: Vec<Change>, now: u64) -> Result<Batch, Refused> {
    if changes.len() > MAX_PUSH {
        return Err(Refused::TooMany(changes.len()));
    }
    for (index, change) in changes.iter().enumerate() {
        check(index, change)?;
    }
    let total = changes.len();
    let mut refused = Vec::new();
    let mut slot: HashMap<(String, String), usize> = HashMap::new();
    let mut kept: Vec<Change> = Vec::with_capacity(changes.len());
    let mut origins: Vec<usize> = Vec::with_capacity(changes.len());
    for (index, change) in changes.into_iter().enumerate() {
        if let Some(reason) = refusal(&change, now) {
            refused.push(RefusedChange { index, reason });
            continue;
        }
        let row = (change.table.clone(), change.key.clone());
        match slot.get(&row) {
            Some(&i) if kept[i].stamp >= change.stamp => {}
            Some(&i) => {
                kept[i] = change;
                origins[i] = index;
            }
            None => {
                slot.insert(row, kept.len());
                kept.push(change);
                origins.push(index);
            }
        }
    }
    Ok(Batch {
        accepted: total - refused.len(),
        changes: kept,
        origins,
        refused,
    })
}

/// Why the hub will not take a change that speaks the protocol, if it will not.
fn refusal(change: &Change, now: u64) -> Option<Reason> {
    let stamp = Stamp::parse(&change.stamp)?;
    if stamp.millis > now.saturating_add(FUTURE_LIMIT_MILLIS) {
        return Some(Reason::FutureStamp);
    }
    (!names_its_row(change)).then_some(Reason::KeyMismatch)
}

fn check(index: usize, change: &Change) -> Result<(), Refused> {
    if !SYNCED_TABLES.contains(&change.table.as_str()) {
        return Err(Refused::UnknownTable {
            index,
            table: change.table.chars().take(40).collect(),
        });
    }
    if Stamp::parse(&change.stamp).is_none() {
        return Err(Refused::BadStamp { index });
    }
    // Keys are ids, never free text; PostgreSQL text cannot hold NUL at all.
    let key = &change.key;
    if key.is_empty() || key.len() > MAX_KEY_BYTES || key.chars().any(char::is_control) {
        return Err(Refused::BadKey { index });
    }
    Ok(())
}

/// A pull page from the rows an engine found after `after`: it asks for one more than
/// `limit`, so a page that is full tells whether more wait.
pub fn page(mut rows: Vec<PulledChange>, after: i64, limit: usize) -> PullResponse {
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = rows.last().map_or(after, |c| c.seq);
    PullResponse {
        changes: rows,
        next,
        more,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hub's clock in these tests: 2025-11-22, when their stamps were made.
    const NOW: u64 = 1_763_800_000_000;

    fn prepare_now(changes: Vec<Change>) -> Result<Batch, Refused> {
        prepare(changes, NOW)
    }

    /// A change whose row names it, as a kiosk's does.
    fn change(table: &str, key: &str, stamp: &str) -> Change {
        let row = match key.split_once('/') {
            Some((session, member)) => {
                serde_json::json!({ "session_id": session, "member_id": member })
            }
            None => serde_json::json!({ "id": key }),
        };
        Change {
            table: table.into(),
            key: key.into(),
            stamp: stamp.into(),
            deleted: false,
            row: row.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn a_batch_keeps_the_newest_change_of_each_row_and_counts_them_all() {
        let batch = prepare_now(vec![
            change("members", "a", "1763800000002-0000"),
            change("members", "b", "1763800000001-0000"),
            change("members", "a", "1763800000001-0000"),
            change("clubs", "a", "1763800000001-0000"),
        ])
        .unwrap();
        assert_eq!(batch.accepted, 4);
        let kept: Vec<_> = batch
            .changes
            .iter()
            .map(|c| (c.table.as_str(), c.key.as_str(), c.stamp.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("members", "a", "1763800000002-0000"),
                ("members", "b", "1763800000001-0000"),
                ("clubs", "a", "1763800000001-0000"),
            ]
        );
    }

    #[test]
    fn bad_changes_refuse_the_batch_and_say_which() {
        let ok = "1763800000000-0000";
        assert_eq!(
            prepare_now(vec![change("members", "a", ok), change("books", "a", ok)]).unwrap_err(),
            Refused::UnknownTable {
                index: 1,
                table: "books".into()
            }
        );
        assert_eq!(
            prepare_now(vec![change("members", "a", "yesterday")]).unwrap_err(),
            Refused::BadStamp { index: 0 }
        );
        for key in ["", "a\0b", &"k".repeat(MAX_KEY_BYTES + 1)] {
            assert_eq!(
                prepare_now(vec![change("members", key, ok)]).unwrap_err(),
                Refused::BadKey { index: 0 }
            );
        }
        let too_many = vec![change("members", "a", ok); MAX_PUSH + 1];
        assert_eq!(
            prepare_now(too_many).unwrap_err(),
            Refused::TooMany(MAX_PUSH + 1)
        );
    }

    #[test]
    fn a_change_from_the_future_or_under_another_rows_key_is_refused_alone() {
        let ok = "1763800000000-0000";
        let mut forged = change("members", "m-2", "1763800000001-0000");
        forged.row.insert("id".into(), "m-1".into());
        let batch = prepare_now(vec![
            change("members", "m-1", ok),
            change("members", "m-9", "9999999999999-9999"),
            forged,
            // A day ahead is a clock set a little wrong, and is taken.
            change(
                "members",
                "m-3",
                &format!("{:013}-0000", NOW + FUTURE_LIMIT_MILLIS),
            ),
            change(
                "members",
                "m-4",
                &format!("{:013}-0000", NOW + FUTURE_LIMIT_MILLIS + 1),
            ),
        ])
        .unwrap();
        let refused: Vec<_> = batch.refused.iter().map(|r| (r.index, r.reason)).collect();
        assert_eq!(
            refused,
            [
                (1, Reason::FutureStamp),
                (2, Reason::KeyMismatch),
                (4, Reason::FutureStamp)
            ]
        );
        assert_eq!(batch.accepted, 2);
        let kept: Vec<_> = batch.changes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(kept, ["m-1", "m-3"]);
    }

    #[test]
    fn a_full_page_says_more_wait_and_where_to_go_on() {
        let rows: Vec<PulledChange> = (1..=3)
            .map(|seq| PulledChange {
                seq,
                device: "k".into(),
                change: change("members", &seq.to_string(), "1763800000000-0000"),
            })
            .collect();
        let full = page(rows.clone(), 0, 2);
        assert!(full.more);
        assert_eq!(full.next, 2);
        assert_eq!(full.changes.len(), 2);
        let last = page(rows[2..].to_vec(), 2, 2);
        assert!(!last.more);
        assert_eq!(last.next, 3);
        let empty = page(Vec::new(), 3, 2);
        assert_eq!((empty.next, empty.more), (3, false));
    }
}
