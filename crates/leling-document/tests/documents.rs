//! Opening real books from the shared corpus, and damaged or hostile files built here.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use leling_document::{
    self as document, Block, BlockKind, Chapter, Document, DocumentError, Format, MAX_ENTRY_BYTES,
};
use proptest::prelude::*;
use zip::write::SimpleFileOptions;

fn corpus(path: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
    .join(path)
}

fn open_corpus(path: &str) -> Document {
    document::open(&corpus(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn all_blocks(document: &Document) -> impl Iterator<Item = &Block> {
    document.chapters.iter().flat_map(|chapter| &chapter.blocks)
}

fn chapter_titled<'a>(document: &'a Document, title: &str) -> &'a Chapter {
    document
        .chapters
        .iter()
        .find(|chapter| chapter.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no chapter titled {title:?}"))
}

fn first_paragraph(chapter: &Chapter) -> &str {
    chapter
        .blocks
        .iter()
        .find(|block| block.kind == BlockKind::Paragraph)
        .map(|block| block.text.as_str())
        .unwrap_or_default()
}

fn mentions_gutenberg(block: Option<&Block>) -> bool {
    block.is_some_and(|block| block.text.to_lowercase().contains("project gutenberg"))
}

// ---- EPUB ---------------------------------------------------------------------------------

#[test]
fn every_corpus_epub_opens_with_text() {
    let folder = corpus("epub");
    let mut opened = 0;
    for entry in std::fs::read_dir(&folder).expect("the shared corpus is beside the project") {
        let path = entry.unwrap().path();
        let document = document::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!document.title.is_empty(), "{}", path.display());
        assert!(!document.chapters.is_empty(), "{}", path.display());
        let words: usize = all_blocks(&document).map(|block| block.text.len()).sum();
        assert!(
            words > 1000,
            "{} has only {words} bytes of text",
            path.display()
        );
        assert!(
            document
                .toc
                .iter()
                .all(|entry| entry.chapter < document.chapters.len())
        );
        opened += 1;
    }
    assert_eq!(opened, 7, "the corpus README lists seven EPUBs");
}

#[test]
fn moby_dick_epub_has_its_metadata_chapters_and_contents() {
    let document = open_corpus("epub/idpf-moby-dick.epub");
    assert!(document.title.contains("Moby-Dick"), "{}", document.title);
    assert_eq!(document.author.as_deref(), Some("Herman Melville"));
    assert_eq!(document.language.as_deref(), Some("en-US"));
    assert!(
        (140..=146).contains(&document.chapters.len()),
        "{}",
        document.chapters.len()
    );
    assert!(document.missing.is_empty());
    let loomings = chapter_titled(&document, "Chapter 1. Loomings.");
    assert!(first_paragraph(loomings).starts_with("Call me Ishmael."));
    let toc_entry = document
        .toc
        .iter()
        .find(|e| e.title == "Chapter 1. Loomings.")
        .unwrap();
    assert_eq!(document.chapters[toc_entry.chapter].title, loomings.title);
    assert!(document.toc.len() > 130);
}

#[test]
fn the_other_corpus_epubs_have_their_titles() {
    let expectations = [
        ("epub/idpf-wasteland.epub", "The Waste Land", "T.S. Eliot"),
        (
            "epub/idpf-childrens-literature.epub",
            "Children's Literature",
            "Charles Madison Curry",
        ),
        ("epub/idpf-georgia-pls-ssml.epub", "Georgia", "Various"),
        (
            "epub/idpf-israelsailing.epub",
            "מפליגים בישראל",
            "אורי עידן",
        ),
    ];
    for (path, title, author) in expectations {
        let document = open_corpus(path);
        assert_eq!(document.title, title, "{path}");
        assert_eq!(document.author.as_deref(), Some(author), "{path}");
    }
    let wasteland = open_corpus("epub/idpf-wasteland.epub");
    let sections: Vec<&str> = wasteland.toc.iter().map(|e| e.title.as_str()).collect();
    assert!(
        sections.contains(&"I. THE BURIAL OF THE DEAD"),
        "{sections:?}"
    );
}

#[test]
fn kusamakura_opens_and_reports_exactly_its_missing_files() {
    let document = open_corpus("epub/idpf-kusamakura-japanese-vertical-writing.epub");
    assert_eq!(document.title, "草枕");
    assert_eq!(document.language.as_deref(), Some("ja-JP"));
    assert_eq!(
        document.missing,
        ["OPS/audio/fmse004b.mp3", "OPS/audio/ulnr0036.mp3"]
    );
    // Files with non-ASCII names were found, and ruby readings are not doubled into the text.
    let first = chapter_titled(&document, "一");
    assert_eq!(first_paragraph(first), "山路を登りながら、こう考えた。");
    // The table of contents (`linear="no"`) is still readable, after the main text.
    assert_eq!(document.chapters.len(), 16);
    assert_eq!(document.toc.len(), 14);
}

// ---- Project Gutenberg plain text ---------------------------------------------------------

#[test]
fn moby_dick_text_loses_its_gutenberg_wrapping() {
    let document = open_corpus("texts/en/moby-dick-pg2701.txt");
    assert_eq!(document.title, "Moby Dick; or The Whale");
    assert_eq!(document.author.as_deref(), Some("Herman Melville"));
    assert_eq!(document.language.as_deref(), Some("en"));
    assert!(!mentions_gutenberg(all_blocks(&document).next()));
    assert!(!mentions_gutenberg(all_blocks(&document).last()));
    let loomings = chapter_titled(&document, "CHAPTER 1. Loomings.");
    assert!(first_paragraph(loomings).starts_with("Call me Ishmael. Some years ago—never mind"));
    // 135 chapters, the epilogue, and the front matter; the printed contents are no chapters.
    assert_eq!(document.chapters.len(), 137);
    assert_eq!(
        document.chapters.last().unwrap().title.as_deref(),
        Some("Epilogue")
    );
}

#[test]
fn pride_and_prejudice_text_has_chapters_pictures_and_no_underscores() {
    let document = open_corpus("texts/en/pride-and-prejudice-pg1342.txt");
    let chapters = document
        .chapters
        .iter()
        .filter(|c| {
            c.title
                .as_deref()
                .is_some_and(|t| t.to_lowercase().starts_with("chapter "))
        })
        .count();
    assert_eq!(chapters, 61);
    assert!(
        first_paragraph(chapter_titled(&document, "Chapter I."))
            .starts_with("It is a truth universally acknowledged, that a single man")
    );
    assert!(
        all_blocks(&document)
            .any(|b| b.kind == BlockKind::Picture && b.text == "“I’m the tallest”")
    );
    assert!(
        all_blocks(&document)
            .any(|b| b.text == "“You want to tell me, and I have no objection to hearing it.”")
    );
}

#[test]
fn hongloumeng_has_120_chapters_of_reflowed_paragraphs() {
    let document = open_corpus("texts/zh/hongloumeng-traditional-pg24264.txt");
    assert_eq!(document.language.as_deref(), Some("zh"));
    assert_eq!(document.chapters.len(), 120);
    for chapter in &document.chapters {
        let title = chapter.title.as_deref().unwrap_or_default();
        assert!(title.starts_with('第') && title.contains('回'), "{title}");
    }
    assert_eq!(
        document.chapters[2].title.as_deref(),
        Some("第三回 賈雨村夤緣复舊職 林黛玉拋父進京都")
    );
    let paragraphs: Vec<&Block> = all_blocks(&document)
        .filter(|b| b.kind == BlockKind::Paragraph)
        .collect();
    assert!(paragraphs.len() > 2000, "{}", paragraphs.len());
    assert!(paragraphs.iter().all(|b| !b.text.contains('\n')));
    let known = "列位看官：你道此書從何而來？說起根由雖近荒唐，細按則深有趣味．待在下將此來歷注明，方使閱者了然不惑．";
    assert!(paragraphs.iter().any(|b| b.text == known));
    let split_before_stop = "此回中凡用“夢”用“幻”等字，是提醒閱者眼目，亦是此書立意本旨．";
    assert!(paragraphs.iter().any(|b| b.text == split_before_stop));
}

/// The first page of a long book shows from its start alone; the chapters read then are
/// normally exactly the whole book's. (Not always for plain text, where the start alone may
/// look laid out otherwise, e.g. Moby-Dick's long contents list: the reader then finds its
/// place again in the whole book, as `tests/library.rs` checks.)
#[test]
fn the_start_of_a_long_book_is_the_same_as_the_whole_books_start() {
    for (path, through) in [
        ("texts/zh/hongloumeng-traditional-pg24264.txt", 0),
        ("texts/zh/hongloumeng-traditional-pg24264.txt", 5),
        ("epub/idpf-moby-dick.epub", 3),
        ("texts/en/moby-dick-pg2701.txt", 2),
        ("texts/zh/luxun-nahan-traditional-pg27166.txt", 1),
    ] {
        let whole = open_corpus(path);
        let start = document::open_start(&corpus(path), through).unwrap();
        assert!(!start.complete, "{path}: read whole");
        let first = &start.document;
        assert!(first.chapters.len() > through, "{path}: too few chapters");
        assert!(first.chapters.len() < whole.chapters.len() / 2, "{path}");
        assert_eq!(
            first.chapters[..],
            whole.chapters[..first.chapters.len()],
            "{path}"
        );
        assert_eq!((&first.title, &first.author), (&whole.title, &whole.author));
    }
}

/// Project Gutenberg's header for 吶喊 (ebook 27166), which the corpus's copy does without.
const NAHAN_HEADER: &str = "The Project Gutenberg EBook of Na Han, by Xun Lu\n\n\
    Title: Na Han\n\nAuthor: Xun Lu\n\nRelease Date: November 1, 2008 [EBook #27166]\n\n\
    Language: Chinese\n\nCharacter set encoding: UTF-8\n\n\
    *** START OF THIS PROJECT GUTENBERG EBOOK NA HAN ***\n\n\n";

#[test]
fn a_chinese_text_is_titled_by_its_own_title_line_with_or_without_a_gutenberg_header() {
    // The corpus's 吶喊 has no header: its first line, 《魯迅︰吶喊》, names the book and author.
    let bare = open_corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    assert_eq!(bare.title, "吶喊");
    assert_eq!(bare.author.as_deref(), Some("魯迅"));
    assert_eq!(bare.gutenberg_number, None);
    // Under Gutenberg's header the book's own title still wins over the pinyin "Na Han", and
    // the header gives the ebook number.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(corpus("texts/zh/luxun-nahan-traditional-pg27166.txt")).unwrap();
    let wrapped = dir.path().join("27166-0.txt");
    std::fs::write(&wrapped, [NAHAN_HEADER.as_bytes(), &text].concat()).unwrap();
    let document = document::open(&wrapped).unwrap();
    assert_eq!(document.title, "吶喊");
    assert_eq!(document.author.as_deref(), Some("魯迅"));
    assert_eq!(document.gutenberg_number, Some(27166));
    assert_eq!(document.chapters, bare.chapters);
}

#[test]
fn a_text_that_names_itself_nowhere_goes_by_its_file_name() {
    // 紅樓夢 (no header in the corpus) opens with the heading of its first chapter, which is no
    // title for the whole book; the library names it through its recommended entry instead.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("book.txt");
    std::fs::copy(
        corpus("texts/zh/hongloumeng-traditional-pg24264.txt"),
        &copy,
    )
    .unwrap();
    let document = document::open(&copy).unwrap();
    assert_eq!(document.title, "book");
    assert_eq!(
        document.chapters[0].title.as_deref(),
        Some("第一回 甄士隱夢幻識通靈 賈雨村風塵怀閨秀")
    );
    assert_eq!(
        open_corpus("texts/en/moby-dick-pg2701.txt").gutenberg_number,
        Some(2701)
    );
}

#[test]
fn nahan_has_its_title_stories_and_no_licence() {
    let document = open_corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    assert!(document.title.contains("吶喊"), "{}", document.title);
    assert!(!mentions_gutenberg(all_blocks(&document).last()));
    let preface = chapter_titled(&document, "《吶喊》自序");
    // Double-spaced lines are joined back into the paragraph they were wrapped from.
    let expected = "我在年青時候也曾經做過許多夢，後來大半忘卻了，但自己也並不以為可惜。所謂回憶者，雖說可以使人歡欣，有時也不免使人寂寞，使精神的絲縷還牽著己逝的寂寞的時光，又有什麼意味呢，而我偏苦于不能全忘卻，這不能全忘的一部分，到現在便成了《吶喊》的來由。";
    assert!(
        preface
            .blocks
            .iter()
            .any(|b| b.kind == BlockKind::Paragraph && b.text == expected)
    );
    let madman = chapter_titled(&document, "狂人日記");
    assert!(
        madman
            .blocks
            .iter()
            .any(|b| b.text == "今天晚上，很好的月光。")
    );
    let ah_q = chapter_titled(&document, "阿Q正傳");
    let sections = ah_q
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(2))
        .count();
    assert_eq!(sections, 9);
    assert_eq!(document.chapters.len(), 15);
}

