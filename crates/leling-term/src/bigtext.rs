//! Large glyphs drawn with block characters from GNU Unifont's bitmaps, for a figure shown
//! large: the check-in desk's count, a few digits seen from across the room.
//!
//! A normal character takes one cell (a Chinese one two); at scale N it takes N×N cells (2N×N).
//! Each cell shows one of the sixteen quadrant characters (space, `▘ ▝ ▀ ▖ ▌ ▞ ▛ ▗ ▚ ▐ ▜ ▄ ▙ ▟
//! █`), so a cell holds 2×2 "sub-pixels": a narrow glyph becomes 4×4 sub-pixels at ×2 and 6×6 at
//! ×3, a wide one 8×4 and 12×6. The quadrants are long-standing block elements (U+2580–259F)
//! that most terminals draw themselves and common monospace fonts carry.
//!
//! Text is not drawn this way. Seen in a real terminal and read back by OCR, a Chinese page in
//! these glyphs was 6% legible at ×2 and 3% at ×3 (English 34% and 31%): blobs. Digits, a
//! handful of simple shapes, stay clear. `▀ ▄ █ ▌` are "ambiguous width" in Unicode: a terminal
//! set to draw such characters double-width (an option in some Chinese setups) breaks them.
//!
//! Each sub-pixel stands for a band of the 8×16 or 16×16 source bitmap (see [`bands`]) and is
//! inked when at least a quarter of its band is inked, or when a stroke runs right across the
//! band. "Any pixel" turned 龄 and 書 into solid blocks, "most pixels" dropped nearly every
//! one-pixel stroke; the quarter rule keeps each straight stroke that crosses a band, and the
//! "runs across" test keeps the cross-bar of T or 十 in the tall bands where it is only a small
//! share of the pixels.

use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthChar;

/// The name of the font file, as the Debian package `unifont` installs it.
const FONT_FILE: &str = "unifont.hex";

/// Every Unifont glyph is 16 pixels tall; narrow ones are 8 wide, wide ones 16.
const GLYPH_ROWS: usize = 16;

/// Quadrant characters indexed by inked sub-pixels: bit 0 upper left, 1 upper right,
/// 2 lower left, 3 lower right.
const QUADRANTS: [char; 16] = [
    ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
];

/// Why the font for large text could not be loaded; each message says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error(
        "cannot find the font for large text ({FONT_FILE}): looked in {}; install the package \"unifont\" or copy {FONT_FILE} into {}",
        list_paths(.searched),
        .data_dir.display()
    )]
    NotFound {
        searched: Vec<PathBuf>,
        data_dir: PathBuf,
    },
    #[error("cannot read the font for large text {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the font for large text {path} holds no letters in Unifont's format; replace it with {FONT_FILE} from the package \"unifont\""
    )]
    NoGlyphs { path: PathBuf },
}

fn list_paths(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
}

/// One Unifont bitmap: 16 rows, the leftmost pixel in the highest bit. A narrow glyph uses the
/// high byte only, so a column number means the same pixel in both sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Glyph {
    rows: [u16; GLYPH_ROWS],
    wide: bool,
}

impl Glyph {
    /// A hollow box, the usual stand-in for a character the font lacks. Like the real glyphs it
    /// leaves the last column blank, so two boxes in a row stay apart.
    fn missing(wide: bool) -> Glyph {
        let (edge, sides) = if wide {
            (0xFFFE, 0x8002)
        } else {
            (0xFE00, 0x8200)
        };
        let mut rows = [sides; GLYPH_ROWS];
        rows[0] = edge;
        rows[GLYPH_ROWS - 1] = edge;
        Glyph { rows, wide }
    }

    fn width_px(self) -> usize {
        if self.wide { 16 } else { 8 }
    }

    /// Terminal cells the glyph takes across at `scale`.
    fn cells(self, scale: u8) -> usize {
        usize::from(scale) * self.width_px() / 8
    }

    /// Unifont draws characters that are invisible in running text (soft hyphen, zero-width
    /// space and joiners, direction marks, variation selectors, byte-order mark) as a dashed box
    /// with the code inside. Text must not show those boxes, so they are recognised by the frame.
    fn is_invisible_character_box(self) -> bool {
        self.wide && self.rows[0] == 0xAAAA && self.rows[GLYPH_ROWS - 1] == 0x5555
    }

