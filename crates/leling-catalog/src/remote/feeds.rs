//! RSS 0.9x/1.0/2.0, Atom, JSON Feed and OPDS 1 (which is Atom) through feed-rs, mapped to
//! the model. feed-rs decodes the declared encoding, resolves `xml:base`, and leaves
//! entities it does not know (a DTD's own) unexpanded.

use feed_rs::model::{Entry, Feed, FeedType, Link, MediaObject, Person, Text};

use super::fields::{self, push_unique};
use super::guard;
use super::links::{self, Resolver};
use super::opds1::{self, EntryExtras};
use super::text::{collapse, html_or_plain, plain_from_html, text_of};
use super::{EntryLink, LinkRole, RemoteCatalog, RemoteEntry, RemoteError, SourceFormat};

/// An XML feed. `opds_hint` is what came before parsing (the OPDS namespace on the root, or
/// an OPDS content type); the links can still show an Atom feed to be an OPDS catalog.
pub(super) fn parse_xml(
    bytes: &[u8],
    opds_hint: bool,
    base: &Resolver,
) -> Result<RemoteCatalog, RemoteError> {
    let feed =
        read(&guard::defuse(bytes), base).map_err(|error| RemoteError::malformed("XML", error))?;
    let opds = feed.feed_type == FeedType::Atom && (opds_hint || opds1::has_opds_links(&feed));
    let extras = if opds {
        opds1::entry_extras(bytes, feed.entries.len())
    } else {
        Vec::new()
    };
    let base = base.or_fallback(rel_link(&feed.links, "self").map(|link| link.href.as_str()));
    Ok(convert(&feed, &base, opds, &extras))
}

/// A JSON Feed. feed-rs does not keep `next_url` or tell `feed_url` from `home_page_url`, so
/// those two are read from the JSON already parsed for sniffing.
pub(super) fn parse_json_feed(
    bytes: &[u8],
    value: &serde_json::Value,
    base: &Resolver,
) -> Result<RemoteCatalog, RemoteError> {
    let feed = read(bytes, base).map_err(|error| RemoteError::malformed("JSON Feed", error))?;
    let address = |key: &str| value.get(key).and_then(serde_json::Value::as_str);
    let base = base.or_fallback(address("feed_url"));
    let mut catalog = convert(&feed, &base, false, &[]);
    catalog.next_page = address("next_url").and_then(|next| base.resolve(next));
    Ok(catalog)
}

fn read(bytes: &[u8], base: &Resolver) -> Result<Feed, feed_rs::parser::ParseFeedError> {
    let parse = || {
        feed_rs::parser::Builder::new()
            .base_uri(base.base())
            // feed-rs would make up a random UUID for an entry without id; `fields::complete`
            // gives a stable one instead, so the same entry keeps its id from one fetch to
            // the next.
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(bytes)
    };
    // feed-rs 2.4 panics on some values (a media duration of 20 digits overflows): such a
    // feed is damaged, not a reason to stop.
    crate::panic_guard::quietly(parse).unwrap_or(Err(feed_rs::parser::ParseFeedError::ParseError(
        feed_rs::parser::ParseErrorKind::MissingContent("a value the feed reader cannot handle"),
    )))
}

