//! The application shell's state: the stack of screens, the settings, the status line and the
//! voice, the workers, and who is signed in. What it does is in the `app_*.rs` files beside it
//! (input, speaking, the stack and intents, reading, sync). No terminal here: tests drive `App`
//! directly and draw it on ratatui's `TestBackend`.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use super::events::AppEvent;
use super::look::Look;
use super::opened_book::OpenedBook;
use super::screens::{Home, Screen};
use super::settings_rows::Overrides;
use super::theme::{ColorMode, Theme};
use super::workers::Workers;
use crate::config::{self, Settings};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::Voice;
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
pub(super) const IDLE_WARNING: Duration = Duration::from_secs(30);

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
    pub(super) settings_path: PathBuf,
    /// The settings file is broken: never write over it.
    pub(super) settings_frozen: bool,
    pub(super) overrides: Overrides,
    /// How the screens look on this terminal: colours, zoomed text, the large-glyph font.
    pub look: Look,
    pub(super) kiosk: bool,
    pub(super) store: Store,
    pub(super) voice: Voice,
    /// Work on worker threads, reporting to the event loop.
    pub(super) workers: Workers,
    pub(super) stack: Vec<Screen>,
    pub(super) status: Option<String>,
    pub(super) last_said: String,
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
    pub(super) last_input: Instant,
    pub(super) idle_warned: bool,
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
