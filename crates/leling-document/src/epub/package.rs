//! `META-INF/container.xml` (where the package file is) and the package file itself: the
//! book's metadata, its manifest of files and its spine, the reading order.

use super::paths::{folder_of, resolve};
use super::xml::{Step, attribute, for_each_step};

/// The path of the first package file `container.xml` names.
pub(super) fn package_path(container: &str) -> Option<String> {
    let mut path = None;
    for_each_step(container, |step| {
        if let Step::Open {
            name: "rootfile",
            tag,
            ..
        } = step
            && path.is_none()
        {
            path = attribute(tag, "full-path").filter(|p| !p.trim().is_empty());
        }
    });
    path
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Package {
    pub title: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// In the order the manifest lists them.
    pub manifest: Vec<ManifestItem>,
    /// Manifest ids in reading order.
    pub spine: Vec<SpineItem>,
    /// The manifest id of the EPUB 2 table of contents (NCX), from `<spine toc="…">`.
    pub ncx_id: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct ManifestItem {
    pub id: String,
    /// As written in the package file.
    pub href: String,
    /// The archive name it resolves to; `None` for remote resources or unsafe paths.
    pub path: Option<String>,
    pub media_type: String,
    pub properties: String,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct SpineItem {
    pub idref: String,
    /// `linear="no"` items are read after the main text.
    pub linear: bool,
}

impl Package {
    pub fn item(&self, id: &str) -> Option<&ManifestItem> {
        self.manifest.iter().find(|item| item.id == id)
    }

    /// The EPUB 3 navigation document.
    pub fn nav(&self) -> Option<&ManifestItem> {
        self.manifest
            .iter()
            .find(|item| item.properties.split_ascii_whitespace().any(|p| p == "nav"))
    }

    /// The EPUB 2 NCX table of contents.
    pub fn ncx(&self) -> Option<&ManifestItem> {
        self.ncx_id
            .as_deref()
            .and_then(|id| self.item(id))
            .or_else(|| {
                self.manifest
                    .iter()
                    .find(|item| item.media_type == "application/x-dtbncx+xml")
            })
    }
}

/// Which metadata element's text is being gathered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Creator,
    Language,
}

/// Reads a package file found at `package_path`.
pub(super) fn parse(text: &str, package_path: &str) -> Package {
    let folder = folder_of(package_path);
    let mut package = Package::default();
    let mut in_metadata = false;
    let mut field = None;
    let mut value = String::new();
    for_each_step(text, |step| match step {
        Step::Open { name, tag } => match name {
            "metadata" => in_metadata = true,
            "title" | "creator" | "language" if in_metadata => {
                field = Some(match name {
                    "title" => Field::Title,
                    "creator" => Field::Creator,
                    _ => Field::Language,
                });
                value.clear();
            }
            "item" => {
                let href = attribute(tag, "href").unwrap_or_default();
                package.manifest.push(ManifestItem {
                    id: attribute(tag, "id").unwrap_or_default(),
                    path: resolve(folder, &href),
                    href,
                    media_type: attribute(tag, "media-type").unwrap_or_default(),
                    properties: attribute(tag, "properties").unwrap_or_default(),
                });
            }
            "spine" => package.ncx_id = attribute(tag, "toc"),
            "itemref" => {
                if let Some(idref) = attribute(tag, "idref") {
                    let linear = attribute(tag, "linear").is_none_or(|l| l.trim() != "no");
                    package.spine.push(SpineItem { idref, linear });
                }
            }
            _ => {}
        },
        Step::Text(text) => {
            if field.is_some() {
                value.push_str(text);
            }
        }
        Step::Close { name } => match name {
            "metadata" => in_metadata = false,
            "title" | "creator" | "language" => {
                let text = value.split_whitespace().collect::<Vec<_>>().join(" ");
                // The first of each wins: later titles are subtitles, later creators helpers.
                let slot = match field.take() {
                    Some(Field::Title) => &mut package.title,
                    Some(Field::Creator) => &mut package.author,
                    Some(Field::Language) => &mut package.language,
                    None => return,
                };
                if slot.is_none() && !text.is_empty() {
                    *slot = Some(text);
                }
            }
            _ => {}
        },
    });
    package
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_the_package_file() {
        let container = "\u{feff}<?xml version='1.0'?><container><rootfiles>\
            <rootfile full-path='OPS/package.opf' media-type='application/oebps-package+xml'/>\
            </rootfiles></container>";
        assert_eq!(package_path(container).as_deref(), Some("OPS/package.opf"));
        assert_eq!(package_path("<container/>"), None);
    }

    #[test]
    fn package_metadata_manifest_and_spine_are_read() {
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title id="t">Moby-Dick</dc:title><dc:title>Or, the Whale</dc:title>
              <dc:creator>Herman
                Melville</dc:creator><dc:language>en-US</dc:language>
              <dc:publisher>Harper &amp; Brothers</dc:publisher>
            </metadata>
            <manifest>
              <item id="nav" properties="nav" href="toc.xhtml" media-type="application/xhtml+xml"/>
              <item id="c1" href="text/%E4%B8%80.xhtml" media-type="application/xhtml+xml"/>
              <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
            </manifest>
            <spine toc="ncx"><itemref idref="nav" linear="no"/><itemref idref="c1"/></spine>
          </package>"#;
        let package = parse(opf, "OPS/package.opf");
        assert_eq!(package.title.as_deref(), Some("Moby-Dick"));
        assert_eq!(package.author.as_deref(), Some("Herman Melville"));
        assert_eq!(package.language.as_deref(), Some("en-US"));
        assert_eq!(
            package.manifest[1].path.as_deref(),
            Some("OPS/text/一.xhtml")
        );
        assert_eq!(package.nav().map(|i| i.id.as_str()), Some("nav"));
        assert_eq!(package.ncx().map(|i| i.id.as_str()), Some("ncx"));
        assert_eq!(
            package.spine,
            [
                SpineItem {
                    idref: "nav".into(),
                    linear: false
                },
                SpineItem {
                    idref: "c1".into(),
                    linear: true
                }
            ]
        );
    }
}
