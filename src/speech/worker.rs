//! The speech thread. It owns the backend, so a slow or stuck backend never holds up the
//! screen: the UI only sends commands down a channel and hears back through events.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Silent, Speaker, SpeechLog, Utterance, UtteranceKind, choose, estimated_duration};
use crate::config::{SpeechChoice, SpeechRate};

/// What the speech thread tells the rest of the application.
#[derive(Debug, Clone, PartialEq)]
pub enum SpeechEvent {
    /// The backend in use, once chosen (`"off"` when none could be found).
    Ready { backend: &'static str },
    /// The backend failed; Leling carries on silently.
    Broken { detail: String },
    /// A sentence handed over with `Voice::read` has been spoken (or its time is up).
    SentenceDone { id: u64 },
}

enum Command {
    Say {
        utterance: Utterance,
        interrupt: bool,
    },
    Read {
        id: u64,
        utterance: Utterance,
    },
    Stop,
    SetRate(SpeechRate),
    Switch(SpeechChoice),
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
        events: Sender<E>,
    ) -> Voice {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("speech".to_owned())
            .spawn(move || run(choice, rate, log, rx, events))
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

    /// An interface announcement: it cuts off whatever was being said.
    pub fn announce(&self, text: impl Into<String>) {
        self.send(Command::Say {
            utterance: Utterance::new(UtteranceKind::Message, text),
            interrupt: true,
        });
    }

    /// One sentence of a book, read aloud; `SentenceDone` with the same id follows when it has
    /// been spoken. It cuts off whatever was being said.
    pub fn read(&self, id: u64, text: impl Into<String>) {
        self.send(Command::Read {
            id,
            utterance: Utterance::new(UtteranceKind::Text, text),
        });
    }

    pub fn stop(&self) {
        self.send(Command::Stop);
    }

    pub fn set_rate(&self, rate: SpeechRate) {
        self.send(Command::SetRate(rate));
    }

    pub fn switch(&self, choice: SpeechChoice) {
        self.send(Command::Switch(choice));
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

/// A sentence being read, and when it must be over by.
struct Reading {
    id: u64,
    started: Instant,
    estimate: Duration,
}

impl Reading {
    /// Never trust a backend to say it is done: after twice the estimate and a second more,
    /// the sentence counts as spoken.
    fn watchdog(&self) -> Duration {
        self.estimate * 2 + Duration::from_secs(1)
    }
}

/// How often the speech thread looks at a backend that is reading.
const POLL: Duration = Duration::from_millis(20);

fn run<E: From<SpeechEvent>>(
    choice: SpeechChoice,
    mut rate: SpeechRate,
    mut log: Option<SpeechLog>,
    commands: Receiver<Command>,
    events: Sender<E>,
) {
    let mut speaker = choose(choice);
    let _ = events.send(
        SpeechEvent::Ready {
            backend: speaker.name(),
        }
        .into(),
    );
    let mut reading: Option<Reading> = None;
    loop {
        let command = match &reading {
            None => match commands.recv() {
                Ok(command) => Some(command),
                Err(_) => return,
            },
            Some(_) => match commands.recv_timeout(POLL) {
                Ok(command) => Some(command),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        let result = match command {
            None => Ok(()),
            Some(Command::Say {
                utterance,
                interrupt,
            }) => {
                reading = None;
                say(&mut *speaker, &mut log, &utterance, interrupt, rate)
            }
            Some(Command::Read { id, utterance }) => {
                reading = Some(Reading {
                    id,
                    started: Instant::now(),
                    estimate: estimated_duration(&utterance.text, utterance.lang, rate),
                });
                say(&mut *speaker, &mut log, &utterance, true, rate)
            }
            Some(Command::Stop) => {
                reading = None;
                speaker.stop()
            }
            Some(Command::SetRate(new_rate)) => {
                rate = new_rate;
                Ok(())
            }
            Some(Command::Switch(new_choice)) => {
                reading = None;
                speaker = choose(new_choice);
                let _ = events.send(
                    SpeechEvent::Ready {
                        backend: speaker.name(),
                    }
                    .into(),
                );
                Ok(())
            }
        };
        if let Err(error) = result {
            speaker = Box::new(Silent);
            let _ = events.send(
                SpeechEvent::Broken {
                    detail: error.to_string(),
                }
                .into(),
            );
        }
        if let Some(current) = &reading {
            let elapsed = current.started.elapsed();
            let done = match speaker.is_speaking() {
                Some(speaking) => !speaking || elapsed >= current.watchdog(),
                None => elapsed >= current.estimate,
            };
            if done {
                let _ = events.send(SpeechEvent::SentenceDone { id: current.id }.into());
                reading = None;
            }
        }
    }
}

fn say(
    speaker: &mut dyn Speaker,
    log: &mut Option<SpeechLog>,
    utterance: &Utterance,
    interrupt: bool,
    rate: SpeechRate,
) -> Result<(), super::SpeechError> {
    if let Some(log) = log {
        let _ = log.record(utterance);
    }
    if interrupt {
        speaker.stop()?;
    }
    speaker.speak(utterance, rate)
}
