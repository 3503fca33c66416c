//! The administrator PIN row and the count of wrong tries.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// The administrator's PIN and its tries.
pub struct Admin<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn admin(&self) -> Admin<'_> {
        Admin { store: self }
    }
}

/// What the database holds about the PIN: its argon2id PHC string and the wrong tries so far.
#[derive(Debug, Clone, PartialEq)]
pub struct PinRecord {
    pub phc_hash: String,
    pub failures: u32,
    pub last_failure_unix: i64,
}

impl Admin<'_> {
    pub fn pin_record(&self) -> Result<Option<PinRecord>, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT p.phc_hash, COALESCE(f.count, 0), COALESCE(f.last_at_unix, 0)
                 FROM admin_pin p LEFT JOIN admin_pin_failures f ON f.id = 1
                 WHERE p.id = 1",
                [],
                |row| {
                    Ok(PinRecord {
                        phc_hash: row.get(0)?,
                        failures: row.get(1)?,
                        last_failure_unix: row.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Stores a new PIN hash and forgets earlier wrong tries.
    pub fn set_pin_hash(&self, phc_hash: &str, set_at: &str) -> Result<(), StoreError> {
        let tx = self
            .store
            .conn
            .unchecked_transaction()
            .map_err(|e| self.store.err(e))?;
        tx.execute(
            "INSERT INTO admin_pin (id, phc_hash, set_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET phc_hash = excluded.phc_hash, set_at = excluded.set_at",
            params![phc_hash, set_at],
        )
        .map_err(|e| self.store.err(e))?;
        tx.execute("DELETE FROM admin_pin_failures", [])
            .map_err(|e| self.store.err(e))?;
        tx.commit().map_err(|e| self.store.err(e))
    }

    pub fn record_pin_failure(&self, now_unix: i64) -> Result<(), StoreError> {
        self.store.conn
            .execute(
                "INSERT INTO admin_pin_failures (id, count, last_at_unix) VALUES (1, 1, ?1)
                 ON CONFLICT (id) DO UPDATE SET count = count + 1, last_at_unix = excluded.last_at_unix",
                params![now_unix],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn clear_pin_failures(&self) -> Result<(), StoreError> {
        self.store
            .conn
            .execute("DELETE FROM admin_pin_failures", [])
            .map(drop)
            .map_err(|e| self.store.err(e))
    }
}
