//! `leling add`: putting book files into this kiosk's library. Each file is opened first (so
//! only books that open are added), then copied into the data directory and registered. A
//! file that is a recommended book (the same Gutenberg ebook, or the same title and author)
//! becomes that book's copy: named as the list names it, and opened from its page.

use std::path::{Path, PathBuf};

use crate::catalog::editions::{CopyOf, LibraryEntry};
use crate::catalog::{self, BookList, recognise};
use crate::config::Paths;
use crate::document::{self, DocumentError};
use crate::i18n::{Tell, t_with};
use crate::model::Lang;
use crate::store::Store;
use leling_cli::{Exit, printable};

/// Why a book could not be opened, in plain words.
pub fn explain(error: &DocumentError, path: &Path, lang: Lang) -> String {
    t_with(
        lang,
        error.message_id(),
        &[
            ("detail", error.detail().into()),
            ("path", path.display().to_string().into()),
        ],
    )
}

pub fn add_books(paths: &Paths, files: &[PathBuf], lang: Lang) -> Result<(), Exit> {
    let store = Store::open(&paths.database()).map_err(|e| {
        errln!("{}", e.message(lang));
        Exit(1)
    })?;
    let library = paths.data_dir.join("library");
    let lists = catalog::load_lists(&catalog::bundled_dir());
    let mut failed = false;
    for file in files {
        match add_one(&store, &library, &lists, file, lang) {
            Ok(Added::New { line, recommended }) => {
                let id = if recommended {
                    "add-done-recommended"
                } else {
                    "add-done"
                };
                outln!("{}", t_with(lang, id, &[("book", printable(&line).into())]));
            }
            Ok(Added::AlreadyThere(title)) => {
                let args = [("book", printable(&title).into())];
                outln!("{}", t_with(lang, "add-already", &args));
            }
            Err(message) => {
                failed = true;
                let message = message.unwrap_or_else(|e| explain(&e, file, lang));
                errln!(
                    "{}",
                    t_with(
                        lang,
                        "add-failed",
                        &[
                            ("path", printable(&file.display().to_string()).into()),
                            ("reason", printable(&message).into())
                        ]
                    )
                );
            }
        }
    }
    if failed { Err(Exit(1)) } else { Ok(()) }
}

/// What adding one file did.
enum Added {
    /// A book new to the library: how it is listed, and whether it is a recommended book's copy.
    New { line: String, recommended: bool },
    /// The library already holds this very file, under this title.
    AlreadyThere(String),
}

/// Adds one book; the error is either a document problem or a plain message.
fn add_one(
    store: &Store,
    library: &Path,
    lists: &[BookList],
    file: &Path,
    lang: Lang,
) -> Result<Added, Result<String, DocumentError>> {
    let reason = |e: std::io::Error| Ok(crate::i18n::io_reason(&e, lang));
    // Before the book is read at all: the same file again needs no opening.
    if let Some(book) = copy_in_library(store, library, file).map_err(reason)? {
        return Ok(Added::AlreadyThere(book.title));
    }
    let document = document::open(file).map_err(Err)?;
    std::fs::create_dir_all(library).map_err(reason)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let copy_of = recognise::recommended_book(lists, &document, &name)
        .map(|book| CopyOf::new(book, &document, &name));
    let entry = LibraryEntry::new(&document, copy_of.as_ref());
    let target = unique_path(library, &name);
    std::fs::copy(file, &target).map_err(reason)?;
    if let Err(error) = entry.register(store, &target) {
        // A copy the library does not know about would only take room.
        let _ = std::fs::remove_file(&target);
        return Err(Ok(error.message(lang)));
    }
    let mut line = entry.title.to_string();
    if let Some(author) = entry.author {
        line.push_str(" — ");
        line.push_str(author);
    }
    if let Some(language) = entry.language {
        line.push_str(&format!(" ({language})"));
    }
    Ok(Added::New {
        line,
        recommended: entry.recommended.is_some(),
    })
}

/// The library's book whose file holds exactly the bytes of `file`, if one does: the same
/// book added again is not a second book.
fn copy_in_library(
    store: &Store,
    library: &Path,
    file: &Path,
) -> std::io::Result<Option<crate::store::BookRecord>> {
    // A file that cannot be looked at is the opener's to explain.
    let Ok(length) = std::fs::metadata(file).map(|meta| meta.len()) else {
        return Ok(None);
    };
    let mut contents: Option<Vec<u8>> = None;
    for book in store.library().books().unwrap_or_default() {
        let same_length = std::fs::metadata(&book.path).is_ok_and(|m| m.len() == length);
        if !same_length || !book.path.starts_with(library) {
            continue;
        }
        let ours = match &contents {
            Some(bytes) => bytes,
            None => contents.insert(std::fs::read(file)?),
        };
        if std::fs::read(&book.path).is_ok_and(|theirs| &theirs == ours) {
            return Ok(Some(book));
        }
    }
    Ok(None)
}

/// A file name in the library not yet taken: `name`, else `name (2)`, `name (3)` …
fn unique_path(dir: &Path, name: &str) -> PathBuf {
    let candidate = dir.join(name);
    if !candidate.exists() {
        return candidate;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_owned(), format!(".{ext}")),
        None => (name.to_owned(), String::new()),
    };
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){extension}")))
        .find(|p| !p.exists())
        .expect("an unused name exists")
}
