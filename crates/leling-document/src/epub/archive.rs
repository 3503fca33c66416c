//! The EPUB's zip archive, read with limits: every entry is unpacked through a byte budget
//! (never trusting the sizes the archive claims), and names that try to leave the archive
//! (`../`, absolute paths) make the whole book refused.

use std::collections::HashMap;
use std::io::{Read, Seek};

use zip::ZipArchive;

use crate::{DocumentError, MAX_BOOK_BYTES, MAX_ENTRY_BYTES};

/// How much may be unpacked: one entry, and all entries together.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub entry: u64,
    pub book: u64,
}

impl Limits {
    pub const BOOK: Limits = Limits {
        entry: MAX_ENTRY_BYTES,
        book: MAX_BOOK_BYTES,
    };
}

pub(super) struct Archive<R> {
    zip: ZipArchive<R>,
    limits: Limits,
    /// Entry index by name, names taken as UTF-8 (many EPUB tools store UTF-8 names without
    /// setting the zip's UTF-8 flag, which would otherwise make them CP437).
    index_by_name: HashMap<String, usize>,
    /// Bytes the book may still unpack.
    budget: u64,
}

impl<R: Read + Seek> Archive<R> {
    pub fn open(reader: R, limits: Limits) -> Result<Archive<R>, DocumentError> {
        let zip = ZipArchive::new(reader).map_err(|error| DocumentError::CorruptArchive {
            reason: error.to_string(),
        })?;
        let mut index_by_name = HashMap::with_capacity(zip.len());
        for (index, raw_name) in zip.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(raw_name).into_owned();
            if !is_safe_name(&name) {
                return Err(DocumentError::UnsafeEntryName { name });
            }
            index_by_name.insert(name, index);
        }
        Ok(Archive {
            zip,
            limits,
            index_by_name,
            budget: limits.book,
        })
    }

    /// Whether the archive holds `path` (exactly, or differing only in ASCII case).
    pub fn contains(&self, path: &str) -> bool {
        self.index_of(path).is_some()
    }

    /// The unpacked bytes of `path`, or `None` when the archive lacks it. A damaged entry is
    /// [`DocumentError::CorruptArchive`]; one that unpacks past the limits is
    /// [`DocumentError::TooLarge`].
    pub fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, DocumentError> {
        let Some(index) = self.index_of(path) else {
            return Ok(None);
        };
        let corrupt = |error: &dyn std::fmt::Display| DocumentError::CorruptArchive {
            reason: format!("{path}: {error}"),
        };
        let entry = self.zip.by_index(index).map_err(|error| corrupt(&error))?;
        let limit = self.limits.entry.min(self.budget);
        let mut bytes = Vec::new();
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| corrupt(&error))?;
        let length = bytes.len() as u64;
        if length > self.limits.entry {
            return Err(DocumentError::TooLarge {
                what: path.to_string(),
                limit: self.limits.entry,
            });
        }
        if length > limit {
            return Err(DocumentError::TooLarge {
                what: "the whole book".to_string(),
                limit: self.limits.book,
            });
        }
        self.budget -= length;
        Ok(Some(bytes))
    }

    fn index_of(&self, path: &str) -> Option<usize> {
        self.index_by_name.get(path).copied().or_else(|| {
            self.index_by_name
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(path))
                .map(|(_, &index)| index)
        })
    }
}

/// A name that stays inside the archive: relative, without `..` steps or NUL bytes.
fn is_safe_name(name: &str) -> bool {
    let absolute = name.starts_with(['/', '\\'])
        || name.as_bytes().get(1) == Some(&b':') && name.as_bytes()[0].is_ascii_alphabetic();
    let climbs = name.split(['/', '\\']).any(|part| part == "..");
    !absolute && !climbs && !name.contains('\0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    fn zip_of(files: &[(&str, &[u8])]) -> Cursor<Vec<u8>> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in files {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        Cursor::new(writer.finish().unwrap().into_inner())
    }

    #[test]
    fn entries_and_the_whole_book_are_held_to_their_limits() {
        let limits = Limits {
            entry: 10,
            book: 25,
        };
        let files: [(&str, &[u8]); 4] = [
            ("small", b"12345678"),
            ("big", b"12345678901"),
            ("more", b"1234567890"),
            ("last", b"12345678"),
        ];
        let mut archive = Archive::open(zip_of(&files), limits).unwrap();
        assert_eq!(
            archive.read("small").unwrap().as_deref(),
            Some(&b"12345678"[..])
        );
        assert!(matches!(
            archive.read("big"),
            Err(DocumentError::TooLarge { what, .. }) if what == "big"
        ));
        assert!(archive.read("more").unwrap().is_some());
        assert!(matches!(
            archive.read("last"),
            Err(DocumentError::TooLarge { what, .. }) if what == "the whole book"
        ));
        assert_eq!(archive.read("absent").unwrap(), None);
        assert!(archive.contains("SMALL"));
    }

    #[test]
    fn archives_with_escaping_names_are_refused() {
        let refused = Archive::open(zip_of(&[("../evil", b"x")]), Limits::BOOK);
        assert!(
            matches!(refused, Err(DocumentError::UnsafeEntryName { name }) if name == "../evil")
        );
    }

    #[test]
    fn names_that_leave_the_archive_are_unsafe() {
        for name in [
            "../evil.xhtml",
            "OPS/../../evil",
            "/etc/passwd",
            "C:\\x",
            "a\\..\\..\\b",
        ] {
            assert!(!is_safe_name(name), "{name}");
        }
        for name in [
            "OPS/chapter.xhtml",
            "OPS/xhtml/一.xhtml",
            "a..b/c",
            "mimetype",
        ] {
            assert!(is_safe_name(name), "{name}");
        }
    }
}
