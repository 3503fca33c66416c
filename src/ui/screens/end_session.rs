//! Ending today's session, with the volunteer's notes; then back to the club's menu, which
//! says how many came.

use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// How long the notes may be, in characters.
const NOTES_ROOM: usize = 2000;

pub(in crate::ui) struct EndSession {
    session_id: String,
    notes: String,
}

impl EndSession {
    pub fn new(session_id: String) -> EndSession {
        EndSession {
            session_id,
            notes: String::new(),
        }
    }
}

impl Component for EndSession {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-checkin")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let body = vec![t(lang, "end-session-body")];
        View::field(t(lang, "desk-end"), body, &self.notes, lang)
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.notes, NOTES_ROOM))
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.notes.clone())
    }

    /// Ends the session; the notes field and the desk go, and the club's menu learns of it.
    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let store = services.store;
        match store
            .clubs()
            .end_session(&self.session_id, self.notes.trim())
        {
            Ok(ended) => {
                let count = store
                    .clubs()
                    .checked_in_count(&self.session_id)
                    .unwrap_or(0);
                let args = [("club", ended.club_name.into()), ("count", count.into())];
                let text = t_with(lang, "session-ended", &args);
                let ended = Intent::Changed(Box::new(Intent::TellWithScreen(text)));
                Intent::Done(Box::new(Intent::Done(Box::new(ended))))
            }
            Err(e) => Intent::Tell(e.message(lang)),
        }
    }
}
