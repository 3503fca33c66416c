//! Asking the terminal a question and reading its answer: the escape is written to the
//! controlling terminal and what comes back is read until the answer is complete or a short
//! wait runs out. Used before the first frame, or by the one thread that reads keys, so that
//! nobody else takes the answer for a key.

/// How long a terminal may take to answer; a terminal that answers nothing costs no more than
/// this.
#[cfg(unix)]
const ANSWER_WAIT: std::time::Duration = std::time::Duration::from_millis(150);

/// Writes `question` to `/dev/tty` and returns what came back once `complete` says it is
/// whole, or None when nothing whole came back in time. `after` is written when done, to wipe
/// what the question may have left on screen.
#[cfg(unix)]
pub fn ask(question: &[u8], complete: impl Fn(&[u8]) -> bool, after: &[u8]) -> Option<Vec<u8>> {
    use std::io::{Read, Write};
    use std::time::Instant;

    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    tty.write_all(question).and_then(|()| tty.flush()).ok()?;
    let deadline = Instant::now() + ANSWER_WAIT;
    let mut reply = Vec::new();
    let answer = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break None;
        }
        let wait = Timespec::try_from(left).unwrap_or_default();
        let mut fds = [PollFd::new(&tty, PollFlags::IN)];
        if !matches!(poll(&mut fds, Some(&wait)), Ok(n) if n > 0) {
            break None;
        }
        let mut chunk = [0u8; 256];
        match tty.read(&mut chunk) {
            Ok(0) | Err(_) => break None,
            Ok(n) => reply.extend_from_slice(&chunk[..n]),
        }
        if complete(&reply) {
            break Some(reply);
        }
    };
    if !after.is_empty() {
        let _ = tty.write_all(after).and_then(|()| tty.flush());
    }
    answer
}

#[cfg(not(unix))]
pub fn ask(_: &[u8], _: impl Fn(&[u8]) -> bool, _: &[u8]) -> Option<Vec<u8>> {
    None
}

/// The parameters of the last control sequence in `reply` that starts with `ESC [` + `lead`
/// and ends with `last`: `ESC [ ? 63;1;4 c` gives `["63", "1", "4"]` for lead `?`, last `c`.
pub fn last_report<'a>(reply: &'a [u8], lead: &str, last: u8) -> Option<Vec<&'a str>> {
    let end = reply.iter().rposition(|&b| b == last)?;
    let opening = format!("\x1b[{lead}");
    let start = reply[..end]
        .windows(opening.len())
        .rposition(|w| w == opening.as_bytes())?
        + opening.len();
    let report = std::str::from_utf8(&reply[start..end]).ok()?;
    let parts: Vec<&str> = report.split(';').collect();
    parts
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_found_among_whatever_came_with_it() {
        assert_eq!(
            last_report(b"\x1b[?63;1;2;4;6c", "?", b'c'),
            Some(vec!["63", "1", "2", "4", "6"])
        );
        assert_eq!(
            last_report(b"\x1b[6;24;12t\x1b[?62;1c", "", b't'),
            Some(vec!["6", "24", "12"])
        );
        assert_eq!(last_report(b"\x1b[?63;1", "?", b'c'), None);
        assert_eq!(last_report(b"\x1b[?6x;1c", "?", b'c'), None);
    }
}
