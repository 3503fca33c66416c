//! Kitty's text-sizing escape (OSC 66): a terminal that has it draws zoomed text as real
//! glyphs at two or three times the size, sharper than the Unifont block art every other
//! terminal gets (`bigtext`).
//!
//! `ESC ] 66 ; s=N ; TEXT BEL` draws TEXT N times as wide and N rows tall: a narrow character
//! covers N×N cells, a wide one 2N×N, exactly the room the block-art glyphs take, so the
//! layout is the same either way. The cursor is left after the text on its top row.
//!
//! Whether a terminal has it is asked only of one that says it is kitty (`TERM=xterm-kitty`
//! or `KITTY_WINDOW_ID`): a space is written two cells wide with `w=2`, and the cursor
//! position is asked (CPR). Two cells on means supported; a terminal without OSC 66 ignores
//! the escape and stays put. `LELING_TEXT_SIZING=on|off` decides instead, for tests and for
//! terminals that have it under another name.

/// The environment variable that forces text sizing on or off.
pub const ENV: &str = "LELING_TEXT_SIZING";

/// How long the terminal may take to say where its cursor is; a terminal that answers
/// nothing costs no more than this at start.
#[cfg(unix)]
const PROBE_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Whether zoomed text is drawn with OSC 66 in this terminal, when that is known without
/// asking it: from `LELING_TEXT_SIZING`, or because it does not say it is kitty.
pub fn known_without_asking() -> Option<bool> {
    match std::env::var(ENV).as_deref() {
        Ok("on") => Some(true),
        Ok("off") => Some(false),
        _ => (!says_it_is_kitty()).then_some(false),
    }
}

fn says_it_is_kitty() -> bool {
    std::env::var("TERM").as_deref() == Ok("xterm-kitty")
        || std::env::var_os("KITTY_WINDOW_ID").is_some()
}

/// Asks the terminal whether it draws OSC 66: writes a two-cell space and asks where the
/// cursor went; wipes the line after. Call in raw mode, on the alternate screen, before the
/// first frame and before anything else reads keys.
#[cfg(unix)]
pub fn probe() -> bool {
    use std::io::{Read, Write};
    use std::time::Instant;

    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    let Ok(mut tty) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
    else {
        return false;
    };
    if tty
        .write_all(b"\r\x1b]66;w=2; \x07\x1b[6n")
        .and_then(|()| tty.flush())
        .is_err()
    {
        return false;
    }
    let deadline = Instant::now() + PROBE_WAIT;
    let mut reply = Vec::new();
    let column = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break None;
        }
        let wait = Timespec::try_from(left).unwrap_or_default();
        let mut fds = [PollFd::new(&tty, PollFlags::IN)];
        if !matches!(poll(&mut fds, Some(&wait)), Ok(n) if n > 0) {
            break None;
        }
        let mut chunk = [0u8; 64];
        match tty.read(&mut chunk) {
            Ok(0) | Err(_) => break None,
            Ok(n) => reply.extend_from_slice(&chunk[..n]),
        }
        if let Some(column) = cursor_column(&reply) {
            break Some(column);
        }
    };
    let _ = tty.write_all(b"\r\x1b[2K").and_then(|()| tty.flush());
    // Column 1 after the carriage return, and two cells on: column 3.
    column == Some(3)
}

#[cfg(not(unix))]
pub fn probe() -> bool {
    false
}

/// The column of the last cursor position report (`ESC [ row ; column R`) in `reply`.
fn cursor_column(reply: &[u8]) -> Option<u16> {
    let end = reply.iter().rposition(|&b| b == b'R')?;
    let start = reply[..end].windows(2).rposition(|w| w == b"\x1b[")? + 2;
    let report = std::str::from_utf8(&reply[start..end]).ok()?;
    let (row, column) = report.split_once(';')?;
    row.parse::<u16>().ok()?;
    column.parse().ok()
}

/// The escape that draws `text` `scale` times the normal size. Control characters are left
/// out: a catalog's title must not end the escape early or start another.
pub fn scaled(text: &str, scale: u8) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("\x1b]66;s={scale};{clean}\x07")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_report_is_read_from_whatever_came_with_it() {
        assert_eq!(cursor_column(b"\x1b[12;3R"), Some(3));
        assert_eq!(cursor_column(b"x\x1b[1;1Ry\x1b[7;14R"), Some(14));
        assert_eq!(cursor_column(b"\x1b[12;"), None);
        assert_eq!(cursor_column(b"R"), None);
        assert_eq!(cursor_column(b"\x1b[a;bR"), None);
    }

    #[test]
    fn scaled_text_cannot_break_out_of_its_escape() {
        assert_eq!(scaled("书单", 2), "\x1b]66;s=2;书单\x07");
        assert_eq!(
            scaled("evil\x07\x1b]52;c;x\x07", 3),
            "\x1b]66;s=3;evil]52;c;x\x07"
        );
    }
}
