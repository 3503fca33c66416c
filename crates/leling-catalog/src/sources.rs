//! The remote catalogs a centre points Leling at: adding one (it must read before it is
//! kept), refreshing (pages followed through `next` links, all replaced at once, or none),
//! and reading the cached copy when offline. Each source fails on its own: a broken one never
//! stops the others, and its last good copy stays.

use std::path::Path;

use super::cache::{self, MAX_OWN_PAGES, MAX_SHELVES};
use super::feed_trim::{FeedTrimmer, Trimmed};
use super::fetch::{
    About, FetchError, Fetched, Fetcher, MAX_CATALOG_BYTES, MAX_STREAMED_BYTES, Validators,
};
use super::remote::{
    self, MAX_ENTRIES, RemoteCatalog, RemoteEntry, RemoteError, SkippedRow, opensearch,
};
use leling_core::model::Lang;
use leling_i18n::{Tell, t_with};
use leling_store::{CachedPage, CatalogSource, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Read(#[from] RemoteError),
    #[error("cannot read the file: {0}")]
    File(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a catalog named {0} already exists")]
    NameTaken(String),
    #[error("no catalog named {0}")]
    NoSuchSource(String),
    /// The catalog read, but what opens it could not be written to the credentials file.
    #[error("the sign-in could not be kept: {0:?}")]
    LoginNotKept(std::io::ErrorKind),
}

impl SourceError {
    /// The problem in plain words, in the person's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SourceError::Fetch(error) => error.message(lang),
            SourceError::Read(error) => t_with(
                lang,
                error.message_id(),
                &[("detail", error.detail().into())],
            ),
            SourceError::File(detail) => t_with(
                lang,
                "catalog-file-unreadable",
                &[("detail", detail.clone().into())],
            ),
            SourceError::Store(error) => error.message(lang),
            SourceError::NameTaken(name) => {
                t_with(lang, "catalog-name-taken", &[("name", name.clone().into())])
            }
            SourceError::NoSuchSource(name) => {
                t_with(lang, "catalog-no-such", &[("name", name.clone().into())])
            }
            SourceError::LoginNotKept(kind) => {
                let detail = std::io::Error::from(*kind);
                let args = [("detail", leling_i18n::io_reason(&detail, lang).into())];
                t_with(lang, "catalog-login-not-kept", &args)
            }
        }
    }
}

/// A page after the first that could not be read: the pages before it are kept, and the
/// next refresh reads the catalog again from its first page.
#[derive(Debug)]
pub struct BrokenPage {
    pub address: String,
    pub error: SourceError,
}

impl BrokenPage {
    pub fn describe(&self, lang: Lang) -> String {
        let args = [
            ("address", self.address.clone().into()),
            ("problem", self.error.message(lang).into()),
        ];
        t_with(lang, "catalog-page-failed", &args)
    }
}

/// What reading a catalog found besides its entries, to be told with the result.
#[derive(Debug, Default)]
pub struct Findings {
    /// A page after the first that could not be read.
    pub broken: Option<BrokenPage>,
    /// Rows of a lecture schedule that were left out, and why.
    pub skipped: Vec<SkippedRow>,
    /// A page held more entries than are kept from one.
    pub cut: bool,
    /// How many entries of such pages were counted and not kept, where they were counted.
    pub left_out: usize,
}

