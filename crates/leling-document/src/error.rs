//! Why a book could not be opened, in words a reader can be told.

use std::io;
use std::path::{Path, PathBuf};

/// Each case maps to one message in the locale files through [`DocumentError::message_id`];
/// [`DocumentError::detail`] gives the part that varies (a path, a file inside the book).
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("there is no file at {}", path.display())]
    NotFound { path: PathBuf },
    #[error("{} is a folder, not a book", path.display())]
    IsDirectory { path: PathBuf },
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text ({reason})")]
    NotText { reason: &'static str },
    #[error("the file could not be read: {source}")]
    Unreadable {
        #[source]
        source: io::Error,
    },
    #[error("the book's zip archive is damaged or cut short: {reason}")]
    CorruptArchive { reason: String },
    #[error("the book has no META-INF/container.xml")]
    NoContainer,
    #[error("the book's package file {path} is missing or unreadable")]
    NoPackage { path: String },
    #[error("the book's package file lists no chapters")]
    NoSpine,
    #[error("the book contains a file with an unsafe name: {name}")]
    UnsafeEntryName { name: String },
    #[error("{what} unpacks to more than {limit} bytes")]
    TooLarge { what: String, limit: u64 },
    #[error("nothing readable was found in the file")]
    NothingReadable,
}

impl DocumentError {
    /// The id of the sentence that explains this error in `assets/locales/*.ftl`.
    pub fn message_id(&self) -> &'static str {
        match self {
            DocumentError::NotFound { .. } => "document-not-found",
            DocumentError::IsDirectory { .. } => "document-is-directory",
            DocumentError::Empty => "document-empty",
            DocumentError::NotText { .. } => "document-not-text",
            DocumentError::Unreadable { .. } => "document-unreadable",
            DocumentError::CorruptArchive { .. } => "document-corrupt-archive",
            DocumentError::NoContainer => "document-no-container",
            DocumentError::NoPackage { .. } => "document-no-package",
            DocumentError::NoSpine => "document-no-spine",
            DocumentError::UnsafeEntryName { .. } => "document-unsafe-name",
            DocumentError::TooLarge { .. } => "document-too-large",
            DocumentError::NothingReadable => "document-nothing-readable",
        }
    }

    /// The varying part of the message: the path or inner file concerned, or the technical
    /// reason, for the `$detail` placeable. Empty when there is nothing to add.
    pub fn detail(&self) -> String {
        match self {
            DocumentError::NotFound { path } | DocumentError::IsDirectory { path } => {
                path.display().to_string()
            }
            DocumentError::NotText { reason } => reason.to_string(),
            DocumentError::Unreadable { source } => source.to_string(),
            DocumentError::CorruptArchive { reason } => reason.clone(),
            DocumentError::NoPackage { path } => path.clone(),
            DocumentError::UnsafeEntryName { name } => name.clone(),
            DocumentError::TooLarge { what, .. } => what.clone(),
            DocumentError::Empty
            | DocumentError::NoContainer
            | DocumentError::NoSpine
            | DocumentError::NothingReadable => String::new(),
        }
    }

    pub(crate) fn from_io(path: &Path, error: io::Error) -> DocumentError {
        if error.kind() == io::ErrorKind::NotFound {
            DocumentError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            DocumentError::unreadable(error)
        }
    }

    pub(crate) fn unreadable(source: io::Error) -> DocumentError {
        DocumentError::Unreadable { source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_message_id_and_a_detail() {
        let missing = DocumentError::NotFound {
            path: PathBuf::from("/books/gone.txt"),
        };
        assert_eq!(missing.message_id(), "document-not-found");
        assert_eq!(missing.detail(), "/books/gone.txt");
        assert!(missing.to_string().contains("gone.txt"));
        let bomb = DocumentError::TooLarge {
            what: "OPS/big.xhtml".into(),
            limit: 10,
        };
        assert_eq!(bomb.message_id(), "document-too-large");
        assert_eq!(bomb.detail(), "OPS/big.xhtml");
        assert_eq!(DocumentError::NoSpine.detail(), "");
    }
}
