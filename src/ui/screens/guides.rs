//! The short guides this project wrote (using the kiosk, reading aloud), each opening in the
//! reader in the interface's language.

use crate::catalog::{self, Guide};
use crate::i18n::t;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct GuidesPage {
    list: ListState,
    guides: Vec<Guide>,
}

impl GuidesPage {
    pub fn screen() -> Screen {
        Screen::of(GuidesPage {
            list: ListState::default(),
            guides: catalog::load_guides(&catalog::bundled_dir()),
        })
    }
}

impl Component for GuidesPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Guides
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.guides.iter())
            .map(|g| format!("{} — {}", g.title.get(lang), g.summary.get(lang)))
            .collect();
        View::menu(t(lang, "books-guides"), items, focus, lang)
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.guides.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.guides.get(i)) {
            Some(guide) => {
                Intent::OpenBook(catalog::bundled_dir().join(guide.files.get(services.lang)))
            }
            None => Intent::Stay,
        }
    }
}
