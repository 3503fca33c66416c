//! The recommended book lists: the bundled ones, then the remote catalogs kept on this kiosk,
//! each with its size and the age of its copy.

use super::list_books::ListBooks;
use super::remote_entries::{RemoteSummary, remote_summaries};
use super::remote_source::open_catalog;
use crate::catalog::{self, BookList};
use crate::i18n::{t, t_with};
use crate::store::Store;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct BookLists {
    list: ListState,
    lists: Vec<BookList>,
    remote: Vec<RemoteSummary>,
}

impl BookLists {
    pub fn screen(store: &Store) -> Screen {
        Screen::of(BookLists {
            list: ListState::default(),
            lists: catalog::load_lists(&catalog::bundled_dir()),
            remote: remote_summaries(store),
        })
    }
}

impl Component for BookLists {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lists
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let bundled = self.lists.iter().map(|l| {
            let count = [("count", l.book.len().into())];
            let count = t_with(lang, "lists-count", &count);
            format!("{} ({count})", l.list.title.get(lang))
        });
        let remote = self.remote.iter().map(|r| {
            let args = [
                ("name", r.name.clone().into()),
                ("count", r.entries.into()),
                ("age", crate::i18n::time_ago(&r.fetched_at, lang).into()),
            ];
            t_with(lang, "remote-list-label", &args)
        });
        View {
            body: empty_note(
                self.lists.is_empty() && self.remote.is_empty(),
                lang,
                "lists-empty",
            ),
            ..View::menu(
                t(lang, "books-lists"),
                bundled.chain(remote).collect(),
                focus,
                lang,
            )
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.lists.len() + self.remote.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let Some(index) = item else {
            return Intent::Stay;
        };
        match self.lists.get(index) {
            Some(books) => Intent::Open(Screen::of(ListBooks::new(books.clone()))),
            None => match self.remote.get(index - self.lists.len()) {
                Some(summary) => Intent::Open(open_catalog(summary.clone(), services.store)),
                None => Intent::Stay,
            },
        }
    }
}
