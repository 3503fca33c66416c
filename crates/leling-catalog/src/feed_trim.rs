//! A catalog page read as it arrives, within a memory bound: an XML feed (Atom, OPDS 1, RSS)
//! larger than a page may be is kept up to its last whole entry that fits (at most
//! [`MAX_ENTRIES`] entries, at most [`KEEP_BYTES`]), closed as a document again, and the
//! entries after it are counted, not kept, so she is told how many were left out. Anything
//! else (JSON, a spreadsheet) must fit whole.

use std::io::{self, Write};

use crate::fetch::MAX_CATALOG_BYTES;
use crate::remote::MAX_ENTRIES;

/// The most of a page held in memory.
pub const KEEP_BYTES: usize = MAX_CATALOG_BYTES as usize;

/// The longest tag name looked at; longer ones are not entries.
const LONGEST_NAME: usize = 64;

/// What the scanner is in the middle of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// A start tag's name; `closing` for `</`.
    Name {
        closing: bool,
    },
    /// The rest of a start tag: attributes, perhaps in quotes; `slash` when `/` came last.
    Attributes {
        quote: Option<u8>,
        slash: bool,
    },
    /// Just after `<!`: a comment, a CDATA section or a declaration follows.
    Bang,
    /// A comment (to `-->`), a CDATA section (to `]]>`), or a declaration or instruction
    /// (`end`: `None`, to its `>`), whose text may hold `<` and `>` that are no tags.
    Markup {
        end: Option<u8>,
    },
}

/// A page read through [`Write`]: kept, or kept in part and counted.
pub struct FeedTrimmer {
    /// The page's first [`KEEP_BYTES`] at most.
    kept: Vec<u8>,
    /// No more entries kept: the page is past one of its bounds.
    full: bool,
    xml: Option<bool>,
    state: State,
    name: Vec<u8>,
    /// The elements open before the first entry (the feed's own, e.g. `rss`, `channel`).
    around: Vec<String>,
    seen_entry: bool,
    /// Entries whole in `kept`, and where the last of them ends.
    whole: usize,
    whole_end: usize,
    /// Entries begun in the page, kept or not.
    begun: usize,
    /// The two bytes before this one, for the ends of comments and CDATA sections.
    before: [u8; 2],
}

/// A page as kept: its bytes, and how many entries were left out.
#[derive(Debug)]
pub struct Trimmed {
    pub body: Vec<u8>,
    pub left_out: usize,
}

impl Default for FeedTrimmer {
    fn default() -> Self {
        FeedTrimmer::new()
    }
}

impl FeedTrimmer {
    pub fn new() -> FeedTrimmer {
        FeedTrimmer {
            kept: Vec::new(),
            full: false,
            xml: None,
            state: State::Text,
            name: Vec::new(),
            around: Vec::new(),
            seen_entry: false,
            whole: 0,
            whole_end: 0,
            begun: 0,
            before: [0; 2],
        }
    }

    /// The page as kept. A feed past its bound is cut after its last whole entry kept and
    /// closed again; `None` when not one entry fits.
    pub fn finish(self) -> Option<Trimmed> {
        if !self.full {
            return Some(Trimmed {
                body: self.kept,
                left_out: 0,
            });
        }
        if self.whole == 0 {
            return None;
        }
        let mut body = self.kept;
        body.truncate(self.whole_end);
        for name in self.around.iter().rev() {
            body.extend_from_slice(format!("</{name}>").as_bytes());
        }
        Some(Trimmed {
            body,
            left_out: self.begun.saturating_sub(self.whole),
        })
    }

    fn is_entry(name: &[u8]) -> bool {
        let local = match name.iter().rposition(|&b| b == b':') {
            Some(colon) => &name[colon + 1..],
            None => name,
        };
        local == b"entry" || local == b"item"
    }

    /// Looks at one byte at `offset` in the page.
    fn scan(&mut self, byte: u8, offset: usize) {
        self.state = match self.state {
            State::Text => match byte {
                b'<' => State::Open,
                _ => State::Text,
            },
            State::Open => match byte {
                b'/' => {
                    self.name.clear();
                    State::Name { closing: true }
                }
                b'!' => State::Bang,
                b'?' => State::Markup { end: None },
                // "a < b" in text (not well-formed, but seen): no tag.
                b if b.is_ascii_whitespace() => State::Text,
                _ => {
                    self.name.clear();
                    self.name.push(byte);
                    State::Name { closing: false }
                }
            },
            State::Name { closing } => {
                if byte == b'>' || byte == b'/' || byte.is_ascii_whitespace() {
                    self.tag_named(closing, byte, offset)
                } else {
                    if self.name.len() < LONGEST_NAME {
                        self.name.push(byte);
                    }
                    State::Name { closing }
                }
            }
            State::Attributes { quote, slash } => match (quote, byte) {
                (Some(q), b) if b == q => State::Attributes { quote: None, slash },
                (Some(_), _) => State::Attributes { quote, slash },
                (None, b'"' | b'\'') => State::Attributes {
                    quote: Some(byte),
                    slash: false,
                },
                (None, b'>') => {
                    self.start_tag_ends(slash);
                    State::Text
                }
                (None, b) => State::Attributes {
                    quote: None,
                    slash: b == b'/',
                },
            },
            State::Bang => match byte {
                b'-' => State::Markup { end: Some(b'-') },
                b'[' => State::Markup { end: Some(b']') },
                b'>' => State::Text,
                _ => State::Markup { end: None },
            },
            State::Markup { end } => match (end, byte) {
                (None, b'>') => State::Text,
                (Some(twice), b'>') if self.before == [twice, twice] => State::Text,
                _ => State::Markup { end },
            },
        };
        self.before = [self.before[1], byte];
    }

