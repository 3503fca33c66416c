//! A screen as a component: a type in a file of its own (`screens/`) that owns its state,
//! answers what is chosen and typed on it, and says what it shows in words (`View`). It never
//! reaches into the shell: what it needs is lent to it for one answer (`Services`), and what
//! only the shell can do (open another screen, go back, say something, open a book) it asks
//! for with an `Intent`. So adding a screen is its own file, its `mod` line in `screens.rs` and
//! the line where it is opened (and its words in the locale files).

use std::path::PathBuf;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::pager::{self, Choice, ListState};
use super::settings_rows::Setting;
use super::view::{Entry, HelpTopic, View, ViewContext};
use crate::catalog::Book;
use crate::catalog::login_challenge::LoginLabels;
use crate::catalog::remote::RemoteEntry;
use crate::config::Settings;
use crate::layout::LayoutOptions;
use crate::model::{Lang, Position};
use crate::speech::Voice;
use crate::store::{Member, Store};
use crate::ui::reader::Reader;

/// How long a search may be typed, in characters.
pub const SEARCH_ROOM: usize = 200;

/// What a screen may use while it answers, lent for that answer only.
pub struct Services<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub store: &'a Store,
    /// Whose places and records these are: the signed-in learner's key, or the guest's.
    pub learner: &'a str,
    /// The learner signed in at this kiosk, if any.
    pub signed_in: Option<&'a Member>,
    /// A public kiosk: staff screens are behind the administrator's PIN.
    pub kiosk: bool,
    /// The voice, for a screen that reads aloud.
    pub voice: &'a Voice,
    /// The data directory: its import folder is where staff bring rosters and take reports.
    pub data_dir: &'a std::path::Path,
}

/// What a screen asks the shell to do once it has answered.
#[must_use]
pub enum Intent {
    /// Nothing more than what the screen changed in itself.
    Stay,
    /// Open a screen over this one.
    Open(Screen),
    /// This screen has done its job: it goes, then the intent is followed.
    Done(Box<Intent>),
    /// Back to the screen before.
    Back,
    /// Back to the home screen: every screen above it leaves (a reader's place saved), then
    /// the home screen is said with its page, as when it first showed.
    Home,
    /// Show a message on the status line and say it.
    Tell(String),
    /// Say the words without showing them (what was typed into a field).
    Say(String),
    /// Show the words on the status line without saying them (progress).
    Status(String),
    /// One, then the other.
    Then(Box<Intent>, Box<Intent>),
    /// Tell the screen on top what came of something; when it has nothing to say about it,
    /// follow the other intent.
    ReportOr(Outcome, Box<Intent>),
    /// Open a book in the reader, or say why it cannot be opened.
    OpenBook(PathBuf),
    /// Download a book into the library on a worker thread, then open it; `copy_of` is the
    /// recommended book it becomes the kiosk's copy of.
    Download {
        url: String,
        copy_of: Option<Box<Book>>,
    },
    /// Search a remote catalog at its source on a worker thread.
    SearchSource { name: String, query: String },
    /// Add a remote catalog by its address on a worker thread, signing in as the (user,
    /// password) given.
    AddCatalog {
        address: String,
        sign_in: Option<(String, String)>,
    },
    /// Fetch one remote catalog again (or all) on a worker thread.
    RefreshCatalogs(Option<String>),
    /// The kiosk's records changed: every screen reads again what it shows, then the intent
    /// is followed.
    Changed(Box<Intent>),
    /// Open the book last read, where it was left.
    ContinueReading,
    /// The learner is signed in: her record opens.
    SignIn(Member),
    /// Forget who is signed in.
    SignOut,
    /// Tell the screen on top what came of something (the desk, what its menu chose).
    Report(Outcome),
    /// Say the screen on top again, its title and focus.
    Announce,
    /// Change a setting by one step, save it and say its new value (the speech rate from
    /// the reader's keys).
    AdjustSetting(Setting, bool),
    /// Show and say the words, then the screen now on top.
    TellWithScreen(String),
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

/// What came of work the shell did for the screens, told to them so that the one it concerns
/// can show it.
pub enum Outcome {
    /// The kiosk's records changed (catalogs added, refreshed or removed): told to every
    /// screen on the stack.
    Changed,
    /// A download from this address reached nobody: told to the screen on top.
    Unreachable(String),
    /// The catalog at this address asks for a sign-in (or refused the one given), with its
    /// own names for the fields where it gives them, and what to tell.
    NeedsLogin {
        address: String,
        labels: Option<LoginLabels>,
        said: String,
    },
    /// A search at a catalog's source came back, with what it found or what to tell. Told
    /// to the screen on top.
    Found {
        name: String,
        query: String,
        found: Result<SourceResults, String>,
    },
    /// The desk's menu chose this: told to the check-in desk under it.
    Desk(DeskChoice),
    /// A newcomer was added at the desk: told to the desk, which checks them in.
    Added(Member),
    /// A place in the book was chosen on a screen over the reader: told to the reader.
    Jump(Position),
    /// What the voice said of a sentence it was handed: told to the screen on top.
    Spoken(Spoken),
    /// Pages per chapter of a book for these layout options, counted on a worker.
    PageCounts {
        book_id: i64,
        options: LayoutOptions,
        counts: Vec<usize>,
    },
}

/// What the check-in desk's menu chose: undo the last check-in, add a newcomer, end the
/// session, run a quiz with the group, or go back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskChoice {
    Undo,
    AddMember,
    End,
    Quiz,
    Back,
}

