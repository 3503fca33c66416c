//! Recommended book lists, lecture catalogs and guides: the bundled ones in `content/`
//! (documented in `content/README.md`), read and checked here.

pub mod check;
pub mod content;

pub use check::{Problem, check_dir};
pub use content::{Book, BookList, Guide, Guides, Lecture, LectureCatalog, LectureFormat, Text};
