//! Reading the values of a roster's cells: phone numbers, dates, birth years and languages as
//! volunteers type them, in half- or full-width characters.

use chrono::{Datelike, NaiveDate};

use super::sheet::Cell;
use leling_core::model::Lang;

/// The earliest birth year taken; anything before is a typing mistake.
pub const FIRST_BIRTH_YEAR: i32 = 1900;

/// Full-width ASCII (`１３８`, `－`, `（`), which Chinese input methods produce, as half-width;
/// the ideographic space as a plain space.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Digits with spaces, dashes and parentheses between them, an optional leading `+`, and
/// 7 to 15 digits in all (a local landline to the longest international number).
pub fn is_phone(text: &str) -> bool {
    let text = half_width(text);
    let body = text.strip_prefix('+').unwrap_or(&text);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    allowed && (7..=15).contains(&digits)
}

/// A date from an Excel date cell, or written `2026-09-01`, `2026/9/1`, `2026.9.1` or
/// `2026年9月1日`. A time after the date (`2026/9/1 0:00`, as Excel's CSV export writes a
/// date-and-time cell) is allowed and dropped. `None` when it is not a date.
pub fn date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(date) => Some(*date),
        Cell::Text(text) => date_text(text),
        Cell::Number(_) | Cell::Empty => None,
    }
}

fn date_text(text: &str) -> Option<NaiveDate> {
    let text = half_width(text);
    let text = text.trim();
    let (day_part, time_part) = match text.split_once([' ', 'T']) {
        Some((day_part, time_part)) => (day_part, time_part.trim()),
        None => (text, ""),
    };
    if !time_part
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
    {
        return None;
    }
    let day_part = match day_part.strip_suffix('日') {
        Some(chinese) => chinese.replacen('年', "-", 1).replacen('月', "-", 1),
        None => day_part.to_string(),
    };
    let separator = day_part.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = day_part.split(separator).collect();
    let [year, month, day] = parts[..] else {
        return None;
    };
    let number = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(number(year, 4..=4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(month, 1..=2)?, number(day, 1..=2)?)
}

/// A birth year from 1900 to `this_year`: `1950`, `1950年`, a number cell, or a whole birth
/// date, of which the year is kept.
pub fn birth_year(cell: &Cell, this_year: i32) -> Option<i32> {
    let year = match cell {
        Cell::Number(number) if number.fract() == 0.0 && number.abs() < 1e6 => *number as i32,
        Cell::Number(_) | Cell::Empty => return None,
        Cell::Date(date) => date.year(),
        Cell::Text(text) => {
            let text = half_width(text);
            let text = text.trim();
            let digits = text.strip_suffix('年').unwrap_or(text).trim();
            if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
                digits.parse().ok()?
            } else {
                date_text(text)?.year()
            }
        }
    };
    (FIRST_BIRTH_YEAR..=this_year)
        .contains(&year)
        .then_some(year)
}

/// The language a member prefers: 中文, zh or Chinese; 英文, en or English, in any case.
pub fn language(text: &str) -> Option<Lang> {
    let folded: String = half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match folded.as_str() {
        "中文" | "汉语" | "普通话" | "zh" | "zh-cn" | "chinese" => Some(Lang::Zh),
        "英文" | "英语" | "en" | "english" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    fn text(value: &str) -> Cell {
        Cell::Text(value.to_string())
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for good in [
            "13812345678",
            "138 1234 5678",
            "+86 138-1234-5678",
            "(010) 6512 3456",
            "６５１２３４５６",
            "1234567",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["12ab", "123456", "1234567890123456", "138+1234567", "", "+"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn dates_in_the_forms_volunteers_type() {
        for form in [
            "2026-09-01",
            "2026/9/1",
            "2026.09.01",
            "2026年9月1日",
            "２０２６年９月１日",
            "2026/9/1 0:00",
            "2026-09-01T00:00:00",
        ] {
            assert_eq!(date(&text(form)), day(2026, 9, 1), "{form}");
        }
        assert_eq!(date(&Cell::Date(day(2026, 9, 1).unwrap())), day(2026, 9, 1));
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-9-1",
            "2026-9",
            "2026-9/1",
            "next week",
            "2026/9/1 noon",
            "9/1/2026",
        ] {
            assert_eq!(date(&text(bad)), None, "{bad}");
        }
        assert_eq!(date(&Cell::Number(46266.0)), None);
    }

    #[test]
    fn birth_years_from_1900_to_this_year() {
        assert_eq!(birth_year(&text("1950"), 2026), Some(1950));
        assert_eq!(birth_year(&text("1950年"), 2026), Some(1950));
        assert_eq!(birth_year(&text("1950-03-02"), 2026), Some(1950));
        assert_eq!(birth_year(&Cell::Number(1948.0), 2026), Some(1948));
        assert_eq!(birth_year(&text("2026"), 2026), Some(2026));
        assert_eq!(birth_year(&text("2027"), 2026), None);
        assert_eq!(birth_year(&text("1899"), 2026), None);
        assert_eq!(birth_year(&text("五零年"), 2026), None);
        assert_eq!(birth_year(&Cell::Number(1e300), 2026), None);
    }

    #[test]
    fn languages_in_chinese_or_english() {
        assert_eq!(language("中文"), Some(Lang::Zh));
        assert_eq!(language(" Chinese "), Some(Lang::Zh));
        assert_eq!(language("ZH"), Some(Lang::Zh));
        assert_eq!(language("英文"), Some(Lang::En));
        assert_eq!(language("English"), Some(Lang::En));
        assert_eq!(language("粤语"), None);
    }
}
