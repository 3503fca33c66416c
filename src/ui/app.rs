//! The application state and what every key, click and event does to it. No terminal here:
//! tests drive `App` directly and draw it on ratatui's `TestBackend`.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::component::{Component, Intent, Outcome, Services, Spoken};
use super::events::AppEvent;
use super::keys::{Action, action_for};
use super::look::Look;
use super::opened_book::OpenedBook;
use super::pager::{self, Choice};
use super::screens::{ConfirmQuit, HelpPage, Home, MyLearning, Screen};
use super::settings_rows::{self, Overrides};
use super::theme::{ColorMode, Theme};
use super::timers::Timers;
use super::view::{View, ViewContext};
use super::workers::Workers;
use crate::config::{self, Settings, SpeechChoice};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::{SpeechEvent, Voice};
use crate::store::{GUEST, Member, Store};

/// What a screen may use while it answers (`component::Services`), lent from the shell's
/// fields one by one so that a screen on the stack can be borrowed beside them.
macro_rules! services {
    ($app:expr) => {
        $crate::ui::component::Services {
            lang: $app.lang(),
            settings: &$app.settings,
            store: &$app.store,
            learner: $crate::ui::app::learner_key(&$app.signed_in),
            signed_in: $app.signed_in.as_ref(),
            kiosk: $app.kiosk,
            voice: &$app.voice,
        }
    };
}
pub(super) use services;

/// How long before the idle return home the kiosk warns.
const IDLE_WARNING: Duration = Duration::from_secs(30);

pub struct AppSetup {
    pub settings: config::LoadedSettings,
    pub overrides: Overrides,
    pub kiosk: bool,
    pub color_mode: ColorMode,
    pub store: Store,
    pub voice: Voice,
    /// Where worker threads send their results.
    pub events: Sender<AppEvent>,
    /// The data directory, where a copy of the large-glyph font may be kept.
    pub data_dir: PathBuf,
}

pub struct App {
    pub(super) settings: Settings,
    settings_path: PathBuf,
    /// The settings file is broken: never write over it.
    settings_frozen: bool,
    overrides: Overrides,
    /// How the screens look on this terminal: colours, zoomed text, the large-glyph font.
    pub look: Look,
    pub(super) kiosk: bool,
    pub(super) store: Store,
    pub(super) voice: Voice,
    /// Work on worker threads, reporting to the event loop.
    pub(super) workers: Workers,
    pub(super) stack: Vec<Screen>,
    pub(super) status: Option<String>,
    last_said: String,
    /// Rows of the last frame that hold each choice, for mouse clicks: (row, choice index).
    pub(super) hits: Vec<(u16, usize)>,
    /// The window as last drawn (an 80×24 terminal until the first frame), for screens whose
    /// words depend on their room: the QR screen says "scan" only when the code fits.
    pub(super) window: Rect,
    /// How far the page on screen can scroll, as last drawn, so scrolling past the end and
    /// back answers at once.
    pub(super) scroll_limit: usize,
    /// The middle of the screen as last drawn: its rows, from which row it was shown and how
    /// many fit; a page taller than the window scrolls by it before the focus moves.
    pub(super) drawn: DrawnPage,
    /// Where a page with choices is scrolled to: pinned (a page opens at its top, however far
    /// down its first choice is) or, once the focus has moved, following the focus.
    pub(super) page_offset: Option<usize>,
    last_input: Instant,
    idle_warned: bool,
    /// The learner signed in at this kiosk; without one, places and records are the guest's.
    pub(super) signed_in: Option<Member>,
    /// A sync with the hub is running on a worker thread.
    pub(super) syncing: bool,
    pub(super) last_sync_attempt: Instant,
    /// A book opened again, to be written down once its first page is on the screen.
    pub(super) opened_book: Option<OpenedBook>,
    /// Whether the reading place could not be saved, and whether that has been said.
    pub(super) place_not_saved: PlaceProblem,
    pub quit: bool,
}

/// The rows of the middle of the screen as last drawn: their text and the choice each belongs
/// to, the first row shown and how many rows fit; and which screen that was (its depth in the
/// stack and title), as a new screen is described before its first frame.
#[derive(Debug, Clone, Default)]
pub(super) struct DrawnPage {
    pub rows: Vec<(String, Option<usize>)>,
    pub offset: usize,
    pub height: usize,
    pub screen: (usize, String),
}

