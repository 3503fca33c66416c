//! The administrator's catalog screen: adding a catalog by address, refreshing and removing
//! them. Fetching runs on a worker thread with its own database connection; its progress shows
//! on the status line and its result is said.

use super::app::{App, AppEvent};
use super::screens::Screen;
use crate::catalog::fetch::Fetcher;
use crate::catalog::sources;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::store::Store;
use leling_i18n::Tell;

/// News from a catalog worker.
#[derive(Debug)]
pub enum CatalogNews {
    Received {
        name: String,
        done: u64,
        total: Option<u64>,
    },
    /// Finished: what to tell the person.
    Done(String),
}

impl App {
    pub(super) fn add_catalog(&mut self, address: String) {
        self.tell(t(self.lang(), "catalogs-working"));
        self.in_background(move |store, fetcher, lang, progress| {
            let added = sources::add(store, fetcher, &address, None, &mut |done, total| {
                progress(address.clone(), done, total)
            });
            match added {
                Ok((name, entries)) => {
                    let args = [("name", name.into()), ("entries", entries.into())];
                    t_with(lang, "catalog-added", &args)
                }
                Err(error) => error.message(lang),
            }
        });
    }

    /// Refreshes one catalog, or all; each fails on its own.
    pub(super) fn refresh_catalogs(&mut self, only: Option<String>) {
        self.tell(t(self.lang(), "catalogs-working"));
        self.in_background(move |store, fetcher, lang, progress| {
            let chosen: Vec<_> = store
                .catalog_sources()
                .unwrap_or_default()
                .into_iter()
                .filter(|s| only.as_ref().is_none_or(|n| &s.name == n))
                .collect();
            let lines: Vec<String> = chosen
                .iter()
                .map(|source| {
                    let name = source.name.clone();
                    let outcome = sources::refresh(store, fetcher, source, &mut |done, total| {
                        progress(name.clone(), done, total)
                    });
                    outcome.describe(&source.name, lang)
                })
                .collect();
            lines.join(" ")
        });
    }

    pub(super) fn remove_catalog(&mut self, name: &str) {
        let lang = self.lang();
        let text = match self.store.remove_catalog_source(name) {
            Ok(_) => t_with(
                lang,
                "catalog-removed",
                &[("name", name.to_string().into())],
            ),
            Err(error) => error.message(lang),
        };
        self.stack.pop();
        self.reload_catalogs();
        self.tell(text);
    }

    /// Runs catalog work on a worker thread; `work` gets its own store and a way to report
    /// bytes received, and returns what to say at the end.
    fn in_background(
        &mut self,
        work: impl FnOnce(&Store, &Fetcher, Lang, &mut dyn FnMut(String, u64, Option<u64>)) -> String
        + Send
        + 'static,
    ) {
        let lang = self.lang();
        let events = self.events.clone();
        let database = self.store.path().to_owned();
        std::thread::spawn(move || {
            let said = match Store::open(&database) {
                Ok(store) => {
                    let mut progress = |name: String, done: u64, total: Option<u64>| {
                        let _ = events.send(AppEvent::Catalogs(CatalogNews::Received {
                            name,
                            done,
                            total,
                        }));
                    };
                    work(&store, &Fetcher::new(), lang, &mut progress)
                }
                Err(error) => error.message(lang),
            };
            let _ = events.send(AppEvent::Catalogs(CatalogNews::Done(said)));
        });
    }

    pub(super) fn catalog_news(&mut self, news: CatalogNews) {
        let lang = self.lang();
        match news {
            CatalogNews::Received { name, done, total } => {
                let what = t_with(lang, "catalogs-progress", &[("name", name.into())]);
                let text = super::app_remote::progress_text(lang, &what, done, total);
                self.show_status(text);
            }
            CatalogNews::Done(said) => {
                if matches!(self.stack.last(), Some(Screen::CatalogAdd { .. })) {
                    self.stack.pop();
                }
                self.reload_catalogs();
                self.tell(said);
            }
        }
    }

    /// Brings the catalog list on the stack up to date.
    fn reload_catalogs(&mut self) {
        let fresh = self.store.catalog_sources().unwrap_or_default();
        for screen in &mut self.stack {
            if let Screen::Catalogs { sources, .. } = screen {
                *sources = fresh.clone();
                screen.keep_in_range();
            }
        }
    }
}
