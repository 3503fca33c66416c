//! Puts styled text on the screen at the chosen text size. At ×1 a row of text is one terminal
//! row; at ×2 and ×3 it covers two or three rows, each character two or three times as wide,
//! drawn by the terminal itself where it has kitty's text sizing (`text_sizing`). Text is never
//! drawn in block characters: at ×2 and ×3 they made a Chinese page unreadable.

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::CellDiffOption;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

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
            zoom: zoom.clamp(1, 3),
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
        match self.glyphs {
            Glyphs::Terminal => self.scaled_row(frame, x, y, width, pieces),
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
        let area = buffer.area;
        if y + scale > area.bottom() {
            return;
        }
        let right = x.saturating_add(width).min(area.right());
        let mut column = x;
        for (text, style) in pieces {
            // As much of the text as fits, in whole characters.
            let mut fitted = String::new();
            let mut cells = 0u16;
            for c in text.chars().filter(|c| !c.is_control()) {
                let wide = c.width().unwrap_or(0) as u16 * scale;
                if column + cells + wide > right {
                    break;
                }
                fitted.push(c);
                cells += wide;
            }
            let Some(forced) = NonZeroU16::new(cells) else {
                continue;
            };
            for row in y..y + scale {
                for covered in column..column + cells {
                    let cell = &mut buffer[(covered, row)];
                    cell.reset();
                    cell.set_style(*style);
                    cell.set_diff_option(CellDiffOption::Skip);
                }
            }
            buffer[(column, y)]
                .set_symbol(&text_sizing::scaled(&fitted, self.zoom))
                .set_diff_option(CellDiffOption::ForcedWidth(forced));
            column += cells;
        }
    }
}
