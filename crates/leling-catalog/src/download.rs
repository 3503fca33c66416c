//! "Read now" for a book a catalog links to, and `leling library fetch` for the recommended
//! books: the file streams into a temporary file in the library folder under the book size
//! cap, must open as a book, and only then is renamed into the library and registered. A
//! download that fails leaves nothing behind.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::Book;
use super::editions::{CopyOf, LibraryEntry};
use super::fetch::{FetchError, Fetcher};
use leling_core::model::Lang;
use leling_document::{self as document, DocumentError, MAX_BOOK_BYTES};
use leling_i18n::{Tell, t_with};
use leling_store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Book(#[from] DocumentError),
    #[error("cannot write in the library folder: {0:?}")]
    Folder(std::io::ErrorKind),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DownloadError {
    /// What went wrong, in plain words in the person's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DownloadError::Fetch(error) => error.message(lang),
            DownloadError::Book(error) => t_with(
                lang,
                error.message_id(),
                &[
                    ("detail", error.detail().into()),
                    ("path", String::new().into()),
                ],
            ),
            DownloadError::Folder(kind) => FetchError::Save(*kind).message(lang),
            DownloadError::Store(error) => error.message(lang),
        }
    }

    /// The book could not be fetched because its server could not be reached at all: most
    /// often, this kiosk is offline.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, DownloadError::Fetch(error) if error.is_unreachable())
    }
}

fn folder(error: std::io::Error) -> DownloadError {
    DownloadError::Folder(error.kind())
}

/// A book in the library, downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub book_id: i64,
    pub path: PathBuf,
    pub title: String,
}

/// Where a book is fetched from, and what it is when that is known beforehand.
pub struct Wanted<'a> {
    pub url: &'a str,
    /// The recommended book it is a copy of: the copy is linked to it, and named by it when
    /// the text names itself no better (see [`CopyOf`]).
    pub copy_of: Option<&'a Book>,
}

pub fn download_book(
    store: &Store,
    fetcher: &Fetcher,
    wanted: &Wanted,
    library: &Path,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Downloaded, DownloadError> {
    fs::create_dir_all(library).map_err(folder)?;
    let partial = library.join(format!("{PARTIAL_PREFIX}{}.part", std::process::id()));
    let result = fetch_and_keep(store, fetcher, wanted, library, &partial, progress);
    // Whatever happened, no half-written file stays in the library.
    let _ = fs::remove_file(&partial);
    result
}

/// Temporary files of downloads under way begin with this.
const PARTIAL_PREFIX: &str = ".download-";
/// A download writes at least every 30 seconds (the fetcher's wait) or fails; a partial file
/// untouched for longer than this belongs to a download that was killed.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes what downloads that were killed (a power cut, Ctrl-C) left in the library folder.
pub fn remove_abandoned_partials(library: &Path) {
    let Ok(entries) = fs::read_dir(library) else {
        return;
    };
    for entry in entries.flatten() {
        let is_partial = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(PARTIAL_PREFIX));
        let untouched = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > ABANDONED_AFTER);
        if is_partial && untouched {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn fetch_and_keep(
    store: &Store,
    fetcher: &Fetcher,
    wanted: &Wanted,
    library: &Path,
    partial: &Path,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Downloaded, DownloadError> {
    let url = wanted.url;
    let file = File::create(partial).map_err(folder)?;
    let mut sink = BufWriter::new(file);
    let (content_type, final_url) = fetcher.fetch_to(url, &mut sink, MAX_BOOK_BYTES, progress)?;
    sink.into_inner()
        .map_err(|e| folder(e.into_error()))?
        .sync_all()
        .map_err(folder)?;
    // The format is judged from the name, so the file gets its extension before it is opened.
    let extension = extension_for(content_type.as_deref(), &final_url);
    let named = partial.with_extension(format!("part.{extension}"));
    fs::rename(partial, &named).map_err(folder)?;
    let opened = document::open(&named);
    let book = match opened {
        Ok(book) => book,
        Err(error) => {
            let _ = fs::remove_file(&named);
            return Err(error.into());
        }
    };
    let opened_as = named
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let copy = wanted
        .copy_of
        .map(|recommended| CopyOf::new(recommended, &book, &opened_as));
    let entry = LibraryEntry::new(&book, copy.as_ref());
    let path = free_name(library, entry.title, extension);
    fs::rename(&named, &path).map_err(folder)?;
    let book_id = match entry.register(store, &path) {
        Ok(id) => id,
        Err(error) => {
            // A file the library does not know is no book: nothing stays behind.
            let _ = fs::remove_file(&path);
            return Err(error.into());
        }
    };
    Ok(Downloaded {
        book_id,
        path,
        title: entry.title.to_string(),
    })
}

/// The extension the server's content type names, else the address's, else `txt`.
fn extension_for(content_type: Option<&str>, url: &str) -> &'static str {
    let media = content_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match media.as_str() {
        "application/epub+zip" => return "epub",
        "text/html" | "application/xhtml+xml" => return "html",
        "text/markdown" => return "md",
        "text/plain" => return "txt",
        _ => {}
    }
    let path = url::Url::parse(url)
        .map(|u| u.path().to_ascii_lowercase())
        .unwrap_or_default();
    ["epub", "html", "htm", "md", "txt"]
        .into_iter()
        .find(|ext| path.ends_with(&format!(".{ext}")))
        .unwrap_or("txt")
}

/// A file name in `library` from the title, with a number added if it is taken.
fn free_name(library: &Path, title: &str, extension: &str) -> PathBuf {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect::<String>()
        .trim()
        .to_string();
    let stem = if stem.is_empty() {
        "book".to_string()
    } else {
        stem
    };
    let mut candidate = library.join(format!("{stem}.{extension}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = library.join(format!("{stem} ({n}).{extension}"));
        n += 1;
    }
    candidate
}