/// What the voice said of a sentence, by the id it was handed with.
pub enum Spoken {
    Started(u64),
    Done(u64),
    Failed(u64),
}

/// Whether a screen's place (the reader's) was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Nothing was due.
    Nothing,
    Done,
    Failed,
}

/// What a search at a catalog's source found.
pub struct SourceResults {
    pub entries: Vec<RemoteEntry>,
    /// When the source could not be reached: when the saved results shown instead are from
    /// (RFC 3339) and what went wrong, in words.
    pub saved: Option<(String, String)>,
}

/// `list` and `list_mut` for a screen that keeps its list's state in a field named `list`.
macro_rules! keeps_a_list {
    () => {
        fn list(&self) -> Option<&$crate::ui::pager::ListState> {
            Some(&self.list)
        }

        fn list_mut(&mut self) -> Option<&mut $crate::ui::pager::ListState> {
            Some(&mut self.list)
        }
    };
}
pub(super) use keeps_a_list;

/// The searches as one types (in the whole kiosk, in the book): results in a field named
/// `hits`, a page at a time, and the text typed in a field named `query`.
macro_rules! searches_as_typed {
    () => {
        fn paged_total(&self) -> Option<usize> {
            Some(self.hits.len())
        }

        fn entry(&self) -> $crate::ui::view::Entry {
            $crate::ui::view::Entry::Text
        }

        fn field(&mut self) -> Option<(&mut String, usize)> {
            Some((&mut self.query, $crate::ui::component::SEARCH_ROOM))
        }
    };
}
pub(super) use searches_as_typed;

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

    /// After the field changed: what to say (by default what is in it, as `field_said` puts
    /// it); a search field searches again.
    fn typed(&mut self, services: &Services) -> Intent {
        self.field_said(services.lang)
            .map_or(Intent::Stay, Intent::Say)
    }

    /// The focus moved to another choice (at the desk, the volunteer picked a name).
    fn focus_moved(&mut self) {}

    /// How far a page without choices is scrolled.
    fn scroll_mut(&mut self) -> Option<&mut usize> {
        None
    }

    /// A web address the screen shows as a QR code beside its words.
    fn qr_code(&self) -> Option<&str> {
        None
    }

    /// What came of work done for the screens; a screen it concerns updates itself and may
    /// ask for more (followed only for the screen on top).
    fn hear(&mut self, _outcome: &Outcome, _services: &Services) -> Option<Intent> {
        None
    }

    /// ← or → on a screen whose list does not page: a setting's value changes.
    fn step(&mut self, _forward: bool) -> Intent {
        Intent::Stay
    }

    /// The screen's own keys, before the keys every screen shares; `None` when the key is
    /// not one of them.
    fn key(&mut self, _key: KeyEvent, _services: &Services) -> Option<Intent> {
        None
    }

    /// Whether the screen is reading aloud (a size, the language or "say that again" lets
    /// the reading go on; any other key ends it).
    fn reading_aloud(&self) -> bool {
        false
    }

    /// A key ended the reading aloud.
    fn hush(&mut self) {}

    /// When the screen's place is next due to be saved.
    fn save_due(&self) -> Option<Instant> {
        None
    }

    /// Saves the screen's place when it is due, or now when `force`d.
    fn save(&mut self, _force: bool, _services: &Services) -> Saved {
        Saved::Nothing
    }

    /// The screen is going (its place has just been saved).
    fn leave(&mut self, _services: &Services) {}

    /// Its first frame is on the terminal.
    fn frame_shown(&mut self) {}

    /// Does one piece of work ahead of the person while no key waits; whether there was any.
    fn work_ahead(&mut self) -> bool {
        false
    }

    /// Takes in work finished in the background (a whole book read); returns parts of it
    /// that could not be read, to be told.
    fn settle(&mut self) -> Vec<String> {
        Vec::new()
    }

    /// The reader, for drawing its page (`reader_view`) and for tests.
    fn reader(&self) -> Option<&Reader> {
        None
    }

    fn reader_mut(&mut self) -> Option<&mut Reader> {
        None
    }

    /// Enter, a number or a click on the list's item `item` (on a short list, the choice of
    /// that number); `None` on a screen with nothing to choose.
    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        Intent::Stay
    }
}

