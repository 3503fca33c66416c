//! What this kiosk keeps to sign in to the library catalogs that need it: per site, a user and
//! a password; per catalog whose address holds a key (Kavita's `/api/opds/<key>`, or
//! `?apikey=…`), that key. All of it lives in one file in the data directory that only its
//! owner may read (`credentials.toml`, mode 0600); the catalog list, the database and every
//! message hold the address with `{key}` in the key's place, and never a password.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file, in the data directory.
pub const LOGINS_FILE: &str = "credentials.toml";

/// What stands for a key in an address as it is kept and shown.
pub const KEY_MARK: &str = "{key}";

/// Names of address parameters that carry a key.
const KEY_PARAMETERS: [&str; 7] = [
    "apikey",
    "api_key",
    "key",
    "token",
    "access_token",
    "auth",
    "authkey",
];

/// The shortest path segment taken for a key: a GUID or a long hex string.
const SHORTEST_KEY_SEGMENT: usize = 20;

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logins {
    #[serde(default, rename = "site")]
    sites: Vec<SiteLogin>,
    #[serde(default, rename = "key")]
    keys: Vec<AddressKey>,
}

/// A user and password for every address of one site (scheme, host and port): sent only there.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SiteLogin {
    site: String,
    user: String,
    password: String,
}

/// A catalog's address as kept (its key replaced by [`KEY_MARK`]), and the key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct AddressKey {
    address: String,
    key: String,
}

/// Never the secrets, should a `Logins` ever be printed for debugging.
impl std::fmt::Debug for Logins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sites: Vec<&str> = self.sites.iter().map(|s| s.site.as_str()).collect();
        f.debug_struct("Logins")
            .field("sites", &sites)
            .field("keys", &self.keys.len())
            .finish()
    }
}

/// The site an address belongs to: `https://host:port`, the part a login is sent to.
pub fn site_of(address: &str) -> Option<String> {
    let url = url::Url::parse(address).ok()?;
    url.has_host()
        .then(|| url.origin().ascii_serialization())
        .filter(|site| site != "null")
}

