//! The administrator's PIN, asked before a staff screen or a quit on a public kiosk. Digits
//! are shown as dots and said only by how many there are; wrong PINs make the next try wait.

use super::club_list::ClubList;
use super::settings::SettingsPage;
use crate::admin::{self, PinError};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Screen, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// Why the administrator PIN is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinPurpose {
    OpenSettings,
    ReadingClub,
    Quit,
}

pub(in crate::ui) struct PinPage {
    purpose: PinPurpose,
    digits: String,
}

impl PinPage {
    pub fn new(purpose: PinPurpose) -> PinPage {
        PinPage {
            purpose,
            digits: String::new(),
        }
    }
}

impl Component for PinPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Pin
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        View::pin(
            t(lang, "pin-title"),
            t(lang, "pin-body"),
            &self.digits,
            lang,
        )
    }

    fn entry(&self) -> Entry {
        Entry::Digits
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.digits, admin::MAX_PIN_DIGITS))
    }

    fn field_said(&self, lang: Lang) -> Option<String> {
        let count = [("count", self.digits.len().into())];
        Some(t_with(lang, "pin-entered", &count))
    }

    fn choose(&mut self, _item: Option<usize>, sv: &Services) -> Intent {
        let lang = sv.lang;
        let result = admin::verify_pin(sv.store, &self.digits, admin::now_unix());
        self.digits.clear();
        match result {
            Ok(()) => Intent::Done(Box::new(match self.purpose {
                PinPurpose::OpenSettings => Intent::Open(Screen::of(SettingsPage::default())),
                PinPurpose::ReadingClub => ClubList::open(sv),
                PinPurpose::Quit => Intent::Quit,
            })),
            Err(PinError::Wait(seconds)) => {
                Intent::Tell(t_with(lang, "pin-wait", &[("seconds", seconds.into())]))
            }
            Err(PinError::Wrong) => {
                let wait = admin::seconds_to_wait(sv.store, admin::now_unix()).unwrap_or(0);
                let wait = t_with(lang, "pin-wait", &[("seconds", wait.into())]);
                Intent::Tell(format!("{} {wait}", t(lang, "pin-wrong")))
            }
            Err(PinError::Store(e)) => Intent::Tell(e.message(lang)),
            Err(PinError::NotSet | PinError::BadShape) => Intent::Tell(t(lang, "pin-wrong")),
        }
    }
}
