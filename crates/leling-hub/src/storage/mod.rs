//! Where the hub keeps devices and rows, behind one trait with two engines: embedded SQLite
//! (one centre, no server to run) and PostgreSQL (a district, many kiosks).
//!
//! Per row, (table, key), the hub keeps only the winning version (stamp, device, deleted, row
//! as JSON text) and the sequence number `seq` it was given when it won. Pulls hand rows out in
//! `seq` order, so each engine serialises pushes (see `push` in each): a row committed late
//! with a lower `seq` would otherwise be skipped by a kiosk that already pulled past it.

mod postgres;
mod sqlite;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use crate::scope::{DeviceInfo, LogEntry, Undo, undo_of};
use leling_core::protocol::{Change, PulledChange, Reason, Stamp};

pub use postgres::PostgresStorage;
pub use sqlite::SqliteStorage;

/// What every engine's calls return. Boxed so the server can hold `Arc<dyn Storage>` and pick
/// the engine at start.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

pub trait Storage: Send + Sync {
    /// The device whose token hashes to `token_hash`, unless it is revoked.
    fn device_for_token(&self, token_hash: String) -> StoreFuture<'_, Option<DeviceInfo>>;
    /// Adds a device; false when the name is taken (also by a revoked device, so a device
    /// id never comes back as someone else).
    fn add_device(&self, device: NewDevice) -> StoreFuture<'_, bool>;
    /// Every device, by name.
    fn devices(&self) -> StoreFuture<'_, Vec<DeviceRecord>>;
    /// Revokes a device's token; false when no active device has that name.
    fn revoke_device(&self, name: String, at: i64) -> StoreFuture<'_, bool>;
    /// Applies a batch from `device` (one change per row, as `changes::prepare` leaves it),
    /// each change as `scope::judge` says: a change taken replaces the held version with a new
    /// `seq` and goes into the history. Returns the places in `changes` of those refused, with
    /// why (`SameStamp`, `OtherCentre`); they change nothing.
    fn push(
        &self,
        device: DeviceInfo,
        changes: Vec<Change>,
    ) -> StoreFuture<'_, Vec<(usize, Reason)>>;
    /// At most `limit` rows with `seq` greater than `after`, in `seq` order.
    fn pull(&self, after: i64, limit: usize) -> StoreFuture<'_, Vec<PulledChange>>;
    /// What the device changed from `since` (Unix milliseconds) on, oldest first.
    fn device_log(&self, name: String, since: i64) -> StoreFuture<'_, Vec<LogEntry>>;
    /// Undoes what the device changed from `since` on, where its version is still the row's
    /// (`scope::undo_of`): each such row gets, from the hub itself, a new version after the
    /// device's, which every kiosk takes in at its next sync.
    fn undo_device(&self, name: String, since: i64) -> StoreFuture<'_, UndoCount>;
    /// Drops the history taken before `before` (Unix milliseconds); returns how many entries.
    fn forget_log_before(&self, before: i64) -> StoreFuture<'_, u64>;
    /// Every live (not deleted) row of the centre tables `REPORT_TABLES`, with the centre that
    /// owns it: what a district's report is counted from.
    fn centre_rows(&self) -> StoreFuture<'_, Vec<CentreRow>>;
}

/// The tables a district's report is counted from.
pub const REPORT_TABLES: [&str; 5] = [
    "clubs",
    "members",
    "club_sessions",
    "attendance",
    "session_quizzes",
];

/// A live row of a centre's table, as a kiosk wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreRow {
    pub table: String,
    /// `""` for the one centre of devices added without a centre.
    pub centre: String,
    /// The row's columns, as JSON text.
    pub row: String,
}

/// What an undo did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UndoCount {
    /// Rows put back to an earlier version.
    pub restored: u64,
    /// Rows the device had made, removed.
    pub removed: u64,
    /// Rows left as they are: their history before the device's writes is no longer kept.
    pub unknown: u64,
}

/// An undo under way (`Storage::undo_device`): what each engine asks of every row the device
/// last wrote, so both undo alike.
pub(crate) struct Undoing<'a> {
    pub device: &'a str,
    /// Unix milliseconds: the device's writes from then on are undone.
    pub since: i64,
    /// The hub's clock, Unix milliseconds.
    pub now: u64,
}

