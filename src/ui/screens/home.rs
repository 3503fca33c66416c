//! The home screen: the seven ways in, and who is signed in.

use super::books_menu::BooksMenu;
use super::club_list::ClubList;
use super::lecture_menu::LectureMenu;
use super::my_learning::MyLearning;
use super::pin::PinPage;
use super::pin::PinPurpose;
use super::settings::SettingsPage;
use super::sign_in::SignIn;
use crate::i18n::{t, t_with};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

/// The choices on the home screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HomeChoice {
    Books,
    Lectures,
    ContinueReading,
    ReadingClub,
    MyLearning,
    Settings,
    Help,
}

const HOME_CHOICES: [HomeChoice; 7] = [
    HomeChoice::Books,
    HomeChoice::Lectures,
    HomeChoice::ContinueReading,
    HomeChoice::ReadingClub,
    HomeChoice::MyLearning,
    HomeChoice::Settings,
    HomeChoice::Help,
];

impl HomeChoice {
    fn label_id(self) -> &'static str {
        match self {
            HomeChoice::Books => "home-books",
            HomeChoice::Lectures => "home-lectures",
            HomeChoice::ContinueReading => "home-continue",
            HomeChoice::ReadingClub => "home-club",
            HomeChoice::MyLearning => "home-learning",
            HomeChoice::Settings => "home-settings",
            HomeChoice::Help => "home-help",
        }
    }
}

#[derive(Default)]
pub(in crate::ui) struct Home {
    list: ListState,
}

impl Component for Home {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Home
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = HOME_CHOICES.iter().map(|c| t(lang, c.label_id())).collect();
        View {
            body: (cx.signed_in.iter())
                .map(|name| t_with(lang, "home-signed-in", &[("name", (*name).into())]))
                .collect(),
            hint: t(lang, "hint-home"),
            ..View::menu(t(lang, "home-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        HOME_CHOICES.len()
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        // Staff's screens are behind the administrator's PIN on a public kiosk.
        let kiosk = services.kiosk;
        match HOME_CHOICES[self.list.focus] {
            HomeChoice::Books => Intent::Open(Screen::of(BooksMenu::default())),
            HomeChoice::Lectures => Intent::Open(Screen::of(LectureMenu::default())),
            HomeChoice::ContinueReading => Intent::ContinueReading,
            HomeChoice::ReadingClub if kiosk => {
                Intent::Open(Screen::of(PinPage::new(PinPurpose::ReadingClub)))
            }
            HomeChoice::ReadingClub => ClubList::open(services),
            HomeChoice::MyLearning => match services.signed_in {
                Some(member) => MyLearning::open(member, services),
                None => Intent::Open(Screen::of(SignIn::default())),
            },
            HomeChoice::Settings if kiosk => {
                Intent::Open(Screen::of(PinPage::new(PinPurpose::OpenSettings)))
            }
            HomeChoice::Settings => Intent::Open(Screen::of(SettingsPage::default())),
            HomeChoice::Help => {
                Intent::Open(Screen::of(super::help::HelpPage::new(HelpTopic::General)))
            }
        }
    }
}
