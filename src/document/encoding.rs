//! Turning a file's bytes into text: byte-order marks, UTF-8, and a guess among the legacy
//! encodings Chinese books still come in (GBK/GB18030, Big5), with a refusal for files that
//! are not text at all.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use super::DocumentError;

/// Decodes a plain-text or Markdown file, refusing binary files.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, DocumentError> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => decode_with(encoding, &bytes[bom_length..]),
        None => {
            if bytes.contains(&0) {
                return Err(DocumentError::NotText {
                    reason: "it contains NUL bytes",
                });
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => decode_with(guess_encoding(bytes), bytes),
            }
        }
    };
    refuse_binary(&text)?;
    Ok(text)
}

/// The first bytes of a UTF-8 text, up to the last whole character, for showing the start of
/// a long book at once. `None` when the text is in another encoding or its start is not
/// text: the whole file is then decoded as usual.
pub(crate) fn decode_utf8_start(start: &[u8]) -> Option<String> {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    if Encoding::for_bom(start).is_some() {
        return None;
    }
    let text = match std::str::from_utf8(start) {
        Ok(text) => text,
        // Cut inside a character at the end: keep what comes before it.
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(&start[..error.valid_up_to()]).ok()?
        }
        Err(_) => return None,
    };
    refuse_binary(text).ok()?;
    Some(text.to_string())
}

/// Decodes an HTML or XHTML file: a byte-order mark, else the charset the file declares, else
/// UTF-8 when valid, else a guess. Undecodable bytes become U+FFFD rather than an error, since
/// one bad byte in a chapter should not cost the reader the chapter.
pub(crate) fn decode_html(bytes: &[u8]) -> Result<String, DocumentError> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => decode_with(encoding, &bytes[bom_length..]),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let encoding = declared_charset(bytes).unwrap_or_else(|| guess_encoding(bytes));
                decode_with(encoding, bytes)
            }
        },
    };
    refuse_binary(&text)?;
    Ok(text)
}

/// Decodes XML that should be UTF-8 (EPUB parts), honouring a byte-order mark and replacing
/// invalid bytes.
pub(crate) fn decode_xml_lossy(bytes: &[u8]) -> String {
    let (text, _, _) = UTF_8.decode(bytes);
    text.into_owned()
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Allow)
}

/// The encoding named by `<meta charset=…>`, `content="…; charset=…"` or an XML declaration
/// in the first kilobyte, as the HTML standard's prescan does.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    ["charset=", "encoding="].iter().find_map(|key| {
        let start = head.find(key)? + key.len();
        let label: String = head[start..]
            .chars()
            .skip_while(|&c| c == '"' || c == '\'')
            .take_while(|&c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        Encoding::for_label(label.as_bytes())
    })
}

/// A file is taken for binary when control characters or undecodable bytes are more than a
/// few in a hundred: real text, in any encoding, has almost none.
fn refuse_binary(text: &str) -> Result<(), DocumentError> {
    let mut total = 0usize;
    let mut strange = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return Err(DocumentError::NotText {
                reason: "it contains NUL characters",
            });
        }
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}');
        if control || c == char::REPLACEMENT_CHARACTER {
            strange += 1;
        }
    }
    if strange * 20 > total {
        return Err(DocumentError::NotText {
            reason: "it is mostly control characters or undecodable bytes",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "話說賈雨村剛欲過渡，只見一人飛奔而來，跑到跟前，口稱：“老爺，方才進廟的那老道士被火燒了！”雨村聽了，心中十分疑惑，便叫人回去看看。";

    #[test]
    fn byte_order_marks_choose_the_encoding() {
        // The Encoding Standard has no UTF-16 encoder, so the bytes are built by hand.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(PARAGRAPH.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&bytes).unwrap(), PARAGRAPH);
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice(PARAGRAPH.as_bytes());
        assert_eq!(decode_text(&utf8).unwrap(), PARAGRAPH);
    }

    #[test]
    fn legacy_chinese_encodings_are_guessed() {
        for encoding in [encoding_rs::GBK, encoding_rs::BIG5] {
            let (bytes, _, unmappable) = encoding.encode(PARAGRAPH);
            assert!(!unmappable, "{} cannot hold the sample", encoding.name());
            assert_eq!(
                decode_text(&bytes).unwrap(),
                PARAGRAPH,
                "{}",
                encoding.name()
            );
        }
    }

    #[test]
    fn the_start_of_a_utf8_text_ends_on_a_whole_character() {
        let bytes = format!("\u{FEFF}{PARAGRAPH}");
        let start = decode_utf8_start(&bytes.as_bytes()[..3 + 7]).unwrap();
        assert_eq!(start, "話說");
        let (gbk, _, _) = encoding_rs::GBK.encode(PARAGRAPH);
        assert_eq!(decode_utf8_start(&gbk), None);
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(matches!(
            decode_text(b"\x7fELF\x02\x01\x01\0\0\0"),
            Err(DocumentError::NotText { .. })
        ));
        let controls: Vec<u8> = (0..200u8).map(|i| i % 32 + 1).collect();
        assert!(matches!(
            decode_text(&controls),
            Err(DocumentError::NotText { .. })
        ));
        assert!(decode_text(b"plain\twords\r\n").is_ok());
    }

    #[test]
    fn html_declared_charsets_are_honoured_and_bad_bytes_replaced() {
        let (big5, _, _) = encoding_rs::BIG5.encode(PARAGRAPH);
        let mut html = b"<meta charset=\"big5\"><p>".to_vec();
        html.extend_from_slice(&big5);
        assert!(decode_html(&html).unwrap().contains(PARAGRAPH));
        let broken = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><p>caf\xE9 au lait</p>";
        assert!(decode_html(broken).unwrap().contains("caf\u{FFFD} au lait"));
    }
}
