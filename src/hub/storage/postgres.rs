//! The district engine: PostgreSQL through a pool of tokio-postgres connections.
//!
//! Text columns that are compared use the "C" collation, so PostgreSQL orders and matches them
//! byte by byte, as Rust does, whatever the database's locale.

use std::collections::HashMap;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::Mutex as AsyncMutex;
use tokio_postgres::NoTls;

use super::{DeviceRecord, NewDevice, Storage, StoreError, StoreFuture};
use crate::sync::protocol::{Change, PulledChange, wins};

/// Each entry upgrades the schema by one version; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[r#"
    CREATE TABLE devices (
        name       TEXT COLLATE "C" PRIMARY KEY,
        token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        added      BIGINT NOT NULL,
        revoked    BIGINT
    );
    CREATE TABLE changes (
        tbl     TEXT COLLATE "C" NOT NULL,
        key     TEXT COLLATE "C" NOT NULL,
        stamp   TEXT COLLATE "C" NOT NULL,
        device  TEXT COLLATE "C" NOT NULL,
        deleted BOOLEAN NOT NULL,
        row     TEXT NOT NULL,
        seq     BIGINT NOT NULL UNIQUE,
        PRIMARY KEY (tbl, key)
    );"#];

/// Any fixed number: hubs starting together take turns to upgrade the schema.
const MIGRATION_LOCK: i64 = 0x6c65_6c69_6e67;

const POOL_SIZE: usize = 16;

pub struct PostgresStorage {
    pool: Pool,
    /// Pushes in this process take turns here before they take a pool connection.
    writer: AsyncMutex<()>,
}

impl PostgresStorage {
    pub async fn connect(url: &str) -> Result<PostgresStorage, StoreError> {
        let config: tokio_postgres::Config = url.parse()?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .create_timeout(Some(Duration::from_secs(10)))
            .wait_timeout(Some(Duration::from_secs(30)))
            .build()
            .map_err(|e| StoreError::Postgres(e.to_string()))?;
        let storage = PostgresStorage {
            pool,
            writer: AsyncMutex::new(()),
        };
        storage.migrate().await?;
        Ok(storage)
    }

