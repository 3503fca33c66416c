//! The administrator PIN that guards quitting and Settings on a kiosk.
//!
//! The PIN is kept only as an argon2id hash. Each wrong try doubles the wait before the next
//! one (1 s, 2 s, 4 s … at most 5 minutes), and the count survives a restart.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

use crate::store::{Store, StoreError};

pub const MIN_PIN_DIGITS: usize = 4;
pub const MAX_PIN_DIGITS: usize = 12;
const MAX_WAIT_SECONDS: i64 = 300;

#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits")]
    BadShape,
    #[error("no administrator PIN is set")]
    NotSet,
    #[error("wrong PIN")]
    Wrong,
    #[error("too many wrong tries: wait {0} seconds")]
    Wait(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub fn is_well_formed(pin: &str) -> bool {
    (MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&pin.len())
        && pin.bytes().all(|b| b.is_ascii_digit())
}

pub fn set_pin(store: &Store, pin: &str) -> Result<(), PinError> {
    if !is_well_formed(pin) {
        return Err(PinError::BadShape);
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|_| PinError::BadShape)?
        .to_string();
    store
        .admin()
        .set_pin_hash(&hash, &chrono::Local::now().to_rfc3339())?;
    Ok(())
}

pub fn pin_is_set(store: &Store) -> Result<bool, StoreError> {
    Ok(store.admin().pin_record()?.is_some())
}

/// Seconds still to wait before another try is allowed (0 when a try may be made now).
pub fn seconds_to_wait(store: &Store, now_unix: i64) -> Result<i64, StoreError> {
    Ok(match store.admin().pin_record()? {
        Some(record) => wait_after(record.failures, record.last_failure_unix, now_unix),
        None => 0,
    })
}

/// After `failures` wrong tries, the last at `last_failure_unix`: the seconds still to wait
/// (each wrong try doubles the wait, 1 s, 2 s, 4 s … at most 5 minutes).
pub fn wait_after(failures: u32, last_failure_unix: i64, now_unix: i64) -> i64 {
    if failures == 0 {
        return 0;
    }
    let wait = 1i64
        .checked_shl(failures.saturating_sub(1).min(20))
        .unwrap_or(MAX_WAIT_SECONDS)
        .min(MAX_WAIT_SECONDS);
    (last_failure_unix + wait - now_unix).max(0)
}

/// Checks a PIN, keeping count of wrong tries and refusing tries that come too soon.
pub fn verify_pin(store: &Store, pin: &str, now_unix: i64) -> Result<(), PinError> {
    let record = store.admin().pin_record()?.ok_or(PinError::NotSet)?;
    let wait = seconds_to_wait(store, now_unix)?;
    if wait > 0 {
        return Err(PinError::Wait(wait));
    }
    let matches = PasswordHash::new(&record.phc_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    if matches {
        store.admin().clear_pin_failures()?;
        Ok(())
    } else {
        store.admin().record_pin_failure(now_unix)?;
        Err(PinError::Wrong)
    }
}

pub fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("leling.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_pin_is_stored_as_an_argon2id_hash_and_verifies() {
        let (_dir, store) = store();
        set_pin(&store, "2468").unwrap();
        let record = store.admin().pin_record().unwrap().unwrap();
        assert!(record.phc_hash.starts_with("$argon2id$"));
        assert!(!record.phc_hash.contains("2468"));
        verify_pin(&store, "2468", 1_000).unwrap();
    }

    #[test]
    fn wrong_tries_make_the_next_try_wait_longer() {
        let (_dir, store) = store();
        set_pin(&store, "2468").unwrap();
        assert!(matches!(
            verify_pin(&store, "1111", 1_000),
            Err(PinError::Wrong)
        ));
        assert!(matches!(
            verify_pin(&store, "2468", 1_000),
            Err(PinError::Wait(1))
        ));
        assert!(matches!(
            verify_pin(&store, "1111", 1_001),
            Err(PinError::Wrong)
        ));
        assert_eq!(seconds_to_wait(&store, 1_001).unwrap(), 2);
        assert!(matches!(
            verify_pin(&store, "1111", 1_003),
            Err(PinError::Wrong)
        ));
        assert_eq!(seconds_to_wait(&store, 1_003).unwrap(), 4);
        // The right PIN, once the wait is over, clears the count.
        verify_pin(&store, "2468", 1_007).unwrap();
        assert_eq!(seconds_to_wait(&store, 1_007).unwrap(), 0);
    }

    #[test]
    fn malformed_pins_are_refused() {
        let (_dir, store) = store();
        for bad in ["", "123", "12a4", "1234567890123"] {
            assert!(
                matches!(set_pin(&store, bad), Err(PinError::BadShape)),
                "{bad}"
            );
        }
        assert!(!pin_is_set(&store).unwrap());
    }
}