// ---- HTML ---------------------------------------------------------------------------------

#[test]
fn pride_and_prejudice_html_has_sensible_chapters() {
    let document = open_corpus("texts/en/pride-and-prejudice-pg1342.html");
    assert_eq!(document.title, "Pride and prejudice");
    assert_eq!(document.author.as_deref(), Some("Jane Austen"));
    let chapters: Vec<&str> = document
        .chapters
        .iter()
        .filter_map(|c| c.title.as_deref())
        .filter(|t| t.to_lowercase().starts_with("chapter"))
        .collect();
    assert_eq!(chapters.len(), 61, "{chapters:?}");
    // The source's own typesetting slip is kept as it is.
    assert!(chapters.contains(&"CHAPTERXXVII."));
    assert!(chapters.contains(&"CHAPTER II."));
    assert!(
        first_paragraph(chapter_titled(&document, "Chapter I."))
            .starts_with("IT is a truth universally acknowledged")
    );
    // Page numbers ({12}) and the boilerplate are gone.
    assert!(all_blocks(&document).all(|b| !b.text.contains("{12}")));
    assert!(!mentions_gutenberg(all_blocks(&document).next()));
    assert!(!mentions_gutenberg(all_blocks(&document).last()));
}

#[test]
fn gutenberg_html_delimited_only_by_its_start_and_end_lines_is_trimmed() {
    let html = "<html><body><pre>The Project Gutenberg EBook of X\n\
        *** START OF THIS PROJECT GUTENBERG EBOOK X ***</pre><h1>X</h1><p>Story.</p>\
        <pre>*** END OF THIS PROJECT GUTENBERG EBOOK X ***\nlicence</pre></body></html>";
    let document = document::from_bytes(html.as_bytes(), Format::Html, "x.html").unwrap();
    let texts: Vec<&str> = all_blocks(&document).map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["X", "Story."]);
}

