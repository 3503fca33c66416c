//! A kiosk's books and the places kept in them.

use std::path::{Path, PathBuf};

use crate::model::Position;

/// Until learners sign in (reading clubs), places and bookmarks belong to the kiosk's guest.
pub const GUEST: &str = "guest";

#[derive(Debug, Clone, PartialEq)]
pub struct BookRecord {
    pub id: i64,
    pub path: PathBuf,
    pub title: String,
    pub author: Option<String>,
    pub language: Option<String>,
    /// The recommended book (its id in the lists) this book is a copy of.
    pub recommended: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub id: i64,
    pub position: Position,
    pub label: String,
}

/// What is known of a book when it is registered.
pub struct NewBook<'a> {
    pub path: &'a Path,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub language: Option<&'a str>,
    pub in_library: bool,
}
