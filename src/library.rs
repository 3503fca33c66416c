//! `leling add`: putting book files into this kiosk's library. Each file is opened first (so
//! only books that open are added), then copied into the data directory and registered.

use std::path::{Path, PathBuf};

use crate::cli::Exit;
use crate::config::Paths;
use crate::document::{self, DocumentError};
use crate::i18n::t_with;
use crate::model::Lang;
use crate::store::{NewBook, Store};

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
    let mut failed = false;
    for file in files {
        match add_one(&store, &library, file) {
            Ok(line) => outln!("{}", t_with(lang, "add-done", &[("book", line.into())])),
            Err(message) => {
                failed = true;
                let message = message.unwrap_or_else(|e| explain(&e, file, lang));
                errln!(
                    "{}",
                    t_with(
                        lang,
                        "add-failed",
                        &[
                            ("path", file.display().to_string().into()),
                            ("reason", message.into())
                        ]
                    )
                );
            }
        }
    }
    if failed { Err(Exit(1)) } else { Ok(()) }
}

/// Adds one book; the error is either a document problem or a plain message.
fn add_one(
    store: &Store,
    library: &Path,
    file: &Path,
) -> Result<String, Result<String, DocumentError>> {
    let document = document::open(file).map_err(Err)?;
    std::fs::create_dir_all(library).map_err(|e| Ok(e.to_string()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = unique_path(library, &name);
    std::fs::copy(file, &target).map_err(|e| Ok(e.to_string()))?;
    store
        .register_book(&NewBook {
            path: &target,
            title: &document.title,
            author: document.author.as_deref(),
            language: document.language.as_deref(),
            in_library: true,
        })
        .map_err(|e| Ok(e.to_string()))?;
    let mut line = document.title.clone();
    if let Some(author) = &document.author {
        line.push_str(" — ");
        line.push_str(author);
    }
    if let Some(language) = &document.language {
        line.push_str(&format!(" ({language})"));
    }
    Ok(line)
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
