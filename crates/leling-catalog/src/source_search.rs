//! Searching a remote catalog at its source, through the address template its OpenSearch
//! description (or its OPDS 2 search link) gives. Each search's results are kept, so the same
//! search made again without a network shows what was found before, with its age; a search
//! never made here cannot be answered offline, and says so.

use super::cache;
use super::fetch::{Fetched, Fetcher, MAX_CATALOG_BYTES};
use super::remote::{RemoteEntry, opensearch};
use super::sources::{SourceError, fetch_page};
use leling_core::model::Lang;
use leling_i18n::Tell;
use leling_i18n::t_with;
use leling_store::{CachedPage, CatalogSource, Store, StoreError};

/// What a search found.
#[derive(Debug)]
pub struct Found {
    pub entries: Vec<RemoteEntry>,
    /// Set when the source could not be reached and the results are the ones saved the last
    /// time the same search was made: when they were fetched (RFC 3339), and what went wrong.
    pub saved: Option<(String, SourceError)>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the catalog offers no search")]
    NotSearchable,
    /// The source could not answer, and no results of this search were saved before.
    #[error("{0}")]
    NotSaved(SourceError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SearchError {
    /// What happened and what to do next, in plain words.
    pub fn message(&self, name: &str, lang: Lang) -> String {
        match self {
            SearchError::NotSearchable => t_with(
                lang,
                "remote-search-none",
                &[("name", name.to_string().into())],
            ),
            SearchError::NotSaved(problem) => {
                let args = [
                    ("name", name.to_string().into()),
                    ("problem", problem.message(lang).into()),
                ];
                t_with(lang, "remote-search-not-saved", &args)
            }
            SearchError::Store(error) => error.message(lang),
        }
    }
}

/// Searches `source` for `query` at its source; when that fails, answers with the results
/// saved from the same search before.
pub fn search(
    store: &Store,
    fetcher: &Fetcher,
    source: &CatalogSource,
    query: &str,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Found, SearchError> {
    let catalog = cache::read(store, source)?.ok_or(SearchError::NotSearchable)?;
    let template = match catalog.search_template {
        Some(template) => template,
        None => {
            let description = catalog.catalog.search.ok_or(SearchError::NotSearchable)?;
            description_template(store, fetcher, source, &description)
                .map_err(SearchError::NotSaved)?
        }
    };
    let url = opensearch::fill(&template, query);
    let now = chrono::Utc::now().to_rfc3339();
    let problem = match fetch_page(fetcher, &url, None, 0, &now, progress) {
        Ok(Some((page, results))) => {
            cache::save_search(store, source, page)?;
            return Ok(Found {
                entries: results.entries,
                saved: None,
            });
        }
        // Never asked conditionally, so never "unchanged"; read as no answer.
        Ok(None) => SourceError::Fetch(super::fetch::FetchError::Status(304)),
        Err(problem) => problem,
    };
    match cache::saved_search(store, source, &url)? {
        Some((entries, fetched_at)) => Ok(Found {
            entries,
            saved: Some((fetched_at, problem)),
        }),
        None => Err(SearchError::NotSaved(problem)),
    }
}

/// Fetches an OpenSearch description the last refresh could not keep, keeps it, and gives
/// its template.
fn description_template(
    store: &Store,
    fetcher: &Fetcher,
    source: &CatalogSource,
    address: &str,
) -> Result<String, SourceError> {
    let Fetched::Body {
        bytes,
        content_type,
        final_url,
        ..
    } = fetcher.fetch(address, None, MAX_CATALOG_BYTES, &mut |_, _| {})?
    else {
        return Err(super::fetch::FetchError::Status(304).into());
    };
    let template = opensearch::template_from_description(&bytes, Some(&final_url))?;
    let page = CachedPage {
        page: cache::description_page(),
        url: final_url,
        fetched_at: chrono::Utc::now().to_rfc3339(),
        etag: None,
        last_modified: None,
        content_type,
        body: bytes,
    };
    store.catalogs().save_cached_page(source.id, &page)?;
    Ok(template)
}
