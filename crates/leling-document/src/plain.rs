//! Plain text into blocks: hard-wrapped lines re-flowed into paragraphs, chapter headings
//! found, illustrations marked, and the Project Gutenberg wrapping removed.
//!
//! Plain-text books mark paragraphs in different ways, so the layout is measured first:
//! - blank lines between paragraphs (most English books);
//! - a full-width or two-space indent opening each paragraph (紅樓夢);
//! - "double spacing", a blank line after every line and two between paragraphs (吶喊),
//!   where a line well short of the full width also ends its paragraph;
//! - every line indented alike, so that an unindented short line is a title (吶喊's stories).

use unicode_width::UnicodeWidthStr;

use super::chapters::split_into_chapters;
use super::headings::{self, PROSE_PUNCTUATION};
use super::whitespace::{CjkGaps, collapse};
use super::{Block, BlockKind, Draft, gutenberg};

/// Raw heading levels before chapters are cut (see [`split_into_chapters`]).
const TITLE_LEVEL: u8 = 1;
const CHAPTER_LEVEL: u8 = 2;
const SECTION_LEVEL: u8 = 3;

/// Consecutive chapter headings with no text between them are a printed table of contents.
const MIN_CONTENTS_LIST: usize = 3;
/// An `[Illustration:` that has not closed within this many lines was never going to.
const MAX_ILLUSTRATION_LINES: usize = 60;
/// Only the start of a book is needed to tell Chinese from English.
const SCRIPT_SAMPLE_CHARS: usize = 100_000;

pub(crate) fn read(text: &str) -> Draft {
    let old_mac_line_ends;
    let text = if text.contains('\r') && !text.contains('\n') {
        old_mac_line_ends = text.replace('\r', "\n");
        &old_mac_line_ends
    } else {
        text
    };
    let all_lines: Vec<&str> = text.lines().collect();
    let (mut metadata, body) = gutenberg::find_body(&all_lines);
    let lines: Vec<Line> = all_lines[body].iter().map(|raw| Line::new(raw)).collect();
    let layout = Layout::measure(&lines);
    let mut blocks = Reflow::new(&layout, &lines).run();
    mark_contents_lists(&mut blocks);
    let own = own_title(&blocks, layout.chinese);
    // Gutenberg names Chinese books in pinyin ("Na Han, by Xun Lu"); the book's own title line
    // (《魯迅︰吶喊》) is what a reader knows it by.
    if own.as_ref().is_some_and(|own| own.in_chinese()) && metadata.title_is_romanised() {
        metadata.title = None;
        if own.as_ref().is_some_and(|own| own.author.is_some()) {
            metadata.author = None;
        }
    }
    let (title, author) = own.map_or((None, None), |own| (Some(own.title), own.author));
    let mut draft = Draft {
        title,
        author,
        chapters: split_into_chapters(blocks),
        // Chapter headings ("CHAPTER 1.", "第一回 …") are no title for the whole book.
        no_title_from_headings: true,
        ..Draft::default()
    };
    metadata.fill(&mut draft);
    draft
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// A row of dashes, stars or the like: a separator, never text.
    Rule,
    Text,
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    kind: LineKind,
    /// The line without its leading and trailing whitespace.
    text: &'a str,
    /// Leading whitespace in display columns (a full-width space counts two).
    indent: usize,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Line<'a> {
        let text = raw.trim();
        let indent = raw
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| match c {
                '\t' => 4,
                '\u{3000}' => 2,
                _ => 1,
            })
            .sum();
        let kind = if text.is_empty() {
            LineKind::Blank
        } else if is_rule(text) {
            LineKind::Rule
        } else {
            LineKind::Text
        };
        Line { kind, text, indent }
    }
}

fn is_rule(text: &str) -> bool {
    let marks = text.chars().filter(|c| !c.is_whitespace()).count();
    marks >= 3
        && text
            .chars()
            .all(|c| c.is_whitespace() || "-=*_~#·•─━".contains(c))
}

