//! The embedded engine: one SQLite file in WAL mode, for a hub that serves one centre.
//!
//! rusqlite blocks, so every call runs on tokio's blocking threads. One writer connection sits
//! behind a tokio Mutex (pushes wait their turn without holding a thread); reads use a small
//! pool of their own connections, which WAL lets run beside the writer.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use tokio::sync::Mutex as AsyncMutex;

use super::{
    CentreRow, DeviceRecord, NewDevice, REPORT_TABLES, Storage, StoreError, StoreFuture, UndoCount,
    Undoing,
};
use crate::scope::{DeviceInfo, Districts, HUB_DEVICE, Held, LogEntry, Verdict, judge};
use leling_core::protocol::{
    Change, PulledChange, Reason, centre_parent, forgets_someone, learner_of, now_millis,
};

/// Each entry upgrades the schema by one version; never edit one that has shipped.
const MIGRATIONS: &[&str] = &["CREATE TABLE devices (
         name       TEXT PRIMARY KEY,
         token_hash TEXT NOT NULL UNIQUE,
         added      INTEGER NOT NULL,
         revoked    INTEGER
     );
     CREATE TABLE changes (
         tbl     TEXT NOT NULL,
         key     TEXT NOT NULL,
         stamp   TEXT NOT NULL,
         device  TEXT NOT NULL,
         deleted INTEGER NOT NULL,
         row     TEXT NOT NULL,
         seq     INTEGER NOT NULL UNIQUE,
         PRIMARY KEY (tbl, key)
     );",
    // 2: devices belong to a centre and a district; a centre's rows to the centre that wrote
    // them first (every row so far to the one centre of the devices so far, ''); the history
    // of what each device changed.
    "ALTER TABLE devices ADD COLUMN centre TEXT NOT NULL DEFAULT '';
     ALTER TABLE devices ADD COLUMN district TEXT NOT NULL DEFAULT '';
     ALTER TABLE changes ADD COLUMN centre TEXT;
     UPDATE changes SET centre = '' WHERE tbl IN ('clubs', 'members', 'club_sessions', 'attendance');
     CREATE TABLE change_log (
         id      INTEGER PRIMARY KEY AUTOINCREMENT,
         at      INTEGER NOT NULL,
         device  TEXT NOT NULL,
         tbl     TEXT NOT NULL,
         key     TEXT NOT NULL,
         stamp   TEXT NOT NULL,
         deleted INTEGER NOT NULL,
         row     TEXT NOT NULL,
         learner TEXT,
         created INTEGER NOT NULL,
         undone  INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX change_log_by_device ON change_log (device, at);
     CREATE INDEX change_log_by_row ON change_log (tbl, key);
     CREATE INDEX change_log_by_learner ON change_log (learner);
     CREATE INDEX change_log_by_time ON change_log (at);",
];

/// How long a write waits for another process (`leling-hub device add` beside a running hub).
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Idle read connections kept for the next request.
const KEEP_READERS: usize = 8;

pub struct SqliteStorage {
    path: PathBuf,
    writer: Arc<AsyncMutex<Connection>>,
    readers: Arc<Mutex<Vec<Connection>>>,
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // An acknowledged push must survive a power cut, not only a crash of the hub.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // What a row held before it was rewritten (a forgotten member's name) is zeroed in the
    // file, not left in its free space.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER PRIMARY KEY)")?;
    let found: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM hub_schema",
        [],
        |r| r.get(0),
    )?;
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(StoreError::NewerSchema { found, known });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO hub_schema (version) VALUES (?1)",
            [version as i64 + 1],
        )?;
    }
    tx.commit()?;
    Ok(())
}

