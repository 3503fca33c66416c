//! HTML and XHTML into blocks, with one lenient parser (html5ever, through `scraper`) for
//! both: real books are often not well-formed, and a browser's parser never gives up.
//!
//! Only what a listener should hear is kept: scripts, styles, hidden parts, page numbers,
//! footnote markers and ruby readings are dropped; an image becomes a picture, or its
//! alternative text when it stands inside a line (a drop capital).

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node, node::Element};

use super::chapters::split_into_chapters;
use super::headings::is_chapter_heading;
use super::whitespace::{CjkGaps, collapse};
use super::{Block, BlockKind, Draft, gutenberg, normalize_language_tag};

/// What one HTML document holds.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub title: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub blocks: Vec<Block>,
}

/// A stand-alone HTML file as a book: cut into chapters at its headings, with Project
/// Gutenberg's header and licence removed.
pub(crate) fn read_book(text: &str) -> Draft {
    let content = read(text);
    let mut blocks = content.blocks;
    gutenberg::trim_blocks(&mut blocks);
    let (title, author) = match content.title {
        Some(title) => {
            let (title, author) = gutenberg::clean_title(&title);
            (Some(title), author)
        }
        None => (None, None),
    };
    Draft {
        title,
        author: content.author.or(author),
        language: content.language,
        chapters: split_into_chapters(blocks),
        ..Draft::default()
    }
}

/// Reads one HTML or XHTML document.
pub(crate) fn read(text: &str) -> Content {
    let document = parse(text);
    let mut content = read_head(&document);
    let mut walker = Walker::default();
    walker.walk(document.tree.root());
    content.blocks = walker.blocks;
    content
}

/// Parses HTML, first rewriting XHTML's self-closed elements (`<a id="p1"/>`, `<title/>`) as
/// open-and-close pairs (an HTML parser reads `<title/>` as an opening tag and would swallow
/// the rest of the chapter), then flattening nesting deeper than any book has
/// ([`bound_nesting`]).
pub(crate) fn parse(text: &str) -> Html {
    Html::parse_document(&bound_nesting(&expand_self_closing_tags(text)))
}

/// Deeper than this, elements are flattened: real books nest a few dozen levels.
const MAX_NESTING: usize = 1_000;

/// The document with the tags of elements nested deeper than [`MAX_NESTING`] taken out (their
/// text stays, in the element around them). html5ever's scope checks grow with the depth, so
/// parsing a file of 100,000 nested elements (3 KB as an EPUB) took quadratic time, 15 s and
/// more; this pass is linear. Void elements and those whose end tag may be left out (`p`,
/// `li`, `td`, …) are not counted, so a book that never closes its paragraphs loses nothing.
fn bound_nesting(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    let mut index = 0;
    while let Some(offset) = bytes[index..].iter().position(|&b| b == b'<') {
        let start = index + offset;
        index = start + 1;
        // What a comment holds is no element.
        if bytes[start..].starts_with(b"<!--") {
            let end = text[start..]
                .find("-->")
                .map_or(text.len(), |end| start + end + 3);
            index = end;
            continue;
        }
        let closing = bytes.get(index) == Some(&b'/');
        let name_start = index + usize::from(closing);
        let name_length = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
            .count();
        if name_length == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &text[name_start..name_start + name_length];
        let Some(end) = tag_end(bytes, name_start + name_length) else {
            break;
        };
        index = end + 1;
        let local_name = name.rsplit(':').next().unwrap_or(name);
        if is_void(local_name) || ends_by_itself(local_name) || bytes[end - 1] == b'/' {
            continue;
        }
        let too_deep = if closing {
            let too_deep = depth > MAX_NESTING;
            depth = depth.saturating_sub(1);
            too_deep
        } else {
            depth += 1;
            depth > MAX_NESTING
        };
        // A heading is never taken out, however deep: chapters are cut at them.
        if too_deep && !is_heading(local_name) {
            let kept = out.get_or_insert_with(|| String::with_capacity(text.len()));
            kept.push_str(&text[copied..start]);
            copied = end + 1;
        }
    }
    match out {
        Some(mut kept) => {
            kept.push_str(&text[copied..]);
            kept.into()
        }
        None => text.into(),
    }
}