/// How this book marks its paragraphs and titles.
#[derive(Debug)]
struct Layout {
    chinese: bool,
    /// Blank lines that end a paragraph: 1, or 2 in double-spaced text.
    paragraph_gap: usize,
    /// Double-spaced text: a line well short of the full width ends its paragraph.
    short_lines_end_paragraphs: bool,
    /// Display width of a full line, for judging "short".
    full_width: usize,
    /// An indented line opens a new paragraph.
    indent_opens_paragraph: bool,
    /// The indent nearly every line has, when the text is uniformly indented.
    body_indent: Option<usize>,
}

impl Layout {
    fn measure(lines: &[Line]) -> Layout {
        let text_lines: Vec<&Line> = lines.iter().filter(|l| l.kind == LineKind::Text).collect();
        let count = text_lines.len().max(1);
        let chinese = is_mostly_chinese(&text_lines);

        let mut single_gaps = 0;
        let mut sentence_ends_before_single_gaps = 0;
        let mut wide_gaps = 0;
        let mut index = 0;
        while index < lines.len() {
            let gap = lines[index..]
                .iter()
                .take_while(|l| l.kind == LineKind::Blank)
                .count();
            if gap == 0 {
                index += 1;
                continue;
            }
            let between_text = index > 0
                && lines[index - 1].kind == LineKind::Text
                && lines
                    .get(index + gap)
                    .is_some_and(|l| l.kind == LineKind::Text);
            if between_text && gap == 1 {
                single_gaps += 1;
                if ends_sentence(lines[index - 1].text) {
                    sentence_ends_before_single_gaps += 1;
                }
            } else if between_text {
                wide_gaps += 1;
            }
            index += gap;
        }
        // Double spacing: most lines are followed by one blank line, most of those lines stop
        // mid-sentence (so the blank is no paragraph end), and wider gaps exist to end them.
        let double_spaced = single_gaps * 10 > count * 6
            && sentence_ends_before_single_gaps * 2 < single_gaps
            && wide_gaps > 0;

        let mut indent_counts = std::collections::HashMap::new();
        for line in &text_lines {
            *indent_counts.entry(line.indent).or_insert(0usize) += 1;
        }
        let (common_indent, common_count) = indent_counts
            .iter()
            .max_by_key(|&(indent, lines)| (*lines, std::cmp::Reverse(*indent)))
            .map_or((0, 0), |(indent, lines)| (*indent, *lines));
        let body_indent =
            (common_indent >= 2 && common_count * 10 > count * 6).then_some(common_indent);
        let indented = text_lines.iter().filter(|l| l.indent >= 2).count();
        let indent_opens_paragraph =
            chinese && body_indent.is_none() && indented > 0 && indented * 2 < count;

        let full_width = if double_spaced {
            let mut widths: Vec<usize> = text_lines.iter().map(|l| l.text.width()).collect();
            widths.sort_unstable();
            widths.get(widths.len() * 4 / 5).copied().unwrap_or(0)
        } else {
            0
        };
        Layout {
            chinese,
            paragraph_gap: if double_spaced { 2 } else { 1 },
            short_lines_end_paragraphs: double_spaced,
            full_width,
            indent_opens_paragraph,
            body_indent,
        }
    }
}

fn is_mostly_chinese(lines: &[&Line]) -> bool {
    let (mut han, mut latin) = (0usize, 0usize);
    let sample = lines
        .iter()
        .flat_map(|l| l.text.chars())
        .take(SCRIPT_SAMPLE_CHARS);
    for c in sample {
        if leling_core::model::is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    han > latin
}

fn ends_sentence(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| "。！？…」』”．.!?\"'︰：:".contains(c))
}

/// Walks the lines once, building blocks.
struct Reflow<'a> {
    layout: &'a Layout,
    lines: &'a [Line<'a>],
    blocks: Vec<Block>,
    /// Lines of the paragraph being gathered.
    paragraph: Vec<&'a str>,
}

