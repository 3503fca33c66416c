//! One club: start (or go back to) today's session, or see its activity report.

use super::check_in::CheckInDesk;
use super::club_report::ClubReport;
use super::start_session::StartSession;
use crate::i18n::{Tell, t};
use crate::store::{Club, ClubSession};
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct ClubMenu {
    list: ListState,
    club: Club,
    /// Today's session, when one is open.
    today: Option<ClubSession>,
}

impl ClubMenu {
    pub fn open(club: Club, services: &Services) -> Intent {
        let today = chrono::Local::now().date_naive();
        match services.store.clubs().open_session(&club.id, today) {
            Ok(today) => Intent::Open(Screen::of(ClubMenu {
                list: ListState::default(),
                club,
                today,
            })),
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }
}

impl Component for ClubMenu {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-club")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let session = match self.today {
            Some(_) => t(lang, "club-continue-session"),
            None => t(lang, "club-start-session"),
        };
        let items = vec![session, t(lang, "club-reports")];
        View::menu(self.club.name.clone(), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        2
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match (item, &self.today) {
            (Some(0), Some(session)) => CheckInDesk::open(session.clone(), services),
            (Some(0), None) => Intent::Open(Screen::of(StartSession::new(self.club.clone()))),
            _ => ClubReport::open(Some(self.club.name.clone()), services),
        }
    }

    /// Today's session started or ended on the screens above.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome {
            let today = chrono::Local::now().date_naive();
            self.today = (services.store.clubs().open_session(&self.club.id, today))
                .ok()
                .flatten();
        }
        None
    }
}
