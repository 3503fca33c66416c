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

use super::{
    CentreRow, DeviceRecord, NewDevice, REPORT_TABLES, Storage, StoreError, StoreFuture, UndoCount,
    Undoing,
};
use crate::scope::{DeviceInfo, Districts, HUB_DEVICE, Held, LogEntry, Verdict, judge};
use leling_core::protocol::{
    Change, PulledChange, Reason, centre_parent, forgets_someone, learner_of, now_millis,
};

/// Each entry upgrades the schema by one version; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    r#"
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
    );"#,
    // 2: devices belong to a centre and a district; a centre's rows to the centre that wrote
    // them first (every row so far to the one centre of the devices so far, ''); the history
    // of what each device changed.
    r#"
    ALTER TABLE devices ADD COLUMN centre TEXT NOT NULL DEFAULT '';
    ALTER TABLE devices ADD COLUMN district TEXT NOT NULL DEFAULT '';
    ALTER TABLE changes ADD COLUMN centre TEXT COLLATE "C";
    UPDATE changes SET centre = '' WHERE tbl IN ('clubs', 'members', 'club_sessions', 'attendance');
    CREATE TABLE change_log (
        id      BIGSERIAL PRIMARY KEY,
        at      BIGINT NOT NULL,
        device  TEXT COLLATE "C" NOT NULL,
        tbl     TEXT COLLATE "C" NOT NULL,
        key     TEXT COLLATE "C" NOT NULL,
        stamp   TEXT COLLATE "C" NOT NULL,
        deleted BOOLEAN NOT NULL,
        row     TEXT NOT NULL,
        learner TEXT COLLATE "C",
        created BOOLEAN NOT NULL,
        undone  BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE INDEX change_log_by_device ON change_log (device, at);
    CREATE INDEX change_log_by_row ON change_log (tbl, key);
    CREATE INDEX change_log_by_learner ON change_log (learner);
    CREATE INDEX change_log_by_time ON change_log (at);"#,
];

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
    device: DeviceInfo,
    changes: Vec<Change>,
    /// The answer: the places of the changes refused, with why (`Storage::push`).
    done: oneshot::Sender<Result<Vec<(usize, Reason)>, StoreError>>,
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
                Ok(refused) => Ok(refused[number].clone()),
                Err(e) => Err(StoreError::Postgres(e.to_string())),
            };
            // A push whose request was dropped no longer waits for its answer.
            let _ = job.done.send(answer);
        }
    }
}

/// The pushes of `group` in one transaction: read the held versions of their rows and of the
/// rows they belong under, judge each change (`scope::judge`, the rule of both engines) push
/// after push, write each row's final winner with one statement and every change taken into the
/// history. Returns, per push, the places of its changes refused, with why.
async fn write_group(
    pool: &Pool,
    group: &[PushJob],
) -> Result<Vec<Vec<(usize, Reason)>>, StoreError> {
    let mut client = client(pool).await?;
    let tx = client.transaction().await?;
    let all = || group.iter().flat_map(|job| job.changes.iter());
    let parents: Vec<(&'static str, String)> = all().filter_map(centre_parent).collect();
    let tables: Vec<&str> = (all().map(|c| c.table.as_str()))
        .chain(parents.iter().map(|(table, _)| *table))
        .collect();
    let keys: Vec<&str> = (all().map(|c| c.key.as_str()))
        .chain(parents.iter().map(|(_, key)| key.as_str()))
        .collect();
    let held_params: [&(dyn ToSql + Sync); 2] = [&tables, &keys];
    // Sent together (tokio-postgres pipelines requests in the order they are first polled, and
    // try_join! polls them in order), so the server runs them in this order, the lock first.
    // The lock also keeps hubs in other processes on the same database in line; reads go on.
    let (_, held_rows, last, district_rows) = tokio::try_join!(
        tx.batch_execute("LOCK TABLE changes IN EXCLUSIVE MODE"),
        tx.query(
            "SELECT DISTINCT c.tbl, c.key, c.stamp, c.device, c.centre FROM changes c
             JOIN unnest($1::text[], $2::text[]) AS k(tbl, key)
               ON c.tbl = k.tbl AND c.key = k.key",
            &held_params,
        ),
        tx.query_one("SELECT COALESCE(MAX(seq), 0) FROM changes", &[]),
        tx.query("SELECT DISTINCT centre, district FROM devices", &[]),
    )?;
    let districts: Districts = (district_rows.iter())
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut held: HashMap<(String, String), Held> = HashMap::new();
    for row in &held_rows {
        let version = Held {
            stamp: row.get(2),
            device: row.get(3),
            centre: row.get(4),
        };
        held.insert((row.get(0), row.get(1)), version);
    }
    let mut seq: i64 = last.get(0);
    let at = now_millis() as i64;
    // Per row, the last winner and its seq: the versions it beat within the group are
    // superseded before anyone could pull them. Every change taken goes into the history.
    let mut winners: HashMap<(&str, &str), Taken> = HashMap::new();
    let mut history = Columns::default();
    let mut refused: Vec<Vec<(usize, Reason)>> = Vec::with_capacity(group.len());
    for job in group {
        let mut refusals = Vec::new();
        for (index, change) in job.changes.iter().enumerate() {
            let row = (change.table.clone(), change.key.clone());
            let known = held.get(&row);
            let parent = match (known, centre_parent(change)) {
                (None, Some((table, key))) => held.get(&(table.to_owned(), key)),
                _ => None,
            };
            match judge(change, &job.device, known, parent, &districts) {
                Verdict::Refuse(reason) => refusals.push((index, reason)),
                Verdict::Lose => {}
                Verdict::Take { centre } => {
                    seq += 1;
                    let taken = Taken {
                        change,
                        device: &job.device.name,
                        centre: centre.clone(),
                        seq,
                        created: known.is_none(),
                    };
                    history.add(&taken, at)?;
                    let version = Held {
                        stamp: change.stamp.clone(),
                        device: job.device.name.clone(),
                        centre,
                    };
                    held.insert(row, version);
                    winners.insert((&change.table, &change.key), taken);
                }
            }
        }
        refused.push(refusals);
    }
    if !winners.is_empty() {
        let mut columns = Columns::default();
        for taken in winners.values() {
            columns.add(taken, at)?;
        }
        put(&tx, &columns).await?;
        log(&tx, &history).await?;
    }
    tx.commit().await?;
    Ok(refused)
}

/// A change taken, as it is written.
struct Taken<'a> {
    change: &'a Change,
    device: &'a str,
    centre: Option<String>,
    seq: i64,
    created: bool,
}

