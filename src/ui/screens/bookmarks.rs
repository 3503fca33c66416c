//! The learner's bookmarks in the book being read; one chosen opens in the reader below.

use crate::i18n::t;
use crate::store::Bookmark;
use crate::ui::component::{Component, Intent, Outcome, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct Bookmarks {
    list: ListState,
    marks: Vec<Bookmark>,
}

impl Bookmarks {
    /// This learner's bookmarks in the book.
    pub fn new(book_id: i64, services: &Services) -> Bookmarks {
        Bookmarks {
            list: ListState::default(),
            marks: (services
                .store
                .library()
                .bookmarks(book_id, services.learner))
            .unwrap_or_default(),
        }
    }
}

impl Component for Bookmarks {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Bookmarks
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = self.marks.iter().map(|m| m.label.clone()).collect();
        View {
            body: empty_note(self.marks.is_empty(), lang, "bookmarks-empty"),
            ..View::menu(t(lang, "bookmarks-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.marks.len())
    }

    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        match item.and_then(|i| self.marks.get(i)) {
            Some(mark) => Intent::Done(Box::new(Intent::Report(Outcome::Jump(mark.position)))),
            None => Intent::Stay,
        }
    }
}
