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
pub mod bigtext;
mod book_page;
mod club_screens;
mod keys;
mod pager;
mod painter;
pub mod qr;
mod reader;
mod reader_view;
mod remote_views;
mod render;
mod screen_copy;
mod screens;
mod spoken;
mod terminal;
mod terminfo;
pub mod text_sizing;
mod theme;

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableMouseCapture, Event};
use ratatui::crossterm::execute;

pub use app::{App, AppEvent, AppSetup, Overrides};
pub use app_remote::DownloadProgress;
pub use app_shelves::SearchNews;
pub use render::{MIN_HEIGHT, MIN_WIDTH, draw};
pub use screens::{HelpTopic, PinPurpose, Screen};
pub use theme::{ColorMode, Palette, Theme, contrast_ratio};

/// How often the loop wakes without input, to hear from worker threads and run timers.
const TICK: Duration = Duration::from_millis(100);
/// The same while a book is read aloud: the voice's "sentence ended" would otherwise wait up
/// to a whole tick before the next sentence is handed over, a gap a listener hears.
const READING_TICK: Duration = Duration::from_millis(10);

/// Runs the application in the terminal until the person quits.
pub fn run(mut app: App, events: Receiver<AppEvent>) -> anyhow::Result<()> {
    // A closed terminal window (SIGHUP) or a request to stop (SIGTERM) ends the loop like a
    // quit, so the reading place is saved.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = terminal::init()?;
    let text_sizing = match text_sizing::known_without_asking() {
        Some(known) => known,
        None => {
            // The question goes to the alternate screen, which is entered with the first frame.
            ratatui::backend::Backend::flush(terminal.backend_mut())?;
            text_sizing::probe()
        }
    };
    app.set_text_sizing(text_sizing);
    let result = event_loop(&mut terminal, &mut app, &events, &stop);
    app.shutdown();
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
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
        // Then work ahead, a piece at a time, for as long as no key waits.
        while !event::poll(Duration::ZERO)? && app.prepare_ahead() {}
        let tick = if app.reading_aloud() {
            READING_TICK
        } else {
            TICK
        };
        if event::poll(tick)? {
            match event::read()? {
                Event::Key(key) => app.handle_key(key),
                Event::Mouse(mouse) => app.handle_mouse(mouse),
                Event::Resize(..) => {}
                _ => continue,
            }
            dirty = true;
        } else if terminal::hung_up() {
            // Ends like a closed window's SIGHUP, so the reading place is saved.
            break;
        }
        while let Ok(event) = events.try_recv() {
            app.handle_event(event);
            dirty = true;
        }
    }
    Ok(())
}
