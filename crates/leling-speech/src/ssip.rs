//! A small client for speech-dispatcher's socket protocol (SSIP).
//!
//! Written by hand because the protocol is a few text commands and the C client library needs
//! headers a fresh machine lacks. Every read has a timeout, so a stuck daemon cannot freeze
//! the speech thread.
//!
//! Notifications are on: the daemon says when each message begins (701) and ends (702) or is
//! cancelled (703), on the same connection, between the replies to commands. Those events,
//! not an estimate of the sentence's length, say how a reading is going. A message that
//! begins and never ends is the daemon's way of failing to play (its log then says why).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Progress, Speaker, SpeechError, Utterance, UtteranceKind};
use leling_core::model::Lang;
use leling_core::settings::SpeechRate;

const NAME: &str = "speech-dispatcher";
const REPLY_TIMEOUT: Duration = Duration::from_secs(2);
const SPAWN_WAIT: Duration = Duration::from_millis(1500);
/// How long `leling doctor` waits for a short silent word to be played.
const PLAY_CHECK_TIME: Duration = Duration::from_secs(5);

pub struct SpeechDispatcher {
    incoming: Incoming,
    writer: UnixStream,
    /// The daemon's number for the message spoken last, and what its events said of each
    /// recent message (an event may arrive before the reply that names its message).
    speaking: Option<u64>,
    heard: HashMap<u64, Progress>,
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
        let stream = match connect_within(&path, REPLY_TIMEOUT) {
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
                    match connect_within(&path, REPLY_TIMEOUT) {
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
            .set_write_timeout(Some(REPLY_TIMEOUT))
            .map_err(failed)?;
        let writer = stream.try_clone().map_err(failed)?;
        let mut client = SpeechDispatcher {
            incoming: Incoming {
                stream,
                buffer: Vec::new(),
            },
            writer,
            speaking: None,
            heard: HashMap::new(),
            priority: None,
            lang: None,
            rate: None,
            voices: None,
        };
        let user = std::env::var("USER").unwrap_or_else(|_| "user".to_owned());
        client.command(&format!("SET SELF CLIENT_NAME {user}:leling:main"))?;
        client.command("SET SELF NOTIFICATION ALL on")?;
        Ok(client)
    }

    /// Sends one command line and reads its reply; a reply code outside 2xx is an error.
    fn command(&mut self, line: &str) -> Result<Vec<String>, SpeechError> {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .map_err(failed)?;
        self.reply()
    }

    /// Reads the reply to the command just sent: a block of `NNN-…` lines and a final `NNN …`
    /// line; a reply code outside 2xx is an error. Events met on the way are taken in.
    fn reply(&mut self) -> Result<Vec<String>, SpeechError> {
        loop {
            let Some(block) = self.incoming.next_block(REPLY_TIMEOUT)? else {
                return Err(failed("no reply in time"));
            };
            if block.last().is_some_and(|line| line.starts_with('7')) {
                self.take_event(&block);
                continue;
            }
            return if block.last().is_some_and(|line| line.starts_with('2')) {
                Ok(block)
            } else {
                Err(failed(block.join(" / ")))
            };
        }
    }

    /// An event block: `70N-message id`, `70N-client id`, `70N NAME`.
    fn take_event(&mut self, block: &[String]) {
        let Some(message) = block
            .first()
            .and_then(|line| line.get(4..))
            .and_then(|id| id.trim().parse::<u64>().ok())
        else {
            return;
        };
        let code = block.last().map_or("", |line| &line[..line.len().min(3)]);
        let progress = match code {
            "701" => Progress::Playing,
            // Cancelled by someone else (a screen reader's more urgent message): over either way.
            "702" | "703" => Progress::Finished,
            _ => return,
        };
        self.heard.insert(message, progress);
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
        // `225-<message id>`, then `225 OK MESSAGE QUEUED`.
        let reply = self.reply()?;
        let message = reply
            .first()
            .and_then(|line| line.strip_prefix("225-"))
            .and_then(|id| id.trim().parse::<u64>().ok());
        // Only the messages from this one on can still matter.
        if let Some(id) = message {
            self.heard.retain(|&heard, _| heard >= id);
        }
        self.speaking = message;
        Ok(())
    }

    fn stop(&mut self) -> Result<(), SpeechError> {
        self.speaking = None;
        self.command("CANCEL SELF").map(drop)
    }

    fn voice_for(&mut self, lang: Lang) -> String {
        match self.voice(lang) {
            Some(voice) => format!("{} ({})", voice.name, voice.language),
            None => format!("the daemon's default voice for {}", lang.code()),
        }
    }

    fn progress(&mut self) -> Progress {
        let Some(message) = self.speaking else {
            return Progress::Finished;
        };
        loop {
            match self.incoming.next_block(Duration::ZERO) {
                Ok(Some(block)) => self.take_event(&block),
                Ok(None) => break,
                Err(problem) => return Progress::Failed(problem),
            }
        }
        self.heard
            .get(&message)
            .cloned()
            .unwrap_or(Progress::Queued)
    }

    fn check_playback(&mut self) -> Result<(), SpeechError> {
        self.command("SET SELF VOLUME -100")?;
        let played = self.play_and_wait(&Utterance::new(UtteranceKind::Message, "ok"));
        self.command("SET SELF VOLUME 0")?;
        played
    }
}

impl SpeechDispatcher {
    /// Speaks and waits for the daemon to say the message ended; one that begins and never
    /// ends could not be played.
    fn play_and_wait(&mut self, utterance: &Utterance) -> Result<(), SpeechError> {
        self.speak(utterance, SpeechRate::new(3))?;
        let deadline = Instant::now() + PLAY_CHECK_TIME;
        while Instant::now() < deadline {
            match self.progress() {
                Progress::Finished => return Ok(()),
                Progress::Failed(problem) => return Err(problem),
                Progress::Queued | Progress::Playing => {
                    std::thread::sleep(Duration::from_millis(20))
                }
            }
        }
        let _ = self.stop();
        Err(SpeechError::NoSound {
            backend: NAME,
            detail: "a message began and never ended".to_owned(),
        })
    }
}

/// What the daemon sends, read in blocks whatever the timing of its bytes.
struct Incoming {
    stream: UnixStream,
    /// Bytes read and not yet taken, up to an incomplete block.
    buffer: Vec<u8>,
}

impl Incoming {
    /// The next whole block of lines, waiting at most `wait` (none: only what has arrived).
    fn next_block(&mut self, wait: Duration) -> Result<Option<Vec<String>>, SpeechError> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(block) = self.take_block() {
                return Ok(Some(block));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            // A zero timeout is refused by the socket, so "only what has arrived" is 1 ms.
            self.stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .map_err(failed)?;
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(failed("the connection closed")),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return Ok(None);
                }
                Err(e) => return Err(failed(e)),
            }
        }
    }

    /// Takes a block from the buffer when its final line (`NNN ` rather than `NNN-`) is in.
    fn take_block(&mut self) -> Option<Vec<String>> {
        let mut lines = Vec::new();
        let mut end = 0;
        while let Some(length) = self.buffer[end..].iter().position(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(&self.buffer[end..end + length])
                .trim_end()
                .to_owned();
            end += length + 1;
            let is_last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if is_last {
                self.buffer.drain(..end);
                return Some(lines);
            }
        }
        None
    }
}

