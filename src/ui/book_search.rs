//! Searching one book's text: each chapter folded for searching (either script, any case) the
//! first time it is searched, and kept for the next search while the book is open.

use std::sync::{Arc, OnceLock};

use crate::catalog::script::Searchable;
use crate::layout::BookText;
use crate::model::Position;

pub struct BookSearch {
    text: Arc<BookText>,
    chapters: OnceLock<Vec<Searchable>>,
}

impl BookSearch {
    pub fn new(text: Arc<BookText>) -> BookSearch {
        BookSearch {
            text,
            chapters: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &BookText {
        &self.text
    }

    /// Where `query` occurs in the book, at most `max` places.
    pub fn find(&self, query: &str, max: usize) -> Vec<Position> {
        let chapters = self.chapters.get_or_init(|| {
            (self.text.chapters.iter())
                .map(|chapter| Searchable::new(&chapter.text))
                .collect()
        });
        (chapters.iter().zip(&self.text.chapters).enumerate())
            .flat_map(|(chapter, (searchable, content))| {
                (searchable.find_all(&content.text, query).into_iter())
                    .map(move |offset| Position { chapter, offset })
            })
            .take(max)
            .collect()
    }
}
