//! The learner's own PIN, after her card: shown as dots and never said (someone may be
//! listening); wrong PINs make the next try wait.

use crate::admin::PinError;
use crate::i18n::{Tell, t, t_with};
use crate::learner_pin;
use crate::model::Lang;
use crate::store::Member;
use crate::ui::component::{Component, Intent, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

pub(in crate::ui) struct SignInPin {
    member: Member,
    digits: String,
}

impl SignInPin {
    pub fn new(member: Member) -> SignInPin {
        SignInPin {
            member,
            digits: String::new(),
        }
    }
}

/// A PIN problem in words: wrong, or wait (the number of seconds).
pub(super) fn pin_problem(problem: &PinError, lang: Lang) -> String {
    match problem {
        PinError::Wait(seconds) => t_with(lang, "pin-wait", &[("seconds", (*seconds).into())]),
        PinError::Store(e) => e.message(lang),
        PinError::Wrong | PinError::NotSet | PinError::BadShape => t(lang, "sign-in-pin-wrong"),
    }
}

impl Component for SignInPin {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-learning")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let (title, body) = (t(lang, "sign-in-pin-title"), t(lang, "sign-in-pin-body"));
        View::pin(title, body, &self.digits, lang)
    }

    fn entry(&self) -> Entry {
        Entry::Digits
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.digits, crate::admin::MAX_PIN_DIGITS))
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let now = crate::admin::now_unix();
        match learner_pin::verify(services.store, &self.member, &self.digits, now) {
            Ok(()) => Intent::Done(Box::new(Intent::SignIn(self.member.clone()))),
            Err(e) => {
                self.digits.clear();
                Intent::Tell(pin_problem(&e, services.lang))
            }
        }
    }
}
