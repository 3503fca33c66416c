//! The books on this kiosk, as added with `leling add` or downloaded from a catalog.

use crate::i18n::t;
use crate::store::{BookRecord, Store};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct LibraryPage {
    list: ListState,
    books: Vec<BookRecord>,
}

impl LibraryPage {
    pub fn screen(store: &Store) -> Screen {
        Screen::of(LibraryPage {
            list: ListState::default(),
            books: store.library().books().unwrap_or_default(),
        })
    }
}

fn book_label(book: &BookRecord) -> String {
    match &book.author {
        Some(author) => format!("{} — {author}", book.title),
        None => book.title.clone(),
    }
}

impl Component for LibraryPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Library
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = self.books.iter().map(book_label).collect();
        View {
            body: empty_note(self.books.is_empty(), lang, "library-empty"),
            ..View::menu(t(lang, "books-on-kiosk"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.books.len())
    }

    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        match item.and_then(|i| self.books.get(i)) {
            Some(book) => Intent::OpenBook(book.path.clone()),
            None => Intent::Stay,
        }
    }
}