fn convert(feed: &Feed, base: &Resolver, opds: bool, extras: &[EntryExtras]) -> RemoteCatalog {
    let format = match feed.feed_type {
        FeedType::Atom if opds => SourceFormat::Opds1,
        FeedType::Atom => SourceFormat::Atom,
        FeedType::JSON => SourceFormat::JsonFeed,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => SourceFormat::Rss,
    };
    let title = feed.title.as_ref().map(text_of).unwrap_or_default();
    let mut catalog = RemoteCatalog::new(format, title);
    catalog.next_page = rel_link(&feed.links, "next").and_then(|link| base.resolve(&link.href));
    catalog.search =
        rel_link(&feed.links, "search").and_then(|link| base.resolve_template(&link.href));
    // Entries without authors take the feed's, as Atom and JSON Feed say they do (and a
    // podcast channel's iTunes author speaks in every episode); but an OPDS catalog's author
    // is whoever keeps the catalog, not the author of its books.
    let mut feed_authors = Vec::new();
    if !opds {
        for person in &feed.authors {
            if let Some(name) = person_name(person, &feed.feed_type) {
                push_unique(&mut feed_authors, &name);
            }
        }
    }
    for (index, entry) in feed.entries.iter().enumerate() {
        if opds && let Some(link) = opds1::navigation_entry(entry, base) {
            catalog.add_navigation(link);
            continue;
        }
        let Some(mut remote) = convert_entry(entry, &feed.feed_type, base) else {
            continue;
        };
        if let Some(extra) = extras.get(index) {
            remote.language = remote.language.or_else(|| extra.language.clone());
            remote.provider = extra.publisher.clone();
        }
        remote.language = remote.language.or_else(|| feed.language.clone());
        if remote.authors.is_empty() {
            remote.authors.clone_from(&feed_authors);
        }
        fields::complete(&mut remote);
        if !catalog.push(remote) {
            break;
        }
    }
    // After the entries: a navigation feed's entries are its menu, and its header links
    // (featured, recommended) often repeat one of them under a shorter name.
    if opds {
        for link in opds1::feed_navigation(&feed.links, base) {
            catalog.add_navigation(link);
        }
    }
    catalog
}

/// One entry, or `None` when it has neither title nor summary: nothing to show a reader.
fn convert_entry(entry: &Entry, feed_type: &FeedType, base: &Resolver) -> Option<RemoteEntry> {
    // An RSS description is HTML by custom whatever feed-rs calls it (it calls RSS 0.9x and
    // 1.0 descriptions plain text).
    let summary_of = |summary: &Text| match feed_type {
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => plain_from_html(&summary.content),
        FeedType::Atom | FeedType::JSON => text_of(summary),
    };
    let summary = entry
        .summary
        .as_ref()
        .map(summary_of)
        .or_else(|| {
            entry.content.as_ref().and_then(|content| {
                let body = content.body.as_deref()?;
                Some(html_or_plain(content.content_type.as_ref(), body))
            })
        })
        .or_else(|| {
            entry
                .media
                .iter()
                .find_map(|media| media.description.as_ref().map(text_of))
        })
        .filter(|summary| !summary.is_empty());
    let title = entry
        .title
        .as_ref()
        .map(text_of)
        .filter(|title| !title.is_empty())
        .or_else(|| summary.as_deref().map(shorten))?;

    let mut remote = RemoteEntry::new(title);
    remote.id = entry.id.trim().to_string();
    remote.summary = summary;
    remote.language = entry.language.clone();
    remote.published = entry
        .published
        .or(entry.updated)
        .map(|at| at.fixed_offset());
    for person in &entry.authors {
        if let Some(name) = person_name(person, feed_type) {
            push_unique(&mut remote.authors, &name);
        }
    }
    for category in &entry.categories {
        push_unique(
            &mut remote.subjects,
            category.label.as_deref().unwrap_or(&category.term),
        );
    }
    remote.links = entry
        .links
        .iter()
        .filter_map(|link| entry_link(link, base))
        .collect();
    for media in &entry.media {
        add_media(&mut remote, media, base);
    }
    Some(remote)
}

fn entry_link(link: &Link, base: &Resolver) -> Option<EntryLink> {
    Some(EntryLink {
        href: base.resolve(&link.href)?,
        media_type: link.media_type.clone(),
        rel: links::role(link.rel.as_deref(), link.media_type.as_deref()),
        length: link.length,
    })
}

