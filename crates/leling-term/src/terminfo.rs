//! What the terminal's terminfo entry says it can do; for now, whether it erases with the
//! current background colour (`bce`).
//!
//! The entry is found the way ncurses finds it (terminfo(5)) and read whole, then parsed from
//! memory by termini. termini's own lookup reads the file unbuffered: some 650 reads of two
//! bytes each, before the first frame.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use termini::{BoolCapability, TermInfo};

/// Whether the terminal named by `TERM` erases with the background colour. Unknown: no.
pub fn erases_with_background() -> bool {
    let term = std::env::var_os("TERM");
    entry(term.as_deref(), &search_dirs())
        .is_some_and(|info| info.flag_cap(BoolCapability::BackColorErase))
}

/// The folders holding compiled entries, in the order ncurses searches them.
fn search_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    dirs.extend(std::env::var_os("TERMINFO").map(PathBuf::from));
    dirs.extend(std::env::var_os("HOME").map(|home| Path::new(&home).join(".terminfo")));
    if let Some(list) = std::env::var_os("TERMINFO_DIRS") {
        dirs.extend(std::env::split_paths(&list).filter(|dir| !dir.as_os_str().is_empty()));
    }
    dirs.extend(["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"].map(PathBuf::from));
    dirs
}

/// The entry for `term` in the first of `dirs` that has it, under its first letter (Linux)
/// or that letter's hex code (macOS).
fn entry(term: Option<&OsStr>, dirs: &[PathBuf]) -> Option<TermInfo> {
    let name = term?.to_str()?;
    let first = name.chars().next()?;
    // A name is a file name: nothing that climbs out of the folders.
    if name.contains('/') || name.starts_with('.') {
        return None;
    }
    let bytes = dirs.iter().find_map(|dir| {
        [first.to_string(), format!("{:x}", u32::from(first))]
            .iter()
            .find_map(|letter| std::fs::read(dir.join(letter).join(name)).ok())
    })?;
    TermInfo::parse(&bytes[..]).ok()
}

// The entries tested are Debian's own (ncurses-base), so these run on Linux.
#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Debian's own entries (ncurses-base), where every Debian machine has them.
    fn system() -> Vec<PathBuf> {
        vec![
            PathBuf::from("/lib/terminfo"),
            PathBuf::from("/usr/share/terminfo"),
        ]
    }

    fn bce(term: &str, dirs: &[PathBuf]) -> bool {
        entry(Some(OsStr::new(term)), dirs)
            .is_some_and(|info| info.flag_cap(BoolCapability::BackColorErase))
    }

    #[test]
    fn xterm_erases_with_the_background_colour_and_gnu_screen_does_not() {
        assert!(bce("xterm-256color", &system()));
        assert!(!bce("screen", &system()));
        assert!(entry(Some(OsStr::new("screen")), &system()).is_some());
    }

    #[test]
    fn an_entry_is_found_under_its_letters_hex_code_too() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("78")).unwrap();
        std::os::unix::fs::symlink(
            "/lib/terminfo/x/xterm-256color",
            dir.path().join("78/xterm-256color"),
        )
        .unwrap();
        assert!(bce("xterm-256color", &[dir.path().to_owned()]));
    }

    #[test]
    fn unknown_missing_and_climbing_names_are_no_entry() {
        for term in [
            "no-such-terminal",
            "",
            "../x/xterm-256color",
            "x/xterm-256color",
        ] {
            assert!(entry(Some(OsStr::new(term)), &system()).is_none(), "{term}");
        }
        assert!(entry(None, &system()).is_none());
    }
}
