//! The neural voice as a speech backend: the engine makes the sound, this side plays it and
//! says where it stands from the samples played (see `player.rs`), never from a guess.
//!
//! Reading on without gaps: while a sentence plays, the next one (handed over with
//! [`Speaker::prepare`]) is already being synthesised, so when the reader asks for it its
//! sound is there. Interface messages are kept on disk once synthesised, by voice and text, so
//! a message heard before plays at once the next time.

use std::collections::VecDeque;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::player::Player;
use super::{Progress, Speaker, SpeechError, Utterance, UtteranceKind, pace};
use crate::voice::engine::{Engine, NAME, Reply};
use crate::voice::{VoiceHome, default_voice};
use leling_core::model::Lang;
use leling_core::settings::SpeechRate;

/// The normal reading pace (rate step 3) as the model's speed: a little slower than its own,
/// which older listeners and the recogniser both follow better (see the README's figures).
const NORMAL_SPEED: f64 = 0.9;

/// Interface messages longer than this are not kept: they hold names or titles.
const CACHED_UP_TO: usize = 80;

/// One text's sound, as it arrives from the engine.
struct Sound {
    text: String,
    lang: Lang,
    /// The engine's request, while it is still synthesising.
    request: Option<u64>,
    pieces: VecDeque<Vec<i16>>,
    /// Every frame, kept to be cached when the sound is a message worth keeping.
    keep: Option<(PathBuf, Vec<i16>)>,
    failed: Option<SpeechError>,
}

impl Sound {
    fn complete(&self) -> bool {
        self.request.is_none()
    }
}

/// The sound being played, and where it lies in the player's run.
struct Playing {
    sound: Sound,
    /// The run frame its first sample went to, once written.
    first: Option<u64>,
    /// The run frame after its last sample, once all of it is written.
    end: Option<u64>,
}

pub struct Neural {
    engine: Engine,
    player: Player,
    cache: PathBuf,
    rate: SpeechRate,
    playing: Option<Playing>,
    ahead: Option<Sound>,
}

impl Neural {
    pub fn start(home: &VoiceHome) -> Result<Neural, SpeechError> {
        Ok(Neural {
            engine: Engine::start(home)?,
            player: Player::default(),
            cache: home.cache(),
            rate: SpeechRate::new(3),
            playing: None,
            ahead: None,
        })
    }

    fn speed(&self) -> f64 {
        (NORMAL_SPEED * pace(self.rate)).clamp(0.5, 2.0)
    }

    /// Where a message's sound is kept, by voice, speed and text.
    fn cache_path(&self, utterance: &Utterance) -> Option<PathBuf> {
        if utterance.kind != UtteranceKind::Message || utterance.text.chars().count() > CACHED_UP_TO
        {
            return None;
        }
        let mut hasher = Sha256::new();
        hasher.update(format!("{:.2}\n{}", self.speed(), utterance.text));
        let voice = default_voice(utterance.lang);
        Some(
            self.cache
                .join(voice)
                .join(format!("{}.pcm", hex::encode(&hasher.finalize()[..16]))),
        )
    }

    /// Asks the engine for a text's sound, or finds it in the cache.
    fn sound_for(&mut self, utterance: &Utterance) -> Result<Sound, SpeechError> {
        let keep = self.cache_path(utterance);
        if let Some(path) = &keep
            && let Ok(bytes) = std::fs::read(path)
        {
            let frames = bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect();
            return Ok(Sound {
                text: utterance.text.clone(),
                lang: utterance.lang,
                request: None,
                pieces: VecDeque::from([frames]),
                keep: None,
                failed: None,
            });
        }
        let speed = self.speed();
        let voice = default_voice(utterance.lang);
        let request = self
            .engine
            .request(&utterance.text, utterance.lang, voice, speed)?;
        Ok(Sound {
            text: utterance.text.clone(),
            lang: utterance.lang,
            request: Some(request),
            pieces: VecDeque::new(),
            keep: keep.map(|path| (path, Vec::new())),
            failed: None,
        })
    }

    /// Takes in what the engine has said since last asked.
    fn hear_engine(&mut self) {
        while let Some(reply) = self.engine.try_reply() {
            let mut sounds = self
                .playing
                .iter_mut()
                .map(|p| &mut p.sound)
                .chain(self.ahead.iter_mut());
            let mut waiting_on = |id: u64| sounds.find(|s| s.request == Some(id));
            match reply {
                Reply::Piece { id, frames } => {
                    if let Some(sound) = waiting_on(id) {
                        if let Some((_, all)) = &mut sound.keep {
                            all.extend_from_slice(&frames);
                        }
                        sound.pieces.push_back(frames);
                    }
                }
                Reply::Done { id } => {
                    if let Some(sound) = waiting_on(id) {
                        sound.request = None;
                    }
                }
                Reply::Failed { id, detail } => {
                    if let Some(sound) = waiting_on(id) {
                        sound.request = None;
                        sound.failed = Some(failed(detail));
                    }
                }
                Reply::Gone { detail } => {
                    // Nothing more will come: whatever still waits on the engine has failed.
                    for sound in sounds.filter(|s| s.request.is_some()) {
                        sound.request = None;
                        sound.failed = Some(failed(detail.clone()));
                    }
                    return;
                }
            }
        }
    }

