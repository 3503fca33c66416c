//! "Go to": how far into the book, in percent; the reader below opens there.

use std::sync::Arc;

use crate::i18n::t;
use crate::layout::BookText;
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Outcome, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

pub(in crate::ui) struct GoTo {
    text: Arc<BookText>,
    digits: String,
}

impl GoTo {
    pub fn new(text: Arc<BookText>) -> GoTo {
        GoTo {
            text,
            digits: String::new(),
        }
    }
}

impl Component for GoTo {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::GoTo
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        View {
            title: t(lang, "goto-title"),
            body: vec![t(lang, "goto-body")],
            input: Some(format!("{} %", self.digits)),
            hint: t(lang, "hint-pin"),
            ..View::default()
        }
    }

    fn entry(&self) -> Entry {
        Entry::Digits
    }

    /// Up to 100: three digits.
    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.digits, 3))
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(format!("{} %", self.digits))
    }

    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        match self.digits.parse::<u32>() {
            Ok(percent) => {
                let fraction = f64::from(percent.min(100)) / 100.0;
                Intent::Done(Box::new(Intent::Report(Outcome::Jump(
                    self.text.position_at(fraction),
                ))))
            }
            Err(_) => Intent::Stay,
        }
    }
}
