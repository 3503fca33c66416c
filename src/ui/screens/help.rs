//! Help about the screen below it: what the screen is for, the keys, and how long lists page.

use crate::i18n::{t, t_with};
use crate::ui::component::Component;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct HelpPage {
    about: HelpTopic,
    scroll: usize,
}

impl HelpPage {
    pub fn new(about: HelpTopic) -> HelpPage {
        HelpPage { about, scroll: 0 }
    }
}

impl Component for HelpPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Help
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let screen = [("screen", self.about.screen_name(lang).into())];
        View {
            title: t_with(lang, "help-title", &screen),
            body: vec![
                t(lang, self.about.body_id()),
                t(lang, "help-keys"),
                t(lang, "help-pages"),
            ],
            hint: t(lang, "hint-scroll"),
            scroll: self.scroll,
            ..View::default()
        }
    }

    fn scroll_mut(&mut self) -> Option<&mut usize> {
        Some(&mut self.scroll)
    }
}