impl Findings {
    /// `sentence` (what was read), then a page cut short and a page that failed, if any.
    fn told_after(&self, sentence: String, lang: Lang) -> String {
        let max = ("max", MAX_ENTRIES.into());
        let cut = match (self.cut, self.left_out) {
            (_, 0) => (self.cut).then(|| t_with(lang, "catalog-cut", &[max])),
            (_, left) => Some(t_with(
                lang,
                "catalog-cut-counted",
                &[max, ("left", left.into())],
            )),
        };
        let broken = self.broken.as_ref().map(|broken| broken.describe(lang));
        std::iter::once(sentence)
            .chain(cut)
            .chain(broken)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A catalog just added.
#[derive(Debug)]
pub struct Added {
    pub name: String,
    pub entries: usize,
    pub findings: Findings,
}

/// The rows of a schedule left out, for the volunteer: how many, then each (up to `most`) with
/// why, then how many more. Empty when none were.
pub fn skipped_lines(skipped: &[SkippedRow], most: usize, lang: Lang) -> Vec<String> {
    if skipped.is_empty() {
        return Vec::new();
    }
    let count = [("count", skipped.len().into())];
    let mut lines = vec![t_with(lang, "catalog-rows-skipped", &count)];
    lines.extend(skipped.iter().take(most).map(|row| row.describe(lang)));
    if skipped.len() > most {
        let more = [("count", (skipped.len() - most).into())];
        lines.push(t_with(lang, "catalog-rows-more", &more));
    }
    lines
}

impl Added {
    /// What was added, and the page that could not be read, if one could not.
    pub fn describe(&self, lang: Lang) -> String {
        let args = [
            ("name", self.name.clone().into()),
            ("entries", self.entries.into()),
        ];
        let added = t_with(lang, "catalog-added", &args);
        self.findings.told_after(added, lang)
    }
}

/// How one refresh went.
#[derive(Debug)]
pub enum Outcome {
    Updated {
        pages: usize,
        entries: usize,
        /// The catalog's own title, from its first page; empty when it has none.
        title: String,
        findings: Findings,
    },
    /// The server said nothing changed since the copy held.
    Unchanged,
    Failed(SourceError),
}

impl Outcome {
    /// How the refresh of catalog `name` went, in one sentence.
    pub fn describe(&self, name: &str, lang: Lang) -> String {
        let name = || name.to_string().into();
        match self {
            Outcome::Updated {
                pages,
                entries,
                findings,
                ..
            } => {
                let args = [
                    ("name", name()),
                    ("pages", (*pages).into()),
                    ("entries", (*entries).into()),
                ];
                findings.told_after(t_with(lang, "catalog-updated", &args), lang)
            }
            Outcome::Unchanged => t_with(lang, "catalog-unchanged", &[("name", name())]),
            Outcome::Failed(error) => {
                let args = [("name", name()), ("problem", error.message(lang).into())];
                t_with(lang, "catalog-failed", &args)
            }
        }
    }
}

/// How long ago a source's last refresh finished, in the locale's words; empty if never.
pub fn checked_ago(source: &CatalogSource, lang: Lang) -> String {
    source
        .checked_at
        .as_deref()
        .map(|when| leling_i18n::time_ago(when, lang))
        .unwrap_or_default()
}

/// Adds a catalog after reading it once; nothing is kept if it cannot be read.
pub fn add(
    store: &Store,
    fetcher: &Fetcher,
    location: &str,
    name: Option<&str>,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Added, SourceError> {
    // A file is kept by its full path, so a refresh from another folder still finds it.
    let location = if is_web_address(location) {
        location.to_string()
    } else {
        std::fs::canonicalize(location)
            .map_err(|e| SourceError::File(e.to_string()))?
            .display()
            .to_string()
    };
    let location = location.as_str();
    let given = name.map(str::to_owned);
    let name = given.clone().unwrap_or_else(|| default_name(location));
    if !store.catalogs().add_source(&name, location)? {
        return Err(SourceError::NameTaken(name));
    }
    let source = store
        .catalogs()
        .source(&name)?
        .ok_or_else(|| SourceError::NoSuchSource(name.clone()))?;
    match refresh(store, fetcher, &source, progress) {
        Outcome::Updated {
            entries,
            title,
            findings,
            ..
        } => {
            // Without a name given, the catalog goes by its own title where it has one and no
            // other catalog has it; the address's name stays otherwise.
            let own = name_from_title(&title).filter(|_| given.is_none());
            let name = match own {
                Some(own) if store.catalogs().rename_source(source.id, &own)? => own,
                _ => name,
            };
            Ok(Added {
                name,
                entries,
                findings,
            })
        }
        Outcome::Unchanged => Ok(Added {
            name,
            entries: 0,
            findings: Findings::default(),
        }),
        Outcome::Failed(error) => {
            store.catalogs().remove_source(&name)?;
            Err(error)
        }
    }
}

/// The longest name taken from a catalog's title, in characters.
const LONGEST_TITLE_NAME: usize = 60;

/// A catalog's title as its name: on one line, without control characters (it comes from the
/// server and is shown on the screens and the command line), at most
/// [`LONGEST_TITLE_NAME`] characters; `None` when nothing is left.
fn name_from_title(title: &str) -> Option<String> {
    let printable: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = printable.split_whitespace().collect();
    let name: String = words.join(" ").chars().take(LONGEST_TITLE_NAME).collect();
    let name = name.trim_end().to_owned();
    (!name.is_empty()).then_some(name)
}

/// A name from the address: its host and last path part, or a file's name without extension.
fn default_name(location: &str) -> String {
    match url::Url::parse(location) {
        Ok(url) if url.has_host() => {
            let last = url
                .path_segments()
                .and_then(|mut parts| parts.next_back().map(str::to_owned))
                .filter(|part| !part.is_empty());
            let host = url.host_str().unwrap_or_default().to_string();
            match last {
                Some(last) => format!("{host}/{last}"),
                None => host,
            }
        }
        _ => Path::new(location)
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| location.to_string()),
    }
}

/// Refreshes one source, keeping its cached copy if anything goes wrong.
pub fn refresh(
    store: &Store,
    fetcher: &Fetcher,
    source: &CatalogSource,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Outcome {
    let outcome = match fetch_pages(store, fetcher, source, progress) {
        Ok(None) => Outcome::Unchanged,
        Ok(Some(read)) => {
            match store
                .catalogs()
                .replace_cached_pages(source.id, &read.pages)
            {
                Ok(()) => Outcome::Updated {
                    pages: read.pages.len(),
                    entries: read.entries,
                    title: read.title,
                    findings: read.findings,
                },
                Err(error) => Outcome::Failed(error.into()),
            }
        }
        Err(error) => Outcome::Failed(error),
    };
    // Kept in both languages: it is shown later, to whoever is at the screen.
    let problem = match &outcome {
        Outcome::Failed(error) => Some(format!(
            "{} / {}",
            error.message(Lang::Zh),
            error.message(Lang::En)
        )),
        Outcome::Updated {
            findings:
                Findings {
                    broken: Some(broken),
                    ..
                },
            ..
        } => Some(format!(
            "{} / {}",
            broken.describe(Lang::Zh),
            broken.describe(Lang::En)
        )),
        _ => None,
    };
    let _ = store.catalogs().note_check(source.id, problem.as_deref());
    outcome
}

/// What a refresh read: the pages, how many entries they hold and the catalog's own title,
/// and the page it could not read, if one.
struct Read {
    pages: Vec<CachedPage>,
    entries: usize,
    title: String,
    findings: Findings,
}

/// The new pages, or `None` when the first page is unchanged.
fn fetch_pages(
    store: &Store,
    fetcher: &Fetcher,
    source: &CatalogSource,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Option<Read>, SourceError> {
    let now = chrono::Utc::now().to_rfc3339();
    if !is_web_address(&source.location) {
        let bytes = read_file(&source.location)?;
        let catalog = remote::parse(&bytes, None, None)?;
        let entries = catalog.entries.len();
        let page = CachedPage {
            page: 1,
            url: source.location.clone(),
            fetched_at: now,
            etag: None,
            last_modified: None,
            content_type: None,
            body: bytes,
        };
        return Ok(Some(Read {
            pages: vec![page],
            entries,
            title: catalog.title,
            findings: Findings {
                broken: None,
                skipped: catalog.skipped,
                cut: catalog.truncated,
                left_out: 0,
            },
        }));
    }
    let cached = store.catalogs().cached_pages(source.id)?;
    let known = cached.first().map(|page| Validators {
        etag: page.etag.clone(),
        last_modified: page.last_modified.clone(),
    });
    let mut pages = Vec::new();
    let mut entries = 0;
    let mut navigation = Vec::new();
    let mut search = None;
    let mut title = String::new();
    let mut findings = Findings::default();
    let mut next = Some(source.location.clone());
    while let Some(url) = next.take() {
        let validators = if pages.is_empty() {
            known.as_ref()
        } else {
            None
        };
        let number = pages.len() as i64 + 1;
        let (page, catalog) = match fetch_page(fetcher, &url, validators, number, &now, progress) {
            Ok(Some(read)) => read,
            Ok(None) => return Ok(None),
            // A later page that fails leaves the pages before it: they are kept, and what
            // failed is said with its address.
            Err(error) if !pages.is_empty() => {
                // The next page's address comes from the feed, perhaps with the key in it.
                findings.broken = Some(BrokenPage {
                    address: fetcher.redact(&url),
                    error,
                });
                break;
            }
            Err(error) => return Err(error),
        };
        entries += catalog.entries.len();
        findings.skipped.extend(catalog.skipped.iter().cloned());
        findings.cut |= catalog.truncated;
        findings.left_out += catalog.left_out;
        if pages.is_empty() {
            navigation = catalog.navigation.iter().map(|l| l.href.clone()).collect();
            search = catalog.search.clone();
            title = catalog.title.clone();
        }
        pages.push(page);
        // A page that links back to one already read ends the walk.
        next = catalog
            .next_page
            .filter(|next| pages.len() < MAX_OWN_PAGES && !pages.iter().any(|p| &p.url == next));
    }
    // A navigation catalog (OPDS "shelves") has its books one step down: the first shelves are
    // fetched too, so they are there offline. A shelf that fails is left out, not the catalog.
    let own = pages.len();
    for (index, url) in navigation.iter().enumerate().take(MAX_SHELVES) {
        if pages[..own].iter().any(|p| &p.url == url) {
            continue;
        }
        let number = cache::shelf_page(index);
        if let Ok(Some((page, shelf))) = fetch_page(fetcher, url, None, number, &now, progress) {
            entries += shelf.entries.len();
            pages.push(page);
        }
    }
    // An OpenSearch description is kept too, so the catalog can be searched by its address
    // template; without it the catalog is still kept, only not searchable until it comes.
    if let Some(description) = search.filter(|address| !opensearch::is_template(address))
        && let Ok(Fetched::Body {
            bytes,
            content_type,
            final_url,
            ..
        }) = fetcher.fetch(&description, None, MAX_CATALOG_BYTES, progress)
    {
        pages.push(CachedPage {
            page: cache::description_page(),
            url: final_url,
            fetched_at: now.clone(),
            etag: None,
            last_modified: None,
            content_type,
            body: bytes,
        });
    }
    // Without the first page's validators, the next refresh cannot be told "unchanged": it
    // reads every page again, the one that failed among them.
    if findings.broken.is_some()
        && let Some(first) = pages.first_mut()
    {
        first.etag = None;
        first.last_modified = None;
    }
    Ok(Some(Read {
        pages,
        entries,
        title,
        findings,
    }))
}

/// Fetches and reads one page of a catalog; `None` when the server says it is unchanged.
pub(super) fn fetch_page(
    fetcher: &Fetcher,
    url: &str,
    known: Option<&Validators>,
    number: i64,
    now: &str,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Option<(CachedPage, RemoteCatalog)>, SourceError> {
    // Read as it comes: a feed too big to keep whole is kept up to its last whole entry that
    // fits, and the entries after it counted.
    let mut trimmer = FeedTrimmer::new();
    let Some(About {
        content_type,
        validators,
        final_url,
    }) = fetcher.fetch_into(url, known, MAX_STREAMED_BYTES, &mut trimmer, progress)?
    else {
        return Ok(None);
    };
    let too_large = FetchError::TooLarge {
        limit: MAX_CATALOG_BYTES,
        size: None,
    };
    let Trimmed {
        body: bytes,
        left_out,
    } = trimmer.finish().ok_or(too_large)?;
    let mut catalog = remote::parse(&bytes, content_type.as_deref(), Some(&final_url))?;
    catalog.left_out = left_out;
    catalog.truncated |= left_out > 0;
    let page = CachedPage {
        page: number,
        url: final_url,
        fetched_at: now.to_string(),
        etag: validators.etag,
        last_modified: validators.last_modified,
        content_type,
        body: bytes,
    };
    Ok(Some((page, catalog)))
}

pub(crate) fn is_web_address(location: &str) -> bool {
    location.starts_with("http://") || location.starts_with("https://")
}

fn read_file(location: &str) -> Result<Vec<u8>, SourceError> {
    use std::io::Read;
    let file = std::fs::File::open(location).map_err(|e| SourceError::File(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_CATALOG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::File(e.to_string()))?;
    if bytes.len() as u64 > MAX_CATALOG_BYTES {
        let size = std::fs::metadata(location).ok().map(|m| m.len());
        return Err(FetchError::TooLarge {
            limit: MAX_CATALOG_BYTES,
            size,
        }
        .into());
    }
    Ok(bytes)
}

/// A source's catalog as last fetched, its own entries and its shelves' as one list, and
/// when it was fetched. `None` when nothing is cached.
pub fn cached(
    store: &Store,
    source: &CatalogSource,
) -> Result<Option<(RemoteCatalog, String)>, StoreError> {
    Ok(cache::read(store, source)?.map(cache::CachedCatalog::into_flat))
}

/// The entries of every cached catalog, each with its source's name.
pub fn all_cached_entries(store: &Store) -> Result<Vec<(String, RemoteEntry)>, StoreError> {
    let mut all = Vec::new();
    for source in store.catalogs().sources()? {
        if let Some((catalog, _)) = cached(store, &source)? {
            all.extend(
                catalog
                    .entries
                    .into_iter()
                    .map(|e| (source.name.clone(), e)),
            );
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_a_name_on_one_line_without_control_characters() {
        assert_eq!(
            name_from_title("  乐龄\n读书会 \u{1b}[31m书目\t"),
            Some("乐龄 读书会 [31m书目".to_owned())
        );
        assert_eq!(name_from_title(" \n\t"), None);
        let long = "长".repeat(100);
        assert_eq!(
            name_from_title(&long).map(|n| n.chars().count()),
            Some(LONGEST_TITLE_NAME)
        );
    }
}