async fn put(
    tx: &deadpool_postgres::Transaction<'_>,
    columns: &Columns<'_>,
) -> Result<(), StoreError> {
    let put = tx
        .prepare_cached(
            "INSERT INTO changes (tbl, key, stamp, device, deleted, row, seq, centre)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
                                  $5::bool[], $6::text[], $7::bigint[], $8::text[])
             ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp,
                 device = excluded.device, deleted = excluded.deleted,
                 row = excluded.row, seq = excluded.seq, centre = excluded.centre",
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
            &columns.centre,
        ],
    )
    .await?;
    Ok(())
}

/// Puts what was taken into the history. A forget first takes her out of it: the history keeps
/// what devices did, never a forgotten person's details.
async fn log(
    tx: &deadpool_postgres::Transaction<'_>,
    columns: &Columns<'_>,
) -> Result<(), StoreError> {
    if !columns.forgotten.is_empty() {
        tx.execute(
            "DELETE FROM change_log WHERE learner = ANY($1)",
            &[&columns.forgotten],
        )
        .await?;
    }
    let log = tx
        .prepare_cached(
            "INSERT INTO change_log (at, device, tbl, key, stamp, deleted, row, learner, created)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
                                  $6::bool[], $7::text[], $8::text[], $9::bool[])",
        )
        .await?;
    tx.execute(
        &log,
        &[
            &columns.at,
            &columns.device,
            &columns.table,
            &columns.key,
            &columns.stamp,
            &columns.deleted,
            &columns.row,
            &columns.learner,
            &columns.created,
        ],
    )
    .await?;
    Ok(())
}

/// Versions as columns, for `unnest`.
#[derive(Default)]
struct Columns<'a> {
    table: Vec<&'a str>,
    key: Vec<&'a str>,
    stamp: Vec<&'a str>,
    device: Vec<&'a str>,
    deleted: Vec<bool>,
    row: Vec<String>,
    seq: Vec<i64>,
    centre: Vec<Option<String>>,
    at: Vec<i64>,
    learner: Vec<Option<String>>,
    created: Vec<bool>,
    /// The learners forgotten by these versions.
    forgotten: Vec<String>,
}

impl<'a> Columns<'a> {
    fn add(&mut self, taken: &Taken<'a>, at: i64) -> Result<(), StoreError> {
        let change = taken.change;
        self.table.push(&change.table);
        self.key.push(&change.key);
        self.stamp.push(&change.stamp);
        self.device.push(taken.device);
        self.deleted.push(change.deleted);
        self.row.push(serde_json::to_string(&change.row)?);
        self.seq.push(taken.seq);
        self.centre.push(taken.centre.clone());
        self.at.push(at);
        let learner = learner_of(change);
        if forgets_someone(change) {
            self.forgotten.extend(learner.clone());
        }
        self.learner.push(learner);
        self.created.push(taken.created);
        Ok(())
    }
}

const LOG_COLUMNS: &str = "at, device, tbl, key, stamp, deleted, row, created, undone";

fn log_entry(r: &tokio_postgres::Row) -> LogEntry {
    LogEntry {
        at: r.get(0),
        device: r.get(1),
        table: r.get(2),
        key: r.get(3),
        stamp: r.get(4),
        deleted: r.get(5),
        row: r.get(6),
        created: r.get(7),
        undone: r.get(8),
    }
}

