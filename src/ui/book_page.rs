//! A recommended book's page: whether this kiosk has the book, and what the page offers for
//! it. A copy in the library opens without the internet; a book not yet fetched is downloaded
//! by "read now", and when the internet cannot be reached the page says so and offers the
//! books the kiosk does have. A remote catalog's entry offers the same kinds of action.

use std::path::PathBuf;

use crate::catalog::Book;
use crate::catalog::remote::RemoteEntry;
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

/// What can be done with a remote catalog's entry or a recommended book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteAction {
    /// Download the book at this address into the library and open it.
    ReadNow(String),
    /// Open the kiosk's own copy of the book.
    ReadHere(std::path::PathBuf),
    /// Show the books on this kiosk.
    ShowLibrary,
    /// Show this address as a QR code.
    ShowCode(String),
}

impl RemoteAction {
    /// "Read now" for a book file the entry links to; a QR code for its web page or media.
    pub fn for_entry(entry: &RemoteEntry) -> Vec<RemoteAction> {
        use crate::catalog::remote::LinkRole;
        let readable = |media: &Option<String>| {
            media.as_deref().is_some_and(|m| {
                let m = m.split(';').next().unwrap_or_default().trim();
                matches!(
                    m,
                    "application/epub+zip" | "text/plain" | "text/html" | "application/xhtml+xml"
                )
            })
        };
        let mut actions = Vec::new();
        if let Some(book) = entry.links.iter().find(|l| {
            matches!(l.rel, LinkRole::Acquisition | LinkRole::OpenAccess) && readable(&l.media_type)
        }) {
            actions.push(RemoteAction::ReadNow(book.href.clone()));
        }
        if let Some(page) = entry
            .links
            .iter()
            .find(|l| matches!(l.rel, LinkRole::Alternate | LinkRole::Enclosure))
            .or(entry.links.first())
        {
            actions.push(RemoteAction::ShowCode(page.href.clone()));
        }
        actions
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            RemoteAction::ReadNow(_) => t(lang, "remote-read-now"),
            RemoteAction::ReadHere(_) => t(lang, "book-read-here"),
            RemoteAction::ShowLibrary => t(lang, "book-show-library"),
            RemoteAction::ShowCode(_) => t(lang, "qr-open-on-phone"),
        }
    }
}
