//! `leling library fetch`: every recommended book's free edition brought into this kiosk's
//! library while it is online, so that it opens offline afterwards. Each book on its own: one
//! that fails never stops the others, and one the library already has is not fetched again
//! (so a second run, or a run after an interruption, fetches only what is missing). Only a
//! server that could not be reached at all is not asked again for the rest of the run: offline,
//! forty books would otherwise each wait for the same silence.

use std::path::Path;

use super::download::{self, DownloadError, Downloaded, Wanted};
use super::editions::{Mirror, edition_url};
use super::fetch::{FetchError, Fetcher};
use super::{Book, BookList};
use leling_store::{BookRecord, Store};

/// What became of one recommended book.
#[derive(Debug)]
pub enum Outcome {
    /// Fetched now, checked to open, and in the library.
    Fetched(Downloaded),
    /// The library already had a copy (fetched before, or added by hand).
    AlreadyThere(BookRecord),
    /// The list gives only a web page for it (a Wikisource page), no text to fetch.
    NoEdition,
    Failed(DownloadError),
}

/// One book with a text to fetch, as the run comes to it: the `number`th of `of`.
pub struct Step<'a> {
    pub number: usize,
    pub of: usize,
    pub book: &'a Book,
}

/// Hears how the run goes, to show it.
pub trait Watcher {
    fn starting(&mut self, step: &Step);
    /// Bytes of the current book received so far, and its size when the server says it.
    fn received(&mut self, done: u64, total: Option<u64>);
    fn finished(&mut self, step: &Step, outcome: &Outcome);
}

/// Fetches every book of `lists` that the library lacks, from `mirror` when one is named.
/// Returns each book with what became of it, in the lists' order.
pub fn fetch_all<'a>(
    store: &Store,
    fetcher: &Fetcher,
    lists: &'a [BookList],
    library: &Path,
    mirror: Option<&Mirror>,
    watcher: &mut dyn Watcher,
) -> Vec<(&'a Book, Outcome)> {
    download::remove_abandoned_partials(library);
    let books: Vec<&Book> = lists.iter().flat_map(|list| &list.book).collect();
    let of = books
        .iter()
        .filter(|book| edition_url(book, mirror).is_some())
        .count();
    let mut number = 0;
    let mut results = Vec::with_capacity(books.len());
    let mut unreachable: Vec<(String, FetchError)> = Vec::new();
    for book in books {
        let edition = edition_url(book, mirror).map(|url| {
            number += 1;
            (url, Step { number, of, book })
        });
        let outcome = match (store.library().copy_of(book.id.get_ref()), &edition) {
            (Err(error), _) => Outcome::Failed(error.into()),
            (Ok(Some(copy)), _) => Outcome::AlreadyThere(copy),
            (Ok(None), None) => Outcome::NoEdition,
            (Ok(None), Some((url, step))) => {
                let host = host_of(url);
                match unreachable.iter().find(|(known, _)| *known == host) {
                    Some((_, error)) => Outcome::Failed(DownloadError::Fetch(error.clone())),
                    None => {
                        watcher.starting(step);
                        let outcome = fetch_one(store, fetcher, book, url, library, watcher);
                        if let Outcome::Failed(DownloadError::Fetch(error)) = &outcome
                            && error.is_unreachable()
                        {
                            unreachable.push((host, error.clone()));
                        }
                        outcome
                    }
                }
            }
        };
        if let Some((_, step)) = &edition {
            watcher.finished(step, &outcome);
        }
        results.push((book, outcome));
    }
    results
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_string))
        .unwrap_or_default()
}

fn fetch_one(
    store: &Store,
    fetcher: &Fetcher,
    book: &Book,
    url: &str,
    library: &Path,
    watcher: &mut dyn Watcher,
) -> Outcome {
    let wanted = Wanted {
        url,
        copy_of: Some(book),
    };
    let fetched = download::download_book(store, fetcher, &wanted, library, &mut |done, total| {
        watcher.received(done, total)
    });
    match fetched {
        Ok(downloaded) => Outcome::Fetched(downloaded),
        Err(error) => Outcome::Failed(error),
    }
}