fn is_heading(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

/// Elements whose end tag HTML lets a writer leave out: they are not counted as nesting.
fn ends_by_itself(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "head"
            | "body"
            | "html"
    )
}

/// The text of an element and everything inside it.
pub(crate) fn text_of(node: NodeRef<Node>) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        if let Node::Text(part) = descendant.value() {
            text.push_str(part);
        }
    }
    text
}

pub(crate) fn element<'a>(node: NodeRef<'a, Node>) -> Option<&'a Element> {
    node.value().as_element()
}

/// Whether an `epub:type` or `role` attribute carries `word` (both are space-separated
/// lists; roles are written `doc-word`).
pub(crate) fn has_semantic(element: &Element, word: &str) -> bool {
    let in_list = |value: Option<&str>, prefix: &str| {
        value.is_some_and(|value| {
            value
                .split_ascii_whitespace()
                .any(|item| item.strip_prefix(prefix) == Some(word))
        })
    };
    in_list(element.attr("epub:type"), "") || in_list(element.attr("role"), "doc-")
}

fn read_head(document: &Html) -> Content {
    let mut content = Content::default();
    for node in document.tree.root().descendants() {
        let Some(element) = element(node) else {
            continue;
        };
        match element.name() {
            "html" => {
                content.language = element
                    .attr("lang")
                    .or_else(|| element.attr("xml:lang"))
                    .and_then(normalize_language_tag);
            }
            "title" if content.title.is_none() && is_in_head(node) => {
                content.title = Some(collapse(&text_of(node), CjkGaps::DropLineBreaks))
                    .filter(|title| !title.is_empty());
            }
            "meta" => {
                let name = element
                    .attr("name")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let value = element
                    .attr("content")
                    .map(str::trim)
                    .filter(|v| !v.is_empty());
                match name.as_str() {
                    "author" | "dc.creator" => content.author = value.map(str::to_string),
                    "dc.title" => content.title = value.map(str::to_string),
                    "dc.language" => content.language = value.and_then(normalize_language_tag),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    content
}

fn is_in_head(node: NodeRef<Node>) -> bool {
    node.parent()
        .and_then(element)
        .is_some_and(|parent| parent.name() == "head")
}

/// Gathers inline text and turns it into a block whenever a block-level element opens or
/// closes.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    /// Inline text of the block being read.
    text: String,
    /// The text holds words from the document, not only images' alternative texts.
    has_words: bool,
    /// Where the alternative texts of images that open the block end, before any words.
    leading_pictures_end: Option<usize>,
    /// The kinds of the blocks the walker is inside; the innermost decides.
    kinds: Vec<BlockKind>,
}

/// Separates the lines of a heading broken with `<br>`; whitespace to everything else.
const HEADING_LINE_BREAK: char = '\u{2028}';

impl Walker {
    /// Walks the tree without recursion: a book may nest elements deeper than the stack.
    fn walk(&mut self, root: NodeRef<Node>) {
        let mut skipping = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => match node.value() {
                    Node::Text(text) => self.push_words(text),
                    Node::Element(element) => {
                        if is_unheard(node, element) {
                            skipping = Some(node.id());
                        } else {
                            self.open(element);
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                    } else if skipping.is_none()
                        && let Some(element) = element(node)
                    {
                        self.close(element);
                    }
                }
                Edge::Open(_) => {}
            }
        }
        self.flush();
    }

    fn open(&mut self, element: &Element) {
        let name = element.name();
        if is_block(name) {
            self.flush();
        }
        if let Some(kind) = kind_given_by(name) {
            self.kinds.push(kind);
        }
        match name {
            "br" => self.text.push(if self.in_heading() {
                HEADING_LINE_BREAK
            } else {
                '\n'
            }),
            "img" | "image" | "svg" => {
                self.text.push_str(element.attr("alt").unwrap_or_default());
                if !self.has_words {
                    self.leading_pictures_end = Some(self.text.len());
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, element: &Element) {
        let name = element.name();
        if is_block(name) {
            self.flush();
        }
        if kind_given_by(name).is_some() {
            self.kinds.pop();
        }
    }

    fn push_words(&mut self, text: &str) {
        self.has_words |= !text.trim().is_empty();
        self.text.push_str(text);
    }

    fn in_heading(&self) -> bool {
        matches!(self.kinds.last(), Some(BlockKind::Heading(_)))
    }

    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.text);
        let has_words = std::mem::take(&mut self.has_words);
        let leading_pictures_end = self.leading_pictures_end.take();
        match self.kinds.last().copied().unwrap_or(BlockKind::Paragraph) {
            BlockKind::Preformatted => {
                let text = raw.trim_end().trim_start_matches(['\n', '\r']);
                if !text.is_empty() {
                    self.blocks.push(Block::new(BlockKind::Preformatted, text));
                }
            }
            BlockKind::Heading(level) => {
                self.push_heading(level, &raw, leading_pictures_end.is_some());
            }
            kind => {
                // An image set apart from the words after it (by a space or line break) is a
                // picture with a caption; one joined to them is part of the text (a drop
                // capital: <img alt="W">HEN).
                let picture_end = match leading_pictures_end {
                    Some(_) if !has_words => Some(raw.len()),
                    Some(end) if raw[end..].starts_with(char::is_whitespace) => Some(end),
                    _ => None,
                };
                let (picture, words) = raw.split_at(picture_end.unwrap_or(0));
                if picture_end.is_some() {
                    let alt = collapse(picture, CjkGaps::DropLineBreaks);
                    self.blocks.push(Block::new(BlockKind::Picture, alt));
                }
                let text = collapse(words, CjkGaps::DropLineBreaks);
                if !text.is_empty() {
                    self.blocks.push(Block::new(kind, text));
                }
            }
        }
    }

    /// A heading whose `<br>`-separated lines include a chapter heading ("I hope Mr. Bingley
    /// will like it." / "CHAPTER II.", an illustration caption above the heading) is named
    /// by that line; the other lines follow, as the picture's caption if it opened with one.
    fn push_heading(&mut self, level: u8, raw: &str, opens_with_picture: bool) {
        let lines: Vec<String> = raw
            .split(HEADING_LINE_BREAK)
            .map(|line| collapse(line, CjkGaps::DropLineBreaks))
            .filter(|line| !line.is_empty())
            .collect();
        let chapter_line = (lines.len() > 1)
            .then(|| lines.iter().position(|line| is_chapter_heading(line)))
            .flatten();
        let heading = Block::new(BlockKind::Heading(level), "");
        match chapter_line {
            Some(index) => {
                let rest: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|&(other, _)| other != index)
                    .map(|(_, line)| line.as_str())
                    .collect();
                let rest_kind = if opens_with_picture {
                    BlockKind::Picture
                } else {
                    BlockKind::Paragraph
                };
                self.blocks.push(Block {
                    text: lines[index].clone(),
                    ..heading
                });
                self.blocks.push(Block::new(rest_kind, rest.join(" ")));
            }
            None if !lines.is_empty() => {
                self.blocks.push(Block {
                    text: lines.join(" "),
                    ..heading
                });
            }
            None => {}
        }
    }
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "blockquote"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hgroup"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "address"
            | "center"
            | "body"
            | "html"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "legend"
    )
}

fn kind_given_by(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "pre" => BlockKind::Preformatted,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        _ => return None,
    })
}

