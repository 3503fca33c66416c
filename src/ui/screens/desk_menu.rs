//! More at the check-in desk: undo the last check-in, add a newcomer, end the session, run a
//! quiz with the group, or go back. Always the same five choices, so their numbers never move.

use crate::i18n::{t, t_with};
use crate::ui::component::{Component, DeskChoice, Intent, Outcome, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

const DESK_CHOICES: [DeskChoice; 5] = [
    DeskChoice::Undo,
    DeskChoice::AddMember,
    DeskChoice::End,
    DeskChoice::Quiz,
    DeskChoice::Back,
];

pub(in crate::ui) struct DeskMenu {
    list: ListState,
    /// The name of the last person checked in at the desk, for undo.
    last: Option<String>,
}

impl DeskMenu {
    pub fn new(last: Option<String>) -> DeskMenu {
        DeskMenu {
            list: ListState::default(),
            last,
        }
    }
}

impl Component for DeskMenu {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-checkin")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (DESK_CHOICES.into_iter())
            .map(|choice| match (choice, &self.last) {
                (DeskChoice::Undo, Some(name)) => {
                    t_with(lang, "desk-undo", &[("name", name.clone().into())])
                }
                (DeskChoice::Undo, None) => t(lang, "desk-undo-nothing"),
                (DeskChoice::AddMember, _) => t(lang, "desk-add-member"),
                (DeskChoice::End, _) => t(lang, "desk-end"),
                (DeskChoice::Quiz, _) => t(lang, "desk-quiz"),
                (DeskChoice::Back, _) => t(lang, "desk-back"),
            })
            .collect();
        View::menu(t(lang, "desk-title"), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        DESK_CHOICES.len()
    }

    /// The menu goes and the desk below does what was chosen.
    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        match item.and_then(|i| DESK_CHOICES.get(i)) {
            Some(&choice) => Intent::Done(Box::new(Intent::Report(Outcome::Desk(choice)))),
            None => Intent::Stay,
        }
    }
}
