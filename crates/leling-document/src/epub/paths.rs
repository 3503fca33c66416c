//! Resolving the relative, percent-encoded hrefs inside an EPUB to names in its zip.

/// The folder part of a path inside the archive, with its trailing slash ("OPS/" for
/// "OPS/package.opf", "" for "package.opf").
pub(super) fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |slash| &path[..=slash])
}

/// The archive name an `href` written in a file in `folder` points to, without its
/// `#fragment`. `None` for links out of the book (`http:` and the like) and for paths that
/// climb above the archive's root.
pub(super) fn resolve(folder: &str, href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or_default().trim();
    if href.is_empty() || has_scheme(href) {
        return None;
    }
    let decoded = percent_decode(href);
    let joined = match decoded.strip_prefix('/') {
        Some(from_root) => from_root.to_string(),
        None => format!("{folder}{decoded}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// A link to something outside the book (`http:`, `mailto:` …), which no archive holds.
pub(super) fn is_remote(href: &str) -> bool {
    has_scheme(href.trim())
}

fn has_scheme(href: &str) -> bool {
    href.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.contains('/')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Decodes `%E4%B8%80` sequences as UTF-8 (lossily: a broken escape is no reason to fail).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_their_folder() {
        assert_eq!(folder_of("OPS/package.opf"), "OPS/");
        assert_eq!(folder_of("package.opf"), "");
        assert_eq!(
            resolve("OPS/", "xhtml/%E4%B8%80.xhtml#p1").as_deref(),
            Some("OPS/xhtml/一.xhtml")
        );
        assert_eq!(
            resolve("OPS/xhtml/", "../images/a b.png").as_deref(),
            Some("OPS/images/a b.png")
        );
        assert_eq!(resolve("OPS/", "./c.xhtml").as_deref(), Some("OPS/c.xhtml"));
        assert_eq!(
            resolve("OPS/", "/META-INF/x.xml").as_deref(),
            Some("META-INF/x.xml")
        );
        assert_eq!(resolve("OPS/", "../../etc/passwd"), None);
        assert_eq!(resolve("OPS/", "http://example.com/a.mp3"), None);
        assert_eq!(resolve("OPS/", "#only-a-fragment"), None);
        assert_eq!(resolve("", "100%.xhtml").as_deref(), Some("100%.xhtml"));
        assert!(is_remote(" https://example.com/a.mp3"));
        assert!(!is_remote("../../etc/passwd"));
    }
}
