//! Device tokens: 32 random bytes, shown once as hex; the hub keeps only their SHA-256.
//!
//! A fast hash is enough here (unlike a PIN): a token has 256 bits of chance, so no one can
//! guess it from its hash, and a slow hash would cost every request.

use sha2::{Digest, Sha256};

/// A new token, as the kiosk will send it.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// What the hub stores and looks tokens up by.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_new_each_time_and_hash_to_a_fixed_size() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash(&a).len(), 64);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), a);
    }
}
