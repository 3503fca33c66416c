//! Time values put right before feed-rs 2.4 reads them.
//!
//! feed-rs panics on some of them instead of skipping them: its `parse_npt` unwraps the
//! number its `\d` pattern matched, and `\d` also matches non-ASCII digits (full-width
//! `４５`, Arabic-Indic `٤٥`) and digit runs too long for a u64. Such values reach it in
//! `<itunes:duration>` and in the `start`, `end` and `time` attributes of `<media:text>` and
//! `<media:thumbnail>`. Those values, when they are anything but plain ASCII times, are
//! blanked; they would have given no duration anyway, and the rest of the feed is kept
//! (`crate::panic_guard`, around feed-rs as a last resort, can only give up the whole feed).
//!
//! It also reads an iTunes duration written `MM:SS` (which Apple allows, and podcasts use)
//! as that many seconds: `45:00` would be 45 seconds. Such a duration is written `0:45:00`.
//!
//! The scan works on bytes, whatever the encoding: `<`, `>`, `=` and quotes never occur
//! inside a multi-byte character of the ASCII-compatible encodings feeds come in (UTF-8,
//! Latin-1, GBK, Big5, Shift_JIS), and only ASCII bytes are ever kept in a checked value.

use std::borrow::Cow;
use std::ops::Range;

/// `bytes` with every risky time value emptied and every `MM:SS` duration made `0:MM:SS`;
/// borrowed when nothing needed changing.
pub(super) fn defuse(bytes: &[u8]) -> Cow<'_, [u8]> {
    // Byte ranges to replace, in document order, with what replaces them.
    let mut changes: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
    let mut at = 0;
    while let Some(open) = find(bytes, b'<', at) {
        let name_start = open + 1;
        let rest = &bytes[name_start..];
        // Sections whose text may hold quotes and brackets are skipped whole, so that they
        // cannot hide the start of a tag.
        if let Some(end) = [
            (&b"![CDATA["[..], &b"]]>"[..]),
            (b"!--", b"-->"),
            (b"?", b"?>"),
        ]
        .iter()
        .find(|(start, _)| rest.starts_with(start))
        .map(|(_, end)| end)
        {
            at = after(bytes, name_start, end).unwrap_or(bytes.len());
            continue;
        }
        // Closing tags, declarations and a stray "<" hold no values to check.
        if !rest
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_' || b >= 0x80)
        {
            at = name_start;
            continue;
        }
        let Some(tag_end) = tag_end(bytes, name_start) else {
            break;
        };
        at = tag_end + 1;
        let tag = &bytes[name_start..tag_end];
        let name_end = tag
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'/')
            .unwrap_or(tag.len());
        match local_name(&tag[..name_end]) {
            b"duration" if !tag.ends_with(b"/") => {
                // A document cut off inside the element is checked to its end.
                let content = tag_end + 1..close_tag(bytes, tag_end + 1).unwrap_or(bytes.len());
                let value = bytes[content.clone()].trim_ascii();
                if !is_plain_time(value) {
                    changes.push((content, Vec::new()));
                } else if value.iter().filter(|&&b| b == b':').count() == 1 {
                    changes.push((content, [b"0:", value].concat()));
                }
            }
            b"text" | b"thumbnail" => {
                for value in attribute_values(bytes, name_start + name_end, tag_end) {
                    changes.push((value, Vec::new()));
                }
            }
            _ => {}
        }
    }
    if changes.is_empty() {
        return Cow::Borrowed(bytes);
    }
    let mut defused = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    for (range, replacement) in changes {
        defused.extend_from_slice(&bytes[copied..range.start]);
        defused.extend_from_slice(&replacement);
        copied = range.end;
    }
    defused.extend_from_slice(&bytes[copied..]);
    Cow::Owned(defused)
}

/// Digits, colons, dots and spaces, with no run of digits a u64 cannot hold many times over:
/// what `parse_npt` handles safely.
fn is_plain_time(value: &[u8]) -> bool {
    value
        .iter()
        .all(|&b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b' ' | b'\t' | b'\r' | b'\n'))
        && value
            .split(|b| !b.is_ascii_digit())
            .all(|digits| digits.len() <= 9)
}