#[test]
fn invalid_utf8_in_xhtml_is_replaced_not_fatal() {
    let xhtml =
        b"<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'>\
        <body><p>caf\xE9 au lait</p></body></html>";
    let document = document::from_bytes(xhtml, Format::Html, "bad.xhtml").unwrap();
    assert_eq!(
        all_blocks(&document).next().unwrap().text,
        "caf\u{FFFD} au lait"
    );
    let epub = epub_with_chapter(b"<html><body><p>caf\xE9 \xFF\xFE au lait</p></body></html>");
    let document = document::from_bytes(&epub, Format::Epub, "bad.epub").unwrap();
    assert!(
        all_blocks(&document)
            .next()
            .unwrap()
            .text
            .starts_with("caf\u{FFFD}")
    );
}

// ---- Encodings ----------------------------------------------------------------------------

/// The opening paragraphs of 吶喊, as the reader should get them back.
fn nahan_paragraphs() -> Vec<String> {
    let document = open_corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    chapter_titled(&document, "《吶喊》自序")
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .take(3)
        .map(|b| b.text.clone())
        .collect()
}

#[test]
fn gbk_big5_and_utf16_files_read_back_the_same_text() {
    let paragraphs = nahan_paragraphs();
    let text = paragraphs.join("\n\n");
    let mut utf16 = vec![0xFF, 0xFE];
    // The Encoding Standard (and so encoding_rs) has no UTF-16 encoder: build it by hand.
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut encoded = vec![("UTF-16LE", utf16)];
    for encoding in [encoding_rs::GBK, encoding_rs::BIG5] {
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "{} cannot hold the sample", encoding.name());
        encoded.push((encoding.name(), bytes.into_owned()));
    }
    for (name, bytes) in encoded {
        let document = document::from_bytes(&bytes, Format::PlainText, "nahan.txt")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let texts: Vec<&str> = all_blocks(&document).map(|b| b.text.as_str()).collect();
        assert_eq!(texts, paragraphs, "{name}");
    }
}