impl DrawnPage {
    /// Whether every row of a choice is in the window.
    pub(super) fn shows(&self, item: usize) -> bool {
        let shown = self.offset..self.offset + self.height;
        let mut rows = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.1 == Some(item));
        rows.all(|(n, _)| shown.contains(&n))
    }
}

/// A reading place that failed to save, from the failure until a save works again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PlaceProblem {
    None,
    /// Found as the reader was left: the next screen says it.
    Pending(String),
    Told,
}

impl App {
    pub fn new(setup: AppSetup) -> App {
        let lang = (setup.overrides.lang)
            .or(setup.settings.settings.language)
            .unwrap_or_else(Lang::from_system);
        // The parser's own words are for `leling doctor`; the screen says where and what now.
        let status = setup.settings.problem.as_ref().map(|p| {
            t_with(
                lang,
                "config-broken",
                &[
                    ("file", p.path.display().to_string().into()),
                    ("line", p.line.into()),
                ],
            )
        });
        let database = setup.store.path().to_owned();
        let workers = Workers::new(setup.events, database, setup.data_dir.clone());
        App {
            signed_in: None,
            syncing: false,
            last_sync_attempt: Instant::now(),
            settings_frozen: setup.settings.problem.is_some(),
            settings: setup.settings.settings,
            settings_path: setup.settings.path,
            overrides: setup.overrides,
            look: Look::new(setup.color_mode, setup.data_dir.clone()),
            kiosk: setup.kiosk,
            store: setup.store,
            voice: setup.voice,
            workers,
            stack: vec![Screen::of(Home::default())],
            status,
            last_said: String::new(),
            hits: Vec::new(),
            window: Rect::new(0, 0, 80, 24),
            scroll_limit: usize::MAX,
            drawn: DrawnPage::default(),
            page_offset: Some(0),
            last_input: Instant::now(),
            idle_warned: false,
            opened_book: None,
            place_not_saved: PlaceProblem::None,
            quit: false,
        }
    }

    pub fn lang(&self) -> Lang {
        self.overrides.lang(&self.settings)
    }

    pub fn theme(&self) -> Theme {
        self.look.theme(self.overrides.theme(&self.settings))
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the home screen is never popped")
    }

    pub(super) fn screen_mut(&mut self) -> &mut Screen {
        self.stack
            .last_mut()
            .expect("the home screen is never popped")
    }

