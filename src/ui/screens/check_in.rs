//! The check-in desk: the volunteer types a card number or a name, Enter checks the person in
//! (committed before it is said); the count shows in large digits. Enter on an empty field
//! opens the desk's menu: undo, a newcomer, end the session.

use super::desk_menu::DeskMenu;
use super::end_session::EndSession;
use super::quick_add::QuickAdd;
use super::quiz_list::QuizList;
use super::quiz_page::Taker;
use crate::club::members::MemberIndex;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::{CheckIn, ClubSession, Member, Store};
use crate::ui::component::{
    Component, DeskChoice, Intent, Outcome, Screen, Services, keeps_a_list,
};
use crate::ui::pager::ListState;
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// At most this many names are offered while typing (the seven-choice rule).
const MAX_MATCHES: usize = 7;

/// How long a name or card may be typed, in characters.
const TYPED_ROOM: usize = 100;

pub(in crate::ui) struct CheckInDesk {
    session: ClubSession,
    members: MemberIndex,
    typed: String,
    matches: Vec<Member>,
    /// The name focused among the matches.
    list: ListState,
    /// People checked in so far, shown in large digits.
    count: u64,
    /// The last person checked in here, for undo.
    last: Option<Member>,
    /// The volunteer moved to a name on the list (Enter checks that one in; otherwise only an
    /// exact card or a single match is checked in).
    chosen: bool,
    /// What the last action did, shown under the count.
    said: Option<String>,
}

impl CheckInDesk {
    pub fn open(session: ClubSession, services: &Services) -> Intent {
        let store = services.store;
        match (
            store.clubs().members(),
            store.clubs().checked_in_count(&session.id),
        ) {
            (Ok(members), Ok(count)) => Intent::Open(Screen::of(CheckInDesk {
                session,
                members: MemberIndex::new(members),
                typed: String::new(),
                matches: Vec::new(),
                list: ListState::default(),
                count,
                last: None,
                chosen: false,
                said: None,
            })),
            (Err(e), _) | (_, Err(e)) => Intent::Tell(e.message(services.lang)),
        }
    }

    /// Checks the person in; it is shown and said only once the store has committed it.
    fn check_in(&mut self, member: Member, store: &Store, lang: Lang) -> Intent {
        let outcome = store.clubs().check_in(&self.session.id, &member.id);
        let count = store.clubs().checked_in_count(&self.session.id);
        let said = match (outcome, count) {
            (Ok(outcome), Ok(count)) => {
                self.count = count;
                if matches!(outcome, CheckIn::Done { .. }) {
                    self.last = Some(member.clone());
                }
                crate::club::check_in_said(&member.name, outcome, lang)
            }
            (Err(e), _) => e.message(lang),
            (_, Err(e)) => e.message(lang),
        };
        self.typed.clear();
        self.matches.clear();
        self.list = ListState::default();
        self.said = Some(said.clone());
        Intent::Say(said)
    }

    /// Takes back the last check-in made here.
    fn undo(&mut self, store: &Store, lang: Lang) -> Intent {
        let Some(member) = self.last.take() else {
            return Intent::Tell(t(lang, "desk-undo-nothing-said"));
        };
        let undone = store.clubs().undo_check_in(&self.session.id, &member.id);
        self.count = store
            .clubs()
            .checked_in_count(&self.session.id)
            .unwrap_or(0);
        let said = match undone {
            Ok(_) => t_with(lang, "checkin-undone", &[("name", member.name.into())]),
            Err(e) => e.message(lang),
        };
        self.said = Some(said.clone());
        Intent::Say(said)
    }
}

/// A name as offered while typing, with the card so two people of one name can be told apart.
fn member_label(member: &Member) -> String {
    match &member.card {
        Some(card) => format!("{} · {card}", member.name),
        None => member.name.clone(),
    }
}

/// What is said as a name or card is typed: the text, and the one match or how many match.
fn typed_and_found(typed: &str, matches: &[Member], lang: Lang) -> String {
    match matches {
        [only] => format!("{typed}: {}", only.name),
        [] if typed.is_empty() => String::new(),
        [] => t_with(lang, "checkin-not-found", &[("typed", typed.into())]),
        several => t_with(
            lang,
            "checkin-several",
            &[("typed", typed.into()), ("count", several.len().into())],
        ),
    }
}

impl Component for CheckInDesk {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-checkin")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let said = self.said.clone().unwrap_or_else(|| t(lang, "checkin-how"));
        let club = [("club", self.session.club_name.clone().into())];
        View {
            title: t_with(lang, "checkin-title", &club),
            big: Some(t_with(
                lang,
                "checkin-count",
                &[("count", self.count.into())],
            )),
            body: vec![said],
            input: Some(self.typed.clone()),
            items: self.matches.iter().map(member_label).collect(),
            focus,
            hint: t(lang, "hint-checkin"),
            ..View::default()
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        self.matches.len()
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.typed, TYPED_ROOM))
    }

    /// Finds the names matching what was typed; none is chosen until the volunteer moves to
    /// one (or only one matches).
    fn typed(&mut self, services: &Services) -> Intent {
        self.matches = (self.members.find(&self.typed, MAX_MATCHES).into_iter())
            .cloned()
            .collect();
        self.list = ListState::default();
        self.chosen = false;
        Intent::Say(typed_and_found(&self.typed, &self.matches, services.lang))
    }

    fn focus_moved(&mut self) {
        self.chosen = true;
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let typed = self.typed.trim().to_owned();
        // An exact card, the only match, or the name the volunteer moved to; a partial card
        // or initials that fit several people never pick the first.
        let exact = (self.matches.iter()).find(|m| crate::club::members::card_is(m, &typed));
        let chosen = match (exact, self.matches.as_slice()) {
            (Some(member), _) => Some(member),
            (None, [only]) => Some(only),
            (None, _) if self.chosen => item.and_then(|i| self.matches.get(i)),
            (None, _) => None,
        };
        let found = self.matches.len();
        match chosen.cloned() {
            Some(member) => self.check_in(member, services.store, lang),
            None if typed.is_empty() => {
                let last = self.last.as_ref().map(|m| m.name.clone());
                Intent::Open(Screen::of(DeskMenu::new(last)))
            }
            None if found == 0 => Intent::Tell(t_with(
                lang,
                "checkin-not-found",
                &[("typed", typed.into())],
            )),
            None => Intent::Say(t_with(lang, "checkin-choose", &[("count", found.into())])),
        }
    }

    /// What the desk's menu chose, and a newcomer added there.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        let lang = services.lang;
        match outcome {
            Outcome::Desk(DeskChoice::Undo) => Some(self.undo(services.store, lang)),
            Outcome::Desk(DeskChoice::AddMember) => {
                Some(Intent::Open(Screen::of(QuickAdd::default())))
            }
            Outcome::Desk(DeskChoice::End) => Some(Intent::Open(Screen::of(EndSession::new(
                self.session.id.clone(),
            )))),
            Outcome::Desk(DeskChoice::Quiz) => Some(QuizList::open(
                Taker::Session(self.session.id.clone()),
                services,
            )),
            Outcome::Desk(DeskChoice::Back) => Some(Intent::Announce),
            // The check-in says what happened; the desk's earlier message is not repeated.
            Outcome::Added(member) => {
                self.members.add(member.clone());
                Some(self.check_in(member.clone(), services.store, lang))
            }
            _ => None,
        }
    }
}
