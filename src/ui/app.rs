//! The application shell: the stack of screens, the person's settings, the voice and the
//! status line, the screen as last drawn, the clocks, the workers and who is signed in, each
//! a part with its own file. What the shell does is in the `app_*.rs` files beside this one
//! (input, speaking, the stack and intents, reading, sync). No terminal here: tests drive
//! `App` directly and draw it on ratatui's `TestBackend`.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use super::drawn::Drawn;
use super::events::AppEvent;
use super::look::Look;
use super::opened_book::Places;
use super::prefs::Prefs;
use super::screen_stack::ScreenStack;
use super::settings_rows::Overrides;
use super::speaker::Speaker;
use super::theme::ColorMode;
use super::timers::Clocks;
use super::view::View;
use super::workers::Workers;
use crate::config;
use crate::i18n::t_with;
use crate::speech::Voice;
use crate::store::{GUEST, Member, Store};

/// What a screen may use while it answers (`component::Services`), lent from the shell's
/// parts one by one so that a screen on the stack can be borrowed beside them.
macro_rules! services {
    ($app:expr) => {
        $crate::ui::component::Services {
            lang: $app.prefs.lang(),
            settings: &$app.prefs.settings,
            store: &$app.store,
            learner: $crate::ui::app::learner_key(&$app.signed_in),
            signed_in: $app.signed_in.as_ref(),
            kiosk: $app.kiosk,
            voice: &$app.speaker.voice,
            data_dir: $app.workers.data_dir(),
        }
    };
}
pub(super) use services;

/// What a screen needs to know to say itself (`view::ViewContext`), lent the same way.
macro_rules! view_context {
    ($app:expr) => {
        $crate::ui::view::ViewContext {
            lang: $app.prefs.lang(),
            settings: &$app.prefs.settings,
            theme: $app.prefs.theme_name(),
            speech: $app.prefs.speech(),
            window: $app.drawn.window,
            store: &$app.store,
            signed_in: $app.signed_in.as_ref().map(|member| member.name.as_str()),
        }
    };
}
pub(super) use view_context;

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
    /// The screens open, the one seen on top.
    pub stack: ScreenStack,
    pub prefs: Prefs,
    /// The voice, the last thing said and the status line.
    pub speaker: Speaker,
    /// How the screens look on this terminal: colours, zoomed text, the large-glyph font.
    pub look: Look,
    /// The screen as last drawn: the window, its rows and where they scroll.
    pub(super) drawn: Drawn,
    pub(super) clocks: Clocks,
    pub(super) places: Places,
    pub(super) kiosk: bool,
    pub(super) store: Store,
    /// Work on worker threads, reporting to the event loop.
    pub(super) workers: Workers,
    /// The learner signed in at this kiosk; without one, places and records are the guest's.
    pub(super) signed_in: Option<Member>,
    pub quit: bool,
}

impl App {
    pub fn new(setup: AppSetup) -> App {
        let lang = setup.overrides.lang(&setup.settings.settings);
        // The parser's own words are for `leling doctor`; the screen says where and what now.
        let status = setup.settings.problem.as_ref().map(|p| {
            let args = [
                ("file", p.path.display().to_string().into()),
                ("line", p.line.into()),
            ];
            t_with(lang, "config-broken", &args)
        });
        let database = setup.store.path().to_owned();
        App {
            stack: ScreenStack::new(),
            prefs: Prefs::new(setup.settings, setup.overrides),
            speaker: Speaker::new(setup.voice, status),
            look: Look::new(setup.color_mode, setup.data_dir.clone()),
            drawn: Drawn::new(),
            clocks: Clocks::new(),
            places: Places::new(),
            kiosk: setup.kiosk,
            store: setup.store,
            workers: Workers::new(setup.events, database, setup.data_dir),
            signed_in: None,
            quit: false,
        }
    }

    /// The words of the screen on top, as the person sees them: a choice scrolled out of
    /// sight on a page taller than the window has no focus.
    pub fn view(&self) -> View {
        let view = self.stack.top().view(&view_context!(self));
        self.drawn.as_seen(view, self.stack.depth())
    }
}

/// Whose places, bookmarks and records the kiosk keeps now: the signed-in member's or the
/// guest's. A free function so it can borrow beside a screen on the stack.
pub(super) fn learner_key(signed_in: &Option<Member>) -> &str {
    signed_in
        .as_ref()
        .map_or(GUEST, |member| member.id.as_str())
}
