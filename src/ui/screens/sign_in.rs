//! Signing in at the kiosk to see one's own learning: her whole card number, then her own PIN
//! when she has one. No names are offered: at a public kiosk, the next person must not see who
//! else comes here (picking a name from a list is the volunteer's desk, behind the PIN).

use super::sign_in_pin::{SignInPin, pin_problem};
use crate::i18n::{Tell, t};
use crate::learner_pin;
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Screen, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// How long a card number may be typed, in characters.
const CARD_ROOM: usize = 40;

#[derive(Default)]
pub(in crate::ui) struct SignIn {
    card: String,
}

impl Component for SignIn {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-learning")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        View {
            title: t(lang, "sign-in-title"),
            body: vec![t(lang, "sign-in-body")],
            input: Some(self.card.clone()),
            hint: t(lang, "hint-sign-in"),
            ..View::default()
        }
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.card, CARD_ROOM))
    }

    /// Her card as she types it.
    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.card.clone())
    }

    /// Her whole card number, nothing less. Whether a card is unknown or belongs to someone,
    /// nothing about anyone else is said.
    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let card = self.card.trim();
        if card.is_empty() {
            return Intent::Say(t(lang, "sign-in-body"));
        }
        let member = match services.store.clubs().member_by_card(card) {
            Ok(Some(member)) => member,
            Ok(None) => {
                self.card.clear();
                return Intent::Tell(t(lang, "sign-in-unknown-card"));
            }
            Err(e) => return Intent::Tell(e.message(lang)),
        };
        match learner_pin::is_set(services.store, &member) {
            Ok(true) => Intent::replace(Screen::of(SignInPin::new(member))),
            Ok(false) => Intent::Done(Box::new(Intent::SignIn(member))),
            Err(e) => Intent::Tell(pin_problem(&e, lang)),
        }
    }
}