impl Logins {
    /// The logins kept in `data_dir`; none when there is no file or it cannot be read (a
    /// catalog then asks for its login again, and says so).
    pub fn load(data_dir: &Path) -> Logins {
        std::fs::read_to_string(data_dir.join(LOGINS_FILE))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the file readable by its owner only, complete or not at all.
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        use std::os::unix::fs::OpenOptionsExt;
        let text = toml::to_string(self).map_err(std::io::Error::other)?;
        let path = data_dir.join(LOGINS_FILE);
        let temp: PathBuf = data_dir.join(format!(".{LOGINS_FILE}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&temp)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&temp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }

    /// The user and password for the site of `address`.
    pub fn for_address(&self, address: &str) -> Option<(&str, &str)> {
        let site = site_of(address)?;
        (self.sites.iter())
            .find(|login| login.site == site)
            .map(|login| (login.user.as_str(), login.password.as_str()))
    }

    /// Keeps a user and password for the site of `address` (in place of any before).
    pub fn set(&mut self, address: &str, user: &str, password: &str) {
        let Some(site) = site_of(address) else {
            return;
        };
        self.sites.retain(|login| login.site != site);
        self.sites.push(SiteLogin {
            site,
            user: user.to_owned(),
            password: password.to_owned(),
        });
    }

    /// Takes a key out of `address` and keeps it; returns the address as it is kept and shown.
    /// An address without a key is returned as it is.
    pub fn hide_key(&mut self, address: &str) -> String {
        let Some((kept, key)) = split_key(address) else {
            return address.to_owned();
        };
        self.keys.retain(|known| known.address != kept);
        self.keys.push(AddressKey {
            address: kept.clone(),
            key,
        });
        kept
    }

    /// The address to ask: a kept address with its key put back.
    pub fn reveal(&self, address: &str) -> String {
        match self.keys.iter().find(|known| known.address == address) {
            Some(known) => address.replacen(KEY_MARK, &known.key, 1),
            None => address.to_owned(),
        }
    }

    /// `text` with every kept key replaced by [`KEY_MARK`]: an address a feed gave with the
    /// key in it (a next page) is shown without it. (Passwords travel only in `Authorization`
    /// headers, never in an address or a message; and a four-digit PIN would hide every such
    /// number in the text.)
    pub fn redact(&self, text: &str) -> String {
        let keys = (self.keys.iter().map(|k| k.key.as_str())).filter(|key| key.len() >= 4);
        keys.fold(text.to_owned(), |text, key| text.replace(key, KEY_MARK))
    }
}

/// An address's key and the address with [`KEY_MARK`] in its place: the value of a key
/// parameter, else a path segment that looks like a generated key.
fn split_key(address: &str) -> Option<(String, String)> {
    let url = url::Url::parse(address).ok()?;
    for (name, value) in url.query_pairs() {
        if KEY_PARAMETERS.contains(&name.to_ascii_lowercase().as_str()) && !value.is_empty() {
            let written = format!("{name}={value}");
            let at = address.find(&written)?;
            let start = at + name.len() + 1;
            let end = start + value.len();
            return Some((replace_range(address, start, end), value.into_owned()));
        }
    }
    let segment = url.path_segments()?.find(|s| looks_like_key(s))?;
    let at = address.find(&format!("/{segment}"))? + 1;
    Some((
        replace_range(address, at, at + segment.len()),
        segment.to_owned(),
    ))
}

fn replace_range(text: &str, start: usize, end: usize) -> String {
    format!("{}{KEY_MARK}{}", &text[..start], &text[end..])
}

/// A GUID or a long hex string: letters and digits mixed, nothing a name would have.
fn looks_like_key(segment: &str) -> bool {
    segment.len() >= SHORTEST_KEY_SEGMENT
        && segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && segment.chars().any(|c| c.is_ascii_digit())
        && segment.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_in_an_address_is_kept_apart_and_put_back() {
        let mut logins = Logins::default();
        let kavita = "http://127.0.0.1:5000/api/opds/9f1c2e7a-5b3d-4c8e-a1f0-2d6b7c8e9a01";
        let kept = logins.hide_key(kavita);
        assert_eq!(kept, "http://127.0.0.1:5000/api/opds/{key}");
        assert_eq!(logins.reveal(&kept), kavita);
        let query = "https://example.org/opds?apiKey=s3cr3tvalue&lang=zh";
        let kept = logins.hide_key(query);
        assert_eq!(kept, "https://example.org/opds?apiKey={key}&lang=zh");
        assert_eq!(logins.reveal(&kept), query);
        assert_eq!(
            logins.redact("page 2 failed: http://127.0.0.1:5000/api/opds/9f1c2e7a-5b3d-4c8e-a1f0-2d6b7c8e9a01/next"),
            "page 2 failed: http://127.0.0.1:5000/api/opds/{key}/next"
        );
        // A book's number, a date or a file name is not a key.
        for plain in [
            "https://example.org/books/9780140449136/feed.xml",
            "https://example.org/opds/readium-swift-opds1-feed.xml",
            "https://example.org/2026-12-07/feed",
        ] {
            assert_eq!(logins.hide_key(plain), plain);
        }
    }

    #[test]
    fn a_login_goes_to_its_own_site_only_and_is_never_printed() {
        let mut logins = Logins::default();
        logins.set("http://127.0.0.1:18080/opds", "reader", "s3cret");
        assert_eq!(
            logins.for_address("http://127.0.0.1:18080/opds/navcatalog/4f"),
            Some(("reader", "s3cret"))
        );
        assert_eq!(logins.for_address("http://127.0.0.1:18081/opds"), None);
        assert_eq!(logins.for_address("https://127.0.0.1:18080/opds"), None);
        assert!(!format!("{logins:?}").contains("s3cret"));
        let dir = tempfile::tempdir().unwrap();
        logins.save(dir.path()).unwrap();
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(LOGINS_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(Logins::load(dir.path()), logins);
    }
}
