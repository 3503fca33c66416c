//! Project Gutenberg's wrapping: the header before `*** START OF THE PROJECT GUTENBERG EBOOK
//! … ***` (with the book's title, author and language) and the licence after `*** END OF …`.
//! Readers want the book, not the wrapping.

use std::ops::Range;

use super::whitespace::{contains_ignore_ascii_case, starts_with_ignore_ascii_case};
use super::{Block, Draft};

/// What a Project Gutenberg header says about the book.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// The ebook number (`[EBook #24264]`): the same book everywhere Gutenberg is mirrored.
    pub ebook: Option<u32>,
}

impl Metadata {
    /// Puts what the header says into `draft`, before anything guessed from the text.
    pub fn fill(self, draft: &mut Draft) {
        draft.title = self.title.or(draft.title.take());
        draft.author = self.author.or(draft.author.take());
        draft.language = self.language.or(draft.language.take());
        draft.gutenberg_number = self.ebook;
    }

    /// Whether the header's title is written in Latin letters only: Gutenberg gives Chinese
    /// books romanised titles (`Hong Lou Meng`, `Na Han`), which the book's own title line
    /// names better.
    pub fn title_is_romanised(&self) -> bool {
        self.title
            .as_deref()
            .is_some_and(|title| !title.chars().any(leling_core::model::is_han))
    }
}

/// The header is short; a START line further in is part of some other text.
const HEADER_SEARCH_LINES: usize = 1000;

/// The lines of `lines` that hold the book itself, and what the header said about it.
pub(crate) fn find_body(lines: &[&str]) -> (Metadata, Range<usize>) {
    let mut metadata = Metadata::default();
    let mut start = 0;
    if let Some(marker) = lines
        .iter()
        .take(HEADER_SEARCH_LINES)
        .position(|line| is_start_marker(line))
    {
        metadata = read_header(&lines[..marker]);
        start = skip_producer_credit(lines, marker + 1);
    }
    let end = lines[start..]
        .iter()
        .position(|line| is_end_marker(line))
        .map_or(lines.len(), |offset| start + offset);
    (metadata, start..end)
}

/// Removes the header and licence from blocks taken from a Gutenberg HTML file whose
/// boilerplate is not marked up as such, only delimited by the START and END lines.
pub(crate) fn trim_blocks(blocks: &mut Vec<Block>) {
    if let Some(marker) = blocks
        .iter()
        .position(|block| is_start_marker_within(&block.text))
    {
        blocks.drain(..=marker);
    }
    if let Some(marker) = blocks.iter().position(|block| is_end_marker(&block.text)) {
        blocks.truncate(marker);
    }
}

/// Splits a Gutenberg-style title ("The Project Gutenberg eBook of Pride and prejudice, by
/// Jane Austen.") into the book's title and author.
pub(crate) fn clean_title(raw: &str) -> (String, Option<String>) {
    let mut title = raw.trim();
    for prefix in ["The Project Gutenberg eBook of ", "Project Gutenberg's "] {
        if starts_with_ignore_ascii_case(title, prefix) {
            title = &title[prefix.len()..];
            let title = title.trim_end_matches('.');
            return match title.rsplit_once(", by ") {
                Some((title, author)) => {
                    (title.trim().to_string(), Some(author.trim().to_string()))
                }
                None => (title.trim().to_string(), None),
            };
        }
    }
    (title.to_string(), None)
}

fn is_start_marker(line: &str) -> bool {
    let text = line.trim_start_matches(['*', ' ']);
    starts_with_ignore_ascii_case(text, "START OF THE PROJECT GUTENBERG")
        || starts_with_ignore_ascii_case(text, "START OF THIS PROJECT GUTENBERG")
}

fn is_start_marker_within(text: &str) -> bool {
    contains_ignore_ascii_case(text, "START OF THE PROJECT GUTENBERG")
        || contains_ignore_ascii_case(text, "START OF THIS PROJECT GUTENBERG")
}

/// The END line, or the "End of (the) Project Gutenberg EBook of …" line just before it.
fn is_end_marker(line: &str) -> bool {
    let text = line.trim_start_matches(['*', ' ']);
    [
        "END OF THE PROJECT GUTENBERG",
        "END OF THIS PROJECT GUTENBERG",
        "END OF PROJECT GUTENBERG",
    ]
    .iter()
    .any(|marker| starts_with_ignore_ascii_case(text, marker))
}

/// Reads `Title:`, `Author:` and `Language:` fields; a field may go on over indented lines.
fn read_header(header: &[&str]) -> Metadata {
    let field = |name: &str| -> Option<String> {
        let index = header
            .iter()
            .position(|line| starts_with_ignore_ascii_case(line, name))?;
        let mut value = header[index][name.len()..].trim().to_string();
        for continuation in &header[index + 1..] {
            if continuation.trim().is_empty() || !continuation.starts_with(' ') {
                break;
            }
            value.push(' ');
            value.push_str(continuation.trim());
        }
        Some(value).filter(|value| !value.is_empty())
    };
    Metadata {
        title: field("Title:"),
        author: field("Author:"),
        language: field("Language:").and_then(|name| language_code(&name)),
        ebook: header.iter().find_map(|line| ebook_number(line)),
    }
}

