//! Turning a file's bytes into text: byte-order marks, UTF-8, and a guess among the legacy
//! encodings Chinese books still come in (GBK/GB18030, Big5), with a refusal for files that
//! are not text at all.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{CoderResult, Encoding, UTF_8};

use super::DocumentError;

/// Why a file with NUL bytes (and no UTF-16 byte-order mark) is no text.
pub(crate) const NUL_BYTES: DocumentError = DocumentError::NotText {
    reason: "it contains NUL bytes",
};

/// Decodes a plain-text or Markdown file, refusing binary files.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, DocumentError> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => decode_with(encoding, &bytes[bom_length..]),
        None => {
            if bytes.contains(&0) {
                return Err(NUL_BYTES);
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

/// [`decode_text`] for bytes it may keep: UTF-8 (with or without its byte-order mark) becomes
/// the text in place, without a copy; any other encoding is decoded and the bytes let go.
pub(crate) fn decode_text_owned(mut bytes: Vec<u8>) -> Result<String, DocumentError> {
    let bom = match Encoding::for_bom(&bytes) {
        Some((encoding, length)) if encoding == UTF_8 => length,
        Some(_) => return decode_text(&bytes),
        None if bytes.contains(&0) => return decode_text(&bytes),
        None => 0,
    };
    bytes.drain(..bom);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) if bom > 0 => decode_with(UTF_8, error.as_bytes()),
        Err(error) => {
            let bytes = error.into_bytes();
            decode_with(guess_encoding(&bytes), &bytes)
        }
    };
    refuse_binary(&text)?;
    Ok(text)
}

/// How much of a plain-text file is read first, to tell its encoding before the rest is read.
pub(crate) const HEAD_BYTES: usize = 64 * 1024;

/// How much more is read and decoded at a time after the first part.
const STREAM_CHUNK_BYTES: usize = 1024 * 1024;

/// The encoding a plain-text file that begins with `head` is decoded from as it is read: one
/// named by a UTF-16 byte-order mark, or the legacy encoding [`decode_text`] would guess.
/// `None` for UTF-8 (decoded in place instead), for what [`decode_text`] refuses, and when
/// `head` is too short to guess from and more follows (`whole` false): the whole file is then
/// read and decoded as usual.
pub(crate) fn streamed_encoding(head: &[u8], whole: bool) -> Option<&'static Encoding> {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return (encoding != UTF_8).then_some(encoding);
    }
    if whole || head.contains(&0) || encoding_of_start(head) == Some(UTF_8) {
        return None;
    }
    let sample = guess_sample_end(head)?;
    Some(guess_from(&head[..sample], false))
}

/// What reading and decoding a text as it comes gave.
pub(crate) enum Streamed {
    Text(String),
    /// Longer than the reader let it be (read through a `take` of one byte more than allowed).
    TooLong,
    /// NUL bytes, outside UTF-16: no text, as [`decode_text`] finds.
    NotText,
}

/// Decodes `head` and then the rest of `reader` in `encoding` as it is read (a byte-order mark
/// dropped), checking what [`decode_text`] checks before decoding; the caller then refuses
/// what [`refuse_binary`] refuses.
pub(crate) fn decode_streaming(
    encoding: &'static Encoding,
    head: Vec<u8>,
    mut reader: impl std::io::Read,
    expected: Option<u64>,
) -> std::io::Result<Streamed> {
    let limit = crate::MAX_BOOK_BYTES as usize;
    let nul_is_binary = encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE;
    let mut decoder = encoding.new_decoder_with_bom_removal();
    // Room for the longest text the file can make, taken at once: a text grown by doubling
    // would be copied, and held twice, as it grows; room never written takes no memory.
    let length = expected.map_or(head.len(), |length| length.min(limit as u64) as usize);
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length(length).unwrap_or(0));
    // Decoded a piece at a time into a buffer of its own and appended: the text is only ever
    // written as far as it goes.
    let mut piece = vec![0; STREAM_CHUNK_BYTES * 3 + 16];
    let mut decode = |bytes: &[u8], last: bool, text: &mut String| {
        let mut rest = bytes;
        loop {
            let (result, read, written, _) = decoder.decode_to_utf8(rest, &mut piece, last);
            text.push_str(std::str::from_utf8(&piece[..written]).unwrap_or_default());
            rest = &rest[read..];
            if result == CoderResult::InputEmpty {
                return;
            }
        }
    };
    if nul_is_binary && head.contains(&0) {
        return Ok(Streamed::NotText);
    }
    let mut total = head.len();
    decode(&head, false, &mut text);
    drop(head);
    let mut chunk = vec![0; STREAM_CHUNK_BYTES];
    loop {
        let read = reader.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        total += read;
        if total > limit {
            return Ok(Streamed::TooLong);
        }
        if nul_is_binary && chunk[..read].contains(&0) {
            return Ok(Streamed::NotText);
        }
        decode(&chunk[..read], false, &mut text);
    }
    decode(&[], true, &mut text);
    Ok(Streamed::Text(text))
}

