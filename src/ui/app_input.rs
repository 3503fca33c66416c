//! What keys, clicks, news and timers do: the screen's own keys first, then the keys every
//! screen shares (moving the focus, scrolling a tall page, turning a list's page, typing into
//! a field, choosing), the kiosk's idle return home and the timers the loop sleeps until.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::app::{App, IDLE_WARNING, services};
use super::component::{Outcome, Spoken};
use super::events::AppEvent;
use super::keys::{Action, action_for};
use super::pager::{self, Choice};
use super::screens::{ConfirmQuit, HelpPage, Screen};
use super::settings_rows::{self, Setting};
use super::timers::Timers;
use crate::config::SpeechChoice;
use crate::i18n::t;
use crate::speech::SpeechEvent;

impl App {
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

    pub(super) fn touched(&mut self) {
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
                let said = settings_rows::setting_label(&self.view_context(), Setting::Zoom);
                self.say(said);
            }
            Action::Quit => self.ask_to_quit(),
            Action::Type(c) => self.type_char(c),
            Action::Erase => self.erase_char(),
            Action::Nothing => {}
        }
    }

    pub(super) fn ask_to_quit(&mut self) {
        // Only the home screen's q (or Ctrl+C there) asks; elsewhere q is not a quit key.
        if self.stack.len() == 1 {
            self.push(Screen::of(ConfirmQuit::default()));
        }
    }

    pub(super) fn move_focus(&mut self, delta: isize) {
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
    pub(super) fn scroll_page(&mut self, offset: usize) {
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
    pub(super) fn turn_page(&mut self, forward: bool) -> bool {
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

    /// A character typed into the screen's field, if there is room left; what is in the field
    /// is said either way (a full PIN field still says how many digits it holds).
    pub(super) fn type_char(&mut self, c: char) {
        let Some((field, room)) = self.screen_mut().component_mut().field() else {
            return;
        };
        if field.chars().count() < room {
            field.push(c);
        }
        self.ask_screen(|screen, services| screen.typed(services));
    }

    pub(super) fn erase_char(&mut self) {
        if let Some((field, _)) = self.screen_mut().component_mut().field() {
            field.pop();
            self.ask_screen(|screen, services| screen.typed(services));
        }
    }

    pub(super) fn open(&mut self) {
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
    pub(super) fn change_setting(&mut self, forward: bool) {
        self.ask_screen(|screen, _| screen.step(forward));
    }
}