/// The number in `[EBook #2701]`, `[eBook #1342]` or an older `[Etext #11]`, on the header's
/// release line.
fn ebook_number(line: &str) -> Option<u32> {
    let lower = line.to_ascii_lowercase();
    ["ebook #", "etext #"].iter().find_map(|marker| {
        let at = lower.find(marker)? + marker.len();
        let digits: String = lower[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok().filter(|&number| number > 0)
    })
}

/// Gutenberg names languages in English; Leling wants codes.
fn language_code(name: &str) -> Option<String> {
    let code = match name.trim().to_ascii_lowercase().as_str() {
        "english" => "en",
        "chinese" => "zh",
        "japanese" => "ja",
        "french" => "fr",
        "german" => "de",
        "spanish" => "es",
        "italian" => "it",
        "portuguese" => "pt",
        "russian" => "ru",
        "dutch" => "nl",
        "latin" => "la",
        "hebrew" => "he",
        _ => return None,
    };
    Some(code.to_string())
}

/// Skips the "Produced by …" credit that often opens the body.
fn skip_producer_credit(lines: &[&str], body_start: usize) -> usize {
    let Some(first) = (body_start..lines.len()).find(|&index| !lines[index].trim().is_empty())
    else {
        return body_start;
    };
    let credit = ["Produced by", "E-text prepared by", "Transcribed by"]
        .iter()
        .any(|prefix| starts_with_ignore_ascii_case(lines[first].trim(), prefix));
    if !credit {
        return body_start;
    }
    (first..lines.len())
        .find(|&index| lines[index].trim().is_empty())
        .unwrap_or(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BlockKind;

    const SAMPLE: &str = "The Project Gutenberg EBook of Moby Dick, by Herman Melville\n\n\
        Title: Moby Dick; or\n  The Whale\n\nAuthor: Herman Melville\n\n\
        Release Date: December 25, 2008 [EBook #2701]\n\nLanguage: English\n\n\
        *** START OF THIS PROJECT GUTENBERG EBOOK MOBY DICK ***\n\n\nProduced by Someone\nand Others\n\n\
        Call me Ishmael.\n\nEnd of Project Gutenberg’s Moby Dick\n\n\
        *** END OF THIS PROJECT GUTENBERG EBOOK MOBY DICK ***\nLicence text\n";

    #[test]
    fn header_credit_and_licence_are_cut_and_metadata_kept() {
        let lines: Vec<&str> = SAMPLE.lines().collect();
        let (metadata, body) = find_body(&lines);
        assert_eq!(metadata.title.as_deref(), Some("Moby Dick; or The Whale"));
        assert_eq!(metadata.author.as_deref(), Some("Herman Melville"));
        assert_eq!(metadata.language.as_deref(), Some("en"));
        assert_eq!(metadata.ebook, Some(2701));
        let body: Vec<&str> = lines[body]
            .iter()
            .copied()
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(body, ["Call me Ishmael."]);
    }

    #[test]
    fn ebook_numbers_are_read_in_old_and_new_header_styles() {
        assert_eq!(
            ebook_number("Release date: June 1, 1998 [eBook #1342]"),
            Some(1342)
        );
        assert_eq!(ebook_number("Posting Date: [EBook #24264]"), Some(24264));
        assert_eq!(ebook_number("[Etext #11]"), Some(11));
        assert_eq!(ebook_number("Most recently updated: 2021"), None);
        assert_eq!(ebook_number("[EBook #]"), None);
    }

    #[test]
    fn text_without_markers_is_all_body() {
        let lines = ["第一回", "正文"];
        let (metadata, body) = find_body(&lines);
        assert_eq!(metadata, Metadata::default());
        assert_eq!(body, 0..2);
    }

    #[test]
    fn html_blocks_lose_the_wrapping() {
        let block = |text: &str| Block::new(BlockKind::Paragraph, text);
        let mut blocks = vec![
            block("The Project Gutenberg eBook of X"),
            block("*** START OF THE PROJECT GUTENBERG EBOOK X ***"),
            block("Story."),
            block("*** END OF THE PROJECT GUTENBERG EBOOK X ***"),
            block("Licence."),
        ];
        trim_blocks(&mut blocks);
        assert_eq!(blocks, [block("Story.")]);
    }

    #[test]
    fn gutenberg_titles_are_split_into_title_and_author() {
        assert_eq!(
            clean_title("The Project Gutenberg eBook of Pride and prejudice, by Jane Austen."),
            (
                "Pride and prejudice".to_string(),
                Some("Jane Austen".to_string())
            )
        );
        assert_eq!(clean_title(" Moby-Dick "), ("Moby-Dick".to_string(), None));
    }
}
