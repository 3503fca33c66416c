//! A remote catalog as this kiosk keeps it, read back for browsing offline: the catalog's
//! own pages (the first and those reached by `next`), its shelves (the first page of each of
//! its first navigation links), its search description, and searches made from this kiosk.
//!
//! All of them are rows of `catalog_pages`; the page number tells which is which, so the
//! table needs no new column:
//!
//! | page numbers | what |
//! |---|---|
//! | 1 to [`MAX_OWN_PAGES`] | the catalog's own pages, in order |
//! | 101 to 100 + [`MAX_SHELVES`] | shelf *n* is the first page of navigation link *n* |
//! | 200 | the OpenSearch description |
//! | 201 to 200 + [`MAX_SEARCHES`] | search results, by the address searched |

use super::remote::{self, RemoteCatalog, RemoteEntry, opensearch};
use leling_store::{CachedPage, CatalogSource, Store, StoreError};

/// A catalog's `next` links are followed this far; a feed with more pages is cut there.
pub const MAX_OWN_PAGES: usize = 20;
/// A navigation catalog's first shelves are fetched with it, this many.
pub const MAX_SHELVES: usize = 10;
/// Searches kept for offline use; a new one replaces the oldest.
pub const MAX_SEARCHES: usize = 20;

const FIRST_SHELF: i64 = 101;
const DESCRIPTION: i64 = 200;
const FIRST_SEARCH: i64 = 201;

/// The page number of the shelf reached by navigation link `index`.
pub fn shelf_page(index: usize) -> i64 {
    FIRST_SHELF + index as i64
}

/// The page number of the OpenSearch description.
pub fn description_page() -> i64 {
    DESCRIPTION
}

/// What a cached page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Own,
    /// The first page of the catalog's navigation link of this index.
    Shelf(usize),
    Description,
    Search,
}

fn role(page: &CachedPage, first: &RemoteCatalog) -> Role {
    match page.page {
        DESCRIPTION => Role::Description,
        n if n >= FIRST_SEARCH => Role::Search,
        n if n >= FIRST_SHELF => Role::Shelf((n - FIRST_SHELF) as usize),
        // Copies saved before shelves had numbers of their own followed the catalog's pages;
        // they are known by their address.
        n if n > 1 => first
            .navigation
            .iter()
            .position(|link| link.href == page.url)
            .map_or(Role::Own, Role::Shelf),
        _ => Role::Own,
    }
}

/// One shelf of a navigation catalog, with its books as last fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct Shelf {
    pub title: String,
    pub entries: Vec<RemoteEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CachedCatalog {
    /// The catalog's own pages as one: the first page's title, links and search address,
    /// with the entries of every page.
    pub catalog: RemoteCatalog,
    /// When the first page was fetched (RFC 3339).
    pub fetched_at: String,
    /// The shelves that were kept and have books, in the catalog's order.
    pub shelves: Vec<Shelf>,
    /// The address template to search the catalog at its source, when it has one: its own,
    /// or the one its saved OpenSearch description gives.
    pub search_template: Option<String>,
}

impl CachedCatalog {
    /// Every entry, the catalog's own and its shelves', as one list.
    pub fn into_flat(self) -> (RemoteCatalog, String) {
        let mut catalog = self.catalog;
        catalog
            .entries
            .extend(self.shelves.into_iter().flat_map(|shelf| shelf.entries));
        (catalog, self.fetched_at)
    }

    /// Whether the catalog can be searched at its source (it says where).
    pub fn searchable(&self) -> bool {
        self.catalog.search.is_some()
    }
}

/// A source's catalog as last fetched, or `None` when nothing is cached. Pages that no longer
/// read are left out.
pub fn read(store: &Store, source: &CatalogSource) -> Result<Option<CachedCatalog>, StoreError> {
    let pages = store.catalogs().cached_pages(source.id)?;
    let Some(first_page) = pages.first() else {
        return Ok(None);
    };
    let Ok(mut catalog) = parse(first_page) else {
        return Ok(None);
    };
    let mut shelves: Vec<(usize, Shelf)> = Vec::new();
    let mut search_template = catalog
        .search
        .clone()
        .filter(|address| opensearch::is_template(address));
    for page in &pages[1..] {
        match role(page, &catalog) {
            Role::Own => {
                if let Ok(more) = parse(page) {
                    catalog.entries.extend(more.entries);
                }
            }
            Role::Shelf(index) => {
                let (Some(link), Ok(shelf)) = (catalog.navigation.get(index), parse(page)) else {
                    continue;
                };
                if !shelf.entries.is_empty() {
                    let title = link.title.clone();
                    shelves.push((
                        index,
                        Shelf {
                            title,
                            entries: shelf.entries,
                        },
                    ));
                }
            }
            Role::Description => {
                search_template = search_template
                    .or_else(|| opensearch::template_from_description(&page.body, base(page)).ok());
            }
            Role::Search => {}
        }
    }
    shelves.sort_by_key(|(index, _)| *index);
    Ok(Some(CachedCatalog {
        catalog,
        fetched_at: first_page.fetched_at.clone(),
        shelves: shelves.into_iter().map(|(_, shelf)| shelf).collect(),
        search_template,
    }))
}

/// A saved search's results for the address `url`, with when they were fetched.
pub fn saved_search(
    store: &Store,
    source: &CatalogSource,
    url: &str,
) -> Result<Option<(Vec<RemoteEntry>, String)>, StoreError> {
    let pages = store.catalogs().cached_pages(source.id)?;
    Ok(pages
        .iter()
        .filter(|page| page.page >= FIRST_SEARCH && page.url == url)
        .find_map(|page| Some((parse(page).ok()?.entries, page.fetched_at.clone()))))
}

/// Keeps a search's results for offline use, in the slot of the same address, a free one,
/// or the oldest search's.
pub fn save_search(
    store: &Store,
    source: &CatalogSource,
    mut page: CachedPage,
) -> Result<(), StoreError> {
    let searches: Vec<CachedPage> = store
        .catalogs()
        .cached_pages(source.id)?
        .into_iter()
        .filter(|p| p.page >= FIRST_SEARCH)
        .collect();
    let free = (FIRST_SEARCH..FIRST_SEARCH + MAX_SEARCHES as i64)
        .find(|n| !searches.iter().any(|p| p.page == *n));
    let oldest = searches
        .iter()
        .min_by(|a, b| a.fetched_at.cmp(&b.fetched_at));
    page.page = match searches.iter().find(|p| p.url == page.url) {
        Some(same) => same.page,
        None => free.or(oldest.map(|p| p.page)).unwrap_or(FIRST_SEARCH),
    };
    store.catalogs().save_cached_page(source.id, &page)
}

fn base(page: &CachedPage) -> Option<&str> {
    (page.url.starts_with("http://") || page.url.starts_with("https://"))
        .then_some(page.url.as_str())
}

fn parse(page: &CachedPage) -> Result<RemoteCatalog, remote::RemoteError> {
    remote::parse(&page.body, page.content_type.as_deref(), base(page))
}