/// Parts of a page that are not read: machinery, hidden parts, page numbers, note markers,
/// ruby readings (the base text is kept, so a reading is neither doubled nor spoken), and
/// Project Gutenberg's marked header and licence.
fn is_unheard(node: NodeRef<Node>, element: &Element) -> bool {
    let name = element.name();
    if matches!(
        name,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "rt"
            | "rp"
            | "iframe"
            | "object"
            | "audio"
            | "video"
            | "button"
            | "select"
            | "textarea"
            | "input"
    ) {
        return true;
    }
    // An inline SVG is a picture: its inner text is drawing labels.
    if name == "svg" {
        return false;
    }
    let hidden = element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            style.to_ascii_lowercase().contains("display:none")
        });
    let machinery = has_semantic(element, "noteref")
        || has_semantic(element, "pagebreak")
        || (name == "nav"
            && (has_semantic(element, "page-list") || has_semantic(element, "landmarks")))
        || element.has_class("pagenum", scraper::CaseSensitivity::AsciiCaseInsensitive)
        || element.has_class(
            "pg-boilerplate",
            scraper::CaseSensitivity::AsciiCaseInsensitive,
        )
        || matches!(element.id(), Some("pg-header" | "pg-footer"));
    hidden || machinery || (name == "sup" && is_note_marker(node))
}

