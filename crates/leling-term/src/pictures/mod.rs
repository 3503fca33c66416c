//! Zoomed text drawn as pictures with a real font, for terminals that show pictures but cannot
//! scale text: sixel (xterm as a VT340, foot, mlterm, WezTerm, Konsole, Windows Terminal), the
//! kitty graphics protocol (kitty before its text sizing, Ghostty) and iTerm2's inline
//! pictures (iTerm2, and terminals that name themselves as having them).
//!
//! Each zoomed row of text becomes one picture of the cells it covers, drawn with the system's
//! monospaced Chinese font ([`PictureFont`]) at the cell size the terminal reports, in the
//! row's own colours (reverse video for the focused choice and the sentence being read
//! included). A sixel or iTerm2 picture goes in the row's first cell as the painter's OSC 66
//! text does, so the frame writer sends a row again only when its picture changed; a kitty
//! picture is sent once and placed after each frame ([`Pictures::after_frame`]).
//!
//! Whether the terminal shows sixel is asked (its primary device attributes list 4), or kitty's
//! pictures (it answers a query for a 1×1 image), and only when text is first wanted above ×1,
//! so a first page never waits for it; iTerm2's, which no terminal tells when asked, where the
//! terminal names itself as one that has them. Sixel is taken where a terminal has more than
//! one: its pictures ride in the cells, and go out only when they change. A picture in the
//! cells that reaches the screen's last row makes the terminal scroll the screen, so pictures
//! stay above it ([`Pictures::keeps_last_row_free`]). `LELING_PICTURES=off|sixel|kitty|iterm2`
//! decides instead of asking.

mod font;
mod iterm;
mod kitty;
mod raster;
mod sixel;

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::Mutex;

use ratatui::style::Style;

pub use font::{FontProblem, PictureFont};
pub use raster::CellPixels;

/// The environment variable that forces pictures off, or on as sixel, kitty's or iTerm2's.
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
    Kitty,
    Iterm2,
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
    let question = [kitty::QUESTION, b"\x1b[16t\x1b[c"].concat();
    let reply = crate::tty_question::ask(
        &question,
        |reply| crate::tty_question::last_report(reply, "?", b'c').is_some(),
        b"",
    )
    .unwrap_or_default();
    let sixel = crate::tty_question::last_report(&reply, "?", b'c')
        .is_some_and(|attributes| attributes.contains(&"4"));
    let named = |name: &str| std::env::var(name).ok();
    let protocol = match forced.as_deref() {
        Some("sixel") => Protocol::Sixel,
        Some("kitty") => Protocol::Kitty,
        Some("iterm2") => Protocol::Iterm2,
        _ if sixel => Protocol::Sixel,
        _ if kitty::answered_yes(&reply) => Protocol::Kitty,
        _ if iterm::named_by(
            named("TERM_PROGRAM").as_deref(),
            named("LC_TERMINAL").as_deref(),
        ) =>
        {
            Protocol::Iterm2
        }
        _ => return None,
    };
    let cell = cell_pixels(&reply)?;
    Some(Shows { protocol, cell })
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
    drawn: Mutex<HashMap<RowKey, Drawn>>,
    /// kitty's pictures: what this frame places, and which images the terminal has.
    kitty: Mutex<KittyFrame>,
}

/// A row's picture as it goes out.
enum Drawn {
    /// The escape that draws it from the row's first cell (sixel, iTerm2's).
    InCells(String),
    /// The number of the kitty image, and the picture until it is sent.
    Kitty(u32, Option<raster::Picture>),
}

