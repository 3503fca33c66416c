//! OPDS 2.0 (JSON) feeds and single publications, read from a `serde_json::Value` rather
//! than typed structs: real feeds write the same field as a string, an object or an array
//! (`"author": "Melville"` or `[{"name": …}]`), and one odd field must not cost the catalog.

use serde_json::Value;

use super::fields::{self, push_unique};
use super::links::{self, Resolver};
use super::text::{collapse, plain_from_html};
use super::{EntryLink, LinkRole, NavigationLink, RemoteCatalog, RemoteEntry, SourceFormat};
use crate::LectureFormat;

pub(super) fn parse(document: &Value, base: &Resolver) -> RemoteCatalog {
    let feed_links = array(document, "links");
    let base = base.or_fallback(
        feed_links
            .iter()
            .find(|link| has_rel(link, "self"))
            .and_then(|link| string(link, "href")),
    );
    let metadata = document.get("metadata");
    let title = metadata
        .and_then(|metadata| metadata.get("title"))
        .and_then(localized)
        .map(collapse)
        .unwrap_or_default();
    let mut catalog = RemoteCatalog::new(SourceFormat::Opds2, title);
    let href_of = |rel: &str| {
        feed_links
            .iter()
            .find(|link| has_rel(link, rel))
            .and_then(|link| string(link, "href"))
    };
    catalog.next_page = href_of("next").and_then(|href| base.resolve(href));
    catalog.search = href_of("search").and_then(|href| base.resolve_template(href));

    let groups = array(document, "groups");
    let sections = std::iter::once(document).chain(groups.iter());
    let mut publications = Vec::new();
    for section in sections {
        for item in array(section, "navigation") {
            if let Some(link) = navigation_link(item, &base) {
                catalog.add_navigation(link);
            }
        }
        publications.extend(array(section, "publications"));
    }
    // A publication document on its own (`metadata` and `links`, no collections) is a
    // catalog of one.
    let is_collection = ["publications", "navigation", "groups"]
        .iter()
        .any(|key| document.get(*key).is_some());
    if !is_collection && metadata.is_some() {
        publications.push(document);
    }
    for publication in publications {
        if let Some(entry) = publication_entry(publication, &base)
            && !catalog.push(entry)
        {
            break;
        }
    }
    catalog
}

fn publication_entry(publication: &Value, base: &Resolver) -> Option<RemoteEntry> {
    let metadata = publication.get("metadata")?;
    let title = metadata
        .get("title")
        .and_then(localized)
        .map(collapse)
        .filter(|title| !title.is_empty())?;
    let mut entry = RemoteEntry::new(title);
    entry.id = string(metadata, "identifier")
        .unwrap_or_default()
        .to_string();
    for author in names(metadata.get("author")) {
        push_unique(&mut entry.authors, &author);
    }
    for subject in names(metadata.get("subject")) {
        push_unique(&mut entry.subjects, &subject);
    }
    entry.summary = string(metadata, "description")
        .map(plain_from_html)
        .filter(|summary| !summary.is_empty());
    entry.language = match metadata.get("language") {
        Some(Value::Array(languages)) => languages.iter().find_map(Value::as_str),
        Some(language) => language.as_str(),
        None => None,
    }
    .map(str::to_string);
    entry.published = string(metadata, "published")
        .or_else(|| string(metadata, "modified"))
        .and_then(fields::parse_date);
    entry.provider = names(metadata.get("publisher")).into_iter().next();
    entry.duration_minutes = metadata
        .get("duration")
        .and_then(Value::as_f64)
        .and_then(fields::minutes_from_seconds);
    if string(metadata, "@type").is_some_and(|kind| kind.contains("Audiobook")) {
        entry.format = Some(LectureFormat::Audio);
    }
    for link in array(publication, "links") {
        if let Some(link) = entry_link(link, base, None) {
            entry.links.push(link);
        }
    }
    for image in array(publication, "images") {
        if let Some(link) = entry_link(image, base, Some(LinkRole::Image)) {
            entry.links.push(link);
        }
    }
    fields::complete(&mut entry);
    Some(entry)
}

/// A link object; its role from the first of its relations that means something here,
/// unless `role` is given (images have no relation).
fn entry_link(link: &Value, base: &Resolver, role: Option<LinkRole>) -> Option<EntryLink> {
    let media_type = string(link, "type").map(str::to_string);
    let role = role.unwrap_or_else(|| {
        rels(link)
            .map(|rel| links::role(Some(rel), media_type.as_deref()))
            .find(|role| *role != LinkRole::Other)
            .unwrap_or(LinkRole::Other)
    });
    Some(EntryLink {
        href: base.resolve(string(link, "href")?)?,
        media_type,
        rel: role,
        length: None,
    })
}

