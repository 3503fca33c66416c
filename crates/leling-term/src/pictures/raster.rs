//! A row of styled text drawn into a picture of the terminal cells it covers: each character
//! in its own cell box (one cell wide or two, as the terminal would give it), so the picture
//! keeps the screen's grid and the cursor, the mouse and the layout all still count in cells.

use ab_glyph::{Font, PxScale, point};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthChar;

use super::font::PictureFont;

/// Shades between paper and ink for the edges of strokes: enough for smooth edges, few enough
/// that a picture needs only a handful of the terminal's colour registers.
const SHADES: usize = 8;
/// Of a cell box's height, how much the ideographic em takes: a quarter is left between one
/// row's characters and the next, so that lines are spaced at least 1.3 times their size (the
/// ministry's rule for elder modes), as a terminal's own font leaves room between lines.
const EM_OF_BOX: f32 = 0.75;
/// Where the baseline sits in the ideographic em box: CJK fonts put it 12% above the box's
/// bottom (Source Han and Noto CJK: from −120 to 880 units of 1000).
const BASELINE_IN_EM: f32 = 0.88;

/// Pixels of one terminal cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellPixels {
    pub width: u16,
    pub height: u16,
}

/// A picture of a few colours: each pixel is the place of its colour in the palette.
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
    pub palette: Vec<[u8; 3]>,
}

/// Draws `pieces` at `zoom` times the cell size, each character in the cells it would take
/// on the terminal; `columns` terminal columns wide in all. Characters past them are left
/// out (the caller fits the text first).
pub fn draw_row(
    font: &PictureFont,
    cell: CellPixels,
    zoom: u16,
    pieces: &[(&str, Style)],
    columns: u16,
) -> Picture {
    let (cell_w, cell_h) = (usize::from(cell.width), usize::from(cell.height));
    let zoom_px = usize::from(zoom);
    let width = usize::from(columns) * cell_w;
    let height = zoom_px * cell_h;
    let mut palette = Vec::new();
    // The first piece's paper fills what no character covers.
    let paper_of_row = pieces.first().map_or(Style::new(), |(_, style)| *style);
    let row_shades = shades(&mut palette, paper_of_row);
    let mut pixels = vec![row_shades; width * height];

    let em = (zoom_px * cell_h.min(2 * cell_w)) as f32 * EM_OF_BOX;
    let units = font.font().units_per_em().unwrap_or(1000.0);
    // ab_glyph scales a font by the height from its descent to its ascent, not by its em.
    let em_to_scale = font.font().height_unscaled() / units;
    let baseline = (height as f32 - em) / 2.0 + em * BASELINE_IN_EM;
    let mut x = 0usize;
    for (text, style) in pieces {
        let first_shade = shades(&mut palette, *style);
        for c in text.chars() {
            let cells = c.width().unwrap_or(0);
            if cells == 0 {
                continue;
            }
            let box_w = cells * cell_w * zoom_px;
            if x + box_w > width {
                break;
            }
            for row in pixels.chunks_mut(width) {
                row[x..x + box_w].fill(first_shade);
            }
            let id = font.font().glyph_id(c);
            // A glyph wider than its box (a symbol the font draws full width where the terminal
            // gives it one cell) is drawn narrower, so it never spills into its neighbours.
            let advance = font.font().h_advance_unscaled(id) / units * em;
            let squeeze = if advance > box_w as f32 {
                box_w as f32 / advance
            } else {
                1.0
            };
            let glyph_scale = PxScale {
                x: em * em_to_scale * squeeze,
                y: em * em_to_scale,
            };
            let left = x as f32 + (box_w as f32 - advance * squeeze) / 2.0;
            let glyph = id.with_scale_and_position(glyph_scale, point(left, baseline));
            if let Some(outlined) = font.font().outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|gx, gy, coverage| {
                    let px = bounds.min.x as i64 + i64::from(gx);
                    let py = bounds.min.y as i64 + i64::from(gy);
                    if px < x as i64 || px >= (x + box_w) as i64 || py < 0 || py >= height as i64 {
                        return;
                    }
                    let shade = (coverage.clamp(0.0, 1.0) * (SHADES - 1) as f32).round() as u8;
                    let at = py as usize * width + px as usize;
                    pixels[at] = pixels[at].max(first_shade + shade);
                });
            }
            x += box_w;
        }
    }
    Picture {
        width,
        height,
        pixels,
        palette,
    }
}

