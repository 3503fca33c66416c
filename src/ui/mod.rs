//! The terminal application: the event loop that owns the terminal.
//!
//! The loop waits on one channel for the next terminal event, a signal, a worker's or the
//! voice's news, or until the next timer is due (no fixed wake-up), updates the state, and
//! redraws only when something changed. It never waits on disk or speech.

mod app;
mod app_input;
mod app_reader;
mod app_speaking;
mod app_stack;
mod app_sync;
mod book_page;
mod book_search;
mod component;
mod drawn;
mod events;
mod focus;
mod keys;
mod look;
mod opened_book;
mod pager;
mod prefs;
pub mod qr;
mod reader;
mod reader_view;
mod render;
mod screen_stack;
mod screens;
mod settings_rows;
mod speaker;
mod spoken;
mod text_fit;
mod theme;
mod timers;
mod view;
mod workers;

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use leling_term::{pictures, terminal, text_sizing};
use ratatui::crossterm::event::{self, DisableMouseCapture};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

pub use app::{App, AppSetup};
pub use component::Screen;
pub use events::{AppEvent, DownloadProgress, SearchNews};
pub use render::{MIN_HEIGHT, MIN_WIDTH, draw};
pub use settings_rows::Overrides;
pub use theme::{ColorMode, Palette, Theme, contrast_ratio};
pub use view::HelpTopic;

/// How long the input thread waits on the terminal before it looks whether the loop has ended
/// or the terminal has gone away.
const INPUT_WAIT: Duration = Duration::from_millis(50);
/// How long the screens wait for the input thread to ask the terminal a question: its wait
/// for the keys, then the terminal's for an answer.
const QUESTION_WAIT: Duration = Duration::from_millis(500);

/// Runs the application in the terminal until the person quits. `sender` is the sending side
/// of `events`: the terminal's input goes through the same channel as the workers' news.
pub fn run(
    mut app: App,
    sender: Sender<AppEvent>,
    events: Receiver<AppEvent>,
) -> anyhow::Result<()> {
    // A closed terminal window (SIGHUP) or a request to stop (SIGTERM) ends the loop like a
    // quit, so the reading place is saved: the signal comes in through the loop's channel.
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let signals_handle = signals.handle();
    let stop_sender = sender.clone();
    let signal_thread = std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = stop_sender.send(AppEvent::Stop);
        }
    });
    let mut terminal = terminal::init(crate::catalog::panic_guard::is_quiet)?;
    let text_sizing = match text_sizing::known_without_asking() {
        Some(known) => known,
        None => {
            // The question goes to the alternate screen, which is entered with the first frame.
            ratatui::backend::Backend::flush(terminal.backend_mut())?;
            text_sizing::probe()
        }
    };
    app.look.set_text_sizing(text_sizing);
    // Before the keys are read, the terminal's answers are read here.
    app.look.set_ask(Box::new(pictures::probe));
    // Her size, chosen where text could be enlarged, cannot be shown here: she is told why.
    let lang = app.prefs.lang();
    if let Some(cannot) = app.look.cannot_show(&app.prefs.settings, lang) {
        app.speaker.status.get_or_insert(cannot);
    }
    // The input thread starts after the probes above, which read the terminal's answers
    // themselves; later questions are asked by that thread, which reads everything the
    // terminal sends.
    let input_ended = Arc::new(AtomicBool::new(false));
    let (questions, asked) = mpsc::channel();
    let (answer, answers) = mpsc::channel();
    let input = forward_input(sender, Arc::clone(&input_ended), (asked, answer));
    app.look.set_ask(Box::new(move || {
        questions.send(()).ok()?;
        answers.recv_timeout(QUESTION_WAIT).ok().flatten()
    }));
    let result = event_loop(&mut terminal, &mut app, &events);
    input_ended.store(true, Ordering::Relaxed);
    let _ = input.join();
    signals_handle.close();
    let _ = signal_thread.join();
    app.shutdown();
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Reads the terminal on a thread of its own and passes each event into the loop's channel;
/// a terminal that has gone away (its window closed with no hang-up signal, or unreadable)
/// is passed on as a request to stop.
fn forward_input(
    sender: Sender<AppEvent>,
    ended: Arc<AtomicBool>,
    (asked, answer): (Receiver<()>, Sender<Option<pictures::Shows>>),
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !ended.load(Ordering::Relaxed) {
            // Between two reads, so the terminal's answer is not taken for keys.
            if asked.try_recv().is_ok() {
                let _ = answer.send(pictures::probe());
            }
            let news = match event::poll(INPUT_WAIT) {
                Ok(true) => match event::read() {
                    Ok(event) => AppEvent::Terminal(event),
                    Err(_) => AppEvent::Stop,
                },
                Ok(false) if terminal::hung_up() => AppEvent::Stop,
                Ok(false) => continue,
                Err(_) => AppEvent::Stop,
            };
            let stopping = matches!(news, AppEvent::Stop);
            if sender.send(news).is_err() || stopping {
                return;
            }
        }
    })
}

fn event_loop(
    terminal: &mut terminal::LelingTerminal,
    app: &mut App,
    events: &Receiver<AppEvent>,
) -> anyhow::Result<()> {
    if app.stack.at_home() {
        app.announce_screen();
    }
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| draw(frame, app))?;
            // kitty's pictures are placed once the frame is out.
            if let Some(placed) = app.look.after_frame() {
                use std::io::Write;
                let mut out = stdout().lock();
                out.write_all(placed.as_bytes())?;
                out.flush()?;
            }
            app.stack.frame_shown();
            dirty = false;
        }
        // Timers (saving the place among them) run once the frame is out, so a key's answer
        // never waits for them.
        if app.tick(Instant::now()) {
            dirty = true;
            continue;
        }
        // Then work ahead, a piece at a time, for as long as nothing waits.
        let waiting = loop {
            match events.try_recv() {
                Ok(event) => break Some(event),
                Err(_) if app.stack.work_ahead() => {}
                Err(_) => break None,
            }
        };
        // Nothing to do until input, news or the next timer: the loop sleeps until then.
        let next = match waiting {
            Some(event) => Some(event),
            None => match app.timers().next() {
                Some(at) => match events.recv_timeout(at.saturating_duration_since(Instant::now()))
                {
                    Ok(event) => Some(event),
                    Err(RecvTimeoutError::Timeout) => None,
                    // Every sender is gone: nothing more can happen but a quit.
                    Err(RecvTimeoutError::Disconnected) => break,
                },
                None => match events.recv() {
                    Ok(event) => Some(event),
                    Err(_) => break,
                },
            },
        };
        // Without an event a timer is due, and `tick` runs it at the top of the loop.
        if let Some(event) = next {
            app.handle_event(event);
            // News that came meanwhile is taken in before the next frame.
            while let Ok(event) = events.try_recv() {
                app.handle_event(event);
            }
            dirty = true;
        }
    }
    Ok(())
}
