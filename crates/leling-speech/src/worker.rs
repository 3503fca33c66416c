//! The speech thread. It owns the backend, so a slow or stuck backend never holds up the
//! screen: the UI only sends commands down a channel and hears back through events.
//!
//! The narrator's contract, for every backend: a sentence has started, finished or failed
//! when the backend says so ([`Speaker::progress`]). The only clock of its own is a guard: a
//! sentence the backend has not finished after twice its expected length and [`GUARD_SLACK`]
//! more has failed (the voice stopped answering), it is never taken as read.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{
    Progress, Speaker, SpeechError, SpeechLog, Utterance, UtteranceKind, choose, estimated_duration,
};
use crate::SpeechChoice;
use crate::voice::VoiceHome;
use leling_core::model::Lang;
use leling_core::settings::SpeechRate;

/// What the speech thread tells the rest of the application.
#[derive(Debug, Clone, PartialEq)]
pub enum SpeechEvent {
    /// The backend in use, once chosen (`"off"` when none could be found).
    Ready { backend: &'static str },
    /// The voice asked for with [`Voice::switch_or`] is not here; its stand-in is in use.
    FellBack { wanted: SpeechChoice },
    /// An interface message could not be said; told once until speech works again.
    Broken { problem: SpeechError },
    /// The sound of a sentence handed over with `Voice::read` has begun.
    SentenceStarted { id: u64 },
    /// A sentence has been spoken to its end.
    SentenceDone { id: u64 },
    /// A sentence could not be spoken; the reader stays on it.
    SentenceFailed { id: u64, problem: SpeechError },
}

enum Command {
    Say(Utterance),
    Read {
        id: u64,
        utterance: Utterance,
        next: Option<Utterance>,
    },
    Stop,
    SetRate(SpeechRate),
    /// To a choice, or to the second where the first leads to no voice here.
    Switch(SpeechChoice, Option<SpeechChoice>),
}

/// The handle the UI holds. Cheap calls that never block.
pub struct Voice {
    commands: Option<Sender<Command>>,
    thread: Option<JoinHandle<()>>,
}

impl Voice {
    /// Starts the speech thread. The backend is opened on that thread, so a slow daemon does
    /// not delay the first screen. `log` must already be open (the caller reports its errors).
    pub fn start<E: From<SpeechEvent> + Send + 'static>(
        choice: SpeechChoice,
        rate: SpeechRate,
        log: Option<SpeechLog>,
        home: VoiceHome,
        events: Sender<E>,
    ) -> Voice {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("speech".to_owned())
            .spawn(move || Narrator::new(choice, rate, log, home, events).run(rx))
            .ok();
        Voice {
            commands: Some(tx),
            thread,
        }
    }

    fn send(&self, command: Command) {
        if let Some(tx) = &self.commands {
            // A closed channel means the thread is gone; silence is the right outcome.
            let _ = tx.send(command);
        }
    }

    /// An interface announcement: it cuts off whatever was being said. A sentence of a book
    /// cut off this way is read again from its start once the announcement is over, so a
    /// setting changed while reading aloud does not stop the reading.
    /// It is said in the voice of the interface's language, `lang`, whatever names in another
    /// script it holds (an English screen listing Chinese titles is English).
    pub fn announce(&self, lang: Lang, text: impl Into<String>) {
        self.send(Command::Say(Utterance {
            lang,
            kind: UtteranceKind::Message,
            text: text.into(),
        }));
    }

    /// One sentence of a book, read aloud; `SentenceStarted`, then `SentenceDone` or
    /// `SentenceFailed` with the same id follow. It cuts off whatever was being said. `next`
    /// is the sentence after it, which a voice that can starts making ready now.
    pub fn read(&self, id: u64, text: impl Into<String>, next: Option<String>) {
        self.send(Command::Read {
            id,
            utterance: Utterance::new(UtteranceKind::Text, text),
            next: next.map(|text| Utterance::new(UtteranceKind::Text, text)),
        });
    }

    /// Silence, and nothing to come back to.
    pub fn stop(&self) {
        self.send(Command::Stop);
    }

