//! What a search matches against: text folded to one script and case, and the pinyin of
//! names in full and by initials, with every reading of a many-reading character (银行 is
//! found by `yh` and `yinhang`, and by `yx` and `yinxing` too).
//!
//! English words are found by their start ("hist" finds "History", "story" does not): every
//! word in the indexed text gets a space before it, and a query that begins with a letter or
//! digit gets one too, so the query can only match where a word begins. Chinese is written
//! without spaces and is found anywhere in the text, as is pinyin.

use pinyin::ToPinyinMulti;

use leling_core::model::is_han;
use leling_store::SearchTerms;

/// Readings of one name are combined up to this many spellings; a long name with many
/// many-reading characters would otherwise give thousands.
const MAX_SPELLINGS: usize = 32;

/// Text as it is indexed and as queries are compared: simplified characters, lower case,
/// single spaces.
pub fn fold(text: &str) -> String {
    let folded = crate::script::fold(text).to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as the index keeps it for searching words: folded, with a space before every word.
pub fn index_words(text: &str) -> String {
    mark_word_starts(&fold(text))
}

/// What a typed query looks for: its words from their start (Chinese anywhere), and the
/// same letters anywhere in the pinyin unless the query holds Chinese, which pinyin never does.
pub fn query_terms(query: &str) -> SearchTerms {
    let folded = fold(query);
    SearchTerms {
        words: mark_word_starts(&folded),
        pinyin: folded.is_ascii().then_some(folded),
    }
}

/// Puts a space before each word that does not already follow one: at the start, after
/// punctuation ("(history"), and after a Chinese character ("第3章"). The same marking on the
/// text and on the query keeps them comparable.
fn mark_word_starts(folded: &str) -> String {
    let mut marked = String::with_capacity(folded.len() + 8);
    let mut previous: Option<char> = None;
    for c in folded.chars() {
        if is_word_char(c) && previous.is_none_or(|p| p != ' ' && !is_word_char(p)) {
            marked.push(' ');
        }
        marked.push(c);
        previous = Some(c);
    }
    marked
}

/// A letter or digit of a script that separates words with spaces (not a Han character).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// The pinyin spellings of `name`, space-separated: the whole name in full and by initials
/// with each character's usual reading, and every reading combination of each run of up to
/// [`WINDOW`] characters (so 银行 inside a long title is still found by `yh` and `yinhang`).
/// A name with no Chinese gives nothing.
pub fn pinyin_forms(name: &str) -> String {
    let readings: Vec<Vec<(&'static str, &'static str)>> = name
        .chars()
        .filter_map(|c| c.to_pinyin_multi())
        .map(|multi| {
            multi
                .into_iter()
                .map(|r| (r.plain(), r.first_letter()))
                .collect()
        })
        .collect();
    if readings.is_empty() {
        return String::new();
    }
    let mut forms: Vec<String> = vec![
        readings.iter().map(|r| r[0].0).collect(),
        readings.iter().map(|r| r[0].1).collect(),
    ];
    for start in 0..readings.len() {
        let window = &readings[start..(start + WINDOW).min(readings.len())];
        forms.extend(spellings(window, |r| r.0));
        forms.extend(spellings(window, |r| r.1));
    }
    forms.sort();
    forms.dedup();
    forms.join(" ")
}

/// A run of characters is spelled every way its readings allow, up to this many characters.
const WINDOW: usize = 4;

/// Every spelling of `window`, one reading per character, up to [`MAX_SPELLINGS`].
fn spellings(
    window: &[Vec<(&'static str, &'static str)>],
    part: impl Fn(&(&'static str, &'static str)) -> &'static str,
) -> Vec<String> {
    let mut spelled = vec![String::new()];
    for readings in window {
        let mut next = Vec::new();
        for so_far in &spelled {
            for reading in readings {
                if next.len() < MAX_SPELLINGS {
                    next.push(format!("{so_far}{}", part(reading)));
                }
            }
        }
        next.dedup();
        spelled = next;
    }
    spelled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reading_is_indexed_in_full_and_by_initials() {
        let forms: Vec<String> = pinyin_forms("银行").split(' ').map(str::to_owned).collect();
        for wanted in ["yinhang", "yinxing", "yh", "yx"] {
            assert!(
                forms.iter().any(|f| f == wanted),
                "{wanted} not in {forms:?}"
            );
        }
        assert_eq!(pinyin_forms("Walden"), "");
    }

    #[test]
    fn a_title_in_traditional_characters_is_found_by_its_usual_spelling_and_initials() {
        for (title, full, initials) in [("紅樓夢", "hongloumeng", "hlm"), ("吶喊", "nahan", "nh")]
        {
            let forms = pinyin_forms(title);
            for wanted in [full, initials] {
                assert!(forms.split(' ').any(|f| f == wanted), "{title}: {wanted}");
            }
        }
        assert_eq!(fold("紅樓夢 吶喊"), fold("红楼梦 呐喊"));
    }

    #[test]
    fn both_scripts_and_cases_fold_together() {
        assert_eq!(fold("紅樓夢"), fold("红楼梦"));
        assert_eq!(fold("  Moby   DICK "), "moby dick");
    }

    #[test]
    fn words_are_marked_where_they_start_and_chinese_is_left_alone() {
        assert_eq!(
            index_words("Records of the Grand Historian (History)"),
            " records of the grand historian ( history)"
        );
        assert_eq!(index_words("史记 第3章"), "史记 第 3章");
        assert_eq!(query_terms("Hist").words, " hist");
        assert_eq!(query_terms("Hist").pinyin.as_deref(), Some("hist"));
        assert_eq!(query_terms("红楼梦").words, "红楼梦");
        assert_eq!(query_terms("红楼梦").pinyin, None);
    }

    #[test]
    fn a_word_inside_a_long_title_is_found_by_every_reading() {
        let forms = pinyin_forms("识破假冒公检法和银行的电话骗局");
        for wanted in ["yh", "yinhang", "yinxing", "dianhua"] {
            assert!(forms.split(' ').any(|f| f.contains(wanted)), "{wanted}");
        }
        // The whole title by its usual readings, initials too.
        assert!(forms.split(' ').any(|f| f.starts_with("spjmgjf")));
    }
}
