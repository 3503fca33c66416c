//! Zoomed text drawn as pictures with a real font, for terminals that show pictures but cannot
//! scale text (xterm as a VT340, foot, mlterm, WezTerm, Konsole, Windows Terminal: sixel).
//!
//! Each zoomed row of text becomes one picture of the cells it covers, drawn with the system's
//! monospaced Chinese font ([`PictureFont`]) at the cell size the terminal reports, in the
//! row's own colours (reverse video for the focused choice and the sentence being read
//! included). The picture goes in the row's first cell as the painter's OSC 66 text does, so
//! the frame writer sends a row again only when its picture changed.
//!
//! Whether the terminal shows sixel is asked (its primary device attributes list 4), and only
//! when text is first wanted above ×1, so a first page never waits for it. A sixel picture that
//! reaches the screen's last row makes xterm scroll the screen, so pictures stay above it
//! ([`Pictures::keeps_last_row_free`]). `LELING_PICTURES=off|sixel` decides instead of asking.

mod font;
mod raster;
mod sixel;

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Mutex;

use ratatui::style::Style;

pub use font::{FontProblem, PictureFont};
pub use raster::CellPixels;

/// The environment variable that forces pictures off, or on as sixel.
pub const ENV: &str = "LELING_PICTURES";

/// How many rows' pictures are kept for the next frame: more than a screen has.
const KEPT_ROWS: usize = 200;
/// The widest picture, in pixels: xterm shows none wider than its `maxGraphicSize`, 1000 by
/// default, so a wider row goes out as several pictures side by side.
const WIDEST_PICTURE: u16 = 1000;

/// How a terminal shows pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Sixel,
}

/// What a terminal said about its pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shows {
    pub protocol: Protocol,
    pub cell: CellPixels,
}

/// Whether this terminal shows pictures, and the size of its cells: from `LELING_PICTURES`,
/// else asked of the terminal. Call before anything else reads keys (or on the thread that
/// does).
pub fn probe() -> Option<Shows> {
    let forced = std::env::var(ENV).ok();
    if forced.as_deref() == Some("off") {
        return None;
    }
    let reply = crate::tty_question::ask(
        b"\x1b[16t\x1b[c",
        |reply| crate::tty_question::last_report(reply, "?", b'c').is_some(),
        b"",
    )
    .unwrap_or_default();
    let sixel = forced.as_deref() == Some("sixel")
        || crate::tty_question::last_report(&reply, "?", b'c')
            .is_some_and(|attributes| attributes.contains(&"4"));
    let cell = cell_pixels(&reply)?;
    sixel.then_some(Shows {
        protocol: Protocol::Sixel,
        cell,
    })
}

/// The size of a cell in pixels: from the window's size in pixels, which the terminal gives
/// with its size in cells, else from its answer to `CSI 16 t` (xterm gives the first and,
/// by default, refuses the second).
fn cell_pixels(reply: &[u8]) -> Option<CellPixels> {
    let from_window = ratatui::crossterm::terminal::window_size()
        .ok()
        .filter(|w| w.width > 0 && w.height > 0 && w.columns > 0 && w.rows > 0)
        .map(|w| CellPixels {
            width: w.width / w.columns,
            height: w.height / w.rows,
        });
    let answered = || match crate::tty_question::last_report(reply, "", b't')?.as_slice() {
        ["6", height, width] => Some(CellPixels {
            width: width.parse().ok()?,
            height: height.parse().ok()?,
        }),
        _ => None,
    };
    from_window
        .or_else(answered)
        .filter(|cell| cell.width >= 4 && cell.height >= 8)
}

/// Draws rows of zoomed text as pictures for one terminal.
pub struct Pictures {
    shows: Shows,
    font: PictureFont,
    /// Rows already drawn, by what they show: a frame redrawn for a key that changed one row
    /// draws only that row again.
    drawn: Mutex<HashMap<RowKey, String>>,
}

#[derive(PartialEq, Eq, Hash)]
struct RowKey {
    zoom: u16,
    columns: u16,
    pieces: Vec<(String, Style)>,
}

impl Pictures {
    pub fn new(shows: Shows, font: PictureFont) -> Pictures {
        Pictures {
            shows,
            font,
            drawn: Mutex::new(HashMap::new()),
        }
    }

    /// A sixel picture on the screen's last row scrolls the whole screen up in xterm: the
    /// screens leave that row to the terminal's background.
    pub fn keeps_last_row_free(&self) -> bool {
        self.shows.protocol == Protocol::Sixel
    }

    /// The most terminal columns one picture may cover.
    pub fn widest_columns(&self) -> u16 {
        (WIDEST_PICTURE / self.shows.cell.width).max(1)
    }

    pub fn font(&self) -> &PictureFont {
        &self.font
    }

    /// The escape that shows `pieces` at `zoom`, `columns` cells wide, with its top-left corner
    /// at the cell `(x, y)`, leaving the cursor after it on its first row.
    pub fn row(&self, x: u16, y: u16, zoom: u16, columns: u16, pieces: &[(&str, Style)]) -> String {
        let key = RowKey {
            zoom,
            columns,
            pieces: pieces.iter().map(|(t, s)| ((*t).to_owned(), *s)).collect(),
        };
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        if drawn.len() > KEPT_ROWS && !drawn.contains_key(&key) {
            drawn.clear();
        }
        let picture = drawn.entry(key).or_insert_with(|| {
            let picture = raster::draw_row(&self.font, self.shows.cell, zoom, pieces, columns);
            match self.shows.protocol {
                Protocol::Sixel => sixel::encode(&picture),
            }
        });
        // The cells under the picture are emptied first: text left in them would show through
        // the terminal's cursor, and a screen reader would read it.
        let mut escape = String::with_capacity(picture.len() + 16 * usize::from(zoom) + 16);
        for row in y..y + zoom {
            let _ = write!(escape, "\x1b[{};{}H\x1b[{columns}X", row + 1, x + 1);
        }
        let _ = write!(
            escape,
            "\x1b[{};{}H{picture}\x1b[{};{}H",
            y + 1,
            x + 1,
            y + 1,
            x + columns + 1
        );
        escape
    }
}
