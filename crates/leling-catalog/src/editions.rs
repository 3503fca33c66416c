//! A recommended book's free edition as a file to fetch, and how this kiosk names its copy.
//!
//! The file is the book's own `text_url`, or, when the administrator names a Project Gutenberg
//! mirror, the same ebook from the mirror: mirrors keep gutenberg.org's layout, where ebook
//! N's plain text is `{mirror}/cache/epub/N/pgN.txt` (as on gutenberg.pglaf.org).

use std::path::Path;

use super::Book;
use leling_core::model::{Lang, is_han};
use leling_document::Document;
use leling_store::{NewBook, Store, StoreError};

/// The base address of a Project Gutenberg mirror, checked to be a web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    /// Without a trailing slash, so that paths are added with one.
    base: String,
}

impl Mirror {
    /// A mirror's address as the administrator wrote it; `None` unless it is an http(s)
    /// address of a host with no query or fragment.
    pub fn parse(address: &str) -> Option<Mirror> {
        let url = url::Url::parse(address.trim()).ok()?;
        let usable = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some_and(|host| !host.is_empty())
            && url.query().is_none()
            && url.fragment().is_none();
        usable.then(|| Mirror {
            base: url.as_str().trim_end_matches('/').to_string(),
        })
    }

    /// The address as checked, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Where the mirror keeps ebook `number` as plain UTF-8 text.
    pub fn text_of(&self, number: u32) -> String {
        format!("{}/cache/epub/{number}/pg{number}.txt", self.base)
    }
}

/// The Gutenberg ebook number an address of gutenberg.org names: `/ebooks/N`,
/// `/ebooks/N.txt.utf-8`, `/cache/epub/N/…` or `/files/N/…`.
pub fn gutenberg_number(address: &str) -> Option<u32> {
    let url = url::Url::parse(address).ok()?;
    let host = url.host_str()?;
    if host != "gutenberg.org" && !host.ends_with(".gutenberg.org") {
        return None;
    }
    let parts: Vec<&str> = url.path_segments()?.collect();
    let number = match parts.as_slice() {
        ["ebooks", name, ..] => name.split('.').next()?,
        ["cache", "epub", number, ..] | ["files", number, ..] => number,
        _ => return None,
    };
    number.parse().ok().filter(|&n| n > 0)
}

/// The address to fetch `book`'s free text from: the mirror's copy of its Gutenberg ebook
/// when a mirror is named, else its own `text_url`. `None` when it has no text to fetch
/// (only a web page, such as a Wikisource one).
pub fn edition_url(book: &Book, mirror: Option<&Mirror>) -> Option<String> {
    let own = book.text_url.as_ref()?.get_ref();
    match (mirror, gutenberg_number(own)) {
        (Some(mirror), Some(number)) => Some(mirror.text_of(number)),
        _ => Some(own.clone()),
    }
}

/// A book file as this kiosk's copy of a recommended book, and the name it goes by: the title
/// its text gives (header, `《…》` line, title line), else the list's name for the book, in
/// the language it is written in. The list's name also stands in for Gutenberg's romanised
/// title of a Chinese book ("Hong Lou Meng" is 红楼梦). The same file is then named alike on
/// every kiosk, whether fetched or added (sync matches places in a book by title and author).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyOf {
    /// The recommended book's id in the lists.
    pub recommended: String,
    pub title: String,
    pub author: Option<String>,
    pub language: String,
}

impl CopyOf {
    /// `document`, opened from a file called `file_name`, as the copy of `book`.
    pub fn new(book: &Book, document: &Document, file_name: &str) -> CopyOf {
        let language = book.language.get_ref();
        let lang = language.parse().unwrap_or(Lang::Zh);
        let named_by_file = Path::new(file_name)
            .file_stem()
            .is_some_and(|stem| stem.to_string_lossy() == document.title);
        let romanised = lang == Lang::Zh && !document.title.chars().any(is_han);
        let (title, author) = if named_by_file || romanised {
            let author = book.author.get(lang).to_string();
            (book.title.get(lang).to_string(), Some(author))
        } else {
            (document.title.clone(), document.author.clone())
        };
        CopyOf {
            recommended: book.id.get_ref().clone(),
            title,
            author,
            language: language.clone(),
        }
    }
}

/// How a book file goes in the library: as the copy of its recommended book, named as
/// [`CopyOf`] names it, or as itself, by what its text gives. `leling add` and a download
/// ("read now", `leling library fetch`) register their files alike through it.
pub struct LibraryEntry<'a> {
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub language: Option<&'a str>,
    /// The recommended book it is a copy of.
    pub recommended: Option<&'a str>,
}

