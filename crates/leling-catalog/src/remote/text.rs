//! Summaries and titles as plain text: feeds put HTML in them (escaped, in CDATA, or as Atom
//! `type="html"`), and the reader shows and speaks text only.

use scraper::{Html, Node};

use leling_core::model::is_han;

/// A feed-rs text as plain text, whether the feed wrote it as text or HTML.
pub(super) fn text_of(text: &feed_rs::model::Text) -> String {
    html_or_plain(text.content_type.as_ref(), &text.content)
}

pub(super) fn html_or_plain(media_type: &str, body: &str) -> String {
    if media_type.contains("html") {
        plain_from_html(body)
    } else {
        plain_from_text(body)
    }
}

/// The text of an HTML fragment: tags dropped (with the contents of scripts and styles),
/// entities decoded, whitespace collapsed. Block elements and `<br>` keep the words on
/// either side apart.
///
/// Tags are removed here in one pass rather than by an HTML parser: building a tree is
/// quadratic in the nesting depth, and a hostile summary of thousands of nested `<div>`s
/// would take minutes. html5ever then only decodes the entities of the flat text, which it
/// knows all of (`&eacute;`, `&hellip;`, legacy ones without `;`).
pub(super) fn plain_from_html(html: &str) -> String {
    plain_from_text(&strip_tags(html))
}

/// Text that should hold no markup, with its character references decoded anyway: feeds
/// escape twice (`Blog &amp;#8211; News` arrives as `Blog &#8211; News`), and a reader
/// should see the dash.
pub(super) fn plain_from_text(text: &str) -> String {
    if text.contains('&') {
        collapse(&decode_entities(text))
    } else {
        collapse(text)
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        // A "<" not starting a tag ("x < y") is text, as a browser reads it.
        if !after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            out.push('<');
            rest = after;
            continue;
        }
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        rest = after.get(end + 1..).unwrap_or_default();
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if is_block(&name) {
            out.push(' ');
        }
        if !closing && is_hidden(&name) {
            let close = format!("</{name}");
            rest = find_ignore_ascii_case(rest, &close)
                .and_then(|at| rest[at..].find('>').map(|end| &rest[at + end + 1..]))
                .unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// The text with its character references decoded, by html5ever. Every `<` is escaped
/// first, so the fragment is a single text node whatever the text holds.
fn decode_entities(text: &str) -> String {
    let fragment = Html::parse_fragment(&text.replace('<', "&lt;"));
    let mut decoded = String::with_capacity(text.len());
    for node in fragment.tree.root().descendants() {
        if let Node::Text(part) = node.value() {
            decoded.push_str(part);
        }
    }
    decoded
}

fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `text` trimmed, each run of whitespace one space, except that a line break between two
/// Chinese characters goes (as in a browser): hard-wrapped Chinese must not gain spaces.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    let mut gap_has_line_break = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            gap = true;
            gap_has_line_break |= c == '\n' || c == '\r';
            continue;
        }
        if gap {
            let joins = out.chars().next_back().is_some_and(is_cjk) && is_cjk(c);
            if !(joins && gap_has_line_break) {
                out.push(' ');
            }
            gap = false;
            gap_has_line_break = false;
        }
        out.push(c);
    }
    out
}

fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "dd"
            | "dt"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "figure"
            | "figcaption"
            | "hr"
            | "table"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            plain_from_html("<p>The <i>Secret</i> Garden&nbsp;&amp; more</p><p>Next&#233;</p>"),
            "The Secret Garden & more Next\u{e9}"
        );
        assert_eq!(
            plain_from_html("a<br>b<script>alert(1)</script><style>p{}</style> c"),
            "a b c"
        );
        assert_eq!(plain_from_html("x < y and 3 > 2"), "x < y and 3 > 2");
        assert_eq!(plain_from_html("  plain\n\n text  "), "plain text");
        assert_eq!(
            plain_from_html("caf&eacute; &hellip; <!-- note --><SCRIPT>x</Script>&lt;b&gt;"),
            "caf\u{e9} \u{2026} <b>"
        );
        assert_eq!(plain_from_html("<p>unclosed <b"), "unclosed");
        assert_eq!(plain_from_html("<script>never closed"), "");
    }

    #[test]
    fn plain_text_keeps_its_brackets_and_loses_its_escapes() {
        assert_eq!(
            plain_from_text("Using <video> &amp; <b>bold</b> &#8211; AT&T"),
            "Using <video> & <b>bold</b> \u{2013} AT&T"
        );
    }

    #[test]
    fn chinese_line_breaks_leave_no_space() {
        assert_eq!(collapse("第一行\n第二行"), "第一行第二行");
        assert_eq!(collapse("第一 第二"), "第一 第二");
        assert_eq!(collapse("Tai Chi\n太极拳"), "Tai Chi 太极拳");
        assert_eq!(
            plain_from_html("<p>第一段</p><p>第二段</p>"),
            "第一段 第二段"
        );
    }

    #[test]
    fn deeply_nested_tags_are_read_in_one_pass() {
        let html = "<div>".repeat(50_000) + "deep" + &"</div>".repeat(50_000);
        assert_eq!(plain_from_html(&html), "deep");
    }
}
