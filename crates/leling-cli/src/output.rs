//! What the command line prints. A reader that stops reading (`leling search … | head -1`)
//! ends the program quietly: the rest of the output is not wanted, which is no error, and the
//! standard library's `println!` would panic on it.

use std::fmt;
use std::io::{ErrorKind, Write};

/// Writes to standard output (`to_stderr` false) or standard error, without anything that
/// could act on the terminal (`leling_core::shown::safe_to_show`): the lines printed carry
/// names, titles and feed items from outside. A closed stream ends the program at once with
/// success, as the person reading it has what they wanted.
pub fn write(to_stderr: bool, text: fmt::Arguments) {
    let text = text.to_string();
    write_raw(to_stderr, &leling_core::shown::safe_to_show(&text));
}

/// [`write`] as it is, for the program's own control of the terminal (the progress bar's
/// return to the start of its line).
pub(crate) fn write_raw(to_stderr: bool, text: &str) {
    let written = if to_stderr {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    };
    match written {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        // Anything else (a full disk under a redirect) has nowhere to be told either.
        _ => {}
    }
}

/// `println!` for the command line: a closed standard output ends the program quietly.
#[macro_export]
macro_rules! outln {
    () => { $crate::output::write(false, format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(false, format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` for the command line.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(false, format_args!($($arg)*)) };
}

/// `eprint!` for the command line.
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::output::write(true, format_args!($($arg)*)) };
}

/// `eprintln!` for the command line: a closed standard error ends the program quietly.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::write(true, format_args!("{}\n", format_args!($($arg)*))) };
}
