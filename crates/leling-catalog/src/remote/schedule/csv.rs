//! Schedules saved as CSV: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode
//! text"), or GBK/GB18030, which Excel in China writes by default.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

use super::{Cell, read_rows};
use crate::remote::links::Resolver;
use crate::remote::sniff::ContentType;
use crate::remote::{RemoteCatalog, RemoteError, SourceFormat};

/// A CSV schedule. Text that was only guessed to be CSV (no CSV content type) and has no
/// title column is not a schedule at all: an unknown format rather than a faulty schedule.
pub(in crate::remote) fn parse_csv(
    bytes: &[u8],
    content_type: &ContentType,
    base: &Resolver,
) -> Result<RemoteCatalog, RemoteError> {
    let text = decode(bytes, content_type.charset.as_deref());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Rows shorter or longer than the header are common in hand-kept sheets.
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let rows = reader.records().map(|record| {
        record
            .map(|record| {
                record
                    .iter()
                    .map(|cell| Cell::Text(cell.to_string()))
                    .collect()
            })
            .map_err(|error| RemoteError::malformed("CSV", error))
    });
    match read_rows(SourceFormat::Csv, rows, 1, base) {
        Err(RemoteError::NoTitleColumn) if !content_type.is_csv() => {
            Err(RemoteError::UnknownFormat)
        }
        result => result,
    }
}

/// The text of the file: a byte-order mark decides, then the server's charset, then UTF-8
/// when the bytes are valid UTF-8, then a guess.
fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => (encoding, &bytes[bom_length..]),
        None => {
            let declared = charset.and_then(|label| Encoding::for_label(label.as_bytes()));
            let encoding = match declared {
                Some(encoding) => encoding,
                None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
                None => guess(bytes),
            };
            (encoding, bytes)
        }
    };
    encoding.decode_without_bom_handling(body).0.into_owned()
}

/// The schedules Leling reads come from China, so the `.cn` hint settles short files that
/// could be GBK or Big5 in favour of GBK.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), Utf8Detection::Allow)
}

/// The separator, judged by the header row.
fn delimiter(text: &str) -> u8 {
    crate::spreadsheet::delimiter(text, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_found() {
        let (gbk, _, _) = encoding_rs::GBK.encode("标题,主讲人\n太极入门,李明\n");
        assert_eq!(decode(&gbk, None), "标题,主讲人\n太极入门,李明\n");
        assert_eq!(decode("\u{feff}title\n".as_bytes(), None), "title\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("标题".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, None), "标题");
        let (big5, _, _) = encoding_rs::BIG5.encode("標題");
        assert_eq!(decode(&big5, Some("big5")), "標題");
    }

    #[test]
    fn the_delimiter_is_read_from_the_header() {
        assert_eq!(delimiter("title,speaker\n"), b',');
        assert_eq!(delimiter("title\tspeaker\tvenue, room\n"), b'\t');
        assert_eq!(delimiter("title;speaker\n"), b';');
        assert_eq!(delimiter(""), b',');
    }
}