/// `text` in a legacy encoding, leaving out the characters it cannot hold (as `iconv -c`
/// does), and the text the encoded copy then holds.
fn encode_dropping_unmappable(
    text: &str,
    encoding: &'static encoding_rs::Encoding,
) -> (String, Vec<u8>) {
    let mut encoder = encoding.new_encoder();
    let mut kept = String::with_capacity(text.len());
    let mut bytes = Vec::new();
    let mut rest = text;
    loop {
        let room = encoder
            .max_buffer_length_from_utf8_without_replacement(rest.len())
            .unwrap();
        bytes.reserve(room);
        let (result, read) =
            encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut bytes, true);
        match result {
            encoding_rs::EncoderResult::InputEmpty => {
                kept.push_str(rest);
                return (kept, bytes);
            }
            encoding_rs::EncoderResult::Unmappable(left_out) => {
                // The character left out is the last one read.
                kept.push_str(&rest[..read - left_out.len_utf8()]);
                rest = &rest[read..];
            }
            encoding_rs::EncoderResult::OutputFull => unreachable!("room was made"),
        }
    }
}

/// `text` in UTF-16, little-endian, after a byte-order mark. (The Encoding Standard, and so
/// encoding_rs, has no UTF-16 encoder.)
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// Issue 17, item 15: the quick first page served UTF-8 only; 紅樓夢 in Big5 waited for the
/// whole file to be guessed at and decoded. A book in any encoding now opens from its start,
/// and that start must be exactly what the whole book gives: no mojibake (the same chapters
/// as the same text in UTF-8) and nothing lost where the start was cut, inside a two-byte
/// character or a UTF-16 surrogate pair as it may be. The copies are made here from the
/// corpus (Moby-Dick stands in for a War and Peace in UTF-16, which the corpus lacks).
#[test]
fn big5_gb18030_and_utf16_books_open_their_first_chapter_from_their_start() {
    let hongloumeng =
        std::fs::read_to_string(corpus("texts/zh/hongloumeng-traditional-pg24264.txt")).unwrap();
    let moby_dick = std::fs::read_to_string(corpus("texts/en/moby-dick-pg2701.txt")).unwrap();
    let (big5_text, big5) = encode_dropping_unmappable(&hongloumeng, encoding_rs::BIG5);
    let (gb18030_text, gb18030) = encode_dropping_unmappable(&hongloumeng, encoding_rs::GB18030);
    assert_eq!(gb18030_text, hongloumeng, "GB18030 holds every character");
    // Moby-Dick's text opens with a byte-order mark of its own, which becomes UTF-16's.
    let moby_dick = moby_dick.strip_prefix('\u{FEFF}').unwrap_or(&moby_dick);
    let utf16 = utf16le_with_bom(moby_dick);
    let folder = tempfile::tempdir().unwrap();
    // Through chapter 2 for Moby-Dick: its start alone lays out its front matter otherwise
    // (see the_start_of_a_long_book_is_the_same_as_the_whole_books_start).
    for (name, text, bytes, through) in [
        ("hongloumeng-big5.txt", big5_text.as_str(), big5, 0),
        // A place in chapter 6 needs more than the first part read: it grows.
        (
            "hongloumeng-gb18030-6.txt",
            gb18030_text.as_str(),
            gb18030.clone(),
            5,
        ),
        ("hongloumeng-gb18030.txt", gb18030_text.as_str(), gb18030, 0),
        ("moby-dick-utf16.txt", moby_dick, utf16, 2),
    ] {
        let path = folder.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let in_utf8 = document::from_bytes(text.as_bytes(), Format::PlainText, name).unwrap();
        let whole = document::open(&path).unwrap();
        assert_eq!(
            whole.chapters, in_utf8.chapters,
            "{name}: decoded otherwise"
        );
        let start = document::open_start(&path, through).unwrap();
        assert!(!start.complete, "{name}: the whole book was read first");
        let first = &start.document;
        assert!(first.chapters.len() > through, "{name}: too few chapters");
        assert!(first.chapters.len() < whole.chapters.len() / 2, "{name}");
        assert_eq!(
            first.chapters[..],
            whole.chapters[..first.chapters.len()],
            "{name}"
        );
        assert_eq!((&first.title, &first.author), (&whole.title, &whole.author));
    }
}

