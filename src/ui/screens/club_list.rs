//! The centre's reading clubs (读书会), for the volunteer to pick one, a page at a time when
//! there are many; after them what staff do for the whole centre: a new club, members
//! imported from a file, the month's report exported to a file, the members.

use super::club_form::ClubForm;
use super::club_menu::ClubMenu;
use super::credit_rules::CreditRulesPage;
use super::member_list::MemberList;
use super::report_export::ReportExport;
use super::sheet_files::{SheetFiles, SheetOf};
use crate::i18n::{Tell, t};
use crate::store::Club;
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

/// What staff do for the whole centre, after the clubs: a new club, members imported from a
/// file, a report exported to a file, the members one by one, a quiz of the centre's own
/// imported from a file, and the credit rules.
const CENTRE_TASKS: [&str; 6] = [
    "club-new",
    "club-import-roster",
    "club-export-report",
    "club-members",
    "club-import-quiz",
    "club-credit-rules",
];

pub(in crate::ui) struct ClubList {
    list: ListState,
    clubs: Vec<Club>,
}

impl ClubList {
    /// Home → Reading club (behind the administrator's PIN on a public kiosk).
    pub fn open(services: &Services) -> Intent {
        match services.store.clubs().all() {
            Ok(clubs) => Intent::Open(Screen::of(ClubList {
                list: ListState::default(),
                clubs,
            })),
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }
}

impl Component for ClubList {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-club")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        // The clubs, then the centre's tasks (last, so a club keeps its number as clubs are
        // added).
        let items = (self.clubs.iter())
            .map(|c| crate::club::describe_club(c, lang))
            .chain(CENTRE_TASKS.map(|id| t(lang, id)))
            .collect();
        View {
            body: empty_note(self.clubs.is_empty(), lang, "club-none-screen"),
            ..View::menu(t(lang, "home-club"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.clubs.len() + CENTRE_TASKS.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let Some(item) = item else {
            return Intent::Stay;
        };
        if let Some(club) = self.clubs.get(item) {
            return ClubMenu::open(club.clone(), services);
        }
        match item - self.clubs.len() {
            0 => Intent::Open(Screen::of(ClubForm::new())),
            1 => SheetFiles::open(SheetOf::Roster, services),
            2 => {
                let today = chrono::Local::now().date_naive();
                Intent::Open(Screen::of(ReportExport::new(today)))
            }
            3 => MemberList::open(services),
            4 => SheetFiles::open(SheetOf::Quiz, services),
            5 => Intent::Open(Screen::of(CreditRulesPage::default())),
            _ => Intent::Stay,
        }
    }

    /// A club added on the screens above joins the list.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome
            && let Ok(clubs) = services.store.clubs().all()
        {
            self.clubs = clubs;
        }
        None
    }
}
