//! A screen as a component: a type in a file of its own (`screens/`) that owns its state,
//! answers what is chosen and typed on it, and says what it shows in words (`View`). It never
//! reaches into the shell: what it needs is lent to it for one answer (`Services`), and what
//! only the shell can do (open another screen, go back, say something, open a book) it asks
//! for with an `Intent`. So adding a screen is its own file and one line where it is opened.

use super::pager::ListState;
use super::screens::Screen;
use super::settings_rows::Setting;
use super::view::{Entry, HelpTopic, View, ViewContext};
use crate::config::Settings;
use crate::model::Lang;
use crate::store::Store;

/// What a screen may use while it answers, lent for that answer only.
pub struct Services<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub store: &'a Store,
    /// Whose places and records these are: the signed-in learner's key, or the guest's.
    pub learner: &'a str,
    /// A public kiosk: staff screens are behind the administrator's PIN.
    pub kiosk: bool,
}

/// What a screen asks the shell to do once it has answered.
pub enum Intent {
    /// Nothing more than what the screen changed in itself.
    Stay,
    /// Open a screen over this one.
    Open(Screen),
    /// This screen has done its job: it goes, then the intent is followed.
    Done(Box<Intent>),
    /// Back to the screen before.
    Back,
    /// Show a message on the status line and say it.
    Tell(String),
    /// Open the books on this kiosk.
    OpenLibrary,
    /// Open the book last read, where it was left.
    ContinueReading,
    /// Open the reading clubs (staff) after the PIN, if one was asked.
    OpenReadingClub,
    /// Open the learner's own record, signing in first.
    OpenMyLearning,
    /// Change a setting to its next (`true`) or previous value, save it and say it.
    ChangeSetting(Setting, bool),
    /// Sync with the hub now.
    SyncNow,
    /// End the program.
    Quit,
}

impl Intent {
    /// Opens `screen` in place of the one that asked.
    pub fn replace(screen: Screen) -> Intent {
        Intent::Done(Box::new(Intent::Open(screen)))
    }
}

/// A screen. Only `help_topic` and `view` are needed; the rest are for screens that have them
/// (a list, a text field, a page that scrolls, a value that ← and → change).
pub trait Component {
    /// The help shown for this screen when `?` is pressed.
    fn help_topic(&self) -> HelpTopic;

    /// What the screen shows, with every item of its list; `focus` is the focused item, if
    /// the list has any.
    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View;

    /// Where the focus and page of the screen's list are.
    fn list(&self) -> Option<&ListState> {
        None
    }

    fn list_mut(&mut self) -> Option<&mut ListState> {
        None
    }

    /// A list long enough to come a page at a time (`pager`): how many items it has.
    fn paged_total(&self) -> Option<usize> {
        None
    }

    /// A short list's choices (a list that comes a page at a time counts its page instead).
    fn choice_count(&self) -> usize {
        0
    }

    /// How the screen takes text.
    fn entry(&self) -> Entry {
        Entry::None
    }

    /// The text field that typing goes into, and how many characters it takes.
    fn field(&mut self) -> Option<(&mut String, usize)> {
        None
    }

    /// What was typed, as it is said back (a PIN only by its length).
    fn field_said(&self, _lang: Lang) -> Option<String> {
        None
    }

    /// How far a page without choices is scrolled.
    fn scroll_mut(&mut self) -> Option<&mut usize> {
        None
    }

    /// A web address the screen shows as a QR code beside its words.
    fn qr_code(&self) -> Option<&str> {
        None
    }

    /// ← or → on a screen whose list does not page: a setting's value changes.
    fn step(&mut self, _forward: bool) -> Intent {
        Intent::Stay
    }

    /// Enter, a number or a click on the list's item `item` (on a short list, the choice of
    /// that number); `None` on a screen with nothing to choose.
    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        Intent::Stay
    }
}
