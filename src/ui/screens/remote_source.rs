//! A remote catalog that has shelves or a search: its menu (search it at its source, each
//! shelf, its own books), from the copy this kiosk keeps, so it works offline.

use super::remote_entries::{EntriesFrom, RemoteEntries, RemoteSummary, copy_body};
use super::remote_search::RemoteSearch;
use crate::catalog::cache::{self, Shelf};
use crate::catalog::remote::RemoteEntry;
use crate::i18n::{t, t_with};
use crate::store::Store;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

/// One choice on a remote catalog's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceChoice {
    Search,
    /// The shelf of this index.
    Shelf(usize),
    /// The books the catalog lists itself, beside its shelves.
    Own,
}

pub(in crate::ui) struct RemoteSource {
    list: ListState,
    summary: RemoteSummary,
    shelves: Vec<Shelf>,
    /// The books it lists itself, beside its shelves.
    own: Vec<RemoteEntry>,
    searchable: bool,
}

/// A catalog with shelves or a search opens on its menu; any other, on its entries.
pub(in crate::ui) fn open_catalog(summary: RemoteSummary, store: &Store) -> Screen {
    let source = store.catalogs().source(&summary.name).ok().flatten();
    let cached = source.and_then(|source| cache::read(store, &source).ok().flatten());
    match cached {
        Some(cached) if !cached.shelves.is_empty() || cached.searchable() => {
            Screen::of(RemoteSource {
                list: ListState::default(),
                summary,
                searchable: cached.searchable(),
                shelves: cached.shelves,
                own: cached.catalog.entries,
            })
        }
        cached => Screen::of(RemoteEntries::new(
            EntriesFrom::Catalog(summary),
            cached.map(|c| c.into_flat().0.entries).unwrap_or_default(),
        )),
    }
}

impl RemoteSource {
    /// The menu: search first (when the catalog offers one), then each shelf, then its own
    /// books (when it has any).
    fn choices(&self) -> Vec<SourceChoice> {
        let search = self.searchable.then_some(SourceChoice::Search);
        let own = (!self.own.is_empty()).then_some(SourceChoice::Own);
        (search.into_iter())
            .chain((0..self.shelves.len()).map(SourceChoice::Shelf))
            .chain(own)
            .collect()
    }
}

impl Component for RemoteSource {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lists
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let count = |n: usize| t_with(lang, "remote-book-count", &[("count", n.into())]);
        let items = (self.choices().into_iter())
            .map(|choice| match choice {
                SourceChoice::Search => t(lang, "remote-search"),
                SourceChoice::Shelf(shelf) => {
                    let shelf = &self.shelves[shelf];
                    format!("{} ({})", shelf.title, count(shelf.entries.len()))
                }
                SourceChoice::Own if self.shelves.is_empty() => t_with(
                    lang,
                    "remote-all-books",
                    &[("count", self.own.len().into())],
                ),
                SourceChoice::Own => t_with(
                    lang,
                    "remote-own-books",
                    &[("count", self.own.len().into())],
                ),
            })
            .collect();
        View {
            body: copy_body(&self.summary, lang),
            ..View::menu(self.summary.name.clone(), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.choices().len())
    }

    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        let Some(choice) = item.and_then(|i| self.choices().get(i).copied()) else {
            return Intent::Stay;
        };
        let summary = self.summary.clone();
        Intent::Open(match choice {
            SourceChoice::Search => Screen::of(RemoteSearch::new(summary.name)),
            SourceChoice::Shelf(shelf) => {
                let shelf = &self.shelves[shelf];
                let from = EntriesFrom::Shelf {
                    title: shelf.title.clone(),
                    catalog: summary,
                };
                Screen::of(RemoteEntries::new(from, shelf.entries.clone()))
            }
            SourceChoice::Own => Screen::of(RemoteEntries::new(
                EntriesFrom::Catalog(summary),
                self.own.clone(),
            )),
        })
    }
}