/// Adds the shades from `style`'s paper to its ink to the palette (once for each pair) and
/// returns the place of the first, the paper itself.
fn shades(palette: &mut Vec<[u8; 3]>, style: Style) -> u8 {
    let (ink, paper) = colours(style);
    let wanted: Vec<[u8; 3]> = (0..SHADES)
        .map(|shade| blend(paper, ink, shade as f32 / (SHADES - 1) as f32))
        .collect();
    if let Some(at) = palette
        .windows(SHADES)
        .step_by(SHADES)
        .position(|w| w == wanted.as_slice())
    {
        return (at * SHADES) as u8;
    }
    let first = palette.len();
    if first + SHADES > usize::from(u8::MAX) + 1 {
        // More styles in a row than a row ever has: the paper of the first serves.
        return 0;
    }
    palette.extend(wanted);
    first as u8
}

fn blend(from: [u8; 3], to: [u8; 3], amount: f32) -> [u8; 3] {
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
    [
        mix(from[0], to[0]),
        mix(from[1], to[1]),
        mix(from[2], to[2]),
    ]
}

/// Ink and paper of a style, as the terminal would show them: reverse video swaps them.
fn colours(style: Style) -> ([u8; 3], [u8; 3]) {
    let ink = rgb(style.fg.unwrap_or(Color::Reset), DEFAULT_INK);
    let paper = rgb(style.bg.unwrap_or(Color::Reset), DEFAULT_PAPER);
    if style.add_modifier.contains(Modifier::REVERSED) {
        (paper, ink)
    } else {
        (ink, paper)
    }
}

/// The terminal's own colours are not known; most show light text on dark.
const DEFAULT_INK: [u8; 3] = [229, 229, 229];
const DEFAULT_PAPER: [u8; 3] = [0, 0, 0];

/// A colour as red, green and blue: named and indexed colours as xterm shows them.
fn rgb(colour: Color, default: [u8; 3]) -> [u8; 3] {
    const SIXTEEN: [[u8; 3]; 16] = [
        [0, 0, 0],
        [205, 0, 0],
        [0, 205, 0],
        [205, 205, 0],
        [0, 0, 238],
        [205, 0, 205],
        [0, 205, 205],
        [229, 229, 229],
        [127, 127, 127],
        [255, 0, 0],
        [0, 255, 0],
        [255, 255, 0],
        [92, 92, 255],
        [255, 0, 255],
        [0, 255, 255],
        [255, 255, 255],
    ];
    let index = match colour {
        Color::Reset => return default,
        Color::Rgb(r, g, b) => return [r, g, b],
        Color::Indexed(n) => n,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    match index {
        0..=15 => SIXTEEN[usize::from(index)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = index - 16;
            [level(n / 36), level(n / 6 % 6), level(n % 6)]
        }
        _ => {
            let grey = 8 + (index - 232) * 10;
            [grey, grey, grey]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The system's Chinese font; None (and a SKIPPED line) where there is none, unless
    /// `LELING_REQUIRE_FONT=1` says it must be there.
    fn font() -> Option<PictureFont> {
        match PictureFont::find() {
            Ok(font) => Some(font),
            Err(problem) if std::env::var("LELING_REQUIRE_FONT").as_deref() == Ok("1") => {
                panic!("a Chinese font is required (LELING_REQUIRE_FONT=1): {problem}")
            }
            Err(problem) => {
                eprintln!("SKIPPED: {problem}");
                None
            }
        }
    }

    /// Pixels of `colour` in the columns `from..to` of `picture`.
    fn inked(picture: &Picture, colour: [u8; 3], from: usize, to: usize) -> usize {
        picture
            .pixels
            .chunks(picture.width)
            .flat_map(|row| &row[from..to])
            .filter(|&&p| picture.palette[usize::from(p)] == colour)
            .count()
    }

    #[test]
    fn each_character_is_drawn_in_the_cells_it_takes_and_reverse_video_swaps_ink_and_paper() {
        let Some(font) = font() else { return };
        let cell = CellPixels {
            width: 10,
            height: 20,
        };
        let style = Style::new().fg(Color::Rgb(255, 255, 0)).bg(Color::Black);
        // 乐 takes two cells, a one, the space one: eight columns at ×2, 20 pixels each.
        let picture = draw_row(&font, cell, 2, &[("乐a ", style)], 8);
        assert_eq!((picture.width, picture.height), (80, 40));
        let (ink, paper) = ([255, 255, 0], [0, 0, 0]);
        assert!(
            inked(&picture, ink, 0, 40) > 100,
            "乐 is not drawn in its four columns"
        );
        assert!(
            inked(&picture, ink, 40, 60) > 20,
            "a is not drawn in its two columns"
        );
        assert_eq!(inked(&picture, ink, 60, 80), 0, "the space has ink");
        // Reversed: paper is the ink colour, and most of the picture.
        let reversed = draw_row(&font, cell, 2, &[("乐a ", style.reversed())], 8);
        assert!(inked(&reversed, ink, 0, 80) > 80 * 40 / 2);
        assert!(inked(&reversed, paper, 0, 40) > 100);
    }
}
