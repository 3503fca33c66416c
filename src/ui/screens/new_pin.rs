//! A new PIN typed twice on the screens, shown as dots and said only by how many digits: a
//! learner's own PIN, set or reset with a volunteer, or the administrator PIN, which asks for
//! the current one first when there is one (as `leling admin set-pin` does).

use crate::admin::{self, PinError};
use crate::i18n::{Tell, t, t_with};
use crate::learner_pin;
use crate::model::Lang;
use crate::store::Member;
use crate::ui::component::{Component, Intent, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// Whose PIN this is.
pub(in crate::ui) enum PinOf {
    Learner(Member),
    Administrator,
}

/// What is being typed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Current,
    New,
    Again,
}

pub(in crate::ui) struct NewPin {
    of: PinOf,
    asking: Asking,
    digits: String,
    first: String,
}

impl NewPin {
    pub fn new(of: PinOf, services: &Services) -> NewPin {
        let current = matches!(of, PinOf::Administrator)
            && admin::pin_is_set(services.store).unwrap_or(false);
        NewPin {
            of,
            asking: if current {
                Asking::Current
            } else {
                Asking::New
            },
            digits: String::new(),
            first: String::new(),
        }
    }

    fn question(&self, lang: Lang) -> String {
        match (&self.of, self.asking) {
            (_, Asking::Current) => t(lang, "admin-pin-current"),
            (_, Asking::Again) => t(lang, "admin-pin-again"),
            (PinOf::Administrator, Asking::New) => t(lang, "admin-pin-new"),
            (PinOf::Learner(member), Asking::New) => t_with(
                lang,
                "member-pin-new",
                &[("name", member.name.clone().into())],
            ),
        }
    }

    /// Starts again from the new PIN, saying why.
    fn again(&mut self, said: String, lang: Lang) -> Intent {
        self.asking = Asking::New;
        self.first.clear();
        Intent::Tell(format!("{said} {}", self.question(lang)))
    }
}

impl Component for NewPin {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Pin
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let title = match &self.of {
            PinOf::Administrator => t(lang, "admin-pin-title"),
            PinOf::Learner(member) => t_with(
                lang,
                "member-pin-title",
                &[("name", member.name.clone().into())],
            ),
        };
        View::pin(title, self.question(lang), &self.digits, lang)
    }

    fn entry(&self) -> Entry {
        Entry::Digits
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.digits, admin::MAX_PIN_DIGITS))
    }

    fn field_said(&self, lang: Lang) -> Option<String> {
        let count = [("count", self.digits.len().into())];
        Some(t_with(lang, "pin-entered", &count))
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let typed = std::mem::take(&mut self.digits);
        match self.asking {
            Asking::Current => match admin::verify_pin(services.store, &typed, admin::now_unix()) {
                Ok(()) => {
                    self.asking = Asking::New;
                    Intent::Say(self.question(lang))
                }
                Err(PinError::Wait(seconds)) => Intent::Tell(t_with(
                    lang,
                    "admin-pin-wait",
                    &[("seconds", seconds.into())],
                )),
                Err(PinError::Store(e)) => Intent::Tell(e.message(lang)),
                Err(_) => Intent::Tell(t(lang, "admin-pin-wrong")),
            },
            Asking::New if !admin::is_well_formed(&typed) => {
                let id = match self.of {
                    PinOf::Administrator => "admin-pin-bad-shape",
                    PinOf::Learner(_) => "member-pin-bad-shape",
                };
                self.again(t(lang, id), lang)
            }
            Asking::New => {
                self.first = typed;
                self.asking = Asking::Again;
                Intent::Say(self.question(lang))
            }
            Asking::Again if typed != self.first => self.again(t(lang, "admin-pin-mismatch"), lang),
            Asking::Again => {
                let (set, said) = match &self.of {
                    PinOf::Administrator => (
                        admin::set_pin(services.store, &typed),
                        t(lang, "admin-pin-set"),
                    ),
                    PinOf::Learner(member) => (
                        learner_pin::set(services.store, member, Some(&typed)),
                        t_with(
                            lang,
                            "member-pin-set",
                            &[("name", member.name.clone().into())],
                        ),
                    ),
                };
                match set {
                    Ok(()) => Intent::Done(Box::new(Intent::Changed(Box::new(Intent::Tell(said))))),
                    Err(PinError::Store(e)) => Intent::Tell(e.message(lang)),
                    Err(_) => self.again(t(lang, "admin-pin-bad-shape"), lang),
                }
            }
        }
    }
}
