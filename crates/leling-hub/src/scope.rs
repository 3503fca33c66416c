//! Who may write which row, the same for every storage engine (docs/sync.md, "Who may write
//! what"): a centre's rows only its own devices, a learner's rows any device where she signs
//! in, and the hub itself; and, for an undo after a revocation, which version a row goes back
//! to.

use std::collections::HashMap;

use leling_core::protocol::{Change, Reason, Scope, forgets_someone, is_tie, scope_of, wins};

/// Each centre's district, as its devices were added.
pub type Districts = HashMap<String, String>;

/// The hub's own name in the rows it writes itself (an undo after a revocation): no device can
/// be added under it.
pub const HUB_DEVICE: &str = "hub";

/// A device as its token names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    pub name: String,
    /// The centre it belongs to; `""` for a device added without one (all such devices are one
    /// centre, as every device was before centres).
    pub centre: String,
    pub district: String,
}

/// What the hub holds of a row: its version and, for a centre's row, the centre that owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub stamp: String,
    pub device: String,
    pub centre: Option<String>,
}

/// What becomes of one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It is the row's new version, owned by this centre (`None` for a learner's row).
    Take { centre: Option<String> },
    /// It is refused, for this reason.
    Refuse(Reason),
    /// It is older than the version held: acknowledged, and dropped.
    Lose,
}

/// Judges a change from `device` to a row held as `held` (`None`: new to the hub). A new
/// centre row belongs where its parent (`centre_parent`) belongs, when the hub holds the
/// parent (`parent`: that parent's owner), else to the device's centre. Once a row belongs to
/// a centre it stays there. One exception: a person may ask at any centre of her district to be
/// forgotten, and her registrations elsewhere are the same person (one card), so a forget of a
/// member is taken from any device of the district of the centre that registered her.
pub fn judge(
    change: &Change,
    device: &DeviceInfo,
    held: Option<&Held>,
    parent: Option<&Held>,
    districts: &Districts,
) -> Verdict {
    let owner = match scope_of(&change.table) {
        Scope::Learner => None,
        Scope::Centre => Some(
            held.or(parent)
                .and_then(|row| row.centre.clone())
                .unwrap_or_else(|| device.centre.clone()),
        ),
    };
    let forget_in_district =
        |owner: &String| forgets_someone(change) && districts.get(owner) == Some(&device.district);
    if let Some(owner) = &owner
        && *owner != device.centre
        && device.name != HUB_DEVICE
        && !forget_in_district(owner)
    {
        return Verdict::Refuse(Reason::OtherCentre);
    }
    match held {
        Some(row) if is_tie(&change.stamp, &device.name, &row.stamp, &row.device) => {
            Verdict::Refuse(Reason::SameStamp)
        }
        Some(row) if !wins(&change.stamp, &device.name, &row.stamp, &row.device) => Verdict::Lose,
        _ => Verdict::Take { centre: owner },
    }
}

/// One entry of the hub's history of what devices changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// When the hub took it, Unix milliseconds.
    pub at: i64,
    pub device: String,
    pub table: String,
    pub key: String,
    pub stamp: String,
    pub deleted: bool,
    /// The row as JSON text (never printed: it may hold a name, a phone, a PIN's hash).
    pub row: String,
    /// The hub held no version of the row before.
    pub created: bool,
    /// Undone since, with the device's revocation.
    pub undone: bool,
}

/// What an undo does to a row last written by a revoked device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Back to this version: the last one before the device's writes (or between them) that
    /// is not being undone.
    Restore { deleted: bool, row: String },
    /// The device made the row: it goes.
    Remove,
    /// The history before its writes is gone (kept only so long): the row stays as it is.
    Unknown,
}