    /// A tag's name has ended with `byte`.
    fn tag_named(&mut self, closing: bool, byte: u8, offset: usize) -> State {
        if closing {
            if Self::is_entry(&self.name) {
                if !self.full {
                    self.whole += 1;
                    self.whole_end = offset + 1;
                }
            } else if !self.seen_entry {
                self.around.pop();
            }
            return if byte == b'>' {
                State::Text
            } else {
                State::Markup { end: None }
            };
        }
        if Self::is_entry(&self.name) {
            self.seen_entry = true;
            self.begun += 1;
            // One entry more than are kept: the page is cut after the last one kept (a page
            // of exactly that many is kept whole, with what follows its entries).
            if self.begun > MAX_ENTRIES {
                self.full = true;
            }
        }
        let slash = byte == b'/';
        if byte == b'>' {
            self.start_tag_ends(false);
            return State::Text;
        }
        State::Attributes { quote: None, slash }
    }

    /// A start tag has ended; `empty` for `<x/>`. Before the first entry, the feed's own
    /// elements are noted, to be closed again after a cut.
    fn start_tag_ends(&mut self, empty: bool) {
        if !empty && !self.seen_entry && !Self::is_entry(&self.name) {
            self.around
                .push(String::from_utf8_lossy(&self.name).into_owned());
        }
    }
}

impl Write for FeedTrimmer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        // Told by the first byte that is not white space (or a byte-order mark), in whatever
        // piece it comes.
        if self.xml.is_none() {
            let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            self.xml = (start.iter())
                .find(|b| !b.is_ascii_whitespace())
                .map(|&b| b == b'<');
        }
        let xml = self.xml.unwrap_or(true);
        let at = self.kept.len();
        if !xml {
            if at + bytes.len() > KEEP_BYTES {
                return Err(io::Error::from(io::ErrorKind::FileTooLarge));
            }
            self.kept.extend_from_slice(bytes);
            return Ok(bytes.len());
        }
        // Offsets count from the page's start; an entry is whole in the page only when its
        // end is among the bytes kept, so the page is full from the first byte past them.
        for (i, &byte) in bytes.iter().enumerate() {
            if at + i >= KEEP_BYTES {
                self.full = true;
            }
            self.scan(byte, at + i);
        }
        let room = KEEP_BYTES.saturating_sub(at).min(bytes.len());
        self.kept.extend_from_slice(&bytes[..room]);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(entries: usize) -> String {
        let mut feed = String::from(
            "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
             <link rel=\"self\" href=\"/a>b\"/>",
        );
        for n in 0..entries {
            feed.push_str(&format!(
                "<entry><title>Book {n}</title><id>urn:{n}</id></entry>\n"
            ));
        }
        feed.push_str("</feed>");
        feed
    }

    fn trimmed(text: &str, chunk: usize) -> Option<Trimmed> {
        let mut trimmer = FeedTrimmer::new();
        for piece in text.as_bytes().chunks(chunk) {
            trimmer.write_all(piece).unwrap();
        }
        trimmer.finish()
    }

    #[test]
    fn a_feed_within_bounds_is_kept_whole() {
        let feed = atom(3);
        let kept = trimmed(&feed, 7).unwrap();
        assert_eq!(kept.body, feed.as_bytes());
        assert_eq!(kept.left_out, 0);
    }

    #[test]
    fn a_feed_past_its_entries_is_cut_after_a_whole_entry_and_closed() {
        let feed = atom(MAX_ENTRIES + 25);
        let kept = trimmed(&feed, 4096).unwrap();
        assert_eq!(kept.left_out, 25);
        let text = String::from_utf8(kept.body).unwrap();
        assert!(
            text.ends_with("</entry></feed>"),
            "{}",
            &text[text.len() - 40..]
        );
        let parsed = feed_rs::parser::parse(text.as_bytes()).unwrap();
        assert_eq!(parsed.entries.len(), MAX_ENTRIES);
    }

    #[test]
    fn rss_is_closed_around_its_channel() {
        let mut rss = String::from("<rss version=\"2.0\"><channel><title>T</title>");
        for n in 0..MAX_ENTRIES + 1 {
            rss.push_str(&format!("<item><title>{n}</title><br/></item>"));
        }
        rss.push_str("</channel></rss>");
        let kept = trimmed(&rss, 1000).unwrap();
        let text = String::from_utf8(kept.body).unwrap();
        assert!(text.ends_with("</item></channel></rss>"));
        assert_eq!(kept.left_out, 1);
    }

    #[test]
    fn comments_and_cdata_hide_no_tags_and_a_page_of_exactly_the_most_entries_is_whole() {
        let mut feed = String::from("\n\n<rss><channel><title>T</title>");
        feed.push_str(
            "<!-- <item> in a comment --><description><![CDATA[a>b <i class=\"x]]></description>",
        );
        for n in 0..MAX_ENTRIES {
            feed.push_str(&format!("<item><title>{n}</title></item>"));
        }
        feed.push_str("<link rel=\"next\" href=\"/2\"/></channel></rss>");
        // The first piece is white space only: the page is still taken for XML.
        let kept = trimmed(&feed, 1).unwrap();
        assert_eq!(kept.left_out, 0);
        assert_eq!(kept.body, feed.as_bytes());
        feed.insert_str(
            feed.len() - "</channel></rss>".len(),
            "<item><title>one more</title></item>",
        );
        let kept = trimmed(&feed, 4096).unwrap();
        assert_eq!(kept.left_out, 1);
    }

    #[test]
    fn json_past_the_bound_is_too_large() {
        let mut trimmer = FeedTrimmer::new();
        trimmer.write_all(b"{\"a\": [").unwrap();
        let big = vec![b' '; KEEP_BYTES];
        let error = trimmer.write_all(&big).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
    }
}
