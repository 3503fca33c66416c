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

use super::{DeviceRecord, NewDevice, Storage, StoreError, StoreFuture};
use leling_core::protocol::{Change, PulledChange, is_tie, wins};

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
     );"];

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
    device: &str,
    changes: &[Change],
) -> Result<Vec<usize>, StoreError> {
    let mut ties = Vec::new();
    let mut forgot = false;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
        r.get(0)
    })?;
    {
        let mut held =
            tx.prepare_cached("SELECT stamp, device FROM changes WHERE tbl = ?1 AND key = ?2")?;
        let mut put = tx.prepare_cached(
            "INSERT INTO changes (tbl, key, stamp, device, deleted, row, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp,
                 device = excluded.device, deleted = excluded.deleted, row = excluded.row,
                 seq = excluded.seq",
        )?;
        for (index, change) in changes.iter().enumerate() {
            let current: Option<(String, String)> = held
                .query_row(params![change.table, change.key], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            if (current.as_ref())
                .is_some_and(|(stamp, by)| is_tie(&change.stamp, device, stamp, by))
            {
                ties.push(index);
                continue;
            }
            let replaces =
                current.is_none_or(|(stamp, by)| wins(&change.stamp, device, &stamp, &by));
            if replaces {
                forgot |= forgets_someone(change);
                seq += 1;
                put.execute(params![
                    change.table,
                    change.key,
                    change.stamp,
                    device,
                    change.deleted,
                    serde_json::to_string(&change.row)?,
                    seq
                ])?;
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
    Ok(ties)
}

/// Whether a change forgets a member (`leling member forget`: her row stays, nameless, with
/// the day she was forgotten).
fn forgets_someone(change: &Change) -> bool {
    change.table == "members" && (change.row.get("forgotten_on")).is_some_and(|day| !day.is_null())
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
    fn device_for_token(&self, token_hash: String) -> StoreFuture<'_, Option<String>> {
        Box::pin(self.read(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT name FROM devices WHERE token_hash = ?1 AND revoked IS NULL",
                )?
                .query_row([token_hash], |r| r.get(0))
                .optional()?)
        }))
    }

    fn add_device(&self, device: NewDevice) -> StoreFuture<'_, bool> {
        Box::pin(self.write(move |conn| {
            let added = conn.execute(
                "INSERT INTO devices (name, token_hash, added) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO NOTHING",
                params![device.name, device.token_hash, device.added],
            )?;
            Ok(added == 1)
        }))
    }

    fn devices(&self) -> StoreFuture<'_, Vec<DeviceRecord>> {
        Box::pin(self.read(|conn| {
            let mut query =
                conn.prepare("SELECT name, added, revoked FROM devices ORDER BY name")?;
            let rows = query.query_map([], |r| {
                Ok(DeviceRecord {
                    name: r.get(0)?,
                    added: r.get(1)?,
                    revoked: r.get(2)?,
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
    fn push(&self, device: String, changes: Vec<Change>) -> StoreFuture<'_, Vec<usize>> {
        Box::pin(self.write(move |conn| push_batch(conn, &device, &changes)))
    }

    fn pull(&self, after: i64, limit: usize) -> StoreFuture<'_, Vec<PulledChange>> {
        Box::pin(self.read(move |conn| pull_rows(conn, after, limit)))
    }
}