impl SqliteStorage {
    pub async fn open(path: PathBuf) -> Result<SqliteStorage, StoreError> {
        let (path, writer) = tokio::task::spawn_blocking(move || {
            let mut conn = connect(&path)?;
            migrate(&mut conn)?;
            // A hub's database made by an older version is made private too (its folder is
            // the administrator's choice, and left alone).
            leling_cli::private::make_private(None, &path);
            Ok::<_, StoreError>((path, conn))
        })
        .await??;
        Ok(SqliteStorage {
            path,
            writer: Arc::new(AsyncMutex::new(writer)),
            readers: Arc::new(Mutex::new(Vec::new())),
        })
    }

    /// Runs `work` on the writer connection, after the writes before it.
    async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let mut conn = Arc::clone(&self.writer).lock_owned().await;
        tokio::task::spawn_blocking(move || work(&mut conn)).await?
    }

    /// Runs `work` on a read connection from the pool (or a new one).
    async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = Arc::clone(&self.readers);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let idle = readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let conn = match idle {
                Some(conn) => conn,
                None => connect(&path)?,
            };
            let result = work(&conn);
            let mut idle = readers.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < KEEP_READERS {
                idle.push(conn);
            }
            result
        })
        .await?
    }
}

fn push_batch(
    conn: &mut Connection,
    device: &DeviceInfo,
    changes: &[Change],
) -> Result<Vec<(usize, Reason)>, StoreError> {
    let mut refused = Vec::new();
    let mut forgot = false;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut seq = last_seq(&tx)?;
    let at = now_millis() as i64;
    let districts = districts(&tx)?;
    for (index, change) in changes.iter().enumerate() {
        let held = held_row(&tx, &change.table, &change.key)?;
        let parent = match (&held, centre_parent(change)) {
            (None, Some((table, key))) => held_row(&tx, table, &key)?,
            _ => None,
        };
        match judge(change, device, held.as_ref(), parent.as_ref(), &districts) {
            Verdict::Refuse(reason) => refused.push((index, reason)),
            Verdict::Lose => {}
            Verdict::Take { centre } => {
                forgot |= forgets_someone(change);
                seq += 1;
                let row = serde_json::to_string(&change.row)?;
                let version = Version {
                    change,
                    row: &row,
                    device: &device.name,
                    centre: centre.as_deref(),
                    seq,
                };
                put(&tx, &version)?;
                log(&tx, &version, at, held.is_none())?;
            }
        }
    }
    tx.commit()?;
    // A member forgotten: the write-ahead log still holds the pages with her name until a
    // checkpoint copies them into the file (where secure_delete zeroes the old row) and
    // empties it. Best effort: a reader in the middle of a pull keeps the log a moment longer,
    // and the next forget or the next automatic checkpoint finishes the job. Only a forget
    // that was taken counts: one that lost, or came again, wrote nothing.
    if forgot {
        let _: rusqlite::Result<(i64, i64, i64)> =
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            });
    }
    Ok(refused)
}

fn districts(conn: &Connection) -> Result<Districts, StoreError> {
    let mut query = conn.prepare_cached("SELECT DISTINCT centre, district FROM devices")?;
    let rows = query.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn last_seq(conn: &Connection) -> Result<i64, StoreError> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?,
    )
}

fn held_row(conn: &Connection, table: &str, key: &str) -> Result<Option<Held>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT stamp, device, centre FROM changes WHERE tbl = ?1 AND key = ?2")?
        .query_row(params![table, key], |r| {
            Ok(Held {
                stamp: r.get(0)?,
                device: r.get(1)?,
                centre: r.get(2)?,
            })
        })
        .optional()?)
}

/// A row's new version, as the hub writes it.
struct Version<'a> {
    change: &'a Change,
    /// The row as JSON text.
    row: &'a str,
    device: &'a str,
    centre: Option<&'a str>,
    seq: i64,
}

fn put(conn: &Connection, version: &Version) -> Result<(), StoreError> {
    let change = version.change;
    conn.prepare_cached(
        "INSERT INTO changes (tbl, key, stamp, device, deleted, row, seq, centre)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp,
             device = excluded.device, deleted = excluded.deleted, row = excluded.row,
             seq = excluded.seq, centre = excluded.centre",
    )?
    .execute(params![
        change.table,
        change.key,
        change.stamp,
        version.device,
        change.deleted,
        version.row,
        version.seq,
        version.centre
    ])?;
    Ok(())
}