    /// Whether the home screen is showing (it is always at the bottom of the stack).
    pub fn at_home(&self) -> bool {
        self.stack.len() == 1
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

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
    fn drawn_here(&self, view: &View) -> bool {
        self.drawn.screen == (self.stack.len(), view.title.clone())
    }

    /// The screen's words, its focus wherever it is.
    pub(super) fn whole_view(&self) -> View {
        self.screen().view(&self.view_context())
    }

    /// What a screen needs to know to say itself.
    fn view_context(&self) -> ViewContext<'_> {
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
    fn announcement(&mut self, with_page: bool) -> String {
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

    fn announce_focus(&mut self) {
        let view = self.whole_view();
        if let Some(index) = view.focus {
            let phrase = self.item_phrase(&view, index);
            self.say(phrase);
        }
    }

    /// Says a setting that moves in steps, as it now is ("Text size: ×2").
    pub(super) fn say_step(&mut self, label_id: &str, value_id: &str, n: u8) {
        let lang = self.lang();
        let value = t_with(lang, value_id, &[("n", n.into())]);
        self.say(t_with(lang, label_id, &[("value", value.into())]));
    }

    /// Shows a message on the status line and says it.
    /// Puts text on the status line without saying it (progress that changes every moment).
    pub(super) fn show_status(&mut self, text: String) {
        self.status = Some(text);
    }

    pub(super) fn tell(&mut self, text: String) {
        self.status = Some(text.clone());
        self.say(text);
    }

    // ----- moving between screens -----

    pub(super) fn push(&mut self, screen: Screen) {
        self.scroll_limit = usize::MAX;
        self.page_offset = Some(0);
        self.status = None;
        self.stack.push(screen);
        self.announce_screen();
    }

    /// Back to the screen before, which says its title and the focused choice: its page's
    /// text was said on the way in (a lecture's description after every QR code is too much).
    fn back(&mut self) {
        if self.stack.len() > 1 {
            self.leave_top();
            self.stack.pop();
        }
        self.page_offset = None;
        let text = self.announcement(false);
        self.say(text);
    }

    fn go_home(&mut self) {
        while self.stack.len() > 1 {
            self.leave_top();
            self.stack.pop();
        }
        self.announce_screen();
    }

    /// What a screen must do before it goes: its place saved (the reader's), then its own
    /// leaving (the reader falls silent).
    fn leave_top(&mut self) {
        self.write_down_opened_book();
        self.save_places(true);
        let services = services!(self);
        if let Some(screen) = self.stack.last_mut() {
            screen.component_mut().leave(&services);
        }
    }

    /// Saves everything that must survive: called before quitting and on SIGTERM/SIGHUP.
    pub fn shutdown(&mut self) {
        while self.stack.len() > 1 {
            self.leave_top();
            self.stack.pop();
        }
    }

    // ----- input -----

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.touched();
        self.settle_reader();
        let services = services!(self);
        let screen = self
            .stack
            .last_mut()
            .expect("the home screen is never popped");
        if let Some(intent) = screen.component_mut().key(key, &services) {
            return self.follow(intent);
        }
        let action = action_for(key, self.screen().entry());
        // A size, the language or "say that again" while a book is read aloud answers and
        // lets the reading go on (the voice reads the cut-off sentence again); any other key
        // ends it.
        let keeps_reading = matches!(
            action,
            Action::ZoomIn | Action::ZoomOut | Action::SwitchLanguage | Action::Repeat
        );
        if !(keeps_reading && self.screen().component().reading_aloud()) {
            self.screen_mut().component_mut().hush();
            self.voice.stop();
        }
        self.act(action);
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        self.settle_reader();
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.touched();
                let hit = self.hits.iter().find(|(row, _)| *row == mouse.row);
                if let Some(&(_, index)) = hit {
                    self.screen_mut().set_focus(index);
                    self.act(Action::Open);
                }
            }
            MouseEventKind::ScrollDown => {
                self.touched();
                self.act(Action::Down);
            }
            MouseEventKind::ScrollUp => {
                self.touched();
                self.act(Action::Up);
            }
            _ => {}
        }
    }

    pub fn handle_event(&mut self, event: AppEvent) {
        use ratatui::crossterm::event::Event;
        match event {
            AppEvent::Terminal(Event::Key(key)) => self.handle_key(key),
            AppEvent::Terminal(Event::Mouse(mouse)) => self.handle_mouse(mouse),
            // A resize, or the terminal's focus: the redraw that follows every event is all.
            AppEvent::Terminal(_) => {}
            AppEvent::Speech(SpeechEvent::Ready { backend }) => {
                if backend == "off" && self.overrides.speech(&self.settings) != SpeechChoice::Off {
                    self.status = Some(t(self.lang(), "speech-none"));
                }
            }
            AppEvent::Speech(SpeechEvent::Broken { .. }) => {
                let text = t(self.lang(), "speech-broken");
                self.tell(text);
            }
            AppEvent::Speech(SpeechEvent::SentenceStarted { id }) => {
                self.tell_screens(Outcome::Spoken(Spoken::Started(id)));
            }
            AppEvent::Speech(SpeechEvent::SentenceDone { id }) => {
                self.tell_screens(Outcome::Spoken(Spoken::Done(id)));
            }
            AppEvent::Speech(SpeechEvent::SentenceFailed { id, .. }) => {
                self.tell_screens(Outcome::Spoken(Spoken::Failed(id)));
            }
            AppEvent::PageCounts {
                book_id,
                options,
                counts,
            } => {
                let counts = Outcome::PageCounts {
                    book_id,
                    options,
                    counts,
                };
                self.tell_screens(counts);
            }
            AppEvent::WholeBookRead => self.settle_reader(),
            AppEvent::Download(progress) => self.follow(progress.intent(self.lang())),
            AppEvent::Catalogs(news) => self.follow(news.intent(self.lang())),
            AppEvent::RemoteSearch(news) => self.follow(news.intent(self.lang())),
            AppEvent::Synced(news) => {
                self.syncing = false;
                self.follow(news.intent(self.lang()));
            }
            AppEvent::Stop => self.quit = true,
        }
    }

    fn touched(&mut self) {
        self.last_input = Instant::now();
        if self.idle_warned {
            self.idle_warned = false;
            self.status = None;
        }
    }

    /// Timers: saving the reading place, the periodic sync, and the kiosk's idle warning and
    /// return home. Returns whether the screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.write_down_opened_book();
        self.save_places(false);
        let timers = self.timers();
        self.sync_if_due(now, timers.sync);
        match timers.idle {
            Some((_, home)) if now >= home => {
                self.idle_warned = false;
                self.status = None;
                self.last_input = now;
                self.go_home();
                self.sign_out();
                true
            }
            Some((warning, _)) if now >= warning && !self.idle_warned => {
                self.idle_warned = true;
                self.tell(t(self.lang(), "idle-warning"));
                true
            }
            _ => false,
        }
    }

    /// When each timer [`App::tick`] runs is next due, worked out here alone.
    pub fn timers(&self) -> Timers {
        let save = (self.stack.iter().rev()).find_map(|screen| screen.component().save_due());
        let every = u64::from(self.settings.sync_every_minutes) * 60;
        let sync = (every > 0).then(|| self.last_sync_attempt + Duration::from_secs(every));
        // A kiosk at home with no one signed in has nothing to return from.
        let at_rest = self.stack.len() == 1 && self.signed_in.is_none();
        let idle = (self.kiosk && !at_rest).then(|| {
            let idle = Duration::from_secs(u64::from(self.settings.kiosk_idle_minutes) * 60);
            let warning = self.last_input + idle.saturating_sub(IDLE_WARNING);
            (warning, self.last_input + idle)
        });
        Timers {
            save,
            sync,
            idle,
            syncing: self.syncing,
            warned: self.idle_warned,
        }
    }

    pub(super) fn act(&mut self, action: Action) {
        match action {
            Action::Up => self.move_focus(-1),
            Action::Down => self.move_focus(1),
            Action::PageUp => self.move_focus(-5),
            Action::PageDown => self.move_focus(5),
            Action::First => self.move_focus(-10_000),
            Action::Last => self.move_focus(10_000),
            // Left and right turn the pages of a long list, and change a setting.
            Action::Previous | Action::Next => {
                let forward = action == Action::Next;
                if !self.turn_page(forward) {
                    self.change_setting(forward);
                }
            }
            // Nothing focused in sight on a tall page: Enter shows more of it.
            Action::Open if self.view().focus.is_none() && self.whole_view().focus.is_some() => {
                self.move_focus(1)
            }
            Action::Open => self.open(),
            Action::Back => {
                self.status = None;
                self.back();
            }
            Action::Pick(index) => {
                if index < self.screen().item_count() {
                    self.screen_mut().set_focus(index);
                    self.open();
                }
            }
            Action::Help => {
                let about = self.screen().help_topic();
                self.push(Screen::of(HelpPage::new(about)));
            }
            Action::Repeat => {
                let text = if self.last_said.is_empty() {
                    self.view().title
                } else {
                    self.last_said.clone()
                };
                self.say(text);
            }
            Action::SwitchLanguage => {
                let lang = self.lang().other();
                self.overrides.lang = None;
                self.settings.language = Some(lang);
                self.save_settings();
                let switched = t(lang, "lang-switched");
                let screen = self.screen_announcement();
                self.say(format!("{switched} {screen}"));
            }
            Action::ZoomIn | Action::ZoomOut => {
                let zoom = self.settings.zoom;
                self.settings.zoom = if action == Action::ZoomIn {
                    zoom.up()
                } else {
                    zoom.down()
                };
                self.save_settings();
                self.say_step("setting-zoom", "zoom-value", self.settings.zoom.get());
            }
            Action::Quit => self.ask_to_quit(),
            Action::Type(c) => self.type_char(c),
            Action::Erase => self.erase_char(),
            Action::Nothing => {}
        }
    }

    fn ask_to_quit(&mut self) {
        // Only the home screen's q (or Ctrl+C there) asks; elsewhere q is not a quit key.
        if self.stack.len() == 1 {
            self.push(Screen::of(ConfirmQuit::default()));
        }
    }

    fn move_focus(&mut self, delta: isize) {
        let count = self.screen().item_count();
        let limit = self.scroll_limit;
        if let Some(scroll) = self.screen_mut().scroll_mut() {
            *scroll = scroll.saturating_add_signed(delta).min(limit);
            return;
        }
        let Some(focus) = self.screen().focus() else {
            return;
        };
        // A page taller than the window: ↓ shows the rest of it before the focus moves on,
        // ↑ at the first choice shows its top again.
        let step = self.drawn.height.saturating_sub(1).max(1);
        let view = self.whole_view();
        let drawn = self.drawn_here(&view);
        if drawn && delta == 1 && !self.drawn.shows(focus) && self.drawn.offset < self.scroll_limit
        {
            return self.scroll_page((self.drawn.offset + step).min(self.scroll_limit));
        }
        if drawn && delta == -1 && focus == 0 && self.drawn.offset > 0 {
            return self.scroll_page(self.drawn.offset.saturating_sub(step));
        }
        let target = focus
            .saturating_add_signed(delta)
            .min(count.saturating_sub(1));
        self.screen_mut().set_focus(target);
        self.screen_mut().component_mut().focus_moved();
        self.page_offset = None;
        self.status = None;
        // The choices are the same with the focus moved: the view is not made again.
        if target < view.items.len() {
            let phrase = self.item_phrase(&view, target);
            self.say(phrase);
        }
    }

    /// Shows the page from row `offset` and says the text that came into view.
    fn scroll_page(&mut self, offset: usize) {
        let before = self.drawn.offset..self.drawn.offset + self.drawn.height;
        let now = offset..offset + self.drawn.height;
        let news: Vec<&str> = self
            .drawn
            .rows
            .iter()
            .enumerate()
            .filter(|(n, row)| now.contains(n) && !before.contains(n) && row.1.is_none())
            .map(|(_, row)| row.0.trim())
            .collect();
        let text = news.join(" ");
        self.page_offset = Some(offset);
        self.drawn.offset = offset;
        self.say(text);
    }

    /// Turns the page of a long list and says where the person now is (the same page again
    /// at either end), then the choice the focus is on; `false` on screens without pages.
    fn turn_page(&mut self, forward: bool) -> bool {
        let Some((total, _)) = self.screen().paged() else {
            return false;
        };
        self.screen_mut().turn_page(forward);
        let (_, page) = self.screen().paged().unwrap_or_default();
        let mut said = pager::page_said(total, page, self.lang());
        let view = self.whole_view();
        if let Some(focus) = view.focus {
            said.push(' ');
            said.push_str(&self.item_phrase(&view, focus));
        }
        self.say(said);
        true
    }

    /// A character typed into the screen's field, if it has one with room left.
    fn type_char(&mut self, c: char) {
        if let Some((field, room)) = self.screen_mut().component_mut().field()
            && field.chars().count() < room
        {
            field.push(c);
            self.ask_screen(|screen, services| screen.typed(services));
        }
    }

    fn erase_char(&mut self) {
        if let Some((field, _)) = self.screen_mut().component_mut().field() {
            field.pop();
            self.ask_screen(|screen, services| screen.typed(services));
        }
    }

    fn open(&mut self) {
        // On a long list, "next page" and "previous page" turn the page; any other choice is
        // the list's item of that index (on a short list, the choice of that number).
        let focus = match self.screen().choice() {
            Some(Choice::Item(index)) => Some(index),
            Some(turn) => {
                self.turn_page(turn == Choice::Next);
                return;
            }
            None => None,
        };
        self.ask_screen(|screen, services| screen.choose(focus, services));
    }

    /// ← or → where no list pages: the screen's step, such as a setting's next value.
    fn change_setting(&mut self, forward: bool) {
        self.ask_screen(|screen, _| screen.step(forward));
    }

    /// Lets the screen on top, if it is a component, answer with what it may use, and
    /// follows what it asks for.
    fn ask_screen(&mut self, ask: impl FnOnce(&mut dyn Component, &Services) -> Intent) {
        let services = services!(self);
        let Some(screen) = self.stack.last_mut() else {
            return;
        };
        let intent = ask(screen.component_mut(), &services);
        self.follow(intent);
    }

    /// Tells the screens what came of work done for them (a change of the records to all of
    /// them, anything else to the one on top) and follows what the one on top asks for.
    pub(super) fn tell_screens(&mut self, outcome: Outcome) -> bool {
        let services = services!(self);
        let everyone = matches!(outcome, Outcome::Changed);
        let top = self.stack.len() - 1;
        let mut asked = None;
        for (depth, screen) in self.stack.iter_mut().enumerate() {
            if everyone || depth == top {
                let intent = screen.component_mut().hear(&outcome, &services);
                if depth == top {
                    asked = intent;
                }
            }
        }
        let answered = asked.is_some();
        if let Some(intent) = asked {
            self.follow(intent);
        }
        answered
    }

    /// The learner is signed in at this kiosk: her record opens and she is greeted.
    fn sign_in(&mut self, member: Member) {
        let name = [("name", member.name.clone().into())];
        let text = t_with(self.lang(), "signed-in", &name);
        self.signed_in = Some(member.clone());
        let opened = MyLearning::open(&member, &services!(self));
        self.follow(opened);
        self.say(text);
    }

    /// Forgets who is signed in (on request, or when a kiosk has been idle).
    pub(super) fn sign_out(&mut self) {
        if let Some(member) = self.signed_in.take() {
            let text = t_with(self.lang(), "signed-out", &[("name", member.name.into())]);
            self.show_status(text.clone());
            self.say(text);
        }
    }

    /// Does what a screen asked for.
    pub(super) fn follow(&mut self, intent: Intent) {
        match intent {
            Intent::Stay => {}
            Intent::Open(screen) => self.push(screen),
            Intent::Done(then) => {
                self.status = None;
                self.stack.pop();
                self.follow(*then);
            }
            Intent::Back => self.back(),
            Intent::Tell(text) => self.tell(text),
            Intent::Say(text) => self.say(text),
            Intent::Status(text) => self.status = Some(text),
            Intent::Then(first, then) => {
                self.follow(*first);
                self.follow(*then);
            }
            Intent::ReportOr(outcome, otherwise) => {
                if !self.tell_screens(outcome) {
                    self.follow(*otherwise);
                }
            }
            Intent::OpenBook(path) => self.open_book_or_explain(&path),
            Intent::Download { url, copy_of } => {
                let lang = self.lang();
                self.tell(t(lang, "remote-downloading"));
                self.workers.download(url, copy_of.map(|book| *book), lang);
            }
            Intent::SearchSource { name, query } => {
                let lang = self.lang();
                let searching = [("name", name.clone().into())];
                self.tell(t_with(lang, "remote-searching", &searching));
                self.workers.search_source(name, query, lang);
            }
            Intent::AddCatalog(address) => {
                let lang = self.lang();
                self.tell(t(lang, "catalogs-working"));
                self.workers.add_catalog(address, lang);
            }
            Intent::RefreshCatalogs(only) => {
                let lang = self.lang();
                self.tell(t(lang, "catalogs-working"));
                self.workers.refresh_catalogs(only, lang);
            }
            Intent::Changed(then) => {
                self.tell_screens(Outcome::Changed);
                self.follow(*then);
            }
            Intent::ContinueReading => self.continue_reading(),
            Intent::SignIn(member) => self.sign_in(member),
            Intent::SignOut => self.sign_out(),
            Intent::Report(outcome) => {
                self.tell_screens(outcome);
            }
            Intent::Announce => self.announce_screen(),
            Intent::AdjustSetting(setting, forward) => {
                let lang = self.lang();
                let overrides = &mut self.overrides;
                settings_rows::change(
                    setting,
                    forward,
                    &mut self.settings,
                    overrides,
                    &self.voice,
                    lang,
                );
                self.save_settings();
                let said = settings_rows::setting_label(&self.view_context(), setting);
                self.say(said);
            }
            Intent::TellWithScreen(text) => {
                let screen = self.screen_announcement();
                self.show_status(text.clone());
                self.say(format!("{text} {screen}"));
            }
            Intent::ChangeSetting(setting, forward) => {
                let lang = self.lang();
                let overrides = &mut self.overrides;
                settings_rows::change(
                    setting,
                    forward,
                    &mut self.settings,
                    overrides,
                    &self.voice,
                    lang,
                );
                self.save_settings();
                self.announce_focus();
            }
            Intent::SyncNow => self.start_sync(true),
            Intent::Quit => self.quit = true,
        }
    }

    /// Saves settings atomically; a broken settings file is left alone and the person is told.
    pub(super) fn save_settings(&mut self) {
        if self.settings_frozen {
            self.status = Some(t(self.lang(), "settings-not-saved"));
            return;
        }
        match config::save(&self.settings_path, &self.settings) {
            Ok(()) => self.status = None,
            Err(e) => {
                let reason = crate::i18n::io_reason(&e, self.lang());
                let text = t_with(
                    self.lang(),
                    "settings-save-failed",
                    &[("reason", reason.into())],
                );
                self.status = Some(text);
            }
        }
    }
}

/// Whose places, bookmarks and records the kiosk keeps now: the signed-in member's or the
/// guest's. A free function so it can borrow beside a screen on the stack.
pub(super) fn learner_key(signed_in: &Option<Member>) -> &str {
    signed_in
        .as_ref()
        .map_or(GUEST, |member| member.id.as_str())
}
