//! Collapsing whitespace the way a reader expects: runs become one space, except that Chinese
//! and Japanese need no space where a line was broken between two of their characters.

/// What to do with a whitespace run that sits between two CJK characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CjkGaps {
    /// Keep it as one space (headings, where full-width spaces separate parts of a title).
    Keep,
    /// Drop it when it holds a line break, as CSS does for CJK text (HTML).
    DropLineBreaks,
    /// Drop it always (re-flowed plain-text Chinese, where such spaces are typing slips).
    Drop,
}

/// `text` with leading and trailing whitespace removed and every inner run of whitespace made
/// a single ASCII space, or nothing between CJK characters as `gaps` says.
pub(crate) fn collapse(text: &str, gaps: CjkGaps) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim_start();
    let mut gap_has_line_break = false;
    // Whole words are copied at once; only the gaps between them are decided on.
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if let (Some(last), Some(first)) = (out.chars().next_back(), word.chars().next()) {
            let between_cjk =
                (is_cjk(last) || is_cjk(first)) && joins_cjk(last) && joins_cjk(first);
            let drop = between_cjk
                && match gaps {
                    CjkGaps::Keep => false,
                    CjkGaps::DropLineBreaks => gap_has_line_break,
                    CjkGaps::Drop => true,
                };
            if !drop {
                out.push(' ');
            }
        }
        out.push_str(word);
        let after = &rest[word_end..];
        let next_word = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        gap_has_line_break = after[..next_word].contains(['\n', '\r']);
        rest = &after[next_word..];
    }
    out
}

/// Han ideographs, CJK punctuation and symbols, kana, and full-width forms: characters of
/// scripts written without spaces between words. (Hangul is left out: Korean uses spaces.)
pub(crate) fn is_cjk(c: char) -> bool {
    leling_core::model::is_han(c)
        || matches!(c as u32,
            0x2E80..=0x2FDF       // radicals
            | 0x3000..=0x30FF     // CJK symbols and punctuation, hiragana, katakana
            | 0x31C0..=0x31FF     // strokes, katakana extensions
            | 0xFE30..=0xFE4F     // CJK compatibility forms (vertical punctuation)
            | 0xFF00..=0xFFEF) // full-width and half-width forms
}

/// CJK characters and the general punctuation Chinese shares with English (“”‘’—…), which
/// sits against CJK text without spaces.
fn joins_cjk(c: char) -> bool {
    is_cjk(c) || ('\u{2010}'..='\u{206F}').contains(&c)
}

/// Whether `haystack` contains `needle`, ignoring ASCII case, without allocating.
pub(crate) fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    // Compare whole windows only where the first byte matches: linear on real text.
    haystack.iter().enumerate().any(|(start, byte)| {
        byte.eq_ignore_ascii_case(&first)
            && haystack
                .get(start..start + needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    })
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_become_one_space_and_ends_are_trimmed() {
        assert_eq!(collapse("  a \t b\n\nc  ", CjkGaps::Keep), "a b c");
        assert_eq!(collapse("\u{3000}\u{a0} ", CjkGaps::Keep), "");
    }

    #[test]
    fn cjk_line_breaks_vanish_but_latin_ones_become_spaces() {
        assert_eq!(
            collapse("山路を\n登りながら", CjkGaps::DropLineBreaks),
            "山路を登りながら"
        );
        assert_eq!(
            collapse("山路を 登り", CjkGaps::DropLineBreaks),
            "山路を 登り"
        );
        assert_eq!(collapse("古史． 空空道人", CjkGaps::Drop), "古史．空空道人");
        assert_eq!(collapse("阿Q\n正傳", CjkGaps::Drop), "阿Q 正傳");
        assert_eq!(collapse("第一回　甄士隱", CjkGaps::Keep), "第一回 甄士隱");
        assert_eq!(collapse("說︰\n“寂寞呀”", CjkGaps::Drop), "說︰“寂寞呀”");
        assert_eq!(collapse("off—\nthen “so”", CjkGaps::Drop), "off— then “so”");
    }

    #[test]
    fn ascii_case_is_ignored_when_searching() {
        assert!(contains_ignore_ascii_case(
            "*** START OF THE Project",
            "start of the project"
        ));
        assert!(!contains_ignore_ascii_case("abc", "abcd"));
        assert!(starts_with_ignore_ascii_case("Chapter I", "CHAPTER"));
        assert!(!starts_with_ignore_ascii_case("Chap", "CHAPTER"));
    }
}