/// The start of a long text file, decoded as [`decode_text`] decodes the whole file, of which
/// it is then the beginning: for showing the first pages of a book at once, in any encoding.
/// A character cut at the end of `start` (a multi-byte character's first bytes, half a UTF-16
/// surrogate pair) is left out. `None` when the start is not text, or holds too little to
/// guess its encoding from: the whole file is then decoded as usual.
pub(crate) fn decode_text_start(start: &[u8]) -> Option<String> {
    let (encoding, body) = match Encoding::for_bom(start) {
        Some((encoding, bom_length)) => (encoding, &start[bom_length..]),
        None if start.contains(&0) => return None,
        None => (encoding_of_start(start)?, start),
    };
    let text = decode_start_with(encoding, body)?;
    refuse_binary(&text).ok()?;
    Some(text)
}

/// The encoding [`decode_text`] finds for a file without a byte-order mark, judged from its
/// start: UTF-8 when the start is (but for a character cut at its end), else the guess from
/// the first bytes, which the start must hold.
fn encoding_of_start(start: &[u8]) -> Option<&'static Encoding> {
    match std::str::from_utf8(start) {
        Ok(_) => Some(UTF_8),
        Err(error) if error.error_len().is_none() => Some(UTF_8),
        Err(_) => {
            let sample = guess_sample_end(start)?;
            // More of the file follows the sample, as it follows the start.
            Some(guess_from(&start[..sample], false))
        }
    }
}

/// Decodes the start of a text, telling the decoder that more follows, so that a character
/// cut at the end is held back rather than replaced.
fn decode_start_with(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len())?);
    let (result, _, _) = decoder.decode_to_string(bytes, &mut text, false);
    (result == CoderResult::InputEmpty).then_some(text)
}

/// How many bytes a Latin letter takes in a text that begins with `first_bytes`: two in
/// UTF-16, known by its byte-order mark; else one.
pub(crate) fn bytes_per_latin_letter(first_bytes: &[u8]) -> usize {
    match Encoding::for_bom(first_bytes) {
        Some((encoding, _)) if encoding != UTF_8 => 2,
        _ => 1,
    }
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

/// Legacy encodings are guessed from a file's first bytes, through this many of its non-ASCII
/// ones (ASCII text reads the same in all of them). Stretches of 紅樓夢 and 吶喊 in Big5 and
/// in GBK, begun at 83 line starts through the books, were all guessed right from 512 on;
/// twice that leaves room. The guess is on the way to a book's first page: from 4,096 bytes
/// it made 紅樓夢's first page in Big5 and GB18030 ~2 ms slower than in UTF-8 (1.6-1.8 ×
/// `less`), from 1,024 as quick; over the whole of 紅樓夢 in Big5 it took 370 ms. The start of
/// a long book holds these bytes too, so it is decoded as the whole book is.
const GUESS_FROM_NON_ASCII_BYTES: usize = 1024;

/// Guesses the encoding of a whole file without a byte-order mark, from its first bytes.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    match guess_sample_end(bytes) {
        Some(sample) => guess_from(&bytes[..sample], sample == bytes.len()),
        None => guess_from(bytes, true),
    }
}

/// Where the bytes the encoding is guessed from end: just after the
/// [`GUESS_FROM_NON_ASCII_BYTES`]th non-ASCII byte; `None` when `bytes` hold fewer.
fn guess_sample_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, byte)| !byte.is_ascii())
        .nth(GUESS_FROM_NON_ASCII_BYTES - 1)
        .map(|(index, _)| index + 1)
}

