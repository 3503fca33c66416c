//! The kiosk's side of sync in the database: the hybrid logical clock, the outbox of local
//! changes (filled by triggers, see migration 8), and applying the hub's changes so that the
//! newest stamp wins, ties to the larger device id, exactly as the hub decides.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value as Json};

use super::{Store, StoreError};
use leling_core::protocol::{
    Change, FUTURE_LIMIT_MILLIS, PulledChange, Reason, RefusedChange, Stamp, book_key,
    names_its_row, now_millis, wins,
};

/// Syncing with the hub: the outbox of changes, the hub's address and this device, the changes
/// pulled.
pub struct Outbox<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn outbox(&self) -> Outbox<'_> {
        Outbox { store: self }
    }
}

/// The clock and the "applying the hub's changes" switch the triggers consult.
#[derive(Clone, Default)]
pub(super) struct SyncHooks {
    clock: Arc<Mutex<Stamp>>,
    applying: Arc<AtomicBool>,
    /// How far the hub's clock was ahead of this kiosk's at the last sync, in milliseconds
    /// (0 when it was not): the hub keeps time, so a kiosk whose clock is behind still takes
    /// in the stamps of the hub's present.
    hub_ahead: Arc<AtomicU64>,
}

impl SyncHooks {
    /// Registers `leling_stamp()` and `leling_recording()` on the connection; every
    /// connection that writes must have them, as the triggers call them.
    pub(super) fn register(&self, conn: &Connection) -> rusqlite::Result<()> {
        let clock = self.clock.clone();
        let hub_ahead = self.hub_ahead.clone();
        // The row's previous stamp is passed in: another process on this database (a sync
        // worker, `leling sync`) has a clock of its own, and a row's new stamp must still come
        // after everything that row has been; but never after this kiosk's time plus the
        // future limit, or one forged stamp would carry every later write past what the hub
        // takes (and, at the last stamp, past 13 digits).
        conn.create_scalar_function("leling_stamp", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
            let previous = ctx.get::<Option<String>>(0)?;
            let now = now_millis();
            let limit = latest_allowed(now, hub_ahead.load(Ordering::SeqCst));
            let mut held = clock.lock().unwrap_or_else(|e| e.into_inner());
            // A clock that ran ahead (a date set wrong, since put right) comes back.
            if held.millis > limit {
                *held = Stamp::default();
            }
            if let Some(previous) = previous.as_deref().and_then(Stamp::parse)
                && previous > *held
                && previous.millis <= limit
            {
                *held = previous;
            }
            *held = held.tick(now);
            Ok(held.to_string())
        })?;
        conn.create_scalar_function(
            "leling_book_key",
            2,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                let title = ctx.get::<Option<String>>(0)?.unwrap_or_default();
                let author = ctx.get::<Option<String>>(1)?.unwrap_or_default();
                Ok(book_key(&title, &author))
            },
        )?;
        let applying = self.applying.clone();
        conn.create_scalar_function(
            "leling_recording",
            0,
            FunctionFlags::SQLITE_UTF8,
            move |_| Ok(!applying.load(Ordering::SeqCst)),
        )
    }

    /// After migrating: the clock starts from the newest stamp the database has seen, so a
    /// restart (or a wall clock set back) never issues an older one; and knows how far the
    /// hub's clock was ahead at the last sync.
    pub(super) fn catch_up(&self, conn: &Connection) -> rusqlite::Result<()> {
        let ahead: Option<i64> = conn
            .query_row(
                "SELECT clock_ahead_ms FROM sync_peer WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .unwrap_or(None);
        if let Some(ahead) = ahead {
            self.note_hub_clock(ahead);
        }
        let newest: Option<String> = conn
            .query_row("SELECT MAX(stamp) FROM row_versions", [], |r| r.get(0))
            .optional()
            .map(Option::flatten)
            .or_else(|_| Ok::<_, rusqlite::Error>(None))?;
        if let Some(stamp) = newest.as_deref().and_then(Stamp::parse) {
            self.observe(stamp);
        }
        Ok(())
    }

    /// Takes in how far this kiosk's clock is ahead of the hub's (behind when negative).
    fn note_hub_clock(&self, kiosk_ahead_ms: i64) {
        let hub_ahead = u64::try_from(-kiosk_ahead_ms).unwrap_or(0);
        self.hub_ahead.store(hub_ahead, Ordering::SeqCst);
    }

    /// Takes in a stamp from elsewhere, unless it is more than a day ahead of the later of
    /// this kiosk's clock and the hub's: one device with its date set wrong must not drag every
    /// other clock with it, and a kiosk whose clock is behind still follows the hub.
    fn observe(&self, seen: Stamp) {
        if seen.millis > latest_allowed(now_millis(), self.hub_ahead.load(Ordering::SeqCst)) {
            return;
        }
        let mut held = self.clock.lock().unwrap_or_else(|e| e.into_inner());
        if seen > *held {
            *held = seen;
        }
    }
}

