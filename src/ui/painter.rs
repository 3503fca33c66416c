//! Puts styled text on the screen at the chosen text size. At ×1 a row of text is one terminal
//! row; at ×2 and ×3 it is drawn in large glyphs (GNU Unifont, block characters) over two or
//! three rows, each character two or three times as wide.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::bigtext::BigFont;

pub struct Painter<'f> {
    font: Option<&'f BigFont>,
    zoom: u8,
}

impl<'f> Painter<'f> {
    /// A painter at `zoom`; without a font everything is drawn at normal size.
    pub fn new(font: Option<&'f BigFont>, zoom: u8) -> Painter<'f> {
        let zoom = if font.is_some() { zoom.clamp(1, 3) } else { 1 };
        Painter { font, zoom }
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
        match self.font.filter(|_| self.zoom > 1) {
            None => {
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
            Some(font) => {
                let rendered: Vec<(Vec<String>, Style)> = pieces
                    .iter()
                    .map(|(text, style)| (font.render(text, self.zoom), *style))
                    .collect();
                for k in 0..usize::from(self.zoom) {
                    let row_y = y + k as u16;
                    if row_y >= area.bottom() {
                        break;
                    }
                    let spans: Vec<Span> = rendered
                        .iter()
                        .map(|(rows, style)| {
                            Span::styled(rows.get(k).cloned().unwrap_or_default(), *style)
                        })
                        .collect();
                    frame.render_widget(
                        Paragraph::new(Line::from(spans)),
                        Rect::new(x, row_y, width, 1),
                    );
                }
            }
        }
    }
}
