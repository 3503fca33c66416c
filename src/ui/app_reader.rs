//! What the shell does for reading: opening books (registered on this kiosk, the rest of a
//! long book read on a worker once its first page shows), saving places and saying once when
//! that fails, and counting pages in the background. The reader's own keys and reading aloud
//! are `screens/reading.rs`.

use super::app::{PlaceProblem, learner_key};
use std::path::Path;

use super::app::{App, services};
use super::component::Saved;
use super::opened_book::OpenedBook;
use super::reader::Reader;
use super::screens::{Notice, Screen};
use crate::document;
use crate::i18n::{t, t_with};

impl App {
    /// Opens a book file in the reader, registering it on this kiosk.
    pub fn open_book(&mut self, path: &Path) -> Result<(), document::DocumentError> {
        self.open_book_read_ahead(path, None)
    }

    /// [`App::open_book`], given the start of the book as [`document::open_start`] read it
    /// from its first chapter while the database was still opening. It is used when it holds
    /// the saved place, and read again further on when it does not.
    pub fn open_book_read_ahead(
        &mut self,
        path: &Path,
        read_ahead: Option<document::BookStart>,
    ) -> Result<(), document::DocumentError> {
        self.write_down_opened_book();
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
                self.opened_book = Some(opened);
                id
            }
            None => opened.write_down(&self.store),
        };
        let rest = (!start.complete).then(|| self.workers.read_whole_book(path));
        let missing = document.missing.clone();
        let reader = Reader::new(book_id, document, saved, rest);
        self.push(Screen::of(reader));
        self.tell_missing(&missing);
        Ok(())
    }

    /// Writes down the book whose opening waited for its first page, if any.
    pub(super) fn write_down_opened_book(&mut self) {
        if let Some(book) = self.opened_book.take() {
            book.write_down(&self.store);
        }
    }

    pub(super) fn tell_missing(&mut self, missing: &[String]) {
        if !missing.is_empty() {
            let text = t_with(
                self.lang(),
                "reader-missing-parts",
                &[("parts", missing.join(", ").into())],
            );
            self.tell(text);
        }
    }

    /// The frame just drawn is on the terminal. A reader's first page is, so the rest of its
    /// book may now be read: not sooner, or that work would compete with the first frame.
    pub fn frame_shown(&mut self) {
        if let Some(screen) = self.stack.last_mut() {
            screen.component_mut().frame_shown();
        }
    }

    /// Does one piece of the reader's work ahead of the learner while no key waits (see
    /// `Reader::prepare_beside`). Returns whether there was any.
    pub fn prepare_ahead(&mut self) -> bool {
        (self.stack.last_mut()).is_some_and(|screen| screen.component_mut().work_ahead())
    }

    /// Takes in the whole book once it has been read (waiting for it if need be): the reader
    /// shows the first page early, but moving around needs every chapter.
    pub(super) fn settle_reader(&mut self) {
        let missing: Vec<String> = (self.stack.iter_mut())
            .flat_map(|screen| screen.component_mut().settle())
            .collect();
        self.tell_missing(&missing);
    }

    pub(super) fn open_book_or_explain(&mut self, path: &Path) {
        if let Err(error) = self.open_book(path) {
            let lang = self.lang();
            let body = t_with(
                lang,
                error.message_id(),
                &[
                    ("detail", error.detail().into()),
                    ("path", path.display().to_string().into()),
                ],
            );
            self.push(Screen::of(Notice::new(t(lang, "reader-cannot-open"), body)));
        }
    }

    pub(super) fn continue_reading(&mut self) {
        match self.store.library().last_opened_book() {
            Ok(Some(book)) => self.open_book_or_explain(&book.path),
            _ => {
                let lang = self.lang();
                let (title, body) = (t(lang, "home-continue"), t(lang, "continue-nothing"));
                self.push(Screen::of(Notice::new(title, body)));
            }
        }
    }

    /// Saves the places of the screens that keep one when due (the reader's, even under its
    /// contents or search); `leaving`: the place of the screen on top, now. A failure is said
    /// once.
    pub(super) fn save_places(&mut self, leaving: bool) {
        let services = services!(self);
        let top = self.stack.len() - 1;
        let mut outcome = Saved::Nothing;
        for (depth, screen) in self.stack.iter_mut().enumerate() {
            if leaving && depth != top {
                continue;
            }
            match screen.component_mut().save(leaving, &services) {
                Saved::Nothing => {}
                saved => outcome = saved,
            }
        }
        match outcome {
            Saved::Nothing => {}
            Saved::Done => self.place_not_saved = PlaceProblem::None,
            Saved::Failed => self.place_not_saved(leaving),
        }
    }

    /// A place that could not be saved is said once, on screen and aloud, until a save works
    /// again: a learner told at every page turn would hear nothing else. Leaving the book,
    /// the next screen says it with its own title.
    pub(super) fn place_not_saved(&mut self, leaving: bool) {
        if self.place_not_saved != PlaceProblem::None {
            return;
        }
        let text = t(self.lang(), "reader-place-not-saved");
        if leaving {
            self.place_not_saved = PlaceProblem::Pending(text);
        } else {
            self.place_not_saved = PlaceProblem::Told;
            self.tell(text);
        }
    }
}