/// The ranges of the risky values of `start`, `end` and `time` attributes between `from` and
/// `to` (the inside of a start tag).
///
/// Keys are looked for wherever one may begin (after a space or a quote), not by walking the
/// attributes in order: after a malformed attribute, quick-xml picks up again at the next
/// space, even one this walk would take to be inside a value (`a=b" time="٤" "`).
fn attribute_values(bytes: &[u8], from: usize, to: usize) -> Vec<Range<usize>> {
    let mut risky = Vec::new();
    let mut at = from;
    while at < to {
        let starts_key =
            bytes[at - 1].is_ascii_whitespace() || matches!(bytes[at - 1], b'"' | b'\'');
        let key = [&b"start"[..], b"end", b"time"]
            .into_iter()
            .find(|key| starts_key && bytes[at..to].starts_with(key));
        let Some(key) = key else {
            at += 1;
            continue;
        };
        let mut next = skip_spaces(bytes, at + key.len(), to);
        at += 1;
        if bytes.get(next) != Some(&b'=') {
            continue;
        }
        next = skip_spaces(bytes, next + 1, to);
        let Some(&quote) = bytes.get(next).filter(|&&b| b == b'"' || b == b'\'') else {
            continue;
        };
        let Some(value_end) = find(&bytes[..to], quote, next + 1) else {
            continue;
        };
        if !is_plain_time(&bytes[next + 1..value_end]) {
            risky.push(next + 1..value_end);
        }
        at = value_end + 1;
    }
    risky
}

fn skip_spaces(bytes: &[u8], from: usize, to: usize) -> usize {
    from + bytes[from..to]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count()
}

/// The `>` ending the tag that starts at `from`, outside quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, &b) in bytes.get(from..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(open), _) if b == open => quote = None,
            (None, b'>') => return Some(from + offset),
            _ => {}
        }
    }
    None
}

/// Where the next closing tag (`</`) starts: an element's text runs up to it, and anything
/// else before it (CDATA, a comment, a child) makes the value risky.
fn close_tag(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(2)
        .position(|pair| pair == b"</")
        .map(|offset| from + offset)
}

/// The position just past the next `end` at or after `from`.
fn after(bytes: &[u8], from: usize, end: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(end.len())
        .position(|window| window == end)
        .map(|offset| from + offset + end.len())
}

fn local_name(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn find(bytes: &[u8], wanted: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == wanted)
        .map(|offset| from + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defused(xml: &str) -> String {
        String::from_utf8(defuse(xml.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn risky_durations_are_blanked() {
        assert_eq!(
            defused("<itunes:duration>４５:００</itunes:duration>"),
            "<itunes:duration></itunes:duration>"
        );
        assert_eq!(
            defused("<duration>12345678901234567890</duration>"),
            "<duration></duration>"
        );
        assert_eq!(
            defused("<i:duration><![CDATA[٤٥]]></i:duration><i:duration>&#1636;</i:duration>"),
            "<i:duration></i:duration><i:duration></i:duration>"
        );
        assert_eq!(
            defused(
                "<media:thumbnail url='a>b' time=\"١:٠٠\"/><media:text start='00:01' end='&#x664;'>x</media:text>"
            ),
            "<media:thumbnail url='a>b' time=\"\"/><media:text start='00:01' end=''>x</media:text>"
        );
    }

    #[test]
    fn time_attributes_are_found_as_quick_xml_finds_them() {
        assert_eq!(
            defused("<media:text a=b\" time=\"\u{664}\" \" url=\"\"=(\"\" end = '\u{e50}'>"),
            "<media:text a=b\" time=\"\" \" url=\"\"=(\"\" end = ''>"
        );
        assert!(matches!(
            defuse(
                "<media:thumbnail url=\"https://x.example/?time=\u{664}\" time=\"12\"/>".as_bytes()
            ),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn minutes_and_seconds_are_not_taken_for_seconds() {
        assert_eq!(
            defused("<itunes:duration> 45:00 </itunes:duration>"),
            "<itunes:duration>0:45:00</itunes:duration>"
        );
    }

    #[test]
    fn quotes_in_text_sections_cannot_hide_a_tag() {
        assert_eq!(
            defused(
                "<d><![CDATA[ a < \"b ]]></d><!-- \" --><?pi \"?><x:duration>\u{664}</x:duration>"
            ),
            "<d><![CDATA[ a < \"b ]]></d><!-- \" --><?pi \"?><x:duration></x:duration>"
        );
    }

    #[test]
    fn plain_documents_are_not_copied() {
        let xml = "<rss><itunes:duration>1:02:03.5</itunes:duration><duration/><duration>867</duration>\
                   <media:text start=\"12:05:35.123\">t</media:text><title>第１讲 a < b</title></rss>";
        assert!(matches!(defuse(xml.as_bytes()), Cow::Borrowed(_)));
        assert!(matches!(defuse(b"<duration>1"), Cow::Borrowed(_)));
        assert_eq!(defused("<duration>\u{664}"), "<duration>");
        assert!(matches!(defuse(b"<media:text start=\"1"), Cow::Borrowed(_)));
    }
}
