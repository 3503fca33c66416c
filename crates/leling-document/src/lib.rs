//! Opening a book file into a [`Document`]: chapters of plain-text blocks, a table of contents
//! and the book's title, author and language. Knows nothing about screens.
//!
//! Every input is untrusted: nothing here panics on bad bytes, every decompressed byte is
//! counted against [`MAX_ENTRY_BYTES`] and [`MAX_BOOK_BYTES`], and a damaged book opens as far
//! as it can, listing what it could not read in [`Document::missing`].

mod chapters;
mod encoding;
mod epub;
mod error;
mod gutenberg;
mod headings;
mod html;
mod markdown;
mod plain;
mod whitespace;

use encoding::Streamed;

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;

pub use error::DocumentError;

/// The most one file inside a book (or a whole text file) may unpack to.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most a whole book may unpack to, all its files together.
pub const MAX_BOOK_BYTES: u64 = 256 * 1024 * 1024;

/// An opened book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// From the book's metadata, else its first heading, else the file name without extension.
    pub title: String,
    pub author: Option<String>,
    /// A BCP-47-ish code ("zh", "en-US") from the metadata, else guessed from the script.
    pub language: Option<String>,
    /// Never empty for a successfully opened book.
    pub chapters: Vec<Chapter>,
    /// The book's own table of contents (EPUB), or the chapters' headings (other formats).
    pub toc: Vec<TocEntry>,
    /// Parts of a damaged book that could not be read, e.g. files the EPUB lists but lacks.
    pub missing: Vec<String>,
    /// Project Gutenberg's number for this book, when its header gives one.
    pub gutenberg_number: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// One paragraph-like piece of a chapter. `text` is plain Unicode without markup, whitespace
/// collapsed to single spaces; only [`BlockKind::Preformatted`] keeps its line breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// 1 is a chapter's own heading; deeper levels are sections inside it.
    Heading(u8),
    Paragraph,
    Quote,
    ListItem,
    Preformatted,
    /// An illustration; the text is its caption or alternative text, possibly empty.
    Picture,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub title: String,
    /// Index into [`Document::chapters`].
    pub chapter: usize,
    /// 0 for top-level entries.
    pub depth: u8,
}

/// The kinds of file Leling opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    PlainText,
    Markdown,
    Html,
    Epub,
}

impl Format {
    /// The format a file name's extension names, if it names one.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Format::PlainText),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" | "xht" => Some(Format::Html),
            "epub" => Some(Format::Epub),
            _ => None,
        }
    }

    /// The format judged from the first bytes: a zip archive is taken for an EPUB, anything
    /// else for text.
    pub fn sniff(first_bytes: &[u8]) -> Format {
        if first_bytes.starts_with(b"PK\x03\x04") {
            Format::Epub
        } else {
            Format::PlainText
        }
    }
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block {
            kind,
            text: text.into(),
        }
    }
}

/// Opens the book at `path`, choosing the format by extension or, failing that, by content.
pub fn open(path: &Path) -> Result<Document, DocumentError> {
    open_up_to(path, None).map(|start| start.document)
}

/// The beginning of a book, enough to show its first pages before the rest is read.
#[derive(Debug)]
pub struct BookStart {
    pub document: Document,
    /// False when only the leading chapters were read: [`open`] gives the whole book, with
    /// those same chapters first.
    pub complete: bool,
}

impl BookStart {
    /// Whether the chapter at index `chapter` was read: the whole book was, or that chapter
    /// is among the leading ones.
    pub fn holds(&self, chapter: usize) -> bool {
        self.complete || chapter < self.document.chapters.len()
    }
}

/// Opens at least chapters `0..=through_chapter` of the book at `path` (or all of it, when it
/// has fewer) as quickly as possible: a large plain-text book is read from its first part
/// only, and an EPUB from its first spine items. The chapters given are exactly those
/// [`open`] gives, so a position in them stays good.
pub fn open_start(path: &Path, through_chapter: usize) -> Result<BookStart, DocumentError> {
    let start = open_up_to(path, Some(through_chapter + 1))?;
    if !start.holds(through_chapter) {
        // Chapters that held nothing were dropped after reading; the short cut fell short.
        return open(path).map(|document| BookStart {
            document,
            complete: true,
        });
    }
    Ok(start)
}

