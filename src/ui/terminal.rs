//! The terminal Leling draws on: ratatui's crossterm backend, written through one buffer per
//! frame, with no cursor move after each wide character.
//!
//! ratatui moves the cursor after every double-width character (its diff skips the cell the
//! character covers). A page of Chinese then costs a cursor move per character: twice the
//! bytes, and a slower page turn on a slow terminal or link. Here the covered cell is passed
//! on as an empty symbol in the same style, so the backend sees contiguous cells, prints
//! nothing for it, and the terminal's cursor (already two columns on) is where the next cell
//! goes.

use std::io::{self, BufWriter, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// A whole frame fits in this without a flush in the middle.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;

pub type LelingTerminal = Terminal<WideAware<CrosstermBackend<BufWriter<Stdout>>>>;

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
    Terminal::new(WideAware(CrosstermBackend::new(writer)))
}

pub struct WideAware<B>(pub B);

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

impl<B: Backend> Backend for WideAware<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells = contiguous(content);
        self.0.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
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
        WideAware(CrosstermBackend::new(&mut bytes))
            .draw(previous.diff(next).into_iter())
            .unwrap();
        bytes
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
