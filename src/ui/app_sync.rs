//! Syncing with the hub from the kiosk: "Sync now" in Settings, and by itself every few
//! minutes when the administrator chose so (`App::tick`). The work runs on a worker
//! (`workers.rs`); the screen only hears how it ended (`events::SyncNews`).

use std::time::Instant;

use super::app::App;
use crate::i18n::t;

impl App {
    /// Starts a sync on a worker, unless one is running; `asked`: a person asked for it.
    pub(super) fn start_sync(&mut self, asked: bool) {
        if asked {
            self.speaker
                .tell(&self.prefs, t(self.prefs.lang(), "sync-working"));
        }
        if self.clocks.syncing {
            return;
        }
        self.clocks.syncing = true;
        self.clocks.last_sync_attempt = Instant::now();
        self.workers.sync(asked);
    }
}
