//! "Read now" for a book a catalog links to: the file streams into a temporary file in the
//! library folder under the book size cap, must open as a book, and only then is renamed into
//! the library and registered. A download that fails leaves nothing behind.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::fetch::{FetchError, Fetcher};
use crate::document::{self, DocumentError, MAX_BOOK_BYTES};
use crate::store::{NewBook, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Book(#[from] DocumentError),
    #[error("cannot write in the library folder: {0}")]
    Folder(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A book in the library, downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub book_id: i64,
    pub path: PathBuf,
    pub title: String,
}

pub fn download_book(
    store: &Store,
    fetcher: &Fetcher,
    url: &str,
    library: &Path,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Downloaded, DownloadError> {
    fs::create_dir_all(library).map_err(|e| DownloadError::Folder(e.to_string()))?;
    let partial = library.join(format!(".download-{}.part", std::process::id()));
    let result = fetch_and_keep(store, fetcher, url, library, &partial, progress);
    // Whatever happened, no half-written file stays in the library.
    let _ = fs::remove_file(&partial);
    result
}

fn fetch_and_keep(
    store: &Store,
    fetcher: &Fetcher,
    url: &str,
    library: &Path,
    partial: &Path,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Downloaded, DownloadError> {
    let file = File::create(partial).map_err(|e| DownloadError::Folder(e.to_string()))?;
    let mut sink = BufWriter::new(file);
    let (content_type, final_url) = fetcher.fetch_to(url, &mut sink, MAX_BOOK_BYTES, progress)?;
    sink.into_inner()
        .map_err(|e| DownloadError::Folder(e.to_string()))?
        .sync_all()
        .map_err(|e| DownloadError::Folder(e.to_string()))?;
    // The format is judged from the name, so the file gets its extension before it is opened.
    let extension = extension_for(content_type.as_deref(), &final_url);
    let named = partial.with_extension(format!("part.{extension}"));
    fs::rename(partial, &named).map_err(|e| DownloadError::Folder(e.to_string()))?;
    let opened = document::open(&named);
    let book = match opened {
        Ok(book) => book,
        Err(error) => {
            let _ = fs::remove_file(&named);
            return Err(error.into());
        }
    };
    let path = free_name(library, &book.title, extension);
    fs::rename(&named, &path).map_err(|e| DownloadError::Folder(e.to_string()))?;
    let book_id = store.register_book(&NewBook {
        path: &path,
        title: &book.title,
        author: book.author.as_deref(),
        language: book.language.as_deref(),
        in_library: true,
    })?;
    Ok(Downloaded {
        book_id,
        path,
        title: book.title,
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
