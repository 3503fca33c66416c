//! The speech log: one line per utterance handed to the backend,
//! `RFC 3339 time<TAB>lang<TAB>text|message<TAB>text`. It works beside any backend, which is
//! how tests and silent kiosks can see what would have been said.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use chrono::SecondsFormat;

use super::Utterance;

pub struct SpeechLog {
    file: File,
}

impl SpeechLog {
    pub fn open(path: &Path) -> std::io::Result<SpeechLog> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(SpeechLog { file })
    }

    pub fn record(&mut self, utterance: &Utterance) -> std::io::Result<()> {
        // Tabs and line breaks inside the text would break the one-line-per-utterance format.
        let text: String = utterance
            .text
            .chars()
            .map(|c| {
                if c == '\t' || c == '\n' || c == '\r' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let line = format!(
            "{}\t{}\t{}\t{}\n",
            chrono::Local::now().to_rfc3339_opts(SecondsFormat::Micros, false),
            utterance.lang.code(),
            utterance.kind.code(),
            text
        );
        // One write call per line, so lines from one process never interleave.
        self.file.write_all(line.as_bytes())
    }
}
