//! Cutting a flat run of blocks into chapters at its headings, and a table of contents made
//! from those headings, for the formats that have no chapters of their own.

use super::{Block, BlockKind, Chapter, TocEntry};

/// Splits `blocks` into chapters. Headings carry raw levels (1 most important); the book is
/// cut at the shallowest level that occurs more than once — a lone `<h1>` is the book's title,
/// the `<h2>`s under it are its chapters. Headings that follow each other with nothing between
/// them open one chapter together, named by the last of them ("Book Title", "Chapter 1"), and a
/// heading repeated word for word is kept once. Levels are then renumbered so that a chapter's
/// own heading is level 1.
pub(crate) fn split_into_chapters(blocks: Vec<Block>) -> Vec<Chapter> {
    let Some(split_level) = split_level(&blocks) else {
        return vec![Chapter {
            title: None,
            blocks,
        }];
    };
    let mut chapters = Vec::new();
    let mut current = Chapter {
        title: None,
        blocks: Vec::new(),
    };
    let mut current_has_body = false;
    for mut block in blocks {
        match block.kind {
            BlockKind::Heading(level) if level <= split_level => {
                if current_has_body {
                    chapters.push(std::mem::replace(
                        &mut current,
                        Chapter {
                            title: None,
                            blocks: Vec::new(),
                        },
                    ));
                    current_has_body = false;
                }
                let repeated = current.blocks.last().is_some_and(|last| {
                    matches!(last.kind, BlockKind::Heading(_)) && last.text == block.text
                });
                if repeated {
                    continue;
                }
                current.title = Some(block.text.clone());
                block.kind = BlockKind::Heading(renumber(level, split_level));
            }
            BlockKind::Heading(level) => {
                block.kind = BlockKind::Heading(renumber(level, split_level))
            }
            _ => current_has_body = true,
        }
        current.blocks.push(block);
    }
    chapters.push(current);
    chapters.retain(|chapter| !chapter.blocks.is_empty());
    chapters
}

fn split_level(blocks: &[Block]) -> Option<u8> {
    let mut counts = [0usize; 256];
    for block in blocks {
        if let BlockKind::Heading(level) = block.kind {
            counts[usize::from(level)] += 1;
        }
    }
    let repeated = (0..=u8::MAX).find(|&level| counts[usize::from(level)] >= 2);
    repeated.or_else(|| (0..=u8::MAX).find(|&level| counts[usize::from(level)] >= 1))
}

fn renumber(level: u8, split_level: u8) -> u8 {
    (level.saturating_sub(split_level) + 1).min(6)
}

/// One entry per titled chapter, and one level deeper for each section heading inside it.
pub(crate) fn toc_from_headings(chapters: &[Chapter]) -> Vec<TocEntry> {
    let mut toc = Vec::new();
    for (index, chapter) in chapters.iter().enumerate() {
        if let Some(title) = &chapter.title {
            toc.push(TocEntry {
                title: title.clone(),
                chapter: index,
                depth: 0,
            });
        }
        for block in &chapter.blocks {
            if block.kind == BlockKind::Heading(2) && !block.text.is_empty() {
                toc.push(TocEntry {
                    title: block.text.clone(),
                    chapter: index,
                    depth: 1,
                });
            }
        }
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, text: &str) -> Block {
        Block::new(BlockKind::Heading(level), text)
    }

    fn paragraph(text: &str) -> Block {
        Block::new(BlockKind::Paragraph, text)
    }

    #[test]
    fn a_lone_title_joins_the_first_chapter_and_repeated_levels_split() {
        let chapters = split_into_chapters(vec![
            heading(1, "Book"),
            heading(2, "One"),
            paragraph("a"),
            heading(3, "Part"),
            paragraph("b"),
            heading(2, "Two"),
            paragraph("c"),
        ]);
        let titles: Vec<_> = chapters.iter().map(|c| c.title.as_deref()).collect();
        assert_eq!(titles, [Some("One"), Some("Two")]);
        assert_eq!(chapters[0].blocks[0], heading(1, "Book"));
        assert_eq!(chapters[0].blocks[1], heading(1, "One"));
        assert_eq!(chapters[0].blocks[3], heading(2, "Part"));
        let toc = toc_from_headings(&chapters);
        assert_eq!(toc.len(), 3);
        assert_eq!(
            (toc[1].title.as_str(), toc[1].chapter, toc[1].depth),
            ("Part", 0, 1)
        );
    }

    #[test]
    fn front_matter_keeps_its_own_chapter_and_repeats_are_dropped() {
        let chapters = split_into_chapters(vec![
            paragraph("preface"),
            heading(2, "第四十五回"),
            heading(2, "第四十五回"),
            paragraph("text"),
            heading(2, "第四十六回"),
            paragraph("more"),
        ]);
        assert_eq!(chapters.len(), 3);
        assert_eq!(chapters[0].title, None);
        assert_eq!(chapters[1].blocks.len(), 2);
    }

    #[test]
    fn text_without_headings_is_one_chapter() {
        let chapters = split_into_chapters(vec![paragraph("a"), paragraph("b")]);
        assert_eq!(chapters.len(), 1);
        assert!(toc_from_headings(&chapters).is_empty());
    }
}
