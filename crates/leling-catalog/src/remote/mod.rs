//! Remote catalogs: the bytes of an OPDS 1 or 2 catalog, an RSS, Atom or JSON Feed, or a
//! lecture schedule kept as CSV or XLSX, read into one model ([`RemoteCatalog`]).
//!
//! Nothing here fetches or stores: the caller hands over the bytes, the `Content-Type` it was
//! given and the address it fetched, and gets a catalog or a [`RemoteError`] it can explain
//! to a volunteer. Every input is untrusted: parsing never panics, XML entities are never
//! expanded, and at most [`MAX_ENTRIES`] entries are kept. `docs/catalog-formats.md` describes
//! how each format maps to the model.

mod error;
mod feeds;
mod fields;
mod guard;
mod links;
mod opds1;
mod opds2;
pub mod opensearch;
mod schedule;
mod sniff;
mod text;

use chrono::{DateTime, FixedOffset};
use leling_i18n::{t, t_with};

use crate::LectureFormat;

pub use error::RemoteError;

/// The most entries one document gives; the rest are dropped and
/// [`RemoteCatalog::truncated`] is set. Big enough for any real catalog page, small enough
/// that a hostile document cannot make the list unusable.
pub const MAX_ENTRIES: usize = 10_000;

/// Past it an XLSX schedule is refused as [`RemoteError::TooLarge`].
pub use crate::spreadsheet::MAX_XLSX_UNPACKED_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Opds1,
    Opds2,
    Rss,
    Atom,
    JsonFeed,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RemoteCatalog {
    pub format: SourceFormat,
    /// The document's own title; empty when it has none (CSV and XLSX never do).
    pub title: String,
    pub entries: Vec<RemoteEntry>,
    /// rel="next" (OPDS 1 and Atom/RSS links, OPDS 2 links, JSON Feed `next_url`), absolute.
    pub next_page: Option<String>,
    /// The OPDS 1 OpenSearch description (rel="search"), or the OPDS 2 search template with
    /// its `{?query}` part kept as written.
    pub search: Option<String>,
    /// Links to other catalogs: OPDS 1 navigation entries and titled feed links, OPDS 2
    /// `navigation` and the groups' navigation.
    pub navigation: Vec<NavigationLink>,
    /// Schedule rows left out because something in them was wrong (CSV and XLSX only).
    pub skipped: Vec<SkippedRow>,
    /// Whether the document held more than [`MAX_ENTRIES`] entries (or a schedule more than
    /// [`MAX_ENTRIES`] faulty rows) and the rest was not read.
    pub truncated: bool,
    /// Entries of a page too big to keep whole that were counted as it was read, not kept
    /// (`feed_trim`).
    pub left_out: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationLink {
    pub title: String,
    /// Absolute http(s) address.
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The row as a spreadsheet numbers it: the header row is 1.
    pub row: usize,
    /// Everything wrong with it, in column order.
    pub faults: Vec<RowFault>,
}

/// What is wrong with one row of a lecture schedule. Values are kept as written, to quote
/// them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowFault {
    NoTitle,
    StartNotADate { value: String },
    EndNotADate { value: String },
    EndsBeforeStart,
    DurationNotMinutes { value: String },
    UnknownFormat { value: String },
}

impl SkippedRow {
    /// "row 4: the title is empty; the start "someday" is not …", in the person's language.
    pub fn describe(&self, lang: leling_core::model::Lang) -> String {
        let faults: Vec<String> = self.faults.iter().map(|f| f.describe(lang)).collect();
        let args = [
            ("row", self.row.into()),
            (
                "problems",
                faults.join(t(lang, "list-separator").as_str()).into(),
            ),
        ];
        t_with(lang, "schedule-row-skipped", &args)
    }
}

