//! Telling what a document is: its first bytes give the family (zip, JSON, XML, HTML, plain
//! text), and the `Content-Type` header settles what the bytes cannot.

use super::{RemoteError, SourceFormat};

/// What the HTTP `Content-Type` header says, reduced to what the parsers use.
#[derive(Debug, Default)]
pub(super) struct ContentType {
    /// The media type without parameters, lowercase (`application/atom+xml`).
    essence: String,
    /// `profile=opds-catalog`: an OPDS 1 catalog even when its links do not say so.
    pub opds_catalog: bool,
    /// The `charset` parameter, for schedules in a legacy encoding.
    pub charset: Option<String>,
}

impl ContentType {
    pub fn parse(header: Option<&str>) -> ContentType {
        let Some(header) = header else {
            return ContentType::default();
        };
        let mut parts = header.split(';');
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let mut content_type = ContentType {
            essence,
            ..ContentType::default()
        };
        for parameter in parts {
            let Some((name, value)) = parameter.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"');
            match name.trim().to_ascii_lowercase().as_str() {
                "profile" => content_type.opds_catalog = value.eq_ignore_ascii_case("opds-catalog"),
                "charset" => content_type.charset = Some(value.to_string()),
                _ => {}
            }
        }
        content_type
    }

    /// Whether the server says this is a spreadsheet exported as text.
    pub fn is_csv(&self) -> bool {
        matches!(
            self.essence.as_str(),
            "text/csv"
                | "application/csv"
                | "text/comma-separated-values"
                | "text/tab-separated-values"
        )
    }
}

/// The family of a document, judged from its bytes.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Body {
    /// A zip archive: XLSX is the only zipped format read.
    Zip,
    Json,
    /// An XML document whose root is an Atom `feed` or `entry`, RSS `rss` or RSS 1.0 `RDF`.
    Xml(XmlRoot),
    /// Anything else: a schedule saved as CSV, or something unknown.
    Text,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct XmlRoot {
    /// The root declares the OPDS namespace (`http://opds-spec.org/…`).
    pub opds_namespace: bool,
}

/// The family of `bytes`. An empty document, an HTML page and an XML document of another
/// kind are errors here, before any parser is started.
pub(super) fn sniff(bytes: &[u8]) -> Result<Body, RemoteError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Body::Zip);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = text.trim_ascii_start();
    match text.first() {
        None => Err(RemoteError::Empty),
        Some(b'{' | b'[') => Ok(Body::Json),
        Some(b'<') => xml_root(text).map(Body::Xml),
        Some(_) => Ok(Body::Text),
    }
}

/// The JSON shape: a JSON Feed names its version; an OPDS 2 feed or publication has its own
/// top-level keys. The content type decides for other objects.
pub(super) fn json_format(
    value: &serde_json::Value,
    content_type: &ContentType,
) -> Option<SourceFormat> {
    let object = value.as_object()?;
    let version = object.get("version").and_then(|v| v.as_str());
    if version.is_some_and(|version| version.contains("jsonfeed")) {
        return Some(SourceFormat::JsonFeed);
    }
    if ["publications", "navigation", "groups", "metadata"]
        .iter()
        .any(|key| object.contains_key(*key))
    {
        return Some(SourceFormat::Opds2);
    }
    match content_type.essence.as_str() {
        "application/opds+json" | "application/opds-publication+json" => Some(SourceFormat::Opds2),
        "application/feed+json" => Some(SourceFormat::JsonFeed),
        _ => None,
    }
}

/// Finds the root element by hand rather than with an XML parser: the prolog may be in any
/// encoding (a Latin-1 comment before the root is common), and only the root's name and
/// namespace declarations matter here. The real parse later checks the whole document.
fn xml_root(text: &[u8]) -> Result<XmlRoot, RemoteError> {
    let no_root = || RemoteError::malformed("XML", "no root element");
    let mut rest = text;
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<?") {
            rest = after(rest, b"?>").ok_or_else(no_root)?;
        } else if rest.starts_with(b"<!--") {
            rest = after(rest, b"-->").ok_or_else(no_root)?;
        } else if rest.starts_with(b"<!") {
            if starts_with_ignore_case(rest, b"<!doctype html") {
                return Err(RemoteError::Html);
            }
            rest = after_doctype(rest).ok_or_else(no_root)?;
        } else if rest.starts_with(b"<") {
            let tag_end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
            let tag = &rest[1..tag_end];
            let name_end = tag
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'/')
                .unwrap_or(tag.len());
            let name = &tag[..name_end];
            let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
            return match local {
                b"feed" | b"entry" | b"rss" | b"RDF" => Ok(XmlRoot {
                    opds_namespace: contains(tag, b"http://opds-spec.org/"),
                }),
                _ if is_html_element(local) => Err(RemoteError::Html),
                _ => Err(RemoteError::UnknownFormat),
            };
        } else {
            return Err(no_root());
        }
    }
}

