//! Markdown into blocks. Emphasis, links and inline HTML are dropped to their plain text;
//! YAML front matter may give the title, author and language.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::chapters::split_into_chapters;
use super::whitespace::{CjkGaps, collapse};
use super::{Block, BlockKind, Draft, normalize_language_tag};

pub(crate) fn read(text: &str) -> Draft {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut builder = Builder::default();
    for event in Parser::new_ext(text, options) {
        builder.event(event);
    }
    builder.flush();
    let mut draft = Draft {
        chapters: split_into_chapters(builder.blocks),
        ..Draft::default()
    };
    read_front_matter(&builder.front_matter, &mut draft);
    draft
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// Inline text of the block being read.
    text: String,
    /// The kinds of the blocks the reader is inside; the innermost decides.
    kinds: Vec<BlockKind>,
    /// Alternative texts of images met in the current block, placed after it.
    pictures: Vec<String>,
    /// Inside `![alt](…)`: text is the picture's, not the paragraph's.
    image_depth: usize,
    in_front_matter: bool,
    front_matter: String,
}

impl Builder {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.push_text(&text),
            Event::SoftBreak | Event::HardBreak => self.push_text("\n"),
            Event::Rule => self.flush(),
            // Markup, footnote markers and check boxes are not read out.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(heading_level(level))),
            Tag::BlockQuote(_) => self.open(BlockKind::Quote),
            Tag::Item => self.open(BlockKind::ListItem),
            Tag::CodeBlock(_) => self.open(BlockKind::Preformatted),
            Tag::Paragraph | Tag::TableRow | Tag::TableHead => self.flush(),
            Tag::Image { .. } => {
                self.image_depth += 1;
                self.pictures.push(String::new());
            }
            Tag::MetadataBlock(_) => self.in_front_matter = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::CodeBlock => {
                self.flush();
                self.kinds.pop();
            }
            TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead => self.flush(),
            TagEnd::TableCell => self.text.push(' '),
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::MetadataBlock(_) => self.in_front_matter = false,
            _ => {}
        }
    }

    fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.kinds.push(kind);
    }

    fn push_text(&mut self, text: &str) {
        if self.in_front_matter {
            self.front_matter.push_str(text);
        } else if self.image_depth > 0 {
            if let Some(alt) = self.pictures.last_mut() {
                alt.push_str(text);
            }
        } else {
            self.text.push_str(text);
        }
    }

    fn flush(&mut self) {
        let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        let text = if kind == BlockKind::Preformatted {
            self.text.trim_end().trim_start_matches('\n').to_string()
        } else {
            collapse(&self.text, CjkGaps::DropLineBreaks)
        };
        self.text.clear();
        if !text.is_empty() {
            self.blocks.push(Block::new(kind, text));
        }
        for alt in self.pictures.drain(..) {
            let alt = collapse(&alt, CjkGaps::DropLineBreaks);
            self.blocks.push(Block::new(BlockKind::Picture, alt));
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `title:`, `author:` and `lang:`/`language:` lines of YAML front matter. Only these simple
/// one-line fields are read; a YAML parser would be a large dependency for three strings.
fn read_front_matter(front_matter: &str, draft: &mut Draft) {
    for line in front_matter.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => draft.title = Some(value.to_string()),
            "author" => draft.author = Some(value.to_string()),
            "lang" | "language" => draft.language = normalize_language_tag(value),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_blocks_keep_their_kinds_and_lose_their_markup() {
        let draft = read(
            "---\ntitle: \"My Book\"\nlang: zh-cn\n---\n\n# One\n\nSome *emphasis* and `code`,\nwrapped.\n\n\
             > quoted\n\n- first\n- second\n\n```\nlet x = 1;\n  indented\n```\n\n![A whale](whale.png)\n\n\
             # Two\n\n中文\n換行\n",
        );
        assert_eq!(draft.title.as_deref(), Some("My Book"));
        assert_eq!(draft.language.as_deref(), Some("zh-CN"));
        assert_eq!(draft.chapters.len(), 2);
        let blocks = &draft.chapters[0].blocks;
        let expected = [
            Block::new(BlockKind::Heading(1), "One"),
            Block::new(BlockKind::Paragraph, "Some emphasis and code, wrapped."),
            Block::new(BlockKind::Quote, "quoted"),
            Block::new(BlockKind::ListItem, "first"),
            Block::new(BlockKind::ListItem, "second"),
            Block::new(BlockKind::Preformatted, "let x = 1;\n  indented"),
            Block::new(BlockKind::Picture, "A whale"),
        ];
        assert_eq!(blocks, &expected);
        assert_eq!(draft.chapters[1].blocks[1].text, "中文換行");
    }

    #[test]
    fn second_level_headings_cut_chapters_under_a_single_title() {
        let draft = read("# Book\n\n## A\n\ntext\n\n## B\n\ntext\n");
        let titles: Vec<_> = draft.chapters.iter().map(|c| c.title.as_deref()).collect();
        assert_eq!(titles, [Some("A"), Some("B")]);
    }
}
