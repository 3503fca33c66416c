//! What the shell does for reading: opening books (registered on this kiosk, the rest of a
//! long book read on a worker once its first page shows), saving places and saying once when
//! that fails. The reader's own keys and reading aloud are `screens/reading.rs`.

use std::path::Path;

use super::app::{App, learner_key, services};
use super::opened_book::{self, OpenedBook};
use super::reader::Reader;
use super::screens::Screen;
use crate::document;

impl App {
    /// Opens a book file in the reader, registering it on this kiosk. `read_ahead`: the start
    /// of the book as [`document::open_start`] read it from its first chapter while the
    /// database was still opening; it is used when it holds the saved place, and the book is
    /// read again further on when it does not.
    pub fn open_book(
        &mut self,
        path: &Path,
        read_ahead: Option<document::BookStart>,
    ) -> Result<(), document::DocumentError> {
        self.places.write_down(&self.store);
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        let record = self.store.library().book_at(&canonical).ok().flatten();
        let known = record.as_ref().map(|record| record.id);
        // The saved place says which chapter must be read before the first page can show.
        let saved = known.and_then(|id| {
            self.store
                .library()
                .reading_position(id, learner_key(&self.signed_in))
                .ok()
                .flatten()
        });
        let wanted = saved.map_or(0, |place| place.chapter);
        let start = match read_ahead {
            Some(start) if start.holds(wanted) => start,
            _ => document::open_start(path, wanted)?,
        };
        let mut document = start.document;
        // A copy of a recommended book goes by the name the list gives it, as in the library.
        if let Some(record) = record.filter(|record| record.recommended.is_some()) {
            document.title = record.title;
            document.author = record.author;
        }
        let opened = OpenedBook {
            path: canonical,
            title: document.title.clone(),
            author: document.author.clone(),
            language: document.language.clone(),
        };
        let book_id = match known {
            // A book opened before keeps its id, so writing it down again (its title as read
            // now, and the time for "Continue reading") waits until its first page is out.
            Some(id) => {
                self.places.write_down_later(opened);
                id
            }
            None => opened.write_down(&self.store),
        };
        let rest = (!start.complete).then(|| self.workers.read_whole_book(path));
        let missing = opened_book::missing_parts(&document.missing, self.prefs.lang());
        let reader = Reader::new(book_id, document, saved, rest);
        self.push(Screen::of(reader));
        if let Some(text) = missing {
            self.speaker.tell(&self.prefs, text);
        }
        Ok(())
    }

    /// Takes in the whole book once it has been read (waiting for it if need be): the reader
    /// shows the first page early, but moving around needs every chapter.
    pub(super) fn settle_reader(&mut self) {
        let missing = self.stack.settle();
        if let Some(text) = opened_book::missing_parts(&missing, self.prefs.lang()) {
            self.speaker.tell(&self.prefs, text);
        }
    }

    /// Saves the places of the screens that keep one when due; `leaving`: the place of the
    /// screen on top, now. A failure is said once (`Places::after_save`).
    pub(super) fn save_places(&mut self, leaving: bool) {
        let services = services!(self);
        let saved = self.stack.save_places(leaving, &services);
        if let Some(text) = self.places.after_save(saved, leaving, self.prefs.lang()) {
            self.speaker.tell(&self.prefs, text);
        }
    }
}
