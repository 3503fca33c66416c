//! A newcomer at the desk, by name alone; they are checked in once added.

use crate::club::members::new_member;
use crate::i18n::{Tell, t};
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Outcome, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// How long a name may be typed, in characters.
const NAME_ROOM: usize = 100;

#[derive(Default)]
pub(in crate::ui) struct QuickAdd {
    name: String,
}

impl Component for QuickAdd {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-checkin")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let body = vec![t(lang, "quick-add-body")];
        View::field(t(lang, "desk-add-member"), body, &self.name, lang)
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.name, NAME_ROOM))
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.name.clone())
    }

    /// Adds the newcomer to the members; this field goes and the desk checks them in.
    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let name = self.name.trim();
        if name.is_empty() {
            return Intent::Tell(t(lang, "member-name-missing"));
        }
        let member = new_member(name, None, chrono::Local::now().date_naive());
        match services.store.clubs().add_member(&member) {
            Ok(added) => Intent::Done(Box::new(Intent::Report(Outcome::Added(added)))),
            Err(e) => Intent::Tell(e.message(lang)),
        }
    }
}
