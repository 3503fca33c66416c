//! The application state and what every key, click and event does to it. No terminal here:
//! tests drive `App` directly and draw it on ratatui's `TestBackend`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::component::{Intent, Services};
use super::keys::{Action, action_for};
use super::pager::{self, Choice, ListState};
use super::screens::{ConfirmQuit, HelpPage, Home, Screen};
use super::settings_rows::{self, Overrides};
use super::theme::{ColorMode, Theme};
use super::timers::Timers;
use super::view::{View, ViewContext};
use crate::catalog;
use crate::config::{self, Settings, SpeechChoice, ThemeName};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::{SpeechEvent, Voice};
use crate::store::{GUEST, Member, Store};
use leling_term::bigtext::BigFont;

/// How long before the idle return home the kiosk warns.
const IDLE_WARNING: Duration = Duration::from_secs(30);

/// Events from worker threads, delivered to the UI thread.
#[derive(Debug)]
pub enum AppEvent {
    Speech(SpeechEvent),
    /// Pages per chapter of a book for given layout options, counted in the background.
    PageCounts {
        book_id: i64,
        options: crate::layout::LayoutOptions,
        counts: Vec<usize>,
    },
    /// The whole of a book whose first chapters are showing has been read.
    WholeBookRead,
    /// How a book download from a catalog is going.
    Download(super::app_remote::DownloadProgress),
    /// How adding or refreshing remote catalogs is going.
    Catalogs(super::app_catalogs::CatalogNews),
    /// How searching a remote catalog at its source is going.
    RemoteSearch(super::app_shelves::SearchNews),
    /// A sync with the hub ended.
    Synced(super::app_sync::SyncNews),
    /// A key, a click or a resize, forwarded by the terminal's input thread so that the event
    /// loop wakes for whichever comes first, input or news.
    Terminal(ratatui::crossterm::event::Event),
    /// The terminal went away or the program was told to stop (SIGTERM, SIGHUP): it ends as
    /// on a quit, so the reading place is saved.
    Stop,
}