// ---- Damaged and hostile files ------------------------------------------------------------

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const CONTAINER: &[u8] = br#"<?xml version="1.0"?><container version="1.0"
    xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>
    <rootfile full-path="OPS/package.opf" media-type="application/oebps-package+xml"/>
    </rootfiles></container>"#;

fn package(manifest: &str, spine: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
        <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Built</dc:title>
        <dc:language>zh</dc:language></metadata><manifest>{manifest}</manifest>{spine}</package>"#
    )
    .into_bytes()
}

const ONE_CHAPTER: &str = r#"<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>"#;
const ONE_CHAPTER_SPINE: &str = r#"<spine><itemref idref="c1"/></spine>"#;

fn epub_with_chapter(chapter: &[u8]) -> Vec<u8> {
    zip_of(&[
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        ("OPS/package.opf", &package(ONE_CHAPTER, ONE_CHAPTER_SPINE)),
        ("OPS/c1.xhtml", chapter),
    ])
}

fn epub_error(bytes: &[u8]) -> DocumentError {
    match document::from_bytes(bytes, Format::Epub, "built.epub") {
        Ok(document) => panic!("expected an error, opened {:?}", document.title),
        Err(error) => error,
    }
}

#[test]
fn truncated_and_corrupt_zips_are_reported_as_damaged() {
    let moby = std::fs::read(corpus("epub/idpf-moby-dick.epub")).unwrap();
    let error = epub_error(&moby[..moby.len() / 2]);
    assert_eq!(error.message_id(), "document-corrupt-archive", "{error}");
    let mut garbage = b"PK\x03\x04".to_vec();
    garbage.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    assert!(matches!(
        epub_error(&garbage),
        DocumentError::CorruptArchive { .. }
    ));
}

