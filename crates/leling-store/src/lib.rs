//! The kiosk's own SQLite database: the only place that writes SQL.
//!
//! One file in the data directory, WAL journal, foreign keys on, versioned migrations run at
//! start. A database written by a newer Leling is refused before anything touches it.
//!
//! `Store` opens the file and keeps it; its records are reached through a facet per family,
//! each a borrowed view with that family's methods: `store.clubs()` ([`Clubs`]: clubs,
//! members, sessions, attendance, reports, learners' PINs), `store.library()` ([`Library`]:
//! books, places, bookmarks, the search index), `store.lectures()` ([`Lectures`]),
//! `store.catalogs()` ([`Catalogs`]: remote catalogs and their cached copies),
//! `store.outbox()` ([`Outbox`]: syncing with the hub) and `store.admin()` ([`Admin`]: the
//! administrator's PIN).

mod admin;
mod catalogs;
mod club_reports;
mod clubs;
mod credit_earnings;
mod learner_pins;
mod learner_settings;
mod lectures;
mod library;
mod migrations;
mod quizzes;
mod search;
mod sync;

use std::path::{Path, PathBuf};
use std::time::Duration;

use leling_core::message::{Describe, Message};
use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use admin::{Admin, PinRecord};
pub use catalogs::{CachedPage, CatalogSource, Catalogs};
pub use clubs::{
    Attendee, CheckIn, Club, ClubError, ClubSession, Clubs, Member, NewClub, NewMember, NewSession,
};
pub use learner_settings::LearnerSettings;
pub use lectures::{LectureMarks, Lectures};
pub use library::{BookRecord, Bookmark, GUEST, Library, NewBook};
pub use migrations::LATEST_VERSION;
pub use quizzes::{QuizScore, Quizzes};
pub use search::{SearchRow, SearchTerms};
pub use sync::{Outbox, SetAside, SyncPeer};

