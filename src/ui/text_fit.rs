//! Fitting text to a window: the blank columns at its sides, and lines wrapped to a width in
//! display columns. Shared by every screen's drawing, the reader's captions and the QR page.

/// Columns left blank at each side: generous on a wide window, one on a narrow one.
pub fn margin(width: u16) -> u16 {
    if width >= 60 { 2 } else { 1 }
}

/// Wraps text to a width in display columns, breaking lines as Unicode line breaking allows
/// (between Chinese characters, at spaces in English).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, textwrap::Options::new(width.max(1)).break_words(true))
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}
