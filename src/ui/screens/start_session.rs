//! Today's session of a club, pre-filled from its schedule; the volunteer may type the book.

use super::check_in::CheckInDesk;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::{Club, NewSession};
use crate::ui::component::{Component, Intent, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// How long a book's title may be typed, in characters.
const READING_ROOM: usize = 200;

pub(in crate::ui) struct StartSession {
    club: Club,
    reading: String,
}

impl StartSession {
    pub fn new(club: Club) -> StartSession {
        StartSession {
            club,
            reading: String::new(),
        }
    }
}

impl Component for StartSession {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-session-start")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let club = &self.club;
        let today = chrono::Local::now().date_naive();
        let mut when = vec![today.to_string(), crate::club::usual_time(club, lang)];
        when.push(club.venue.clone());
        if !club.facilitator.is_empty() {
            let led = [("facilitator", club.facilitator.clone().into())];
            when.push(t_with(lang, "session-start-led", &led));
        }
        when.retain(|part| !part.is_empty());
        let title = [("club", club.name.clone().into())];
        View::field(
            t_with(lang, "session-start-title", &title),
            vec![when.join(" · "), t(lang, "session-start-book")],
            &self.reading,
            lang,
        )
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.reading, READING_ROOM))
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.reading.clone())
    }

    /// Starts the session; the club's menu below learns of it, and the desk opens in place of
    /// this screen.
    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let reading = Some(self.reading.trim().to_owned()).filter(|r| !r.is_empty());
        let new = NewSession {
            reading,
            ..NewSession::default()
        };
        match services.store.clubs().start_session(&self.club, &new) {
            Ok(session) => Intent::Done(Box::new(Intent::Changed(Box::new(CheckInDesk::open(
                session, services,
            ))))),
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }
}
