//! The terminal Leling draws on: ratatui's crossterm backend, written through one buffer per
//! frame, with no cursor move after each wide character, and a blank screen filled in one
//! stroke where the terminal can.
//!
//! ratatui moves the cursor after every double-width character (its diff skips the cell the
//! character covers). A page of Chinese then costs a cursor move per character: twice the
//! bytes, and a slower page turn on a slow terminal or link. Here the covered cell is passed
//! on as an empty symbol in the same style, so the backend sees contiguous cells, prints
//! nothing for it, and the terminal's cursor (already two columns on) is where the next cell
//! goes.
//!
//! Every cell carries the theme's background, so a first frame is mostly blank cells written
//! one by one: about 1,100 of the 1,920 on a page of 紅樓夢. A terminal that erases with the
//! current background colour (terminfo's `bce`) paints them all from one escape instead. One
//! that does not (GNU screen) would show its own background there, so it gets every cell.

use std::io::{self, BufWriter, Stdout, Write, stdout};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::crossterm::style::{Attribute, SetAttribute, SetBackgroundColor};
use ratatui::crossterm::terminal::{Clear, EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A whole frame fits in this without a flush in the middle.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;

pub type LelingTerminal = Terminal<FrameWriter<CrosstermBackend<BufWriter<Stdout>>>>;

/// Raw mode, the alternate screen, and a terminal on standard output; `ratatui::restore`
/// undoes it, as after `ratatui::init`.
pub fn init() -> io::Result<LelingTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic contained inside a parser is no reason to leave the screen.
        if !crate::panic_guard::is_quiet() {
            ratatui::restore();
            hook(info);
        }
    }));
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    let writer = BufWriter::with_capacity(FRAME_BUFFER_BYTES, stdout());
    Terminal::new(FrameWriter::new(
        CrosstermBackend::new(writer),
        super::terminfo::erases_with_background(),
    ))
}

/// Writes ratatui's frames to the terminal (see the module's comment).
pub struct FrameWriter<B> {
    backend: B,
    /// The terminal erases with the current background colour (terminfo `bce`).
    erases_with_background: bool,
    /// Nothing has been drawn since the screen was cleared to the terminal's own background.
    screen_blank: bool,
    /// The screen's size as the backend last reported it to ratatui (before every frame).
    screen: std::cell::Cell<Option<Size>>,
}

impl<B> FrameWriter<B> {
    /// On a screen just cleared, as the alternate screen is when entered.
    pub fn new(backend: B, erases_with_background: bool) -> Self {
        FrameWriter {
            backend,
            erases_with_background,
            screen_blank: true,
            screen: std::cell::Cell::new(None),
        }
    }
}

/// The background of most blank cells, when the cells given cover the whole screen: a blank
/// screen erased in that colour then shows them all already. Cells not given would keep the
/// terminal's own background, which such an erase would paint over.
fn fill_colour(cells: &[(u16, u16, Cell)], size: Size) -> Option<Color> {
    if cells.len() != usize::from(size.width) * usize::from(size.height) {
        return None;
    }
    let mut counts: Vec<(Color, usize)> = Vec::new();
    for (_, _, cell) in cells.iter().filter(|(_, _, cell)| is_blank(cell)) {
        match counts.iter_mut().find(|(colour, _)| *colour == cell.bg) {
            Some((_, count)) => *count += 1,
            None => counts.push((cell.bg, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, count)| count)
        .map(|(colour, _)| colour)
}

/// A cell that shows nothing but its background: a space with no line or inversion drawn.
fn is_blank(cell: &Cell) -> bool {
    let shows_on_a_space = Modifier::UNDERLINED | Modifier::REVERSED | Modifier::CROSSED_OUT;
    cell.symbol() == " "
        && cell.diff_option == CellDiffOption::None
        && !cell.modifier.intersects(shows_on_a_space)
}

/// The changed cells of a frame, with the cell after each wide character filled in.
fn contiguous<'a>(content: impl Iterator<Item = (u16, u16, &'a Cell)>) -> Vec<(u16, u16, Cell)> {
    let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
    for (x, y, cell) in content {
        if let Some((last_x, last_y, last)) = cells.last()
            && *last_y == y
            // A cell of forced width (scaled text) covers its cells itself.
            && last.diff_option == CellDiffOption::None
            && last.symbol().width() == 2
            && x == last_x + 2
        {
            let mut covered = last.clone();
            covered.set_symbol("");
            cells.push((last_x + 1, y, covered));
        }
        cells.push((x, y, cell.clone()));
    }
    cells
}

