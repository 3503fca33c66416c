//! The neural voice's engine: one helper process for the session (Kokoro-82M behind
//! `kokoro_helper.py`, set up by `leling voice install`), spoken to over its standard input and
//! output. A reader thread turns its replies into [`Reply`] messages; the helper's protocol is
//! described at the top of the helper itself.
//!
//! Everything the helper says is checked: a reply that is not the protocol, a size beyond
//! [`MAX_PIECE`], or an end of its output makes the engine "gone", which every sentence still
//! waiting on it hears as a failure.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use serde::Deserialize;

use super::VoiceHome;
use crate::SpeechError;
use leling_core::model::Lang;

pub const NAME: &str = "kokoro";

/// The longest piece of sound one reply may carry: a minute at 24 kHz. Longer means the helper
/// is broken, and the engine stops reading it rather than hold what it says in memory.
const MAX_PIECE: usize = 60 * 24_000 * 2;

/// How long the model may take to load. About 3 s here; a busy kiosk may take several times
/// that.
const LOAD_WITHIN: Duration = Duration::from_secs(60);

/// What the engine says about a request.
#[derive(Debug)]
pub enum Reply {
    /// A clause's sound, 16-bit mono at 24 kHz.
    Piece {
        id: u64,
        frames: Vec<i16>,
    },
    Done {
        id: u64,
    },
    Failed {
        id: u64,
        detail: String,
    },
    /// The helper ended or broke its protocol: nothing more will come.
    Gone {
        detail: String,
    },
}

#[derive(Deserialize)]
struct Header {
    id: Option<u64>,
    pcm: Option<usize>,
    done: Option<bool>,
    error: Option<String>,
    ready: Option<bool>,
    voices: Option<Vec<String>>,
}

pub struct Engine {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<Reply>,
    next_id: u64,
    /// The voices the model has, as the helper listed them.
    pub voices: Vec<String>,
}

impl Engine {
    /// Starts the helper and waits until its model is loaded.
    pub fn start(home: &VoiceHome) -> Result<Engine, SpeechError> {
        home.check().map_err(|_| SpeechError::Unavailable(NAME))?;
        let mut child = Command::new(home.python())
            .arg(home.helper())
            .arg(home.dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| failed(e.to_string()))?;
        let stdin = child.stdin.take().expect("piped");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let (ready_tx, ready_rx) = mpsc::channel();
        let (tx, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name("voice-engine".to_owned())
            .spawn(move || {
                let ready = read_header(&mut stdout).and_then(|header| match header {
                    Header {
                        ready: Some(true),
                        voices: Some(voices),
                        ..
                    } => Ok(voices),
                    _ => Err("the voice did not say it was ready".to_owned()),
                });
                let went = ready.is_ok();
                let _ = ready_tx.send(ready);
                if went {
                    relay(&mut stdout, &tx);
                }
            })
            .map_err(|e| failed(e.to_string()))?;
        let voices = match ready_rx.recv_timeout(LOAD_WITHIN) {
            Ok(Ok(voices)) => voices,
            Ok(Err(detail)) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(detail));
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed("the voice did not load in time".to_owned()));
            }
        };
        Ok(Engine {
            child,
            stdin,
            replies,
            next_id: 1,
            voices,
        })
    }

    /// Asks for a text's sound; the replies carry the id returned.
    pub fn request(
        &mut self,
        text: &str,
        lang: Lang,
        voice: &str,
        speed: f64,
    ) -> Result<u64, SpeechError> {
        let id = self.next_id;
        self.next_id += 1;
        let line = serde_json::json!({
            "id": id,
            "text": text,
            "lang": lang.code(),
            "voice": voice,
            "speed": speed,
        });
        self.send(&line)?;
        Ok(id)
    }

    /// Drops a request (and any before it) the engine has not finished.
    pub fn cancel(&mut self, id: u64) {
        let _ = self.send(&serde_json::json!({ "cancel": id }));
    }

    fn send(&mut self, line: &serde_json::Value) -> Result<(), SpeechError> {
        writeln!(self.stdin, "{line}")
            .and_then(|()| self.stdin.flush())
            .map_err(|_| failed("the voice has stopped".to_owned()))
    }

    /// The next reply, if one has come.
    pub fn try_reply(&self) -> Option<Reply> {
        match self.replies.try_recv() {
            Ok(reply) => Some(reply),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Reply::Gone {
                detail: "the voice has stopped".to_owned(),
            }),
        }
    }

    /// Waits for the next reply.
    pub fn reply(&self) -> Reply {
        self.replies.recv().unwrap_or(Reply::Gone {
            detail: "the voice has stopped".to_owned(),
        })
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_header(stdout: &mut impl BufRead) -> Result<Header, String> {
    let mut line = String::new();
    // A header is a short line; a longer one is not the protocol.
    match stdout.take(4096).read_line(&mut line) {
        Ok(0) => Err("the voice has stopped".to_owned()),
        Ok(_) => serde_json::from_str(&line)
            .map_err(|_| "the voice said something unexpected".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads replies until the helper ends, passing each on.
fn relay(stdout: &mut impl BufRead, replies: &mpsc::Sender<Reply>) {
    loop {
        let reply = match read_header(stdout) {
            Err(detail) => Reply::Gone { detail },
            Ok(Header {
                id: Some(id),
                pcm: Some(bytes),
                ..
            }) if bytes <= MAX_PIECE && bytes % 2 == 0 => {
                let mut raw = vec![0u8; bytes];
                match stdout.read_exact(&mut raw) {
                    Ok(()) => Reply::Piece {
                        id,
                        frames: raw
                            .chunks_exact(2)
                            .map(|b| i16::from_le_bytes([b[0], b[1]]))
                            .collect(),
                    },
                    Err(e) => Reply::Gone {
                        detail: e.to_string(),
                    },
                }
            }
            Ok(Header {
                id: Some(id),
                done: Some(true),
                ..
            }) => Reply::Done { id },
            Ok(Header {
                id: Some(id),
                error: Some(detail),
                ..
            }) => Reply::Failed { id, detail },
            Ok(_) => Reply::Gone {
                detail: "the voice said something unexpected".to_owned(),
            },
        };
        let gone = matches!(reply, Reply::Gone { .. });
        if replies.send(reply).is_err() || gone {
            return;
        }
    }
}

fn failed(detail: String) -> SpeechError {
    SpeechError::Failed {
        backend: NAME,
        detail,
    }
}
