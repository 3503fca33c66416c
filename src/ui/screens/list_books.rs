//! The books of one recommended list, each as title and author.

use super::book_detail::BookDetail;
use crate::catalog::BookList;
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct ListBooks {
    list: ListState,
    books: BookList,
}

impl ListBooks {
    pub fn new(books: BookList) -> ListBooks {
        ListBooks {
            list: ListState::default(),
            books,
        }
    }
}

impl Component for ListBooks {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lists
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.books.book.iter())
            .map(|b| format!("{} — {}", b.title.get(lang), b.author.get(lang)))
            .collect();
        let title = self.books.list.title.get(lang).to_string();
        View::menu(title, items, focus, lang)
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.books.book.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.books.book.get(i)) {
            Some(book) => Intent::Open(BookDetail::screen(book.clone(), services)),
            None => Intent::Stay,
        }
    }
}