    pub fn set_rate(&self, rate: SpeechRate) {
        self.send(Command::SetRate(rate));
    }

    pub fn switch(&self, choice: SpeechChoice) {
        self.send(Command::Switch(choice, None));
    }

    /// To `choice`, or where it leads to no voice on this machine, to `stand_in`, with
    /// `SpeechEvent::FellBack` told first (a learner's voice from another kiosk).
    pub fn switch_or(&self, choice: SpeechChoice, stand_in: SpeechChoice) {
        self.send(Command::Switch(choice, Some(stand_in)));
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        // Closing the channel ends the thread; waiting lets the last line reach the log.
        self.commands.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A sentence of a book being read.
#[derive(Clone)]
struct Reading {
    id: u64,
    utterance: Utterance,
    /// Whether its start has been told.
    began: bool,
}

/// What the backend is saying now, and when it must be over by.
enum Saying {
    Nothing,
    Message { guard: Instant },
    Sentence { reading: Reading, guard: Instant },
}

/// What a working voice may take beyond twice a sentence's expected length before it has
/// failed: espeak-ng through PulseAudio starts a sentence's sound up to 2 s late (its stream
/// fills a buffer first), more on a busy machine, and a short title would otherwise "fail".
const GUARD_SLACK: Duration = Duration::from_secs(5);

/// How often the speech thread looks at a backend that is speaking (and feeds the neural
/// voice's player, which runs at most 80 ms ahead of the sound).
const POLL: Duration = Duration::from_millis(10);

struct Narrator<E> {
    speaker: Box<dyn Speaker>,
    rate: SpeechRate,
    log: Option<SpeechLog>,
    events: Sender<E>,
    saying: Saying,
    /// A sentence cut off by an announcement, read again when the announcement is over.
    resume: Option<Reading>,
    /// An interface message failed and that has been told; cleared when one is said.
    broken_told: bool,
    /// Where the neural voice is, for opening it again on a switch of backend.
    home: VoiceHome,
    /// The sentence after the one being read, made ready as the reading begins (and again if
    /// an announcement cut the reading off).
    next: Option<Utterance>,
}

impl<E: From<SpeechEvent>> Narrator<E> {
    fn new(
        choice: SpeechChoice,
        rate: SpeechRate,
        log: Option<SpeechLog>,
        home: VoiceHome,
        events: Sender<E>,
    ) -> Narrator<E> {
        let narrator = Narrator {
            speaker: choose(choice, &home),
            home,
            next: None,
            rate,
            log,
            events,
            saying: Saying::Nothing,
            resume: None,
            broken_told: false,
        };
        narrator.tell(SpeechEvent::Ready {
            backend: narrator.speaker.name(),
        });
        narrator
    }

    fn tell(&self, event: SpeechEvent) {
        let _ = self.events.send(event.into());
    }

    fn run(mut self, commands: Receiver<Command>) {
        loop {
            let command = match self.saying {
                Saying::Nothing => match commands.recv() {
                    Ok(command) => Some(command),
                    Err(_) => return,
                },
                _ => match commands.recv_timeout(POLL) {
                    Ok(command) => Some(command),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
            };
            if let Some(command) = command {
                self.obey(command);
            }
            self.follow();
        }
    }

    fn obey(&mut self, command: Command) {
        match command {
            Command::Say(utterance) => {
                if let Saying::Sentence { reading, .. } = &self.saying {
                    self.resume = Some(Reading {
                        began: false,
                        ..reading.clone()
                    });
                }
                let guard = self.guard(&utterance);
                self.saying = Saying::Message { guard };
                if let Err(problem) = self.start(&utterance) {
                    self.message_failed(problem);
                    self.resume_reading();
                }
            }
            Command::Read {
                id,
                utterance,
                next,
            } => {
                self.resume = None;
                self.next = next;
                self.read(Reading {
                    id,
                    utterance,
                    began: false,
                });
            }
            Command::Stop => {
                self.resume = None;
                self.next = None;
                self.saying = Saying::Nothing;
                let _ = self.speaker.stop();
            }
            Command::SetRate(rate) => self.rate = rate,
            Command::Switch(choice, stand_in) => {
                self.resume = None;
                self.saying = Saying::Nothing;
                self.next = None;
                self.speaker = match (crate::opened(choice, &self.home), stand_in) {
                    (Some(speaker), _) => speaker,
                    (None, Some(stand_in)) => {
                        self.tell(SpeechEvent::FellBack { wanted: choice });
                        choose(stand_in, &self.home)
                    }
                    (None, None) => choose(choice, &self.home),
                };
                self.tell(SpeechEvent::Ready {
                    backend: self.speaker.name(),
                });
            }
        }
    }

    fn read(&mut self, reading: Reading) {
        let guard = self.guard(&reading.utterance);
        let started = self.start(&reading.utterance);
        let id = reading.id;
        self.saying = Saying::Sentence { reading, guard };
        match started {
            // The next sentence is made ready behind this one, so it is there when this ends.
            Ok(()) => {
                if let Some(next) = &self.next {
                    self.speaker.prepare(next, self.rate);
                }
            }
            Err(problem) => self.sentence_failed(id, problem),
        }
    }

    /// Logs the utterance and hands it to the backend, cutting off what it was saying.
    fn start(&mut self, utterance: &Utterance) -> Result<(), SpeechError> {
        if let Some(log) = &mut self.log {
            let _ = log.record(utterance);
        }
        self.speaker.stop()?;
        self.speaker.speak(utterance, self.rate)
    }

    /// Never trust a backend to finish: after twice the expected length and [`GUARD_SLACK`]
    /// more, the utterance has failed.
    fn guard(&self, utterance: &Utterance) -> Instant {
        let expected = estimated_duration(&utterance.text, utterance.lang, self.rate);
        Instant::now() + expected * 2 + GUARD_SLACK
    }

    /// Looks at what the backend is saying and tells what changed.
    fn follow(&mut self) {
        let guard = match &self.saying {
            Saying::Nothing => return,
            Saying::Message { guard } | Saying::Sentence { guard, .. } => *guard,
        };
        let mut progress = self.speaker.progress();
        if matches!(progress, Progress::Queued | Progress::Playing) && Instant::now() >= guard {
            let _ = self.speaker.stop();
            progress = Progress::Failed(SpeechError::Failed {
                backend: self.speaker.name(),
                detail: "the voice did not finish in time".to_owned(),
            });
        }
        match std::mem::replace(&mut self.saying, Saying::Nothing) {
            Saying::Nothing => {}
            Saying::Message { guard } => match progress {
                Progress::Queued | Progress::Playing => self.saying = Saying::Message { guard },
                Progress::Finished => {
                    self.broken_told = false;
                    self.resume_reading();
                }
                Progress::Failed(problem) => {
                    self.message_failed(problem);
                    self.resume_reading();
                }
            },
            Saying::Sentence { mut reading, guard } => match progress {
                Progress::Queued => self.saying = Saying::Sentence { reading, guard },
                Progress::Playing => {
                    if !reading.began {
                        reading.began = true;
                        self.tell(SpeechEvent::SentenceStarted { id: reading.id });
                    }
                    self.saying = Saying::Sentence { reading, guard };
                }
                Progress::Finished => {
                    if !reading.began {
                        self.tell(SpeechEvent::SentenceStarted { id: reading.id });
                    }
                    self.broken_told = false;
                    self.tell(SpeechEvent::SentenceDone { id: reading.id });
                }
                Progress::Failed(problem) => self.sentence_failed(reading.id, problem),
            },
        }
    }

    fn resume_reading(&mut self) {
        if let Some(reading) = self.resume.take() {
            self.read(reading);
        }
    }

    fn message_failed(&mut self, problem: SpeechError) {
        self.saying = Saying::Nothing;
        if !self.broken_told {
            self.broken_told = true;
            self.tell(SpeechEvent::Broken { problem });
        }
    }

    fn sentence_failed(&mut self, id: u64, problem: SpeechError) {
        self.saying = Saying::Nothing;
        self.resume = None;
        // The reader tells this one itself, and speech is known to be broken.
        self.broken_told = true;
        self.tell(SpeechEvent::SentenceFailed { id, problem });
    }
}
