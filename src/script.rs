//! Chinese characters in simplified or traditional form (OpenCC conversion tables).
//!
//! A book keeps its own characters underneath: positions, bookmarks and layout all refer to
//! the original text, and only what is shown, spoken and searched is converted.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use serde::{Deserialize, Serialize};

/// How Chinese text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChineseScript {
    /// As the book has it.
    #[default]
    AsWritten,
    Simplified,
    Traditional,
}

impl ChineseScript {
    pub const ALL: [ChineseScript; 3] = [
        ChineseScript::AsWritten,
        ChineseScript::Simplified,
        ChineseScript::Traditional,
    ];

    /// The text in this script (unchanged when shown as written, or when the tables fail).
    pub fn convert(self, text: &str) -> String {
        let converter = match self {
            ChineseScript::AsWritten => None,
            ChineseScript::Simplified => simplified(),
            ChineseScript::Traditional => traditional(),
        };
        match converter {
            Some(c) => c.convert(text),
            None => text.to_owned(),
        }
    }
}

fn simplified() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

fn traditional() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).ok())
        .as_ref()
}

/// The form both scripts are folded to for searching.
pub fn fold(text: &str) -> String {
    ChineseScript::Simplified.convert(text)
}

/// Where `query` occurs in `text`, as byte offsets into `text`, whichever script either is in.
/// Folding keeps one character for one character in all but rare phrases; where it does not,
/// the text is searched as written.
pub fn find_all(text: &str, query: &str) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let folded_text = fold(text);
    let folded_query = fold(query);
    let same_shape = folded_text.chars().count() == text.chars().count();
    if !same_shape {
        return text.match_indices(query).map(|(i, _)| i).collect();
    }
    // Map each match in the folded text back to the same character in the original.
    let original: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let folded_starts: Vec<usize> = folded_text.char_indices().map(|(i, _)| i).collect();
    let folded_lower = folded_text.to_lowercase();
    let query_lower = folded_query.to_lowercase();
    let haystack = if folded_lower.len() == folded_text.len() {
        folded_lower
    } else {
        folded_text
    };
    haystack
        .match_indices(&query_lower)
        .filter_map(|(byte, _)| folded_starts.binary_search(&byte).ok())
        .map(|char_index| original[char_index])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_find_each_other() {
        let text = "話說賈寶玉在書房裏讀書。";
        let hits = find_all(text, "贾宝玉");
        assert_eq!(hits, vec![text.find("賈").unwrap()]);
        assert_eq!(find_all("话说贾宝玉", "賈寶玉"), vec!["话说".len()]);
    }

    #[test]
    fn conversion_changes_the_script_both_ways() {
        assert_eq!(ChineseScript::Simplified.convert("讀書會"), "读书会");
        assert_eq!(ChineseScript::Traditional.convert("读书会"), "讀書會");
        assert_eq!(ChineseScript::AsWritten.convert("讀書"), "讀書");
    }

    #[test]
    fn english_search_ignores_case() {
        assert_eq!(
            find_all("Call me Ishmael. Ishmael!", "ishmael"),
            vec![8, 17]
        );
    }
}
