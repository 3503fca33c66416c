//! Today's session of a club has already ended: before a second one is held (and counted as
//! a second activity in the reports), the volunteer is told, and may go on with today's.

use super::check_in::CheckInDesk;
use super::start_session::StartSession;
use crate::i18n::{Tell, t, t_with};
use crate::store::{Club, ClubSession};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct SameDay {
    list: ListState,
    club: Club,
    /// Today's session, ended.
    held: ClubSession,
    /// How many were checked in to it.
    came: u64,
}

impl SameDay {
    pub fn new(club: Club, held: ClubSession, came: u64) -> SameDay {
        SameDay {
            list: ListState::default(),
            club,
            held,
            came,
        }
    }
}

impl Component for SameDay {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-session-start")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let args = [
            ("club", self.club.name.clone().into()),
            (
                "time",
                (self.held.starts_at.clone())
                    .unwrap_or_else(|| self.held.held_on.to_string())
                    .into(),
            ),
            ("count", self.came.into()),
        ];
        let items = vec![
            t(lang, "club-continue-session"),
            t(lang, "club-same-day-another"),
        ];
        View {
            body: vec![t_with(lang, "club-same-day-told", &args)],
            ..View::menu(t(lang, "club-same-day-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        2
    }

    /// Going on opens today's session again at the desk; another is started as any is. Either
    /// way this screen gives way, and the club's menu below learns of the change.
    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item {
            Some(0) => match services.store.clubs().reopen_session(&self.held.id) {
                Ok(session) => Intent::Done(Box::new(Intent::Changed(Box::new(
                    CheckInDesk::open(session, services),
                )))),
                Err(e) => Intent::Tell(e.message(services.lang)),
            },
            Some(_) => Intent::replace(Screen::of(StartSession::new(self.club.clone()))),
            None => Intent::Stay,
        }
    }
}
