//! Syncing with the hub from the kiosk: "Sync now" in Settings, and by itself every few
//! minutes when the administrator chose so. The work runs on a worker thread with its own
//! database connection; the screen only hears how it ended.

use std::time::Instant;

use super::app::{App, AppEvent};
use crate::i18n::{t, t_with};
use crate::store::Store;
use crate::sync::client::{self, SyncError, SyncSummary};

/// How a sync on the worker thread ended, and whether a person asked for it.
#[derive(Debug)]
pub struct SyncNews {
    pub asked: bool,
    pub result: Result<SyncSummary, SyncError>,
}

impl App {
    /// Settings → Sync now.
    pub(super) fn sync_now(&mut self) {
        self.start_sync(true);
    }

    /// From the timer, due at `due`: sync when a hub is set, and look again after another
    /// interval whether or not one is.
    pub(super) fn sync_if_due(&mut self, now: Instant, due: Option<Instant>) {
        if due.is_some_and(|due| now >= due) {
            self.last_sync_attempt = now;
            if matches!(self.store.sync_peer(), Ok(Some(_))) {
                self.start_sync(false);
            }
        }
    }

    fn start_sync(&mut self, asked: bool) {
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
        let database = self.store.path().to_owned();
        let data_dir = self.data_dir().to_owned();
        let events = self.events.clone();
        std::thread::spawn(move || {
            let result = Store::open(&database)
                .map_err(SyncError::from)
                .and_then(|store| {
                    let token = client::load_token(&data_dir)?;
                    client::sync(&store, &token, &mut |_| {})
                });
            let _ = events.send(AppEvent::Synced(SyncNews { asked, result }));
        });
    }

    pub(super) fn sync_finished(&mut self, news: SyncNews) {
        self.syncing = false;
        let lang = self.lang();
        let text = match &news.result {
            Ok(summary) => t_with(
                lang,
                "sync-done",
                &[
                    ("sent", summary.sent.into()),
                    ("received", summary.received.into()),
                ],
            ),
            Err(e) => e.message(lang),
        };
        let quiet = matches!(&news.result, Ok(s) if s.sent == 0 && s.received == 0);
        if news.asked {
            self.tell(text);
        } else if !quiet {
            // A sync nobody asked for is shown, not spoken over what the learner is doing.
            self.show_status(text);
        }
    }
}
