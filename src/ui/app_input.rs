//! What keys, clicks, news and timers do: the screen's own keys first, then the keys every
//! screen shares (moving the focus, scrolling a tall page, turning a list's page, typing into
//! a field, choosing), the kiosk's idle return home and the timers the loop sleeps until.

use std::time::Instant;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::app::{App, services, view_context};
use super::component::{Intent, Outcome, Spoken};
use super::events::AppEvent;
use super::focus::{self, Moved};
use super::keys::{Action, action_for};
use super::pager::Choice;
use super::screens::{ConfirmQuit, HelpPage, Screen};
use super::settings_rows::{self, Setting};
use super::timers::Timers;
use crate::config::SpeechChoice;
use crate::i18n::{t, t_with};
use crate::speech::SpeechEvent;

impl App {
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.clocks.touched() {
            self.speaker.status = None;
        }
        self.settle_reader();
        let services = services!(self);
        if let Some(intent) = self.stack.top_mut().component_mut().key(key, &services) {
            return self.follow(intent);
        }
        let action = action_for(key, self.stack.top().entry());
        // A size, the language or "say that again" while a book is read aloud answers and
        // lets the reading go on (the voice reads the cut-off sentence again); any other key
        // ends it.
        let keeps_reading = matches!(
            action,
            Action::ZoomIn | Action::ZoomOut | Action::SwitchLanguage | Action::Repeat
        );
        if !(keeps_reading && self.stack.top().component().reading_aloud()) {
            self.stack.top_mut().component_mut().hush();
            self.speaker.voice.stop();
        }
        self.act(action);
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent) {
        self.settle_reader();
        let action = match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => match self.drawn.hit(mouse.row) {
                Some(index) => {
                    self.stack.top_mut().set_focus(index);
                    Action::Open
                }
                None => Action::Nothing,
            },
            MouseEventKind::ScrollDown => Action::Down,
            MouseEventKind::ScrollUp => Action::Up,
            _ => return,
        };
        if self.clocks.touched() {
            self.speaker.status = None;
        }
        self.act(action);
    }

    pub fn handle_event(&mut self, event: AppEvent) {
        use ratatui::crossterm::event::Event;
        let lang = self.prefs.lang();
        let intent = match event {
            AppEvent::Terminal(Event::Key(key)) => return self.handle_key(key),
            AppEvent::Terminal(Event::Mouse(mouse)) => return self.handle_mouse(mouse),
            // A resize, or the terminal's focus: the redraw that follows every event is all.
            AppEvent::Terminal(_) => Intent::Stay,
            AppEvent::Speech(SpeechEvent::Ready { backend }) => {
                if backend == "off" && self.prefs.speech() != SpeechChoice::Off {
                    self.speaker.status = Some(t(lang, "speech-none"));
                }
                Intent::Stay
            }
            // Her voice from another kiosk is not here: said once, as the switch happens.
            AppEvent::Speech(SpeechEvent::FellBack { wanted }) => {
                let wanted = t(lang, settings_rows::speech_value_id(wanted));
                Intent::Tell(t_with(lang, "voice-fell-back", &[("voice", wanted.into())]))
            }
            AppEvent::Speech(SpeechEvent::Broken { .. }) => Intent::Tell(t(lang, "speech-broken")),
            AppEvent::Speech(SpeechEvent::SentenceStarted { id }) => {
                Intent::Report(Outcome::Spoken(Spoken::Started(id)))
            }
            AppEvent::Speech(SpeechEvent::SentenceDone { id }) => {
                Intent::Report(Outcome::Spoken(Spoken::Done(id)))
            }
            AppEvent::Speech(SpeechEvent::SentenceFailed { id, .. }) => {
                Intent::Report(Outcome::Spoken(Spoken::Failed(id)))
            }
            AppEvent::PageCounts {
                book_id,
                options,
                counts,
            } => Intent::Report(Outcome::PageCounts {
                book_id,
                options,
                counts,
            }),
            AppEvent::WholeBookRead => {
                self.settle_reader();
                Intent::Stay
            }
            AppEvent::Download(progress) => progress.intent(lang),
            AppEvent::Catalogs(news) => news.intent(lang),
            AppEvent::RemoteSearch(news) => news.intent(lang),
            AppEvent::Synced(news) => {
                self.clocks.syncing = false;
                news.intent(lang)
            }
            AppEvent::Stop => Intent::Quit,
        };
        self.follow(intent);
    }

    /// Timers: saving the reading place, the periodic sync, and the kiosk's idle warning and
    /// return home. Returns whether the screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.places.write_down(&self.store);
        self.save_places(false);
        let timers = self.timers();
        if timers.sync.is_some_and(|due| now >= due) {
            self.clocks.last_sync_attempt = now;
            if matches!(self.store.outbox().sync_peer(), Ok(Some(_))) {
                self.start_sync(false);
            }
        }
        match timers.idle {
            Some((_, home)) if now >= home => {
                self.clocks.idle_warned = false;
                self.clocks.last_input = now;
                self.speaker.status = None;
                self.follow(Intent::Home);
                self.follow(Intent::SignOut);
                true
            }
            Some((warning, _)) if now >= warning && !self.clocks.idle_warned => {
                self.clocks.idle_warned = true;
                self.follow(Intent::Tell(t(self.prefs.lang(), "idle-warning")));
                true
            }
            _ => false,
        }
    }

    /// When each timer [`App::tick`] runs is next due.
    pub fn timers(&self) -> Timers {
        // A kiosk at home with no one signed in has nothing to return from.
        let at_rest = self.stack.at_home() && self.signed_in.is_none();
        let save = self.stack.save_due();
        self.clocks
            .timers(&self.prefs.settings, save, self.kiosk, at_rest)
    }

    fn act(&mut self, action: Action) {
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
                    self.ask_screen(|screen, _| screen.step(forward));
                }
            }
            // Nothing focused in sight on a tall page: Enter shows more of it.
            Action::Open
                if self.view().focus.is_none()
                    && (self.stack.top().view(&view_context!(self)).focus).is_some() =>
            {
                self.move_focus(1)
            }
            Action::Open => self.open(),
            Action::Back => {
                self.speaker.status = None;
                self.follow(Intent::Back);
            }
            Action::Pick(index) => {
                if index < self.stack.top().item_count() {
                    self.stack.top_mut().set_focus(index);
                    self.open();
                }
            }
            Action::Help => {
                let about = self.stack.top().help_topic();
                self.push(Screen::of(HelpPage::new(about)));
            }
            Action::Repeat => {
                let text = match self.speaker.last_said() {
                    "" => self.view().title,
                    said => said.to_owned(),
                };
                self.speaker.say(&self.prefs, text);
            }
            Action::SwitchLanguage => {
                let voice = &self.speaker.voice;
                self.speaker.status = self.prefs.step(Setting::Language, true, voice, &self.store);
                let switched = t(self.prefs.lang(), "lang-switched");
                let screen = self.announcement(true);
                self.speaker
                    .say(&self.prefs, format!("{switched} {screen}"));
            }
            Action::ZoomIn | Action::ZoomOut => {
                let zoom = &mut self.prefs.settings.zoom;
                *zoom = if action == Action::ZoomIn {
                    zoom.up()
                } else {
                    zoom.down()
                };
                self.speaker.status = self.prefs.save(&self.store);
                let said = settings_rows::setting_label(&view_context!(self), Setting::Zoom);
                let status = &mut self.speaker.status;
                let said = (self.look).said_of(Setting::Zoom, said, &self.prefs, status);
                self.speaker.say(&self.prefs, said);
            }
            // Only the home screen's q (or Ctrl+C there) asks; elsewhere q is not a quit key.
            Action::Quit if self.stack.at_home() => {
                self.push(Screen::of(ConfirmQuit::default()));
            }
            Action::Quit => {}
            // What is in the field is said either way (a full PIN field still says how many
            // digits it holds).
            Action::Type(c) => {
                if let Some((field, room)) = self.stack.top_mut().component_mut().field() {
                    if field.chars().count() < room {
                        field.push(c);
                    }
                    self.ask_screen(|screen, services| screen.typed(services));
                }
            }
            Action::Erase => {
                if let Some((field, _)) = self.stack.top_mut().component_mut().field() {
                    field.pop();
                    self.ask_screen(|screen, services| screen.typed(services));
                }
            }
            Action::Nothing => {}
        }
    }

    /// Enter on the focused choice (or with none).
    fn open(&mut self) {
        // On a long list, "next page" and "previous page" turn the page; any other choice is
        // the list's item of that index (on a short list, the choice of that number).
        let focus = match self.stack.top().choice() {
            Some(Choice::Item(index)) => Some(index),
            Some(turn) => {
                self.turn_page(turn == Choice::Next);
                return;
            }
            None => None,
        };
        self.ask_screen(|screen, services| screen.choose(focus, services));
    }

    fn move_focus(&mut self, delta: isize) {
        let cx = view_context!(self);
        let depth = self.stack.depth();
        match focus::move_focus(self.stack.top_mut(), &mut self.drawn, depth, &cx, delta) {
            Moved::Quietly => {}
            Moved::Scrolled(text) => self.speaker.say(&self.prefs, text),
            Moved::Focus(said) => {
                self.speaker.status = None;
                if let Some(said) = said {
                    self.speaker.say(&self.prefs, said);
                }
            }
        }
    }

    /// Turns the page of a long list and says where the person now is; `false` on screens
    /// without pages.
    fn turn_page(&mut self, forward: bool) -> bool {
        let cx = view_context!(self);
        let Some(said) = focus::turn_page(self.stack.top_mut(), &cx, forward) else {
            return false;
        };
        self.speaker.say(&self.prefs, said);
        true
    }
}
