//! `leling sync`: send this kiosk's changes to the hub and bring back the others', with a
//! progress bar and a summary ("sent 120, received 45").

use crate::config::Paths;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::store::Store;
use crate::sync::client::{self, SyncProgress};
use crate::sync::report;
use leling_cli::{Exit, ProgressBar};
use leling_i18n::Tell;

pub fn run(paths: &Paths, hub: Option<&str>, token: Option<&str>, lang: Lang) -> Result<(), Exit> {
    let refuse = |message: String| {
        errln!("{message}");
        Exit(1)
    };
    let store = Store::open(&paths.database()).map_err(|e| refuse(e.message(lang)))?;
    if let Some(hub) = hub {
        let usable = url::Url::parse(hub)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        if usable.is_none() {
            return Err(refuse(t_with(
                lang,
                "sync-bad-hub",
                &[("hub", hub.to_owned().into())],
            )));
        }
        store
            .outbox()
            .set_sync_hub(hub)
            .map_err(|e| refuse(e.message(lang)))?;
    }
    if let Some(token) = token {
        client::save_token(&paths.data_dir, token).map_err(|e| refuse(e.message(lang)))?;
    }
    let token = client::load_token(&paths.data_dir).map_err(|e| refuse(e.message(lang)))?;
    let mut bar = ProgressBar::new(&t(lang, "sync-progress"));
    let result = client::sync(&store, &token, &mut |step| match step {
        SyncProgress::Sending { done, total } => bar.show(done, Some(total)),
        SyncProgress::Receiving { done } => bar.show(done, None),
    });
    bar.finish();
    let summary = result.map_err(|e| refuse(e.message(lang)))?;
    let args = [
        ("sent", summary.sent.into()),
        ("received", summary.received.into()),
    ];
    outln!("{}", t_with(lang, "sync-done", &args));
    // Staff are told what did not go and why, and of a clock to set; the sync itself worked.
    if summary.set_aside > 0 {
        let count = [("count", summary.set_aside.into())];
        errln!("{}", t_with(lang, "sync-set-aside", &count));
    }
    if let Some(warning) =
        (summary.clock_ahead_ms).and_then(|ahead| report::clock_warning(ahead, lang))
    {
        errln!("{warning}");
    }
    Ok(())
}
