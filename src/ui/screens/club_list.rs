//! The centre's reading clubs (读书会), for the volunteer to pick one, a page at a time when
//! there are many.

use super::club_menu::ClubMenu;
use super::new_club::NewClubForm;
use crate::i18n::{Tell, t};
use crate::store::Club;
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

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
        // The clubs, then a new one (last, so a club keeps its number as clubs are added).
        let items = (self.clubs.iter())
            .map(|c| crate::club::describe_club(c, lang))
            .chain([t(lang, "club-new")])
            .collect();
        View {
            body: empty_note(self.clubs.is_empty(), lang, "club-none-screen"),
            ..View::menu(t(lang, "home-club"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.clubs.len() + 1)
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item {
            Some(i) if i == self.clubs.len() => Intent::Open(Screen::of(NewClubForm::default())),
            Some(i) => match self.clubs.get(i) {
                Some(club) => ClubMenu::open(club.clone(), services),
                None => Intent::Stay,
            },
            None => Intent::Stay,
        }
    }

    /// A club added on the screen above joins the list.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome
            && let Ok(clubs) = services.store.clubs().all()
        {
            self.clubs = clubs;
        }
        None
    }
}
