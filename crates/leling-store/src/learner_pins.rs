//! A learner's own sign-in PIN, kept in her member row, and the wrong tries made at this kiosk
//! with each card.

use rusqlite::{OptionalExtension, params};

use super::StoreError;
use super::clubs::Clubs;
use super::clubs::change_time;

impl Clubs<'_> {
    /// The PIN hash of the member with this id, if she has a PIN.
    pub fn member_pin_hash(&self, member_id: &str) -> Result<Option<String>, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT pin_hash FROM members WHERE id = ?1",
                [member_id],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.store.err(e))
    }

    /// Sets (or with `None` removes) a member's PIN hash; her card's wrong tries are forgotten.
    /// The member row changes, so the PIN goes to the hub and her other kiosks like the rest.
    pub fn set_member_pin_hash(
        &self,
        member_id: &str,
        card: &str,
        hash: Option<&str>,
    ) -> Result<(), StoreError> {
        self.store.atomically(|| {
            self.store
                .conn
                .execute(
                    "UPDATE members SET pin_hash = ?2, changed_at = ?3 WHERE id = ?1",
                    params![member_id, hash, change_time()],
                )
                .map_err(|e| self.store.err(e))?;
            self.clear_card_pin_failures(card)
        })
    }

    /// Wrong tries with a card so far, and when the last was (Unix seconds).
    pub fn card_pin_failures(&self, card: &str) -> Result<(u32, i64), StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT count, last_at_unix FROM learner_pin_failures WHERE card = ?1",
                [card],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.store.err(e))
    }

    pub fn record_card_pin_failure(&self, card: &str, now_unix: i64) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO learner_pin_failures (card, count, last_at_unix) VALUES (?1, 1, ?2)
                 ON CONFLICT (card) DO UPDATE SET count = count + 1,
                     last_at_unix = excluded.last_at_unix",
                params![card, now_unix],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn clear_card_pin_failures(&self, card: &str) -> Result<(), StoreError> {
        self.store
            .conn
            .execute("DELETE FROM learner_pin_failures WHERE card = ?1", [card])
            .map(drop)
            .map_err(|e| self.store.err(e))
    }
}