fn navigation_link(link: &Value, base: &Resolver) -> Option<NavigationLink> {
    let title = link.get("title").and_then(localized).map(collapse)?;
    if title.is_empty() {
        return None;
    }
    Some(NavigationLink {
        title,
        href: base.resolve(string(link, "href")?)?,
    })
}

/// The relations of a link: `rel` is a string or an array of strings.
fn rels(link: &Value) -> impl Iterator<Item = &str> {
    let (one, many) = match link.get("rel") {
        Some(Value::String(rel)) => (Some(rel.as_str()), None),
        Some(Value::Array(rels)) => (None, Some(rels.iter().filter_map(Value::as_str))),
        _ => (None, None),
    };
    one.into_iter().chain(many.into_iter().flatten())
}

fn has_rel(link: &Value, wanted: &str) -> bool {
    rels(link).any(|rel| rel == wanted)
}

/// Names of contributors or subjects: a string, an object with a `name`, or an array of
/// either; a name may itself be a map of translations.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().flat_map(|item| names(Some(item))).collect(),
        Some(value @ Value::Object(object)) => localized(object.get("name").unwrap_or(value))
            .map(collapse)
            .into_iter()
            .collect(),
        Some(Value::String(name)) => vec![collapse(name)],
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|name| !name.is_empty())
    .collect()
}

/// A string, or one translation from a map of language → string: Chinese, else English
/// (Leling's two languages), else any.
fn localized(value: &Value) -> Option<&str> {
    match value {
        Value::String(text) => Some(text),
        Value::Object(translations) => {
            let in_language = |prefix: &str| {
                translations
                    .iter()
                    .find(|(language, _)| language.starts_with(prefix))
                    .and_then(|(_, text)| text.as_str())
            };
            in_language("zh")
                .or_else(|| in_language("en"))
                .or_else(|| translations.values().find_map(Value::as_str))
        }
        _ => None,
    }
}

fn string<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flexible_fields_and_relative_links() {
        let document = json!({
            "metadata": {"title": {"fr": "Livres", "en": "Books", "zh-Hans": "书目"}},
            "links": [
                {"rel": "self", "href": "https://books.example/opds/root.json"},
                {"rel": ["next"], "href": "page2.json"},
                {"rel": "search", "href": "/search{?query}", "templated": true}
            ],
            "navigation": [{"href": "/new", "title": "New"}, {"href": "javascript:x", "title": "Bad"}],
            "publications": [
                {"metadata": {"title": "呐喊", "author": [{"name": "鲁迅"}, "Lu Xun"],
                              "subject": [{"name": "小说"}, "Fiction"], "language": ["zh", "en"],
                              "published": "1923-08-01", "duration": 3600,
                              "description": "<p>Short <b>stories</b></p>"},
                 "links": [{"rel": "http://opds-spec.org/acquisition/open-access",
                            "href": "/nahan.epub", "type": "application/epub+zip"}],
                 "images": [{"href": "cover.jpg", "type": "image/jpeg"}]},
                {"metadata": {"author": "No Title"}},
                {"links": []}
            ]
        });
        let catalog = parse(&document, &Resolver::default());
        assert_eq!(catalog.title, "书目");
        assert_eq!(
            catalog.next_page.as_deref(),
            Some("https://books.example/opds/page2.json")
        );
        assert_eq!(
            catalog.search.as_deref(),
            Some("https://books.example/search{?query}")
        );
        assert_eq!(catalog.navigation.len(), 1);
        assert_eq!(catalog.entries.len(), 1);
        let book = &catalog.entries[0];
        assert_eq!(book.authors, ["鲁迅", "Lu Xun"]);
        assert_eq!(book.subjects, ["小说", "Fiction"]);
        assert_eq!(book.language.as_deref(), Some("zh"));
        assert_eq!(book.summary.as_deref(), Some("Short stories"));
        assert_eq!(book.duration_minutes, Some(60));
        assert_eq!(book.links[0].rel, LinkRole::OpenAccess);
        assert_eq!(book.links[0].href, "https://books.example/nahan.epub");
        assert_eq!(book.links[1].rel, LinkRole::Image);
        assert_eq!(book.id, "https://books.example/nahan.epub");
    }
}
