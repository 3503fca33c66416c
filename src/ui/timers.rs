//! The shell's clocks (the last key, the idle warning, the last sync) and when its timers
//! are next due, worked out in one place (`Clocks::timers`) for the two that need it:
//! `App::tick`, which runs what is due, and the event loop, which sleeps until the first.

use std::time::{Duration, Instant};

use crate::config::Settings;

/// How long before the idle return home the kiosk warns.
const IDLE_WARNING: Duration = Duration::from_secs(30);

/// The timers' next due times.
pub struct Timers {
    /// The reading place's next save.
    pub(super) save: Option<Instant>,
    /// The next periodic sync with the hub.
    pub(super) sync: Option<Instant>,
    /// The kiosk's idle warning and its return home.
    pub(super) idle: Option<(Instant, Instant)>,
    pub(super) syncing: bool,
    pub(super) warned: bool,
}

impl Timers {
    /// The first that the loop must wake for (a sync under way wakes it when it ends; after
    /// the idle warning, the return home). None: only input or news can change anything.
    pub fn next(&self) -> Option<Instant> {
        let sync = self.sync.filter(|_| !self.syncing);
        let idle = self
            .idle
            .map(|(warning, home)| if self.warned { home } else { warning });
        [self.save, sync, idle].into_iter().flatten().min()
    }
}

/// What the timers are reckoned from.
pub(super) struct Clocks {
    pub(super) last_input: Instant,
    /// The kiosk has warned that it will soon return home.
    pub(super) idle_warned: bool,
    /// A sync with the hub is running on a worker thread.
    pub(super) syncing: bool,
    pub(super) last_sync_attempt: Instant,
}

impl Clocks {
    pub(super) fn new() -> Clocks {
        Clocks {
            last_input: Instant::now(),
            idle_warned: false,
            syncing: false,
            last_sync_attempt: Instant::now(),
        }
    }

    /// A key or a click. Returns whether the idle warning was showing, to be taken away.
    pub(super) fn touched(&mut self) -> bool {
        self.last_input = Instant::now();
        std::mem::take(&mut self.idle_warned)
    }

    /// When each timer is next due: the place's save (`save`), the periodic sync and, on a
    /// kiosk not `at_rest` (at home with no one signed in), the idle warning and return home.
    pub(super) fn timers(
        &self,
        settings: &Settings,
        save: Option<Instant>,
        kiosk: bool,
        at_rest: bool,
    ) -> Timers {
        let every = u64::from(settings.sync_every_minutes) * 60;
        let sync = (every > 0).then(|| self.last_sync_attempt + Duration::from_secs(every));
        let idle = (kiosk && !at_rest).then(|| {
            let idle = Duration::from_secs(u64::from(settings.kiosk_idle_minutes) * 60);
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
}
