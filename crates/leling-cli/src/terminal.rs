//! What a command line does at a terminal: printing outside text safely, a progress bar, and
//! reading a PIN without echo.

use std::io::{BufRead, IsTerminal, Write};

/// Text from outside (a book's title, a file's name) made safe to print on one line of a
/// terminal: what could act on the terminal is dropped (`safe_to_show`), and so are line
/// breaks and tabs.
pub fn printable(text: &str) -> String {
    leling_core::shown::on_one_line(text)
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
pub struct ProgressBar {
    label: String,
    shown: bool,
}

impl ProgressBar {
    pub fn new(label: &str) -> ProgressBar {
        ProgressBar {
            label: printable(label),
            shown: false,
        }
    }

    pub fn show(&mut self, done: u64, total: Option<u64>) {
        if !std::io::stderr().is_terminal() {
            return;
        }
        let line = match total {
            Some(total) if total > 0 => {
                let filled = (done * 30 / total).min(30) as usize;
                format!(
                    "[{}{}] {}% {}",
                    "#".repeat(filled),
                    ".".repeat(30 - filled),
                    done * 100 / total,
                    self.label
                )
            }
            _ => format!("{} KB {}", done / 1024, self.label),
        };
        crate::output::write_raw(true, &format!("\r{line}\x1b[K"));
        self.shown = true;
    }

    pub fn finish(&mut self) {
        if self.shown {
            crate::output::write_raw(true, "\r\x1b[K");
        }
    }
}

/// Reads a PIN without echoing it on a terminal, or a line of piped input (for scripts).
pub fn read_pin(prompt: &str, input: &mut impl BufRead) -> Option<String> {
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).ok()
    } else {
        err!("{prompt}");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim().to_owned()),
        }
    }
}
