//! Answering a server that asks who is there (HTTP 401): HTTP Basic (calibre-web, Komga),
//! HTTP Digest (calibre's own content server without TLS) and the OPDS Authentication
//! Document (a 401 whose body, `application/opds-authentication+json`, names the fields, e.g.
//! "Library card" and "PIN", and asks for them by HTTP Basic).

use base64::Engine as _;
use reqwest::header::{CONTENT_TYPE, WWW_AUTHENTICATE};

/// The names a catalog gives its sign-in fields, shown and said as they are (a library says
/// "Library card" and "PIN", not "user" and "password").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginLabels {
    pub login: String,
    pub password: String,
}

/// How a server asks to be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Challenge {
    Basic,
    /// The `WWW-Authenticate` value, to be answered with its nonce.
    Digest(String),
}

/// The most of an authentication document read: it is a few hundred bytes.
const MOST_DOCUMENT_BYTES: u64 = 64 * 1024;
/// The longest label kept, in characters.
const LONGEST_LABEL: usize = 40;

const OPDS_BASIC: &str = "http://opds-spec.org/auth/basic";

/// What a 401 asks for: Digest before Basic where both are offered; the document's labels
/// when its body is an OPDS Authentication Document.
pub(crate) fn read(
    response: reqwest::blocking::Response,
) -> (Option<Challenge>, Option<LoginLabels>) {
    let offered: Vec<String> = (response.headers().get_all(WWW_AUTHENTICATE).iter())
        .filter_map(|value| value.to_str().ok())
        .map(str::to_owned)
        .collect();
    let scheme = |name: &str| {
        (offered.iter()).find(|value| {
            value
                .get(..name.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(name))
        })
    };
    let is_document = (response.headers().get(CONTENT_TYPE))
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| kind.contains("opds-authentication+json"));
    let labels = if is_document {
        document_labels(response)
    } else {
        None
    };
    let challenge = match (scheme("Digest"), scheme("Basic")) {
        (Some(digest), _) => Some(Challenge::Digest(digest.clone())),
        (None, Some(_)) => Some(Challenge::Basic),
        // A document offering Basic asks for it without a header.
        (None, None) => labels.as_ref().map(|_| Challenge::Basic),
    };
    (challenge, labels)
}

/// The labels of the document's Basic sign-in; `None` when it offers no Basic sign-in (only
/// OAuth, say, which a kiosk cannot do) or cannot be read.
fn document_labels(response: reqwest::blocking::Response) -> Option<LoginLabels> {
    use std::io::Read;
    let mut body = Vec::new();
    response
        .take(MOST_DOCUMENT_BYTES)
        .read_to_end(&mut body)
        .ok()?;
    let text = String::from_utf8_lossy(&body);
    // Documents in the wild (the Readium sample among them) carry trailing commas.
    let document: serde_json::Value = serde_json::from_str(&without_trailing_commas(&text)).ok()?;
    let basic = (document.get("authentication")?.as_array()?.iter())
        .find(|way| way.get("type").and_then(|t| t.as_str()) == Some(OPDS_BASIC))?;
    // A label left out is empty: the screens then say "user name" and "password".
    let label = |name: &str| {
        (basic.get("labels"))
            .and_then(|labels| labels.get(name))
            .and_then(|label| label.as_str())
            .map(shown_label)
            .unwrap_or_default()
    };
    Some(LoginLabels {
        login: label("login"),
        password: label("password"),
    })
}

/// A label from the server as it may be shown: printable, on one line, not too long.
fn shown_label(label: &str) -> String {
    let shown = leling_core::shown::safe_to_show(label);
    let words: Vec<&str> = shown.split_whitespace().collect();
    words.join(" ").chars().take(LONGEST_LABEL).collect()
}

/// JSON with the commas before a closing `]` or `}` taken out (outside strings).
fn without_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut pending_comma = false;
    let mut held_space = String::new();
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if pending_comma {
            if c.is_whitespace() {
                held_space.push(c);
                continue;
            }
            if !matches!(c, ']' | '}') {
                out.push(',');
            }
            out.push_str(&held_space);
            held_space.clear();
            pending_comma = false;
        }
        match c {
            ',' => pending_comma = true,
            '"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if pending_comma {
        out.push(',');
    }
    out.push_str(&held_space);
    out
}

/// The `Authorization` value answering `challenge` for a GET of `url`.
pub(crate) fn authorization(
    challenge: &Challenge,
    user: &str,
    password: &str,
    url: &url::Url,
) -> Option<String> {
    match challenge {
        Challenge::Basic => {
            let pair = format!("{user}:{password}");
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            Some(format!("Basic {encoded}"))
        }
        Challenge::Digest(offered) => {
            let mut prompt = digest_auth::parse(offered).ok()?;
            let path = match url.query() {
                Some(query) => format!("{}?{query}", url.path()),
                None => url.path().to_owned(),
            };
            let context = digest_auth::AuthContext::new(user, password, path);
            Some(prompt.respond(&context).ok()?.to_header_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_commas_go_and_strings_stay() {
        let text = r#"{"a": [1, 2,], "b": "x,]", "c": {"d": 1 ,
        },}"#;
        let fixed = without_trailing_commas(text);
        let value: serde_json::Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(value["b"], "x,]");
        assert_eq!(value["a"], serde_json::json!([1, 2]));
    }

    #[test]
    fn a_digest_answer_names_the_user_and_the_path() {
        let offered = r#"Digest realm="calibre", nonce="abc123", algorithm="MD5", qop="auth""#;
        let url = url::Url::parse("http://127.0.0.1:18080/opds?x=1").unwrap();
        let answer =
            authorization(&Challenge::Digest(offered.into()), "reader", "s3cret", &url).unwrap();
        assert!(answer.starts_with("Digest "), "{answer}");
        assert!(answer.contains(r#"username="reader""#), "{answer}");
        assert!(answer.contains(r#"uri="/opds?x=1""#), "{answer}");
        assert!(!answer.contains("s3cret"));
        let basic = authorization(&Challenge::Basic, "reader", "s3cret", &url).unwrap();
        assert_eq!(basic, "Basic cmVhZGVyOnMzY3JldA==");
    }
}
