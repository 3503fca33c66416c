//! How the shell says the screen on top: its title, what its page says and the focused
//! choice, with a reading place that could not be saved told first. Every screen is spoken
//! the same way.

use super::app::{App, view_context};
use crate::i18n::t_with;

impl App {
    /// Says the screen's title and what has the focus (or, on a page, what the page says).
    pub fn announce_screen(&mut self) {
        let text = self.announcement(true);
        self.speaker.say(&self.prefs, text);
    }

    /// The screen's title, what its page says (a book's summary, a lecture's description)
    /// when `with_page`, then the choice the focus is on; a reading place that could not be
    /// saved is told first (and shown).
    pub(super) fn announcement(&mut self, with_page: bool) -> String {
        // The focused choice is said even when the page is too tall to show it yet.
        let view = self.stack.top().view(&view_context!(self));
        let lang = self.prefs.lang();
        let mut detail = if with_page {
            view.body.join(" ")
        } else {
            String::new()
        };
        let said: Vec<String> = if view.all_choices_said {
            (0..view.items.len())
                .map(|index| view.choice_phrase(index, lang))
                .collect()
        } else {
            (view.focus.iter())
                .map(|&index| view.item_phrase(index, lang))
                .collect()
        };
        for phrase in said {
            if !detail.is_empty() {
                detail.push(' ');
            }
            detail.push_str(&phrase);
        }
        let args = [("title", view.title.into()), ("detail", detail.into())];
        let text = t_with(lang, "announce-screen", &args);
        match self.places.take_pending() {
            Some(problem) => {
                self.speaker.status = Some(problem.clone());
                format!("{problem} {text}")
            }
            None => text,
        }
    }
}
