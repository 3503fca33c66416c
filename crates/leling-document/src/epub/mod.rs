//! EPUB 2 and 3: the zip is read with `zip` and the package files with `quick-xml` rather
//! than through an EPUB library, so that every unpacked byte goes through Leling's limits and
//! a book missing some of its files still opens, listing what is missing.
//!
//! Each spine item becomes one chapter, in reading order, with the items marked
//! `linear="no"` after the others; a chapter is named by the first table-of-contents entry
//! pointing at it, else by its first heading.

mod archive;
mod package;
mod paths;
mod toc;
mod xml;

use std::collections::HashMap;
use std::io::{Read, Seek};

use self::archive::{Archive, Limits};
use self::package::{ManifestItem, Package};
use super::encoding::decode_xml_lossy;
use super::{
    Block, BlockKind, Chapter, DocumentError, Draft, TocEntry, html, normalize_language_tag,
};

const CONTAINER_PATH: &str = "META-INF/container.xml";

/// Reads the book, or (with `chapters`) at least that many of its leading chapters; says
/// whether it read all of it.
pub(crate) fn read(
    reader: impl Read + Seek,
    chapters: Option<usize>,
) -> Result<(Draft, bool), DocumentError> {
    let mut archive = Archive::open(reader, Limits::BOOK)?;
    let container = archive
        .read(CONTAINER_PATH)?
        .ok_or(DocumentError::NoContainer)?;
    let package_path =
        package::package_path(&decode_xml_lossy(&container)).ok_or(DocumentError::NoPackage {
            path: String::new(),
        })?;
    let package_name =
        paths::resolve("", &package_path).ok_or_else(|| DocumentError::UnsafeEntryName {
            name: package_path.clone(),
        })?;
    let package_bytes = archive
        .read(&package_name)?
        .ok_or_else(|| DocumentError::NoPackage {
            path: package_name.clone(),
        })?;
    let package = package::parse(&decode_xml_lossy(&package_bytes), &package_name);
    if package.spine.is_empty() {
        return Err(DocumentError::NoSpine);
    }

    // Files the manifest lists but the archive lacks, and hrefs that point above its root.
    let mut missing: Vec<String> = package
        .manifest
        .iter()
        .filter_map(|item| match item.path.as_deref() {
            Some(path) => (!archive.contains(path)).then(|| path.to_string()),
            None => (!paths::is_remote(&item.href)).then(|| item.href.clone()),
        })
        .collect();

    // The contents first: its parsed page (~160 KB on Moby-Dick) is let go before the book's
    // text is in memory, rather than held on top of it.
    let entries = read_toc(&mut archive, &package)?;
    let SpineRead {
        chapters,
        chapter_by_path,
        complete,
    } = read_spine(&mut archive, &package, &mut missing, chapters)?;
    let mut draft = Draft {
        title: package.title.clone(),
        author: package.author.clone(),
        language: package.language.as_deref().and_then(normalize_language_tag),
        chapters,
        missing,
        ..Draft::default()
    };
    let toc = map_toc(entries, &chapter_by_path);
    name_chapters(&mut draft.chapters, &toc);
    draft.toc = Some(toc);
    Ok((draft, complete))
}

/// The chapters read from the spine, where each item's chapter is, and whether all were read.
struct SpineRead {
    chapters: Vec<Chapter>,
    chapter_by_path: HashMap<String, usize>,
    complete: bool,
}

/// Reads the spine items in reading order. Items the archive lacks (already listed as
/// missing) are skipped; one that is damaged is listed and skipped too, but one that unpacks
/// past the limits stops the whole book. With `wanted`, reading stops after that many
/// chapters; the flag returned says whether every item was read.
fn read_spine<R: Read + Seek>(
    archive: &mut Archive<R>,
    package: &Package,
    missing: &mut Vec<String>,
    wanted: Option<usize>,
) -> Result<SpineRead, DocumentError> {
    let linear = package.spine.iter().filter(|item| item.linear);
    let auxiliary = package.spine.iter().filter(|item| !item.linear);
    let mut chapters = Vec::new();
    let mut chapter_by_path = HashMap::new();
    for spine_item in linear.chain(auxiliary) {
        if wanted.is_some_and(|wanted| chapters.len() >= wanted) {
            return Ok(SpineRead {
                chapters,
                chapter_by_path,
                complete: false,
            });
        }
        let Some(item) = package.item(&spine_item.idref) else {
            missing.push(format!("spine item \"{}\"", spine_item.idref));
            continue;
        };
        let Some(path) = item.path.as_deref() else {
            continue;
        };
        let bytes = match archive.read(path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(DocumentError::CorruptArchive { .. }) => {
                missing.push(path.to_string());
                continue;
            }
            Err(error) => return Err(error),
        };
        let blocks = chapter_blocks(item, &bytes);
        if blocks.is_empty() {
            continue;
        }
        chapter_by_path
            .entry(path.to_string())
            .or_insert(chapters.len());
        chapters.push(Chapter {
            title: None,
            blocks,
        });
    }
    Ok(SpineRead {
        chapters,
        chapter_by_path,
        complete: true,
    })
}

