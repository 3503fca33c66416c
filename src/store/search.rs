//! The search index: one row per book, lecture or guide, searched with FTS5's trigram
//! tokenizer for three or more characters and with LIKE for one or two (trigrams need three).

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// One thing that can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    /// "book", "lecture", "guide" or "library".
    pub kind: String,
    /// Its id in its kind (a content id, or a library book's id).
    pub key: String,
    pub title: String,
    pub detail: String,
    /// Folded text: titles, names, subjects and summaries in both languages.
    pub words: String,
    /// Pinyin spellings of titles and names.
    pub pinyin: String,
}

/// At most this many results are returned; a person reads a short list.
const MAX_RESULTS: usize = 50;

impl Store {
    /// What the index was built from (content files and library), to know when to rebuild.
    pub fn search_fingerprint(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM search_meta WHERE key = 'fingerprint'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Replaces the whole index in one transaction.
    pub fn replace_search_index(
        &self,
        rows: &[SearchRow],
        fingerprint: &str,
    ) -> Result<(), StoreError> {
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute("DELETE FROM search_items", [])?;
            {
                let mut insert = tx.prepare(
                    "INSERT INTO search_items (kind, key, title, detail, words, pinyin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                for row in rows {
                    insert.execute(params![
                        row.kind, row.key, row.title, row.detail, row.words, row.pinyin
                    ])?;
                }
            }
            tx.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')", [])?;
            tx.execute(
                "INSERT INTO search_meta (key, value) VALUES ('fingerprint', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![fingerprint],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.err(e))
    }

    /// The rows whose words or pinyin contain `folded` (already folded), best first: title
    /// matches before the rest, at most [`MAX_RESULTS`].
    pub fn search(&self, folded: &str) -> Result<Vec<SearchRow>, StoreError> {
        let folded = folded.trim();
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        let chinese = !folded.is_ascii();
        // Best first: the text starts with the title, so an early match is a title match.
        let sql = match (folded.chars().count() >= 3, chinese) {
            // A phrase of trigrams: the quotes keep FTS5 syntax in the query from meaning
            // anything.
            (true, _) => {
                "SELECT i.kind, i.key, i.title, i.detail, i.words, i.pinyin FROM search_fts
                 JOIN search_items i ON i.id = search_fts.rowid
                 WHERE search_fts MATCH '\"' || replace(?1, '\"', '\"\"') || '\"'
                 ORDER BY instr(i.words, ?1) = 0, instr(i.words, ?1) LIMIT ?2"
            }
            // One or two characters are too short for trigrams: a plain scan. Chinese
            // characters cannot be in the pinyin, so only the text is scanned for them.
            // The scan stops at the first results found (a short query matches many), which
            // are then put in order.
            (false, true) => {
                "SELECT kind, key, title, detail, words, pinyin FROM search_items
                 WHERE instr(words, ?1) > 0 LIMIT ?2"
            }
            (false, false) => {
                "SELECT kind, key, title, detail, words, pinyin FROM search_items
                 WHERE instr(words, ?1) > 0 OR instr(pinyin, ?1) > 0 LIMIT ?2"
            }
        };
        let mut statement = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let mut rows: Vec<SearchRow> = statement
            .query_map(params![folded, MAX_RESULTS as i64], |row| {
                Ok(SearchRow {
                    kind: row.get(0)?,
                    key: row.get(1)?,
                    title: row.get(2)?,
                    detail: row.get(3)?,
                    words: row.get(4)?,
                    pinyin: row.get(5)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        rows.sort_by_key(|row| row.words.find(folded).unwrap_or(usize::MAX));
        Ok(rows)
    }
}