impl Drop for SpeechDispatcher {
    fn drop(&mut self) {
        let _ = self.writer.write_all(b"QUIT\r\n");
    }
}

/// Connects to the daemon's socket, giving up after `wait`: a daemon that has stopped
/// accepting (its queue of connections full) would otherwise hold `connect` for ever, and with
/// it `leling doctor` or the speech thread. A connect given up on finishes on its own thread.
fn connect_within(path: &std::path::Path, wait: Duration) -> std::io::Result<UnixStream> {
    let (sent, connected) = std::sync::mpsc::channel();
    let path = path.to_owned();
    std::thread::Builder::new()
        .name("speechd-connect".to_owned())
        .spawn(move || {
            let _ = sent.send(UnixStream::connect(path));
        })?;
    connected.recv_timeout(wait).unwrap_or_else(|_| {
        Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the daemon did not accept the connection",
        ))
    })
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
    fn a_daemon_that_no_longer_accepts_does_not_hold_the_connect() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("speechd.sock");
        // Listening, never accepting: once its queue is full, a plain connect would wait for
        // ever (as it did on a wedged speech-dispatcher).
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let mut held = Vec::new();
        let started = Instant::now();
        let refused = loop {
            match connect_within(&path, Duration::from_millis(200)) {
                Ok(stream) => held.push(stream),
                Err(error) => break error,
            }
            assert!(held.len() < 10_000, "the queue never filled");
        };
        assert_eq!(refused.kind(), std::io::ErrorKind::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(10));
    }

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
