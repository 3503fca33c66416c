//! More settings, for staff: speech rate, reading width, screen reader, idle time and sync
//! interval; then the remote catalogs, "sync now", with how the last sync went, and the
//! administrator PIN.

use super::catalogs::CatalogsPage;
use super::new_pin::{NewPin, PinOf};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::store::{Store, SyncPeer};
use crate::sync::report;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::settings_rows::{MORE_SETTING_ROWS, setting_label};
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct MoreSettings {
    list: ListState,
}

/// When the kiosk last synced with its hub or what went wrong, a clock that differs from the
/// hub's and the changes set aside: for the staff's settings screen, not the learners' home
/// (a failed sync is nothing a learner can act on).
fn sync_notes(store: &Store, lang: Lang) -> Vec<String> {
    let Ok(Some(peer)) = store.outbox().sync_peer() else {
        return Vec::new();
    };
    let mut notes = vec![sync_note(&peer, store, lang)];
    notes.extend(report::staff_notes(store, lang).unwrap_or_default());
    notes
}

fn sync_note(peer: &SyncPeer, store: &Store, lang: Lang) -> String {
    let waiting = store.outbox().waiting().unwrap_or(0);
    match (&peer.last_problem, &peer.last_sync_at) {
        (Some(problem), _) => {
            let problem = t(lang, &format!("sync-problem-{problem}"));
            let args = [("problem", problem.into()), ("waiting", waiting.into())];
            t_with(lang, "home-sync-problem", &args)
        }
        (None, Some(when)) => {
            let age = crate::i18n::time_ago(when, lang);
            let args = [("age", age.into()), ("waiting", waiting.into())];
            t_with(lang, "home-synced", &args)
        }
        (None, None) => t_with(lang, "home-never-synced", &[("waiting", waiting.into())]),
    }
}

impl Component for MoreSettings {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Settings
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (MORE_SETTING_ROWS.iter())
            .map(|&row| setting_label(cx, row))
            .chain([
                t(lang, "catalogs-title"),
                t(lang, "sync-now"),
                t(lang, "admin-pin-title"),
            ])
            .collect();
        View {
            body: sync_notes(cx.store, lang),
            hint: t(lang, "hint-settings"),
            ..View::menu(t(lang, "settings-more"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        // The rows, remote catalogs, sync now, the administrator PIN.
        MORE_SETTING_ROWS.len() + 3
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let rows = MORE_SETTING_ROWS.len();
        match self.list.focus {
            n if n < rows => Intent::ChangeSetting(MORE_SETTING_ROWS[n], true),
            n if n == rows => Intent::Open(CatalogsPage::screen(services.store)),
            n if n == rows + 1 => Intent::SyncNow,
            _ => Intent::Open(Screen::of(NewPin::new(PinOf::Administrator, services))),
        }
    }

    fn step(&mut self, forward: bool) -> Intent {
        match MORE_SETTING_ROWS.get(self.list.focus) {
            Some(&setting) => Intent::ChangeSetting(setting, forward),
            None => Intent::Stay,
        }
    }
}