/// The undo of the writes `device` made since `since` (Unix milliseconds) to one row, from the
/// row's history, oldest first.
pub fn undo_of(history: &[LogEntry], device: &str, since: i64) -> Undo {
    let undoing = |entry: &LogEntry| entry.device == device && entry.at >= since;
    if let Some(before) = history
        .iter()
        .rev()
        .find(|entry| !undoing(entry) && !entry.undone)
    {
        return Undo::Restore {
            deleted: before.deleted,
            row: before.row.clone(),
        };
    }
    match history.first() {
        Some(first) if undoing(first) && first.created => Undo::Remove,
        _ => Undo::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(name: &str, centre: &str) -> DeviceInfo {
        DeviceInfo {
            name: name.into(),
            centre: centre.into(),
            district: "西城区".into(),
        }
    }

    fn change(table: &str, stamp: &str) -> Change {
        Change {
            table: table.into(),
            key: "k".into(),
            stamp: stamp.into(),
            deleted: false,
            row: Default::default(),
        }
    }

    fn held(stamp: &str, by: &str, centre: Option<&str>) -> Held {
        Held {
            stamp: stamp.into(),
            device: by.into(),
            centre: centre.map(str::to_owned),
        }
    }

    const EARLY: &str = "1763800000000-0000";
    const LATE: &str = "1763800000001-0000";

    #[test]
    fn a_centres_rows_are_written_by_its_own_devices_only() {
        let east = device("east-1", "东城中心");
        let west = device("west-1", "西城中心");
        let club = change("clubs", LATE);
        let east_club = held(EARLY, "east-2", Some("东城中心"));
        let districts = Districts::from([
            ("东城中心".to_owned(), "西城区".to_owned()),
            ("西城中心".to_owned(), "西城区".to_owned()),
        ]);
        assert_eq!(
            judge(&club, &east, Some(&east_club), None, &districts),
            Verdict::Take {
                centre: Some("东城中心".into())
            }
        );
        assert_eq!(
            judge(&club, &west, Some(&east_club), None, &districts),
            Verdict::Refuse(Reason::OtherCentre)
        );
        // A new session belongs where its club does; with no club held, to its writer.
        let session = change("club_sessions", LATE);
        assert_eq!(
            judge(&session, &west, None, Some(&east_club), &districts),
            Verdict::Refuse(Reason::OtherCentre)
        );
        assert_eq!(
            judge(&session, &west, None, None, &districts),
            Verdict::Take {
                centre: Some("西城中心".into())
            }
        );
        let hub = device(HUB_DEVICE, "");
        assert!(matches!(
            judge(&club, &hub, Some(&east_club), None, &districts),
            Verdict::Take { .. }
        ));
        // Her forget is taken from another centre of the district, not from another district.
        let mut forget = change("members", LATE);
        forget
            .row
            .insert("forgotten_on".into(), "2026-12-07".into());
        let east_member = held(EARLY, "east-1", Some("东城中心"));
        assert!(matches!(
            judge(&forget, &west, Some(&east_member), None, &districts),
            Verdict::Take { .. }
        ));
        let elsewhere = DeviceInfo {
            district: "海淀区".into(),
            ..device("far-1", "海淀中心")
        };
        assert_eq!(
            judge(&forget, &elsewhere, Some(&east_member), None, &districts),
            Verdict::Refuse(Reason::OtherCentre)
        );
        let mut edit = change("members", LATE);
        edit.row.insert("name".into(), "改名".into());
        assert_eq!(
            judge(&edit, &west, Some(&east_member), None, &districts),
            Verdict::Refuse(Reason::OtherCentre)
        );
    }

    #[test]
    fn a_learners_rows_are_written_from_any_centre_and_the_newest_wins() {
        let west = device("west-1", "西城中心");
        let districts = Districts::new();
        let place = change("reading_positions", LATE);
        let from_east = held(EARLY, "east-1", None);
        assert_eq!(
            judge(&place, &west, Some(&from_east), None, &districts),
            Verdict::Take { centre: None }
        );
        let older = change("reading_positions", EARLY);
        let newer = held(LATE, "east-1", None);
        assert_eq!(
            judge(&older, &west, Some(&newer), None, &districts),
            Verdict::Lose
        );
        assert_eq!(
            judge(
                &change("reading_log", LATE),
                &west,
                Some(&newer),
                None,
                &districts
            ),
            Verdict::Refuse(Reason::SameStamp)
        );
    }

    fn entry(at: i64, device: &str, row: &str, created: bool) -> LogEntry {
        LogEntry {
            at,
            device: device.into(),
            table: "members".into(),
            key: "m".into(),
            stamp: format!("{at:013}-0000"),
            deleted: false,
            row: row.into(),
            created,
            undone: false,
        }
    }

    #[test]
    fn an_undo_goes_back_to_the_last_version_not_undone() {
        let history = [
            entry(1, "east-1", "first", true),
            entry(5, "lost", "forged", false),
            entry(6, "east-2", "honest", false),
            entry(7, "lost", "forged again", false),
        ];
        assert_eq!(
            undo_of(&history, "lost", 5),
            Undo::Restore {
                deleted: false,
                row: "honest".into()
            }
        );
        assert_eq!(
            undo_of(&history[..2], "lost", 3),
            Undo::Restore {
                deleted: false,
                row: "first".into()
            }
        );
        let made_by_it = [entry(5, "lost", "forged", true)];
        assert_eq!(undo_of(&made_by_it, "lost", 0), Undo::Remove);
        let history_gone = [entry(5, "lost", "forged", false)];
        assert_eq!(undo_of(&history_gone, "lost", 0), Undo::Unknown);
    }
}