#[derive(Default)]
struct KittyFrame {
    /// Where this frame's pictures go: (x, y, columns, rows, image).
    placed: Vec<(u16, u16, u16, u16, u32)>,
    /// Some were placed by the last frame.
    shown: bool,
    /// The rows drawn were forgotten: the terminal's images are to be, too.
    forget: bool,
    next_image: u32,
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
            kitty: Mutex::new(KittyFrame::default()),
        }
    }

    /// A picture in the cells on the screen's last row scrolls the whole screen up (xterm's
    /// sixel, iTerm2's, which leave the cursor below): the screens leave that row to the
    /// terminal's background.
    pub fn keeps_last_row_free(&self) -> bool {
        self.shows.protocol != Protocol::Kitty
    }

    /// The most terminal columns one picture may cover.
    pub fn widest_columns(&self) -> u16 {
        (WIDEST_PICTURE / self.shows.cell.width).max(1)
    }

    pub fn font(&self) -> &PictureFont {
        &self.font
    }

    /// Draws `pieces` at `zoom`, `columns` cells wide, with its top-left corner at the cell
    /// `(x, y)`: the escape to put in that cell (sixel or iTerm2's, leaving the cursor after it
    /// on its first row), or None where the picture is placed after the frame
    /// ([`Pictures::after_frame`]).
    pub fn row(
        &self,
        x: u16,
        y: u16,
        zoom: u16,
        columns: u16,
        pieces: &[(&str, Style)],
    ) -> Option<String> {
        let key = RowKey {
            zoom,
            columns,
            pieces: pieces.iter().map(|(t, s)| ((*t).to_owned(), *s)).collect(),
        };
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        let mut kitty = self.kitty.lock().unwrap_or_else(|e| e.into_inner());
        if drawn.len() > KEPT_ROWS && !drawn.contains_key(&key) {
            drawn.clear();
            kitty.forget = true;
        }
        let kept = drawn.entry(key).or_insert_with(|| {
            let picture = raster::draw_row(&self.font, self.shows.cell, zoom, pieces, columns);
            match self.shows.protocol {
                Protocol::Sixel => Drawn::InCells(sixel::encode(&picture)),
                Protocol::Iterm2 => Drawn::InCells(iterm::encode(&picture, columns, zoom)),
                Protocol::Kitty => {
                    kitty.next_image += 1;
                    Drawn::Kitty(kitty.next_image, Some(picture))
                }
            }
        });
        match kept {
            Drawn::InCells(picture) => {
                let mut escape = erase_under(x, y, zoom, columns);
                let _ = write!(
                    escape,
                    "\x1b[{};{}H{picture}\x1b[{};{}H",
                    y + 1,
                    x + 1,
                    y + 1,
                    x + columns + 1
                );
                Some(escape)
            }
            Drawn::Kitty(image, _) => {
                let image = *image;
                kitty.placed.push((x, y, columns, zoom, image));
                None
            }
        }
    }

    /// What goes to the terminal after a frame: with kitty's pictures, the last frame's
    /// placements removed and this frame's placed (images not sent yet sent first), the cursor
    /// left where the frame put it. None where nothing is to be done.
    pub fn after_frame(&self) -> Option<String> {
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        let mut kitty = self.kitty.lock().unwrap_or_else(|e| e.into_inner());
        let placed = std::mem::take(&mut kitty.placed);
        if placed.is_empty() && !kitty.shown {
            return None;
        }
        kitty.shown = !placed.is_empty();
        let removed = match std::mem::take(&mut kitty.forget) {
            true => kitty::FORGET_IMAGES,
            false => kitty::REMOVE_PLACEMENTS,
        };
        let mut out = format!("\x1b7{removed}");
        let wanted: HashSet<u32> = placed.iter().map(|p| p.4).collect();
        for kept in drawn.values_mut() {
            if let Drawn::Kitty(image, picture) = kept
                && wanted.contains(image)
                && let Some(picture) = picture.take()
            {
                out.push_str(&kitty::send(*image, &picture));
            }
        }
        for (x, y, columns, rows, image) in placed {
            out.push_str(&erase_under(x, y, rows, columns));
            let _ = write!(
                out,
                "\x1b[{};{}H{}",
                y + 1,
                x + 1,
                kitty::place(image, columns, rows)
            );
        }
        out.push_str("\x1b8");
        Some(out)
    }
}

/// Empties the cells under a picture first: text left in them would show through the
/// terminal's cursor, and a screen reader would read it.
fn erase_under(x: u16, y: u16, rows: u16, columns: u16) -> String {
    let mut escape = String::with_capacity(16 * usize::from(rows));
    for row in y..y + rows {
        let _ = write!(escape, "\x1b[{};{}H\x1b[{columns}X", row + 1, x + 1);
    }
    escape
}
