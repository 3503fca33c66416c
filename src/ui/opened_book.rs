//! A book just opened, as it is to be written down on this kiosk: registered, and listed
//! under "Continue reading".

use crate::store::{NewBook, Store};

/// A book just opened, as it is to be written down on this kiosk.
pub struct OpenedBook {
    pub path: std::path::PathBuf,
    pub title: String,
    pub author: Option<String>,
    pub language: Option<String>,
}

impl OpenedBook {
    /// Writes down a book just opened: registered on this kiosk, listed under "Continue
    /// reading". Returns its id (0 if the store refused it: the book still opens).
    pub fn write_down(&self, store: &Store) -> i64 {
        store
            .without_waiting_for_disk(|| {
                let book_id = store.library().register_book(&NewBook {
                    path: &self.path,
                    title: &self.title,
                    author: self.author.as_deref(),
                    language: self.language.as_deref(),
                    in_library: false,
                })?;
                // Not being listed under "Continue reading" is no reason to lose the book's id.
                let _ = store.library().mark_opened(book_id);
                Ok(book_id)
            })
            .unwrap_or(0)
    }
}
