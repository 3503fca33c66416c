//! The district engine: PostgreSQL through a pool of tokio-postgres connections.
//!
//! Pushes go through one writer task, which commits every push waiting at that moment in one
//! transaction (group commit): with many kiosks pushing at once, they share the round trips and
//! the disk flush instead of queueing for them one by one.
//!
//! Text columns that are compared use the "C" collation, so PostgreSQL orders and matches them
//! byte by byte, as Rust does, whatever the database's locale.

use std::collections::HashMap;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::{mpsc, oneshot};
use tokio_postgres::NoTls;
use tokio_postgres::types::ToSql;

use super::{DeviceRecord, NewDevice, Storage, StoreError, StoreFuture};
use leling_core::protocol::{Change, PulledChange, is_tie, wins};

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

/// The most changes the writer puts in one transaction (the pushes it joins stay whole).
const GROUP_CHANGES: usize = 10_000;

pub struct PostgresStorage {
    pool: Pool,
    /// To the writer task: the only place in this process that writes rows.
    pushes: mpsc::Sender<PushJob>,
}

struct PushJob {
    device: String,
    changes: Vec<Change>,
    /// The answer: the places of the changes refused as a tie (`Storage::push`).
    done: oneshot::Sender<Result<Vec<usize>, StoreError>>,
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
        migrate(&pool).await?;
        let (pushes, jobs) = mpsc::channel(POOL_SIZE * 8);
        // Ends when the storage is dropped and the channel closes.
        tokio::spawn(write_pushes(pool.clone(), jobs));
        Ok(PostgresStorage { pool, pushes })
    }

    async fn client(&self) -> Result<deadpool_postgres::Client, StoreError> {
        client(&self.pool).await
    }
}

async fn client(pool: &Pool) -> Result<deadpool_postgres::Client, StoreError> {
    pool.get().await.map_err(|e| match e {
        deadpool_postgres::PoolError::Backend(e) => StoreError::from(e),
        other => StoreError::Postgres(other.to_string()),
    })
}

async fn migrate(pool: &Pool) -> Result<(), StoreError> {
    let mut client = client(pool).await?;
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

/// The writer task: takes the pushes waiting now, in the order they came, and commits them
/// together. One writer in the process, and `LOCK TABLE` against hubs in other processes,
/// so sequence numbers become visible in order.
async fn write_pushes(pool: Pool, mut jobs: mpsc::Receiver<PushJob>) {
    while let Some(first) = jobs.recv().await {
        let mut size = first.changes.len();
        let mut group = vec![first];
        while size < GROUP_CHANGES {
            let Ok(job) = jobs.try_recv() else { break };
            size += job.changes.len();
            group.push(job);
        }
        let result = write_group(&pool, &group).await;
        for (number, job) in group.into_iter().enumerate() {
            let answer = match &result {
                Ok(ties) => Ok(ties[number].clone()),
                Err(e) => Err(StoreError::Postgres(e.to_string())),
            };
            // A push whose request was dropped no longer waits for its answer.
            let _ = job.done.send(answer);
        }
    }
}

/// The pushes of `group` in one transaction: read the held versions of their rows, decide
/// with `wins` (the same rule as the kiosks), push after push, and write each row's final
/// winner with one statement. Returns, per push, the places of its changes refused as a tie
/// with another device's version.
async fn write_group(pool: &Pool, group: &[PushJob]) -> Result<Vec<Vec<usize>>, StoreError> {
    let mut client = client(pool).await?;
    let tx = client.transaction().await?;
    let all = || group.iter().flat_map(|job| job.changes.iter());
    let tables: Vec<&str> = all().map(|c| c.table.as_str()).collect();
    let keys: Vec<&str> = all().map(|c| c.key.as_str()).collect();
    let held_params: [&(dyn ToSql + Sync); 2] = [&tables, &keys];
    // Sent together (tokio-postgres pipelines requests in the order they are first polled, and
    // try_join! polls them in order), so the server runs them in this order, the lock first.
    // The lock also keeps hubs in other processes on the same database in line; reads go on.
    let (_, held_rows, last) = tokio::try_join!(
        tx.batch_execute("LOCK TABLE changes IN EXCLUSIVE MODE"),
        tx.query(
            "SELECT c.tbl, c.key, c.stamp, c.device FROM changes c
             JOIN unnest($1::text[], $2::text[]) AS k(tbl, key)
               ON c.tbl = k.tbl AND c.key = k.key",
            &held_params,
        ),
        tx.query_one("SELECT COALESCE(MAX(seq), 0) FROM changes", &[]),
    )?;
    let mut held: HashMap<(&str, &str), (&str, &str)> = HashMap::new();
    for row in &held_rows {
        held.insert((row.get(0), row.get(1)), (row.get(2), row.get(3)));
    }
    let mut seq: i64 = last.get(0);
    // Per row, the last winner and its seq: the versions it beat within the group are
    // superseded before anyone could pull them.
    let mut winners: HashMap<(&str, &str), (&Change, &str, i64)> = HashMap::new();
    let mut ties: Vec<Vec<usize>> = Vec::with_capacity(group.len());
    for job in group {
        let mut tied = Vec::new();
        for (index, change) in job.changes.iter().enumerate() {
            let row = (change.table.as_str(), change.key.as_str());
            let tie = (held.get(&row))
                .is_some_and(|(stamp, by)| is_tie(&change.stamp, &job.device, stamp, by));
            if tie {
                tied.push(index);
                continue;
            }
            let beats = held
                .get(&row)
                .is_none_or(|(stamp, by)| wins(&change.stamp, &job.device, stamp, by));
            if beats {
                seq += 1;
                held.insert(row, (&change.stamp, &job.device));
                winners.insert(row, (change, &job.device, seq));
            }
        }
        ties.push(tied);
    }
    if !winners.is_empty() {
        let mut columns = Columns::default();
        for (change, device, seq) in winners.into_values() {
            columns.add(change, device, seq)?;
        }
        let put = tx
            .prepare_cached(
                "INSERT INTO changes (tbl, key, stamp, device, deleted, row, seq)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
                                      $5::bool[], $6::text[], $7::bigint[])
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
                &columns.device,
                &columns.deleted,
                &columns.row,
                &columns.seq,
            ],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ties)
}

/// The winners of a group as columns, for `unnest`.
#[derive(Default)]
struct Columns<'a> {
    table: Vec<&'a str>,
    key: Vec<&'a str>,
    stamp: Vec<&'a str>,
    device: Vec<&'a str>,
    deleted: Vec<bool>,
    row: Vec<String>,
    seq: Vec<i64>,
}

impl<'a> Columns<'a> {
    fn add(&mut self, change: &'a Change, device: &'a str, seq: i64) -> Result<(), StoreError> {
        self.table.push(&change.table);
        self.key.push(&change.key);
        self.stamp.push(&change.stamp);
        self.device.push(device);
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

    fn push(&self, device: String, changes: Vec<Change>) -> StoreFuture<'_, Vec<usize>> {
        Box::pin(async move {
            let (done, answer) = oneshot::channel();
            let job = PushJob {
                device,
                changes,
                done,
            };
            let stopped = || StoreError::Postgres("the hub's writer stopped".into());
            self.pushes.send(job).await.map_err(|_| stopped())?;
            answer.await.map_err(|_| stopped())?
        })
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
