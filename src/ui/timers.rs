//! When the shell's timers are next due, worked out in one place (`App::timers`) for the two
//! that need it: `App::tick`, which runs what is due, and the event loop, which sleeps until
//! the first.

use std::time::Instant;

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
