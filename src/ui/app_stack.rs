//! Moving between screens and doing what they ask: the stack (a screen opened, gone back
//! from, home), what a screen must do before it goes, and the intents a screen answers with.

use super::app::{App, services};
use super::component::{Component, Intent, Outcome, Services};
use super::screens::{MyLearning, Screen};
use super::settings_rows::{self, Setting};
use crate::i18n::{t, t_with};
use crate::store::Member;

impl App {
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
    pub(super) fn back(&mut self) {
        if self.stack.len() > 1 {
            self.leave_top();
            self.stack.pop();
        }
        self.page_offset = None;
        let text = self.announcement(false);
        self.say(text);
    }

    pub(super) fn go_home(&mut self) {
        while self.stack.len() > 1 {
            self.leave_top();
            self.stack.pop();
        }
        self.announce_screen();
    }

    /// What a screen must do before it goes: its place saved (the reader's), then its own
    /// leaving (the reader falls silent).
    pub(super) fn leave_top(&mut self) {
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

    /// Lets the screen on top, if it is a component, answer with what it may use, and
    /// follows what it asks for.
    pub(super) fn ask_screen(&mut self, ask: impl FnOnce(&mut dyn Component, &Services) -> Intent) {
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
    pub(super) fn sign_in(&mut self, member: Member) {
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
                self.leave_top();
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
                self.step_setting(setting, forward);
                let said = settings_rows::setting_label(&self.view_context(), setting);
                self.say(said);
            }
            Intent::TellWithScreen(text) => {
                let screen = self.screen_announcement();
                self.show_status(text.clone());
                self.say(format!("{text} {screen}"));
            }
            Intent::ChangeSetting(setting, forward) => {
                self.step_setting(setting, forward);
                self.announce_focus();
            }
            Intent::SyncNow => self.start_sync(true),
            Intent::Quit => self.quit = true,
        }
    }

    /// A setting to its next (or previous) value, saved.
    pub(super) fn step_setting(&mut self, setting: Setting, forward: bool) {
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
    }
}