/// Puts a version taken into the history. A forget first takes her out of it: the history
/// keeps what devices did, never a forgotten person's details.
fn log(conn: &Connection, version: &Version, at: i64, created: bool) -> Result<(), StoreError> {
    let change = version.change;
    let learner = learner_of(change);
    if forgets_someone(change) {
        conn.prepare_cached("DELETE FROM change_log WHERE learner = ?1")?
            .execute([&learner])?;
    }
    conn.prepare_cached(
        "INSERT INTO change_log (at, device, tbl, key, stamp, deleted, row, learner, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        at,
        version.device,
        change.table,
        change.key,
        change.stamp,
        change.deleted,
        version.row,
        learner,
        created
    ])?;
    Ok(())
}

const LOG_COLUMNS: &str = "at, device, tbl, key, stamp, deleted, row, created, undone";

fn log_entry(r: &rusqlite::Row) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        at: r.get(0)?,
        device: r.get(1)?,
        table: r.get(2)?,
        key: r.get(3)?,
        stamp: r.get(4)?,
        deleted: r.get(5)?,
        row: r.get(6)?,
        created: r.get(7)?,
        undone: r.get(8)?,
    })
}

fn device_log(conn: &Connection, name: &str, since: i64) -> Result<Vec<LogEntry>, StoreError> {
    let sql =
        format!("SELECT {LOG_COLUMNS} FROM change_log WHERE device = ?1 AND at >= ?2 ORDER BY id");
    let mut query = conn.prepare(&sql)?;
    let rows = query.query_map(params![name, since], log_entry)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `Storage::undo_device`, in one transaction that holds the write lock throughout.
fn undo_device(conn: &mut Connection, name: &str, since: i64) -> Result<UndoCount, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let rows: Vec<(String, String, String, Option<String>)> = {
        let mut query = tx.prepare(
            "SELECT tbl, key, stamp, centre FROM changes c WHERE device = ?1
               AND EXISTS (SELECT 1 FROM change_log l WHERE l.tbl = c.tbl AND l.key = c.key
                           AND l.device = ?1 AND l.at >= ?2)
             ORDER BY seq",
        )?;
        let found = query.query_map(params![name, since], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        found.collect::<Result<_, _>>()?
    };
    let mut count = UndoCount::default();
    let mut seq = last_seq(&tx)?;
    let undoing = Undoing {
        device: name,
        since,
        now: now_millis(),
    };
    let history_sql =
        format!("SELECT {LOG_COLUMNS} FROM change_log WHERE tbl = ?1 AND key = ?2 ORDER BY id");
    for (table, key, stamp, centre) in rows {
        let history: Vec<LogEntry> = {
            let mut query = tx.prepare_cached(&history_sql)?;
            let found = query.query_map(params![table, key], log_entry)?;
            found.collect::<Result<_, _>>()?
        };
        let held = (table, key, stamp.as_str());
        let Some((change, row)) = undoing.version(&mut count, held, &history)? else {
            continue;
        };
        seq += 1;
        let version = Version {
            change: &change,
            row: &row,
            device: HUB_DEVICE,
            centre: centre.as_deref(),
            seq,
        };
        put(&tx, &version)?;
        log(&tx, &version, undoing.now as i64, false)?;
    }
    tx.execute(
        "UPDATE change_log SET undone = 1 WHERE device = ?1 AND at >= ?2",
        params![name, since],
    )?;
    tx.commit()?;
    Ok(count)
}

fn pull_rows(conn: &Connection, after: i64, limit: usize) -> Result<Vec<PulledChange>, StoreError> {
    let mut query = conn.prepare_cached(
        "SELECT seq, device, tbl, key, stamp, deleted, row FROM changes
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = query.query_map(params![after, limit as i64], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, bool>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut pulled = Vec::new();
    for row in rows {
        let (seq, device, table, key, stamp, deleted, json) = row?;
        pulled.push(PulledChange {
            seq,
            device,
            change: Change {
                table,
                key,
                stamp,
                deleted,
                row: serde_json::from_str(&json)?,
            },
        });
    }
    Ok(pulled)
}

impl Storage for SqliteStorage {
    fn device_for_token(&self, token_hash: String) -> StoreFuture<'_, Option<DeviceInfo>> {
        Box::pin(self.read(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT name, centre, district FROM devices
                     WHERE token_hash = ?1 AND revoked IS NULL",
                )?
                .query_row([token_hash], |r| {
                    Ok(DeviceInfo {
                        name: r.get(0)?,
                        centre: r.get(1)?,
                        district: r.get(2)?,
                    })
                })
                .optional()?)
        }))
    }

    fn add_device(&self, device: NewDevice) -> StoreFuture<'_, bool> {
        Box::pin(self.write(move |conn| {
            let added = conn.execute(
                "INSERT INTO devices (name, token_hash, added, centre, district)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (name) DO NOTHING",
                params![
                    device.name,
                    device.token_hash,
                    device.added,
                    device.centre,
                    device.district
                ],
            )?;
            Ok(added == 1)
        }))
    }

    fn centre_rows(&self) -> StoreFuture<'_, Vec<CentreRow>> {
        Box::pin(self.read(|conn| {
            let mut query = conn.prepare(
                "SELECT tbl, COALESCE(centre, ''), row FROM changes
                 WHERE deleted = 0 AND tbl IN (?1, ?2, ?3, ?4, ?5)",
            )?;
            let rows = query.query_map(REPORT_TABLES, |r| {
                Ok(CentreRow {
                    table: r.get(0)?,
                    centre: r.get(1)?,
                    row: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        }))
    }

    fn devices(&self) -> StoreFuture<'_, Vec<DeviceRecord>> {
        Box::pin(self.read(|conn| {
            let mut query = conn.prepare(
                "SELECT name, added, revoked, centre, district FROM devices ORDER BY name",
            )?;
            let rows = query.query_map([], |r| {
                Ok(DeviceRecord {
                    name: r.get(0)?,
                    added: r.get(1)?,
                    revoked: r.get(2)?,
                    centre: r.get(3)?,
                    district: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        }))
    }

    fn revoke_device(&self, name: String, at: i64) -> StoreFuture<'_, bool> {
        Box::pin(self.write(move |conn| {
            let revoked = conn.execute(
                "UPDATE devices SET revoked = ?2 WHERE name = ?1 AND revoked IS NULL",
                params![name, at],
            )?;
            Ok(revoked == 1)
        }))
    }

    /// Serialised twice over: the writer Mutex in this process, and `BEGIN IMMEDIATE`, which
    /// takes SQLite's write lock before reading the last `seq`.
    fn push(
        &self,
        device: DeviceInfo,
        changes: Vec<Change>,
    ) -> StoreFuture<'_, Vec<(usize, Reason)>> {
        Box::pin(self.write(move |conn| push_batch(conn, &device, &changes)))
    }

    fn pull(&self, after: i64, limit: usize) -> StoreFuture<'_, Vec<PulledChange>> {
        Box::pin(self.read(move |conn| pull_rows(conn, after, limit)))
    }

    fn device_log(&self, name: String, since: i64) -> StoreFuture<'_, Vec<LogEntry>> {
        Box::pin(self.read(move |conn| device_log(conn, &name, since)))
    }

    fn undo_device(&self, name: String, since: i64) -> StoreFuture<'_, UndoCount> {
        Box::pin(self.write(move |conn| undo_device(conn, &name, since)))
    }

    fn forget_log_before(&self, before: i64) -> StoreFuture<'_, u64> {
        Box::pin(self.write(move |conn| {
            Ok(conn.execute("DELETE FROM change_log WHERE at < ?1", [before])? as u64)
        }))
    }
}
