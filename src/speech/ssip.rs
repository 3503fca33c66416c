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

use super::{Speaker, SpeechError, Utterance, UtteranceKind};
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
    /// The daemon's voice chosen for each language, looked up once (None: let it choose).
    voices: Option<[Option<Voice>; 2]>,
}

/// One entry of the daemon's voice list.
#[derive(Debug, Clone, PartialEq)]
struct Voice {
    name: String,
    language: String,
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
            voices: None,
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

    fn sync_settings(
        &mut self,
        utterance: &Utterance,
        rate: SpeechRate,
    ) -> Result<(), SpeechError> {
        if self.priority != Some(utterance.kind) {
            self.command(&format!("SET SELF PRIORITY {}", utterance.kind.code()))?;
            self.priority = Some(utterance.kind);
        }
        if self.lang != Some(utterance.lang) {
            self.command(&format!("SET SELF LANGUAGE {}", utterance.lang.code()))?;
            if let Some(voice) = self.voice(utterance.lang) {
                self.command(&format!("SET SELF SYNTHESIS_VOICE {}", voice.name))?;
            }
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

impl SpeechDispatcher {
    /// The voice to use for a language. For Mandarin a voice that reads Latin letters as
    /// pinyin is preferred, for the same reason espeak-ng is given `cmn-latn-pinyin`.
    fn voice(&mut self, lang: Lang) -> Option<Voice> {
        if self.voices.is_none() {
            let lines = self.command("LIST SYNTHESIS_VOICES").unwrap_or_default();
            let all = parse_voices(&lines);
            self.voices = Some([pick_voice(&all, Lang::Zh), pick_voice(&all, Lang::En)]);
        }
        let index = usize::from(lang == Lang::En);
        self.voices.as_ref().and_then(|v| v[index].clone())
    }
}

/// Parses `249-NAME<TAB>LANGUAGE<TAB>VARIANT` lines, keeping the plain (no variant) voices.
fn parse_voices(lines: &[String]) -> Vec<Voice> {
    lines
        .iter()
        .filter_map(|line| line.strip_prefix("249-"))
        .filter_map(|rest| {
            let mut fields = rest.split('\t');
            let (name, language, variant) = (fields.next()?, fields.next()?, fields.next()?);
            (variant == "none").then(|| Voice {
                name: name.to_owned(),
                language: language.to_ascii_lowercase(),
            })
        })
        .collect()
}

fn pick_voice(voices: &[Voice], lang: Lang) -> Option<Voice> {
    let prefers: &[&dyn Fn(&Voice) -> bool] = match lang {
        Lang::Zh => &[
            &|v| v.language.starts_with("cmn") && v.name.contains("Pinyin"),
            &|v| v.language.starts_with("cmn") || v.language.starts_with("zh"),
        ],
        Lang::En => &[&|v| v.language == "en-gb" || v.language == "en", &|v| {
            v.language.starts_with("en")
        }],
    };
    prefers
        .iter()
        .find_map(|wanted| voices.iter().find(|v| wanted(v)))
        .cloned()
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
        match self.voice(lang) {
            Some(voice) => format!("{} ({})", voice.name, voice.language),
            None => format!("the daemon's default voice for {}", lang.code()),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mandarin_prefers_the_pinyin_voice() {
        let lines: Vec<String> = [
            "249-Chinese (Mandarin, latin as English)\tcmn\tnone",
            "249-Chinese (Mandarin, latin as English)+Adam\tcmn\tAdam",
            "249-Chinese (Mandarin, latin as Pinyin)\tcmn-latn-pinyin\tnone",
            "249-English (Caribbean)\ten-029\tnone",
            "249-English (Great Britain)\ten-gb\tnone",
            "249 OK VOICE LIST SENT",
        ]
        .map(String::from)
        .to_vec();
        let voices = parse_voices(&lines);
        assert_eq!(voices.len(), 4);
        assert_eq!(
            pick_voice(&voices, Lang::Zh).unwrap().language,
            "cmn-latn-pinyin"
        );
        assert_eq!(pick_voice(&voices, Lang::En).unwrap().language, "en-gb");
    }
}