impl From<SpeechEvent> for AppEvent {
    fn from(event: SpeechEvent) -> Self {
        AppEvent::Speech(event)
    }
}

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
    color_mode: ColorMode,
    kiosk: bool,
    pub(super) store: Store,
    pub(super) voice: Voice,
    pub(super) events: Sender<AppEvent>,
    pub(super) stack: Vec<Screen>,
    status: Option<String>,
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
    data_dir: PathBuf,
    /// The learner signed in at this kiosk; without one, places and records are the guest's.
    pub(super) signed_in: Option<Member>,
    /// A sync with the hub is running on a worker thread.
    pub(super) syncing: bool,
    pub(super) last_sync_attempt: Instant,
    /// The large-glyph font, loaded the first time text is zoomed (None: not tried yet).
    font: Option<Result<Arc<BigFont>, ()>>,
    /// A book opened again, to be written down once its first page is on the screen.
    pub(super) opened_book: Option<super::app_reader::OpenedBook>,
    /// The terminal draws zoomed text itself (kitty's text sizing), so no font is needed.
    text_sizing: bool,
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
        App {
            signed_in: None,
            syncing: false,
            last_sync_attempt: Instant::now(),
            settings_frozen: setup.settings.problem.is_some(),
            settings: setup.settings.settings,
            settings_path: setup.settings.path,
            overrides: setup.overrides,
            color_mode: setup.color_mode,
            kiosk: setup.kiosk,
            store: setup.store,
            voice: setup.voice,
            events: setup.events,
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
            data_dir: setup.data_dir,
            font: None,
            opened_book: None,
            text_sizing: false,
            place_not_saved: PlaceProblem::None,
            quit: false,
        }
    }

    pub fn lang(&self) -> Lang {
        self.overrides
            .lang
            .or(self.settings.language)
            .unwrap_or_else(Lang::from_system)
    }

    fn theme_name(&self) -> ThemeName {
        self.overrides.theme.unwrap_or(self.settings.theme)
    }

    fn speech_choice(&self) -> SpeechChoice {
        self.overrides.speech.unwrap_or(self.settings.speech)
    }

    pub fn theme(&self) -> Theme {
        Theme::new(self.theme_name(), self.color_mode)
    }

    /// The font for zoomed text, when text is zoomed and the font can be found. Without it,
    /// text stays at normal size and the status line says why, once.
    pub fn big_font(&mut self) -> Option<Arc<BigFont>> {
        if self.settings.zoom.get() == 1 || self.text_sizing {
            return None;
        }
        let font = self.loaded_font();
        if font.is_none() && self.status.is_none() {
            self.status = Some(t(self.lang(), "zoom-no-font"));
        }
        font
    }

    /// The bitmap font for a figure shown large at any zoom (the check-in count); without it
    /// the figure is shown at normal size, which needs no apology.
    pub fn figure_font(&mut self) -> Option<Arc<BigFont>> {
        self.loaded_font()
    }

    /// The bitmap font, read the first time it is wanted (and not looked for again).
    fn loaded_font(&mut self) -> Option<Arc<BigFont>> {
        let data_dir = &self.data_dir;
        self.font
            .get_or_insert_with(|| BigFont::load(data_dir).map(Arc::new).map_err(drop))
            .as_ref()
            .ok()
            .cloned()
    }

    /// Whether the terminal draws zoomed text itself (`leling_term::text_sizing`).
    pub fn text_sizing(&self) -> bool {
        self.text_sizing
    }

    /// Zoomed text drawn by the terminal (kitty's OSC 66) instead of in Unifont glyphs.
    pub fn set_text_sizing(&mut self, on: bool) {
        self.text_sizing = on;
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

    /// What a screen may use while it answers (see `component::Services`).
    pub(super) fn services(&self) -> Services<'_> {
        Services {
            lang: self.lang(),
            settings: &self.settings,
            store: &self.store,
            learner: learner_key(&self.signed_in),
            kiosk: self.kiosk,
        }
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
        let cx = ViewContext {
            lang: self.lang(),
            settings: &self.settings,
            theme: self.theme_name(),
            speech: self.speech_choice(),
            window: self.window,
            store: &self.store,
            signed_in: self.signed_in.as_ref().map(|member| member.name.as_str()),
        };
        self.screen().view(&cx)
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

    /// Takes a message off the status line once what it said is over.
    pub(super) fn clear_status(&mut self) {
        self.status = None;
    }

    pub(super) fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
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

    /// What a screen must do before it goes: the reader saves the place and falls silent.
    fn leave_top(&mut self) {
        self.write_down_opened_book();
        if let Screen::Reader(reader) = self.screen() {
            let minutes = reader.opened.elapsed().as_secs() / 60;
            let title = reader.title.clone();
            self.save_reading_position(true);
            self.voice.stop();
            // Whole minutes only: a glance at a book is not reading time in a learner's record.
            if let Some(member) = &self.signed_in
                && minutes > 0
            {
                let _ = self.store.log_reading(&member.id, &title, minutes);
            }
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
        if self.reader_key(key) {
            return;
        }
        let action = action_for(key, self.screen().entry());
        // A size, the language or "say that again" while a book is read aloud answers and
        // lets the reading go on (the voice reads the cut-off sentence again); any other key
        // ends it.
        let keeps_reading = matches!(
            action,
            Action::ZoomIn | Action::ZoomOut | Action::SwitchLanguage | Action::Repeat
        );
        if !(keeps_reading && self.reading_aloud()) {
            self.stop_reading();
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
                if backend == "off" && self.speech_choice() != SpeechChoice::Off {
                    self.status = Some(t(self.lang(), "speech-none"));
                }
            }
            AppEvent::Speech(SpeechEvent::Broken { .. }) => {
                let text = t(self.lang(), "speech-broken");
                self.tell(text);
            }
            AppEvent::Speech(SpeechEvent::SentenceStarted { id }) => self.sentence_started(id),
            AppEvent::Speech(SpeechEvent::SentenceDone { id }) => self.sentence_done(id),
            AppEvent::Speech(SpeechEvent::SentenceFailed { id, .. }) => self.sentence_failed(id),
            AppEvent::PageCounts {
                book_id,
                options,
                counts,
            } => self.page_counts_arrived(book_id, options, counts),
            AppEvent::WholeBookRead => self.settle_reader(),
            AppEvent::Download(progress) => self.download_progress(progress),
            AppEvent::Catalogs(news) => self.catalog_news(news),
            AppEvent::RemoteSearch(news) => self.remote_search_news(news),
            AppEvent::Synced(news) => self.sync_finished(news),
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
        self.save_reading_position(false);
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
        let save = self.stack.iter().rev().find_map(|screen| match screen {
            Screen::Reader(reader) => reader.save_due(),
            _ => None,
        });
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
        if let Screen::Club(club) = self.screen_mut() {
            club.note_chosen();
        }
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

    fn type_char(&mut self, c: char) {
        match self.screen_mut() {
            Screen::Component(screen) => {
                if let Some((field, room)) = screen.field()
                    && field.chars().count() < room
                {
                    field.push(c);
                }
            }
            Screen::GoTo { digits } if digits.len() < 3 => digits.push(c),
            Screen::Search { query, .. } => query.push(c),
            Screen::FindAll { query, .. } => query.push(c),
            Screen::CatalogAdd { address } => address.push(c),
            Screen::RemoteSearch { query, .. } => query.push(c),
            Screen::Club(club) => {
                if let Some(text) = club.text_mut() {
                    text.push(c);
                }
                return self.club_typed();
            }
            _ => {}
        }
        self.refresh_find_all();
        self.search_as_typed();
    }

    fn erase_char(&mut self) {
        match self.screen_mut() {
            Screen::Component(screen) => {
                if let Some((field, _)) = screen.field() {
                    field.pop();
                }
            }
            Screen::GoTo { digits } => {
                digits.pop();
            }
            Screen::Search { query, .. } | Screen::FindAll { query, .. } => {
                query.pop();
            }
            Screen::CatalogAdd { address } | Screen::RemoteSearch { query: address, .. } => {
                address.pop();
            }
            Screen::Club(club) => {
                if let Some(text) = club.text_mut() {
                    text.pop();
                }
                return self.club_typed();
            }
            _ => {}
        }
        self.refresh_find_all();
        self.search_as_typed();
    }

    /// In the book's search field the places are found as the person types (and said with the
    /// query); every other field just says what is in it.
    fn search_as_typed(&mut self) {
        if let Screen::Search { query, .. } = self.screen() {
            let query = query.clone();
            self.run_search(&query);
        } else {
            self.announce_entry();
        }
    }

    /// Says what is in a text field; a PIN only by its length.
    fn announce_entry(&mut self) {
        let lang = self.lang();
        let text = match self.screen() {
            Screen::Component(screen) => match screen.field_said(lang) {
                Some(text) => text,
                None => return,
            },
            Screen::GoTo { digits } => format!("{digits} %"),
            Screen::CatalogAdd { address } | Screen::RemoteSearch { query: address, .. } => {
                address.clone()
            }
            Screen::FindAll { query, hits, .. } => {
                let count = t_with(lang, "find-count", &[("count", hits.len().into())]);
                format!("{query}: {count}")
            }
            _ => return,
        };
        self.say(text);
    }

    fn open(&mut self) {
        let kiosk = self.kiosk;
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
        match self.screen() {
            Screen::Component(_) => {
                let services = Services {
                    lang: self.lang(),
                    settings: &self.settings,
                    store: &self.store,
                    learner: learner_key(&self.signed_in),
                    kiosk,
                };
                let screen = self
                    .stack
                    .last_mut()
                    .expect("the home screen is never popped");
                let Screen::Component(screen) = screen else {
                    return;
                };
                let intent = screen.choose(focus, &services);
                self.follow(intent);
            }
            Screen::FindAll { hits, .. } => {
                if let Some(hit) = focus.and_then(|i| hits.get(i)) {
                    let hit = hit.clone();
                    self.open_hit(&hit);
                }
            }
            Screen::Lists { lists, remote, .. } => match focus {
                Some(i) if i < lists.len() => {
                    let books = Box::new(lists[i].clone());
                    self.push(Screen::ListBooks {
                        list: ListState::default(),
                        books,
                    });
                }
                Some(i) => {
                    if let Some(summary) = remote.get(i - lists.len()) {
                        let summary = summary.clone();
                        self.open_remote_catalog(summary);
                    }
                }
                None => {}
            },
            Screen::RemoteSource { .. }
            | Screen::RemoteEntries { .. }
            | Screen::RemoteSearch { .. } => self.open_remote_choice(focus),
            Screen::BookDetail { book, actions, .. } => {
                if let Some(action) = focus.and_then(|i| actions.get(i)) {
                    let (book, action) = (book.clone(), action.clone());
                    self.book_action(&book, action);
                }
            }
            Screen::RemoteEntryDetail { entry, actions, .. } => {
                if let Some(action) = focus.and_then(|i| actions.get(i)) {
                    let (title, action) = (entry.title.clone(), action.clone());
                    self.remote_action(title, action);
                }
            }
            Screen::ListBooks { books, .. } => {
                if let Some(book) = focus.and_then(|i| books.book.get(i)) {
                    let book = Box::new(book.clone());
                    self.open_book_detail(book);
                }
            }
            Screen::Guides { guides, .. } => {
                if let Some(guide) = focus.and_then(|i| guides.get(i)) {
                    let file = catalog::bundled_dir().join(guide.files.get(self.lang()));
                    self.open_book_or_explain(&file);
                }
            }
            Screen::Library { .. }
            | Screen::Toc { .. }
            | Screen::Bookmarks { .. }
            | Screen::Search { .. }
            | Screen::GoTo { .. } => self.open_in_reader(focus),
            Screen::Catalogs { sources, .. } => match focus {
                Some(0) => self.push(Screen::CatalogAdd {
                    address: String::new(),
                }),
                Some(n) if n <= sources.len() => {
                    let source = sources[n - 1].clone();
                    self.push(Screen::CatalogSourceMenu {
                        list: ListState::default(),
                        source,
                    });
                }
                Some(_) => self.refresh_catalogs(None),
                None => {}
            },
            Screen::CatalogAdd { address } => {
                let address = address.trim().to_string();
                if !address.is_empty() {
                    self.add_catalog(address);
                }
            }
            Screen::CatalogSourceMenu { list, source } => {
                let (focus, name) = (list.focus, source.name.clone());
                if focus == 0 {
                    self.refresh_catalogs(Some(name));
                } else {
                    self.remove_catalog(&name);
                }
            }
            Screen::Club(_) => self.club_open(focus),
            Screen::Reader(_) => {}
        }
    }

    /// ← or → where no list pages: the screen's step, such as a setting's next value.
    fn change_setting(&mut self, forward: bool) {
        if let Screen::Component(screen) = self.screen_mut() {
            let intent = screen.step(forward);
            self.follow(intent);
        }
    }

    /// Does what a screen asked for.
    fn follow(&mut self, intent: Intent) {
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
            Intent::OpenLibrary => self.open_library(),
            Intent::ContinueReading => self.continue_reading(),
            Intent::OpenReadingClub => self.open_reading_club(),
            Intent::OpenMyLearning => self.open_my_learning(),
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
            Intent::SyncNow => self.sync_now(),
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