/// `Storage::undo_device`, in one transaction that holds the write lock throughout.
async fn undo_device(pool: &Pool, name: &str, since: i64) -> Result<UndoCount, StoreError> {
    let mut client = client(pool).await?;
    let tx = client.transaction().await?;
    tx.batch_execute("LOCK TABLE changes IN EXCLUSIVE MODE")
        .await?;
    let rows = tx
        .query(
            "SELECT tbl, key, stamp, centre FROM changes c WHERE device = $1
               AND EXISTS (SELECT 1 FROM change_log l WHERE l.tbl = c.tbl AND l.key = c.key
                           AND l.device = $1 AND l.at >= $2)
             ORDER BY seq",
            &[&name, &since],
        )
        .await?;
    let mut seq: i64 = tx
        .query_one("SELECT COALESCE(MAX(seq), 0) FROM changes", &[])
        .await?
        .get(0);
    let undoing = Undoing {
        device: name,
        since,
        now: now_millis(),
    };
    let history_sql =
        format!("SELECT {LOG_COLUMNS} FROM change_log WHERE tbl = $1 AND key = $2 ORDER BY id");
    let mut restored = Vec::new();
    let mut count = UndoCount::default();
    for row in &rows {
        let (table, key): (String, String) = (row.get(0), row.get(1));
        let history: Vec<LogEntry> = (tx.query(&history_sql, &[&table, &key]).await?)
            .iter()
            .map(log_entry)
            .collect();
        let held = (table, key, row.get::<_, &str>(2));
        if let Some((change, _)) = undoing.version(&mut count, held, &history)? {
            seq += 1;
            restored.push((change, row.get::<_, Option<String>>(3), seq));
        }
    }
    let mut columns = Columns::default();
    for (change, centre, seq) in &restored {
        let taken = Taken {
            change,
            device: HUB_DEVICE,
            centre: centre.clone(),
            seq: *seq,
            created: false,
        };
        columns.add(&taken, undoing.now as i64)?;
    }
    if !restored.is_empty() {
        put(&tx, &columns).await?;
        log(&tx, &columns).await?;
    }
    tx.execute(
        "UPDATE change_log SET undone = TRUE WHERE device = $1 AND at >= $2",
        &[&name, &since],
    )
    .await?;
    tx.commit().await?;
    Ok(count)
}

impl Storage for PostgresStorage {
    fn device_for_token(&self, token_hash: String) -> StoreFuture<'_, Option<DeviceInfo>> {
        Box::pin(async move {
            let client = self.client().await?;
            let query = client
                .prepare_cached(
                    "SELECT name, centre, district FROM devices
                     WHERE token_hash = $1 AND revoked IS NULL",
                )
                .await?;
            Ok(client
                .query_opt(&query, &[&token_hash])
                .await?
                .map(|r| DeviceInfo {
                    name: r.get(0),
                    centre: r.get(1),
                    district: r.get(2),
                }))
        })
    }

    fn add_device(&self, device: NewDevice) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let client = self.client().await?;
            let added = client
                .execute(
                    "INSERT INTO devices (name, token_hash, added, centre, district)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (name) DO NOTHING",
                    &[
                        &device.name,
                        &device.token_hash,
                        &device.added,
                        &device.centre,
                        &device.district,
                    ],
                )
                .await?;
            Ok(added == 1)
        })
    }

    fn centre_rows(&self) -> StoreFuture<'_, Vec<CentreRow>> {
        Box::pin(async move {
            let client = self.client().await?;
            let tables: Vec<&str> = REPORT_TABLES.to_vec();
            let rows = client
                .query(
                    "SELECT tbl, COALESCE(centre, ''), row FROM changes
                     WHERE NOT deleted AND tbl = ANY($1)",
                    &[&tables],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|r| CentreRow {
                    table: r.get(0),
                    centre: r.get(1),
                    row: r.get(2),
                })
                .collect())
        })
    }

    fn devices(&self) -> StoreFuture<'_, Vec<DeviceRecord>> {
        Box::pin(async move {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT name, added, revoked, centre, district FROM devices ORDER BY name",
                    &[],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|r| DeviceRecord {
                    name: r.get(0),
                    added: r.get(1),
                    revoked: r.get(2),
                    centre: r.get(3),
                    district: r.get(4),
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

    fn push(
        &self,
        device: DeviceInfo,
        changes: Vec<Change>,
    ) -> StoreFuture<'_, Vec<(usize, Reason)>> {
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

    fn device_log(&self, name: String, since: i64) -> StoreFuture<'_, Vec<LogEntry>> {
        Box::pin(async move {
            let client = self.client().await?;
            let sql = format!(
                "SELECT {LOG_COLUMNS} FROM change_log WHERE device = $1 AND at >= $2 ORDER BY id"
            );
            let rows = client.query(&sql, &[&name, &since]).await?;
            Ok(rows.iter().map(log_entry).collect())
        })
    }

    fn undo_device(&self, name: String, since: i64) -> StoreFuture<'_, UndoCount> {
        Box::pin(async move { undo_device(&self.pool, &name, since).await })
    }

    fn forget_log_before(&self, before: i64) -> StoreFuture<'_, u64> {
        Box::pin(async move {
            let client = self.client().await?;
            Ok(client
                .execute("DELETE FROM change_log WHERE at < $1", &[&before])
                .await?)
        })
    }
}