/// The latest stamp a kiosk takes in or gives, with its clock at `now` and the hub's
/// `hub_ahead` milliseconds ahead of it: the later of the two clocks, plus the future limit.
fn latest_allowed(now: u64, hub_ahead: u64) -> u64 {
    now.saturating_add(hub_ahead)
        .saturating_add(FUTURE_LIMIT_MILLIS)
}

/// How each synced table is keyed and merged on this kiosk.
struct TableRule {
    name: &'static str,
    /// The condition that finds the row with a key: `?1` is the whole key, or its part before
    /// the first `/` when the key is two columns (`?2` the rest), so the lookup uses an index.
    find: &'static str,
    /// The conflict target for applying a change.
    conflict: &'static str,
    /// The table has a `deleted` column (a tombstone); without one a deletion removes the row.
    has_deleted_column: bool,
}

const RULES: &[TableRule] = &[
    TableRule {
        name: "clubs",
        find: "id = ?1",
        conflict: "id",
        has_deleted_column: true,
    },
    TableRule {
        name: "members",
        find: "id = ?1",
        conflict: "id",
        has_deleted_column: true,
    },
    TableRule {
        name: "club_sessions",
        find: "id = ?1",
        conflict: "id",
        has_deleted_column: true,
    },
    TableRule {
        name: "attendance",
        find: "session_id = ?1 AND member_id = ?2",
        conflict: "session_id, member_id",
        has_deleted_column: true,
    },
    TableRule {
        name: "reading_log",
        find: "id = ?1",
        conflict: "id",
        has_deleted_column: true,
    },
    TableRule {
        name: "lecture_attendance",
        find: "learner = ?1 AND lecture_id = ?2",
        conflict: "learner, lecture_id",
        has_deleted_column: false,
    },
    TableRule {
        name: "session_quizzes",
        find: "id = ?1",
        conflict: "id",
        has_deleted_column: true,
    },
    TableRule {
        name: "quiz_results",
        find: "id = ?1",
        conflict: "id",
        has_deleted_column: true,
    },
    TableRule {
        name: "learner_settings",
        find: "learner = ?1",
        conflict: "learner",
        has_deleted_column: false,
    },
    TableRule {
        name: "reading_positions",
        find: "learner = ?1
               AND book_id IN (SELECT id FROM books WHERE leling_book_key(title, author) = ?2)",
        conflict: "book_id, learner",
        has_deleted_column: false,
    },
];

fn rule(table: &str) -> Option<&'static TableRule> {
    RULES.iter().find(|r| r.name == table)
}

/// The values for a rule's `find` condition: the key whole, or split at its first `/`.
fn key_parts<'k>(rule: &TableRule, key: &'k str) -> Vec<&'k str> {
    if rule.find.contains("?2") {
        let (first, rest) = key.split_once('/').unwrap_or((key, ""));
        vec![first, rest]
    } else {
        vec![key]
    }
}

/// A column unique among a table's live rows, which two kiosks may both fill alike.
struct UniqueColumn {
    table: &'static str,
    column: &'static str,
    /// The value is unique only among rows that agree in this column (a club's name within its
    /// centre: two centres may both run a 银杏读书会).
    within: &'static str,
    /// What the row added later holds instead, given the value and that row's id.
    instead: fn(&str, &str) -> Json,
}

