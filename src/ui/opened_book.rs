//! The books the shell opens and the places it keeps: a book just opened, written down on
//! this kiosk (registered, listed under "Continue reading") once its first page shows, and a
//! reading place that could not be saved, said once.

use std::path::Path;

use super::component::Saved;
use super::screens::{Notice, Screen};
use crate::document::DocumentError;
use crate::i18n::{t, t_with};
use crate::model::Lang;
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

/// The book waiting to be written down, and how saving places has gone.
pub(super) struct Places {
    /// A book opened again, to be written down once its first page is on the screen.
    opened: Option<OpenedBook>,
    problem: PlaceProblem,
}

/// A reading place that failed to save, from the failure until a save works again.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PlaceProblem {
    None,
    /// Found as the reader was left: the next screen says it.
    Pending(String),
    Told,
}

impl Places {
    pub(super) fn new() -> Places {
        Places {
            opened: None,
            problem: PlaceProblem::None,
        }
    }

    /// A book opened again: it is written down once its first page is out, so that work
    /// does not hold up the page.
    pub(super) fn write_down_later(&mut self, book: OpenedBook) {
        self.opened = Some(book);
    }

    /// Writes down the book whose opening waited for its first page, if any.
    pub(super) fn write_down(&mut self, store: &Store) {
        if let Some(book) = self.opened.take() {
            book.write_down(store);
        }
    }

    /// Takes in how a save went. A place that could not be saved is said once, on screen and
    /// aloud, until a save works again: a learner told at every page turn would hear nothing
    /// else. Returns what to tell now; leaving the book, the next screen says it instead.
    pub(super) fn after_save(&mut self, saved: Saved, leaving: bool, lang: Lang) -> Option<String> {
        match saved {
            Saved::Nothing => None,
            Saved::Done => {
                self.problem = PlaceProblem::None;
                None
            }
            Saved::Failed if self.problem != PlaceProblem::None => None,
            Saved::Failed => {
                let text = t(lang, "reader-place-not-saved");
                if leaving {
                    self.problem = PlaceProblem::Pending(text);
                    None
                } else {
                    self.problem = PlaceProblem::Told;
                    Some(text)
                }
            }
        }
    }

    /// A failure found as the reader was left, for the next screen to say first (once).
    pub(super) fn take_pending(&mut self) -> Option<String> {
        let PlaceProblem::Pending(text) = &self.problem else {
            return None;
        };
        let text = text.clone();
        self.problem = PlaceProblem::Told;
        Some(text)
    }
}

/// What is said of the parts of a book that could not be read, if any.
pub(super) fn missing_parts(missing: &[String], lang: Lang) -> Option<String> {
    let parts = [("parts", missing.join(", ").into())];
    (!missing.is_empty()).then(|| t_with(lang, "reader-missing-parts", &parts))
}

/// The notice for a book that cannot be opened: what is wrong, in words, and where it is.
pub(super) fn cannot_open(error: &DocumentError, path: &Path, lang: Lang) -> Screen {
    let args = [
        ("detail", error.detail().into()),
        ("path", path.display().to_string().into()),
    ];
    let body = t_with(lang, error.message_id(), &args);
    Screen::of(Notice::new(t(lang, "reader-cannot-open"), body))
}

/// Where "Continue reading" goes: the book last opened, or a notice that there is none yet.
pub(super) fn continue_reading(store: &Store, lang: Lang) -> Result<std::path::PathBuf, Screen> {
    match store.library().last_opened_book() {
        Ok(Some(book)) => Ok(book.path),
        _ => {
            let (title, body) = (t(lang, "home-continue"), t(lang, "continue-nothing"));
            Err(Screen::of(Notice::new(title, body)))
        }
    }
}
