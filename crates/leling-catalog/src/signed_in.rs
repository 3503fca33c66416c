//! Adding a catalog with what it takes to open it: a key taken out of its address and a
//! sign-in (`logins`), kept in the credentials file only once the catalog has been read with
//! them, so a wrong password or a mistyped address leaves nothing behind. The command line
//! and the screens add catalogs through here.

use std::path::Path;

use super::fetch::Fetcher;
use super::logins::Logins;
use super::sources::{self, Added, SourceError};
use leling_store::Store;

/// A user and password typed by the person (never on a command line).
pub struct SignIn<'a> {
    pub user: &'a str,
    pub password: &'a str,
}

/// Adds the catalog at `location` (a key in it kept apart), signing in as `sign_in` where
/// given, with the sign-ins already kept in `data_dir` for other sites. Returns what was added
/// and the address as it is kept and shown.
pub fn add_signed_in(
    store: &Store,
    data_dir: &Path,
    location: &str,
    name: Option<&str>,
    sign_in: Option<SignIn>,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Added, SourceError> {
    let mut logins = Logins::load(data_dir);
    let kept = if sources::is_web_address(location) {
        logins.hide_key(location)
    } else {
        location.to_owned()
    };
    if let Some(sign_in) = &sign_in {
        logins.set(location, sign_in.user, sign_in.password);
    }
    let fetcher = Fetcher::new().with_logins(logins.clone());
    let added = sources::add(store, &fetcher, &kept, name, progress)?;
    if (kept != location || sign_in.is_some())
        && let Err(error) = logins.save(data_dir)
    {
        // A catalog kept without what opens it would fail at its next refresh.
        store.catalogs().remove_source(&added.name)?;
        return Err(SourceError::LoginNotKept(error.kind()));
    }
    Ok(added)
}
