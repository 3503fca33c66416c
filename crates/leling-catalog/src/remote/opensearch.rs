//! Searching a catalog at its source: the OpenSearch description an OPDS 1 catalog links
//! with rel="search", and filling a search address template with what a person typed
//! (OpenSearch 1.1 `{searchTerms}`, or the RFC 6570 `{?query}` of OPDS 2).

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use super::RemoteError;
use super::links::Resolver;

/// Whether a catalog's search address is already a template to fill (OPDS 2, or an OPDS 1
/// link straight to its results) rather than a description document to read first.
pub fn is_template(address: &str) -> bool {
    address.contains('{')
}

/// The search address template of an OpenSearch description: the `<Url>` whose results are
/// a catalog (OPDS, else any Atom feed), made absolute against `base_url`, the address the
/// description came from. A description offering only web pages gives
/// [`RemoteError::NoSearchTemplate`].
pub fn template_from_description(
    bytes: &[u8],
    base_url: Option<&str>,
) -> Result<String, RemoteError> {
    // Descriptions are UTF-8 (OpenSearch 1.1 asks for it); anything else is read as best it can.
    let text = String::from_utf8_lossy(bytes);
    let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
    reader.config_mut().expand_empty_elements = true;
    // (how well the result type suits, template); the best one wins.
    let mut best: Option<(u8, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) if tag.local_name().into_inner() == "Url" => {
                let mut media_type = String::new();
                let mut template = None;
                for attribute in tag.attributes().flatten() {
                    let value = attribute
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match attribute.key.local_name().into_inner() {
                        "type" => media_type = value.to_ascii_lowercase(),
                        "template" => template = Some(value),
                        _ => {}
                    }
                }
                let suits = if media_type.contains("opds-catalog") {
                    2
                } else if media_type.starts_with("application/atom+xml")
                    || media_type.starts_with("application/opds+json")
                {
                    1
                } else {
                    0
                };
                if let Some(template) = template
                    && suits > 0
                    && best.as_ref().is_none_or(|(known, _)| suits > *known)
                {
                    best = Some((suits, template));
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => return Err(RemoteError::malformed("OpenSearch", error)),
        }
    }
    let (_, template) = best.ok_or(RemoteError::NoSearchTemplate)?;
    Resolver::from_address(base_url)
        .resolve_template(&template)
        .ok_or(RemoteError::NoSearchTemplate)
}

/// The address to fetch for `query`: the search terms percent-encoded into the template, the
/// other OpenSearch parameters given their first page, optional ones left out.
pub fn fill(template: &str, query: &str) -> String {
    // Spaces as %20, not form encoding's "+", which means a plus sign in a path.
    let terms: String = url::form_urlencoded::byte_serialize(query.trim().as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    let mut filled = String::with_capacity(template.len() + terms.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        filled.push_str(&rest[..open]);
        filled.push_str(&expand(&rest[open + 1..close], &terms));
        rest = &rest[close + 1..];
    }
    filled.push_str(rest);
    filled
}

/// One `{…}` of a template, given the encoded search terms.
fn expand(expression: &str, terms: &str) -> String {
    // RFC 6570 form-style query (`{?query}`, `{&query,title}`): only the query is known.
    if let Some(names) = expression
        .strip_prefix('?')
        .map(|n| ('?', n))
        .or_else(|| expression.strip_prefix('&').map(|n| ('&', n)))
    {
        let (lead, names) = names;
        return match names.split(',').find(|n| matches!(*n, "query" | "q")) {
            Some(name) => format!("{lead}{name}={terms}"),
            None => String::new(),
        };
    }
    let optional = expression.ends_with('?');
    match expression.trim_end_matches('?') {
        "searchTerms" | "query" => terms.to_string(),
        _ if optional => String::new(),
        "startPage" | "startIndex" => "1".into(),
        "count" => "20".into(),
        "inputEncoding" | "outputEncoding" => "UTF-8".into(),
        "language" => "*".into(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opensearch_and_uri_templates_are_filled() {
        assert_eq!(
            fill(
                "https://x.example/s?q={searchTerms}&p={startPage?}",
                "红楼 梦"
            ),
            "https://x.example/s?q=%E7%BA%A2%E6%A5%BC%20%E6%A2%A6&p="
        );
        assert_eq!(
            fill("https://x.example/s?q={searchTerms}&n={count}", "moby"),
            "https://x.example/s?q=moby&n=20"
        );
        assert_eq!(
            fill("https://x.example/search{?query,title}", "a&b"),
            "https://x.example/search?query=a%26b"
        );
        assert_eq!(fill("https://x.example/all", "x"), "https://x.example/all");
        assert!(is_template("https://x.example/s{?query}"));
        assert!(!is_template("https://x.example/opensearch.xml"));
    }

    #[test]
    fn the_catalog_template_of_a_description_is_chosen_and_resolved() {
        let description = br#"<?xml version="1.0"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>Library</ShortName>
  <Url type="text/html" template="/web?q={searchTerms}"/>
  <Url type="application/atom+xml" template="/atom?q={searchTerms}"/>
  <Url type="application/atom+xml;profile=opds-catalog" template="/opds?q={searchTerms}&amp;p={startPage?}"/>
</OpenSearchDescription>"#;
        assert_eq!(
            template_from_description(description, Some("https://lib.example/a/os.xml")),
            Ok("https://lib.example/opds?q={searchTerms}&p={startPage?}".to_string())
        );
        let web_only = br#"<OpenSearchDescription><Url type="text/html" template="https://lib.example/?q={searchTerms}"/></OpenSearchDescription>"#;
        assert_eq!(
            template_from_description(web_only, None),
            Err(RemoteError::NoSearchTemplate)
        );
        assert!(matches!(
            template_from_description(b"<OpenSearchDescription><Url", None),
            Err(RemoteError::Malformed { .. }) | Err(RemoteError::NoSearchTemplate)
        ));
    }
}