    async fn client(&self) -> Result<deadpool_postgres::Client, StoreError> {
        self.pool.get().await.map_err(|e| match e {
            deadpool_postgres::PoolError::Backend(e) => StoreError::from(e),
            other => StoreError::Postgres(other.to_string()),
        })
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER PRIMARY KEY)")
            .await?;
        let found: i32 = tx
            .query_one("SELECT COALESCE(MAX(version), 0) FROM hub_schema", &[])
            .await?
            .get(0);
        let known = MIGRATIONS.len() as i32;
        if found > known {
            return Err(StoreError::NewerSchema {
                found: found.into(),
                known: known.into(),
            });
        }
        for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO hub_schema (version) VALUES ($1)",
                &[&(version as i32 + 1)],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One batch in one transaction: read the held versions of the batch's rows, decide with
    /// `wins` (the same rule as the kiosks), and write the winners with one statement.
    async fn push_batch(&self, device: &str, changes: &[Change]) -> Result<(), StoreError> {
        let _turn = self.writer.lock().await;
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        // Also serialises hubs in other processes on the same database; reads go on.
        tx.batch_execute("LOCK TABLE changes IN EXCLUSIVE MODE")
            .await?;
        let tables: Vec<&str> = changes.iter().map(|c| c.table.as_str()).collect();
        let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
        let held_rows = tx
            .query(
                "SELECT c.tbl, c.key, c.stamp, c.device FROM changes c
                 JOIN unnest($1::text[], $2::text[]) AS k(tbl, key)
                   ON c.tbl = k.tbl AND c.key = k.key",
                &[&tables, &keys],
            )
            .await?;
        let held: HashMap<(String, String), (String, String)> = held_rows
            .iter()
            .map(|r| ((r.get(0), r.get(1)), (r.get(2), r.get(3))))
            .collect();
        let mut seq: i64 = tx
            .query_one("SELECT COALESCE(MAX(seq), 0) FROM changes", &[])
            .await?
            .get(0);
        let mut columns = Columns::default();
        for change in changes {
            let current = held.get(&(change.table.clone(), change.key.clone()));
            if current.is_none_or(|(stamp, by)| wins(&change.stamp, device, stamp, by)) {
                seq += 1;
                columns.add(change, seq)?;
            }
        }
        if !columns.seq.is_empty() {
            let put = tx
                .prepare_cached(
                    "INSERT INTO changes (tbl, key, stamp, device, deleted, row, seq)
                     SELECT k.tbl, k.key, k.stamp, $4, k.deleted, k.row, k.seq
                     FROM unnest($1::text[], $2::text[], $3::text[], $5::bool[], $6::text[],
                                 $7::bigint[]) AS k(tbl, key, stamp, deleted, row, seq)
                     ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp,
                         device = excluded.device, deleted = excluded.deleted,
                         row = excluded.row, seq = excluded.seq",
                )
                .await?;
            tx.execute(
                &put,
                &[
                    &columns.table,
                    &columns.key,
                    &columns.stamp,
                    &device,
                    &columns.deleted,
                    &columns.row,
                    &columns.seq,
                ],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The winners of a batch as columns, for `unnest`.
#[derive(Default)]
struct Columns<'a> {
    table: Vec<&'a str>,
    key: Vec<&'a str>,
    stamp: Vec<&'a str>,
    deleted: Vec<bool>,
    row: Vec<String>,
    seq: Vec<i64>,
}

impl<'a> Columns<'a> {
    fn add(&mut self, change: &'a Change, seq: i64) -> Result<(), StoreError> {
        self.table.push(&change.table);
        self.key.push(&change.key);
        self.stamp.push(&change.stamp);
        self.deleted.push(change.deleted);
        self.row.push(serde_json::to_string(&change.row)?);
        self.seq.push(seq);
        Ok(())
    }
}

impl Storage for PostgresStorage {
    fn device_for_token(&self, token_hash: String) -> StoreFuture<'_, Option<String>> {
        Box::pin(async move {
            let client = self.client().await?;
            let query = client
                .prepare_cached(
                    "SELECT name FROM devices WHERE token_hash = $1 AND revoked IS NULL",
                )
                .await?;
            Ok(client
                .query_opt(&query, &[&token_hash])
                .await?
                .map(|r| r.get(0)))
        })
    }

    fn add_device(&self, device: NewDevice) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let client = self.client().await?;
            let added = client
                .execute(
                    "INSERT INTO devices (name, token_hash, added) VALUES ($1, $2, $3)
                     ON CONFLICT (name) DO NOTHING",
                    &[&device.name, &device.token_hash, &device.added],
                )
                .await?;
            Ok(added == 1)
        })
    }

    fn devices(&self) -> StoreFuture<'_, Vec<DeviceRecord>> {
        Box::pin(async move {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT name, added, revoked FROM devices ORDER BY name",
                    &[],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|r| DeviceRecord {
                    name: r.get(0),
                    added: r.get(1),
                    revoked: r.get(2),
                })
                .collect())
        })
    }

    fn revoke_device(&self, name: String, at: i64) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let client = self.client().await?;
            let revoked = client
                .execute(
                    "UPDATE devices SET revoked = $2 WHERE name = $1 AND revoked IS NULL",
                    &[&name, &at],
                )
                .await?;
            Ok(revoked == 1)
        })
    }

    fn push(&self, device: String, changes: Vec<Change>) -> StoreFuture<'_, ()> {
        Box::pin(async move { self.push_batch(&device, &changes).await })
    }

    fn pull(&self, after: i64, limit: usize) -> StoreFuture<'_, Vec<PulledChange>> {
        Box::pin(async move {
            let client = self.client().await?;
            let query = client
                .prepare_cached(
                    "SELECT seq, device, tbl, key, stamp, deleted, row FROM changes
                     WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .await?;
            let rows = client.query(&query, &[&after, &(limit as i64)]).await?;
            rows.iter()
                .map(|r| {
                    Ok(PulledChange {
                        seq: r.get(0),
                        device: r.get(1),
                        change: Change {
                            table: r.get(2),
                            key: r.get(3),
                            stamp: r.get(4),
                            deleted: r.get(5),
                            row: serde_json::from_str(r.get::<_, &str>(6))?,
                        },
                    })
                })
                .collect()
        })
    }
}