/// Elements an HTML page starts with (a login or error page), never a feed's root.
fn is_html_element(name: &[u8]) -> bool {
    const HTML: [&[u8]; 8] = [
        b"html", b"head", b"body", b"title", b"meta", b"script", b"div", b"p",
    ];
    HTML.iter()
        .any(|element| name.eq_ignore_ascii_case(element))
}

/// Skips a `<!DOCTYPE …>`, including an internal subset in brackets, whose entity
/// declarations contain `>` of their own.
fn after_doctype(text: &[u8]) -> Option<&[u8]> {
    let close = text.iter().position(|&b| b == b'>')?;
    match text[..close].iter().position(|&b| b == b'[') {
        Some(open) => {
            let subset_end = open + text[open..].iter().position(|&b| b == b']')?;
            after(&text[subset_end..], b">")
        }
        None => Some(&text[close + 1..]),
    }
}

fn after<'a>(text: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
    text.windows(end.len())
        .position(|window| window == end)
        .map(|at| &text[at + end.len()..])
}

fn contains(text: &[u8], part: &[u8]) -> bool {
    text.windows(part.len()).any(|window| window == part)
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Result<Body, RemoteError> {
        sniff(text.as_bytes())
    }

    #[test]
    fn families_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Ok(Body::Zip));
        assert_eq!(root("\u{feff}  {\"a\":1}"), Ok(Body::Json));
        assert_eq!(root("标题,主讲人\n"), Ok(Body::Text));
        assert_eq!(root(" \n\t"), Err(RemoteError::Empty));
        assert_eq!(sniff(b""), Err(RemoteError::Empty));
    }

    #[test]
    fn xml_roots_are_found_past_the_prolog() {
        let rss = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!-- Justi\u{e7}a -->\n\
                   <!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"x.dtd\">\n<rss version=\"0.91\">";
        assert_eq!(
            root(rss),
            Ok(Body::Xml(XmlRoot {
                opds_namespace: false
            }))
        );
        let opds = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:opds=\"http://opds-spec.org/2010/catalog\">";
        assert_eq!(
            root(opds),
            Ok(Body::Xml(XmlRoot {
                opds_namespace: true
            }))
        );
        let subset = "<!DOCTYPE r [ <!ENTITY a \"x>y\"> ]><rdf:RDF xmlns:rdf=\"r\">";
        assert!(matches!(root(subset), Ok(Body::Xml(_))));
        assert_eq!(
            root("<catalog><book/></catalog>"),
            Err(RemoteError::UnknownFormat)
        );
        assert!(matches!(root("<?xml "), Err(RemoteError::Malformed { .. })));
    }

    #[test]
    fn html_pages_are_recognised() {
        assert_eq!(root("<!DOCTYPE html><html>"), Err(RemoteError::Html));
        assert_eq!(root("<!-- login -->\n<HTML><head>"), Err(RemoteError::Html));
        assert_eq!(
            root("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"),
            Err(RemoteError::Html)
        );
    }

    #[test]
    fn the_content_type_gives_its_parameters() {
        let opds = ContentType::parse(Some(
            "application/atom+xml; profile=opds-catalog; kind=acquisition",
        ));
        assert!(opds.opds_catalog);
        let csv = ContentType::parse(Some("Text/CSV; charset=\"GBK\""));
        assert!(csv.is_csv());
        assert_eq!(csv.charset.as_deref(), Some("GBK"));
        assert!(!ContentType::parse(None).is_csv());
    }

    #[test]
    fn json_shapes_pick_the_format() {
        let none = ContentType::default();
        let feed = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "items": []});
        assert_eq!(json_format(&feed, &none), Some(SourceFormat::JsonFeed));
        let opds = serde_json::json!({"metadata": {"title": "x"}, "publications": []});
        assert_eq!(json_format(&opds, &none), Some(SourceFormat::Opds2));
        let other = serde_json::json!({"links": []});
        assert_eq!(json_format(&other, &none), None);
        let labelled = ContentType::parse(Some("application/opds+json"));
        assert_eq!(json_format(&other, &labelled), Some(SourceFormat::Opds2));
        assert_eq!(json_format(&serde_json::json!([1]), &labelled), None);
    }
}
