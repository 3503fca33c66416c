//! Sentences for reading aloud: UAX #29 for English with an abbreviation list, the Chinese
//! terminators 。．！？… (紅樓夢 ends sentences with the full-width ．), and long sentences
//! split at ，；： so a learner is never left listening to one endless utterance.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::text::ChapterText;
use leling_core::model::is_han;

/// Sentences longer than this many characters are split at a clause mark.
const MAX_CJK_CHARS: usize = 60;
const MAX_LATIN_CHARS: usize = 250;

const CJK_TERMINATORS: &[char] = &['。', '．', '！', '？', '!', '?', '…'];
const CLOSERS: &[char] = &['」', '』', '”', '’', '）', ')', '】', '》', '〉'];
const CLAUSE_MARKS: &[char] = &['，', '；', '：', '、', ',', ';', ':'];

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Capt", "Col", "Gen", "Lt", "Sgt", "Rev",
    "Hon", "Mt", "vs", "etc", "e.g", "i.e", "No", "Vol", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "viz", "cf", "ca",
];

/// Every sentence of a chapter, as byte ranges of its text, in order.
pub fn sentences(chapter: &ChapterText) -> Vec<Range<usize>> {
    let mut all = Vec::new();
    for block in &chapter.blocks {
        let text = &chapter.text[block.range.clone()];
        let base = block.range.start;
        let cjk = text.chars().any(is_han);
        let found = if cjk {
            cjk_sentences(text)
        } else {
            latin_sentences(text)
        };
        let limit = if cjk { MAX_CJK_CHARS } else { MAX_LATIN_CHARS };
        for range in found {
            for piece in split_long(text, range, limit) {
                let trimmed = trim(text, piece);
                if !trimmed.is_empty() {
                    all.push(base + trimmed.start..base + trimmed.end);
                }
            }
        }
    }
    all
}

fn cjk_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut inside_ascii_quote = false;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '"' {
            inside_ascii_quote = !inside_ascii_quote;
        }
        if !CJK_TERMINATORS.contains(&c) {
            continue;
        }
        // Take the whole run of terminators and the closing quotes after it.
        while let Some(&(_, next)) = chars.peek() {
            let closes_ascii = next == '"' && inside_ascii_quote;
            if CJK_TERMINATORS.contains(&next) || CLOSERS.contains(&next) || closes_ascii {
                if closes_ascii {
                    inside_ascii_quote = false;
                }
                chars.next();
            } else {
                break;
            }
        }
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        out.push(start..end);
        start = end;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn latin_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut joining = false;
    for (start, sentence) in text.split_sentence_bound_indices() {
        let range = start..start + sentence.len();
        match out.last_mut() {
            Some(previous) if joining => previous.end = range.end,
            _ => out.push(range),
        }
        joining = ends_with_abbreviation(sentence.trim_end());
    }
    out
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let single_initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    single_initial || ABBREVIATIONS.contains(&word)
}

/// Splits a sentence longer than `limit` characters at clause marks (or, with none, at the
/// limit itself).
fn split_long(text: &str, range: Range<usize>, limit: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    loop {
        let rest = &text[start..range.end];
        if rest.chars().count() <= limit {
            pieces.push(start..range.end);
            return pieces;
        }
        let window: Vec<(usize, char)> = rest.char_indices().take(limit).collect();
        let at_clause = window
            .iter()
            .skip(limit / 3)
            .rev()
            .find(|(_, c)| CLAUSE_MARKS.contains(c))
            .map(|&(i, c)| i + c.len_utf8());
        let cut = at_clause
            .unwrap_or_else(|| window.last().map_or(rest.len(), |&(i, c)| i + c.len_utf8()));
        pieces.push(start..start + cut);
        start += cut;
    }
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading == slice.len() {
        return range.start..range.start;
    }
    range.start + leading..range.end - trailing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::BlockSpan;
    use leling_document::BlockKind;

    fn chapter(text: &str) -> ChapterText {
        ChapterText {
            title: None,
            text: text.to_owned(),
            blocks: vec![BlockSpan {
                kind: BlockKind::Paragraph,
                range: 0..text.len(),
            }],
        }
    }

    fn said(text: &str) -> Vec<String> {
        let c = chapter(text);
        sentences(&c)
            .into_iter()
            .map(|r| c.text[r].to_owned())
            .collect()
    }

    #[test]
    fn english_abbreviations_do_not_end_sentences() {
        assert_eq!(
            said(
                "Mr. Bennet was among the earliest. He visited Dr. Jones on St. Mark's day. Then he left."
            ),
            [
                "Mr. Bennet was among the earliest.",
                "He visited Dr. Jones on St. Mark's day.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn chinese_terminators_including_the_full_width_stop() {
        assert_eq!(
            said("此開卷第一回也．作者自云：曾歷過一番夢幻之後。你好嗎？好！"),
            [
                "此開卷第一回也．",
                "作者自云：曾歷過一番夢幻之後。",
                "你好嗎？",
                "好！"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            said("他說：「走吧。」我們就走了。"),
            ["他說：「走吧。」", "我們就走了。"]
        );
        assert_eq!(
            said("士隱笑道：\"此論極是。\"二人笑了。"),
            ["士隱笑道：\"此論極是。\"", "二人笑了。"]
        );
    }

    #[test]
    fn long_sentences_are_split_at_clause_marks() {
        let long = "一二三四五六七八九十，".repeat(10) + "完。";
        let got = said(&long);
        assert!(got.len() > 1);
        assert!(got.iter().all(|s| s.chars().count() <= MAX_CJK_CHARS));
        assert_eq!(got.concat(), long);
        assert!(got[0].ends_with('，'));
    }
}
