//! The books on this kiosk, where each learner is in them, and their bookmarks.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
pub use leling_core::library::{BookRecord, Bookmark, GUEST, NewBook};
use leling_core::model::Position;

/// This kiosk's books, reading places and bookmarks, and the search index over them and over
/// the lists, lectures, guides and remote catalogs.
pub struct Library<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn library(&self) -> Library<'_> {
        Library { store: self }
    }
}

fn now() -> String {
    chrono::Local::now().to_rfc3339()
}

impl Library<'_> {
    /// Registers a book (or refreshes what is known of it) and returns its id.
    pub fn register_book(&self, book: &NewBook) -> Result<i64, StoreError> {
        self.register(book, None)
    }

    /// Registers a book as this kiosk's copy of the recommended book `recommended`. It keeps
    /// the name given here when it is opened again, whatever its file calls itself.
    pub fn register_copy_of(&self, recommended: &str, book: &NewBook) -> Result<i64, StoreError> {
        self.register(book, Some(recommended))
    }

    fn register(&self, book: &NewBook, recommended: Option<&str>) -> Result<i64, StoreError> {
        let path = book.path.to_string_lossy();
        self.store
            .conn
            .query_row(
                "INSERT INTO books (path, title, author, language, in_library, added_at,
                     recommended_book)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (path) DO UPDATE SET
                     title = CASE WHEN excluded.recommended_book IS NULL
                         AND books.recommended_book IS NOT NULL
                         THEN books.title ELSE excluded.title END,
                     author = CASE WHEN excluded.recommended_book IS NULL
                         AND books.recommended_book IS NOT NULL
                         THEN books.author ELSE excluded.author END,
                     language = excluded.language,
                     in_library = MAX(in_library, excluded.in_library),
                     recommended_book = COALESCE(excluded.recommended_book,
                         books.recommended_book)
                 RETURNING id",
                params![
                    path,
                    book.title,
                    book.author,
                    book.language,
                    book.in_library,
                    now(),
                    recommended
                ],
                |row| row.get(0),
            )
            .map_err(|e| self.store.err(e))
    }

    /// The book registered at `path`, if it has been opened or added before.
    pub fn book_at(&self, path: &Path) -> Result<Option<BookRecord>, StoreError> {
        let mut found = self.books_where_with("path = ?1", params![path.to_string_lossy()])?;
        Ok(found.pop())
    }

    /// This kiosk's copy of the recommended book `recommended`, if its file is still there.
    pub fn copy_of(&self, recommended: &str) -> Result<Option<BookRecord>, StoreError> {
        let copies = self.books_where_with(
            "in_library = 1 AND recommended_book = ?1 ORDER BY id",
            params![recommended],
        )?;
        Ok(copies.into_iter().find(|copy| copy.path.is_file()))
    }

    /// The books added to this kiosk's library, by title.
    pub fn books(&self) -> Result<Vec<BookRecord>, StoreError> {
        self.books_where("in_library = 1 ORDER BY title COLLATE NOCASE")
    }

    /// The book opened most recently, for "Continue reading".
    pub fn last_opened_book(&self) -> Result<Option<BookRecord>, StoreError> {
        Ok(self
            .books_where("last_opened_at IS NOT NULL ORDER BY last_opened_at DESC LIMIT 1")?
            .into_iter()
            .next())
    }

    fn books_where(&self, clause: &str) -> Result<Vec<BookRecord>, StoreError> {
        self.books_where_with(clause, params![])
    }

    fn books_where_with(
        &self,
        clause: &str,
        values: impl rusqlite::Params,
    ) -> Result<Vec<BookRecord>, StoreError> {
        let sql = format!(
            "SELECT id, path, title, author, language, recommended_book FROM books WHERE {clause}"
        );
        let mut stmt = self
            .store
            .conn
            .prepare(&sql)
            .map_err(|e| self.store.err(e))?;
        stmt.query_map(values, |row| {
            Ok(BookRecord {
                id: row.get(0)?,
                path: PathBuf::from(row.get::<_, String>(1)?),
                title: row.get(2)?,
                author: row.get(3)?,
                language: row.get(4)?,
                recommended: row.get(5)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.store.err(e))
    }

    pub fn mark_opened(&self, book_id: i64) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "UPDATE books SET last_opened_at = ?2 WHERE id = ?1",
                params![
                    book_id,
                    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn reading_position(
        &self,
        book_id: i64,
        learner: &str,
    ) -> Result<Option<Position>, StoreError> {
        self.store
            .conn
            .query_row(
                // A learner registered on two kiosks (merged by sync) goes on from the further
                // of their places, further as sync judges it (`keep_further_place`).
                &format!(
                    "SELECT chapter, byte_offset FROM reading_positions
                     WHERE book_id = ?1 AND learner IN {}
                     ORDER BY COALESCE(percent, 0) DESC, chapter DESC, byte_offset DESC LIMIT 1",
                    super::clubs::person_ids("?2")
                ),
                params![book_id, learner],
                |row| {
                    Ok(Position {
                        chapter: row.get::<_, i64>(0)? as usize,
                        offset: row.get::<_, i64>(1)? as usize,
                    })
                },
            )
            .optional()
            .map_err(|e| self.store.err(e))
    }

    pub fn save_reading_position(
        &self,
        book_id: i64,
        learner: &str,
        position: Position,
        percent: u8,
    ) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO reading_positions (book_id, learner, chapter, byte_offset, updated_at,
                     percent)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (book_id, learner) DO UPDATE SET chapter = excluded.chapter,
                     byte_offset = excluded.byte_offset, updated_at = excluded.updated_at,
                     percent = excluded.percent",
                params![
                    book_id,
                    learner,
                    position.chapter as i64,
                    position.offset as i64,
                    now(),
                    percent
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn add_bookmark(
        &self,
        book_id: i64,
        learner: &str,
        position: Position,
        label: &str,
    ) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO bookmarks (book_id, learner, chapter, byte_offset, label, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    book_id,
                    learner,
                    position.chapter as i64,
                    position.offset as i64,
                    label,
                    now()
                ],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn bookmarks(&self, book_id: i64, learner: &str) -> Result<Vec<Bookmark>, StoreError> {
        let mut stmt = self
            .store
            .conn
            .prepare(
                "SELECT id, chapter, byte_offset, label FROM bookmarks
                 WHERE book_id = ?1 AND learner = ?2 ORDER BY chapter, byte_offset",
            )
            .map_err(|e| self.store.err(e))?;
        stmt.query_map(params![book_id, learner], |row| {
            Ok(Bookmark {
                id: row.get(0)?,
                position: Position {
                    chapter: row.get::<_, i64>(1)? as usize,
                    offset: row.get::<_, i64>(2)? as usize,
                },
                label: row.get(3)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.store.err(e))
    }
}