    /// Feeds the player what it has room for.
    fn feed(&mut self) -> Result<(), SpeechError> {
        self.player.check()?;
        let Some(playing) = &mut self.playing else {
            return Ok(());
        };
        loop {
            let room = self.player.room();
            let Some(piece) = playing.sound.pieces.front_mut() else {
                break;
            };
            if room == 0 {
                break;
            }
            let take = room.min(piece.len());
            let frames: Vec<i16> = piece.drain(..take).collect();
            if piece.is_empty() {
                playing.sound.pieces.pop_front();
            }
            let at = self.player.write(&frames)?;
            playing.first.get_or_insert(at);
        }
        if playing.sound.complete() && playing.sound.pieces.is_empty() && playing.end.is_none() {
            playing.end = Some(self.player.written());
        }
        Ok(())
    }

    fn finish_playing(&mut self) {
        if let Some(playing) = self.playing.take()
            && let Some((path, frames)) = playing.sound.keep
            && playing.sound.failed.is_none()
        {
            // A cache that cannot be written only costs the next synthesis.
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let bytes: Vec<u8> = frames.iter().flat_map(|f| f.to_le_bytes()).collect();
            let _ = std::fs::write(path, bytes);
        }
    }

    /// The sound made ahead when it is this utterance's; any other is no longer wanted, and
    /// the engine stops making it.
    fn take_ahead(&mut self, utterance: &Utterance) -> Option<Sound> {
        let ahead = self.ahead.take()?;
        if ahead.text == utterance.text && ahead.lang == utterance.lang {
            return Some(ahead);
        }
        if let Some(request) = ahead.request {
            self.engine.cancel(request);
        }
        None
    }

    /// Synthesises a text to the end, for a file (`leling say`).
    pub fn synthesize(
        &mut self,
        text: &str,
        lang: Lang,
        voice: &str,
    ) -> Result<Vec<i16>, SpeechError> {
        let speed = self.speed();
        let id = self.engine.request(text, lang, voice, speed)?;
        let mut frames = Vec::new();
        loop {
            match self.engine.reply() {
                Reply::Piece { id: of, frames: f } if of == id => frames.extend(f),
                Reply::Done { id: of } if of == id => return Ok(frames),
                Reply::Failed { id: of, detail } if of == id => return Err(failed(detail)),
                Reply::Gone { detail } => return Err(failed(detail)),
                _ => {}
            }
        }
    }

    /// The voices the engine has.
    pub fn voices(&self) -> &[String] {
        &self.engine.voices
    }

    pub fn set_rate(&mut self, rate: SpeechRate) {
        self.rate = rate;
    }
}

fn failed(detail: String) -> SpeechError {
    SpeechError::Failed {
        backend: NAME,
        detail,
    }
}

impl Speaker for Neural {
    fn name(&self) -> &'static str {
        NAME
    }

    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        self.stop()?;
        self.rate = rate;
        let sound = match self.take_ahead(utterance) {
            Some(sound) => sound,
            None => self.sound_for(utterance)?,
        };
        self.playing = Some(Playing {
            sound,
            first: None,
            end: None,
        });
        self.feed()
    }

    fn prepare(&mut self, utterance: &Utterance, rate: SpeechRate) {
        self.rate = rate;
        // A request that cannot be sent is told when the sentence is asked for.
        self.ahead = match self.take_ahead(utterance) {
            Some(sound) => Some(sound),
            None => self.sound_for(utterance).ok(),
        };
    }

    fn stop(&mut self) -> Result<(), SpeechError> {
        if let Some(playing) = self.playing.take() {
            if let Some(request) = playing.sound.request {
                self.engine.cancel(request);
            }
            // Sound still to be heard is cut off; a sentence heard to its end leaves the
            // player running, so the next one starts without a new process.
            if !self.player.drained() {
                self.player.stop();
            }
        }
        Ok(())
    }

    fn voice_for(&mut self, lang: Lang) -> String {
        default_voice(lang).to_owned()
    }

    fn progress(&mut self) -> Progress {
        self.hear_engine();
        if let Err(problem) = self.feed() {
            self.playing = None;
            return Progress::Failed(problem);
        }
        let Some(playing) = &mut self.playing else {
            return Progress::Finished;
        };
        if let Some(problem) = playing.sound.failed.take() {
            self.playing = None;
            self.player.stop();
            return Progress::Failed(problem);
        }
        let sounding = self.player.sounding();
        match (playing.first, playing.end) {
            (None, _) => Progress::Queued,
            (Some(_), Some(end)) if sounding >= end => {
                self.finish_playing();
                Progress::Finished
            }
            (Some(first), _) if sounding >= first => Progress::Playing,
            (Some(_), _) => Progress::Queued,
        }
    }

    fn check_playback(&mut self) -> Result<(), SpeechError> {
        // A tenth of a second of silence through the player: the sound device is opened and
        // fed, and nothing is heard.
        let mut player = Player::default();
        player.write(&[0; 2400])?;
        std::thread::sleep(std::time::Duration::from_millis(300));
        player.check()
    }
}
