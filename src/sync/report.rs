//! What staff are told of a kiosk's sync besides what went and came: a clock that differs
//! from the hub's, and the changes set aside (refused by the hub, or refused here) with why.
//! `leling sync` says them after a sync; `leling doctor` says them any time.

use std::collections::BTreeMap;

use super::client::CLOCK_TOLERANCE_MS;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::store::{Store, StoreError};
use leling_core::protocol::Reason;

/// What staff are told of a kiosk's sync beside how the last one went: a clock that differs
/// from the hub's, then the changes set aside; nothing when there is nothing to tell.
pub fn staff_notes(store: &Store, lang: Lang) -> Result<Vec<String>, StoreError> {
    let ahead = store
        .outbox()
        .sync_peer()?
        .and_then(|peer| peer.clock_ahead_ms);
    let clock = ahead.and_then(|ahead| clock_warning(ahead, lang));
    Ok(clock
        .into_iter()
        .chain(set_aside_summary(store, lang)?)
        .collect())
}

/// A clock further from the hub's than the tolerance, in words; nothing when it is right.
pub fn clock_warning(ahead_ms: i64, lang: Lang) -> Option<String> {
    if ahead_ms.abs() <= CLOCK_TOLERANCE_MS {
        return None;
    }
    let minutes = ahead_ms.unsigned_abs() / 60_000;
    let amount = match minutes {
        0..120 => t_with(lang, "clock-minutes", &[("n", minutes.into())]),
        120..2_880 => t_with(lang, "clock-hours", &[("n", (minutes / 60).into())]),
        _ => t_with(lang, "clock-days", &[("n", (minutes / 1_440).into())]),
    };
    let id = if ahead_ms > 0 {
        "sync-clock-ahead"
    } else {
        "sync-clock-behind"
    };
    Some(t_with(lang, id, &[("amount", amount.into())]))
}

/// The changes set aside so far, counted by where they came from and why; nothing when
/// there are none.
fn set_aside_summary(store: &Store, lang: Lang) -> Result<Option<String>, StoreError> {
    let set_aside = store.outbox().set_aside_changes()?;
    if set_aside.is_empty() {
        return Ok(None);
    }
    let here = set_aside.iter().filter(|change| !change.from_hub).count();
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    for change in &set_aside {
        *reasons.entry(reason_id(change.reason)).or_default() += 1;
    }
    let reasons: Vec<String> = (reasons.into_iter())
        .map(|(id, count)| t_with(lang, id, &[("n", count.into())]))
        .collect();
    let args = [
        ("here", here.into()),
        ("hub", (set_aside.len() - here).into()),
        ("reasons", reasons.join(&t(lang, "list-separator")).into()),
    ];
    Ok(Some(t_with(lang, "sync-set-aside-all", &args)))
}

fn reason_id(reason: Reason) -> &'static str {
    match reason {
        Reason::FutureStamp => "sync-reason-future-stamp",
        Reason::KeyMismatch => "sync-reason-key-mismatch",
        Reason::OtherCentre => "sync-reason-other-centre",
        // Never kept: a tie is stamped anew and sent again at once.
        Reason::SameStamp => "sync-reason-other",
        Reason::Other => "sync-reason-other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_clock_is_told_in_the_unit_that_reads_best() {
        assert_eq!(clock_warning(CLOCK_TOLERANCE_MS, Lang::En), None);
        assert_eq!(clock_warning(-CLOCK_TOLERANCE_MS, Lang::En), None);
        let day = 24 * 3_600_000;
        let ahead = clock_warning(3 * day, Lang::En).unwrap();
        assert!(ahead.contains("3 days ahead of the hub's"), "{ahead}");
        let behind = clock_warning(-90 * 60_000, Lang::En).unwrap();
        assert!(behind.contains("90 minutes behind"), "{behind}");
        let ahead = clock_warning(5 * 3_600_000, Lang::Zh).unwrap();
        assert!(ahead.contains("快 5 小时"), "{ahead}");
    }
}