fn chapter_blocks(item: &ManifestItem, bytes: &[u8]) -> Vec<Block> {
    if item.media_type.starts_with("image/") {
        return vec![Block::new(BlockKind::Picture, "")];
    }
    html::read(&decode_xml_lossy(bytes)).blocks
}

/// Reads one kind of table-of-contents file found at a path in the archive.
type TocParser = fn(&str, &str) -> Vec<toc::Entry>;

/// The navigation document's entries, else the NCX's. A table of contents that cannot be
/// read is no reason to refuse the book: the chapters' headings are used instead.
fn read_toc<R: Read + Seek>(
    archive: &mut Archive<R>,
    package: &Package,
) -> Result<Vec<toc::Entry>, DocumentError> {
    let sources: [(Option<&ManifestItem>, TocParser); 2] = [
        (package.nav(), toc::from_nav),
        (package.ncx(), toc::from_ncx),
    ];
    for (item, parse) in sources {
        let Some(path) = item.and_then(|item| item.path.as_deref()) else {
            continue;
        };
        let bytes = match archive.read(path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) | Err(DocumentError::CorruptArchive { .. }) => continue,
            Err(error) => return Err(error),
        };
        let entries = parse(&decode_xml_lossy(&bytes), path);
        if !entries.is_empty() {
            return Ok(entries);
        }
    }
    Ok(Vec::new())
}

/// Turns entries into chapter indices. A label that only groups entries (no link of its own)
/// points where its first linked sub-entry points; entries pointing outside the chapters that
/// could be read are dropped.
fn map_toc(entries: Vec<toc::Entry>, chapter_by_path: &HashMap<String, usize>) -> Vec<TocEntry> {
    let chapters: Vec<Option<usize>> = entries
        .iter()
        .map(|entry| {
            entry
                .path
                .as_ref()
                .and_then(|path| chapter_by_path.get(path).copied())
        })
        .collect();
    entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let chapter = chapters[index].or_else(|| {
                entries[index + 1..]
                    .iter()
                    .zip(&chapters[index + 1..])
                    .take_while(|(sub_entry, _)| sub_entry.depth > entry.depth)
                    .find_map(|(_, chapter)| *chapter)
            })?;
            Some(TocEntry {
                title: entry.title.clone(),
                chapter,
                depth: entry.depth,
            })
        })
        .collect()
}

fn name_chapters(chapters: &mut [Chapter], toc: &[TocEntry]) {
    for entry in toc {
        if let Some(chapter) = chapters.get_mut(entry.chapter)
            && chapter.title.is_none()
        {
            chapter.title = Some(entry.title.clone());
        }
    }
    for chapter in chapters.iter_mut().filter(|c| c.title.is_none()) {
        chapter.title = chapter
            .blocks
            .iter()
            .find(|block| matches!(block.kind, BlockKind::Heading(_)))
            .map(|heading| heading.text.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, path: Option<&str>, depth: u8) -> toc::Entry {
        toc::Entry {
            title: title.into(),
            path: path.map(str::to_string),
            depth,
        }
    }

    #[test]
    fn grouping_labels_point_at_their_first_linked_entry() {
        let chapter_by_path = HashMap::from([("a".to_string(), 0), ("b".to_string(), 1)]);
        let toc = map_toc(
            vec![
                entry("A", Some("a"), 0),
                entry("Group", None, 0),
                entry("Lost", Some("gone"), 1),
                entry("B", Some("b"), 1),
                entry("Empty group", None, 0),
            ],
            &chapter_by_path,
        );
        let mapped: Vec<_> = toc
            .iter()
            .map(|e| (e.title.as_str(), e.chapter, e.depth))
            .collect();
        assert_eq!(mapped, [("A", 0, 0), ("Group", 1, 0), ("B", 1, 1)]);
    }
}
