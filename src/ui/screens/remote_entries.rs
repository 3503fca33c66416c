//! Entries of a remote catalog, from the copy this kiosk keeps: all of it, one shelf, or a
//! search's results, each as title and first author.

use super::remote_entry::RemoteEntryPage;
use crate::catalog::remote::RemoteEntry;
use crate::catalog::sources;
use crate::i18n::{t_with, time_ago};
use crate::model::Lang;
use crate::store::Store;
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

/// A remote catalog as the lists show it: name, size, age of the copy, last problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSummary {
    pub name: String,
    pub entries: usize,
    /// When the cached copy was fetched (RFC 3339).
    pub fetched_at: String,
    pub problem: Option<String>,
}

/// The remote catalogs that have a copy on this kiosk.
pub(in crate::ui) fn remote_summaries(store: &Store) -> Vec<RemoteSummary> {
    let sources = store.catalogs().sources().unwrap_or_default();
    (sources.into_iter())
        .filter_map(|source| {
            let (catalog, fetched_at) = sources::cached(store, &source).ok()??;
            Some(RemoteSummary {
                name: source.name,
                entries: catalog.entries.len(),
                fetched_at,
                problem: source.problem,
            })
        })
        .collect()
}

/// Where a list of entries comes from, which gives its title and what is said first.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::ui) enum EntriesFrom {
    /// A catalog's books as last fetched.
    Catalog(RemoteSummary),
    /// One shelf of a catalog, fetched with it.
    Shelf {
        title: String,
        catalog: RemoteSummary,
    },
    /// A search made at the catalog's source.
    Search {
        name: String,
        query: String,
        /// When the source could not be reached: when these results were saved (RFC 3339)
        /// and what went wrong, in the words of the moment.
        saved: Option<(String, String)>,
    },
}

/// The words of a copy's age and its last problem.
pub(super) fn copy_body(summary: &RemoteSummary, lang: Lang) -> Vec<String> {
    let age = [("age", time_ago(&summary.fetched_at, lang).into())];
    let mut body = vec![t_with(lang, "remote-fetched", &age)];
    if let Some(problem) = &summary.problem {
        let args = [("problem", problem.clone().into())];
        body.push(t_with(lang, "remote-problem", &args));
    }
    body
}

pub(in crate::ui) struct RemoteEntries {
    list: ListState,
    from: EntriesFrom,
    entries: Vec<RemoteEntry>,
}

impl RemoteEntries {
    pub fn new(from: EntriesFrom, entries: Vec<RemoteEntry>) -> RemoteEntries {
        RemoteEntries {
            list: ListState::default(),
            from,
            entries,
        }
    }

    /// The list's title and what is said first.
    fn heading(&self, lang: Lang) -> (String, Vec<String>) {
        match &self.from {
            EntriesFrom::Catalog(summary) => (summary.name.clone(), copy_body(summary, lang)),
            EntriesFrom::Shelf { title, catalog } => {
                let of = [("name", catalog.name.clone().into())];
                let mut body = vec![t_with(lang, "remote-shelf-of", &of)];
                body.extend(copy_body(catalog, lang));
                (title.clone(), body)
            }
            EntriesFrom::Search { name, query, saved } => {
                let args = [
                    ("name", name.clone().into()),
                    ("query", query.clone().into()),
                ];
                let title = t_with(lang, "remote-search-results", &args);
                let count = [("count", self.entries.len().into())];
                let mut body = vec![t_with(lang, "find-count", &count)];
                if let Some((fetched_at, problem)) = saved {
                    let args = [
                        ("age", time_ago(fetched_at, lang).into()),
                        ("problem", problem.clone().into()),
                    ];
                    body.push(t_with(lang, "remote-search-saved", &args));
                }
                (title, body)
            }
        }
    }
}

impl Component for RemoteEntries {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lists
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let (title, body) = self.heading(lang);
        let items = (self.entries.iter())
            .map(|entry| match entry.authors.first() {
                Some(author) => format!("{} — {author}", entry.title),
                None => entry.title.clone(),
            })
            .collect();
        View {
            body,
            ..View::menu(title, items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.entries.len())
    }

    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        match item.and_then(|i| self.entries.get(i)) {
            Some(entry) => Intent::Open(RemoteEntryPage::screen(entry.clone())),
            None => Intent::Stay,
        }
    }
}