impl RowFault {
    fn describe(&self, lang: leling_core::model::Lang) -> String {
        let quoted =
            |id: &str, value: &str| t_with(lang, id, &[("value", value.to_owned().into())]);
        match self {
            RowFault::NoTitle => t(lang, "schedule-fault-no-title"),
            RowFault::StartNotADate { value } => quoted("schedule-fault-start", value),
            RowFault::EndNotADate { value } => quoted("schedule-fault-end", value),
            RowFault::EndsBeforeStart => t(lang, "schedule-fault-ends-before-start"),
            RowFault::DurationNotMinutes { value } => quoted("schedule-fault-duration", value),
            RowFault::UnknownFormat { value } => quoted("schedule-fault-format", value),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RemoteEntry {
    /// The feed's id or guid, else the first link, else a stable hash of the title.
    pub id: String,
    pub title: String,
    /// Authors, or a lecture's speakers.
    pub authors: Vec<String>,
    /// Plain text: HTML tags stripped, entities decoded, whitespace collapsed.
    pub summary: Option<String>,
    pub language: Option<String>,
    /// Categories, subjects or topics.
    pub subjects: Vec<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub links: Vec<EntryLink>,
    /// From itunes:duration, media durations, OPDS 2 `duration` or a schedule's duration.
    pub duration_minutes: Option<u32>,
    /// A scheduled lecture's start and end (CSV and XLSX).
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
    pub venue: Option<String>,
    /// Who offers it: a schedule's host, an OPDS publisher.
    pub provider: Option<String>,
    /// Video or audio from the media types of the entry's files, or a schedule's format.
    pub format: Option<LectureFormat>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLink {
    /// Absolute http(s) address; links with other schemes are dropped.
    pub href: String,
    pub media_type: Option<String>,
    pub rel: LinkRole,
    /// Size in bytes, when the document says.
    pub length: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRole {
    /// OPDS acquisition: buy, borrow, sample, subscribe, or plain acquisition.
    Acquisition,
    /// OPDS open-access acquisition: free to take.
    OpenAccess,
    /// A web page about the entry.
    Alternate,
    /// A media file: an RSS enclosure, media:content, an Atom enclosure, a JSON Feed attachment.
    Enclosure,
    Transcript,
    /// A cover or thumbnail.
    Image,
    Other,
}

/// Reads one catalog document. `content_type` is the HTTP `Content-Type` when there was one;
/// `base_url` is the address the document came from, against which relative links are
/// resolved (without it, the document's own self link is used).
///
/// The bytes decide between the families (zip, JSON, XML, HTML, text) because servers often
/// label feeds wrongly; the content type decides within a family where the bytes cannot
/// (an OPDS 1 catalog without OPDS links, a JSON document of neither known shape, a text
/// file without a title column).
pub fn parse(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
) -> Result<RemoteCatalog, RemoteError> {
    let hints = sniff::ContentType::parse(content_type);
    let base = links::Resolver::from_address(base_url);
    Ok(match sniff::sniff(bytes)? {
        sniff::Body::Zip => schedule::parse_xlsx(bytes, &base)?,
        sniff::Body::Json => {
            // serde_json refuses a byte-order mark, which some servers still send.
            let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let value: serde_json::Value = serde_json::from_slice(json)
                .map_err(|error| RemoteError::malformed("JSON", error))?;
            match sniff::json_format(&value, &hints) {
                Some(SourceFormat::Opds2) => opds2::parse(&value, &base),
                Some(SourceFormat::JsonFeed) => feeds::parse_json_feed(json, &value, &base)?,
                _ => return Err(RemoteError::UnknownFormat),
            }
        }
        sniff::Body::Xml(root) => {
            let opds_hint = root.opds_namespace || hints.opds_catalog;
            feeds::parse_xml(bytes, opds_hint, &base)?
        }
        sniff::Body::Text => schedule::parse_csv(bytes, &hints, &base)?,
    })
}

impl RemoteCatalog {
    fn new(format: SourceFormat, title: String) -> RemoteCatalog {
        RemoteCatalog {
            format,
            title,
            entries: Vec::new(),
            next_page: None,
            search: None,
            navigation: Vec::new(),
            skipped: Vec::new(),
            truncated: false,
            left_out: 0,
        }
    }

    /// Adds a navigation link unless one to the same address is already there (a catalog
    /// often links a section both from its header and from an entry).
    fn add_navigation(&mut self, link: NavigationLink) {
        if !self.navigation.iter().any(|known| known.href == link.href) {
            self.navigation.push(link);
        }
    }

    /// Adds `entry`, or, when [`MAX_ENTRIES`] are already kept, marks the catalog truncated
    /// and returns `false` so the parser can stop.
    fn push(&mut self, entry: RemoteEntry) -> bool {
        if self.entries.len() >= MAX_ENTRIES {
            self.truncated = true;
            return false;
        }
        self.entries.push(entry);
        true
    }
}

impl RemoteEntry {
    fn new(title: String) -> RemoteEntry {
        RemoteEntry {
            id: String::new(),
            title,
            authors: Vec::new(),
            summary: None,
            language: None,
            subjects: Vec::new(),
            published: None,
            links: Vec::new(),
            duration_minutes: None,
            start: None,
            end: None,
            venue: None,
            provider: None,
            format: None,
        }
    }
}
