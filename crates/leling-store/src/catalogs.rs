//! Remote catalog sources and their cached pages: what was fetched is kept as received, so
//! a kiosk without a network still shows every catalog, with the time it was fetched.

use rusqlite::params;

use super::{Store, StoreError};

/// The remote catalogs this kiosk follows, and the copies it keeps of them.
pub struct Catalogs<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn catalogs(&self) -> Catalogs<'_> {
        Catalogs { store: self }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogSource {
    pub id: i64,
    pub name: String,
    /// A web address or a file path.
    pub location: String,
    /// When a refresh last finished (RFC 3339), whether or not it brought anything new.
    pub checked_at: Option<String>,
    /// What went wrong the last time, in the words shown to people; `None` when it worked.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPage {
    pub page: i64,
    pub url: String,
    pub fetched_at: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Catalogs<'_> {
    /// Adds a source; `Ok(false)` when the name is taken.
    pub fn add_source(&self, name: &str, location: &str) -> Result<bool, StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO catalog_sources (name, location, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO NOTHING",
                params![name, location, chrono::Utc::now().to_rfc3339()],
            )
            .map(|added| added == 1)
            .map_err(|e| self.store.err(e))
    }

    /// What changes when a source's cached pages are replaced, and only then: when they were
    /// fetched, and how many there are. `None` when nothing is cached.
    pub fn pages_stamp(&self, source_id: i64) -> Result<Option<String>, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT MAX(fetched_at) || ' ' || COUNT(*) FROM catalog_pages WHERE source_id = ?1",
                params![source_id],
                |row| row.get(0),
            )
            .map_err(|e| self.store.err(e))
    }

    /// Renames a source; `Ok(false)` when another source has the name.
    pub fn rename_source(&self, id: i64, name: &str) -> Result<bool, StoreError> {
        self.store
            .conn
            .execute(
                "UPDATE OR IGNORE catalog_sources SET name = ?1 WHERE id = ?2",
                params![name, id],
            )
            .map(|renamed| renamed == 1)
            .map_err(|e| self.store.err(e))
    }

    /// Removes a source and its cached pages; `Ok(false)` when there is no such source.
    pub fn remove_source(&self, name: &str) -> Result<bool, StoreError> {
        self.store
            .conn
            .execute("DELETE FROM catalog_sources WHERE name = ?1", params![name])
            .map(|removed| removed == 1)
            .map_err(|e| self.store.err(e))
    }

    pub fn sources(&self) -> Result<Vec<CatalogSource>, StoreError> {
        let mut statement = self
            .store
            .conn
            .prepare(
                "SELECT id, name, location, checked_at, problem FROM catalog_sources ORDER BY name",
            )
            .map_err(|e| self.store.err(e))?;
        statement
            .query_map([], |row| {
                Ok(CatalogSource {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    location: row.get(2)?,
                    checked_at: row.get(3)?,
                    problem: row.get(4)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.store.err(e))
    }

    pub fn cached_pages(&self, source_id: i64) -> Result<Vec<CachedPage>, StoreError> {
        let mut statement = self
            .store
            .conn
            .prepare(
                "SELECT page, url, fetched_at, etag, last_modified, content_type, body
                 FROM catalog_pages WHERE source_id = ?1 ORDER BY page",
            )
            .map_err(|e| self.store.err(e))?;
        statement
            .query_map(params![source_id], |row| {
                Ok(CachedPage {
                    page: row.get(0)?,
                    url: row.get(1)?,
                    fetched_at: row.get(2)?,
                    etag: row.get(3)?,
                    last_modified: row.get(4)?,
                    content_type: row.get(5)?,
                    body: row.get(6)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.store.err(e))
    }

    /// Replaces a source's pages with a complete new set, all at once: a refresh that breaks
    /// off leaves the old pages in place.
    pub fn replace_cached_pages(
        &self,
        source_id: i64,
        pages: &[CachedPage],
    ) -> Result<(), StoreError> {
        let write = || -> rusqlite::Result<()> {
            let tx = self.store.conn.unchecked_transaction()?;
            tx.execute(
                "DELETE FROM catalog_pages WHERE source_id = ?1",
                params![source_id],
            )?;
            for page in pages {
                put_page(&tx, source_id, page)?;
            }
            tx.commit()
        };
        write().map_err(|e| self.store.err(e))
    }

    /// Adds one page to a source's copy, or replaces the page of that number (a search made
    /// from this kiosk, kept for offline use).
    pub fn save_cached_page(&self, source_id: i64, page: &CachedPage) -> Result<(), StoreError> {
        put_page(&self.store.conn, source_id, page).map_err(|e| self.store.err(e))
    }

    /// Notes how a refresh ended: `problem` is `None` when it worked.
    pub fn note_check(&self, source_id: i64, problem: Option<&str>) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "UPDATE catalog_sources SET checked_at = ?2, problem = ?3 WHERE id = ?1",
                params![source_id, chrono::Utc::now().to_rfc3339(), problem],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn source(&self, name: &str) -> Result<Option<CatalogSource>, StoreError> {
        Ok(self.sources()?.into_iter().find(|s| s.name == name))
    }
}

/// Stores one page of a source's copy, in place of any page of that number.
fn put_page(
    conn: &rusqlite::Connection,
    source_id: i64,
    page: &CachedPage,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO catalog_pages
         (source_id, page, url, fetched_at, etag, last_modified, content_type, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            source_id,
            page.page,
            page.url,
            page.fetched_at,
            page.etag,
            page.last_modified,
            page.content_type,
            page.body
        ],
    )
    .map(drop)
}
