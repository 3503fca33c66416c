//! Line breaking in display columns: Unicode line breaking (UAX #14, through icu_segmenter)
//! plus the Chinese rules a reader expects — no line starts with closing punctuation such as
//! ，。、；：！？）」』】〉》… and none ends with opening punctuation such as （「『【〈《.

use std::ops::Range;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;
use unicode_width::UnicodeWidthChar;

/// Characters that must not begin a line.
const NO_START: &[char] = &[
    '，', '。', '、', '；', '：', '！', '？', '）', '」', '』', '】', '〉', '》', '…', '．', '・',
    '〕', '｝', '〗', '〙', '〛', '％', '～', '”', '’', ',', '.', ';', ':', '!', '?', ')', ']',
    '}', '%',
];
/// Characters that must not end a line.
const NO_END: &[char] = &[
    '（', '「', '『', '【', '〈', '《', '〔', '｛', '〖', '〘', '〚', '“', '‘', '(', '[', '{',
];

pub fn must_not_start_line(c: char) -> bool {
    NO_START.contains(&c)
}

pub fn must_not_end_line(c: char) -> bool {
    NO_END.contains(&c)
}

struct CharInfo {
    offset: usize,
    ch: char,
    width: usize,
    space: bool,
    /// A line may break just before this character.
    break_before: bool,
}

/// Splits `text` (one paragraph, no line breaks) into line ranges no wider than `width`
/// columns. Spaces at a break are dropped. A single character wider than the width gets a line
/// of its own; when a run without break opportunities must be cut, the cut still keeps the
/// punctuation rules where the run allows it.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let chars = analyse(text);
    let n = chars.len();
    let offset = |i: usize| chars.get(i).map_or(text.len(), |c| c.offset);
    let mut lines = Vec::new();
    let mut i = 0;
    loop {
        while i < n && chars[i].space {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut used = 0;
        let mut last_break = None;
        let mut j = start;
        let end = loop {
            if j == n {
                break n;
            }
            let c = &chars[j];
            if j > start && c.break_before {
                last_break = Some(j);
            }
            if !c.space && used + c.width > width && j > start {
                break match last_break {
                    Some(b) => b,
                    None => emergency_break(&chars, start, j),
                };
            }
            used += c.width;
            j += 1;
        };
        let mut trimmed = end;
        while trimmed > start && chars[trimmed - 1].space {
            trimmed -= 1;
        }
        lines.push(offset(start)..offset(trimmed));
        i = end;
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

fn analyse(text: &str) -> Vec<CharInfo> {
    // Built at compile time from ICU's bundled data.
    const SEGMENTER: icu_segmenter::LineSegmenterBorrowed<'static> =
        LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    let mut chars: Vec<CharInfo> = text
        .char_indices()
        .map(|(offset, ch)| CharInfo {
            offset,
            ch,
            width: ch.width().unwrap_or(0),
            space: ch.is_whitespace(),
            break_before: false,
        })
        .collect();
    let mut index = 0;
    for opportunity in SEGMENTER.segment_str(text) {
        while index < chars.len() && chars[index].offset < opportunity {
            index += 1;
        }
        if index < chars.len() && chars[index].offset == opportunity {
            chars[index].break_before = true;
        }
    }
    let mut previous_visible: Option<char> = None;
    for c in &mut chars {
        if c.break_before
            && (must_not_start_line(c.ch) || previous_visible.is_some_and(must_not_end_line))
        {
            c.break_before = false;
        }
        if !c.space {
            previous_visible = Some(c.ch);
        }
    }
    chars
}

/// A cut inside a run with no break opportunity: the latest place in `start+1..=overflow`
/// that keeps the punctuation rules, or the overflow point itself when none does.
fn emergency_break(chars: &[CharInfo], start: usize, overflow: usize) -> usize {
    (start + 1..=overflow)
        .rev()
        .find(|&q| {
            // Spaces at a break are dropped, so what matters is the next visible character.
            let next_visible = chars[q..].iter().find(|c| !c.space);
            let starts_ok = next_visible.is_none_or(|c| !must_not_start_line(c.ch));
            let previous_visible = chars[..q].iter().rev().find(|c| !c.space);
            starts_ok && previous_visible.is_none_or(|c| !must_not_end_line(c.ch))
        })
        .unwrap_or(overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        // Width 10 holds five characters; the sixth is a comma, which may not start a line.
        let text = "一二三四五，六七八九十。";
        let got = lines(text, 10);
        assert_eq!(got, ["一二三四", "五，六七八", "九十。"]);
        for line in got {
            assert!(line.width() <= 10);
        }
    }

    #[test]
    fn opening_brackets_stay_with_what_follows() {
        let got = lines("一二三四「五六七八」", 10);
        assert!(got.iter().all(|l| !l.ends_with('「')), "{got:?}");
        assert!(got.iter().all(|l| !l.starts_with('」')), "{got:?}");
    }

    #[test]
    fn closing_punctuation_after_a_space_stays_on_its_line() {
        let got = lines("天地人 ，，九", 8);
        assert!(got.iter().all(|l| !l.starts_with('，')), "{got:?}");
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 10), vec![0..0]);
    }
}