/// RSS enclosures, media:content, iTunes and Media RSS extras, which feed-rs gathers into
/// media objects: the files become enclosures, thumbnails images, credits authors.
fn add_media(remote: &mut RemoteEntry, media: &MediaObject, base: &Resolver) {
    for content in &media.content {
        let Some(href) = content
            .url
            .as_ref()
            .and_then(|url| base.resolve(url.as_str()))
        else {
            continue;
        };
        remote.links.push(EntryLink {
            href,
            media_type: content.content_type.as_ref().map(|media| media.to_string()),
            rel: LinkRole::Enclosure,
            length: content.size,
        });
    }
    for thumbnail in &media.thumbnails {
        if let Some(href) = base.resolve(&thumbnail.image.uri) {
            remote.links.push(EntryLink {
                href,
                media_type: None,
                rel: LinkRole::Image,
                length: None,
            });
        }
    }
    for credit in &media.credits {
        push_unique(&mut remote.authors, &credit.entity);
    }
    let duration = media
        .duration
        .or_else(|| media.content.iter().find_map(|content| content.duration));
    if remote.duration_minutes.is_none() {
        remote.duration_minutes =
            duration.and_then(|duration| fields::minutes_from_seconds(duration.as_secs_f64()));
    }
}

/// A person's name. feed-rs keeps an RSS `<author>` as a person named "author" whose email
/// is the element's text (`jonas@example.org (Jonas Große)`), and names an Atom author
/// without `<name>` "unknown".
fn person_name(person: &Person, feed_type: &FeedType) -> Option<String> {
    let is_rss = matches!(feed_type, FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2);
    if is_rss && person.name == "author" {
        let text = person.email.as_deref()?.trim();
        let name = match (text.find('('), text.rfind(')')) {
            (Some(open), Some(close)) if open < close => &text[open + 1..close],
            _ => text,
        };
        return Some(collapse(name)).filter(|name| !name.is_empty());
    }
    if feed_type == &FeedType::Atom && person.name == "unknown" {
        return None;
    }
    Some(collapse(&person.name)).filter(|name| !name.is_empty())
}

/// A title made from a summary, for RSS items that have only a description.
fn shorten(summary: &str) -> String {
    const MAX_CHARS: usize = 80;
    match summary.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", summary[..cut].trim_end()),
        None => summary.to_string(),
    }
}

fn rel_link<'a>(links: &'a [Link], rel: &str) -> Option<&'a Link> {
    links.iter().find(|link| link.rel.as_deref() == Some(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(xml: &str) -> RemoteCatalog {
        let base = Resolver::from_address(Some("https://feeds.example/podcast.xml"));
        parse_xml(xml.as_bytes(), false, &base).unwrap()
    }

    #[test]
    fn rss_authors_items_without_titles_and_relative_enclosures() {
        let catalog = parse(
            r#"<rss version="2.0"><channel><title>Talks</title>
            <item><description>&lt;p&gt;A talk about &lt;b&gt;tea&lt;/b&gt; with no title at all&lt;/p&gt;</description>
              <author>host@example.org (Li Ming)</author>
              <enclosure url="media/tea.mp3" length="1234" type="audio/mpeg"/>
            </item>
            <item><link>javascript:alert(1)</link></item>
            </channel></rss>"#,
        );
        assert_eq!(catalog.format, SourceFormat::Rss);
        assert_eq!(
            catalog.entries.len(),
            1,
            "the item with nothing to show is left out"
        );
        let entry = &catalog.entries[0];
        assert_eq!(entry.title, "A talk about tea with no title at all");
        assert_eq!(entry.authors, ["Li Ming"]);
        assert_eq!(entry.links[0].href, "https://feeds.example/media/tea.mp3");
        assert_eq!(entry.links[0].length, Some(1234));
        assert_eq!(entry.id, "https://feeds.example/media/tea.mp3");
        assert_eq!(entry.format, Some(crate::LectureFormat::Audio));
    }

    #[test]
    fn long_summaries_make_short_titles() {
        let long = "字".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 81);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("short"), "short");
    }
}