impl<'a> Reflow<'a> {
    fn new(layout: &'a Layout, lines: &'a [Line<'a>]) -> Reflow<'a> {
        Reflow {
            layout,
            lines,
            blocks: Vec::new(),
            paragraph: Vec::new(),
        }
    }

    fn run(mut self) -> Vec<Block> {
        let mut blank_run = 0;
        let mut index = 0;
        while index < self.lines.len() {
            let line = self.lines[index];
            match line.kind {
                LineKind::Blank => {
                    blank_run += 1;
                    if blank_run >= self.layout.paragraph_gap {
                        self.end_paragraph();
                    }
                    index += 1;
                    continue;
                }
                LineKind::Rule => {
                    self.end_paragraph();
                    index += 1;
                    continue;
                }
                LineKind::Text => blank_run = 0,
            }
            if line.text.starts_with("[Illustration") {
                self.end_paragraph();
                index = self.illustration(index);
                continue;
            }
            if let Some(next) = self.heading(index) {
                index = next;
                continue;
            }
            if self.layout.indent_opens_paragraph && line.indent >= 2 {
                self.end_paragraph();
            }
            self.paragraph.push(line.text);
            if self.layout.short_lines_end_paragraphs && self.is_short(&line) {
                self.end_paragraph();
            }
            index += 1;
        }
        self.end_paragraph();
        self.blocks
    }

    fn end_paragraph(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let joined = self.paragraph.join("\n");
        self.paragraph.clear();
        let text = self.clean(&joined, CjkGaps::Drop);
        self.blocks.push(Block::new(BlockKind::Paragraph, text));
    }

    /// Collapsed whitespace, and in English books `_italics_` markers removed.
    fn clean(&self, text: &str, gaps: CjkGaps) -> String {
        let text = collapse(text, gaps);
        if self.layout.chinese {
            text
        } else {
            strip_emphasis_underscores(&text)
        }
    }

    /// In hard-wrapped text only the last line of a paragraph (or a line standing for itself,
    /// like a repeated title) falls well short of the full width.
    fn is_short(&self, line: &Line) -> bool {
        line.text.width() * 4 < self.layout.full_width * 3
    }

    fn kind_at(&self, index: usize) -> LineKind {
        self.lines.get(index).map_or(LineKind::Blank, |l| l.kind)
    }

    /// Whether the line at `index` has no text line directly before it.
    fn opens_after_gap(&self, index: usize) -> bool {
        index == 0 || self.kind_at(index - 1) != LineKind::Text
    }

    /// Whether the line at `index` has no text line directly after it.
    fn stands_alone(&self, index: usize) -> bool {
        self.opens_after_gap(index) && self.kind_at(index + 1) != LineKind::Text
    }

    fn push_heading(&mut self, level: u8, text: &str) {
        self.end_paragraph();
        let text = self.clean(text, CjkGaps::Keep);
        self.blocks
            .push(Block::new(BlockKind::Heading(level), text));
    }

    /// Pushes a heading if the line at `index` is one; returns the index after it.
    fn heading(&mut self, index: usize) -> Option<usize> {
        let line = self.lines[index];
        if let Some(chapter) = headings::chinese_chapter(line.text) {
            return Some(self.chinese_chapter_heading(index, chapter.unit, chapter.rest));
        }
        if headings::is_english_chapter(line.text) && self.opens_after_gap(index) {
            if self.stands_alone(index) {
                self.push_heading(CHAPTER_LEVEL, line.text);
                return Some(index + 1);
            }
            // A short title on the next line belongs to the heading ("CHAPTER I." / "THE
            // START"); a long one means the "heading" opens a paragraph ("BOOK I. (Folio),
            // CHAPTER I. (Sperm Whale).—This whale…").
            let next = self.lines[index + 1];
            if next.text.width() <= 60 && self.kind_at(index + 2) != LineKind::Text {
                self.push_heading(CHAPTER_LEVEL, &format!("{} {}", line.text, next.text));
                return Some(index + 2);
            }
        }
        if headings::is_section_number(line.text) && self.stands_alone(index) {
            self.push_heading(SECTION_LEVEL, line.text);
            return Some(index + 1);
        }
        let outdented = self
            .layout
            .body_indent
            .is_some_and(|body_indent| line.indent < body_indent);
        if outdented && self.stands_alone(index) && is_title_like(line.text) {
            self.push_heading(TITLE_LEVEL, line.text);
            return Some(index + 1);
        }
        None
    }

    /// `第X回` lines. A bare `第三回` takes the couplet on the next text line as its title; a
    /// 回 heading runs to the number and its two-part couplet, and words after that are the
    /// chapter's opening that lost its line break (`… 因麒麟伏白首雙星　話` / `說襲人…`).
    fn chinese_chapter_heading(&mut self, index: usize, unit: char, rest: &str) -> usize {
        let line = self.lines[index];
        if rest.trim().is_empty() {
            let title_line = (index + 1..self.lines.len().min(index + 8))
                .find(|&next| self.kind_at(next) == LineKind::Text)
                .filter(|&next| {
                    let candidate = self.lines[next].text;
                    candidate.width() <= 50
                        && is_title_like(candidate)
                        && self.kind_at(next + 1) != LineKind::Text
                });
            if let Some(title_line) = title_line {
                let text = format!("{} {}", line.text, self.lines[title_line].text);
                self.push_heading(CHAPTER_LEVEL, &text);
                return title_line + 1;
            }
        }
        let starts = segment_starts(line.text);
        match starts.get(3) {
            Some(&opening) if unit == '回' => {
                self.push_heading(CHAPTER_LEVEL, &line.text[..opening]);
                self.paragraph.push(&line.text[opening..]);
            }
            _ => self.push_heading(CHAPTER_LEVEL, line.text),
        }
        index + 1
    }

    /// `[Illustration: caption]`, possibly over several lines with nested brackets. Chapter
    /// headings inside the caption (illustrated Gutenberg editions put "Chapter I." there)
    /// become headings after the picture. Returns the index after the illustration.
    fn illustration(&mut self, start: usize) -> usize {
        let mut depth = 0i64;
        let mut end = start;
        let last = self.lines.len().min(start + MAX_ILLUSTRATION_LINES);
        while end < last {
            for c in self.lines[end].text.chars() {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
            }
            end += 1;
            if depth <= 0 {
                break;
            }
        }
        if depth > 0 {
            end = start + 1;
        }
        let mut caption = Vec::new();
        let mut chapter_headings = Vec::new();
        for (offset, line) in self.lines[start..end].iter().enumerate() {
            let mut text = line.text;
            if offset == 0 {
                text = text
                    .trim_start_matches("[Illustration")
                    .trim_start_matches(':');
            }
            if offset + 1 == end - start {
                text = text.strip_suffix(']').unwrap_or(text);
            }
            let text = text.trim();
            if headings::is_chapter_heading(text) {
                chapter_headings.push(text);
            } else if !text.is_empty() {
                caption.push(text);
            }
        }
        let caption = self.clean(&caption.join("\n"), CjkGaps::Drop);
        self.blocks.push(Block::new(BlockKind::Picture, caption));
        for heading in chapter_headings {
            self.push_heading(CHAPTER_LEVEL, heading);
        }
        end
    }
}

/// Short, and punctuated like a title rather than a sentence.
fn is_title_like(text: &str) -> bool {
    text.width() <= 40 && !text.chars().any(|c| PROSE_PUNCTUATION.contains(c))
}

/// Byte offsets where the whitespace-separated parts of `text` begin.
fn segment_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut previous_was_space = true;
    for (offset, c) in text.char_indices() {
        let space = c.is_whitespace();
        if previous_was_space && !space {
            starts.push(offset);
        }
        previous_was_space = space;
    }
    starts
}

/// Removes the underscores Gutenberg uses for italics (`_You_ want`), keeping those inside
/// words (`snake_case`).
fn strip_emphasis_underscores(text: &str) -> String {
    if !text.contains('_') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        let inside_word = index > 0
            && chars[index - 1].is_alphanumeric()
            && chars
                .get(index + 1)
                .is_some_and(|next| next.is_alphanumeric());
        if c != '_' || inside_word {
            out.push(c);
        }
    }
    out
}

