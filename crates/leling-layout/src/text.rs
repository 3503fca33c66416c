//! A book's chapters as flat text: the blocks of a chapter joined with line breaks, so that a
//! place in the book is simply `(chapter, byte offset)` and never depends on the screen.

use std::ops::Range;

use leling_core::model::{Position, lang_of};
use leling_document::{BlockKind, Document};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSpan {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterText {
    pub title: Option<String>,
    pub text: String,
    pub blocks: Vec<BlockSpan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookText {
    pub chapters: Vec<ChapterText>,
    /// Bytes before each chapter, for percentages.
    starts: Vec<usize>,
    total: usize,
}

impl BookText {
    /// Takes the chapters out of `document`, one at a time, so the book is never held twice.
    pub fn new(document: Document) -> BookText {
        // A picture is read and shown as one line; the word for it follows the book's own
        // language (not the interface's), so positions never move when the interface changes.
        // A Japanese book reads 图 as well as a Chinese one does.
        let chinese_book = document
            .language
            .as_deref()
            .map(|l| l.starts_with("zh") || l.starts_with("ja"))
            .unwrap_or_else(|| lang_of(&document.title) == leling_core::model::Lang::Zh);
        let picture_label = if chinese_book {
            "[图："
        } else {
            "[picture: "
        };
        let chapters: Vec<ChapterText> = document
            .chapters
            .into_iter()
            .map(|chapter| {
                // Sized once: a string grown by doubling wastes up to half its room, and the
                // whole book is held in these.
                let room: usize = chapter
                    .blocks
                    .iter()
                    .map(|block| match block.kind {
                        BlockKind::Picture => picture_label.len() + block.text.len() + 2,
                        _ => block.text.len() + 1,
                    })
                    .sum();
                let mut text = String::with_capacity(room);
                let mut blocks = Vec::with_capacity(chapter.blocks.len());
                for block in &chapter.blocks {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    let start = text.len();
                    if block.kind == BlockKind::Picture {
                        text.push_str(picture_label);
                        text.push_str(block.text.trim());
                        text.push(']');
                    } else {
                        text.push_str(&block.text);
                    }
                    blocks.push(BlockSpan {
                        kind: block.kind,
                        range: start..text.len(),
                    });
                }
                ChapterText {
                    title: chapter.title,
                    text,
                    blocks,
                }
            })
            .collect();
        let mut starts = Vec::with_capacity(chapters.len());
        let mut total = 0;
        for chapter in &chapters {
            starts.push(total);
            total += chapter.text.len();
        }
        BookText {
            chapters,
            starts,
            total,
        }
    }

    /// How far through the book a position is, 0.0 to 1.0, by text length.
    pub fn fraction(&self, position: Position) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let before = self
            .starts
            .get(position.chapter)
            .copied()
            .unwrap_or(self.total);
        (before + position.offset) as f64 / self.total as f64
    }

    /// The position a fraction (0.0 to 1.0) of the way through the book.
    pub fn position_at(&self, fraction: f64) -> Position {
        let target = (fraction.clamp(0.0, 1.0) * self.total as f64) as usize;
        let chapter = self
            .starts
            .iter()
            .rposition(|&start| start <= target)
            .unwrap_or(0);
        let text = &self.chapters[chapter].text;
        let mut offset = (target - self.starts[chapter]).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        Position { chapter, offset }
    }

    /// Characters of text from a position to the end, for "minutes left".
    pub fn chars_after(&self, position: Position) -> usize {
        self.chapters
            .iter()
            .enumerate()
            .skip(position.chapter)
            .map(|(index, chapter)| {
                let from = if index == position.chapter {
                    position.offset.min(chapter.text.len())
                } else {
                    0
                };
                chapter.text.get(from..).map_or(0, |t| t.chars().count())
            })
            .sum()
    }

    /// A position made safe for this book: inside a chapter and on a character boundary.
    pub fn clamp(&self, position: Position) -> Position {
        let chapter = position.chapter.min(self.chapters.len().saturating_sub(1));
        let text = &self.chapters[chapter].text;
        let mut offset = position.offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        Position { chapter, offset }
    }
}
