//! A recommended book's page: whether this kiosk has the book, and what the page offers for
//! it. A copy in the library opens without the internet; a book not yet fetched is downloaded
//! by "read now", and when the internet cannot be reached the page says so and offers the
//! books the kiosk does have.

use std::path::PathBuf;

use super::screens::RemoteAction;
use crate::catalog::Book;
use crate::i18n::t;
use crate::model::Lang;

/// Where a recommended book can be read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookCopy {
    /// This kiosk's library has it, in this file.
    Here(PathBuf),
    /// Not here; "read now" downloads it from this address.
    ToDownload(String),
    /// Not here, and the last try to download it from this address reached nobody.
    Unreachable(String),
    /// Not here, and there is no text to download (the list gives only a web page).
    Nowhere,
}

impl BookCopy {
    /// What the page offers: the kiosk's copy first, else "read now"; when the internet
    /// cannot be reached, the books the kiosk has before another try; and the free edition's
    /// page as a QR code for a phone.
    pub fn actions(&self, book: &Book) -> Vec<RemoteAction> {
        let mut actions = match self {
            BookCopy::Here(path) => vec![RemoteAction::ReadHere(path.clone())],
            BookCopy::ToDownload(url) => vec![RemoteAction::ReadNow(url.clone())],
            BookCopy::Unreachable(url) => vec![
                RemoteAction::ShowLibrary,
                RemoteAction::ReadNow(url.clone()),
            ],
            BookCopy::Nowhere => Vec::new(),
        };
        actions.extend(
            book.open_edition
                .as_ref()
                .map(|url| RemoteAction::ShowCode(url.get_ref().clone())),
        );
        actions
    }

    /// The sentence on the page that says whether the book can be read here, if any.
    pub fn line(&self, lang: Lang) -> Option<String> {
        match self {
            BookCopy::Here(_) => Some(t(lang, "book-copy-here")),
            BookCopy::Unreachable(_) => Some(t(lang, "book-copy-unreachable")),
            BookCopy::ToDownload(_) | BookCopy::Nowhere => None,
        }
    }
}