/// `last` says that `sample` ends the file: a character cut at its end is then an error.
fn guess_from(sample: &[u8], last: bool) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, last);
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
pub(crate) fn refuse_binary(text: &str) -> Result<(), DocumentError> {
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

    /// Issue 20, item 15: the owned decoding gives the very text the borrowed one does, in
    /// every encoding, and refuses what it refuses.
    #[test]
    fn bytes_kept_decode_as_bytes_lent() {
        let long = PARAGRAPH.repeat(20);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(PARAGRAPH.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom_utf8 = b"\xEF\xBB\xBF".to_vec();
        bom_utf8.extend_from_slice(PARAGRAPH.as_bytes());
        let mut bad_after_bom = bom_utf8.clone();
        bad_after_bom.push(0xFF);
        for bytes in [
            PARAGRAPH.as_bytes().to_vec(),
            bom_utf8,
            bad_after_bom,
            gbk.into_owned(),
            utf16,
            b"a\0b".to_vec(),
            vec![0x01; 100],
        ] {
            let lent = decode_text(&bytes).map_err(|e| e.to_string());
            let kept = decode_text_owned(bytes).map_err(|e| e.to_string());
            assert_eq!(kept, lent);
        }
    }

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

    /// The guess from the first bytes holds through two whole books: stretches of 紅樓夢 and
    /// 吶喊 in Big5 and in GBK, begun at 150 line starts spread through each (the corpus
    /// beside the repository), are each guessed right, or not guessed at all where a stretch
    /// holds too few non-ASCII bytes to tell.
    #[test]
    fn chinese_books_are_guessed_from_wherever_they_begin() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/texts/zh");
        let books = [
            "hongloumeng-traditional-pg24264.txt",
            "luxun-nahan-traditional-pg27166.txt",
        ];
        let (mut tried, mut guessed) = (0, 0);
        for book in books {
            let text = std::fs::read_to_string(corpus.join(book)).expect("the corpus's book");
            let starts: Vec<usize> = text.match_indices('\n').map(|(at, _)| at + 1).collect();
            for &start in starts.iter().step_by(starts.len() / 150) {
                let rest = &text[start..];
                // Enough characters for any guess; a first part of a book holds more.
                let stretch = rest
                    .char_indices()
                    .nth(1_500)
                    .map_or(rest, |(end, _)| &rest[..end]);
                for encoding in [encoding_rs::BIG5, encoding_rs::GBK] {
                    let (bytes, _, _) = encoding.encode(stretch);
                    if bytes.is_ascii() {
                        continue; // The licence at a book's end: any guess reads it right.
                    }
                    let guess = encoding_of_start(&bytes);
                    assert!(
                        guess.is_none() || guess == Some(encoding),
                        "{book} from byte {start} in {}: guessed {:?}",
                        encoding.name(),
                        guess.map(Encoding::name)
                    );
                    tried += 1;
                    guessed += usize::from(guess.is_some());
                }
            }
        }
        assert!(
            guessed * 10 >= tried * 9,
            "only {guessed} of {tried} stretches were guessed at all"
        );
    }

    /// A long text in `encoding`: enough of the paragraph for its encoding to be guessed (a
    /// trail byte in Big5 or GBK may be an ASCII one, so 4,096 non-ASCII bytes take more).
    fn long_text(encoding: &'static Encoding) -> (String, Vec<u8>) {
        let text = format!("{PARAGRAPH}\n").repeat(60);
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "{} cannot hold the sample", encoding.name());
        let bytes = bytes.into_owned();
        (text, bytes)
    }

    /// Starts of `bytes` cut at each of `cuts`: each decodes to the beginning of `whole`,
    /// holding back fewer bytes than the longest character, `max_char_bytes` (so at most the
    /// one character cut at the end). All of `bytes` decodes to all of `whole`.
    fn check_cuts(
        bytes: &[u8],
        whole: &str,
        cuts: std::ops::Range<usize>,
        max_char_bytes: usize,
        encoded_length: impl Fn(&str) -> usize,
    ) {
        for end in cuts {
            let start = decode_text_start(&bytes[..end]).expect("the start decodes");
            assert!(
                whole.starts_with(&start),
                "cut at {end}: not the text's start"
            );
            let held_back = end - encoded_length(&start);
            assert!(
                held_back < max_char_bytes,
                "cut at {end}: {held_back} bytes lost"
            );
        }
        assert_eq!(decode_text_start(bytes).as_deref(), Some(whole));
    }

    #[test]
    fn the_start_of_a_utf8_text_ends_on_a_whole_character() {
        let bytes = format!("\u{FEFF}{PARAGRAPH}");
        let start = decode_text_start(&bytes.as_bytes()[..3 + 7]).unwrap();
        assert_eq!(start, "話說");
    }

    #[test]
    fn the_start_of_a_legacy_chinese_text_decodes_as_the_whole_and_keeps_back_a_cut_character() {
        for encoding in [encoding_rs::GBK, encoding_rs::BIG5, encoding_rs::GB18030] {
            let (text, bytes) = long_text(encoding);
            assert_eq!(decode_text(&bytes).unwrap(), text, "{}", encoding.name());
            let guessed_from = guess_sample_end(&bytes).expect("enough to guess from");
            let encoded_length = |text: &str| encoding.encode(text).0.len();
            // Cut inside each of a few characters and between them.
            let cuts = guessed_from..guessed_from + 12;
            check_cuts(&bytes, &text, cuts, 2, encoded_length);
            // Too short a start to guess the encoding from: the whole file is read instead.
            assert_eq!(decode_text_start(&bytes[..guessed_from - 1]), None);
        }
    }

    #[test]
    fn the_start_of_a_utf16_text_keeps_back_half_a_surrogate_pair() {
        // 𠀀 and 𪚥 lie outside the Basic Multilingual Plane: two UTF-16 units each.
        let text = format!("{PARAGRAPH}𠀀𪚥\n𪚥話說").repeat(3);
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let encoded_length = |text: &str| 2 + 2 * text.encode_utf16().count();
        check_cuts(&bytes, &text, 2..bytes.len(), 4, encoded_length);
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
