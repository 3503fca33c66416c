//! The sync protocol, version 1, as JSON over HTTP (documented in `docs/sync.md`).
//!
//! - `POST /v1/changes` with a [`PushRequest`] of at most [`MAX_PUSH`] changes from the kiosk's
//!   outbox; the hub answers [`PushResponse`]. Pushing the same change again is harmless: a
//!   change is identified by its row key and stamp.
//! - `GET /v1/changes?after=CURSOR&limit=N` answers [`PullResponse`]: the rows changed after
//!   the cursor (the hub's sequence number), oldest first, in pages.
//! - Every request carries `Authorization: Bearer TOKEN`; the hub sets each change's device
//!   from the token, never from the body. Errors are [`ErrorBody`] with a plain message.

use serde::{Deserialize, Serialize};

pub const PROTOCOL_VERSION: u32 = 1;

/// The most changes one push may carry.
pub const MAX_PUSH: usize = 1_000;

/// The most changes one pull page holds.
pub const MAX_PULL: usize = 1_000;

/// The tables that travel, by the names both sides use.
pub const SYNCED_TABLES: &[&str] = &[
    "clubs",
    "members",
    "club_sessions",
    "attendance",
    "reading_log",
    "reading_positions",
    "lecture_attendance",
];

/// One row's new state, as written on a kiosk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// One of [`SYNCED_TABLES`].
    pub table: String,
    /// What identifies the row across kiosks: its UUIDv7 id, or for rows with a natural key
    /// the key itself (attendance: `SESSION/MEMBER`, so two kiosks checking one person in to
    /// one session make one row).
    pub key: String,
    /// The hybrid-logical-clock stamp of the write (see [`Stamp`]).
    pub stamp: String,
    /// A tombstone: the row was deleted (or a check-in undone).
    #[serde(default)]
    pub deleted: bool,
    /// The row's columns, by name.
    pub row: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// How many of the pushed changes the hub now holds (new or already known); all of them
    /// unless the response is an error.
    pub accepted: usize,
    /// The name the hub knows this kiosk by (from its token): the kiosk breaks ties between
    /// equal stamps with it, as the hub does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
}

/// A change as the hub hands it out: with its sequence number and the device that wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulledChange {
    pub seq: i64,
    pub device: String,
    #[serde(flatten)]
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<PulledChange>,
    /// The cursor to ask from next time.
    pub next: i64,
    /// More changes wait after this page.
    pub more: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// A short code: `unauthorized`, `too_large`, `too_many_requests`, `bad_request`, …
    pub error: String,
    /// What happened, in plain English.
    pub message: String,
}

/// A hybrid-logical-clock stamp: wall-clock milliseconds and a counter for writes within one
/// millisecond (or after a clock that went back). Written as `MMMMMMMMMMMMM-CCCC`, so stamps
/// sort as text in the order they happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub millis: u64,
    pub counter: u32,
}

impl Stamp {
    pub fn parse(text: &str) -> Option<Stamp> {
        let (millis, counter) = text.split_once('-')?;
        if millis.len() != 13 || counter.len() != 4 {
            return None;
        }
        Some(Stamp {
            millis: millis.parse().ok()?,
            counter: counter.parse().ok()?,
        })
    }

    /// The next stamp of a clock that last gave `self`, now that the wall clock reads `now`
    /// (milliseconds): never earlier than anything it has given or seen.
    pub fn tick(self, now: u64) -> Stamp {
        if now > self.millis {
            Stamp {
                millis: now,
                counter: 0,
            }
        } else if self.counter >= MAX_COUNTER {
            // The counter has four digits: past them the stamp moves to the next millisecond,
            // so stamps keep their shape and their order.
            Stamp {
                millis: self.millis + 1,
                counter: 0,
            }
        } else {
            Stamp {
                millis: self.millis,
                counter: self.counter + 1,
            }
        }
    }
}

/// The largest counter a stamp's four digits hold.
const MAX_COUNTER: u32 = 9_999;

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:013}-{:04}", self.millis, self.counter)
    }
}

/// Whether a change stamped `(stamp, device)` replaces a row last written at
/// `(held_stamp, held_device)`: the newest stamp wins, and equal stamps go to the larger
/// device id, so every kiosk and the hub pick the same winner whatever order changes arrive in.
pub fn wins(stamp: &str, device: &str, held_stamp: &str, held_device: &str) -> bool {
    (stamp, device) > (held_stamp, held_device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_as_text_in_the_order_they_were_made() {
        let first = Stamp {
            millis: 1_763_800_000_000,
            counter: 0,
        };
        let same_millisecond = first.tick(first.millis);
        let clock_went_back = same_millisecond.tick(first.millis - 5_000);
        let later = clock_went_back.tick(first.millis + 1);
        let texts: Vec<String> = [first, same_millisecond, clock_went_back, later]
            .iter()
            .map(Stamp::to_string)
            .collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted);
        assert_eq!(Stamp::parse(&texts[2]), Some(clock_went_back));
        assert_eq!(Stamp::parse("12-1"), None);
        let full = Stamp {
            millis: 5,
            counter: 9_999,
        };
        assert_eq!(full.tick(5).to_string(), "0000000000006-0000");
    }

    #[test]
    fn equal_stamps_go_to_the_larger_device() {
        assert!(wins("0000000000002-0000", "a", "0000000000001-0009", "z"));
        assert!(wins("0000000000001-0000", "b", "0000000000001-0000", "a"));
        assert!(!wins("0000000000001-0000", "a", "0000000000001-0000", "b"));
        // The same change again never wins over itself: pushes are idempotent.
        assert!(!wins("0000000000001-0000", "a", "0000000000001-0000", "a"));
    }
}