/// A `<sup>` that holds only a link, or only a number or note sign: a footnote marker.
fn is_note_marker(sup: NodeRef<Node>) -> bool {
    let only_links = sup.children().all(|child| match child.value() {
        Node::Element(element) => element.name() == "a",
        Node::Text(text) => text.trim().is_empty(),
        _ => true,
    }) && sup.children().any(|child| element(child).is_some());
    let text = text_of(sup);
    let marker = text.trim().trim_matches(['[', ']', '(', ')']);
    let only_marker = !marker.is_empty()
        && marker.chars().count() <= 4
        && marker
            .chars()
            .all(|c| c.is_ascii_digit() || "*†‡§".contains(c));
    only_links || only_marker
}

/// Rewrites `<name …/>` as `<name …></name>` for every element that HTML does not know as
/// void, leaving everything else byte for byte.
fn expand_self_closing_tags(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("/>") {
        return text.into();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    let mut index = 0;
    while let Some(offset) = bytes[index..].iter().position(|&b| b == b'<') {
        let start = index + offset;
        index = start + 1;
        let name_length = bytes[index..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
            .count();
        if name_length == 0 || !bytes[index].is_ascii_alphabetic() {
            continue;
        }
        let name = &text[index..index + name_length];
        let Some(end) = tag_end(bytes, index + name_length) else {
            break;
        };
        index = end + 1;
        let local_name = name.rsplit(':').next().unwrap_or(name);
        if bytes[end - 1] == b'/' && !is_void(local_name) {
            out.push_str(&text[copied..end - 1]);
            out.push_str("></");
            out.push_str(name);
            out.push('>');
            copied = end + 1;
        }
    }
    out.push_str(&text[copied..]);
    out.into()
}

/// The index of the `>` closing a tag whose attributes start at `from`, skipping quoted
/// attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, &byte) in bytes[from..].iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return Some(from + offset),
            _ => {}
        }
    }
    None
}

