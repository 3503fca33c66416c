//! Files staff bring to the kiosk and take away without a command line: the rosters found in
//! the data directory's import folder and on USB sticks (mounted under `/media` or
//! `/run/media`), the folders a report can be written to, and a roster file read and checked
//! against this kiosk's members, the same for the screens and `leling member import`.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::club::roster::{self, Roster, RosterEntry, read_roster};
use crate::i18n::t_with;
use crate::model::Lang;
use crate::store::{NewMember, Store};

/// Where USB sticks are mounted: by the desktop (`/media/USER/LABEL`, `/run/media/USER/LABEL`)
/// or by a kiosk's automounter (`/media/usb0`).
pub const REMOVABLE_ROOTS: [&str; 2] = ["/media", "/run/media"];

/// How deep under a root a roster is looked for: a stick's own folders, two levels down.
const SEARCH_DEPTH: usize = 4;

/// The most files a search lists: a stick full of photos must not fill the screen.
const MAX_FOUND: usize = 200;

/// The folder in the data directory where staff put rosters and find reports.
pub fn import_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("import")
}

/// The roster files (CSV, XLSX and old XLS, to be told to save it as XLSX) under `roots`,
/// sorted by folder and name; hidden files and folders are left out.
pub fn roster_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for root in roots {
        walk(root, SEARCH_DEPTH, &mut found);
    }
    found.sort();
    found.dedup();
    found.truncate(MAX_FOUND);
    found
}

fn walk(folder: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        if found.len() >= MAX_FOUND {
            return;
        }
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Not through links: a loop of links, or a link out of the stick, is not followed.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth > 1 {
            walk(&path, depth - 1, found);
        } else if kind.is_file() && is_roster(&path) {
            found.push(path);
        }
    }
}

fn is_roster(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["csv", "xlsx", "xls"]
        .iter()
        .any(|known| extension.eq_ignore_ascii_case(known))
}

/// Where the screens look: the import folder, then every USB stick.
pub fn roster_roots(data_dir: &Path) -> Vec<PathBuf> {
    std::iter::once(import_folder(data_dir))
        .chain(REMOVABLE_ROOTS.iter().map(PathBuf::from))
        .collect()
}

/// The folders a report can be written to: the import folder (made if missing), then each USB
/// stick mounted under the removable roots.
pub fn report_folders(data_dir: &Path) -> Vec<PathBuf> {
    let folder = import_folder(data_dir);
    let mut folders = Vec::new();
    if std::fs::create_dir_all(&folder).is_ok() {
        folders.push(folder);
    }
    for root in REMOVABLE_ROOTS {
        mount_points(Path::new(root), 2, &mut folders);
    }
    folders
}

/// The mount points (a folder on another device than its parent) at most `depth` levels under
/// `folder`.
fn mount_points(folder: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    use std::os::unix::fs::MetadataExt;
    let (Ok(parent), Ok(entries)) = (std::fs::metadata(folder), std::fs::read_dir(folder)) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_dir() {
            continue;
        }
        if meta.dev() != parent.dev() {
            found.push(path);
        } else if depth > 1 {
            mount_points(&path, depth - 1, found);
        }
    }
}

/// Reads a roster file no further than a roster can be, and marks the cards this kiosk's
/// members already hold. The error is said in `lang`.
pub fn check_roster_file(store: &Store, file: &Path, lang: Lang) -> Result<Roster, String> {
    let bytes = read_sheet_file(file, lang)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let mut roster = read_roster(&bytes, &name).map_err(|e| e.describe(lang))?;
    roster.mark_cards_in_use(|card| matches!(store.clubs().member_by_card(card), Ok(Some(_))));
    Ok(roster)
}

/// The bytes of a spreadsheet staff brought (a roster, a quiz), no further than one can be: a
/// larger file is refused by its reader. The error is said in `lang`.
pub fn read_sheet_file(file: &Path, lang: Lang) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = std::fs::File::open(file).and_then(|opened| {
        opened
            .take(roster::MAX_ROSTER_BYTES + 1)
            .read_to_end(&mut bytes)
    });
    read.map_err(|e| {
        let args = [
            ("file", file.display().to_string().into()),
            ("detail", crate::i18n::io_reason(&e, lang).into()),
        ];
        t_with(lang, "file-read-failed", &args)
    })?;
    Ok(bytes)
}

/// The member a clean roster row becomes; joined today unless the row says when.
pub fn roster_member(entry: &RosterEntry) -> NewMember {
    let joined_on = entry
        .joined_on
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    NewMember {
        phone: entry.phone.clone(),
        birth_year: entry.birth_year,
        consent_on: entry.consent_on,
        lang: entry.lang.map(|l| l.code().to_owned()),
        ..crate::club::members::new_member(&entry.name, entry.card.as_deref(), joined_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rosters_are_found_in_folders_but_not_hidden_ones_or_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let stick = dir.path().join("usb0");
        let deep = stick.join("读书会").join("2026");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(stick.join(".Trash-1000")).unwrap();
        for file in [
            deep.join("名单.xlsx"),
            stick.join("ROSTER.CSV"),
            stick.join("old.xls"),
            stick.join("photo.jpg"),
            stick.join(".hidden.csv"),
            stick.join(".Trash-1000").join("gone.csv"),
        ] {
            std::fs::write(file, "姓名\n张秀英\n").unwrap();
        }
        let found = roster_files(&[dir.path().to_owned(), dir.path().join("missing")]);
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "usb0/ROSTER.CSV",
                "usb0/old.xls",
                "usb0/读书会/2026/名单.xlsx"
            ]
        );
    }
}
