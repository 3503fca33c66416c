//! What the shell says and shows of the screen on top: its words as a `View` (a choice
//! scrolled out of sight has no focus), its announcement (title, page, focused choice), and the
//! status line. Every screen is spoken the same way.

use super::app::{App, PlaceProblem};
use super::view::{View, ViewContext};
use crate::i18n::t_with;

impl App {
    /// The screen's words; a choice scrolled out of sight on a page taller than the window
    /// has no focus (Enter then shows more of the page instead of opening what is not seen).
    pub fn view(&self) -> View {
        let mut view = self.whole_view();
        if let Some(focus) = view.focus
            && self.page_offset.is_some()
            && self.drawn_here(&view)
            && !self.drawn.shows(focus)
        {
            view.focus = None;
        }
        view
    }

    /// Whether the last frame drew this screen (a screen just opened has not been drawn).
    pub(super) fn drawn_here(&self, view: &View) -> bool {
        self.drawn.screen == (self.stack.len(), view.title.clone())
    }

    /// The screen's words, its focus wherever it is.
    pub(super) fn whole_view(&self) -> View {
        self.screen().view(&self.view_context())
    }

    /// What a screen needs to know to say itself.
    pub(super) fn view_context(&self) -> ViewContext<'_> {
        ViewContext {
            lang: self.lang(),
            settings: &self.settings,
            theme: self.overrides.theme(&self.settings),
            speech: self.overrides.speech(&self.settings),
            window: self.window,
            store: &self.store,
            signed_in: self.signed_in.as_ref().map(|member| member.name.as_str()),
        }
    }

    /// The last thing said (or that would have been said), for `R`.
    pub fn last_said(&self) -> &str {
        &self.last_said
    }

    // ----- speaking -----

    /// Says `text` in the interface's voice, less what only the eye needs (bars, web
    /// addresses, stacked punctuation: [`spoken::speakable`]); nothing when nothing is left.
    pub(super) fn say(&mut self, text: String) {
        let words = super::spoken::speakable(&text);
        if words.is_empty() {
            return;
        }
        if !self.settings.screen_reader {
            self.voice.announce(self.lang(), words.clone());
        }
        self.last_said = words;
    }

    /// Says the screen's title and what has the focus (or, on a page, what the page says).
    pub fn announce_screen(&mut self) {
        let text = self.screen_announcement();
        self.say(text);
    }

    /// What [`App::announce_screen`] says, with a reading place that could not be saved
    /// told first (and shown).
    pub(super) fn screen_announcement(&mut self) -> String {
        self.announcement(true)
    }

    /// The screen's title, what its page says (a book's summary, a lecture's description)
    /// when `with_page`, then the choice the focus is on; a reading place that could not be
    /// saved is told first.
    pub(super) fn announcement(&mut self, with_page: bool) -> String {
        // The focused choice is said even when the page is too tall to show it yet.
        let view = self.whole_view();
        let mut detail = if with_page {
            view.body.join(" ")
        } else {
            String::new()
        };
        if let Some(index) = view.focus {
            if !detail.is_empty() {
                detail.push(' ');
            }
            detail.push_str(&self.item_phrase(&view, index));
        }
        let mut text = t_with(
            self.lang(),
            "announce-screen",
            &[("title", view.title.into()), ("detail", detail.into())],
        );
        if let PlaceProblem::Pending(problem) = &self.place_not_saved {
            text = format!("{problem} {text}");
            self.status = Some(problem.clone());
            self.place_not_saved = PlaceProblem::Told;
        }
        text
    }

    pub(super) fn item_phrase(&self, view: &View, index: usize) -> String {
        t_with(
            self.lang(),
            "announce-item",
            &[
                ("number", (index + 1).into()),
                ("label", view.items[index].clone().into()),
            ],
        )
    }

    pub(super) fn announce_focus(&mut self) {
        let view = self.whole_view();
        if let Some(index) = view.focus {
            let phrase = self.item_phrase(&view, index);
            self.say(phrase);
        }
    }

    /// Puts text on the status line without saying it (progress that changes every moment).
    pub(super) fn show_status(&mut self, text: String) {
        self.status = Some(text);
    }

    /// Shows a message on the status line and says it.
    pub(super) fn tell(&mut self, text: String) {
        self.status = Some(text.clone());
        self.say(text);
    }
}
