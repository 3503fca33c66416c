//! "Quit Leling?": no (first, so Enter by mistake does nothing), or yes; on a public kiosk
//! yes asks for the administrator's PIN.

use super::pin::PinPage;
use super::pin::PinPurpose;
use crate::i18n::t;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct ConfirmQuit {
    list: ListState,
}

impl Component for ConfirmQuit {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Quit
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = vec![t(lang, "quit-no"), t(lang, "quit-yes")];
        View::menu(t(lang, "quit-title"), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        2
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        match self.list.focus {
            0 => Intent::Back,
            _ if services.kiosk => Intent::replace(Screen::of(PinPage::new(PinPurpose::Quit))),
            _ => Intent::Quit,
        }
    }
}
