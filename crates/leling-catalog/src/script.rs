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

/// A text folded once for searching many times (a book searched as the person types).
/// Folding keeps one character for one character in all but rare phrases; where it does not,
/// the text is searched as written.
pub struct Searchable {
    /// The folded, lower-cased text, character for character the original; `None` when
    /// folding changed the number of characters, and the text is then searched as written.
    haystack: Option<String>,
}

impl Searchable {
    pub fn new(text: &str) -> Searchable {
        let folded = fold(text);
        if folded.chars().count() != text.chars().count() {
            return Searchable { haystack: None };
        }
        let lower = folded.to_lowercase();
        // Lower-casing can change the number of characters (rarely); then only the folded
        // text is searched.
        let haystack = if lower.chars().count() == folded.chars().count() {
            lower
        } else {
            folded
        };
        Searchable {
            haystack: Some(haystack),
        }
    }

    /// Where `query` occurs in `original` (the text this was made from), as byte offsets,
    /// whichever script either is in.
    pub fn find_all(&self, original: &str, query: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let Some(haystack) = &self.haystack else {
            return original.match_indices(query).map(|(i, _)| i).collect();
        };
        let query = fold(query).to_lowercase();
        // Matches come in order: one walk through both texts, character by character, maps
        // each to the same character in the original.
        let mut folded = haystack.char_indices().map(|(i, _)| i);
        let mut source = original.char_indices().map(|(i, _)| i);
        let mut found = Vec::new();
        for (byte, _) in haystack.match_indices(&query) {
            for (at, from) in folded.by_ref().zip(source.by_ref()) {
                if at == byte {
                    found.push(from);
                    break;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all(text: &str, query: &str) -> Vec<usize> {
        Searchable::new(text).find_all(text, query)
    }

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
