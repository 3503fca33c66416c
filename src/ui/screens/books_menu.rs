//! The Books menu: the books on this kiosk, the recommended lists, the guides, and search.

use super::book_lists::BookLists;
use super::find_all::FindAll;
use super::guides::GuidesPage;
use super::library::LibraryPage;
use crate::i18n::t;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct BooksMenu {
    list: ListState,
}

impl Component for BooksMenu {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Books
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = [
            "books-on-kiosk",
            "books-lists",
            "books-guides",
            "find-title",
        ];
        let items = items.iter().map(|id| t(lang, id)).collect();
        View::menu(t(lang, "home-books"), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        4
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        match self.list.focus {
            0 => Intent::Open(LibraryPage::screen(services.store)),
            1 => Intent::Open(BookLists::screen(services.store)),
            2 => Intent::Open(GuidesPage::screen()),
            _ => Intent::Open(Screen::of(FindAll::default())),
        }
    }
}