    /// Draws a combining mark (an accent, a pinyin tone) over this glyph, centred.
    fn overlay(&mut self, mark: Glyph) {
        let shift = self.width_px().saturating_sub(mark.width_px()) / 2;
        for (row, mark_row) in self.rows.iter_mut().zip(mark.rows) {
            *row |= mark_row >> shift;
        }
    }

    /// Whether the sub-pixel covering `rows` × `cols` of the bitmap is inked.
    fn band_is_inked(&self, rows: Range<usize>, cols: Range<usize>) -> bool {
        let mask = column_mask(cols.clone());
        let band = &self.rows[rows.clone()];
        let inked: usize = band
            .iter()
            .map(|row| (row & mask).count_ones() as usize)
            .sum();
        let stroke_across = band.iter().any(|row| row & mask == mask);
        let stroke_down = band.iter().fold(mask, |column, row| column & row) != 0;
        inked * 4 >= rows.len() * cols.len() || stroke_across || stroke_down
    }

    /// Appends this glyph's cells to the `scale` rows of text in `lines`.
    fn draw(&self, scale: u8, lines: &mut [String]) {
        let (row_edges, col_edges) = bands(self.wide, scale);
        let inked = |row: usize, col: usize| {
            self.band_is_inked(
                row_edges[row]..row_edges[row + 1],
                col_edges[col]..col_edges[col + 1],
            )
        };
        for (cell_row, line) in lines.iter_mut().enumerate() {
            for cell_col in 0..self.cells(scale) {
                let (row, col) = (cell_row * 2, cell_col * 2);
                let quadrant = usize::from(inked(row, col))
                    | usize::from(inked(row, col + 1)) << 1
                    | usize::from(inked(row + 1, col)) << 2
                    | usize::from(inked(row + 1, col + 1)) << 3;
                line.push(QUADRANTS[quadrant]);
            }
        }
    }
}

/// Bits of a bitmap row for the pixel columns `cols`.
fn column_mask(cols: Range<usize>) -> u16 {
    let ones = (1u32 << cols.len()) - 1;
    (ones << (16 - cols.end)) as u16
}

/// Where the source bitmap is cut into sub-pixels: the edges of the row bands and of the column
/// bands, for a narrow or wide glyph at ×2 or ×3.
///
/// - The last pixel column is Unifont's gap between letters; it keeps a sub-pixel column of its
///   own so neighbouring big letters do not touch. The middle band is the wider one so the
///   centre stroke of a character stays centred.
/// - Narrow ×2 (4 rows): capitals and ascenders in rows 0–4, lower-case body in 5–7 and 8–10,
///   baseline and descender in 11–15. This gives lower-case letters three sub-rows instead of
///   two, which helps reading more than keeping descenders apart did.
/// - Narrow ×3 (6 rows): the lower-case body (rows 6–13) gets four bands of exactly two rows,
///   enough to show the three strokes of `a`, `e` or `s` apart; capitals and ascenders add the
///   band of rows 0–5, descenders the band of rows 14–15. Cutting 16 rows evenly instead
///   filled those letters in.
/// - Wide: Chinese characters fill all 16 rows, so the rows are cut evenly.
fn bands(wide: bool, scale: u8) -> (&'static [usize], &'static [usize]) {
    const NARROW_X2_ROWS: &[usize] = &[0, 5, 8, 11, 16];
    const NARROW_X2_COLS: &[usize] = &[0, 3, 5, 7, 8];
    const WIDE_X2_ROWS: &[usize] = &[0, 4, 8, 12, 16];
    const WIDE_X2_COLS: &[usize] = &[0, 2, 4, 6, 9, 11, 13, 15, 16];
    const NARROW_X3_ROWS: &[usize] = &[0, 6, 8, 10, 12, 14, 16];
    const NARROW_X3_COLS: &[usize] = &[0, 2, 3, 5, 6, 7, 8];
    const WIDE_X3_ROWS: &[usize] = &[0, 2, 5, 8, 11, 14, 16];
    const WIDE_X3_COLS: &[usize] = &[0, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 15, 16];
    match (wide, scale) {
        (false, 2) => (NARROW_X2_ROWS, NARROW_X2_COLS),
        (true, 2) => (WIDE_X2_ROWS, WIDE_X2_COLS),
        (false, _) => (NARROW_X3_ROWS, NARROW_X3_COLS),
        (true, _) => (WIDE_X3_ROWS, WIDE_X3_COLS),
    }
}

