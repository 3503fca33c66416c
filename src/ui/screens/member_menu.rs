//! One member, for staff: who she is (name, card, phone, whether she signs in with a PIN of
//! her own), then change her details, or set or reset her PIN, or remove it.

use super::member_form::MemberForm;
use super::new_pin::{NewPin, PinOf};
use crate::admin::PinError;
use crate::i18n::{Tell, t, t_with};
use crate::learner_pin;
use crate::store::Member;
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct MemberMenu {
    list: ListState,
    member: Member,
    /// Whether she signs in with her own PIN: read when the screen opens and when it changes,
    /// not at every frame.
    has_pin: bool,
}

impl MemberMenu {
    pub fn new(member: Member, services: &Services) -> MemberMenu {
        let has_pin = learner_pin::is_set(services.store, &member).unwrap_or(false);
        MemberMenu {
            list: ListState::default(),
            member,
            has_pin,
        }
    }
}

/// A member as staff find her: her name and card.
pub(in crate::ui) fn member_line(member: &Member) -> String {
    let name = leling_core::shown::safe_to_show(&member.name).into_owned();
    match &member.card {
        Some(card) => format!("{name} · {}", leling_core::shown::safe_to_show(card)),
        None => name,
    }
}

impl Component for MemberMenu {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-members")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let phone = self.member.phone.clone().unwrap_or_default();
        let pin = learner_pin::is_set(cx.store, &self.member).unwrap_or(false);
        let pin = t(
            lang,
            if pin {
                "member-has-pin"
            } else {
                "member-no-pin"
            },
        );
        let body = vec![t_with(
            lang,
            "member-details",
            &[
                (
                    "phone",
                    leling_core::shown::safe_to_show(&phone).into_owned().into(),
                ),
                ("pin", pin.into()),
            ],
        )];
        let items = vec![
            t(lang, "member-edit"),
            t(lang, "member-set-pin"),
            t(lang, "member-clear-pin"),
        ];
        View {
            body,
            ..View::menu(member_line(&self.member), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        3
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        match item {
            Some(0) => Intent::Open(Screen::of(MemberForm::editing(&self.member))),
            Some(1) => Intent::Open(Screen::of(NewPin::new(
                PinOf::Learner(self.member.clone()),
                services,
            ))),
            Some(2) => match learner_pin::set(services.store, &self.member, None) {
                Ok(()) => {
                    let name = [("name", self.member.name.clone().into())];
                    let said = t_with(lang, "member-pin-cleared", &name);
                    Intent::Changed(Box::new(Intent::Tell(said)))
                }
                Err(PinError::Store(e)) => Intent::Tell(e.message(lang)),
                Err(_) => Intent::Tell(t(lang, "member-missing")),
            },
            _ => Intent::Stay,
        }
    }

    /// Her details changed on the screen above: shown as they are now.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome
            && let Ok(Some(member)) = services.store.clubs().member(&self.member.id)
        {
            self.has_pin = learner_pin::is_set(services.store, &member).unwrap_or(false);
            self.member = member;
        }
        None
    }
}
