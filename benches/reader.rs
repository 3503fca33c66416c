//! Reader benchmarks (figures for the issue notes, not pass/fail):
//! opening the large corpus books, whole and their first chapter alone, in UTF-8 and in the
//! encodings they also come in (Big5, GB18030, UTF-16); laying out all of 紅樓夢 at 80
//! columns (what the background page count does); End right after 紅樓夢 opens, in UTF-8
//! and in Big5; Space to the first utterance handed to speech; and a page turn of 吶喊 at ×3
//! on 80 × 24 with the page drawn as sixel pictures (the time and the bytes written).
//!
//! Run: `cargo bench --bench reader`

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use leling::config::{self, SpeechChoice};
use leling::document;
use leling::layout::{self, BookText, LayoutOptions};
use leling::model::Lang;
use leling::speech::{SpeechLog, Voice};
use leling::store::Store;
use leling::ui::{App, AppEvent, AppSetup, ColorMode, Overrides};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn corpus(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(relative)
}

fn median_ms(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    median_ms(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let hongloumeng = corpus("texts/zh/hongloumeng-traditional-pg24264.txt");
    let moby = corpus("epub/idpf-moby-dick.epub");
    println!(
        "open 紅樓夢 (2.5 MB text): median {:.1} ms",
        time(10, || document::open(&hongloumeng).unwrap())
    );
    println!(
        "open Moby-Dick EPUB: median {:.1} ms",
        time(10, || document::open(&moby).unwrap())
    );

    let copies = tempfile::tempdir().unwrap();
    let big5 = encoded_copy(
        &hongloumeng,
        Encoded::Legacy(encoding_rs::BIG5),
        copies.path(),
    );
    let gb18030 = encoded_copy(
        &hongloumeng,
        Encoded::Legacy(encoding_rs::GB18030),
        copies.path(),
    );
    let moby_text = corpus("texts/en/moby-dick-pg2701.txt");
    let moby_utf16 = encoded_copy(&moby_text, Encoded::Utf16, copies.path());
    for (name, path) in [
        ("紅樓夢 in UTF-8", &hongloumeng),
        ("紅樓夢 in Big5", &big5),
        ("紅樓夢 in GB18030", &gb18030),
        ("Moby-Dick text in UTF-8", &moby_text),
        ("Moby-Dick text in UTF-16", &moby_utf16),
    ] {
        println!(
            "open {name}: whole median {:.1} ms, first chapter alone median {:.1} ms",
            time(10, || document::open(path).unwrap()),
            time(10, || document::open_start(path, 0).unwrap())
        );
    }
    for (name, path) in [("紅樓夢 in UTF-8", &hongloumeng), ("紅樓夢 in Big5", &big5)] {
        println!(
            "End to the last page of {name} drawn: on its first frame (the rest of the book \
             still being read) median {:.1} ms; while its pages are counted median {:.1} ms",
            end_key(path, When::FirstFrame),
            end_key(path, When::Counting)
        );
    }

    let book = BookText::new(document::open(&hongloumeng).unwrap());
    // Laid out as the reader lays out a Chinese book.
    let options = LayoutOptions {
        chinese: true,
        ..LayoutOptions::new(80, 22)
    };
    let full = time(10, || {
        book.chapters
            .iter()
            .map(|chapter| layout::lay_out(chapter, &options).pages.len())
            .sum::<usize>()
    });
    println!("full layout of 紅樓夢 at 80 columns: median {full:.1} ms");

    // Searching the book: folding every chapter once (the first search), then one keystroke's
    // query over the folded text (simplified characters finding the traditional ones).
    let fold_once = time(5, || {
        book.chapters
            .iter()
            .map(|chapter| leling::catalog::script::Searchable::new(&chapter.text))
            .collect::<Vec<_>>()
    });
    let folded: Vec<_> = book
        .chapters
        .iter()
        .map(|chapter| leling::catalog::script::Searchable::new(&chapter.text))
        .collect();
    let keystroke = time(10, || {
        folded
            .iter()
            .zip(&book.chapters)
            .map(|(searchable, chapter)| searchable.find_all(&chapter.text, "宝玉").len())
            .sum::<usize>()
    });
    println!(
        "search in 紅樓夢: first search (folding) median {fold_once:.1} ms, then {keystroke:.1} ms a keystroke"
    );

    println!(
        "Space to first utterance handed to speech: median {:.2} ms",
        space_to_utterance()
    );

    let (turn, bytes) = page_turn_in_pictures();
    println!(
        "page turn of 吶喊 at ×3 on 80 × 24 drawn as sixel pictures: median {turn:.1} ms, {:.0} KB written a turn",
        bytes as f64 / 1024.0
    );
}

/// Counts the bytes a terminal would be sent.
#[derive(Clone, Default)]
struct Counted(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .fetch_add(buf.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Opens 吶喊 at ×3 where the terminal shows sixel pictures (cells of 12 × 24 pixels, as xterm
/// at 14 points) and times → until the next page's pictures are written, through the frame
/// writer the program uses, page after page.
/// Returns the median milliseconds and the median bytes written a turn.
fn page_turn_in_pictures() -> (f64, usize) {
    use leling_term::pictures::{CellPixels, Protocol, Shows};
    use leling_term::terminal::FrameWriter;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "zoom = 3\n").unwrap();
    let mut app = app_in(dir.path(), None);
    let cell = CellPixels {
        width: 12,
        height: 24,
    };
    app.look.set_ask(Box::new(move || {
        Some(Shows {
            protocol: Protocol::Sixel,
            cell,
        })
    }));
    let counted = Counted::default();
    let backend = FrameWriter::new(CrosstermBackend::new(counted.clone()), false);
    let viewport = Viewport::Fixed(Rect::new(0, 0, 80, 24));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    app.open_book(
        &corpus("texts/zh/luxun-nahan-traditional-pg27166.txt"),
        None,
    )
    .unwrap();
    let mut turns = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..30 {
        let before = counted.0.load(std::sync::atomic::Ordering::Relaxed);
        let start = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        terminal
            .draw(|frame| leling::ui::draw(frame, &mut app))
            .unwrap();
        turns.push(start.elapsed());
        bytes.push(counted.0.load(std::sync::atomic::Ordering::Relaxed) - before);
    }
    bytes.sort();
    (median_ms(turns), bytes[bytes.len() / 2])
}

/// How a copy of a corpus text is encoded.
enum Encoded {
    /// Characters the encoding lacks become numeric character references, as encoding_rs
    /// writes them: a handful in 紅樓夢's Big5 copy, none in its GB18030 one.
    Legacy(&'static encoding_rs::Encoding),
    /// Little-endian after a byte-order mark (encoding_rs has no UTF-16 encoder).
    Utf16,
}

/// A copy of the UTF-8 text at `path`, encoded as `encoded` says, in `folder`.
fn encoded_copy(path: &Path, encoded: Encoded, folder: &Path) -> PathBuf {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let (name, bytes) = match encoded {
        Encoded::Legacy(encoding) => (encoding.name(), encoding.encode(text).0.into_owned()),
        Encoded::Utf16 => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            ("UTF-16LE", bytes)
        }
    };
    let copy = folder.join(format!("{name}-{}", path.file_name().unwrap().display()));
    std::fs::write(&copy, bytes).unwrap();
    copy
}

/// The application on a fresh data directory in `dir`, speaking Chinese (silently, into the
/// speech log at `log`, if given).
fn app_in(dir: &Path, log: Option<&Path>) -> App {
    let (tx, _rx) = mpsc::channel();
    let settings = config::load(&dir.join("config.toml"));
    let log = log.map(|log| SpeechLog::open(log).unwrap());
    let voice = Voice::start(
        SpeechChoice::Off,
        settings.settings.speech_rate,
        log,
        leling::voice::VoiceHome::at(dir.join("voice")),
        tx.clone(),
    );
    App::new(AppSetup {
        settings,
        overrides: Overrides {
            lang: Some(Lang::Zh),
            ..Overrides::default()
        },
        kiosk: false,
        color_mode: ColorMode::TrueColor,
        store: Store::open(&dir.join("leling.db")).unwrap(),
        voice,
        events: tx,
        data_dir: dir.to_owned(),
    })
}

/// When End is pressed after a book opens.
#[derive(Clone, Copy, PartialEq)]
enum When {
    /// Once the first page is drawn: the rest of the book is being read on a worker thread.
    FirstFrame,
    /// Once the whole book is in and drawn: its pages are being counted on a worker thread.
    Counting,
}

/// Opens the book at `path`, draws its first page at 80 × 24 as the program does, and times
/// End pressed `when` until the last page is drawn.
fn end_key(path: &Path, when: When) -> f64 {
    let mut samples = Vec::new();
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_in(dir.path(), None);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut draw = |app: &mut App| {
            terminal.draw(|frame| leling::ui::draw(frame, app)).unwrap();
        };
        app.open_book(path, None).unwrap();
        draw(&mut app);
        app.stack.frame_shown();
        if when == When::Counting {
            app.handle_event(AppEvent::WholeBookRead);
            // This frame starts the count.
            draw(&mut app);
        }
        let start = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        draw(&mut app);
        samples.push(start.elapsed());
    }
    median_ms(samples)
}

/// Opens 吶喊 in the application (speech off, speech log on), presses Space, and times how
/// long until the sentence reaches the speech log.
fn space_to_utterance() -> f64 {
    let mut samples = Vec::new();
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let log_path = dir.path().join("speech.log");
        let mut app = app_in(dir.path(), Some(&log_path));
        app.open_book(
            &corpus("texts/zh/luxun-nahan-traditional-pg27166.txt"),
            None,
        )
        .unwrap();
        let lines_before = wait_lines(&log_path, 1);
        let start = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
        while std::fs::read_to_string(&log_path).unwrap().lines().count() <= lines_before {
            std::hint::spin_loop();
        }
        samples.push(start.elapsed());
    }
    median_ms(samples)
}

fn wait_lines(path: &Path, at_least: usize) -> usize {
    loop {
        let n = std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .count();
        if n >= at_least {
            return n;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