impl<B: Backend + Write> Backend for FrameWriter<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cells = contiguous(content);
        if std::mem::take(&mut self.screen_blank)
            && self.erases_with_background
            && let Some(screen) = self.screen.get()
            && let Some(fill) = fill_colour(&cells, screen)
        {
            // The erase sets every cell to the fill colour; the attributes are reset after it,
            // as the backend takes them to be at the start of a frame.
            let erase = queue!(
                self.backend,
                SetBackgroundColor(fill.into_crossterm()),
                Clear(ratatui::crossterm::terminal::ClearType::All),
                SetAttribute(Attribute::Reset)
            );
            if erase.is_ok() {
                cells.retain(|(_, _, cell)| !(is_blank(cell) && cell.bg == fill));
            }
        }
        self.backend
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.backend.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.backend.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.backend.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.backend.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.screen_blank = true;
        self.backend.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.screen_blank |= clear_type == ClearType::All;
        self.backend.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let size = self.backend.size();
        self.screen.set(size.as_ref().ok().copied());
        size
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.backend.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        Backend::flush(&mut self.backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn frame_bytes(previous: &Buffer, next: &Buffer) -> Vec<u8> {
        let mut bytes = Vec::new();
        FrameWriter::new(CrosstermBackend::new(&mut bytes), false)
            .draw(previous.diff(next).into_iter())
            .unwrap();
        bytes
    }

    /// The bytes of drawing `pages` one after another on a fresh screen of their size, on a
    /// terminal that erases with the background colour or not.
    fn frames_bytes(pages: &[&Buffer], erases_with_background: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut writer =
            FrameWriter::new(CrosstermBackend::new(&mut bytes), erases_with_background);
        writer.screen.set(Some(pages[0].area.as_size()));
        let mut previous = Buffer::empty(pages[0].area);
        for page in pages {
            writer.draw(previous.diff(page).into_iter()).unwrap();
            previous = (*page).clone();
        }
        bytes
    }

    /// What a terminal that erases with the background colour (vt100 does) shows for `bytes`.
    fn shown(bytes: &[u8], area: Rect) -> vt100::Parser {
        let mut terminal = vt100::Parser::new(area.height, area.width, 0);
        terminal.process(bytes);
        terminal
    }

    fn vt100_colour(colour: Color) -> vt100::Color {
        match colour {
            Color::Reset => vt100::Color::Default,
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            other => panic!("not used here: {other:?}"),
        }
    }

    /// Every cell on screen holds the buffer's symbol on the buffer's background.
    fn assert_shows(terminal: &vt100::Parser, page: &Buffer) {
        for y in 0..page.area.height {
            for x in 0..page.area.width {
                let want = &page[(x, y)];
                let got = terminal.screen().cell(y, x).unwrap();
                assert_eq!(
                    got.bgcolor(),
                    vt100_colour(want.bg),
                    "background at ({x}, {y})"
                );
                if !got.is_wide_continuation() {
                    assert_eq!(got.contents().trim(), want.symbol().trim(), "at ({x}, {y})");
                }
            }
        }
    }

    const PAPER: Color = Color::Rgb(250, 244, 228);
    const INK: Color = Color::Rgb(30, 30, 30);
    const HIGHLIGHT: Color = Color::Rgb(255, 215, 0);

    /// A themed page: paper everywhere, a line of Chinese, and a highlighted sentence.
    fn themed_page(area: Rect) -> Buffer {
        let mut page = Buffer::empty(area);
        page.set_style(area, Style::default().bg(PAPER).fg(INK));
        page.set_string(2, 1, "滿紙荒唐言，一把辛酸淚。", Style::default());
        page.set_string(2, 2, "Call me Ishmael.", Style::default().bg(HIGHLIGHT));
        page
    }

    #[test]
    fn a_first_frame_on_a_terminal_that_erases_in_colour_shows_the_same_page_in_fewer_bytes() {
        let area = Rect::new(0, 0, 40, 5);
        let page = themed_page(area);
        let erased = frames_bytes(&[&page], true);
        let cell_by_cell = frames_bytes(&[&page], false);
        assert_shows(&shown(&erased, area), &page);
        assert_shows(&shown(&cell_by_cell, area), &page);
        // The 170-odd blank cells of paper are not sent one by one; the highlighted spaces are.
        let spaces = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b' ').count();
        assert!(spaces(&erased) <= 2, "{}", String::from_utf8_lossy(&erased));
        assert!(spaces(&cell_by_cell) > 150);
        assert!(erased.len() < cell_by_cell.len());
        // A terminal without that gets every blank cell written, and no erase.
        assert!(!String::from_utf8_lossy(&cell_by_cell).contains("\u{1b}[2J"));
    }

    #[test]
    fn only_a_blank_screen_is_erased_and_later_frames_still_paint_their_blanks() {
        let area = Rect::new(0, 0, 40, 5);
        let first = themed_page(area);
        // The highlight moves on: its old cells go back to paper, blank ones among them.
        let mut second = themed_page(area);
        second.set_style(Rect::new(2, 2, 16, 1), Style::default().bg(PAPER));
        second.set_string(2, 3, "Some years ago.", Style::default().bg(HIGHLIGHT));
        let bytes = frames_bytes(&[&first, &second], true);
        assert_eq!(
            String::from_utf8_lossy(&bytes).matches("\u{1b}[2J").count(),
            1
        );
        assert_shows(&shown(&bytes, area), &second);
    }

    #[test]
    fn cells_left_to_the_terminal_keep_its_own_background() {
        // Half the screen themed, half left as the terminal has it: no erase may paint over it.
        let area = Rect::new(0, 0, 40, 4);
        let mut page = Buffer::empty(area);
        page.set_style(Rect::new(0, 0, 40, 2), Style::default().bg(PAPER));
        page.set_string(1, 0, "Books", Style::default());
        let bytes = frames_bytes(&[&page], true);
        assert!(!String::from_utf8_lossy(&bytes).contains("\u{1b}[2J"));
        assert_shows(&shown(&bytes, area), &page);
    }

    #[test]
    fn a_line_of_chinese_is_written_without_a_cursor_move_per_character() {
        let area = Rect::new(0, 0, 20, 1);
        let empty = Buffer::empty(area);
        let mut page = Buffer::empty(area);
        page.set_string(0, 0, "滿紙荒唐言", Style::default());
        let bytes = String::from_utf8(frame_bytes(&empty, &page)).unwrap();
        assert!(bytes.contains("滿紙荒唐言"), "{bytes:?}");
        assert_eq!(bytes.matches('H').count(), 1, "one cursor move: {bytes:?}");
    }

    #[test]
    fn a_gap_after_a_wide_character_still_moves_the_cursor() {
        let area = Rect::new(0, 0, 20, 1);
        let empty = Buffer::empty(area);
        let mut page = Buffer::empty(area);
        page.set_string(0, 0, "滿", Style::default());
        page.set_string(6, 0, "紙", Style::default());
        let bytes = String::from_utf8(frame_bytes(&empty, &page)).unwrap();
        assert!(bytes.contains("\u{1b}[1;7H紙"), "{bytes:?}");
    }

    #[test]
    fn zoomed_text_goes_out_as_one_osc_66_escape_and_its_cells_are_left_alone() {
        use super::super::painter::Painter;
        use ratatui::backend::TestBackend;

        let mut terminal = Terminal::new(TestBackend::new(20, 4)).unwrap();
        terminal
            .draw(|frame| {
                Painter::scaled(2).row(frame, 0, 0, 20, &[("Books", Style::default())]);
                Painter::scaled(1).row(frame, 12, 0, 8, &[("ok", Style::default())]);
            })
            .unwrap();
        let page = terminal.backend().buffer().clone();
        let empty = Buffer::empty(page.area);
        // "Books" at ×2 covers ten cells across and two rows down.
        let covered = |x: u16, y: u16| x < 10 && y < 2 && (x, y) != (0, 0);
        let written: Vec<(u16, u16)> = contiguous(empty.diff(&page).into_iter())
            .into_iter()
            .filter(|(_, _, cell)| !cell.symbol().is_empty())
            .map(|(x, y, _)| (x, y))
            .collect();
        assert_eq!(written, [(0, 0), (12, 0), (13, 0)]);
        assert!(!written.iter().any(|&(x, y)| covered(x, y)));
        let bytes = String::from_utf8(frame_bytes(&empty, &page)).unwrap();
        assert!(
            bytes.contains("\u{1b}[1;1H\u{1b}]66;s=2;Books\u{7}"),
            "{bytes:?}"
        );
        // The next text is placed by a cursor move, not by counting the escape's letters.
        assert!(bytes.contains("\u{1b}[1;13Hok"), "{bytes:?}");

        // Redrawn the same: nothing is written at all; the terminal keeps the big letters.
        let again = String::from_utf8(frame_bytes(&page, &page)).unwrap();
        assert!(!again.contains("66;"), "{again:?}");
    }
}
