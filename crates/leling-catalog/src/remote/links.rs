//! Addresses in catalogs: made absolute against the document's address, kept only when they
//! are web addresses, and sorted into the roles the reader cares about.

use url::Url;

use super::LinkRole;

/// Makes addresses absolute. Only http and https come out: a catalog is untrusted, and
/// `javascript:`, `file:` or `data:` addresses have no business in a reader's link list.
#[derive(Debug, Clone, Default)]
pub(super) struct Resolver {
    base: Option<Url>,
}

impl Resolver {
    /// A resolver against `address`, or one that only accepts absolute addresses when
    /// `address` is missing or not a web address.
    pub fn from_address(address: Option<&str>) -> Resolver {
        Resolver {
            base: address.and_then(|address| web_url(address.trim())),
        }
    }

    /// This resolver when it has a base, else one against `fallback` (a document's self
    /// link or feed address), which must itself resolve.
    pub fn or_fallback(&self, fallback: Option<&str>) -> Resolver {
        if self.base.is_some() {
            return self.clone();
        }
        Resolver {
            base: fallback.and_then(|fallback| web_url(fallback.trim())),
        }
    }

    pub fn base(&self) -> Option<&str> {
        self.base.as_ref().map(Url::as_str)
    }

    /// `href` as an absolute http(s) address, or `None` when it cannot be one.
    pub fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        let url = match Url::parse(href) {
            Ok(url) => url,
            Err(url::ParseError::RelativeUrlWithoutBase) => self.base.as_ref()?.join(href).ok()?,
            Err(_) => return None,
        };
        is_web(&url).then(|| url.to_string())
    }

    /// A URI template (`/search{?query}`, `…?q={searchTerms}`): the part before the first
    /// `{` is resolved and the template part kept as written, since resolving the whole would
    /// percent-encode the braces and read `{?query}` as a query string.
    pub fn resolve_template(&self, template: &str) -> Option<String> {
        let template = template.trim();
        let (fixed, variable) = template.split_at(template.find('{').unwrap_or(template.len()));
        if fixed.is_empty() {
            return None;
        }
        let mut resolved = self.resolve(fixed)?;
        // Url::parse adds a "/" to a bare host; a template that goes on from there keeps it.
        if variable.starts_with("{/") && resolved.ends_with('/') && !fixed.ends_with('/') {
            resolved.pop();
        }
        Some(resolved + variable)
    }
}

fn web_url(address: &str) -> Option<Url> {
    Url::parse(address).ok().filter(is_web)
}

fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host().is_some()
}

/// The role of a link from its `rel` (Atom, OPDS 1 and 2) and media type. A link without a
/// `rel` is an RSS `<link>` or a JSON Feed address (alternate) or attachment (typed, so an
/// enclosure).
pub(super) fn role(rel: Option<&str>, media_type: Option<&str>) -> LinkRole {
    const ACQUISITION: &str = "http://opds-spec.org/acquisition";
    let Some(rel) = rel.map(str::trim) else {
        return match media_type {
            Some(_) => LinkRole::Enclosure,
            None => LinkRole::Alternate,
        };
    };
    match rel {
        "alternate" => LinkRole::Alternate,
        "enclosure" => LinkRole::Enclosure,
        "transcript" => LinkRole::Transcript,
        "http://opds-spec.org/acquisition/open-access" => LinkRole::OpenAccess,
        "http://opds-spec.org/image"
        | "http://opds-spec.org/image/thumbnail"
        | "http://opds-spec.org/cover"
        | "http://opds-spec.org/thumbnail"
        | "x-stanza-cover-image"
        | "x-stanza-cover-image-thumbnail" => LinkRole::Image,
        _ if rel.starts_with(ACQUISITION) => LinkRole::Acquisition,
        _ => LinkRole::Other,
    }
}

/// Whether a media type is an OPDS 1 catalog feed (navigation or acquisition), as opposed to
/// a single entry (`type=entry`) or a book.
pub(super) fn is_catalog_type(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|media_type| {
        let media_type = media_type.to_ascii_lowercase();
        media_type.starts_with("application/atom+xml") && !media_type.contains("type=entry")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_addresses_are_resolved_and_other_schemes_dropped() {
        let base = Resolver::from_address(Some("https://library.example/opds/root.xml"));
        assert_eq!(
            base.resolve("page2.xml").as_deref(),
            Some("https://library.example/opds/page2.xml")
        );
        assert_eq!(
            base.resolve("../cover.jpg").as_deref(),
            Some("https://library.example/cover.jpg")
        );
        assert_eq!(
            base.resolve("//cdn.example/a.mp3").as_deref(),
            Some("https://cdn.example/a.mp3")
        );
        assert_eq!(base.resolve("javascript:alert(1)"), None);
        assert_eq!(base.resolve("mailto:help@example.org"), None);
        assert_eq!(base.resolve("file:///etc/passwd"), None);
        assert_eq!(base.resolve("  "), None);

        let none = Resolver::from_address(None);
        assert_eq!(none.resolve("page2.xml"), None);
        assert_eq!(
            none.resolve("http://a.example/x").as_deref(),
            Some("http://a.example/x")
        );
        let from_self = none.or_fallback(Some("https://feeds.example/f.xml"));
        assert_eq!(
            from_self.resolve("b.xml").as_deref(),
            Some("https://feeds.example/b.xml")
        );
        assert_eq!(
            Resolver::from_address(Some("javascript:x")).base(),
            None,
            "a base that is not a web address is no base"
        );
    }

    #[test]
    fn templates_keep_their_braces() {
        let base = Resolver::from_address(Some("https://library.example/opds/root.json"));
        assert_eq!(
            base.resolve_template("/search{?query}").as_deref(),
            Some("https://library.example/search{?query}")
        );
        assert_eq!(
            base.resolve_template("https://x.example/s?q={searchTerms}")
                .as_deref(),
            Some("https://x.example/s?q={searchTerms}")
        );
        assert_eq!(
            base.resolve_template("https://x.example{/id}").as_deref(),
            Some("https://x.example{/id}")
        );
        assert_eq!(base.resolve_template("{?query}"), None);
    }

    #[test]
    fn roles_come_from_rel_and_type() {
        assert_eq!(role(None, None), LinkRole::Alternate);
        assert_eq!(role(None, Some("audio/mpeg")), LinkRole::Enclosure);
        assert_eq!(
            role(Some("http://opds-spec.org/acquisition/borrow"), None),
            LinkRole::Acquisition
        );
        assert_eq!(
            role(Some("http://opds-spec.org/acquisition/open-access"), None),
            LinkRole::OpenAccess
        );
        assert_eq!(
            role(Some("http://opds-spec.org/image/thumbnail"), None),
            LinkRole::Image
        );
        assert_eq!(role(Some("related"), None), LinkRole::Other);
        assert!(is_catalog_type(Some(
            "application/atom+xml;profile=opds-catalog;kind=navigation"
        )));
        assert!(!is_catalog_type(Some(
            "application/atom+xml;type=entry;profile=opds-catalog"
        )));
        assert!(!is_catalog_type(Some("application/epub+zip")));
    }
}
