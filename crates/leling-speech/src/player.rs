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

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
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

/// One run of continuous sound: a player process and the frames written to it since the run
/// began.
struct Run {
    child: Child,
    stdin: ChildStdin,
    began: Instant,
    written: u64,
}

#[derive(Default)]
pub struct Player {
    run: Option<Run>,
}

impl Player {
    /// The frame of the current run sounding now (0 before its first frame is heard).
    pub fn sounding(&self) -> u64 {
        self.run.as_ref().map_or(0, |run| {
            let heard = run.began.elapsed().saturating_sub(SOUND_DELAY);
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
                let due = (run.began.elapsed() + LEAD).as_secs_f64() * f64::from(RATE);
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
                let mut said = String::new();
                if let Some(mut stderr) = run.child.stderr.take() {
                    let _ = stderr.read_to_string(&mut said);
                }
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
            return Ok(Run {
                child,
                stdin,
                began: Instant::now(),
                written: 0,
            });
        }
    }
    Err(SpeechError::NoSound {
        backend: NAME,
        detail: "neither pacat nor aplay is installed".to_owned(),
    })
}