impl Undoing<'_> {
    /// The hub's new version of the row (`table`, `key`) held at `stamp`, from its history
    /// oldest first (`scope::undo_of`), stamped after what it undoes, with its row as JSON
    /// text; `None` when the row stays as it is. Counted in `count`.
    pub fn version(
        &self,
        count: &mut UndoCount,
        (table, key, stamp): (String, String, &str),
        history: &[LogEntry],
    ) -> Result<Option<(Change, String)>, StoreError> {
        let (deleted, row) = match undo_of(history, self.device, self.since) {
            Undo::Restore { deleted, row } => {
                count.restored += 1;
                (deleted, row)
            }
            Undo::Remove => {
                count.removed += 1;
                (true, "{}".to_owned())
            }
            Undo::Unknown => {
                count.unknown += 1;
                return Ok(None);
            }
        };
        let after = Stamp::parse(stamp).unwrap_or_default().tick(self.now);
        let change = Change {
            table,
            key,
            stamp: after.to_string(),
            deleted,
            row: serde_json::from_str(&row)?,
        };
        Ok(Some((change, row)))
    }
}

#[derive(Debug, Clone)]
pub struct NewDevice {
    pub name: String,
    pub token_hash: String,
    /// Unix seconds.
    pub added: i64,
    pub centre: String,
    pub district: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRecord {
    pub name: String,
    /// Unix seconds.
    pub added: i64,
    /// Unix seconds, when revoked.
    pub revoked: Option<i64>,
    pub centre: String,
    pub district: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[error("a stored row is not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the database was made by a newer hub (schema {found}, this hub knows {known})")]
    NewerSchema { found: i64, known: i64 },
    #[error("the database work stopped unexpectedly: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<tokio_postgres::Error> for StoreError {
    /// The server's own message where there is one: the error's Display alone says only
    /// "db error".
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Postgres(match e.as_db_error() {
            Some(db) => format!("{} {}", db.code().code(), db.message()),
            None => match std::error::Error::source(&e) {
                Some(source) => format!("{e}: {source}"),
                None => e.to_string(),
            },
        })
    }
}

/// Which engine a `--db` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DbUrl {
    /// `sqlite:PATH`, or `postgres://…` / `postgresql://…`.
    pub fn parse(text: &str) -> Option<DbUrl> {
        if let Some(path) = text.strip_prefix("sqlite:") {
            return (!path.is_empty()).then(|| DbUrl::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Some(DbUrl::Postgres(text.to_owned()));
        }
        None
    }

    /// The engine's name, for messages.
    pub fn engine(&self) -> &'static str {
        match self {
            DbUrl::Sqlite(_) => "SQLite",
            DbUrl::Postgres(_) => "PostgreSQL",
        }
    }
}

