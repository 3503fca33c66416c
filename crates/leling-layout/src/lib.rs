//! From a book's text to lines and pages for a given screen: widths in display columns,
//! Unicode line breaking with the Chinese punctuation rules, a capped reading width, line gaps,
//! headings set apart and zoom. Lines point into the chapter text by byte ranges, so the place
//! in a book survives any change of size.

mod sentences;
mod text;
mod wrap;

use std::ops::Range;

pub use sentences::sentences;
pub use text::{BlockSpan, BookText, ChapterText};
pub use wrap::{must_not_end_line, must_not_start_line, wrap};

use leling_core::model::is_han;
use leling_document::BlockKind;

/// What the screen offers the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Columns available for text.
    pub columns: u16,
    /// Rows available for text.
    pub rows: u16,
    /// Blank rows between the lines of a paragraph: 0, 1 or 2.
    pub line_gap: u8,
    /// Text size: 1, 2 or 3 (each character drawn `zoom` times as wide and tall).
    pub zoom: u8,
    /// The widest a line of Chinese may be, in characters (default 40).
    pub max_cjk_chars: u16,
    /// The widest a line of other text may be, in columns (default 66).
    pub max_latin_columns: u16,
    /// The book is mostly Chinese: its text column is as wide as a line of Chinese may be,
    /// else as a line of other text. The reader draws the whole book in that one column.
    pub chinese: bool,
}

impl LayoutOptions {
    pub fn new(columns: u16, rows: u16) -> LayoutOptions {
        LayoutOptions {
            columns,
            rows,
            line_gap: 1,
            zoom: 1,
            max_cjk_chars: 40,
            max_latin_columns: 66,
            chinese: false,
        }
    }

    /// The width of the column the reader draws the book's text in, in normal-size columns.
    /// No line is wider.
    pub fn column_width(&self) -> usize {
        self.text_columns(self.chinese)
    }

    /// The width a block is wrapped to, in normal-size columns: its own kind of text's
    /// reading width, within the book's column. A paragraph of Chinese in a book that is not
    /// (a Japanese one, a word in an English one) may otherwise be wrapped wider than the
    /// column it is drawn in, and lose its line ends.
    fn wrap_columns(&self, cjk: bool) -> usize {
        self.text_columns(cjk).min(self.column_width())
    }

    /// The reading width of one kind of text, in normal-size columns: the capped width, or
    /// the screen's when that is narrower.
    fn text_columns(&self, cjk: bool) -> usize {
        let zoom = usize::from(self.zoom.max(1));
        let available = usize::from(self.columns) / zoom;
        let cap = if cjk {
            usize::from(self.max_cjk_chars) * 2
        } else {
            usize::from(self.max_latin_columns)
        };
        available.min(cap).max(1)
    }

    fn rows_per_line(&self) -> usize {
        usize::from(self.zoom.max(1))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Text(BlockKind),
    /// Space between blocks.
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Bytes of the chapter text on this line (empty for blank lines).
    pub range: Range<usize>,
    pub kind: LineKind,
    /// Blank rows to leave after this line (the line gap inside a paragraph).
    pub gap_after: u8,
}

/// One chapter laid out: its lines and the pages they fall on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterLayout {
    pub lines: Vec<Line>,
    /// Each page as a range of line indices. Never empty.
    pub pages: Vec<Range<usize>>,
}

impl ChapterLayout {
    /// The page holding a byte offset of the chapter text.
    pub fn page_of(&self, offset: usize) -> usize {
        let line = self
            .lines
            .iter()
            .rposition(|l| l.kind != LineKind::Blank && l.range.start <= offset)
            .unwrap_or(0);
        self.pages
            .iter()
            .position(|p| p.contains(&line))
            .unwrap_or(self.pages.len() - 1)
    }

    /// The offset of the first character on a page.
    pub fn page_start(&self, page: usize) -> usize {
        self.pages
            .get(page)
            .and_then(|p| {
                self.lines[p.clone()]
                    .iter()
                    .find(|l| l.kind != LineKind::Blank)
            })
            .map_or(0, |l| l.range.start)
    }
}

/// Lays out one chapter.
pub fn lay_out(chapter: &ChapterText, options: &LayoutOptions) -> ChapterLayout {
    lay_out_through(chapter, options, usize::MAX)
}