/// The zoom actually drawn: only ×2 and ×3 exist, other values take the nearer one.
fn supported_scale(scale: u8) -> u8 {
    scale.clamp(2, 3)
}

/// How one character of text is drawn.
enum Placement {
    /// Takes no cell: control characters, invisible format characters, unknown zero-width ones.
    Skip,
    /// An accent drawn over the glyph before it.
    Mark(Glyph),
    /// A glyph of its own, or the hollow box when the font lacks the character.
    Cell(Glyph),
}

/// Combining accents, such as pinyin tone marks written as a separate character after a vowel.
fn is_combining_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// The glyphs of GNU Unifont, kept as decoded bitmaps sorted by character (about 2 MB for the
/// whole Basic Multilingual Plane).
pub struct BigFont {
    glyphs: Vec<(char, Glyph)>,
}

impl BigFont {
    /// Looks for `unifont.hex` in `data_dir` first, then in /usr/share/unifont where the Debian
    /// package `unifont` puts it, then in /usr/local/share/unifont (a hand-built install). The
    /// packages `fonts-unifont` and `xfonts-unifont` put other formats under /usr/share/fonts,
    /// which this cannot read.
    pub fn load(data_dir: &Path) -> Result<BigFont, FontError> {
        let searched: Vec<PathBuf> = [
            data_dir,
            Path::new("/usr/share/unifont"),
            Path::new("/usr/local/share/unifont"),
        ]
        .iter()
        .map(|dir| dir.join(FONT_FILE))
        .collect();
        let Some(path) = searched.iter().find(|path| path.is_file()) else {
            return Err(FontError::NotFound {
                searched,
                data_dir: data_dir.to_path_buf(),
            });
        };
        let bytes = std::fs::read(path).map_err(|source| FontError::Unreadable {
            path: path.clone(),
            source,
        })?;
        let font = BigFont::parse(&bytes);
        if font.glyphs.is_empty() {
            return Err(FontError::NoGlyphs { path: path.clone() });
        }
        Ok(font)
    }

    /// Reads glyphs from text in Unifont's hex format; lines that are not glyphs are ignored.
    pub fn from_hex(text: &str) -> BigFont {
        BigFont::parse(text.as_bytes())
    }

    fn parse(bytes: &[u8]) -> BigFont {
        let lines = bytes.split(|&b| b == b'\n');
        let mut glyphs: Vec<(char, Glyph)> = lines.filter_map(parse_glyph_line).collect();
        // Unifont lists characters in order, so this sort has little to do; it keeps lookup by
        // binary search correct for any file. A character listed twice keeps its first glyph.
        glyphs.sort_by_key(|&(c, _)| c);
        glyphs.dedup_by_key(|&mut (c, _)| c);
        glyphs.shrink_to_fit();
        BigFont { glyphs }
    }

    fn glyph(&self, c: char) -> Option<Glyph> {
        let index = self.glyphs.binary_search_by_key(&c, |&(k, _)| k).ok()?;
        Some(self.glyphs[index].1)
    }

    fn placement(&self, c: char) -> Placement {
        if c.is_control() {
            return Placement::Skip;
        }
        let glyph = self.glyph(c);
        if glyph.is_some_and(Glyph::is_invisible_character_box) {
            return Placement::Skip;
        }
        match (c.width().unwrap_or(0), glyph) {
            (0, Some(mark)) if is_combining_diacritic(c) => Placement::Mark(mark),
            (0, _) => Placement::Skip,
            (_, Some(glyph)) => Placement::Cell(glyph),
            (columns, None) => Placement::Cell(Glyph::missing(columns >= 2)),
        }
    }

    /// Cells `c` takes across at `scale`; 0 for what is skipped or drawn over another glyph.
    #[cfg(test)]
    fn char_width(&self, c: char, scale: u8) -> usize {
        match self.placement(c) {
            Placement::Cell(glyph) => glyph.cells(supported_scale(scale)),
            Placement::Skip | Placement::Mark(_) => 0,
        }
    }

