//! Browsing a remote catalog on screen: its menu (search it at its source, its shelves, its
//! own books), a page of entries at a time, and searching it on a worker thread. Everything
//! but a new search comes from the copy this kiosk keeps, so it works offline.

use super::app::{App, AppEvent};
use super::app_remote::progress_text;
use super::pager::ListState;
use super::remote_views::{EntriesFrom, SourceChoice, source_choices};
use super::screens::{RemoteAction, RemoteSummary, Screen};
use crate::catalog::fetch::Fetcher;
use crate::catalog::source_search::{self, Found};
use crate::catalog::{cache, sources};
use crate::i18n::t_with;
use crate::store::Store;
use leling_i18n::Tell;

/// News from a search worker.
#[derive(Debug)]
pub enum SearchNews {
    Received {
        name: String,
        done: u64,
        total: Option<u64>,
    },
    Done {
        name: String,
        query: String,
        /// The results, or what to tell the person.
        result: Result<Found, String>,
    },
}

impl App {
    /// A catalog with shelves or a search opens on its menu; any other, on its entries.
    pub(super) fn open_remote_catalog(&mut self, summary: RemoteSummary) {
        let source = self.store.catalog_source(&summary.name).ok().flatten();
        let cached = source.and_then(|source| cache::read(&self.store, &source).ok().flatten());
        let screen = match cached {
            Some(cached) if !cached.shelves.is_empty() || cached.searchable() => {
                let searchable = cached.searchable();
                Screen::RemoteSource {
                    list: ListState::default(),
                    summary,
                    shelves: cached.shelves,
                    own: cached.catalog.entries,
                    searchable,
                }
            }
            cached => Screen::RemoteEntries {
                list: ListState::default(),
                from: EntriesFrom::Catalog(summary),
                entries: cached.map(|c| c.into_flat().0.entries).unwrap_or_default(),
            },
        };
        self.push(screen);
    }

    /// Enter on a remote catalog's screens, on the item of this index (page choices are
    /// taken by `App::open`).
    pub(super) fn open_remote_choice(&mut self, chosen: Option<usize>) {
        match (chosen, self.screen()) {
            (
                Some(index),
                Screen::RemoteSource {
                    summary,
                    shelves,
                    own,
                    searchable,
                    ..
                },
            ) => {
                let choices = source_choices(*searchable, shelves.len(), own.len());
                let screen = match choices[index] {
                    SourceChoice::Search => Screen::RemoteSearch {
                        name: summary.name.clone(),
                        query: String::new(),
                    },
                    SourceChoice::Shelf(shelf) => Screen::RemoteEntries {
                        list: ListState::default(),
                        from: EntriesFrom::Shelf {
                            title: shelves[shelf].title.clone(),
                            catalog: summary.clone(),
                        },
                        entries: shelves[shelf].entries.clone(),
                    },
                    SourceChoice::Own => Screen::RemoteEntries {
                        list: ListState::default(),
                        from: EntriesFrom::Catalog(summary.clone()),
                        entries: own.clone(),
                    },
                };
                self.push(screen);
            }
            (Some(index), Screen::RemoteEntries { entries, .. }) => {
                let entry = Box::new(entries[index].clone());
                let actions = RemoteAction::for_entry(&entry);
                self.push(Screen::RemoteEntryDetail {
                    list: ListState::default(),
                    entry,
                    actions,
                });
            }
            (_, Screen::RemoteSearch { name, query }) if !query.trim().is_empty() => {
                let (name, query) = (name.clone(), query.trim().to_string());
                self.start_remote_search(name, query);
            }
            _ => {}
        }
    }

    /// Searches the catalog at its source on a worker thread with its own database
    /// connection; the screen stays live and shows the progress.
    fn start_remote_search(&mut self, name: String, query: String) {
        let lang = self.lang();
        self.tell(t_with(
            lang,
            "remote-searching",
            &[("name", name.clone().into())],
        ));
        let events = self.events.clone();
        let database = self.store.path().to_owned();
        std::thread::spawn(move || {
            let result = Store::open(&database)
                .map_err(|e| e.message(lang))
                .and_then(|store| {
                    let source = store
                        .catalog_source(&name)
                        .map_err(|e| e.message(lang))?
                        .ok_or_else(|| sources::SourceError::NoSuchSource(name.clone()))
                        .map_err(|e| e.message(lang))?;
                    let mut progress = |done, total| {
                        let name = name.clone();
                        let news = SearchNews::Received { name, done, total };
                        let _ = events.send(AppEvent::RemoteSearch(news));
                    };
                    source_search::search(&store, &Fetcher::new(), &source, &query, &mut progress)
                        .map_err(|e| e.message(&name, lang))
                });
            let done = SearchNews::Done {
                name,
                query,
                result,
            };
            let _ = events.send(AppEvent::RemoteSearch(done));
        });
    }

    pub(super) fn remote_search_news(&mut self, news: SearchNews) {
        let lang = self.lang();
        match news {
            SearchNews::Received { name, done, total } => {
                let what = t_with(lang, "remote-searching", &[("name", name.into())]);
                // Shown, not spoken: a voice reading every percent would be no help.
                self.show_status(progress_text(lang, &what, done, total));
            }
            SearchNews::Done {
                name,
                query,
                result,
            } => {
                // Someone who has gone elsewhere meanwhile is not pulled back.
                if !matches!(self.screen(), Screen::RemoteSearch { name: on, .. } if *on == name) {
                    return;
                }
                match result {
                    Ok(found) => {
                        self.clear_status();
                        let saved = found
                            .saved
                            .map(|(fetched_at, problem)| (fetched_at, problem.message(lang)));
                        self.push(Screen::RemoteEntries {
                            list: ListState::default(),
                            from: EntriesFrom::Search { name, query, saved },
                            entries: found.entries,
                        });
                    }
                    Err(message) => self.tell(message),
                }
            }
        }
    }
}