#[test]
fn epubs_without_container_package_or_spine_are_explained() {
    let no_container = zip_of(&[("mimetype", b"application/epub+zip")]);
    assert!(matches!(
        epub_error(&no_container),
        DocumentError::NoContainer
    ));

    let no_package = zip_of(&[("META-INF/container.xml", CONTAINER)]);
    let error = epub_error(&no_package);
    assert!(matches!(&error, DocumentError::NoPackage { path } if path == "OPS/package.opf"));
    assert_eq!(error.detail(), "OPS/package.opf");

    let container_without_rootfile = zip_of(&[("META-INF/container.xml", b"<container/>")]);
    assert!(matches!(
        epub_error(&container_without_rootfile),
        DocumentError::NoPackage { .. }
    ));

    let no_spine = zip_of(&[
        ("META-INF/container.xml", CONTAINER),
        ("OPS/package.opf", &package(ONE_CHAPTER, "")),
        ("OPS/c1.xhtml", b"<p>text</p>"),
    ]);
    assert!(matches!(epub_error(&no_spine), DocumentError::NoSpine));
}

#[test]
fn missing_manifest_items_are_listed_and_the_rest_opens() {
    let manifest = r#"<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
        <item id="c2" href="text/%E7%AC%AC%E4%BA%8C.xhtml" media-type="application/xhtml+xml"/>
        <item id="pic" href="images/gone.png" media-type="image/png"/>
        <item id="c3" href="c3.xhtml" media-type="application/xhtml+xml"/>
        <item id="out" href="../../outside.css" media-type="text/css"/>
        <item id="web" href="https://example.com/talk.mp3" media-type="audio/mpeg"/>"#;
    let spine = r#"<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="c3"/></spine>"#;
    let bytes = zip_of(&[
        ("META-INF/container.xml", CONTAINER),
        ("OPS/package.opf", &package(manifest, spine)),
        ("OPS/c1.xhtml", "<h1>第一章</h1><p>正文。</p>".as_bytes()),
        ("OPS/c3.xhtml", "<h1>第三章</h1><p>結尾。</p>".as_bytes()),
    ]);
    let document = document::from_bytes(&bytes, Format::Epub, "built.epub").unwrap();
    // An href climbing out of the archive is reported as written; a web link is not missing.
    assert_eq!(
        document.missing,
        [
            "OPS/text/第二.xhtml",
            "OPS/images/gone.png",
            "../../outside.css"
        ]
    );
    let titles: Vec<_> = document
        .chapters
        .iter()
        .map(|c| c.title.as_deref())
        .collect();
    assert_eq!(titles, [Some("第一章"), Some("第三章")]);
    assert_eq!(document.language.as_deref(), Some("zh"));
}