/// Member cards are not here: one card is one person, so two members with one card are merged
/// (`settle_card`) rather than told apart.
const UNIQUE_COLUMNS: &[UniqueColumn] = &[
    // A second club of the name at one centre is shown with the end of its id after it.
    UniqueColumn {
        table: "clubs",
        column: "name",
        within: "centre",
        instead: |name, id| Json::String(format!("{name} ({})", &id[id.len().saturating_sub(4)..])),
    },
];

/// Each synced table's columns: a change's row names only these.
type SyncedColumns = std::collections::HashMap<&'static str, Vec<String>>;

/// Where this kiosk syncs to, and how far it has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPeer {
    pub hub: String,
    /// The kiosk's device name at the hub, learnt from the hub's answers.
    pub device: Option<String>,
    pub cursor: i64,
    pub last_sync_at: Option<String>,
    pub last_problem: Option<String>,
    /// How far this kiosk's clock was ahead of the hub's at the last sync (behind when
    /// negative), in milliseconds.
    pub clock_ahead_ms: Option<i64>,
}

/// A change set aside: this kiosk's, refused by the hub (`from_hub` false), or the hub's,
/// refused here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub table: String,
    pub key: String,
    pub stamp: String,
    pub reason: Reason,
    pub from_hub: bool,
    /// When it was set aside (RFC 3339, local time).
    pub at: String,
}

