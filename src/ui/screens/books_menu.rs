//! The Books menu: the books on this kiosk, the recommended lists, the guides, and search.

use crate::catalog;
use crate::i18n::t;
use crate::ui::component::{Component, Intent, Services};
use crate::ui::pager::ListState;
use crate::ui::screens::Screen;
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

    fn list(&self) -> Option<&ListState> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut ListState> {
        Some(&mut self.list)
    }

    fn choice_count(&self) -> usize {
        4
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        match self.list.focus {
            0 => Intent::OpenLibrary,
            1 => Intent::Open(Screen::Lists {
                list: ListState::default(),
                lists: catalog::load_lists(&catalog::bundled_dir()),
                remote: crate::ui::app_remote::remote_summaries(services.store),
            }),
            2 => Intent::Open(Screen::Guides {
                list: ListState::default(),
                guides: catalog::load_guides(&catalog::bundled_dir()),
            }),
            _ => Intent::Open(Screen::FindAll {
                query: String::new(),
                hits: Vec::new(),
                list: ListState::default(),
            }),
        }
    }
}
