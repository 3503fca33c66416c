//! What OPDS 1 adds to Atom, beyond what feed-rs models: telling a catalog from a plain Atom
//! feed, navigation entries and links, and the Dublin Core language and publisher of entries
//! (feed-rs skips the `dcterms:` elements, and the language is what older readers filter by).

use feed_rs::model::{Entry, Feed, Link};
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};

use super::links::{self, Resolver};
use super::text::text_of;
use super::{LinkRole, NavigationLink};

const OPDS_NAMESPACE: &str = "http://opds-spec.org/";

/// Whether any link of the feed or its entries is an OPDS one: a relation in the OPDS
/// namespace, or a link to another catalog (`profile=opds-catalog`).
pub(super) fn has_opds_links(feed: &Feed) -> bool {
    feed.links
        .iter()
        .chain(feed.entries.iter().flat_map(|entry| entry.links.iter()))
        .any(|link| {
            link.rel
                .as_deref()
                .is_some_and(|rel| rel.starts_with(OPDS_NAMESPACE))
                || link
                    .media_type
                    .as_deref()
                    .is_some_and(|media| media.contains("opds-catalog"))
        })
}

/// An entry of a navigation feed: it leads to another catalog and offers nothing to take.
pub(super) fn navigation_entry(entry: &Entry, base: &Resolver) -> Option<NavigationLink> {
    let offers_a_book = entry.links.iter().any(|link| {
        matches!(
            links::role(link.rel.as_deref(), link.media_type.as_deref()),
            LinkRole::Acquisition | LinkRole::OpenAccess
        )
    });
    if offers_a_book {
        return None;
    }
    let link = entry
        .links
        .iter()
        .find(|link| links::is_catalog_type(link.media_type.as_deref()))?;
    let title = entry
        .title
        .as_ref()
        .map(text_of)
        .filter(|title| !title.is_empty())
        .or_else(|| link.title.clone())?;
    Some(NavigationLink {
        title,
        href: base.resolve(&link.href)?,
    })
}

/// The feed's own titled links to other catalogs (featured, recommended, a shelf), leaving
/// out the structural ones the reader handles itself (this page, the next, search) and
/// facets, which filter this catalog rather than lead elsewhere.
pub(super) fn feed_navigation(feed_links: &[Link], base: &Resolver) -> Vec<NavigationLink> {
    const STRUCTURAL: [&str; 10] = [
        "self",
        "start",
        "up",
        "next",
        "previous",
        "prev",
        "first",
        "last",
        "search",
        "http://opds-spec.org/facet",
    ];
    feed_links
        .iter()
        .filter(|link| links::is_catalog_type(link.media_type.as_deref()))
        .filter(|link| {
            !link
                .rel
                .as_deref()
                .is_some_and(|rel| STRUCTURAL.contains(&rel))
        })
        .filter_map(|link| {
            Some(NavigationLink {
                title: link
                    .title
                    .clone()
                    .filter(|title| !title.trim().is_empty())?,
                href: base.resolve(&link.href)?,
            })
        })
        .collect()
}

/// The Dublin Core fields of one entry.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct EntryExtras {
    pub language: Option<String>,
    pub publisher: Option<String>,
}

/// The Dublin Core language and publisher of each entry, in document order, read in a second
/// pass over the XML. Given only when the pass finds as many entries as feed-rs did
/// (`expected`), so that they cannot be matched to the wrong entry; empty otherwise (or for
/// a document quick-xml cannot read, such as one not in UTF-8).
pub(super) fn entry_extras(bytes: &[u8], expected: usize) -> Vec<EntryExtras> {
    #[derive(Clone, Copy)]
    enum Field {
        Language,
        Publisher,
    }
    let mut reader = NsReader::from_reader(bytes);
    // As feed-rs does, so that `<entry/>` counts as an entry.
    reader.config_mut().expand_empty_elements = true;
    let mut buffer = Vec::new();
    let mut extras: Vec<EntryExtras> = Vec::new();
    let mut depth = 0usize;
    let mut entry_depth = None;
    let mut field = None;
    loop {
        match reader.read_resolved_event_into(&mut buffer) {
            Ok((namespace, Event::Start(tag))) => {
                depth += 1;
                let name = tag.local_name().into_inner();
                match entry_depth {
                    // Entries are the root's children, or the root itself (an entry document).
                    None if depth <= 2 && name == "entry" && is_atom(&namespace) => {
                        entry_depth = Some(depth);
                        extras.push(EntryExtras::default());
                    }
                    Some(entry) if depth == entry + 1 && is_dublin_core(&namespace) => {
                        field = match name {
                            "language" => Some(Field::Language),
                            "publisher" => Some(Field::Publisher),
                            _ => None,
                        };
                    }
                    _ => {}
                }
            }
            Ok((_, Event::Text(text))) => {
                if let (Some(field), Some(entry)) = (field, extras.last_mut()) {
                    let slot = match field {
                        Field::Language => &mut entry.language,
                        Field::Publisher => &mut entry.publisher,
                    };
                    let text = text.xml10_content();
                    let text = text.trim();
                    if slot.is_none() && !text.is_empty() {
                        *slot = Some(text.to_string());
                    }
                }
            }
            Ok((_, Event::End(_))) => {
                if entry_depth == Some(depth) {
                    entry_depth = None;
                }
                field = None;
                depth = depth.saturating_sub(1);
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            Ok(_) => {}
        }
        buffer.clear();
    }
    if extras.len() == expected {
        extras
    } else {
        Vec::new()
    }
}

/// feed-rs takes unqualified elements of a feed without a default namespace as Atom.
fn is_atom(namespace: &ResolveResult) -> bool {
    match namespace {
        ResolveResult::Bound(Namespace(uri)) => *uri == "http://www.w3.org/2005/Atom",
        ResolveResult::Unbound => true,
        ResolveResult::Unknown(_) => false,
    }
}

fn is_dublin_core(namespace: &ResolveResult) -> bool {
    matches!(
        namespace,
        ResolveResult::Bound(Namespace(
            "http://purl.org/dc/terms/" | "http://purl.org/dc/elements/1.1/"
        ))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/">
        <entry><title>A</title><dcterms:language>zh</dcterms:language>
          <dcterms:publisher>人民文学出版社</dcterms:publisher></entry>
        <entry><title>B</title><content><dcterms:language>xx</dcterms:language></content></entry>
        <entry/>
    </feed>"#;

    #[test]
    fn dublin_core_fields_are_read_per_entry() {
        let extras = entry_extras(FEED.as_bytes(), 3);
        assert_eq!(extras[0].language.as_deref(), Some("zh"));
        assert_eq!(extras[0].publisher.as_deref(), Some("人民文学出版社"));
        assert_eq!(
            extras[1],
            EntryExtras::default(),
            "only the entry's own children count"
        );
        assert_eq!(extras[2], EntryExtras::default());
    }

    #[test]
    fn a_different_entry_count_gives_nothing() {
        assert!(entry_extras(FEED.as_bytes(), 2).is_empty());
        assert!(entry_extras(b"<feed><entry>", 1).len() <= 1);
    }
}