    /// Display width in terminal cells of `text` at `scale` (2 or 3): a narrow glyph takes
    /// `scale` cells, a wide one twice that.
    #[cfg(test)]
    fn width(&self, text: &str, scale: u8) -> usize {
        text.chars().map(|c| self.char_width(c, scale)).sum()
    }

    /// Rows of terminal text (`scale` of them, each a String of block characters) drawing
    /// `text` at `scale`. Every row is as many cells wide as its glyphs, one character per cell.
    pub fn render(&self, text: &str, scale: u8) -> Vec<String> {
        let scale = supported_scale(scale);
        let mut glyphs: Vec<Glyph> = Vec::new();
        for c in text.chars() {
            match self.placement(c) {
                Placement::Cell(glyph) => glyphs.push(glyph),
                Placement::Mark(mark) => {
                    if let Some(base) = glyphs.last_mut() {
                        base.overlay(mark);
                    }
                }
                Placement::Skip => {}
            }
        }
        let mut lines = vec![String::new(); usize::from(scale)];
        for glyph in &glyphs {
            glyph.draw(scale, &mut lines);
        }
        lines
    }
}

/// One line of a hex font: `XXXX:` and 32 hex digits (narrow) or 64 (wide).
fn parse_glyph_line(line: &[u8]) -> Option<(char, Glyph)> {
    let line = line.trim_ascii();
    let colon = line.iter().position(|&b| b == b':')?;
    let code = std::str::from_utf8(&line[..colon]).ok()?;
    let c = char::from_u32(u32::from_str_radix(code, 16).ok()?)?;
    let bitmap = &line[colon + 1..];
    let wide = match bitmap.len() {
        32 => false,
        64 => true,
        _ => return None,
    };
    let digits_per_row = bitmap.len() / GLYPH_ROWS;
    let mut rows = [0u16; GLYPH_ROWS];
    for (row, digits) in rows.iter_mut().zip(bitmap.chunks(digits_per_row)) {
        for &digit in digits {
            *row = *row << 4 | u16::from(hex_value(digit)?);
        }
        if !wide {
            *row <<= 8;
        }
    }
    Some((c, Glyph { rows, wide }))
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Instant;

    /// Glyphs copied from Unifont, so these tests need no installed font.
    const SAMPLE_HEX: &str = "\
0020:00000000000000000000000000000000
0041:0000000018242442427E424242420000
0061:0000000000003C42023E4242463A0000
0068:0000004040405C624242424242420000
0301:0C300000000000000000000000000000
200B:AAAA00019E44024584540855906C1E4580000E3990240C3982201C2180005555
3002:000000000000000000000000000000000C00120012000C000000000000000000
5341:010001000100010001000100FFFE010001000100010001000100010001000100
4E50:002000F01F0010001100210021003FFC01000920091011082104410405000200
66F8:01003FF00110FFFE01103FF001003FF80100FFFE00001FF010101FF010101FF0
9F84:1020102050505E5050885124FE12001093FC9204AA08C68882508E20F2100210
FF0C:00000000000000000000000000000000000000000000000003C000C000C00300
0054:000000007F08080808080808080800000
300C:00F80080008000800080008000800080008000800080000000000000000000000
";

    fn sample() -> BigFont {
        BigFont::from_hex(SAMPLE_HEX)
    }

    /// Cells across a rendered row: every block character takes exactly one.
    fn cells(row: &str) -> usize {
        row.chars().count()
    }

    #[test]
    fn the_sample_font_parses_its_well_formed_lines() {
        let font = sample();
        assert!(font.glyph('A').is_some_and(|g| !g.wide));
        assert!(font.glyph('乐').is_some_and(|g| g.wide));
        // Lines of the wrong length (T and 「 above have a digit too many) are ignored.
        assert!(font.glyph('T').is_none());
        assert!(font.glyph('「').is_none());
    }

    #[test]
    fn bands_cut_every_glyph_into_two_sub_pixels_per_cell() {
        for scale in [2, 3] {
            for wide in [false, true] {
                let (rows, cols) = bands(wide, scale);
                let width = if wide { 16 } else { 8 };
                assert_eq!(rows.len() - 1, 2 * usize::from(scale));
                assert_eq!(cols.len() - 1, 2 * usize::from(scale) * width / 8);
                assert_eq!((rows[0], rows[rows.len() - 1]), (0, GLYPH_ROWS));
                assert_eq!((cols[0], cols[cols.len() - 1]), (0, width));
                assert!(rows.windows(2).all(|pair| pair[0] < pair[1]));
                assert!(cols.windows(2).all(|pair| pair[0] < pair[1]));
                // The blank last column keeps a band of its own, so letters stay apart.
                assert_eq!(cols[cols.len() - 2], width - 1);
            }
        }
    }

    #[test]
    fn leling_is_8_cells_by_2_rows_at_x2_and_12_by_3_at_x3() {
        let font = sample();
        assert_eq!(font.width("乐龄", 2), 8);
        assert_eq!(font.width("乐龄", 3), 12);
        let x2 = font.render("乐龄", 2);
        assert_eq!(x2.len(), 2);
        assert!(x2.iter().all(|row| cells(row) == 8));
        let x3 = font.render("乐龄", 3);
        assert_eq!(x3.len(), 3);
        assert!(x3.iter().all(|row| cells(row) == 12));
    }

    #[test]
    fn a_latin_letter_is_2_by_2_at_x2_and_3_by_3_at_x3() {
        let font = sample();
        assert_eq!(font.width("A", 2), 2);
        assert_eq!(font.width("A", 3), 3);
        assert_eq!(font.render("A", 2), ["▞▖", "▀▌"]);
        assert_eq!(font.render("A", 3).len(), 3);
    }

    #[test]
    fn latin_letters_at_x3_keep_their_shape() {
        let font = sample();
        // a: bar, bowl and foot apart, not a filled block.
        assert_eq!(font.render("a", 3), ["▄▄▖", "▞▀▌", "▀▀▘"]);
        // A: apex, open top, cross-bar, two legs.
        assert_eq!(font.render("A", 3), ["▟▜▖", "▛▀▌", "▘ ▘"]);
    }

    #[test]
    fn other_scales_draw_as_the_nearer_supported_one() {
        let font = sample();
        assert_eq!(font.render("A", 0), font.render("A", 2));
        assert_eq!(font.render("A", 200), font.render("A", 3));
        assert_eq!(font.width("A", 1), 2);
    }

    #[test]
    fn a_chinese_glyph_shows_ink_in_both_halves_of_every_row() {
        let font = sample();
        for scale in [2, 3] {
            for c in ['乐', '龄', '書'] {
                for row in font.render(&c.to_string(), scale) {
                    let (left, right): (Vec<_>, Vec<_>) = row
                        .chars()
                        .enumerate()
                        .partition(|&(i, _)| i < cells(&row) / 2);
                    let inked = |half: &[(usize, char)]| half.iter().any(|&(_, c)| c != ' ');
                    assert!(inked(&left) && inked(&right), "{c} ×{scale}: {row:?}");
                }
            }
        }
    }

    #[test]
    fn one_pixel_strokes_stay_whole() {
        // 十 is two strokes one pixel thick: they must stay a complete cross, not break up.
        let font = sample();
        assert_eq!(font.render("十", 2), ["▄▟▄▖", " ▐  "]);
        assert_eq!(font.render("十", 3), ["  ▐   ", "▀▀▜▀▀▘", "  ▐   "]);
    }

    #[test]
    fn a_missing_character_is_a_hollow_box_of_its_own_width() {
        let font = sample();
        assert_eq!(font.width("z", 2), 2);
        assert_eq!(font.render("z", 2), ["▛▌", "▙▌"]);
        // 中 and an emoji are wide in Unicode, so their boxes are wide too.
        assert_eq!(font.width("中", 2), 4);
        assert_eq!(font.render("中", 2), ["▛▀▀▌", "▙▄▄▌"]);
        assert_eq!(font.width("😀", 3), 6);
        let box_x3 = font.render("😀", 3);
        assert!(box_x3[1].contains(' '), "hollow inside: {box_x3:?}");
    }

    #[test]
    fn control_and_invisible_characters_take_no_room() {
        let font = sample();
        assert_eq!(font.width("\tA\r\u{7}", 2), 2);
        assert_eq!(font.render("\tA\u{200B}", 2), font.render("A", 2));
        assert_eq!(font.width("\u{200B}", 3), 0);
        assert_eq!(font.render("", 2), ["", ""]);
    }

    #[test]
    fn a_combining_accent_is_drawn_over_the_letter_before_it() {
        let font = sample();
        assert_eq!(font.width("a\u{301}", 3), 3);
        let accented = font.render("a\u{301}", 3);
        assert_ne!(accented, font.render("a", 3));
        assert_ne!(accented[0].trim(), "", "the accent shows on the top row");
        // An accent with nothing before it is dropped, not drawn on its own.
        assert_eq!(font.render("\u{301}", 2), ["", ""]);
    }

    #[test]
    fn malformed_font_lines_are_ignored() {
        let font = BigFont::from_hex("garbage\nZZZZ:00\n0041:XY\n:\n110000:00\n\n0042:123");
        assert!(font.glyphs.is_empty());
        let duplicated = BigFont::from_hex(&format!("{SAMPLE_HEX}0041:{}\n", "F".repeat(32)));
        assert_eq!(duplicated.glyph('A'), sample().glyph('A'));
    }

    #[test]
    fn load_says_where_it_looked_when_the_font_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        match BigFont::load(dir.path()) {
            Err(error @ FontError::NotFound { .. }) => {
                let message = error.to_string();
                assert!(message.contains(&dir.path().join(FONT_FILE).display().to_string()));
                assert!(message.contains("/usr/share/unifont/unifont.hex"));
                assert!(message.contains("\"unifont\""));
            }
            // The font is installed system-wide here, which is fine too.
            Ok(font) => assert!(!font.glyphs.is_empty()),
            Err(other) => panic!("unexpected error: {other}"),
        }
    }

    #[test]
    fn load_prefers_the_data_directory_and_rejects_a_file_without_glyphs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FONT_FILE), SAMPLE_HEX).unwrap();
        let font = BigFont::load(dir.path()).unwrap();
        assert_eq!(font.glyphs.len(), sample().glyphs.len());

        std::fs::write(dir.path().join(FONT_FILE), "not a font").unwrap();
        let error = BigFont::load(dir.path()).err().unwrap();
        assert!(matches!(error, FontError::NoGlyphs { .. }), "{error}");
    }

    proptest! {
        #[test]
        fn any_text_renders_without_panic(
            text in "[ -~\\t乐龄書，。（「」😀\u{301}\u{200B}]{0,40}",
            scale in 0u8..=5,
        ) {
            let font = sample();
            let rows = font.render(&text, scale);
            prop_assert_eq!(rows.len(), usize::from(supported_scale(scale)));
            for row in &rows {
                prop_assert_eq!(cells(row), font.width(&text, scale));
            }
        }
    }

    /// Uses the installed Unifont. Skips when it is absent, unless LELING_REQUIRE_FONT=1.
    #[test]
    fn the_installed_unifont_draws_leling_large() {
        let system = Path::new("/usr/share/unifont");
        if !system.join(FONT_FILE).is_file() {
            assert!(
                std::env::var("LELING_REQUIRE_FONT").as_deref() != Ok("1"),
                "LELING_REQUIRE_FONT=1 but /usr/share/unifont/unifont.hex is missing (apt install unifont)"
            );
            println!("skipped: /usr/share/unifont/unifont.hex is not installed");
            return;
        }
        let started = Instant::now();
        let font = BigFont::load(Path::new("/nonexistent")).expect("the installed font loads");
        println!(
            "loaded {} glyphs in {:?} (unoptimised build)",
            font.glyphs.len(),
            started.elapsed()
        );
        assert!(font.glyphs.len() > 50_000);
        assert_eq!(font.width("乐龄", 2), 8);
        assert_eq!(font.width("乐龄", 3), 12);
        assert_eq!(font.width("A", 2), 2);
        assert_eq!(font.render("A", 2), ["▞▖", "▀▌"]);
        // The installed font has the glyphs the sample was copied from.
        for c in ['A', 'a', 'h', '乐', '龄', '書', '，'] {
            assert_eq!(font.glyph(c), sample().glyph(c), "{c}");
        }
        // The soft hyphen and the variation selector are invisible in text.
        assert_eq!(font.width("\u{AD}\u{FE0F}", 2), 0);
        for scale in [2, 3] {
            for row in font.render("乐龄 Aa 書", scale) {
                println!("|{row}|");
            }
        }
    }
}