impl Outbox<'_> {
    pub fn sync_peer(&self) -> Result<Option<SyncPeer>, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT hub, device, cursor, last_sync_at, last_problem, clock_ahead_ms
                 FROM sync_peer WHERE id = 1",
                [],
                |r| {
                    Ok(SyncPeer {
                        hub: r.get(0)?,
                        device: r.get(1)?,
                        cursor: r.get(2)?,
                        last_sync_at: r.get(3)?,
                        last_problem: r.get(4)?,
                        clock_ahead_ms: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Points the kiosk at a hub; a different hub starts again from the beginning, and gets
    /// everything this kiosk holds (the old hub's acknowledgements say nothing about it).
    pub fn set_sync_hub(&self, hub: &str) -> Result<(), StoreError> {
        let changed = self.sync_peer()?.is_some_and(|peer| peer.hub != hub);
        if changed {
            self.store
                .conn
                .execute(
                    "INSERT OR IGNORE INTO outbox (tbl, key) SELECT tbl, key FROM row_versions",
                    [],
                )
                .map_err(|e| self.store.err(e))?;
        }
        self.store.conn
            .execute(
                "INSERT INTO sync_peer (id, hub) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET hub = excluded.hub,
                     cursor = CASE WHEN sync_peer.hub = excluded.hub THEN sync_peer.cursor ELSE 0 END,
                     device = CASE WHEN sync_peer.hub = excluded.hub THEN sync_peer.device END",
                [hub],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn set_sync_device(&self, device: &str) -> Result<(), StoreError> {
        self.store
            .conn
            .execute("UPDATE sync_peer SET device = ?1 WHERE id = 1", [device])
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// Records how a sync ended: `None` when it went well.
    pub fn record_sync(&self, problem: Option<&str>) -> Result<(), StoreError> {
        let sql = if problem.is_some() {
            "UPDATE sync_peer SET last_problem = ?1 WHERE id = 1"
        } else {
            "UPDATE sync_peer SET last_problem = ?1, last_sync_at = ?2 WHERE id = 1"
        };
        let now = chrono::Local::now().to_rfc3339();
        let mut stmt = self
            .store
            .conn
            .prepare(sql)
            .map_err(|e| self.store.err(e))?;
        let result = if problem.is_some() {
            stmt.execute(params![problem])
        } else {
            stmt.execute(params![problem, now])
        };
        result.map(drop).map_err(|e| self.store.err(e))
    }

    /// Notes how far this kiosk's clock is ahead of the hub's (behind when negative).
    pub fn note_clock(&self, ahead_ms: i64) -> Result<(), StoreError> {
        self.store.hooks.note_hub_clock(ahead_ms);
        self.store
            .conn
            .execute(
                "UPDATE sync_peer SET clock_ahead_ms = ?1 WHERE id = 1",
                [ahead_ms],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// Takes in what the hub refused of a push (`sent` as pushed, `refused` by their place
    /// in it). A tie with another device's version is stamped anew and queued again, to go in
    /// this same sync; anything else is set aside with its reason. Either way it is
    /// acknowledged with the rest, so nothing waits behind it.
    pub fn set_aside_refused(
        &self,
        sent: &[Change],
        refused: &[RefusedChange],
    ) -> Result<(), StoreError> {
        for refusal in refused {
            let Some(change) = sent.get(refusal.index) else {
                continue;
            };
            match refusal.reason {
                Reason::SameStamp => self.stamp_again(&change.table, &change.key)?,
                reason => self.set_aside(change, reason, false)?,
            }
        }
        Ok(())
    }

    /// Gives a row of this kiosk a new stamp (after its old one, unless that one is past the
    /// future limit) and queues it for the hub again.
    fn stamp_again(&self, table: &str, key: &str) -> Result<(), StoreError> {
        let conn = &self.store.conn;
        let run = |sql: &str| {
            conn.execute(sql, [table, key])
                .map(drop)
                .map_err(|e| self.store.err(e))
        };
        run(
            "UPDATE row_versions SET stamp = leling_stamp(stamp), device = NULL
             WHERE tbl = ?1 AND key = ?2",
        )?;
        run("DELETE FROM outbox WHERE tbl = ?1 AND key = ?2")?;
        run("INSERT INTO outbox (tbl, key) VALUES (?1, ?2)")
    }

    fn set_aside(&self, change: &Change, reason: Reason, from_hub: bool) -> Result<(), StoreError> {
        let came_from = if from_hub { "hub" } else { "here" };
        let now = chrono::Local::now().to_rfc3339();
        self.store
            .conn
            .prepare_cached(
                "INSERT INTO sync_set_aside (tbl, key, stamp, reason, came_from, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut statement| {
                let key = &change.key;
                let values = params![
                    change.table,
                    key,
                    change.stamp,
                    reason.code(),
                    came_from,
                    now
                ];
                statement.execute(values)
            })
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// The changes set aside, newest first.
    pub fn set_aside_changes(&self) -> Result<Vec<SetAside>, StoreError> {
        self.store.query_all(
            "SELECT tbl, key, stamp, reason, came_from, at FROM sync_set_aside ORDER BY seq DESC",
            [],
            |r| {
                Ok(SetAside {
                    table: r.get(0)?,
                    key: r.get(1)?,
                    stamp: r.get(2)?,
                    reason: Reason::from_code(&r.get::<_, String>(3)?),
                    from_hub: r.get::<_, String>(4)? == "hub",
                    at: r.get(5)?,
                })
            },
        )
    }

    /// This kiosk's changes that the hub refused as stamped in the future, now that this
    /// kiosk's clock is right again (the stamp is more than the future limit past it): each is
    /// stamped anew and queued again. Returns how many.
    pub fn restamp_set_aside(&self) -> Result<usize, StoreError> {
        let limit = now_millis() + FUTURE_LIMIT_MILLIS;
        let waiting = self.store.query_all(
            "SELECT seq, tbl, key, stamp FROM sync_set_aside
             WHERE came_from = 'here' AND reason = ?1",
            [Reason::FutureStamp.code()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        let mut queued = 0;
        for (seq, table, key, stamp) in waiting {
            if Stamp::parse(&stamp).is_some_and(|stamp| stamp.millis <= limit) {
                // The clock still reads as it did: stamped again, it would be refused again.
                continue;
            }
            self.store.atomically(|| {
                self.stamp_again(&table, &key)?;
                (self.store.conn)
                    .execute("DELETE FROM sync_set_aside WHERE seq = ?1", [seq])
                    .map(drop)
                    .map_err(|e| self.store.err(e))
            })?;
            queued += 1;
        }
        Ok(queued)
    }

    /// Changes waiting for the hub.
    pub fn waiting(&self) -> Result<u64, StoreError> {
        self.store
            .conn
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))
            .map_err(|e| self.store.err(e))
    }

    /// Up to `max` changes from the outbox, oldest first, each as the row is now (a row
    /// written twice goes once), with the outbox position to acknowledge them up to.
    pub fn batch(&self, max: usize) -> Result<(Vec<Change>, i64), StoreError> {
        // The stamps come in the same query as the queue: one lookup less for every row.
        let queued = self.store.query_all(
            "SELECT o.seq, o.tbl, o.key, v.stamp FROM outbox o
             LEFT JOIN row_versions v ON v.tbl = o.tbl AND v.key = o.key
             ORDER BY o.seq LIMIT ?1",
            [max as i64],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )?;
        let upto = queued.last().map_or(0, |q| q.0);
        let mut changes: Vec<Change> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        for (_, table, key, stamp) in queued {
            let (Some(rule), Some(stamp)) = (rule(&table), stamp) else {
                continue;
            };
            if !taken.insert((table.clone(), key.clone())) {
                continue;
            }
            let row = self.row_as_json(rule, &key)?;
            let deleted = match &row {
                None => true,
                Some(row) => row.get("deleted").and_then(Json::as_i64) == Some(1),
            };
            changes.push(Change {
                table,
                key,
                stamp,
                deleted,
                row: row.unwrap_or_default(),
            });
        }
        Ok((changes, upto))
    }

    /// The hub has the outbox up to `upto`: only now is it removed.
    pub fn acknowledge(&self, upto: i64) -> Result<(), StoreError> {
        self.store
            .conn
            .execute("DELETE FROM outbox WHERE seq <= ?1", [upto])
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// The row with `key` as JSON columns (a reading position names its book by title and
    /// author, as book ids differ between kiosks).
    fn row_as_json(
        &self,
        rule: &TableRule,
        key: &str,
    ) -> Result<Option<Map<String, Json>>, StoreError> {
        let sql = format!("SELECT * FROM {} WHERE {}", rule.name, rule.find);
        let mut stmt = self
            .store
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.store.err(e))?;
        let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
        let mut row = stmt
            .query_row(rusqlite::params_from_iter(key_parts(rule, key)), |r| {
                let mut map = Map::new();
                for (i, name) in names.iter().enumerate() {
                    map.insert(name.clone(), json_of(r.get_ref(i)?));
                }
                Ok(map)
            })
            .optional()
            .map_err(|e| self.store.err(e))?;
        if rule.name == "reading_positions"
            && let Some(map) = &mut row
        {
            let book_id = map.remove("book_id").and_then(|v| v.as_i64()).unwrap_or(0);
            let (title, author): (String, Option<String>) = self
                .store
                .conn
                .query_row(
                    "SELECT title, author FROM books WHERE id = ?1",
                    [book_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|e| self.store.err(e))?;
            map.insert("book_title".into(), Json::String(title));
            map.insert(
                "book_author".into(),
                author.map_or(Json::Null, Json::String),
            );
        }
        Ok(row)
    }

    /// Applies a page of the hub's changes in one transaction, each only where it wins over
    /// what this kiosk holds, and moves the cursor to `next` in the same transaction. Returns
    /// how many changed something here.
    pub fn apply_remote_page(
        &self,
        changes: &[PulledChange],
        next: i64,
    ) -> Result<usize, StoreError> {
        let own_device = self.sync_peer()?.and_then(|p| p.device).unwrap_or_default();
        // Rows arrive in the hub's order, where a session may come after its check-ins (the
        // hub keeps only each row's latest version); references are checked by the reports'
        // joins instead, and a page never fails half-way for an order it cannot choose.
        self.store
            .conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(|e| self.store.err(e))?;
        self.store.hooks.applying.store(true, Ordering::SeqCst);
        let applied = self.store.atomically(|| {
            let columns = self.synced_columns()?;
            let mut applied = 0;
            for pulled in changes {
                if self.apply_one(pulled, &own_device, &columns)? {
                    applied += 1;
                }
            }
            self.store
                .conn
                .execute("UPDATE sync_peer SET cursor = ?1 WHERE id = 1", [next])
                .map_err(|e| self.store.err(e))?;
            Ok::<_, StoreError>(applied)
        });
        self.store.hooks.applying.store(false, Ordering::SeqCst);
        self.store
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| self.store.err(e))?;
        applied
    }

    fn apply_one(
        &self,
        pulled: &PulledChange,
        own_device: &str,
        columns: &SyncedColumns,
    ) -> Result<bool, StoreError> {
        let change = &pulled.change;
        let Some(rule) = rule(&change.table) else {
            return Ok(false);
        };
        // A change under another row's key would write over that row whatever its stamp.
        if !names_its_row(change) {
            self.set_aside(change, Reason::KeyMismatch, true)?;
            return Ok(false);
        }
        if let Some(stamp) = Stamp::parse(&change.stamp) {
            self.store.hooks.observe(stamp);
        }
        let held: Option<(String, Option<String>)> = self
            .store
            .conn
            .prepare_cached("SELECT stamp, device FROM row_versions WHERE tbl = ?1 AND key = ?2")
            .and_then(|mut statement| {
                statement
                    .query_row(params![change.table, change.key], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()
            })
            .map_err(|e| self.store.err(e))?;
        if let Some((held_stamp, held_device)) = &held {
            // A version written here and not yet named by the hub is this kiosk's own.
            let held_device = held_device.as_deref().unwrap_or(own_device);
            if !wins(&change.stamp, &pulled.device, held_stamp, held_device) {
                return Ok(false);
            }
        }
        if rule.name == "reading_positions" && self.keep_further_place(change)? {
            return Ok(false);
        }
        // A row that cannot live here (it breaks a rule of this database) is left out rather
        // than stopping every later change: the rest of the page still applies.
        let attempt = self.store.atomically(|| {
            if change.deleted && !rule.has_deleted_column {
                self.delete_row(rule, &change.key).map(|()| true)
            } else {
                self.upsert_row(rule, &change.row, &columns[rule.name])
            }
        });
        let written = match attempt {
            Ok(written) => written,
            Err(StoreError::Sqlite { source, .. })
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
            {
                false
            }
            Err(e) => return Err(e),
        };
        if written {
            self.store
                .conn
                .prepare_cached(
                    "INSERT INTO row_versions (tbl, key, stamp, device) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp,
                         device = excluded.device",
                )
                .and_then(|mut statement| {
                    statement.execute(params![
                        change.table,
                        change.key,
                        change.stamp,
                        pulled.device
                    ])
                })
                .map_err(|e| self.store.err(e))?;
        }
        Ok(written)
    }

    /// A reading place from another kiosk that is behind the one here does not move the
    /// learner back: the place here is written again (recorded, with a new stamp), so it goes
    /// to the hub and wins there too, and every kiosk ends at the further place.
    fn keep_further_place(&self, change: &Change) -> Result<bool, StoreError> {
        let incoming = change
            .row
            .get("percent")
            .and_then(Json::as_i64)
            .unwrap_or(0);
        let Some(rule) = rule("reading_positions") else {
            return Ok(false);
        };
        let key = key_parts(rule, &change.key);
        let sql = format!("SELECT percent FROM reading_positions WHERE {}", rule.find);
        let here: Option<Option<i64>> = self
            .store
            .conn
            .query_row(&sql, rusqlite::params_from_iter(&key), |r| r.get(0))
            .optional()
            .map_err(|e| self.store.err(e))?;
        let Some(here) = here.flatten() else {
            return Ok(false);
        };
        if change.deleted || here <= incoming {
            return Ok(false);
        }
        self.store.hooks.applying.store(false, Ordering::SeqCst);
        let touched = self.store.conn.execute(
            &format!(
                "UPDATE reading_positions SET updated_at = updated_at WHERE {}",
                rule.find
            ),
            rusqlite::params_from_iter(&key),
        );
        self.store.hooks.applying.store(true, Ordering::SeqCst);
        touched.map_err(|e| self.store.err(e))?;
        Ok(true)
    }

    fn delete_row(&self, rule: &TableRule, key: &str) -> Result<(), StoreError> {
        let sql = format!("DELETE FROM {} WHERE {}", rule.name, rule.find);
        self.store
            .conn
            .execute(&sql, rusqlite::params_from_iter(key_parts(rule, key)))
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    /// Writes a row from its JSON columns; only the table's own columns are taken. Returns
    /// false when the row cannot live here (a reading position of a book this kiosk lacks).
    fn upsert_row(
        &self,
        rule: &TableRule,
        row: &Map<String, Json>,
        columns: &[String],
    ) -> Result<bool, StoreError> {
        let mut row = row.clone();
        if rule.name == "reading_positions" {
            let title = row.remove("book_title");
            let author = row.remove("book_author");
            let book: Option<i64> = self
                .store
                .conn
                .query_row(
                    "SELECT id FROM books WHERE title = ?1 AND author IS ?2 ORDER BY id LIMIT 1",
                    params![
                        title.as_ref().and_then(Json::as_str),
                        author.as_ref().and_then(Json::as_str)
                    ],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.store.err(e))?;
            let Some(book) = book else { return Ok(false) };
            row.insert("book_id".into(), Json::from(book));
        }
        self.settle_unique(rule.name, &mut row)?;
        let is_member = rule.name == "members";
        let cards_touched = if is_member {
            self.make_room_for_card(&mut row)?
        } else {
            Vec::new()
        };
        let names: Vec<&String> = row.keys().filter(|k| columns.contains(k)).collect();
        if names.is_empty() {
            return Ok(false);
        }
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let conflict: Vec<&str> = rule.conflict.split(", ").collect();
        // The natural key's row keeps its local id.
        let updates: Vec<String> = names
            .iter()
            .filter(|n| !conflict.contains(&n.as_str()) && n.as_str() != "id")
            .map(|n| format!("{n} = excluded.{n}"))
            .collect();
        let action = if updates.is_empty() {
            "NOTHING".to_owned()
        } else {
            format!("UPDATE SET {}", updates.join(", "))
        };
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO {action}",
            rule.name,
            names
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            placeholders.join(", "),
            rule.conflict,
        );
        let values: Vec<Value> = names.iter().map(|n| value_of(&row[n.as_str()])).collect();
        // Every row of a table from one kiosk version has the same columns: one statement.
        self.store
            .conn
            .prepare_cached(&sql)
            .and_then(|mut statement| statement.execute(rusqlite::params_from_iter(values)))
            .map_err(|e| self.store.err(e))?;
        for card in cards_touched {
            self.settle_card(&card)?;
        }
        Ok(true)
    }

    /// Before a member from the hub is written: the cards it had here and has now, and, when
    /// another member here stands for its card, the new row names that one for now, so the
    /// card's index (one standing member per card) holds until `settle_card` decides.
    fn make_room_for_card(&self, row: &mut Map<String, Json>) -> Result<Vec<String>, StoreError> {
        let id = row
            .get("id")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned();
        let had: Option<String> = self
            .store
            .conn
            .prepare_cached("SELECT card FROM members WHERE id = ?1")
            .and_then(|mut statement| statement.query_row([&id], |r| r.get(0)).optional())
            .map_err(|e| self.store.err(e))?
            .flatten();
        let card = row.get("card").and_then(Json::as_str).map(str::to_owned);
        let live = row.get("deleted").and_then(Json::as_i64) != Some(1);
        if let Some(card) = card.as_deref().filter(|_| live) {
            let standing: Option<String> = self
                .store
                .conn
                .prepare_cached(
                    "SELECT id FROM members
                     WHERE card = ?1 AND id <> ?2 AND same_as IS NULL AND deleted = 0",
                )
                .and_then(|mut statement| {
                    statement
                        .query_row(params![card, id], |r| r.get(0))
                        .optional()
                })
                .map_err(|e| self.store.err(e))?;
            if let Some(standing) = standing {
                row.insert("same_as".into(), Json::String(standing));
            }
        }
        let mut touched: Vec<String> = had.into_iter().chain(card).collect();
        touched.dedup();
        Ok(touched)
    }

    /// One card is one person: of the live members holding `card`, the one registered first
    /// (the smallest UUIDv7 id) stands for the person and every other names it in `same_as`.
    /// This depends only on which members hold the card, not on the order their changes came
    /// in, so every kiosk ends alike.
    fn settle_card(&self, card: &str) -> Result<(), StoreError> {
        let first: Option<String> = self
            .store
            .conn
            .prepare_cached("SELECT MIN(id) FROM members WHERE card = ?1 AND deleted = 0")
            .and_then(|mut statement| statement.query_row([card], |r| r.get(0)))
            .map_err(|e| self.store.err(e))?;
        let Some(first) = first else { return Ok(()) };
        // The others first, so the card's index never sees two members standing for it.
        for sql in [
            "UPDATE members SET same_as = ?2
             WHERE card = ?1 AND deleted = 0 AND id <> ?2 AND same_as IS NOT ?2",
            "UPDATE members SET same_as = NULL WHERE id = ?2 AND same_as IS NOT NULL",
        ] {
            self.store
                .conn
                .prepare_cached(sql)
                .and_then(|mut statement| statement.execute(params![card, first]))
                .map_err(|e| self.store.err(e))?;
        }
        Ok(())
    }

    /// Two kiosks gave one value of a unique column to two new rows (one name to two clubs).
    /// The row added first (the smaller UUIDv7 id) keeps the
    /// value and the other gets [`UniqueColumn::instead`], on every kiosk alike, so both rows
    /// and everything that refers to them stay.
    fn settle_unique(&self, table: &str, row: &mut Map<String, Json>) -> Result<(), StoreError> {
        for unique in UNIQUE_COLUMNS.iter().filter(|u| u.table == table) {
            let (Some(id), Some(value)) = (
                row.get("id").and_then(Json::as_str).map(str::to_owned),
                row.get(unique.column)
                    .and_then(Json::as_str)
                    .map(str::to_owned),
            ) else {
                continue;
            };
            let within = (row.get(unique.within).and_then(Json::as_str))
                .unwrap_or_default()
                .to_owned();
            let sql = format!(
                "SELECT id FROM {table} WHERE {} = ?1 AND id <> ?2 AND deleted = 0 AND {} = ?3",
                unique.column, unique.within
            );
            let holder: Option<String> = self
                .store
                .conn
                .query_row(&sql, params![value, id, within], |r| r.get(0))
                .optional()
                .map_err(|e| self.store.err(e))?;
            match holder {
                Some(holder) if holder < id => {
                    row.insert(unique.column.into(), (unique.instead)(&value, &id));
                }
                Some(holder) => {
                    let sql = format!("UPDATE {table} SET {} = ?2 WHERE id = ?1", unique.column);
                    let instead = value_of(&(unique.instead)(&value, &holder));
                    self.store
                        .conn
                        .execute(&sql, params![holder, instead])
                        .map_err(|e| self.store.err(e))?;
                }
                None => {}
            }
        }
        Ok(())
    }

    /// The columns of every synced table, read once for a page of changes.
    fn synced_columns(&self) -> Result<SyncedColumns, StoreError> {
        RULES
            .iter()
            .map(|rule| {
                let columns = self.store.query_all(
                    &format!("PRAGMA table_info({})", rule.name),
                    [],
                    |r| r.get(1),
                )?;
                Ok((rule.name, columns))
            })
            .collect()
    }
}

fn json_of(value: ValueRef) -> Json {
    match value {
        ValueRef::Null | ValueRef::Blob(_) => Json::Null,
        ValueRef::Integer(n) => Json::from(n),
        ValueRef::Real(x) => Json::from(x),
        ValueRef::Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
    }
}

fn value_of(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .or_else(|| n.as_f64().map(Value::Real))
            .unwrap_or(Value::Null),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}