/// A screen on the stack: a component of its own (`screens/`). A screen whose numbered list
/// can be longer than seven choices has a `page` beside its `focus`: it shows that page of the
/// list (`pager`), and its focus is on that page's choices.
pub struct Screen(Box<dyn Component>);

impl Screen {
    /// A component as a screen.
    pub(super) fn of(component: impl Component + 'static) -> Screen {
        Screen(Box::new(component))
    }

    pub(super) fn component(&self) -> &dyn Component {
        self.0.as_ref()
    }

    pub(super) fn component_mut(&mut self) -> &mut dyn Component {
        self.0.as_mut()
    }

    /// The help shown for this screen when `?` is pressed.
    pub fn help_topic(&self) -> HelpTopic {
        self.0.help_topic()
    }

    pub fn entry(&self) -> Entry {
        self.0.entry()
    }

    /// The reader, when this screen is a book's page.
    pub fn reader(&self) -> Option<&Reader> {
        self.0.reader()
    }

    /// How many choices the screen shows: on a long list, those of the page shown.
    pub fn item_count(&self) -> usize {
        match self.paged() {
            Some((total, page)) => pager::choices(total, page).len(),
            None => self.0.choice_count(),
        }
    }

    /// The list state of a screen with choices.
    pub(super) fn list(&self) -> Option<&ListState> {
        self.0.list()
    }

    pub(super) fn list_mut(&mut self) -> Option<&mut ListState> {
        self.0.list_mut()
    }

    /// The focused choice, on screens that have choices.
    pub fn focus(&self) -> Option<usize> {
        self.list()
            .map(|list| list.focus)
            .filter(|_| self.item_count() > 0)
    }

    /// On the screens whose numbered list can be longer than seven choices: how long the
    /// list is, and the page shown. Every such list comes a page at a time (`pager`).
    pub fn paged(&self) -> Option<(usize, usize)> {
        Some((self.0.paged_total()?, self.list()?.page))
    }

    /// The focused choice: on a long list, one of its items (by its place in the whole list)
    /// or a page choice; elsewhere, the choice of that number.
    pub(super) fn choice(&self) -> Option<Choice> {
        self.focus()?;
        self.list()?.choice(self.paged().map(|(total, _)| total))
    }

    /// Shows the next or the previous page, the focus on its first choice, when there is
    /// such a page.
    pub fn turn_page(&mut self, forward: bool) {
        if let Some((total, _)) = self.paged()
            && let Some(list) = self.list_mut()
        {
            list.turn_page(total, forward);
        }
    }

    /// How far a page without choices is scrolled (help, a report, a learner's record).
    pub fn scroll_mut(&mut self) -> Option<&mut usize> {
        self.0.scroll_mut()
    }

    pub fn set_focus(&mut self, index: usize) {
        if let Some(list) = self.list_mut() {
            list.focus = index;
        }
    }

    /// What the screen shows. A long list shows one page of its items, with "next page" and
    /// "previous page" as choices of their own, and a hint that tells of ← and →.
    pub fn view(&self, cx: &ViewContext) -> View {
        let mut view = self.0.view(cx, self.focus());
        if let Some((total, page)) = self.paged() {
            let items = std::mem::take(&mut view.items);
            view.items = pager::labels(total, page, cx.lang, |index| items[index].clone());
            if pager::page_count(total) > 1 {
                view.hint = pager::hint(self.entry() == Entry::Text, cx.lang);
            }
        }
        view
    }
}