#[test]
fn entry_names_that_leave_the_archive_are_refused() {
    for name in ["../evil.xhtml", "/etc/evil.xhtml"] {
        let bytes = zip_of(&[("META-INF/container.xml", CONTAINER), (name, b"<p>x</p>")]);
        let error = epub_error(&bytes);
        assert!(
            matches!(&error, DocumentError::UnsafeEntryName { name: n } if n == name),
            "{error}"
        );
        assert_eq!(error.message_id(), "document-unsafe-name");
    }
    let climbing_container = br#"<container><rootfiles><rootfile full-path="../package.opf"/>
        </rootfiles></container>"#;
    let bytes = zip_of(&[("META-INF/container.xml", climbing_container)]);
    assert!(matches!(
        epub_error(&bytes),
        DocumentError::UnsafeEntryName { .. }
    ));
}

#[test]
fn a_decompression_bomb_is_stopped_at_the_entry_limit() {
    // A chapter of zeros one byte over the limit deflates to about 64 KiB.
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, bytes) in [
        ("META-INF/container.xml", CONTAINER.to_vec()),
        ("OPS/package.opf", package(ONE_CHAPTER, ONE_CHAPTER_SPINE)),
    ] {
        writer.start_file(name, options).unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.start_file("OPS/c1.xhtml", options).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..MAX_ENTRY_BYTES >> 20 {
        writer.write_all(&zeros).unwrap();
    }
    writer.write_all(b"!").unwrap();
    let bomb = writer.finish().unwrap().into_inner();
    assert!(
        bomb.len() < 2 << 20,
        "the bomb should be small: {} bytes",
        bomb.len()
    );
    let error = epub_error(&bomb);
    assert!(
        matches!(&error, DocumentError::TooLarge { what, .. } if what == "OPS/c1.xhtml"),
        "{error}"
    );
    assert_eq!(error.message_id(), "document-too-large");
}