/// Runs of chapter headings with nothing between them are a printed table of contents: they
/// become list items so that they do not make a hundred empty chapters. When the first entry
/// comes round again inside the run, the book itself has begun there.
fn mark_contents_lists(blocks: &mut [Block]) {
    let mut start = 0;
    while start < blocks.len() {
        let run = blocks[start..]
            .iter()
            .take_while(|b| b.kind == BlockKind::Heading(CHAPTER_LEVEL))
            .count();
        if run >= MIN_CONTENTS_LIST {
            let first = &blocks[start].text;
            let contents_length = (1..run)
                .find(|&offset| blocks[start + offset].text == *first)
                .unwrap_or(run);
            for block in &mut blocks[start..start + contents_length] {
                block.kind = BlockKind::ListItem;
            }
        }
        start += run.max(1);
    }
}

/// The title a book gives itself at its start.
#[derive(Debug, PartialEq, Eq)]
struct OwnTitle {
    title: String,
    author: Option<String>,
}

impl OwnTitle {
    fn in_chinese(&self) -> bool {
        self.title.chars().any(leling_core::model::is_han)
    }
}

/// What stands before a Chinese book's text without being its title.
const CHINESE_FRONT_MATTER: [&str; 9] = [
    "序", "序言", "自序", "前言", "目錄", "目录", "凡例", "引子", "楔子",
];

