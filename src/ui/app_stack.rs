//! Moving between screens and doing what they ask: the stack (a screen opened, gone back
//! from, home), what a screen must do before it goes, and the intents a screen answers with.

use super::app::{App, services, view_context};
use super::component::{Component, Intent, Outcome, Services};
use super::opened_book;
use super::screens::{MyLearning, Screen};
use super::settings_rows::{self, Setting};
use crate::i18n::{t, t_with};

impl App {
    pub(super) fn push(&mut self, screen: Screen) {
        self.drawn.opened();
        self.speaker.status = None;
        self.stack.push(screen);
        self.announce_screen();
    }

    /// Closes screens until `depth` are left (the home screen stays), each first doing what it
    /// must before it goes: its place saved (the reader's), then its own leaving (the reader
    /// falls silent).
    pub(super) fn leave_to(&mut self, depth: usize) {
        while self.stack.depth() > depth.max(1) {
            self.places.write_down(&self.store);
            self.save_places(true);
            let services = services!(self);
            self.stack.top_mut().component_mut().leave(&services);
            self.stack.pop();
        }
    }

    /// Saves everything that must survive: called before quitting and on SIGTERM/SIGHUP.
    pub fn shutdown(&mut self) {
        self.leave_to(1);
    }

    /// Lets the screen on top answer with what it may use, and follows what it asks for.
    pub(super) fn ask_screen(&mut self, ask: impl FnOnce(&mut dyn Component, &Services) -> Intent) {
        let services = services!(self);
        let intent = ask(self.stack.top_mut().component_mut(), &services);
        self.follow(intent);
    }

    /// Tells the screens what came of work done for them (a change of the records to all of
    /// them, anything else to the one on top) and follows what the one on top asks for.
    /// Returns whether it asked for anything.
    pub(super) fn tell_screens(&mut self, outcome: Outcome) -> bool {
        let services = services!(self);
        let asked = self.stack.hear(&outcome, &services);
        let answered = asked.is_some();
        if let Some(intent) = asked {
            self.follow(intent);
        }
        answered
    }

    /// Does what a screen asked for.
    pub(super) fn follow(&mut self, intent: Intent) {
        let lang = self.prefs.lang();
        match intent {
            Intent::Stay => {}
            Intent::Open(screen) => self.push(screen),
            Intent::Done(then) => {
                self.speaker.status = None;
                self.leave_to(self.stack.depth() - 1);
                self.follow(*then);
            }
            // The screen before says its title and the focused choice: its page's text was
            // said on the way in (a lecture's description after every QR code is too much).
            Intent::Back => {
                self.leave_to(self.stack.depth() - 1);
                self.drawn.pinned = None;
                let text = self.announcement(false);
                self.speaker.say(&self.prefs, text);
            }
            Intent::Home => {
                self.leave_to(1);
                self.announce_screen();
            }
            Intent::Tell(text) => self.speaker.tell(&self.prefs, text),
            Intent::Say(text) => self.speaker.say(&self.prefs, text),
            Intent::Status(text) => self.speaker.status = Some(text),
            Intent::Then(first, then) => {
                self.follow(*first);
                self.follow(*then);
            }
            Intent::ReportOr(outcome, otherwise) => {
                if !self.tell_screens(outcome) {
                    self.follow(*otherwise);
                }
            }
            Intent::OpenBook(path) => {
                if let Err(error) = self.open_book(&path, None) {
                    self.push(opened_book::cannot_open(&error, &path, lang));
                }
            }
            Intent::Download { url, copy_of } => {
                self.speaker
                    .tell(&self.prefs, t(lang, "remote-downloading"));
                self.workers.download(url, copy_of.map(|book| *book), lang);
            }
            Intent::SearchSource { name, query } => {
                let searching = [("name", name.clone().into())];
                let text = t_with(lang, "remote-searching", &searching);
                self.speaker.tell(&self.prefs, text);
                self.workers.search_source(name, query, lang);
            }
            Intent::AddCatalog { address, sign_in } => {
                self.speaker.tell(&self.prefs, t(lang, "catalogs-working"));
                self.workers.add_catalog(address, sign_in, lang);
            }
            Intent::RefreshCatalogs(only) => {
                self.speaker.tell(&self.prefs, t(lang, "catalogs-working"));
                self.workers.refresh_catalogs(only, lang);
            }
            Intent::Changed(then) => {
                self.tell_screens(Outcome::Changed);
                self.follow(*then);
            }
            Intent::ContinueReading => match opened_book::continue_reading(&self.store, lang) {
                Ok(path) => self.follow(Intent::OpenBook(path)),
                Err(notice) => self.push(notice),
            },
            // The learner is signed in at this kiosk: her record opens and she is greeted.
            Intent::SignIn(member) => {
                let text = t_with(lang, "signed-in", &[("name", member.name.clone().into())]);
                self.signed_in = Some(member.clone());
                // Her own size, theme, line gap and speech rate, from any kiosk she set them at.
                let own = self.store.library().learner_settings(&member.id);
                let kiosk_voice = self.prefs.speech();
                self.prefs.sign_in(&member.id, own.ok().flatten());
                self.speaker.voice.set_rate(self.prefs.settings.speech_rate);
                // Her voice, or where this kiosk lacks it, the kiosk's (and she is told).
                if self.prefs.speech() != kiosk_voice {
                    (self.speaker.voice).switch_or(self.prefs.speech(), kiosk_voice);
                }
                let opened = MyLearning::open(&member, &services!(self));
                self.follow(opened);
                // Her size, where this terminal cannot show it, is kept and she is told why.
                let status = &mut self.speaker.status;
                let text = (self.look).said_of(Setting::Zoom, text, &self.prefs, status);
                self.speaker.say(&self.prefs, text);
            }
            // On request, or when a kiosk has been idle.
            Intent::SignOut => {
                let her_voice = self.prefs.speech();
                self.prefs.sign_out();
                self.speaker.voice.set_rate(self.prefs.settings.speech_rate);
                if self.prefs.speech() != her_voice {
                    self.speaker.voice.switch(self.prefs.speech());
                }
                if let Some(member) = self.signed_in.take() {
                    let text = t_with(lang, "signed-out", &[("name", member.name.into())]);
                    self.speaker.tell(&self.prefs, text);
                }
            }
            Intent::Report(outcome) => {
                self.tell_screens(outcome);
            }
            Intent::Announce => self.announce_screen(),
            Intent::AdjustSetting(setting, forward) => {
                let voice = &self.speaker.voice;
                self.speaker.status = self.prefs.step(setting, forward, voice, &self.store);
                let said = settings_rows::setting_label(&view_context!(self), setting);
                let status = &mut self.speaker.status;
                let said = (self.look).said_of(setting, said, &self.prefs, status);
                self.speaker.say(&self.prefs, said);
            }
            Intent::TellWithScreen(text) => {
                let screen = self.announcement(true);
                self.speaker.status = Some(text.clone());
                self.speaker.say(&self.prefs, format!("{text} {screen}"));
            }
            Intent::ChangeSetting(setting, forward) => {
                let voice = &self.speaker.voice;
                self.speaker.status = self.prefs.step(setting, forward, voice, &self.store);
                let view = self.stack.top().view(&view_context!(self));
                if let Some(index) = view.focus {
                    let phrase = view.item_phrase(index, self.prefs.lang());
                    let status = &mut self.speaker.status;
                    let phrase = (self.look).said_of(setting, phrase, &self.prefs, status);
                    self.speaker.say(&self.prefs, phrase);
                }
            }
            Intent::SyncNow => self.start_sync(true),
            Intent::Quit => self.quit = true,
        }
    }
}
