//! A page that only tells something: a book that could not be opened, nothing to continue.

use crate::i18n::t;
use crate::ui::component::Component;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct Notice {
    title: String,
    body: String,
}

impl Notice {
    pub fn new(title: String, body: String) -> Notice {
        Notice { title, body }
    }
}

impl Component for Notice {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Notice
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        View {
            title: self.title.clone(),
            body: vec![self.body.clone()],
            hint: t(cx.lang, "hint-page"),
            ..View::default()
        }
    }
}