/// A book that opens with a title line is named by it: a line set apart from the text
/// (outdented, as `《魯迅︰吶喊》` is in 吶喊), or in a Chinese book a short line standing
/// alone before anything else (`西遊記`), never a chapter heading (`第一回 …`) or a preface.
/// `《作者︰書名》`, the way Gutenberg's Chinese texts open, names the author too.
fn own_title(blocks: &[Block], chinese: bool) -> Option<OwnTitle> {
    let first = blocks.first()?;
    let text = first.text.as_str();
    let stands_as_title = match first.kind {
        BlockKind::Heading(TITLE_LEVEL) => true,
        BlockKind::Paragraph => {
            chinese
                && text.chars().any(leling_core::model::is_han)
                && is_title_like(text)
                && headings::chinese_chapter(text).is_none()
                && !CHINESE_FRONT_MATTER.contains(&text)
        }
        _ => false,
    };
    if !stands_as_title {
        return None;
    }
    let bracketed = text
        .strip_prefix('《')
        .and_then(|inner| inner.strip_suffix('》'))
        .filter(|inner| !inner.contains(['《', '》']));
    let (author, title) = match bracketed {
        Some(inner) => split_author(inner),
        None => (None, text),
    };
    let title = title.trim();
    (!title.is_empty()).then(|| OwnTitle {
        title: title.to_string(),
        author: author.map(str::to_string),
    })
}