/// How long to wait for another Leling that holds the database before saying it is busy.
const BUSY_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {path} was made by a newer Leling (schema {found}, this one knows up to {supported}); it was left untouched"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("the database {path} is in use by another running Leling; close it or try again")]
    Busy { path: PathBuf },
    #[error("the database {path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the data folder of {path} is read-only: nothing can be saved there")]
    ReadOnly { path: PathBuf },
    #[error("database error in {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    hooks: sync::SyncHooks,
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_at_version(path, LATEST_VERSION)
    }

    /// Opens and migrates only up to `version`: how tests build a database of an older Leling.
    pub fn open_at_version(path: &Path, version: i64) -> Result<Store, StoreError> {
        match Self::open_writable(path, version) {
            // A data folder that cannot be written to (a read-only medium, a locked-down
            // kiosk): what is saved can still be read, and a write says why it cannot be.
            Err(error) if !folder_is_writable(path) => match path.exists() {
                true => Self::open_read_only(path).map_err(|_| error),
                false => Err(StoreError::ReadOnly {
                    path: path.to_owned(),
                }),
            },
            opened => opened,
        }
    }

    fn open_writable(path: &Path, version: i64) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                path: dir.to_owned(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| classify(path, e))?;
        let store = Store::on(conn, path)?;
        store
            .conn
            .busy_timeout(BUSY_WAIT)
            .map_err(|e| store.err(e))?;
        // The version is read before anything is written: a newer database must stay untouched.
        let found = store.schema_version()?;
        if found > LATEST_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_owned(),
                found,
                supported: LATEST_VERSION,
            });
        }
        store
            .conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| store.err(e))?;
        store
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| store.err(e))?;
        migrations::migrate(&store.conn, version).map_err(|e| store.err(e))?;
        store
            .hooks
            .catch_up(&store.conn)
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// A database in a folder that cannot be written to, for reading: SQLite cannot make the
    /// files beside it that it writes with, so it is read as a file nothing changes
    /// (`immutable`). It must not need migrating, which would write.
    fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let read_only = || StoreError::ReadOnly {
            path: path.to_owned(),
        };
        let name = path.to_string_lossy();
        let escaped = name
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23");
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(format!("file:{escaped}?immutable=1"), flags)
            .map_err(|_| read_only())?;
        let store = Store::on(conn, path)?;
        if store.schema_version()? != LATEST_VERSION {
            return Err(read_only());
        }
        Ok(store)
    }

    /// The store over an open connection, with the functions the sync triggers call
    /// registered before anything can be written.
    fn on(conn: Connection, path: &Path) -> Result<Store, StoreError> {
        let store = Store {
            conn,
            path: path.to_owned(),
            hooks: sync::SyncHooks::default(),
        };
        store
            .hooks
            .register(&store.conn)
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// Opens an existing database read-only without migrating it: for `leling doctor`, which
    /// must report on a database without changing it.
    pub fn inspect(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| classify(path, e))?;
        let store = Store {
            conn,
            path: path.to_owned(),
            hooks: sync::SyncHooks::default(),
        };
        store
            .conn
            .busy_timeout(BUSY_WAIT)
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file (0 for a new, empty database).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `Ok(())` when the file is sound, else what SQLite found.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let findings: Vec<String> = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        if findings.len() == 1 && findings[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: findings.join("; "),
            })
        }
    }

    /// Runs `work` as one unit: all of its changes are committed together, or none. Outside a
    /// transaction it takes the write lock at the start (`BEGIN IMMEDIATE`), so two processes
    /// checking people in at once wait for each other instead of failing half-way; inside one
    /// it nests as a savepoint, so a bulk import can wrap calls that are atomic on their own.
    pub fn atomically<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let outermost = self.conn.is_autocommit();
        let (begin, commit, undo) = if outermost {
            ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        } else {
            (
                "SAVEPOINT unit",
                "RELEASE unit",
                "ROLLBACK TO unit; RELEASE unit",
            )
        };
        self.conn
            .execute_batch(begin)
            .map_err(|e| E::from(self.err(e)))?;
        match work() {
            Ok(done) => match self.conn.execute_batch(commit) {
                Ok(()) => Ok(done),
                Err(e) => {
                    // A commit that failed (disk full) must not leave the transaction open:
                    // every later unit would nest in it and never be committed.
                    if !self.conn.is_autocommit() {
                        let _ = self.conn.execute_batch(undo);
                    }
                    Err(E::from(self.err(e)))
                }
            },
            Err(failed) => {
                // The work's own error is what the person needs to hear; a failed rollback is
                // undone by SQLite when the connection closes.
                let _ = self.conn.execute_batch(undo);
                Err(failed)
            }
        }
    }

    /// Runs `work` as one transaction that does not wait for the disk: for bookkeeping (which
    /// book was opened, where the reader is) that must not hold a page back. A crash of
    /// Leling loses nothing; a power cut may lose it until the next transaction that waits
    /// (every other one), which makes it lasting too, as both go to the same log.
    pub fn without_waiting_for_disk<T>(
        &self,
        work: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if !self.conn.is_autocommit() {
            return work();
        }
        let usual: i64 = self
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| self.err(e))?;
        let done = self.atomically(work);
        // The work's outcome is what the caller must hear (it is committed or not either
        // way); setting a pragma back on an open connection does not fail in practice.
        let _ = self.conn.pragma_update(None, "synchronous", usual);
        done
    }

    /// Every row a query returns, each mapped.
    pub(crate) fn query_all<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        stmt.query_map(params, map)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }
}

/// Whether a file can be made in the folder `path` is in (a probe made and removed at once).
fn folder_is_writable(path: &Path) -> bool {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
    let probe = folder.unwrap_or(Path::new(".")).join(".leling-can-write");
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe);
    let _ = std::fs::remove_file(&probe);
    // A folder still to be made is writable as far as this can tell: making it will say.
    made.is_ok() || folder.is_some_and(|folder| !folder.exists())
}

/// Turns SQLite's codes into the few situations a person can act on.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_owned();
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path,
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite { path, source: e },
    }
}

/// What happened, as a message of the locale files (`leling_i18n::Tell` says it).
impl Describe for StoreError {
    fn describe(&self) -> Message {
        let shown = |p: &Path| p.display().to_string();
        match self {
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => Message::new("error-db-newer")
                .with("path", shown(path))
                .with("found", *found)
                .with("supported", *supported),
            StoreError::Busy { path } => Message::new("error-db-busy").with("path", shown(path)),
            StoreError::ReadOnly { path } => {
                Message::new("error-db-read-only").with("path", shown(path))
            }
            StoreError::Damaged { path, detail } => Message::new("error-db-damaged")
                .with("path", shown(path))
                .with("detail", detail.as_str()),
            StoreError::DataDir { path, source } => Message::new("error-data-dir")
                .with("path", shown(path))
                .with("detail", source.to_string()),
            StoreError::Sqlite { path, source } => Message::new("error-db-other")
                .with("path", shown(path))
                .with("detail", source.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_is_migrated_to_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a").join("leling.db")).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        store.integrity_check().unwrap();
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }
}
