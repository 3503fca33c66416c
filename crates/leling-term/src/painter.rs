//! Puts styled text on the screen at the chosen text size. At ×1 a row of text is one terminal
//! row; at ×N it covers N rows, each character N times as wide, drawn by the terminal itself
//! where it has kitty's text sizing (`text_sizing`), or as a picture drawn with a real font
//! where it shows pictures (`pictures`). Text is never drawn in block characters: at ×2 and ×3
//! they made a Chinese page unreadable.

use std::num::NonZeroU16;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::buffer::CellDiffOption;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

use crate::pictures::Pictures;
use crate::text_sizing;

pub struct Painter {
    glyphs: Glyphs,
    zoom: u8,
}

/// Who draws zoomed text.
enum Glyphs {
    /// Nobody: text stays at normal size.
    Normal,
    /// The terminal, with OSC 66.
    Terminal,
    /// Leling, as pictures.
    Pictures(Arc<Pictures>),
}

impl Painter {
    /// A painter at normal size.
    pub fn normal() -> Painter {
        Painter {
            glyphs: Glyphs::Normal,
            zoom: 1,
        }
    }

    /// A painter at `zoom` whose large text the terminal draws (kitty's text sizing).
    pub fn scaled(zoom: u8) -> Painter {
        let glyphs = if zoom > 1 {
            Glyphs::Terminal
        } else {
            Glyphs::Normal
        };
        Painter {
            glyphs,
            zoom: zoom.clamp(1, 4),
        }
    }

    /// A painter at `zoom` whose large text is drawn as pictures.
    pub fn pictured(zoom: u8, pictures: Arc<Pictures>) -> Painter {
        if zoom <= 1 {
            return Painter::normal();
        }
        Painter {
            glyphs: Glyphs::Pictures(pictures),
            zoom: zoom.min(4),
        }
    }

    /// The rows this painter may draw on, of a window `rows` tall: a sixel picture on the
    /// last row would scroll the screen.
    pub fn usable_rows(&self, rows: u16) -> u16 {
        match &self.glyphs {
            Glyphs::Pictures(pictures) if pictures.keeps_last_row_free() => rows.saturating_sub(1),
            _ => rows,
        }
    }

    pub fn zoom(&self) -> u16 {
        u16::from(self.zoom)
    }

    /// How many normal-size columns and rows fit in an area at this size.
    pub fn logical(&self, columns: u16, rows: u16) -> (u16, u16) {
        (columns / self.zoom(), rows / self.zoom())
    }

    /// Draws one row of text, made of styled pieces, with its top-left corner at `(x, y)`.
    pub fn row(&self, frame: &mut Frame, x: u16, y: u16, width: u16, pieces: &[(&str, Style)]) {
        let area = frame.area();
        match &self.glyphs {
            Glyphs::Terminal => self.scaled_row(frame, x, y, width, pieces),
            Glyphs::Pictures(pictures) => self.picture_row(pictures, frame, x, y, width, pieces),
            Glyphs::Normal => {
                if y < area.bottom() {
                    let line = Line::from(
                        pieces
                            .iter()
                            .map(|(text, style)| Span::styled(text.to_string(), *style))
                            .collect::<Vec<_>>(),
                    );
                    frame.render_widget(Paragraph::new(line), Rect::new(x, y, width, 1));
                }
            }
        }
    }

    /// One row as OSC 66 escapes, one per piece, each in the cell where its text starts. The
    /// cells the scaled text covers are the terminal's: marked to be skipped, so no later
    /// write puts anything over them. A row that does not fit whole is left out.
    fn scaled_row(&self, frame: &mut Frame, x: u16, y: u16, width: u16, pieces: &[(&str, Style)]) {
        let scale = u16::from(self.zoom);
        let buffer = frame.buffer_mut();
        if y + scale > buffer.area.bottom() {
            return;
        }
        let right = x.saturating_add(width).min(buffer.area.right());
        let mut column = x;
        for (fitted, cells, style) in self.fitted(pieces, right - x) {
            let escape = text_sizing::scaled(&fitted, self.zoom);
            cover(buffer, column, y, cells, scale, style, Some(&escape));
            column += cells;
        }
    }