/// `魯迅︰吶喊` into the author and the title: a name of two to four characters before the
/// colon. Anything else is all title.
fn split_author(inner: &str) -> (Option<&str>, &str) {
    match inner.split_once(['︰', '：']) {
        Some((author, title))
            if (2..=4).contains(&author.trim().chars().count())
                && author.trim().chars().all(leling_core::model::is_han)
                && !title.trim().is_empty() =>
        {
            (Some(author.trim()), title)
        }
        _ => (None, inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Chapter;

    fn chapters(text: &str) -> Vec<Chapter> {
        read(text).chapters
    }

    fn texts(chapter: &Chapter) -> Vec<&str> {
        chapter.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn english_lines_join_with_spaces_and_blank_lines_part_paragraphs() {
        let chapters = chapters("Call me\nIshmael. Some\n_years_ ago.\n\nThere now.\n");
        assert_eq!(
            texts(&chapters[0]),
            ["Call me Ishmael. Some years ago.", "There now."]
        );
    }

    #[test]
    fn chinese_lines_join_without_spaces_and_indents_open_paragraphs() {
        let text = "第一回　甄士隱夢幻識通靈　賈雨村風塵怀閨秀\n\
            ------\n\
            此開卷第一回也．作者自云：因曾歷過一番夢幻之后，故將真事隱去，\n\
            而借通靈之說．\n\
            \u{3000}\u{3000}此回中凡用夢用幻等字，是提醒閱者眼目，\n\
            亦是此書立意本旨．\n";
        let chapters = chapters(text);
        assert_eq!(chapters.len(), 1);
        assert_eq!(
            chapters[0].title.as_deref(),
            Some("第一回 甄士隱夢幻識通靈 賈雨村風塵怀閨秀")
        );
        assert_eq!(
            texts(&chapters[0])[1..],
            [
                "此開卷第一回也．作者自云：因曾歷過一番夢幻之后，故將真事隱去，而借通靈之說．",
                "此回中凡用夢用幻等字，是提醒閱者眼目，亦是此書立意本旨．"
            ]
        );
    }

    #[test]
    fn bare_chapter_numbers_take_the_couplet_below_and_openings_are_given_back() {
        let text = "第三回\n\n-----\n\n\u{3000}\u{3000}賈雨村夤緣复舊職　林黛玉拋父進京都\n\n\u{3000}\u{3000}卻說雨村．\n\
            第三十一回　 撕扇子作千金一笑　因麒麟伏白首雙星　話\n說襲人見了．\n";
        let chapters = chapters(text);
        assert_eq!(
            chapters[0].title.as_deref(),
            Some("第三回 賈雨村夤緣复舊職 林黛玉拋父進京都")
        );
        assert_eq!(texts(&chapters[0])[1..], ["卻說雨村．"]);
        assert_eq!(
            chapters[1].title.as_deref(),
            Some("第三十一回 撕扇子作千金一笑 因麒麟伏白首雙星")
        );
        assert_eq!(texts(&chapters[1])[1..], ["話說襲人見了．"]);
    }

    #[test]
    fn double_spaced_text_reflows_and_short_sentence_ends_close_paragraphs() {
        let long = "我在年青時候也曾經做過許多夢，後來大半忘卻了，但自己也並不以為";
        let text = format!(
            "《魯迅︰吶喊》\n\n\n    {long}\n\n    可惜。\n\n    {long}\n\n    可惜。\n\n\n狂人日記\n\n    一\n\n    今天晚上，很好的月光。\n\n    {long}\n\n    {long}\n\n    可惜。\n"
        );
        let draft = read(&text);
        assert_eq!(draft.title.as_deref(), Some("吶喊"));
        assert_eq!(draft.author.as_deref(), Some("魯迅"));
        let all: Vec<&str> = draft.chapters.iter().flat_map(texts).collect();
        let whole = format!("{long}可惜。");
        assert_eq!(
            all,
            [
                "《魯迅︰吶喊》",
                whole.as_str(),
                whole.as_str(),
                "狂人日記",
                "一",
                "今天晚上，很好的月光。",
                format!("{long}{long}可惜。").as_str()
            ]
        );
        assert_eq!(draft.chapters.len(), 2);
        assert_eq!(draft.chapters[1].title.as_deref(), Some("狂人日記"));
    }

    #[test]
    fn a_chinese_book_is_named_by_a_title_line_standing_before_its_text() {
        let opening = "第一回　靈根孕育源流出　心性修持大道生\n\n　　詩曰：混沌未分天地亂，茫茫渺渺無人見。\n";
        assert_eq!(
            read(&format!("西遊記\n\n{opening}")).title.as_deref(),
            Some("西遊記")
        );
        // A chapter heading, a preface's heading or prose is no title for the book.
        assert_eq!(read(opening).title, None);
        assert_eq!(read(&format!("序\n\n{opening}")).title, None);
        assert_eq!(read("Call me Ishmael.\n\nSome years ago.\n").title, None);
    }

    #[test]
    fn the_books_own_chinese_title_wins_over_gutenbergs_pinyin() {
        let text = "Title: Na Han\n\nAuthor: Xun Lu\n\nRelease Date: [EBook #27166]\n\n\
            *** START OF THIS PROJECT GUTENBERG EBOOK NA HAN ***\n\n《魯迅︰吶喊》\n\n\n\
            \u{20}   我在年青時候也曾經做過許多夢。\n\n    後來大半忘卻了。\n";
        let draft = read(text);
        assert_eq!(draft.title.as_deref(), Some("吶喊"));
        assert_eq!(draft.author.as_deref(), Some("魯迅"));
        assert_eq!(draft.gutenberg_number, Some(27166));
        // Without a title line of its own, the header's title stands.
        let draft = read(&text.replace("《魯迅︰吶喊》", ""));
        assert_eq!(draft.title.as_deref(), Some("Na Han"));
        assert_eq!(draft.author.as_deref(), Some("Xun Lu"));
    }

    #[test]
    fn illustrations_become_pictures_and_free_the_chapter_heading_inside() {
        let text = "[Illustration: ·PRIDE AND PREJUDICE·\n\n\n\nChapter I.]\n\n\nIt is a truth.\n\n\
            [Illustration:\n\n“He came down”\n\n[_Copyright 1894._]]\n\nMore.\n\n[Illustration]\n";
        let chapters = chapters(text);
        let blocks: Vec<&Block> = chapters.iter().flat_map(|c| &c.blocks).collect();
        assert_eq!(
            *blocks[0],
            Block::new(BlockKind::Picture, "·PRIDE AND PREJUDICE·")
        );
        assert_eq!(*blocks[1], Block::new(BlockKind::Heading(1), "Chapter I."));
        assert_eq!(
            *blocks[3],
            Block::new(BlockKind::Picture, "“He came down” [Copyright 1894.]")
        );
        assert_eq!(*blocks[5], Block::new(BlockKind::Picture, ""));
    }

    #[test]
    fn a_printed_contents_list_is_not_a_run_of_empty_chapters() {
        let text = "CONTENTS\n\nCHAPTER 1. Loomings.\n\nCHAPTER 2. The Carpet-Bag.\n\nCHAPTER 3. The Inn.\n\n\
            CHAPTER 1. Loomings.\n\nCall me Ishmael.\n\nCHAPTER 2. The Carpet-Bag.\n\nI stuffed a shirt.\n";
        let chapters = chapters(text);
        let titles: Vec<_> = chapters.iter().map(|c| c.title.as_deref()).collect();
        assert_eq!(
            titles,
            [
                None,
                Some("CHAPTER 1. Loomings."),
                Some("CHAPTER 2. The Carpet-Bag.")
            ]
        );
        assert_eq!(chapters[0].blocks[1].kind, BlockKind::ListItem);
        assert_eq!(texts(&chapters[1])[1], "Call me Ishmael.");
    }

    #[test]
    fn prose_that_mentions_a_chapter_is_not_a_heading() {
        let chapters = chapters(
            "As we saw in\nChapter 3 of this book, whales swim.\n\nChapter 4 was worse.\n",
        );
        assert_eq!(
            texts(&chapters[0]),
            [
                "As we saw in Chapter 3 of this book, whales swim.",
                "Chapter 4 was worse."
            ]
        );
    }
}
