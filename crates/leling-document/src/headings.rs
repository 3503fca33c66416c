//! Recognising chapter headings written as plain lines: `第一回 …`, `第三章`, `CHAPTER 1.
//! Loomings.`, `Chapter I.`, `PREFACE.`, and bare section numbers such as `一` or `IV.`.

/// A Chinese chapter line: `第` + number + unit, then the rest of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ChineseChapter<'a> {
    /// 回 (the chapters of classical novels, titled with a two-line couplet), 章, 節, 卷 …
    pub unit: char,
    /// Whatever follows the unit, untrimmed.
    pub rest: &'a str,
}

const CHINESE_NUMERALS: &str = "一二三四五六七八九十百千零〇两兩廿卅0123456789０１２３４５６７８９";
const CHINESE_UNITS: &str = "回章節节卷篇部集";
/// Punctuation that shows a line is running prose rather than a title.
pub(crate) const PROSE_PUNCTUATION: &str = "，。．！？；：、,.!?;:";

/// `line` (already trimmed) as a Chinese chapter heading, if it is one. After the unit there
/// must be nothing, whitespace, or a short title without prose punctuation (`第一章序`), so that
/// prose such as `第四回中既將…，` or `第二回了．` is not taken for a heading.
pub(crate) fn chinese_chapter(line: &str) -> Option<ChineseChapter<'_>> {
    let after_di = line.strip_prefix('第')?;
    let number_length: usize = after_di
        .chars()
        .take_while(|&c| CHINESE_NUMERALS.contains(c))
        .map(char::len_utf8)
        .sum();
    if number_length == 0 || number_length > 8 * 3 {
        return None;
    }
    let after_number = &after_di[number_length..];
    let unit = after_number
        .chars()
        .next()
        .filter(|&c| CHINESE_UNITS.contains(c))?;
    let rest = &after_number[unit.len_utf8()..];
    let stands_alone = rest.is_empty() || rest.starts_with(char::is_whitespace);
    let short_title =
        rest.chars().count() <= 20 && !rest.chars().any(|c| PROSE_PUNCTUATION.contains(c));
    (stands_alone || short_title).then_some(ChineseChapter { unit, rest })
}

/// Words that head a numbered part in English books.
const ENGLISH_PART_WORDS: [&str; 4] = ["CHAPTER", "BOOK", "PART", "VOLUME"];
/// Words that make a heading on their own.
const ENGLISH_SECTION_WORDS: [&str; 7] = [
    "PREFACE",
    "PROLOGUE",
    "EPILOGUE",
    "INTRODUCTION",
    "CONCLUSION",
    "AFTERWORD",
    "FOREWORD",
];

/// `line` (already trimmed) is an English chapter heading: `CHAPTER 1. Loomings.`,
/// `Chapter I.`, `BOOK TWO`, or a lone `PREFACE.` / `Epilogue`. The word must be in capitals
/// or title case, and a title after the number must not run on in lower case, so that prose
/// such as "Chapter 4 was worse." is not taken for one.
pub(crate) fn is_english_chapter(line: &str) -> bool {
    if line.len() > 100 {
        return false;
    }
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let bare_first = first.trim_end_matches(['.', ':']);
    if !is_capital_or_title_case(bare_first) {
        return false;
    }
    let upper = bare_first.to_ascii_uppercase();
    if ENGLISH_SECTION_WORDS.contains(&upper.as_str()) {
        return words.next().is_none();
    }
    // A typesetting slip joins word and number ("CHAPTERXXVII.").
    if let Some(number) = bare_first.strip_prefix("CHAPTER")
        && is_roman_number(number)
    {
        return words.next().is_none();
    }
    if !ENGLISH_PART_WORDS.contains(&upper.as_str()) {
        return false;
    }
    let numbered = words
        .next()
        .map(|number| number.trim_end_matches(['.', ':', ',']))
        .is_some_and(is_number_word);
    let runs_on_as_prose = words
        .next()
        .is_some_and(|word| word.starts_with(|c: char| c.is_lowercase()));
    numbered && !runs_on_as_prose
}

fn is_capital_or_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && (chars.clone().all(|c| c.is_ascii_uppercase()) || chars.all(|c| c.is_ascii_lowercase()))
}

const NUMBER_WORDS: [&str; 20] = [
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
    "SIXTEEN",
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
    "TWENTY",
];

fn is_number_word(word: &str) -> bool {
    is_arabic_number(word)
        || is_roman_number(word)
        || NUMBER_WORDS.contains(&word.to_ascii_uppercase().as_str())
}

fn is_arabic_number(word: &str) -> bool {
    (1..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

fn is_roman_number(word: &str) -> bool {
    (1..=8).contains(&word.len()) && word.bytes().all(|b| b"IVXLCDM".contains(&b))
}

/// `line` (already trimmed) is a bare section number: `一`, `十二`, `3`, `IV.`, `二、`.
pub(crate) fn is_section_number(line: &str) -> bool {
    let number = line.trim_end_matches(['.', '、', '．']);
    let chinese = (1..=4).contains(&number.chars().count())
        && number
            .chars()
            .all(|c| "一二三四五六七八九十百零〇".contains(c));
    chinese || is_arabic_number(number) && number.len() <= 3 || is_roman_number(number)
}

/// A chapter heading in either language.
pub(crate) fn is_chapter_heading(line: &str) -> bool {
    chinese_chapter(line).is_some() || is_english_chapter(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_chapter_lines_are_recognised_but_prose_is_not() {
        let chapter = chinese_chapter("第一回　甄士隱夢幻識通靈　賈雨村風塵怀閨秀").unwrap();
        assert_eq!(chapter.unit, '回');
        assert!(chinese_chapter("第一二零回").is_some());
        assert!(chinese_chapter("第十回").is_some());
        assert_eq!(chinese_chapter("第一章序").map(|c| c.rest), Some("序"));
        assert!(
            chinese_chapter("第四回中既將薛家母子在榮府內寄居等事略已表明，此回則暫").is_none()
        );
        assert!(chinese_chapter("第二回了．你怎么嘗不出來？").is_none());
        assert!(chinese_chapter("第二，立傳的通例").is_none());
        assert!(chinese_chapter("第一個問題是棺木。").is_none());
        assert!(chinese_chapter("第").is_none());
    }

    #[test]
    fn english_chapter_lines_are_recognised_but_prose_is_not() {
        for heading in [
            "CHAPTER 1. Loomings.",
            "Chapter I.",
            "CHAPTER LXI.",
            "BOOK TWO",
            "Epilogue",
            "PREFACE.",
            "CHAPTERXXVII.",
        ] {
            assert!(is_english_chapter(heading), "{heading}");
        }
        for prose in [
            "chapter 1 of the book",
            "Chapter 4 was worse.",
            "Chapter and verse were quoted",
            "Epilogue to a long day",
            "",
            "Chapters",
            "CHAPTERS",
        ] {
            assert!(!is_english_chapter(prose), "{prose}");
        }
    }

    #[test]
    fn bare_section_numbers_are_recognised() {
        for number in ["一", "十三", "3", "IV.", "二、"] {
            assert!(is_section_number(number), "{number}");
        }
        for not_number in ["一件小事", "1234", "I am", ""] {
            assert!(!is_section_number(not_number), "{not_number}");
        }
    }
}