impl<'a> LibraryEntry<'a> {
    pub fn new(document: &'a Document, copy: Option<&'a CopyOf>) -> LibraryEntry<'a> {
        match copy {
            Some(copy) => LibraryEntry {
                title: &copy.title,
                author: copy.author.as_deref(),
                language: Some(&copy.language),
                recommended: Some(&copy.recommended),
            },
            None => LibraryEntry {
                title: &document.title,
                author: document.author.as_deref(),
                language: document.language.as_deref(),
                recommended: None,
            },
        }
    }

    /// Registers the file at `path` under this name; returns the book's id.
    pub fn register(&self, store: &Store, path: &Path) -> Result<i64, StoreError> {
        let book = NewBook {
            path,
            title: self.title,
            author: self.author,
            language: self.language,
            in_library: true,
        };
        match self.recommended {
            Some(recommended) => store.library().register_copy_of(recommended, &book),
            None => store.library().register_book(&book),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gutenberg_addresses_give_their_ebook_number() {
        for address in [
            "https://www.gutenberg.org/ebooks/24264",
            "https://www.gutenberg.org/ebooks/24264.txt.utf-8",
            "https://gutenberg.org/cache/epub/24264/pg24264.txt",
            "http://www.gutenberg.org/files/24264/24264-0.txt",
        ] {
            assert_eq!(gutenberg_number(address), Some(24264), "{address}");
        }
        for address in [
            "https://zh.wikisource.org/wiki/論語",
            "https://notgutenberg.org/ebooks/11",
            "https://www.gutenberg.org/about/",
            "not an address",
        ] {
            assert_eq!(gutenberg_number(address), None, "{address}");
        }
    }

    #[test]
    fn a_mirror_keeps_gutenbergs_layout_under_its_own_base() {
        let mirror = Mirror::parse("https://gutenberg.pglaf.org/").unwrap();
        assert_eq!(
            mirror.text_of(2701),
            "https://gutenberg.pglaf.org/cache/epub/2701/pg2701.txt"
        );
        let deeper = Mirror::parse(" http://127.0.0.1:8080/gutenberg ").unwrap();
        assert_eq!(
            deeper.text_of(11),
            "http://127.0.0.1:8080/gutenberg/cache/epub/11/pg11.txt"
        );
        for wrong in [
            "gutenberg.pglaf.org",
            "ftp://mirror.example/",
            "https://m.example/?a=1",
            "",
        ] {
            assert_eq!(Mirror::parse(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn a_copy_goes_by_the_title_its_text_gives_else_by_the_lists_name() {
        let lists = crate::load_lists(&crate::bundled_dir());
        let books: Vec<&Book> = lists.iter().flat_map(|list| &list.book).collect();
        let book = |id: &str| *books.iter().find(|b| b.id.get_ref() == id).unwrap();
        let document = |title: &str, author: Option<&str>| {
            let text = format!("{title}\n\ntext");
            let mut document = leling_document::from_bytes(
                text.as_bytes(),
                leling_document::Format::PlainText,
                "x.txt",
            )
            .unwrap();
            document.title = title.to_string();
            document.author = author.map(str::to_string);
            document
        };
        let named = |id: &str, title: &str, author: Option<&str>, file: &str| {
            let copy = CopyOf::new(book(id), &document(title, author), file);
            (copy.title, copy.author)
        };
        let list_name = ("红楼梦".to_string(), Some("曹雪芹".to_string()));
        // Named by its file only, or by Gutenberg's pinyin: the list's name.
        assert_eq!(
            named(
                "hongloumeng",
                "hongloumeng-traditional-pg24264",
                None,
                "hongloumeng-traditional-pg24264.txt"
            ),
            list_name
        );
        assert_eq!(
            named(
                "hongloumeng",
                "Hong Lou Meng",
                Some("Xueqin Cao"),
                "pg24264.txt"
            ),
            list_name
        );
        // Its own title, as written.
        assert_eq!(
            named("nahan", "吶喊", Some("魯迅"), "pg27166.txt"),
            ("吶喊".to_string(), Some("魯迅".to_string()))
        );
        assert_eq!(
            named(
                "moby-dick",
                "Moby Dick; or The Whale",
                Some("Herman Melville"),
                "pg2701.txt"
            )
            .0,
            "Moby Dick; or The Whale"
        );
        assert_eq!(
            named("pride-and-prejudice", "pg1342", None, "pg1342.txt").0,
            "Pride and Prejudice"
        );
    }

    #[test]
    fn the_edition_comes_from_the_mirror_only_for_gutenberg_books() {
        let lists = crate::load_lists(&crate::bundled_dir());
        let books: Vec<&Book> = lists.iter().flat_map(|list| &list.book).collect();
        let book = |id: &str| *books.iter().find(|b| b.id.get_ref() == id).unwrap();
        let mirror = Mirror::parse("http://mirror.example").unwrap();
        assert_eq!(
            edition_url(book("hongloumeng"), Some(&mirror)).as_deref(),
            Some("http://mirror.example/cache/epub/24264/pg24264.txt")
        );
        assert_eq!(
            edition_url(book("hongloumeng"), None).as_deref(),
            Some("https://www.gutenberg.org/ebooks/24264.txt.utf-8")
        );
        assert_eq!(edition_url(book("lunyu"), Some(&mirror)), None);
    }
}
