//! One club: start (or go back to) today's session, see its activity report, or change what
//! the club is (its name, venue, day, time and leader).

use super::check_in::CheckInDesk;
use super::club_form::ClubForm;
use super::club_report::ClubReport;
use super::same_day::SameDay;
use super::start_session::StartSession;
use crate::i18n::{Tell, t};
use crate::store::{Club, ClubSession};
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct ClubMenu {
    list: ListState,
    club: Club,
    /// Today's session, when one was started (open, or else the last ended).
    today: Option<ClubSession>,
}

impl ClubMenu {
    pub fn open(club: Club, services: &Services) -> Intent {
        match todays_session(&club, services) {
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
        let session = match &self.today {
            Some(session) if !session.ended => t(lang, "club-continue-session"),
            _ => t(lang, "club-start-session"),
        };
        let items = vec![session, t(lang, "club-reports"), t(lang, "club-edit")];
        View::menu(self.club.name.clone(), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        3
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match (item, &self.today) {
            (Some(0), Some(session)) if !session.ended => {
                CheckInDesk::open(session.clone(), services)
            }
            // A second session today would count as a second activity: she is asked first.
            (Some(0), Some(held)) => match services.store.clubs().checked_in_count(&held.id) {
                Ok(came) => Intent::Open(Screen::of(SameDay::new(
                    self.club.clone(),
                    held.clone(),
                    came,
                ))),
                Err(e) => Intent::Tell(e.message(services.lang)),
            },
            (Some(0), None) => Intent::Open(Screen::of(StartSession::new(self.club.clone()))),
            (Some(1), _) => ClubReport::open(Some(self.club.name.clone()), services),
            (Some(2), _) => Intent::Open(Screen::of(ClubForm::editing(&self.club, services.lang))),
            _ => Intent::Stay,
        }
    }

    /// Today's session started or ended, or the club changed, on the screens above.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome {
            let clubs = services.store.clubs().all().unwrap_or_default();
            if let Some(club) = clubs.into_iter().find(|club| club.id == self.club.id) {
                self.club = club;
            }
            self.today = todays_session(&self.club, services).ok().flatten();
        }
        None
    }
}

fn todays_session(
    club: &Club,
    services: &Services,
) -> Result<Option<ClubSession>, crate::store::StoreError> {
    let today = chrono::Local::now().date_naive();
    services.store.clubs().last_session_on(&club.id, today)
}
