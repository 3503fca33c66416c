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
pub fn probe() -> bool {
    let complete = |reply: &[u8]| cursor_column(reply).is_some();
    let reply = crate::tty_question::ask(b"\r\x1b]66;w=2; \x07\x1b[6n", complete, b"\r\x1b[2K");
    // Column 1 after the carriage return, and two cells on: column 3.
    reply.as_deref().and_then(cursor_column) == Some(3)
}

/// The column of the last cursor position report (`ESC [ row ; column R`) in `reply`.
fn cursor_column(reply: &[u8]) -> Option<u16> {
    match crate::tty_question::last_report(reply, "", b'R')?.as_slice() {
        [row, column] if !row.is_empty() => column.parse().ok(),
        _ => None,
    }
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
