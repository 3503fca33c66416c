//! Plays 16-bit mono PCM through a player process (`pacat`, else `aplay`), and knows which
//! sample is sounding now.
//!
//! Why a process: it keeps the plain `cargo build` free of sound-system headers (libpulse,
//! ALSA), and `pacat` is there wherever PulseAudio or PipeWire's Pulse server is.
//!
//! The latency contract: the player is fed at the pace of playback, never more than [`LEAD`]
//! ahead, into a stream whose own buffer is [`STREAM_LATENCY_MS`]. A sample written at frame
//! `n` of a run of sound therefore sounds at `run start + n / rate + SOUND_DELAY`, give or take
//! a few milliseconds, which is what lets the reader's highlight follow the sound. A key press
//! kills the process, which silences it at once; the next sound starts a new one.
//!
//! Nothing counts as heard before the player says its stream is open (`pacat --verbose`:
//! "Stream successfully created"): on a loaded machine a player that cannot reach the sound
//! server may take longer to fail than a short sentence takes to "play", and a sentence timed
//! from the start of the process would be taken as heard, and the reader would read on.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::SpeechError;

/// The sample rate of the neural voice, and of everything played here.
pub const RATE: u32 = 24_000;
/// The player's own buffer: short, so a stop or a new sentence is heard at once.
const STREAM_LATENCY_MS: u32 = 40;
/// How far ahead of the sound the player is fed; covers the narrator's polling interval.
const LEAD: Duration = Duration::from_millis(80);
/// From writing a run's first frame to hearing it: the stream's buffer filling to its start
/// level. Measured on a PulseAudio null sink (benches/voice.sh compares the log with the
/// recording).
const SOUND_DELAY: Duration = Duration::from_millis(STREAM_LATENCY_MS as u64);

const NAME: &str = "player";

/// What pacat says once its stream is open.
const OPENED: &str = "Stream successfully created";
/// The most the player says that is kept, for the message when it fails.
const MOST_SAID: usize = 2048;
/// What pacat says of itself with `--verbose` that is no reason for failing.
const PLAYER_NOTES: [&str; 11] = [
    "Opening ",
    "Time: ",
    "Connection established",
    "Buffer metrics",
    "Using sample spec",
    "Connected to device",
    "Stream started",
    "Stream underrun",
    "Got EOF",
    "Playback stream drained",
    "Draining connection",
];

/// One run of continuous sound: a player process and the frames written to it since the run
/// began.
struct Run {
    child: Child,
    stdin: ChildStdin,
    began: Instant,
    written: u64,
    /// When the player said its stream was open (at once for a player that does not say).
    opened: Arc<OnceLock<Instant>>,
    /// What the player has said on its standard error, read as it comes so it never blocks.
    said: Arc<Mutex<String>>,
    listener: Option<std::thread::JoinHandle<()>>,
}

impl Run {
    /// When sound can first have been heard: the run's start, or the stream's opening if later.
    fn heard_from(&self) -> Option<Instant> {
        let opened = *self.opened.get()?;
        Some(opened.max(self.began))
    }
}

#[derive(Default)]
pub struct Player {
    run: Option<Run>,
}

impl Player {
    /// The frame of the current run sounding now (0 before its first frame is heard, and
    /// before the player's stream is open).
    pub fn sounding(&self) -> u64 {
        let from = self.run.as_ref().and_then(Run::heard_from);
        from.map_or(0, |from| {
            let heard = from.elapsed().saturating_sub(SOUND_DELAY);
            (heard.as_secs_f64() * f64::from(RATE)) as u64
        })
    }

    /// Frames written in the current run; a new sound written now begins at this frame.
    pub fn written(&self) -> u64 {
        self.run.as_ref().map_or(0, |run| run.written)
    }

    /// Whether everything written has been heard (or nothing plays).
    pub fn drained(&self) -> bool {
        self.sounding() >= self.written()
    }

    /// How many more frames may be written now without running ahead of the sound.
    pub fn room(&self) -> usize {
        match &self.run {
            Some(run) if !self.drained() => {
                // Before the stream opens, no more than the lead is written.
                let playing = run
                    .heard_from()
                    .map_or(Duration::ZERO, |from| from.elapsed());
                let due = (playing + LEAD).as_secs_f64() * f64::from(RATE);
                (due as u64).saturating_sub(run.written) as usize
            }
            // Nothing plays, or the run ran dry: the next write starts a new run (see `write`).
            _ => (LEAD.as_secs_f64() * f64::from(RATE)) as usize,
        }
    }

    /// Writes frames, starting the player (or a new run, if the last one ran dry) first.
    /// Returns the run frame the first of them goes to, for [`Player::sounding`].
    pub fn write(&mut self, frames: &[i16]) -> Result<u64, SpeechError> {
        let drained = self.drained();
        if let Some(run) = self.run.as_mut().filter(|_| drained) {
            // The stream ran dry: the next frame starts a new run, timed from now. The process
            // stays, so there is no start-up cost.
            run.began = Instant::now();
            run.written = 0;
        }
        if self.run.is_none() {
            self.run = Some(start()?);
        }
        let run = self.run.as_mut().expect("started just now");
        let bytes: Vec<u8> = frames.iter().flat_map(|f| f.to_le_bytes()).collect();
        if let Err(e) = run.stdin.write_all(&bytes) {
            let detail = self.failure().unwrap_or_else(|| e.to_string());
            self.end();
            return Err(SpeechError::NoSound {
                backend: NAME,
                detail,
            });
        }
        let at = run.written;
        run.written += frames.len() as u64;
        Ok(at)
    }

