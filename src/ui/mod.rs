//! The terminal application: the event loop that owns the terminal.
//!
//! The loop waits for the next terminal event or a message from a worker thread, updates the
//! state, and redraws only when something changed. It never waits on disk or speech.

mod app;
mod keys;
mod render;
mod screens;
mod theme;

use std::io::stdout;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

pub use app::{App, AppEvent, AppSetup, Overrides};
pub use render::{MIN_HEIGHT, MIN_WIDTH, draw};
pub use screens::{Feature, HelpTopic, PinPurpose, Screen};
pub use theme::{ColorMode, Palette, Theme, contrast_ratio};

/// How often the loop wakes without input, to hear from worker threads and run timers.
const TICK: Duration = Duration::from_millis(100);

/// Runs the application in the terminal until the person quits.
pub fn run(mut app: App, events: Receiver<AppEvent>) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    // Mouse capture is a nicety: a terminal without it still works with keys alone.
    let _ = execute!(stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, &events);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    events: &Receiver<AppEvent>,
) -> anyhow::Result<()> {
    app.announce_screen();
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| draw(frame, app))?;
            dirty = false;
        }
        if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) => app.handle_key(key),
                Event::Mouse(mouse) => app.handle_mouse(mouse),
                Event::Resize(..) => {}
                _ => continue,
            }
            dirty = true;
        }
        while let Ok(event) = events.try_recv() {
            app.handle_event(event);
            dirty = true;
        }
        dirty |= app.tick(Instant::now());
    }
    Ok(())
}
