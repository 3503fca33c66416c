//! The centre's reading clubs (读书会), for the volunteer to pick one, a page at a time when
//! there are many.

use super::club_menu::ClubMenu;
use crate::i18n::{Tell, t};
use crate::store::Club;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
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
        let items = (self.clubs.iter())
            .map(|c| crate::club::describe_club(c, lang))
            .collect();
        View {
            body: empty_note(self.clubs.is_empty(), lang, "club-none-screen"),
            ..View::menu(t(lang, "home-club"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.clubs.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.clubs.get(i)) {
            Some(club) => ClubMenu::open(club.clone(), services),
            None => Intent::Stay,
        }
    }
}