#[test]
fn files_that_are_not_books_are_explained() {
    let folder = tempfile::tempdir().unwrap();
    let binary = folder.path().join("program.txt");
    std::fs::write(
        &binary,
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0",
    )
    .unwrap();
    let empty = folder.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let cases = [
        (binary, "document-not-text"),
        (empty, "document-empty"),
        (folder.path().to_path_buf(), "document-is-directory"),
        (folder.path().join("nowhere.epub"), "document-not-found"),
    ];
    for (path, message_id) in cases {
        let error = document::open(&path).expect_err(message_id);
        assert_eq!(
            error.message_id(),
            message_id,
            "{}: {error}",
            path.display()
        );
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn a_file_without_extension_is_sniffed() {
    let folder = tempfile::tempdir().unwrap();
    let book = folder.path().join("book");
    std::fs::write(&book, epub_with_chapter(b"<h1>One</h1><p>Text.</p>")).unwrap();
    assert_eq!(document::open(&book).unwrap().title, "Built");
    let notes = folder.path().join("NOTES");
    std::fs::write(&notes, "Plain words.\n").unwrap();
    let document = document::open(&notes).unwrap();
    assert_eq!(document.title, "NOTES");
    assert_eq!(all_blocks(&document).next().unwrap().text, "Plain words.");
}

// ---- Properties ---------------------------------------------------------------------------

const FORMATS: [Format; 4] = [
    Format::PlainText,
    Format::Markdown,
    Format::Html,
    Format::Epub,
];

fn non_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn words_and_line_breaks() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "山路",
        "登り",
        "中文",
        "書",
        "你好",
        "世界",
        "。",
        "，",
        "“說”",
        "whale",
        "Call",
        "me",
        "Ishmael.",
        "sea,",
        "The",
        "ship",
        " ",
        " ",
        " ",
        "\n",
        "\n",
        "\n\n",
        "\u{3000}\u{3000}",
        "    ",
    ]);
    prop::collection::vec(piece, 0..200).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for format in FORMATS {
            let _ = document::from_bytes(&bytes, format, "fuzz");
        }
    }

    #[test]
    fn zip_shaped_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = document::from_bytes(&bytes, Format::Epub, "fuzz.epub");
    }

    #[test]
    fn reflow_loses_no_character(text in words_and_line_breaks()) {
        let kept = match document::from_bytes(text.as_bytes(), Format::PlainText, "random.txt") {
            Ok(document) => all_blocks(&document).map(|b| non_whitespace(&b.text)).collect(),
            Err(DocumentError::Empty | DocumentError::NothingReadable) => String::new(),
            Err(error) => panic!("{error}"),
        };
        prop_assert_eq!(kept, non_whitespace(&text));
    }
}

/// The encoding is guessed from a file's first 1,024 non-ASCII bytes, so that the first page
/// of a Big5 or GB18030 book comes as quickly as a UTF-8 one's. Stretches of 紅樓夢 and 吶喊
/// in Big5 and in GBK, begun at 40 places through each book, each read back exactly as the
/// text it was made from: a wrong guess would give mojibake.
#[test]
fn big5_and_gbk_are_told_apart_from_a_files_first_bytes_wherever_it_begins() {
    let mut checked = 0;
    for book in [
        "texts/zh/hongloumeng-traditional-pg24264.txt",
        "texts/zh/luxun-nahan-traditional-pg27166.txt",
    ] {
        let text = std::fs::read_to_string(corpus(book)).unwrap();
        let starts: Vec<usize> = text.match_indices('\n').map(|(at, _)| at + 1).collect();
        for n in 0..40 {
            let start = starts[starts.len() * n / 40];
            let end = text.floor_char_boundary((start + 12_000).min(text.len()));
            for encoding in [encoding_rs::BIG5, encoding_rs::GBK] {
                let (kept, bytes) = encode_dropping_unmappable(&text[start..end], encoding);
                let document = document::from_bytes(&bytes, Format::PlainText, "part.txt")
                    .unwrap_or_else(|e| panic!("{book} at {start} in {}: {e}", encoding.name()));
                let read: String = all_blocks(&document).map(|b| b.text.as_str()).collect();
                // The Chinese characters, which a wrong guess turns into others (the text's
                // own rule lines and spacing are the opener's to tidy).
                let squeeze = |s: &str| {
                    s.chars()
                        .filter(|c| *c > '\u{2E80}' && !c.is_whitespace())
                        .collect::<String>()
                };
                let (read, kept) = (squeeze(&read), squeeze(&kept));
                let first_difference = read.chars().zip(kept.chars()).position(|(a, b)| a != b);
                assert!(
                    first_difference.is_none() && read.chars().count() == kept.chars().count(),
                    "{book} from byte {start} in {}: {:?} / {:?} at {first_difference:?}",
                    encoding.name(),
                    first_difference.map(|at| read.chars().skip(at).take(20).collect::<String>()),
                    first_difference.map(|at| kept.chars().skip(at).take(20).collect::<String>()),
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 160);
}