fn is_void(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        read(html).blocks
    }

    fn block(kind: BlockKind, text: &str) -> Block {
        Block::new(kind, text)
    }

    #[test]
    fn block_elements_become_blocks_of_the_right_kind() {
        let html = "<html lang='en-gb'><head><title>T</title><style>p{}</style></head><body>\
            <h1>Title</h1><p>One <em>two</em>\n three.</p><blockquote><p>Quoted</p></blockquote>\
            <ul><li>Item</li></ul><pre>a\n  b\n</pre><div><img alt='A whale'></div>\
            <script>var x = 1;</script></body></html>";
        let content = read(html);
        assert_eq!(content.title.as_deref(), Some("T"));
        assert_eq!(content.language.as_deref(), Some("en-GB"));
        assert_eq!(
            content.blocks,
            [
                block(BlockKind::Heading(1), "Title"),
                block(BlockKind::Paragraph, "One two three."),
                block(BlockKind::Quote, "Quoted"),
                block(BlockKind::ListItem, "Item"),
                block(BlockKind::Preformatted, "a\n  b"),
                block(BlockKind::Picture, "A whale"),
            ]
        );
    }

    #[test]
    fn ruby_readings_notes_and_page_numbers_are_not_read() {
        let html = "<p><ruby>山路<rp>(</rp><rt>やまみち</rt><rp>)</rp></ruby>を\n登りながら\
            <a epub:type=\"noteref\" href=\"#n1\">1</a><sup><a href=\"#n2\">2</a></sup><sup>†</sup>\
            <span class=\"pagenum\">{12}</span><span epub:type=\"pagebreak\">13</span>。</p>\
            <p hidden>secret</p><p style=\"display: none\">secret</p>";
        assert_eq!(
            blocks(html),
            [block(BlockKind::Paragraph, "山路を登りながら。")]
        );
    }

    #[test]
    fn images_are_pictures_unless_joined_to_the_words() {
        let html = "<p><span class='letra'><img alt='W'></span>HEN Jane</p>\
            <h2><img alt='PREFACE.'></h2><p><img alt=''></p>\
            <div class='figcenter'><img alt='A horse.'>\n<br><span>He rode.</span></div>";
        assert_eq!(
            blocks(html),
            [
                block(BlockKind::Paragraph, "WHEN Jane"),
                block(BlockKind::Heading(2), "PREFACE."),
                block(BlockKind::Picture, ""),
                block(BlockKind::Picture, "A horse."),
                block(BlockKind::Paragraph, "He rode."),
            ]
        );
    }

    #[test]
    fn a_caption_above_a_chapter_heading_is_moved_below_it() {
        let html = "<h2><img alt=''><span class='caption'>I hope he will like it.</span>\
            <br><br>CHAPTER II.</h2>";
        assert_eq!(
            blocks(html),
            [
                block(BlockKind::Heading(2), "CHAPTER II."),
                block(BlockKind::Picture, "I hope he will like it."),
            ]
        );
    }

    #[test]
    fn xhtml_self_closed_elements_do_not_swallow_the_page() {
        let xhtml = "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><head><title/>\
            <script src='a.js'/></head><body><p><a id='p1'/>Kept <br/>text.</p></body></html>";
        assert_eq!(blocks(xhtml), [block(BlockKind::Paragraph, "Kept text.")]);
        assert_eq!(
            expand_self_closing_tags("<a x='/>'/><br/>"),
            "<a x='/>'></a><br/>"
        );
    }

    #[test]
    fn gutenberg_boilerplate_sections_are_skipped() {
        let html = "<html><head><title>The Project Gutenberg eBook of Emma, by Jane Austen</title></head>\
            <body><section id='pg-header'><p>Project Gutenberg header</p></section><h1>EMMA</h1>\
            <p>Emma Woodhouse.</p><section class='pg-boilerplate' id='pg-footer'><p>Licence</p></section></body></html>";
        let draft = read_book(html);
        assert_eq!(draft.title.as_deref(), Some("Emma"));
        assert_eq!(draft.author.as_deref(), Some("Jane Austen"));
        let texts: Vec<&str> = draft.chapters[0]
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(texts, ["EMMA", "Emma Woodhouse."]);
    }

    #[test]
    fn nesting_deeper_than_any_book_is_flattened_and_its_text_kept() {
        // Issue 20, item 6: 200,000 levels took over two minutes to parse; flattened past
        // 1,000 levels, the text inside is read as before, and the file stays well-formed
        // around it.
        let levels = 200_000;
        let html = format!(
            "<p>before</p>{}deep{}<p>after</p>",
            "<div><span>".repeat(levels),
            "</span></div>".repeat(levels)
        );
        assert_eq!(
            blocks(&html),
            [
                block(BlockKind::Paragraph, "before"),
                block(BlockKind::Paragraph, "deep"),
                block(BlockKind::Paragraph, "after")
            ]
        );
        let flattened = bound_nesting(&html);
        assert_eq!(flattened.matches("<div>").count(), MAX_NESTING / 2);
        // Comments and headings: a comment's tags are not counted, and a heading past the
        // depth is kept.
        let commented = format!(
            "{}{}<h1>Chapter</h1>",
            "<!--<div>-->".repeat(2_000),
            "<b>".repeat(1_500)
        );
        assert_eq!(bound_nesting(&commented).matches("<h1>").count(), 1);
        assert_eq!(
            bound_nesting(&commented).matches("<!--<div>-->").count(),
            2_000
        );
        // Paragraphs never closed are not nesting: a long book of them keeps every one.
        let open_paragraphs = "<p>line".repeat(5_000);
        assert!(matches!(
            bound_nesting(&open_paragraphs),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn deep_nesting_does_not_overflow_a_small_stack() {
        // A recursive walk over 4,000 levels would need far more than 256 KiB of stack.
        // (Deeper still is slow rather than dangerous: html5ever's scope checks grow with
        // depth, which no real book reaches.)
        let html = format!(
            "{}deep{}",
            "<div><span>".repeat(2_000),
            "</span></div>".repeat(2_000)
        );
        let reader = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || blocks(&html))
            .unwrap();
        assert_eq!(
            reader.join().unwrap(),
            [block(BlockKind::Paragraph, "deep")]
        );
    }
}
