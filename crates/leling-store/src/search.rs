//! The search index: one row per book, lecture or guide, searched with FTS5's trigram
//! tokenizer for three or more characters and with a plain scan for one or two (trigrams
//! need three).

use rusqlite::{OptionalExtension, params};

use super::StoreError;
use super::library::Library;

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

/// What one search looks for, as the catalog's search keys made it from the typed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms {
    /// Looked for in the indexed words, as written (word starts are marked with spaces).
    pub words: String,
    /// Looked for anywhere in the pinyin; `None` when the query cannot be pinyin.
    pub pinyin: Option<String>,
}

/// At most this many results are returned; a person reads a short list.
const MAX_RESULTS: usize = 50;

impl Library<'_> {
    /// What the index was built from (content files and library), to know when to rebuild.
    pub fn search_fingerprint(&self) -> Result<Option<String>, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT value FROM search_meta WHERE key = 'fingerprint'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Replaces the whole index in one transaction; `written` hears how many rows are in.
    pub fn replace_search_index(
        &self,
        rows: &[SearchRow],
        fingerprint: &str,
        written: &mut dyn FnMut(usize),
    ) -> Result<(), StoreError> {
        let mut write = || -> rusqlite::Result<()> {
            let tx = self.store.conn.unchecked_transaction()?;
            tx.execute("DELETE FROM search_items", [])?;
            {
                let mut insert = tx.prepare(
                    "INSERT INTO search_items (kind, key, title, detail, words, pinyin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                for (done, row) in rows.iter().enumerate() {
                    insert.execute(params![
                        row.kind, row.key, row.title, row.detail, row.words, row.pinyin
                    ])?;
                    written(done + 1);
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
        write().map_err(|e| self.store.err(e))
    }

    /// The rows whose words contain `terms.words` or whose pinyin contains `terms.pinyin`,
    /// best first: title matches before the rest, at most [`MAX_RESULTS`].
    pub fn search(&self, terms: &SearchTerms) -> Result<Vec<SearchRow>, StoreError> {
        let words = terms.words.as_str();
        let pinyin = terms.pinyin.as_deref().map(str::trim);
        if words.trim().is_empty() {
            return Ok(Vec::new());
        }
        // Trigrams need three characters of the query itself (the pinyin is the query).
        let long = words.trim().chars().count() >= 3;
        // FTS5 column filters: the marked words in the text, the bare query in the pinyin.
        let match_expression = match pinyin {
            Some(pinyin) => format!("words : {} OR pinyin : {}", phrase(words), phrase(pinyin)),
            None => format!("words : {}", phrase(words)),
        };
        let limit = MAX_RESULTS as i64;
        let mut rows = match pinyin {
            // Best first: the text starts with the title, so an early match is a title match.
            _ if long => self.search_rows(
                "SELECT i.kind, i.key, i.title, i.detail, i.words, i.pinyin FROM search_fts
                 JOIN search_items i ON i.id = search_fts.rowid
                 WHERE search_fts MATCH ?2
                 ORDER BY instr(i.words, ?1) = 0, instr(i.words, ?1) LIMIT ?3",
                params![words, match_expression, limit],
            )?,
            // One or two characters are too short for trigrams: a plain scan. Chinese
            // characters cannot be in the pinyin, so only the text is scanned for them.
            // The scan stops at the first results found (a short query matches many), which
            // are then put in order.
            None => self.search_rows(
                "SELECT kind, key, title, detail, words, pinyin FROM search_items
                 WHERE instr(words, ?1) > 0 LIMIT ?2",
                params![words, limit],
            )?,
            Some(pinyin) => self.search_rows(
                "SELECT kind, key, title, detail, words, pinyin FROM search_items
                 WHERE instr(words, ?1) > 0 OR instr(pinyin, ?2) > 0 LIMIT ?3",
                params![words, pinyin, limit],
            )?,
        };
        rows.sort_by_key(|row| row.words.find(words).unwrap_or(usize::MAX));
        Ok(rows)
    }

    fn search_rows(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<SearchRow>, StoreError> {
        let mut statement = self
            .store
            .conn
            .prepare_cached(sql)
            .map_err(|e| self.store.err(e))?;
        statement
            .query_map(params, |row| {
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
            .map_err(|e| self.store.err(e))
    }
}

/// An FTS5 phrase: the quotes keep FTS5 syntax in the query from meaning anything.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}