/// Opens the database, creating or upgrading its schema.
pub async fn open(db: &DbUrl) -> Result<Arc<dyn Storage>, StoreError> {
    Ok(match db {
        DbUrl::Sqlite(path) => Arc::new(SqliteStorage::open(path.clone()).await?),
        DbUrl::Postgres(url) => Arc::new(PostgresStorage::connect(url).await?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_values_name_their_engine() {
        assert_eq!(
            DbUrl::parse("sqlite:/var/lib/leling/hub.db"),
            Some(DbUrl::Sqlite("/var/lib/leling/hub.db".into()))
        );
        assert_eq!(
            DbUrl::parse("postgres://hub@db/leling").map(|d| d.engine()),
            Some("PostgreSQL")
        );
        assert_eq!(DbUrl::parse("sqlite:"), None);
        assert_eq!(DbUrl::parse("/var/lib/leling/hub.db"), None);
    }
}

/// The merge on a real engine: the same changes from several devices, pushed in any order and
/// any batching, leave the same rows, and each row is the version `wins` picks over all. (Two
/// devices never give one row the same stamp here: such a tie is refused, whoever comes
/// second stamps again, and which one that is depends on the order; `a_tie_is_refused`.)
#[cfg(test)]
mod merge_order {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::changes;
    use leling_core::protocol::{Stamp, wins};

    const DEVICES: [&str; 3] = ["kiosk-a", "kiosk-b", "kiosk-c"];

    /// The device numbered `n`, all of one centre.
    fn device(n: usize) -> DeviceInfo {
        DeviceInfo {
            name: DEVICES[n].into(),
            centre: String::new(),
            district: String::new(),
        }
    }

    /// (device, change); a device never writes two versions of a row with one stamp.
    type Op = (usize, Change);

    fn ops() -> impl Strategy<Value = Vec<Op>> {
        prop::collection::vec(
            (0..3usize, 0..4u8, 0..4u64, any::<u8>(), any::<bool>()),
            1..30,
        )
        .prop_map(|raw| {
            let mut seen = std::collections::HashSet::new();
            raw.into_iter()
                .filter(|(d, k, s, _, _)| seen.insert((*d, *k, *s)))
                .map(|(device, key, millis, value, deleted)| {
                    let mut row = serde_json::Map::new();
                    row.insert("id".into(), format!("m{key}").into());
                    row.insert("v".into(), value.into());
                    let stamp = Stamp {
                        millis: 1_763_800_000_000 + millis,
                        counter: device as u32,
                    };
                    (
                        device,
                        Change {
                            table: "members".into(),
                            key: format!("m{key}"),
                            stamp: stamp.to_string(),
                            deleted,
                            row,
                        },
                    )
                })
                .collect()
        })
    }

    /// Runs `work` on a fresh SQLite hub storage.
    fn on_a_new_hub<T>(work: impl AsyncFnOnce(SqliteStorage) -> T) -> T {
        let dir = tempfile::tempdir().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let storage = SqliteStorage::open(dir.path().join("hub.db"))
                .await
                .unwrap();
            work(storage).await
        })
    }

    /// Pushes `ops` in this order, each run of one device's changes as one batch, and
    /// returns the rows the hub then holds.
    fn merged(ops: &[Op]) -> BTreeMap<String, (String, String, bool, serde_json::Value)> {
        on_a_new_hub(async |storage| {
            for run in ops.chunk_by(|a, b| a.0 == b.0) {
                let changes = run.iter().map(|(_, c)| c.clone()).collect();
                let batch = changes::prepare(changes, 1_763_800_000_000).unwrap();
                storage.push(device(run[0].0), batch.changes).await.unwrap();
            }
            let pulled = storage.pull(0, 10_000).await.unwrap();
            pulled
                .into_iter()
                .map(|p| {
                    let c = p.change;
                    (c.key, (c.stamp, p.device, c.deleted, c.row.into()))
                })
                .collect()
        })
    }

    /// Issue 20, item 3: a change stamped exactly as another device's version of the row
    /// changes nothing and is answered as a tie, whichever device name is larger: a replay of
    /// another's stamp never wins.
    #[test]
    fn a_tie_is_refused() {
        let change = |name: &str| Change {
            table: "members".into(),
            key: "m1".into(),
            stamp: "1763800000000-0000".into(),
            deleted: false,
            row: serde_json::json!({ "id": "m1", "name": name })
                .as_object()
                .cloned()
                .unwrap(),
        };
        for (first, second) in [(0, 2), (2, 0)] {
            on_a_new_hub(async |storage| {
                let ties = storage.push(device(first), vec![change("held")]);
                assert!(ties.await.unwrap().is_empty());
                let again = storage.push(device(first), vec![change("held")]);
                assert!(
                    again.await.unwrap().is_empty(),
                    "its own version again is no tie"
                );
                let replay = storage.push(device(second), vec![change("replayed")]);
                assert_eq!(replay.await.unwrap(), [(0, Reason::SameStamp)]);
                let pulled = storage.pull(0, 10).await.unwrap();
                assert_eq!(pulled.len(), 1);
                assert_eq!(pulled[0].change.row["name"], "held");
                assert_eq!(pulled[0].device, DEVICES[first]);
            });
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn any_order_gives_the_same_rows((ops, shuffled) in ops().prop_flat_map(|ops| {
            let shuffled = Just(ops.clone()).prop_shuffle();
            (Just(ops), shuffled)
        })) {
            let first = merged(&ops);
            prop_assert_eq!(&first, &merged(&shuffled));
            for (key, (stamp, device, _, _)) in &first {
                for (d, c) in ops.iter().filter(|(_, c)| &c.key == key) {
                    prop_assert!(!wins(&c.stamp, DEVICES[*d], stamp, device));
                }
            }
            let keys: std::collections::BTreeSet<_> = ops.iter().map(|(_, c)| c.key.clone()).collect();
            prop_assert_eq!(keys.len(), first.len());
        }
    }
}
