//! The screens open, one above the other: the home screen at the bottom (never taken away),
//! the one the person sees on top. What is asked of every screen at once (saving a place,
//! taking in a whole book, news of the records) goes through here.

use std::time::Instant;

use super::component::{Intent, Outcome, Saved, Services};
use super::reader::Reader;
use super::screens::{Home, Screen};

pub struct ScreenStack(Vec<Screen>);

impl ScreenStack {
    /// The home screen alone.
    pub(super) fn new() -> ScreenStack {
        ScreenStack(vec![Screen::of(Home::default())])
    }

    /// The screen the person sees.
    pub fn top(&self) -> &Screen {
        self.0.last().expect("the home screen is never taken away")
    }

    pub(super) fn top_mut(&mut self) -> &mut Screen {
        self.0
            .last_mut()
            .expect("the home screen is never taken away")
    }

    /// Whether the home screen is showing.
    pub fn at_home(&self) -> bool {
        self.0.len() == 1
    }

    /// How many screens are open, the home screen counted.
    pub(super) fn depth(&self) -> usize {
        self.0.len()
    }

    pub(super) fn push(&mut self, screen: Screen) {
        self.0.push(screen);
    }

    /// Takes the top screen away, unless it is the home screen.
    pub(super) fn pop(&mut self) {
        if self.0.len() > 1 {
            self.0.pop();
        }
    }

    /// Tells the screens what came of work done for them: a change of the records to all of
    /// them, anything else to the one on top. Returns what the one on top asks for.
    pub(super) fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        let everyone = matches!(outcome, Outcome::Changed);
        let top = self.0.len() - 1;
        let mut asked = None;
        for (depth, screen) in self.0.iter_mut().enumerate() {
            if everyone || depth == top {
                let intent = screen.component_mut().hear(outcome, services);
                if depth == top {
                    asked = intent;
                }
            }
        }
        asked
    }

    /// Saves the places of the screens that keep one when due (the reader's, even under its
    /// contents or search); `leaving`: the place of the screen on top, now.
    pub(super) fn save_places(&mut self, leaving: bool, services: &Services) -> Saved {
        let top = self.0.len() - 1;
        let mut outcome = Saved::Nothing;
        for (depth, screen) in self.0.iter_mut().enumerate() {
            if leaving && depth != top {
                continue;
            }
            match screen.component_mut().save(leaving, services) {
                Saved::Nothing => {}
                saved => outcome = saved,
            }
        }
        outcome
    }

    /// When the next place is due to be saved.
    pub(super) fn save_due(&self) -> Option<Instant> {
        (self.0.iter().rev()).find_map(|screen| screen.component().save_due())
    }

    /// Takes in the whole book once it has been read (waiting for it if need be): the reader
    /// shows the first page early, but moving around needs every chapter. Returns the parts
    /// of books that could not be read.
    pub(super) fn settle(&mut self) -> Vec<String> {
        (self.0.iter_mut())
            .flat_map(|screen| screen.component_mut().settle())
            .collect()
    }

    /// The frame just drawn is on the terminal. A reader's first page is, so the rest of its
    /// book may now be read: not sooner, or that work would compete with the first frame.
    pub fn frame_shown(&mut self) {
        self.top_mut().component_mut().frame_shown();
    }

    /// Does one piece of the reader's work ahead of the learner while no key waits (see
    /// `Reader::prepare_beside`). Returns whether there was any.
    pub fn work_ahead(&mut self) -> bool {
        self.top_mut().component_mut().work_ahead()
    }

    /// The reader, when the top screen is a book's page.
    pub(super) fn reader_mut(&mut self) -> Option<&mut Reader> {
        self.top_mut().component_mut().reader_mut()
    }
}
