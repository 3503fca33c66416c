//! The speech thread. It owns the backend, so a slow or stuck backend never holds up the
//! screen: the UI only sends commands down a channel and hears back through events.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::{Silent, SpeechLog, Utterance, UtteranceKind, choose};
use crate::config::{SpeechChoice, SpeechRate};

/// What the speech thread tells the rest of the application.
#[derive(Debug, Clone, PartialEq)]
pub enum SpeechEvent {
    /// The backend in use, once chosen (`"off"` when none could be found).
    Ready { backend: &'static str },
    /// The backend failed; Leling carries on silently.
    Broken { detail: String },
}

enum Command {
    Say {
        utterance: Utterance,
        interrupt: bool,
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
    for command in commands {
        let result = match command {
            Command::Say {
                utterance,
                interrupt,
            } => {
                if let Some(log) = &mut log {
                    let _ = log.record(&utterance);
                }
                let stopped = if interrupt { speaker.stop() } else { Ok(()) };
                stopped.and_then(|()| speaker.speak(&utterance, rate))
            }
            Command::Stop => speaker.stop(),
            Command::SetRate(new_rate) => {
                rate = new_rate;
                Ok(())
            }
            Command::Switch(new_choice) => {
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
    }
}
