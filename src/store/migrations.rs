//! Versioned schema changes. The version lives in SQLite's `user_version`; each step runs in
//! its own transaction, so a power cut leaves the database at one version or the next.

use rusqlite::Connection;

/// Each entry brings the schema from version `index` to `index + 1`. Never edit a released
/// step: add a new one.
const STEPS: &[&str] = &[
    // 1: the administrator PIN that guards a kiosk, with its record of wrong tries.
    "CREATE TABLE admin_pin (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        phc_hash TEXT NOT NULL,
        set_at TEXT NOT NULL
    );",
    // 2: wrong PIN tries are remembered across restarts, so restarting does not reset the wait.
    "CREATE TABLE admin_pin_failures (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL,
        last_at_unix INTEGER NOT NULL
    );",
];

pub const LATEST_VERSION: i64 = STEPS.len() as i64;

pub fn migrate(conn: &Connection, target: i64) -> rusqlite::Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, sql) in STEPS.iter().enumerate().take(target as usize) {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
