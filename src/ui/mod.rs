//! The terminal application: the event loop that owns the terminal.
//!
//! The loop waits for the next terminal event or a message from a worker thread, updates the
//! state, and redraws only when something changed. It never waits on disk or speech.

mod app;
mod app_catalogs;
mod app_club;
mod app_find;
mod app_lectures;
mod app_reader;
mod app_remote;
mod app_shelves;
mod app_sync;
mod book_page;
mod club_screens;
mod keys;
mod pager;
pub mod qr;
mod reader;
mod reader_view;
mod remote_views;
mod render;
mod screens;
mod spoken;
mod theme;

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use leling_term::{terminal, text_sizing};
use ratatui::crossterm::event::{self, DisableMouseCapture};
use ratatui::crossterm::execute;

pub use app::{App, AppEvent, AppSetup, Overrides};
pub use app_remote::DownloadProgress;
pub use app_shelves::SearchNews;
pub use render::{MIN_HEIGHT, MIN_WIDTH, draw};
pub use screens::{HelpTopic, PinPurpose, Screen};
pub use theme::{ColorMode, Palette, Theme, contrast_ratio};

/// How often the loop wakes when nothing happens, to run timers (idle return, saving the
/// place) and to notice a closed terminal. Input and news from other threads wake it at once.
const TICK: Duration = Duration::from_millis(100);
/// How long the input thread waits on the terminal before it looks whether the loop has ended.
const INPUT_WAIT: Duration = Duration::from_millis(50);

/// Runs the application in the terminal until the person quits. `sender` is the sending side
/// of `events`: the terminal's input goes through the same channel as the workers' news.
pub fn run(
    mut app: App,
    sender: Sender<AppEvent>,
    events: Receiver<AppEvent>,
) -> anyhow::Result<()> {
    // A closed terminal window (SIGHUP) or a request to stop (SIGTERM) ends the loop like a
    // quit, so the reading place is saved.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = terminal::init(crate::catalog::panic_guard::is_quiet)?;
    let text_sizing = match text_sizing::known_without_asking() {
        Some(known) => known,
        None => {
            // The question goes to the alternate screen, which is entered with the first frame.
            ratatui::backend::Backend::flush(terminal.backend_mut())?;
            text_sizing::probe()
        }
    };
    app.set_text_sizing(text_sizing);
    // The input thread starts after the probe above, which reads the terminal's answer itself.
    let input_ended = Arc::new(AtomicBool::new(false));
    let input = forward_input(sender, Arc::clone(&input_ended));
    let result = event_loop(&mut terminal, &mut app, &events, &stop);
    input_ended.store(true, Ordering::Relaxed);
    let _ = input.join();
    app.shutdown();
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Reads the terminal on a thread of its own and passes each event into the loop's channel.
fn forward_input(sender: Sender<AppEvent>, ended: Arc<AtomicBool>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !ended.load(Ordering::Relaxed) {
            match event::poll(INPUT_WAIT) {
                Ok(true) => match event::read() {
                    Ok(event) => {
                        if sender.send(AppEvent::Terminal(event)).is_err() {
                            return;
                        }
                    }
                    // The terminal is gone; the loop notices it by itself (`hung_up`).
                    Err(_) => return,
                },
                Ok(false) => {}
                Err(_) => return,
            }
        }
    })
}

fn event_loop(
    terminal: &mut terminal::LelingTerminal,
    app: &mut App,
    events: &Receiver<AppEvent>,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    if matches!(app.screen(), Screen::Home { .. }) {
        app.announce_screen();
    }
    let mut dirty = true;
    let mut waiting = None;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| draw(frame, app))?;
            app.frame_shown();
            dirty = false;
        }
        // Timers (saving the place among them) run once the frame is out, so a key's answer
        // never waits for them.
        if app.tick(Instant::now()) {
            dirty = true;
            continue;
        }
        // Then work ahead, a piece at a time, for as long as nothing waits.
        while waiting.is_none() {
            match events.try_recv() {
                Ok(event) => waiting = Some(event),
                Err(_) => {
                    if !app.prepare_ahead() {
                        break;
                    }
                }
            }
        }
        let next = match waiting.take() {
            Some(event) => Some(event),
            None => match events.recv_timeout(TICK) {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                // Every sender is gone: nothing more can happen but a quit.
                Err(RecvTimeoutError::Disconnected) => break,
            },
        };
        match next {
            Some(event) => {
                app.handle_event(event);
                // News that came meanwhile is taken in before the next frame.
                while let Ok(event) = events.try_recv() {
                    app.handle_event(event);
                }
                dirty = true;
            }
            // Ends like a closed window's SIGHUP, so the reading place is saved.
            None if terminal::hung_up() => break,
            None => {}
        }
    }
    Ok(())
}
