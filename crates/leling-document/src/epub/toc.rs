//! The book's own table of contents: the EPUB 3 navigation document (`<nav epub:type="toc">`)
//! or the EPUB 2 NCX. Entries point at archive names; the caller maps them to chapters.

use ego_tree::iter::Edge;
use scraper::Node;

use super::paths::{folder_of, resolve};
use super::xml::{Step, attribute, for_each_step};
use crate::html::{self, element, has_semantic, text_of};
use crate::whitespace::{CjkGaps, collapse};

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub title: String,
    /// The archive name the entry links to, without fragment; `None` for a label that only
    /// groups the entries under it.
    pub path: Option<String>,
    pub depth: u8,
}

/// Entries of the `toc` navigation list of an EPUB 3 navigation document at `nav_path`.
/// Lists marked `hidden` are left out, as reading systems leave them out.
pub(super) fn from_nav(text: &str, nav_path: &str) -> Vec<Entry> {
    let folder = folder_of(nav_path);
    let document = html::parse(text);
    let Some(nav) =
        document.tree.root().descendants().find(|node| {
            element(*node).is_some_and(|e| e.name() == "nav" && has_semantic(e, "toc"))
        })
    else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let mut list_depth = 0u8;
    let mut skipping = None;
    for edge in nav.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => {
                let Some(tag) = element(node) else {
                    continue;
                };
                if tag.attr("hidden").is_some() {
                    skipping = Some(node.id());
                    continue;
                }
                match tag.name() {
                    "ol" | "ul" => list_depth = list_depth.saturating_add(1),
                    "li" => {
                        let label = node.children().find(|child| {
                            element_named(
                                *child,
                                &["a", "span", "h1", "h2", "h3", "h4", "h5", "h6"],
                            )
                        });
                        let Some(label) = label else {
                            continue;
                        };
                        let title = collapse(&text_of(label), CjkGaps::DropLineBreaks);
                        let path = element(label)
                            .and_then(|a| a.attr("href"))
                            .and_then(|href| resolve(folder, href));
                        if !title.is_empty() {
                            entries.push(Entry {
                                title,
                                path,
                                depth: list_depth.saturating_sub(1),
                            });
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && element(node).is_some_and(|e| matches!(e.name(), "ol" | "ul"))
                {
                    list_depth = list_depth.saturating_sub(1);
                }
            }
            Edge::Open(_) => {}
        }
    }
    entries
}

fn element_named(node: ego_tree::NodeRef<Node>, names: &[&str]) -> bool {
    element(node).is_some_and(|e| names.contains(&e.name()))
}

/// Entries of the `navMap` of an EPUB 2 NCX file at `ncx_path`.
pub(super) fn from_ncx(text: &str, ncx_path: &str) -> Vec<Entry> {
    let folder = folder_of(ncx_path);
    let mut entries = Vec::new();
    let mut in_nav_map = false;
    let mut depth = 0u8;
    let mut in_label = false;
    let mut label = String::new();
    for_each_step(text, |step| match step {
        Step::Open { name, tag } => match name {
            "navMap" => in_nav_map = true,
            "navPoint" if in_nav_map => {
                depth = depth.saturating_add(1);
                label.clear();
            }
            "navLabel" => in_label = true,
            "content" if in_nav_map => {
                let title = collapse(&label, CjkGaps::DropLineBreaks);
                if !title.is_empty() {
                    let path = attribute(tag, "src").and_then(|src| resolve(folder, &src));
                    entries.push(Entry {
                        title,
                        path,
                        depth: depth.saturating_sub(1),
                    });
                }
            }
            _ => {}
        },
        Step::Text(text) => {
            if in_label {
                label.push_str(text);
            }
        }
        Step::Close { name } => match name {
            "navMap" => in_nav_map = false,
            "navPoint" => depth = depth.saturating_sub(1),
            "navLabel" => in_label = false,
            _ => {}
        },
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, path: Option<&str>, depth: u8) -> Entry {
        Entry {
            title: title.into(),
            path: path.map(str::to_string),
            depth,
        }
    }

    #[test]
    fn nav_lists_give_nested_entries_and_hidden_lists_are_skipped() {
        let nav = r#"<?xml version="1.0"?><html xmlns:epub="http://www.idpf.org/2007/ops"><body>
            <nav epub:type="landmarks"><ol><li><a href="x.xhtml">Skip me</a></li></ol></nav>
            <nav epub:type="toc"><h1>Contents</h1><ol>
              <li><a href="text/one.xhtml#start">One</a>
                <ol><li><a href="text/one.xhtml#s2">One, part 2</a></li></ol></li>
              <li><span>Group</span><ol hidden=""><li><a href="text/two.xhtml">Hidden</a></li></ol></li>
            </ol></nav></body></html>"#;
        assert_eq!(
            from_nav(nav, "OPS/nav.xhtml"),
            [
                entry("One", Some("OPS/text/one.xhtml"), 0),
                entry("One, part 2", Some("OPS/text/one.xhtml"), 1),
                entry("Group", None, 0),
            ]
        );
    }

    #[test]
    fn ncx_nav_points_give_nested_entries() {
        let ncx = r#"<ncx:ncx xmlns:ncx="http://www.daisy.org/z3986/2005/ncx/"><ncx:navMap>
            <ncx:navPoint><ncx:navLabel><ncx:text>表紙</ncx:text></ncx:navLabel>
              <ncx:content src="%E8%A1%A8%E7%B4%99.xhtml"/>
              <ncx:navPoint><ncx:navLabel><ncx:text>Inner &amp; more</ncx:text></ncx:navLabel>
                <ncx:content src="b.xhtml#x"/></ncx:navPoint>
            </ncx:navPoint></ncx:navMap>
            <ncx:pageList><ncx:pageTarget><ncx:navLabel><ncx:text>1</ncx:text></ncx:navLabel>
              <ncx:content src="p.xhtml"/></ncx:pageTarget></ncx:pageList></ncx:ncx>"#;
        assert_eq!(
            from_ncx(ncx, "OPS/xhtml/toc.ncx"),
            [
                entry("表紙", Some("OPS/xhtml/表紙.xhtml"), 0),
                entry("Inner & more", Some("OPS/xhtml/b.xhtml"), 1),
            ]
        );
    }
}