    /// One row as pictures, each in the cell where its part of the row starts and covering
    /// the cells its text takes (marked to be skipped, as for OSC 66); as few pictures as the
    /// terminal's widest allows.
    fn picture_row(
        &self,
        pictures: &Pictures,
        frame: &mut Frame,
        x: u16,
        y: u16,
        width: u16,
        pieces: &[(&str, Style)],
    ) {
        let scale = u16::from(self.zoom);
        let buffer = frame.buffer_mut();
        if y + scale > self.usable_rows(buffer.area.bottom()) {
            return;
        }
        let right = x.saturating_add(width).min(buffer.area.right());
        let fitted = self.fitted(pieces, right - x);
        let mut column = x;
        for part in split_at_most(&fitted, pictures.widest_columns(), scale) {
            let cells: u16 = part.iter().map(|(_, cells, _)| cells).sum();
            let shown: Vec<(&str, Style)> = part.iter().map(|(t, _, s)| (t.as_str(), *s)).collect();
            let escape = pictures.row(column, y, scale, cells, &shown);
            cover(
                buffer,
                column,
                y,
                cells,
                scale,
                part[0].2,
                escape.as_deref(),
            );
            column += cells;
        }
    }

    /// As much of each piece as fits in `room` cells at this size, in whole characters, with
    /// the cells each takes; pieces that fit no character are left out.
    fn fitted(&self, pieces: &[(&str, Style)], room: u16) -> Vec<(String, u16, Style)> {
        let scale = u16::from(self.zoom);
        let mut used = 0u16;
        let mut fitted = Vec::new();
        for (text, style) in pieces {
            let mut shown = String::new();
            let mut cells = 0u16;
            for c in text.chars().filter(|c| !c.is_control()) {
                let wide = c.width().unwrap_or(0) as u16 * scale;
                if used + cells + wide > room {
                    break;
                }
                shown.push(c);
                cells += wide;
            }
            if cells > 0 {
                fitted.push((shown, cells, *style));
            }
            used += cells;
        }
        fitted
    }
}

/// Fitted pieces cut into parts at most `widest` cells wide, between characters, each part
/// never empty.
fn split_at_most(
    fitted: &[(String, u16, Style)],
    widest: u16,
    scale: u16,
) -> Vec<Vec<(String, u16, Style)>> {
    let mut parts: Vec<Vec<(String, u16, Style)>> = vec![Vec::new()];
    let mut used = 0u16;
    for (text, _, style) in fitted {
        for c in text.chars() {
            let wide = c.width().unwrap_or(0) as u16 * scale;
            if used + wide > widest && used > 0 {
                parts.push(Vec::new());
                used = 0;
            }
            let part = parts.last_mut().expect("never empty");
            match part.last_mut() {
                Some((shown, cells, last)) if last == style => {
                    shown.push(c);
                    *cells += wide;
                }
                _ => part.push((c.to_string(), wide, *style)),
            }
            used += wide;
        }
    }
    parts.retain(|part| !part.is_empty());
    parts
}

/// Puts `escape` in the cell at `(x, y)` as a symbol `cells` wide (where there is one: a kitty
/// picture is placed after the frame), and marks the `cells` by `rows` it draws over as the
/// terminal's, so that nothing is written over them.
fn cover(
    buffer: &mut ratatui::buffer::Buffer,
    x: u16,
    y: u16,
    cells: u16,
    rows: u16,
    style: Style,
    escape: Option<&str>,
) {
    let Some(forced) = NonZeroU16::new(cells) else {
        return;
    };
    for row in y..y + rows {
        for covered in x..x + cells {
            let cell = &mut buffer[(covered, row)];
            cell.reset();
            cell.set_style(style);
            cell.set_diff_option(CellDiffOption::Skip);
        }
    }
    if let Some(escape) = escape {
        buffer[(x, y)]
            .set_symbol(escape)
            .set_diff_option(CellDiffOption::ForcedWidth(forced));
    }
}