/// Lays out a chapter only as far as the page holding byte `offset`, for a first page that
/// cannot wait for the whole chapter. Pages are filled one after another from the chapter's
/// start, so that page and those before it are the same as in [`lay_out`]; later pages are
/// missing, and the last one may be cut short. Blocks are laid out until more than a screen's
/// rows follow the line holding `offset`: no page is taller than the screen.
pub fn lay_out_through(
    chapter: &ChapterText,
    options: &LayoutOptions,
    offset: usize,
) -> ChapterLayout {
    let mut lines: Vec<Line> = Vec::new();
    let mut rows_from_offset = 0;
    for (index, block) in chapter.blocks.iter().enumerate() {
        if rows_from_offset > usize::from(options.rows) {
            break;
        }
        let text = &chapter.text[block.range.clone()];
        if index > 0 {
            lines.push(blank());
        }
        let width = options.wrap_columns(text.chars().any(is_han));
        let base = block.range.start;
        let mut block_lines: Vec<Range<usize>> = Vec::new();
        if block.kind == BlockKind::Preformatted {
            let mut line_start = 0;
            for piece in text.split('\n') {
                block_lines.extend(
                    wrap(piece, width)
                        .into_iter()
                        .map(|r| r.start + line_start..r.end + line_start),
                );
                line_start += piece.len() + 1;
            }
        } else {
            block_lines = wrap(text, width);
        }
        let count = block_lines.len();
        for (n, range) in block_lines.into_iter().enumerate() {
            let line = Line {
                range: base + range.start..base + range.end,
                kind: LineKind::Text(block.kind),
                gap_after: if n + 1 < count { options.line_gap } else { 0 },
            };
            if rows_from_offset > 0 || line.range.end > offset {
                rows_from_offset += line_rows(&line, options);
            }
            lines.push(line);
        }
        if matches!(block.kind, BlockKind::Heading(_)) && index + 1 < chapter.blocks.len() {
            // Headings are set apart: an extra blank line below them.
            lines.push(blank());
        }
    }
    if lines.is_empty() {
        lines.push(blank());
    }
    let pages = paginate(&lines, options);
    ChapterLayout { lines, pages }
}

fn blank() -> Line {
    Line {
        range: 0..0,
        kind: LineKind::Blank,
        gap_after: 0,
    }
}

/// Rows a line takes on screen, with its gap.
pub fn line_rows(line: &Line, options: &LayoutOptions) -> usize {
    options.rows_per_line() + usize::from(line.gap_after)
}

fn paginate(lines: &[Line], options: &LayoutOptions) -> Vec<Range<usize>> {
    let rows = usize::from(options.rows).max(1);
    let mut pages = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        // A page never begins with blank space.
        while start < lines.len() - 1 && lines[start].kind == LineKind::Blank {
            start += 1;
        }
        let mut used = 0;
        let mut end = start;
        while end < lines.len() {
            // The gap after the last line on a page need not fit.
            let needed = options.rows_per_line();
            if end > start && used + needed > rows {
                break;
            }
            used += line_rows(&lines[end], options);
            end += 1;
        }
        pages.push(start..end);
        start = end;
    }
    if pages.is_empty() {
        pages.push(0..lines.len());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use leling_document::{Block, Chapter, Document};
    use unicode_width::UnicodeWidthStr;

    fn book(blocks: Vec<Block>) -> BookText {
        BookText::new(Document {
            title: "t".into(),
            author: None,
            language: None,
            chapters: vec![Chapter {
                title: None,
                blocks,
            }],
            toc: vec![],
            missing: vec![],
            gutenberg_number: None,
        })
    }

    #[test]
    fn a_place_survives_a_change_of_width() {
        let text = "一二三四五六七八九十。".repeat(40);
        let b = book(vec![Block::new(BlockKind::Paragraph, text.clone())]);
        let chapter = &b.chapters[0];
        let offset = text.char_indices().nth(250).unwrap().0;
        for columns in [20, 40, 80] {
            let layout = lay_out(chapter, &LayoutOptions::new(columns, 10));
            let page = layout.page_of(offset);
            let lines = &layout.lines[layout.pages[page].clone()];
            assert!(lines.iter().any(|l| l.range.contains(&offset)), "{columns}");
        }
    }

    #[test]
    fn reading_width_is_capped() {
        let options = LayoutOptions::new(200, 50);
        assert_eq!(options.text_columns(true), 80);
        assert_eq!(options.text_columns(false), 66);
        let zoomed = LayoutOptions {
            zoom: 2,
            ..LayoutOptions::new(60, 20)
        };
        assert_eq!(zoomed.text_columns(true), 30);
    }

    #[test]
    fn chinese_in_a_book_that_is_not_is_wrapped_within_the_books_column() {
        // 草枕 in an 80-column window: a Japanese book, drawn in a column of 66.
        let text = "智に働けば角が立つ。情に棹させば流される。".repeat(8);
        let b = book(vec![Block::new(BlockKind::Paragraph, text)]);
        let chapter = &b.chapters[0];
        let widest = |options: &LayoutOptions| {
            let layout = lay_out(chapter, options);
            let width = |l: &Line| chapter.text[l.range.clone()].width();
            layout.lines.iter().map(width).max().unwrap()
        };
        let options = LayoutOptions::new(76, 20);
        assert_eq!(options.column_width(), 66);
        assert_eq!(widest(&options), 66);
        let chinese_book = LayoutOptions {
            chinese: true,
            ..options
        };
        assert_eq!(chinese_book.column_width(), 76);
        assert_eq!(widest(&chinese_book), 76);
    }

    #[test]
    fn pages_fit_the_rows_and_do_not_start_with_blank_lines() {
        let blocks = (0..30)
            .map(|i| {
                Block::new(
                    BlockKind::Paragraph,
                    format!("Paragraph number {i} of a test book."),
                )
            })
            .collect();
        let b = book(blocks);
        let options = LayoutOptions::new(20, 7);
        let layout = lay_out(&b.chapters[0], &options);
        for page in &layout.pages {
            let lines = &layout.lines[page.clone()];
            assert_ne!(lines[0].kind, LineKind::Blank);
            let rows: usize = lines.iter().map(|l| line_rows(l, &options)).sum::<usize>()
                - usize::from(lines.last().unwrap().gap_after);
            assert!(rows <= 7, "{rows}");
        }
    }
}