/// A long plain-text book opens from a first part this long (twice as long in UTF-16),
/// growing fourfold until it holds the chapters wanted; the whole book follows.
const START_TEXT_BYTES: usize = 32 * 1024;
/// Past this, reading the first part again costs more than reading the whole.
const MAX_START_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Opens the book, or (with `chapters`) at least that many of its leading chapters.
fn open_up_to(path: &Path, chapters: Option<usize>) -> Result<BookStart, DocumentError> {
    let metadata = std::fs::metadata(path).map_err(|error| DocumentError::from_io(path, error))?;
    if metadata.is_dir() {
        return Err(DocumentError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    // The byte cap below still guards files that grow, pipes and devices.
    if metadata.is_file() && metadata.len() > MAX_BOOK_BYTES {
        return Err(DocumentError::TooLarge {
            what: path.display().to_string(),
            limit: MAX_BOOK_BYTES,
        });
    }
    let name_hint = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut file = File::open(path).map_err(|error| DocumentError::from_io(path, error))?;
    let format = match Format::from_extension(path) {
        Some(format) => format,
        None => {
            let mut magic = Vec::with_capacity(4);
            (&mut file)
                .take(4)
                .read_to_end(&mut magic)
                .map_err(|error| DocumentError::from_io(path, error))?;
            file = File::open(path).map_err(|error| DocumentError::from_io(path, error))?;
            Format::sniff(&magic)
        }
    };
    if format == Format::Epub {
        // A zip is read in place (it needs seeking), so only the parts it uses are unpacked.
        if metadata.len() == 0 {
            return Err(DocumentError::Empty);
        }
        let (draft, complete) = epub::read(io::BufReader::new(file), chapters)?;
        return Ok(BookStart {
            document: finish(draft, &name_hint)?,
            complete,
        });
    }
    if let (Some(wanted), Format::PlainText) = (chapters, format)
        && let Some(start) = plain_text_start_of(&mut file, metadata.len(), wanted, &name_hint)?
    {
        return Ok(start);
    }
    // Sized from the first: a vector grown by doubling as it reads would hold up to twice
    // the book for a moment.
    let expected = metadata.is_file().then_some(metadata.len());
    if format == Format::PlainText {
        let text = read_plain_text(file, expected, &name_hint)?;
        return Ok(BookStart {
            document: finish(plain::read(&text), &name_hint)?,
            complete: true,
        });
    }
    let bytes = read_capped(file, MAX_BOOK_BYTES, expected, &name_hint)?;
    Ok(BookStart {
        document: from_bytes(&bytes, format, &name_hint)?,
        complete: true,
    })
}

/// A whole plain-text book as text, decoded as [`from_bytes`] decodes it, holding the book
/// once: UTF-8 becomes its text where it was read, and any other encoding (judged from the
/// file's first part) is decoded as it is read, so its bytes are never held beside its text.
fn read_plain_text(file: File, expected: Option<u64>, what: &str) -> Result<String, DocumentError> {
    let mut reader = file.take(MAX_BOOK_BYTES + 1);
    let head = read_up_to(&mut reader, encoding::HEAD_BYTES)?;
    let whole = head.len() < encoding::HEAD_BYTES;
    let Some(streamed) = encoding::streamed_encoding(&head, whole) else {
        let bytes = read_capped(
            io::Cursor::new(head).chain(reader),
            MAX_BOOK_BYTES,
            expected,
            what,
        )?;
        if bytes.is_empty() {
            return Err(DocumentError::Empty);
        }
        return encoding::decode_text_owned(bytes);
    };
    match encoding::decode_streaming(streamed, head, reader, expected)
        .map_err(DocumentError::unreadable)?
    {
        Streamed::Text(text) => {
            encoding::refuse_binary(&text)?;
            Ok(text)
        }
        Streamed::TooLong => Err(DocumentError::TooLarge {
            what: what.to_string(),
            limit: MAX_BOOK_BYTES,
        }),
        Streamed::NotText => Err(encoding::NUL_BYTES),
    }
}

/// Up to `bytes` bytes from where `reader` is.
fn read_up_to(reader: &mut impl Read, bytes: usize) -> Result<Vec<u8>, DocumentError> {
    let mut first = Vec::with_capacity(bytes);
    reader
        .take(bytes as u64)
        .read_to_end(&mut first)
        .map_err(DocumentError::unreadable)?;
    Ok(first)
}

/// The first `wanted` chapters of the plain-text book in `file`, `length` bytes long, read
/// from a first part of it that grows until it holds them. `None` when the largest part falls
/// short, or is no shorter than the book: the whole book is then read.
fn plain_text_start_of(
    file: &mut File,
    length: u64,
    wanted: usize,
    name_hint: &str,
) -> Result<Option<BookStart>, DocumentError> {
    // UTF-16 spends two bytes on a Latin letter: its first part holds as much of an English
    // book as UTF-8's only when it is twice as long.
    let mut part = START_TEXT_BYTES * encoding::bytes_per_latin_letter(&read_first(file, 3)?);
    while part <= MAX_START_TEXT_BYTES && length > part as u64 {
        if let Some(start) = plain_text_start(&read_first(file, part)?, wanted, name_hint) {
            return Ok(Some(start));
        }
        part *= 4;
    }
    Ok(None)
}

/// The first `bytes` bytes of `file` (fewer if it is shorter), leaving it at its start.
fn read_first(file: &mut File, bytes: usize) -> Result<Vec<u8>, DocumentError> {
    let first = read_up_to(file, bytes)?;
    file.rewind().map_err(DocumentError::unreadable)?;
    Ok(first)
}

/// The first `wanted` chapters of a long plain-text book, in any encoding, read from its
/// first part only; the last chapter found there may be cut short, so it is left out. `None`
/// when that part does not hold `wanted` whole chapters, or too little to tell its encoding.
fn plain_text_start(bytes: &[u8], wanted: usize, name_hint: &str) -> Option<BookStart> {
    let text = encoding::decode_text_start(bytes)?;
    let line_end = text.rfind('\n')?;
    let mut draft = plain::read(&text[..line_end]);
    if draft.chapters.len() <= wanted {
        return None;
    }
    draft.chapters.truncate(wanted);
    Some(BookStart {
        document: finish(draft, name_hint).ok()?,
        complete: false,
    })
}

/// Reads a book already in memory. `name_hint` is the file name, used for the title when the
/// book names none.
pub fn from_bytes(
    bytes: &[u8],
    format: Format,
    name_hint: &str,
) -> Result<Document, DocumentError> {
    if bytes.is_empty() {
        return Err(DocumentError::Empty);
    }
    let draft = match format {
        Format::PlainText => plain::read(&encoding::decode_text(bytes)?),
        Format::Markdown => markdown::read(&encoding::decode_text(bytes)?),
        Format::Html => html::read_book(&encoding::decode_html(bytes)?),
        Format::Epub => epub::read(io::Cursor::new(bytes), None)?.0,
    };
    finish(draft, name_hint)
}

/// Reads all of `reader`, refusing more than `limit` bytes (the limit is enforced on the bytes
/// actually read, never on a size someone wrote in a header).
fn read_capped(
    reader: impl Read,
    limit: u64,
    expected: Option<u64>,
    what: &str,
) -> Result<Vec<u8>, DocumentError> {
    // One byte more than expected, so that reading to the end needs no second, doubled buffer.
    let room = expected.map_or(0, |length| length.min(limit) as usize + 1);
    let mut bytes = Vec::with_capacity(room);
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(DocumentError::unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(DocumentError::TooLarge {
            what: what.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// What a format reader found, before the fallbacks shared by every format are applied.
#[derive(Debug, Default)]
struct Draft {
    title: Option<String>,
    author: Option<String>,
    language: Option<String>,
    chapters: Vec<Chapter>,
    /// `None` asks for a table of contents made from the chapters' headings.
    toc: Option<Vec<TocEntry>>,
    missing: Vec<String>,
    /// The format's headings are chapter numbers, not candidates for the book's title.
    no_title_from_headings: bool,
    gutenberg_number: Option<u32>,
}

fn finish(mut draft: Draft, name_hint: &str) -> Result<Document, DocumentError> {
    for chapter in &mut draft.chapters {
        chapter
            .blocks
            .retain(|block| block.kind == BlockKind::Picture || !block.text.is_empty());
    }
    // A chapter left with nothing is dropped; entries pointing at it move to the next one.
    let mut kept_before = Vec::with_capacity(draft.chapters.len());
    let mut kept = 0;
    for chapter in &draft.chapters {
        kept_before.push(kept);
        kept += usize::from(!chapter.blocks.is_empty());
    }
    draft.chapters.retain(|chapter| !chapter.blocks.is_empty());
    if let Some(toc) = &mut draft.toc {
        toc.retain_mut(|entry| match kept_before.get(entry.chapter) {
            Some(&index) if index < kept => {
                entry.chapter = index;
                true
            }
            _ => false,
        });
    }
    let readable = draft
        .chapters
        .iter()
        .flat_map(|chapter| &chapter.blocks)
        .any(|block| !block.text.is_empty());
    if !readable {
        return Err(DocumentError::NothingReadable);
    }
    let toc = match draft.toc {
        Some(toc) => toc,
        None => chapters::toc_from_headings(&draft.chapters),
    };
    let title = draft
        .title
        .filter(|title| !title.is_empty())
        .or_else(|| {
            (!draft.no_title_from_headings)
                .then(|| first_heading(&draft.chapters))
                .flatten()
        })
        .unwrap_or_else(|| file_stem(name_hint));
    let language = draft
        .language
        .filter(|language| !language.is_empty())
        .or_else(|| Some(guess_language(&draft.chapters).to_string()));
    Ok(Document {
        title,
        author: draft.author.filter(|author| !author.is_empty()),
        language,
        chapters: draft.chapters,
        toc,
        missing: draft.missing,
        gutenberg_number: draft.gutenberg_number,
    })
}

fn first_heading(chapters: &[Chapter]) -> Option<String> {
    chapters
        .iter()
        .flat_map(|chapter| &chapter.blocks)
        .find(|block| matches!(block.kind, BlockKind::Heading(_)) && !block.text.is_empty())
        .map(|block| block.text.clone())
}

fn file_stem(name_hint: &str) -> String {
    Path::new(name_hint)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.is_empty())
        .unwrap_or_else(|| name_hint.to_string())
}

/// Judges the language by the script of the first few thousand characters of text.
fn guess_language(chapters: &[Chapter]) -> &'static str {
    let mut sample = String::new();
    for block in chapters.iter().flat_map(|chapter| &chapter.blocks) {
        sample.push_str(&block.text);
        if sample.len() > 4096 {
            break;
        }
    }
    leling_core::model::lang_of(&sample).code()
}

/// Tidies a language tag from metadata into BCP-47 case: "ja-jp" becomes "ja-JP".
fn normalize_language_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    if tag.is_empty() {
        return None;
    }
    let parts: Vec<String> = tag
        .split(['-', '_'])
        .enumerate()
        .map(|(index, part)| match (index, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 2) => part.to_ascii_uppercase(),
            (_, 4) => {
                let mut titled = part.to_ascii_lowercase();
                if let Some(first) = titled.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                titled
            }
            _ => part.to_ascii_lowercase(),
        })
        .collect();
    Some(parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_choose_the_format_and_zip_magic_means_epub() {
        assert_eq!(
            Format::from_extension(Path::new("a.TXT")),
            Some(Format::PlainText)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.markdown")),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.xhtml")),
            Some(Format::Html)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.epub")),
            Some(Format::Epub)
        );
        assert_eq!(Format::from_extension(Path::new("README")), None);
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Epub);
        assert_eq!(Format::sniff(b"Hello"), Format::PlainText);
    }

    #[test]
    fn language_tags_are_tidied() {
        assert_eq!(normalize_language_tag("ja-jp").as_deref(), Some("ja-JP"));
        assert_eq!(
            normalize_language_tag("zh_hant_tw").as_deref(),
            Some("zh-Hant-TW")
        );
        assert_eq!(normalize_language_tag(" EN "), Some("en".to_string()));
        assert_eq!(normalize_language_tag(""), None);
    }

    #[test]
    fn the_title_falls_back_to_the_file_stem() {
        let document = from_bytes(b"just words", Format::PlainText, "notes.v2.txt").unwrap();
        assert_eq!(document.title, "notes.v2");
        assert_eq!(document.language.as_deref(), Some("en"));
    }

    #[test]
    fn empty_input_is_an_error_not_a_panic() {
        assert!(matches!(
            from_bytes(b"", Format::Markdown, "x.md"),
            Err(DocumentError::Empty)
        ));
        assert!(matches!(
            from_bytes(b"\n\n  \n", Format::PlainText, "x.txt"),
            Err(DocumentError::NothingReadable)
        ));
    }
}
