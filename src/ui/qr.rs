//! A web address as a QR code a phone can scan from the screen: two rows of modules per
//! terminal row, drawn with half blocks, dark on light whatever the theme (scanners expect
//! dark modules on a light ground).

use qrcode::{Color, EcLevel, QrCode};
use ratatui::layout::Rect;

use super::text_fit::{margin, wrap};

/// Light modules around the code; scanners need a light margin to find it.
pub const QUIET_ZONE: usize = 2;

/// The code's rows as text: `█` both modules dark, `▀` the upper one, `▄` the lower one, a
/// space neither. `None` when the address is too long for any QR code.
pub fn qr_rows(text: &str) -> Option<Vec<String>> {
    // Low error correction keeps the code small enough for an 80×24 terminal; a screen is
    // not a crumpled poster.
    let code = QrCode::with_error_correction_level(text, EcLevel::L).ok()?;
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    let dark = |x: usize, y: usize| -> bool {
        let inside = |v: usize| (QUIET_ZONE..QUIET_ZONE + width).contains(&v);
        inside(x) && inside(y) && colors[(y - QUIET_ZONE) * width + (x - QUIET_ZONE)] == Color::Dark
    };
    Some(
        (0..size.div_ceil(2))
            .map(|row| {
                (0..size)
                    .map(|x| match (dark(x, 2 * row), dark(x, 2 * row + 1)) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    })
                    .collect()
            })
            .collect(),
    )
}

/// How the QR screen uses a window: one title row at the top, the key hints at the bottom,
/// and the code between them if it fits. Worked out in this one place for both the drawing
/// and the words said on entering, so the voice never tells someone to scan a code the
/// screen could not show.
pub struct QrLayout {
    pub margin: u16,
    /// Columns for text, inside the margins.
    pub width: usize,
    pub hint_rows: Vec<String>,
    /// The code's rows when they fit in the window, else `None`.
    pub code: Option<Vec<String>>,
}

impl QrLayout {
    pub fn new(window: Rect, url: &str, hint: &str) -> QrLayout {
        let margin = margin(window.width);
        let width = usize::from(window.width.saturating_sub(2 * margin));
        let hint_rows = wrap(hint, width);
        // One row for the title; the code must leave a row free above the hints.
        let free_rows = usize::from(window.height).saturating_sub(1 + hint_rows.len());
        let code = qr_rows(url).filter(|code| {
            let code_width = code.first().map_or(0, |row| row.chars().count());
            code_width <= usize::from(window.width) && code.len() < free_rows
        });
        QrLayout {
            margin,
            width,
            hint_rows,
            code,
        }
    }

    /// The message id of what the screen says above the address: scan the code, or the
    /// window is too small for it.
    pub fn words_id(&self) -> &'static str {
        if self.code.is_some() {
            "qr-body"
        } else {
            "qr-too-small"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the drawn code back as a phone would: the half blocks become pixels, and a QR
    /// decoder must find the address in them.
    fn scan(rows: &[String]) -> String {
        let cells: Vec<Vec<char>> = rows.iter().map(|r| r.chars().collect()).collect();
        let (width, height) = (cells[0].len(), cells.len() * 2);
        // Four pixels per module, so the decoder sees clean edges.
        let scale = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(width * scale, height * scale, |x, y| {
                let (column, pixel_row) = (x / scale, y / scale);
                let cell = cells[pixel_row / 2][column];
                let dark = match cell {
                    '█' => true,
                    '▀' => pixel_row % 2 == 0,
                    '▄' => pixel_row % 2 == 1,
                    _ => false,
                };
                if dark { 0 } else { 255 }
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code on screen");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_drawn_code_scans_back_to_its_address() {
        let url = "https://example.org/lectures/smartphone-basics-1";
        let rows = qr_rows(url).unwrap();
        assert_eq!(scan(&rows), url);
        // Small enough for an 80×24 window with a title and a hint.
        assert!(
            rows.len() <= 19 && rows[0].chars().count() <= 80,
            "{}",
            rows.len()
        );
    }

    #[test]
    fn an_address_too_long_for_any_code_gives_none() {
        assert!(qr_rows(&"x".repeat(8000)).is_none());
    }
}
