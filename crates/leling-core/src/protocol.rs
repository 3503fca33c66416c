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
    "learner_settings",
    "quiz_results",
    "session_quizzes",
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
    /// How many of the pushed changes the hub now holds (new or already known): all of them
    /// but those in `refused`.
    pub accepted: usize,
    /// The changes the hub would not take, each with why; the rest of the batch was taken, so
    /// one bad change never holds back those behind it. The kiosk sets these aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<RefusedChange>,
    /// The name the hub knows this kiosk by (from its token): the kiosk breaks ties between
    /// equal stamps with it, as the hub does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
}

/// `GET /v1/device`: who the token says this kiosk is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceResponse {
    /// The device id the hub writes into its changes.
    pub device: String,
    /// The centre it belongs to, as the hub's administrator set it with the device
    /// (`leling-hub device add NAME --centre C`); empty when none was given.
    #[serde(default)]
    pub centre: String,
    /// The centre's district, likewise.
    #[serde(default)]
    pub district: String,
    pub protocol: u32,
}

/// A change of a push that the hub would not take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedChange {
    /// Its place in the push, from 0.
    pub index: usize,
    pub reason: Reason,
}

/// Why a change was refused, as a code both sides and the reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Stamped more than [`FUTURE_LIMIT_MILLIS`] after the receiver's clock: a clock set
    /// wrong, or a row forged to win every conflict.
    FutureStamp,
    /// The change's key is not the key its row's columns make (`row_key`): it would write
    /// over another row than the one it names.
    KeyMismatch,
    /// Stamped exactly as the version the hub holds from another device: two devices wrote
    /// one row in one millisecond, or one replays another's stamp to win the tie. Nobody wins
    /// a tie: an honest kiosk stamps its change anew and sends it again.
    SameStamp,
    /// A centre's row (a club, a member it registered, a session, a check-in) written by a
    /// device of another centre: only the centre's own devices write its rows.
    OtherCentre,
    /// A reason from a newer hub than this kiosk knows.
    #[serde(other)]
    Other,
}

impl Reason {
    /// The code, as written in the protocol and kept with a change set aside.
    pub fn code(self) -> &'static str {
        match self {
            Reason::FutureStamp => "future-stamp",
            Reason::KeyMismatch => "key-mismatch",
            Reason::SameStamp => "same-stamp",
            Reason::OtherCentre => "other-centre",
            Reason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Reason {
        match code {
            "future-stamp" => Reason::FutureStamp,
            "key-mismatch" => Reason::KeyMismatch,
            "same-stamp" => Reason::SameStamp,
            "other-centre" => Reason::OtherCentre,
            _ => Reason::Other,
        }
    }
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
    /// Reads `MMMMMMMMMMMMM-CCCC`: exactly 13 and 4 ASCII digits (no sign, no space).
    pub fn parse(text: &str) -> Option<Stamp> {
        let (millis, counter) = text.split_once('-')?;
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(millis, 13) || !digits(counter, 4) {
            return None;
        }
        Some(Stamp {
            millis: millis.parse().ok()?,
            counter: counter.parse().ok()?,
        })
    }

    /// The next stamp of a clock that last gave `self`, now that the wall clock reads `now`
    /// (milliseconds): never earlier than anything it has given or seen, and never past the
    /// 13 digits a stamp has (at the very last stamp it stays there rather than grow a digit
    /// that every hub would refuse).
    pub fn tick(self, now: u64) -> Stamp {
        let now = now.min(MAX_MILLIS);
        if now > self.millis {
            Stamp {
                millis: now,
                counter: 0,
            }
        } else if self.counter < MAX_COUNTER {
            Stamp {
                millis: self.millis,
                counter: self.counter + 1,
            }
        } else if self.millis < MAX_MILLIS {
            // The counter has four digits: past them the stamp moves to the next millisecond,
            // so stamps keep their shape and their order.
            Stamp {
                millis: self.millis + 1,
                counter: 0,
            }
        } else {
            self
        }
    }
}

/// The largest counter a stamp's four digits hold.
const MAX_COUNTER: u32 = 9_999;
/// The largest milliseconds a stamp's 13 digits hold (in the year 2286).
const MAX_MILLIS: u64 = 9_999_999_999_999;

/// How far ahead of the receiver's clock a stamp may be: a day, for clocks set a little
/// wrong. The hub refuses a change stamped later than its own time plus this; a kiosk never
/// sets its clock by a stamp later than its own time plus this.
pub const FUTURE_LIMIT_MILLIS: u64 = 24 * 60 * 60 * 1000;

/// The key a row travels under, made from its columns as the kiosk's triggers make it: the
/// row's `id`, or for rows with a natural key its two parts joined by `/` (a reading place
/// names its book by a hash of title and author, as book ids differ between kiosks). `None`
/// when the row lacks a column of its key, or the table does not sync.
pub fn row_key(table: &str, row: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    let text = |column: &str| match row.get(column)? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let pair = |first: &str, second: &str| Some(format!("{}/{}", text(first)?, text(second)?));
    match table {
        "clubs" | "members" | "club_sessions" | "reading_log" | "quiz_results"
        | "session_quizzes" => text("id"),
        "attendance" => pair("session_id", "member_id"),
        "lecture_attendance" => pair("learner", "lecture_id"),
        "learner_settings" => text("learner"),
        "reading_positions" => {
            let title = text("book_title")?;
            let author = text("book_author").unwrap_or_default();
            Some(format!(
                "{}/{}",
                text("learner")?,
                book_key(&title, &author)
            ))
        }
        _ => None,
    }
}

/// A book as kiosks name it to each other: its title and author, hashed to a short key of
/// fixed length (a long title would not fit the hub's keys, and two books may share a title).
pub fn book_key(title: &str, author: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{title}\0{author}").as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Who may write a table's rows (docs/sync.md, "Who may write what").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A centre's records: written only by that centre's devices.
    Centre,
    /// A learner's own records: written by any kiosk where she signs in, and by the hub.
    Learner,
}

/// The scope of a synced table's rows.
pub fn scope_of(table: &str) -> Scope {
    match table {
        "reading_log" | "reading_positions" | "lecture_attendance" | "learner_settings"
        | "quiz_results" => Scope::Learner,
        _ => Scope::Centre,
    }
}

/// The centre row a new centre row belongs under, whose centre it shares: a session's club, a
/// check-in's or a session quiz's session (`(table, key)`). Clubs and members stand for themselves.
pub fn centre_parent(change: &Change) -> Option<(&'static str, String)> {
    let column = |name: &str| change.row.get(name)?.as_str().map(str::to_owned);
    match change.table.as_str() {
        "club_sessions" => Some(("clubs", column("club_id")?)),
        "attendance" | "session_quizzes" => Some(("club_sessions", column("session_id")?)),
        _ => None,
    }
}

/// The learner a change concerns, by her member id, where it concerns one: her member row,
/// her check-ins and her own records. The hub's history of what devices changed is purged of
/// these when she is forgotten.
pub fn learner_of(change: &Change) -> Option<String> {
    let column = |name: &str| change.row.get(name)?.as_str().map(str::to_owned);
    let key_part = |first: bool| {
        let (left, right) = change.key.split_once('/')?;
        Some(if first { left } else { right }.to_owned())
    };
    match change.table.as_str() {
        "members" => Some(change.key.clone()),
        "attendance" => column("member_id").or_else(|| key_part(false)),
        "reading_log" => column("member_id"),
        "learner_settings" => column("learner").or_else(|| Some(change.key.clone())),
        "quiz_results" => column("learner"),
        "reading_positions" | "lecture_attendance" => column("learner").or_else(|| key_part(true)),
        _ => None,
    }
}

/// Whether a change forgets a member (`leling member forget`: her row stays, nameless, with
/// the day she was forgotten).
pub fn forgets_someone(change: &Change) -> bool {
    change.table == "members" && (change.row.get("forgotten_on")).is_some_and(|day| !day.is_null())
}

/// Whether a change names the row it carries: a tombstone may come without its row (the row
/// is gone), anything else must carry a row whose key is the change's.
pub fn names_its_row(change: &Change) -> bool {
    if change.row.is_empty() {
        return change.deleted;
    }
    row_key(&change.table, &change.row).as_deref() == Some(change.key.as_str())
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:013}-{:04}", self.millis, self.counter)
    }
}

