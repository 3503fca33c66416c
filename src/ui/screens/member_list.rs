//! The centre's members, for staff: each by name and card, a page at a time; a new member
//! last (so a member keeps her number as members are added).

use super::member_form::MemberForm;
use super::member_menu::{MemberMenu, member_line};
use crate::i18n::{Tell, t};
use crate::store::Member;
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct MemberList {
    list: ListState,
    members: Vec<Member>,
}

impl MemberList {
    pub fn open(services: &Services) -> Intent {
        match services.store.clubs().members() {
            Ok(members) => Intent::Open(Screen::of(MemberList {
                list: ListState::default(),
                members,
            })),
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }
}

impl Component for MemberList {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-members")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.members.iter())
            .map(member_line)
            .chain([t(lang, "members-new")])
            .collect();
        View {
            body: empty_note(self.members.is_empty(), lang, "members-none"),
            ..View::menu(t(lang, "members-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.members.len() + 1)
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item {
            Some(i) if i == self.members.len() => Intent::Open(Screen::of(MemberForm::new())),
            Some(i) => match self.members.get(i) {
                Some(member) => Intent::Open(Screen::of(MemberMenu::new(member.clone(), services))),
                None => Intent::Stay,
            },
            None => Intent::Stay,
        }
    }

    /// A member added or changed on the screens above shows here as she is now.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome
            && let Ok(members) = services.store.clubs().members()
        {
            self.members = members;
        }
        None
    }
}
