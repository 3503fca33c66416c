//! Small helpers over quick-xml for the EPUB's package files: a forgiving event loop, element
//! and attribute names without namespace prefixes, and entity decoding.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One step through an XML document, with names stripped of their prefixes (`dc:title` is
/// `title`, `ncx:navPoint` is `navPoint`).
pub(super) enum Step<'a> {
    /// An opening tag; a self-closing one (`<item …/>`) is followed by its `Close`.
    Open {
        name: &'a str,
        tag: &'a BytesStart<'a>,
    },
    Close {
        name: &'a str,
    },
    /// Character data with entities already decoded.
    Text(&'a str),
}

/// Feeds every step of `text` to `visit`. Stops quietly at the first syntax error: a damaged
/// package file gives what could be read before the damage.
pub(super) fn for_each_step(text: &str, mut visit: impl FnMut(Step)) {
    let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => visit(Step::Open {
                name: tag.local_name().into_inner(),
                tag: &tag,
            }),
            Ok(Event::Empty(tag)) => {
                let name = tag.local_name().into_inner();
                visit(Step::Open { name, tag: &tag });
                visit(Step::Close { name });
            }
            Ok(Event::End(tag)) => visit(Step::Close {
                name: tag.local_name().into_inner(),
            }),
            Ok(Event::Text(text)) => visit(Step::Text(&text.xml10_content())),
            Ok(Event::CData(data)) => visit(Step::Text(&data.xml10_content())),
            Ok(Event::GeneralRef(reference)) => {
                let mut buffer = [0u8; 4];
                if let Some(c) = entity_char(&reference) {
                    visit(Step::Text(c.encode_utf8(&mut buffer)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// The value of the attribute whose name, without prefix, is `name`, entities decoded.
pub(super) fn attribute(tag: &BytesStart, name: &str) -> Option<String> {
    tag.attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().into_inner() == name)
        .map(|attribute| decode_entities(&attribute.value).into_owned())
}

/// Replaces `&amp;`, `&#233;` and the like; unknown references are left as written.
pub(super) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find(';').filter(|&end| end <= 10) {
            Some(end) if entity_char(&after[..end]).is_some() => {
                out.extend(entity_char(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an entity name (`amp`, `#38`, `#x26`) stands for.
fn entity_char(name: &str) -> Option<char> {
    let number = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(decimal) => number(decimal, 10),
            None => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            decode_entities("Harper &amp; Brothers &#233;&#x4E2D;"),
            "Harper & Brothers é中"
        );
        assert_eq!(
            decode_entities("a & b &bogus; &#xZZ;"),
            "a & b &bogus; &#xZZ;"
        );
    }

    #[test]
    fn steps_carry_local_names_and_decoded_text() {
        let mut seen = Vec::new();
        for_each_step(
            "<dc:title id='t'>A &amp; B</dc:title><item/><broken",
            |step| {
                seen.push(match step {
                    Step::Open { name, tag } => format!("open {name} {:?}", attribute(tag, "id")),
                    Step::Close { name } => format!("close {name}"),
                    Step::Text(text) => format!("text {text}"),
                })
            },
        );
        assert_eq!(
            seen,
            [
                "open title Some(\"t\")",
                "text A ",
                "text &",
                "text  B",
                "close title",
                "open item None",
                "close item"
            ]
        );
    }
}