/// Whether a change stamped `(stamp, device)` meets a row last written at
/// `(held_stamp, held_device)` at the same stamp by another device: a tie, which nobody wins
/// (the hub refuses it as [`Reason::SameStamp`]; the same change again is no tie).
pub fn is_tie(stamp: &str, device: &str, held_stamp: &str, held_device: &str) -> bool {
    stamp == held_stamp && device != held_device
}

/// The wall clock in a stamp's units, Unix milliseconds (0 before 1970).
pub fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
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
    fn a_stamp_is_digits_only_and_never_grows_a_fourteenth() {
        for bad in [
            "+796580000000-0000",
            " 796580000000-0000",
            "1763800000000-+001",
            "１763800000000-0000",
        ] {
            assert_eq!(Stamp::parse(bad), None, "{bad}");
        }
        let last = Stamp::parse("9999999999999-9999").unwrap();
        assert_eq!(last.tick(0).to_string(), "9999999999999-9999");
        assert_eq!(last.tick(u64::MAX).to_string(), "9999999999999-9999");
        let near = Stamp::parse("9999999999999-0001").unwrap();
        assert_eq!(near.tick(0).to_string(), "9999999999999-0002");
        let wrong_clock = Stamp::default().tick(99_999_999_999_999);
        assert_eq!(wrong_clock.to_string(), "9999999999999-0000");
    }

    #[test]
    fn a_change_must_name_the_row_it_carries() {
        let mut change = Change {
            table: "members".into(),
            key: "m-1".into(),
            stamp: "1763800000000-0000".into(),
            deleted: false,
            row: serde_json::json!({ "id": "m-1", "name": "张秀英" })
                .as_object()
                .cloned()
                .unwrap(),
        };
        assert!(names_its_row(&change));
        change.row.insert("id".into(), "m-2".into());
        assert!(!names_its_row(&change), "a row written under another's key");
        change.row.clear();
        assert!(!names_its_row(&change), "no row, and not a tombstone");
        change.deleted = true;
        assert!(names_its_row(&change), "a tombstone of a row that is gone");
        let check_in = serde_json::json!({ "session_id": "s", "member_id": 7 });
        let check_in = check_in.as_object().unwrap();
        assert_eq!(row_key("attendance", check_in).as_deref(), Some("s/7"));
        assert_eq!(row_key("books", check_in), None);
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
