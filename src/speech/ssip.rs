//! A small client for speech-dispatcher's socket protocol (SSIP).
//!
//! Written by hand because the protocol is a few text commands and the C client library needs
//! headers a fresh machine lacks. Every read has a timeout, so a stuck daemon cannot freeze
//! the speech thread.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{SpeechError, Speaker, Utterance, UtteranceKind};
use crate::config::SpeechRate;
use crate::model::Lang;

const NAME: &str = "speech-dispatcher";
const REPLY_TIMEOUT: Duration = Duration::from_secs(2);
const SPAWN_WAIT: Duration = Duration::from_millis(1500);

pub struct SpeechDispatcher {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
    /// What was last set on the connection, so each utterance sends only what changed.
    priority: Option<UtteranceKind>,
    lang: Option<Lang>,
    rate: Option<SpeechRate>,
}

/// Where the daemon listens: `SPEECHD_ADDRESS` if it names a unix socket, else the
/// per-user runtime directory, as libspeechd looks for it.
fn socket_path() -> Option<PathBuf> {
    if let Ok(address) = std::env::var("SPEECHD_ADDRESS")
        && let Some(path) = address.strip_prefix("unix_socket:")
    {
        return Some(PathBuf::from(path));
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(runtime.join("speech-dispatcher").join("speechd.sock"))
}

impl SpeechDispatcher {
    pub fn connect() -> Result<Self, SpeechError> {
        let path = socket_path().ok_or(SpeechError::Unavailable(NAME))?;
        let stream = match UnixStream::connect(&path) {
            Ok(stream) => stream,
            Err(_) => {
                // Like libspeechd, start the daemon on demand; it forks and returns.
                Command::new("speech-dispatcher")
                    .arg("--spawn")
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .map_err(|_| SpeechError::Unavailable(NAME))?;
                let deadline = Instant::now() + SPAWN_WAIT;
                loop {
                    match UnixStream::connect(&path) {
                        Ok(stream) => break stream,
                        Err(_) if Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(50))
                        }
                        Err(_) => return Err(SpeechError::Unavailable(NAME)),
                    }
                }
            }
        };
        stream
            .set_read_timeout(Some(REPLY_TIMEOUT))
            .map_err(failed)?;
        stream
            .set_write_timeout(Some(REPLY_TIMEOUT))
            .map_err(failed)?;
        let writer = stream.try_clone().map_err(failed)?;
        let mut client = SpeechDispatcher {
            reader: BufReader::new(stream),
            writer,
            priority: None,
            lang: None,
            rate: None,
        };
        let user = std::env::var("USER").unwrap_or_else(|_| "user".to_owned());
        client.command(&format!("SET SELF CLIENT_NAME {user}:leling:main"))?;
        Ok(client)
    }

    /// Sends one command line and reads its reply; a reply code outside 2xx is an error.
    fn command(&mut self, line: &str) -> Result<Vec<String>, SpeechError> {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .map_err(failed)?;
        self.reply()
    }

    /// Reads a possibly multi-line reply (`NNN-…` lines, then a final `NNN …` line).
    fn reply(&mut self) -> Result<Vec<String>, SpeechError> {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).map_err(failed)? == 0 {
                return Err(failed("the connection closed"));
            }
            let line = line.trim_end().to_owned();
            let is_last = line.as_bytes().get(3) != Some(&b'-');
            let code_ok = line.starts_with('2');
            lines.push(line);
            if is_last {
                return if code_ok {
                    Ok(lines)
                } else {
                    Err(failed(lines.join(" / ")))
                };
            }
        }
    }

    fn sync_settings(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        if self.priority != Some(utterance.kind) {
            self.command(&format!("SET SELF PRIORITY {}", utterance.kind.code()))?;
            self.priority = Some(utterance.kind);
        }
        if self.lang != Some(utterance.lang) {
            self.command(&format!("SET SELF LANGUAGE {}", utterance.lang.code()))?;
            self.lang = Some(utterance.lang);
        }
        if self.rate != Some(rate) {
            // Steps 1..5 map to SSIP's -100..100 scale: -50, -25, 0, 25, 50.
            let ssip_rate = (i32::from(rate.get()) - 3) * 25;
            self.command(&format!("SET SELF RATE {ssip_rate}"))?;
            self.rate = Some(rate);
        }
        Ok(())
    }
}

impl Speaker for SpeechDispatcher {
    fn name(&self) -> &'static str {
        NAME
    }

    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        self.sync_settings(utterance, rate)?;
        self.command("SPEAK")?;
        let mut body = String::new();
        for line in utterance.text.lines() {
            // A line holding a lone dot ends the message, so SSIP doubles leading dots.
            if line.starts_with('.') {
                body.push('.');
            }
            body.push_str(line);
            body.push_str("\r\n");
        }
        body.push_str(".\r\n");
        self.writer.write_all(body.as_bytes()).map_err(failed)?;
        self.reply().map(drop)
    }

    fn stop(&mut self) -> Result<(), SpeechError> {
        self.command("CANCEL SELF").map(drop)
    }

    fn voice_for(&mut self, lang: Lang) -> String {
        let wanted: &[&str] = match lang {
            Lang::Zh => &["zh", "cmn"],
            Lang::En => &["en"],
        };
        let voices = self.command("LIST SYNTHESIS_VOICES").unwrap_or_default();
        voices
            .iter()
            .filter_map(|line| line.get(4..))
            .filter_map(|rest| {
                let mut fields = rest.split('\t');
                Some((fields.next()?, fields.next()?))
            })
            .find(|(_, voice_lang)| wanted.iter().any(|w| voice_lang.starts_with(w)))
            .map(|(name, voice_lang)| format!("{name} ({voice_lang})"))
            .unwrap_or_else(|| format!("default voice for {}", lang.code()))
    }
}

impl Drop for SpeechDispatcher {
    fn drop(&mut self) {
        let _ = self.writer.write_all(b"QUIT\r\n");
    }
}

fn failed(detail: impl ToString) -> SpeechError {
    SpeechError::Failed {
        backend: NAME,
        detail: detail.to_string(),
    }
}
