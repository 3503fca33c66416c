//! What a search matches against: text folded to one script and case, and the pinyin of
//! names in full and by initials, with every reading of a many-reading character (银行 is
//! found by `yh` and `yinhang`, and by `yx` and `yinxing` too).

use pinyin::ToPinyinMulti;

/// Readings of one name are combined up to this many spellings; a long name with many
/// many-reading characters would otherwise give thousands.
const MAX_SPELLINGS: usize = 32;

/// Text as it is indexed and as queries are compared: simplified characters, lower case,
/// single spaces.
pub fn fold(text: &str) -> String {
    let folded = crate::script::fold(text).to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn both_scripts_and_cases_fold_together() {
        assert_eq!(fold("紅樓夢"), fold("红楼梦"));
        assert_eq!(fold("  Moby   DICK "), "moby dick");
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