    /// Whether the player process has ended on its own, and what it said: it could not open
    /// the sound device or server.
    pub fn check(&mut self) -> Result<(), SpeechError> {
        match self.failure() {
            Some(detail) => {
                self.end();
                Err(SpeechError::NoSound {
                    backend: NAME,
                    detail,
                })
            }
            None => Ok(()),
        }
    }

    fn failure(&mut self) -> Option<String> {
        let run = self.run.as_mut()?;
        match run.child.try_wait() {
            Ok(None) => None,
            Ok(Some(status)) => {
                // The process has ended: its listener reads to the end and stops.
                if let Some(listener) = run.listener.take() {
                    let _ = listener.join();
                }
                let said = run.said.lock().unwrap_or_else(|e| e.into_inner()).clone();
                let said = said.trim();
                Some(if said.is_empty() {
                    format!("the player exited with {status}")
                } else {
                    said.to_owned()
                })
            }
            Err(e) => Some(e.to_string()),
        }
    }

    /// Silence at once. A new player process is started straight away, so the sound that
    /// follows (an announcement after a key press) does not wait for one to connect.
    pub fn stop(&mut self) {
        self.end();
        self.run = start().ok();
    }

    fn end(&mut self) {
        if let Some(mut run) = self.run.take() {
            let _ = run.child.kill();
            let _ = run.child.wait();
        }
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        self.end();
    }
}

/// The players tried, in order: PulseAudio's (or PipeWire's Pulse server's) `pacat`, then
/// ALSA's `aplay`.
fn commands() -> [Command; 2] {
    let mut pacat = Command::new("pacat");
    pacat.args([
        "--playback",
        "--verbose",
        "--raw",
        "--format=s16le",
        "--channels=1",
        "--client-name=Leling",
        "--stream-name=reading",
    ]);
    pacat.arg(format!("--rate={RATE}"));
    pacat.arg(format!("--latency-msec={STREAM_LATENCY_MS}"));
    let mut aplay = Command::new("aplay");
    aplay.args(["-q", "-t", "raw", "-f", "S16_LE", "-c", "1"]);
    aplay.arg(format!("-r{RATE}"));
    aplay.arg(format!("--buffer-time={}", STREAM_LATENCY_MS * 1000));
    aplay.arg("-");
    [pacat, aplay]
}

fn start() -> Result<Run, SpeechError> {
    for mut command in commands() {
        let spawned = command
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn();
        if let Ok(mut child) = spawned {
            let stdin = child.stdin.take().expect("piped");
            let opened = Arc::new(OnceLock::new());
            // aplay says nothing when its device is open: its sound is timed from the start.
            if command.get_program() != "pacat" {
                let _ = opened.set(Instant::now());
            }
            let said = Arc::new(Mutex::new(String::new()));
            let listener = child.stderr.take().map(|stderr| {
                let (opened, said) = (Arc::clone(&opened), Arc::clone(&said));
                std::thread::spawn(move || listen(stderr, &opened, &said))
            });
            return Ok(Run {
                child,
                stdin,
                began: Instant::now(),
                written: 0,
                opened,
                said,
                listener,
            });
        }
    }
    Err(SpeechError::NoSound {
        backend: NAME,
        detail: "neither pacat nor aplay is installed".to_owned(),
    })
}

/// Reads what the player says until it ends: notes when its stream is open, keeps the first
/// of its words for a failure's message.
fn listen(mut stderr: std::process::ChildStderr, opened: &OnceLock<Instant>, said: &Mutex<String>) {
    let mut chunk = [0u8; 4096];
    // The end of the last piece read, not yet ended by a line break (pacat ends its running
    // clock's lines with a carriage return).
    let mut pending = String::new();
    loop {
        let read = match stderr.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        pending.push_str(&String::from_utf8_lossy(&chunk[..read]));
        let Some(last_break) = pending.rfind(['\r', '\n']) else {
            continue;
        };
        let rest = pending.split_off(last_break + 1);
        for line in pending.split(['\r', '\n']) {
            note(line, opened, said);
        }
        pending = rest;
    }
    note(&pending, opened, said);
}

/// One line the player said: its stream opening noted, its own notes (what it opens, its
/// running clock) left out, anything else kept, the latest last, as why it may fail.
fn note(line: &str, opened: &OnceLock<Instant>, said: &Mutex<String>) {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if line.contains(OPENED) {
        let _ = opened.set(Instant::now());
        return;
    }
    if line.is_empty() || PLAYER_NOTES.iter().any(|note| line.contains(note)) {
        return;
    }
    let mut kept = said.lock().unwrap_or_else(|e| e.into_inner());
    if !kept.is_empty() {
        kept.push('\n');
    }
    kept.push_str(line);
    if kept.len() > MOST_SAID {
        let cut = kept.len() - MOST_SAID;
        let cut = (cut..kept.len())
            .find(|&i| kept.is_char_boundary(i))
            .unwrap_or(0);
        kept.drain(..cut);
    }
}
