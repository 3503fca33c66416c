//! A learner's own PIN for signing in at a kiosk: a privacy screen, not a vault. It keeps the
//! next person at a public kiosk out of her record; a four-digit PIN falls to trying every
//! number on a stolen kiosk's database, so it guards nothing beyond that.
//!
//! A volunteer sets it with her (`leling member pin CARD`), and staff reset a forgotten one
//! the same way. It is kept as argon2id over the MD5 hex of the PIN: KOReader sends a
//! password's MD5 hex (`x-auth-key`), so the hub can check her e-reader against the same row
//! without ever knowing the PIN. It is a field of her member row and syncs with it. Wrong tries
//! are counted per card, with the administrator PIN's doubling wait.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use md5::{Digest, Md5};

use crate::admin::{PinError, is_well_formed, wait_after};
use crate::store::{Member, Store};

/// The hex of the PIN's MD5, what is hashed (and what KOReader would send).
fn md5_hex(pin: &str) -> String {
    hex::encode(Md5::digest(pin.as_bytes()))
}

/// Sets a member's PIN (4 to 12 digits), or removes it with `None`.
pub fn set(store: &Store, member: &Member, pin: Option<&str>) -> Result<(), PinError> {
    let card = member.card.as_deref().unwrap_or_default();
    let Some(pin) = pin else {
        return Ok(store.clubs().set_member_pin_hash(&member.id, card, None)?);
    };
    if !is_well_formed(pin) {
        return Err(PinError::BadShape);
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(md5_hex(pin).as_bytes(), &salt)
        .map_err(|_| PinError::BadShape)?
        .to_string();
    Ok(store
        .clubs()
        .set_member_pin_hash(&member.id, card, Some(&hash))?)
}

/// Whether the member must give a PIN to sign in.
pub fn is_set(store: &Store, member: &Member) -> Result<bool, PinError> {
    Ok(store.clubs().member_pin_hash(&member.id)?.is_some())
}

/// Checks the PIN typed with the member's card, refusing tries that come too soon after
/// wrong ones and counting the wrong ones.
pub fn verify(store: &Store, member: &Member, pin: &str, now_unix: i64) -> Result<(), PinError> {
    let card = member.card.as_deref().unwrap_or_default();
    let hash = store
        .clubs()
        .member_pin_hash(&member.id)?
        .ok_or(PinError::NotSet)?;
    let (failures, last) = store.clubs().card_pin_failures(card)?;
    let wait = wait_after(failures, last, now_unix);
    if wait > 0 {
        return Err(PinError::Wait(wait));
    }
    let matches = PasswordHash::new(&hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(md5_hex(pin).as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    if matches {
        store.clubs().clear_card_pin_failures(card)?;
        Ok(())
    } else {
        store.clubs().record_card_pin_failure(card, now_unix)?;
        Err(PinError::Wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(store: &Store) -> Member {
        store
            .clubs()
            .add_member(&crate::club::members::new_member(
                "张秀英",
                Some("1001"),
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ))
            .unwrap()
    }

    #[test]
    fn the_pin_is_argon2id_over_its_md5_hex_and_wrong_tries_wait_per_card() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("leling.db")).unwrap();
        let member = member(&store);
        assert!(!is_set(&store, &member).unwrap());
        set(&store, &member, Some("2580")).unwrap();
        let hash = store.clubs().member_pin_hash(&member.id).unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"));
        // The MD5 hex of "2580", as KOReader would send it, verifies against the hash.
        let parsed = PasswordHash::new(&hash).unwrap();
        let md5 = "17b3c7061788dbe82de5abe9f6fe22b3";
        assert_eq!(md5_hex("2580"), md5);
        assert!(
            Argon2::default()
                .verify_password(md5.as_bytes(), &parsed)
                .is_ok()
        );
        verify(&store, &member, "2580", 1_000).unwrap();
        assert!(matches!(
            verify(&store, &member, "1111", 1_000),
            Err(PinError::Wrong)
        ));
        assert!(matches!(
            verify(&store, &member, "2580", 1_000),
            Err(PinError::Wait(1))
        ));
        verify(&store, &member, "2580", 1_001).unwrap();
        // Removed by staff: no PIN is asked for.
        set(&store, &member, None).unwrap();
        assert!(!is_set(&store, &member).unwrap());
    }
}
