//! Syncing with the hub from the kiosk: "Sync now" in Settings, and by itself every few
//! minutes when the administrator chose so. The work runs on a worker (`workers.rs`); the
//! screen only hears how it ended (`events::SyncNews`).

use std::time::Instant;

use super::app::App;
use crate::i18n::t;

impl App {
    /// From the timer, due at `due`: sync when a hub is set, and look again after another
    /// interval whether or not one is.
    pub(super) fn sync_if_due(&mut self, now: Instant, due: Option<Instant>) {
        if due.is_some_and(|due| now >= due) {
            self.last_sync_attempt = now;
            if matches!(self.store.outbox().sync_peer(), Ok(Some(_))) {
                self.start_sync(false);
            }
        }
    }

    /// Starts a sync on a worker, unless one is running; `asked`: a person asked for it.
    pub(super) fn start_sync(&mut self, asked: bool) {
        if self.syncing {
            if asked {
                self.tell(t(self.lang(), "sync-working"));
            }
            return;
        }
        self.syncing = true;
        self.last_sync_attempt = Instant::now();
        if asked {
            self.tell(t(self.lang(), "sync-working"));
        }
        self.workers.sync(asked);
    }
}
