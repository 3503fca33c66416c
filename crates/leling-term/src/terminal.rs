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
//!
//! A few unchanged cells between two changes on a row are written again when that is shorter
//! than moving the cursor over them (see `screen_copy`).

use std::io::{self, BufWriter, Stdout, Write, stdout};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::crossterm::event::EnableMouseCapture;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{Attribute, SetAttribute, SetBackgroundColor};
use ratatui::crossterm::terminal::{Clear, EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::screen_copy::ScreenCopy;

/// A whole frame fits in this without a flush in the middle.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;

pub type LelingTerminal = Terminal<FrameWriter<CrosstermBackend<BufWriter<Stdout>>>>;

/// Raw mode, the alternate screen, and a terminal on standard output; `ratatui::restore`
/// undoes it, as after `ratatui::init`. A panic leaves the screen first, unless `contained`
/// says the program catches it (inside a third-party parser, say) and goes on drawing.
pub fn init(contained: fn() -> bool) -> io::Result<LelingTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !contained() {
            ratatui::restore();
            hook(info);
        }
    }));
    enable_raw_mode()?;
    let mut writer = BufWriter::with_capacity(FRAME_BUFFER_BYTES, stdout());
    // The alternate screen and mouse capture (a nicety: keys alone do everything) go out with
    // the first frame, in one write: a terminal takes in the whole start at once.
    queue!(writer, EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(FrameWriter::new(
        CrosstermBackend::new(writer),
        crate::terminfo::erases_with_background(),
    ))
}

/// Whether the terminal has gone away, its window closed: standard output reports a hang-up.
/// The kernel also sends SIGHUP then, but only to the terminal's foreground programs, and a
/// Leling started in a session of its own (by a kiosk's launcher, say) would otherwise wait
/// for keys from a terminal that no longer exists, never saving its place.
#[cfg(unix)]
pub fn hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    let stdout = stdout();
    let mut fds = [PollFd::new(&stdout, PollFlags::empty())];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&now)), Ok(n) if n > 0)
        && fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR)
}

/// Elsewhere the console's closing ends the program itself.
#[cfg(not(unix))]
pub fn hung_up() -> bool {
    false
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
    /// What the terminal shows, as far as it is known.
    shown: ScreenCopy,
}

impl<B> FrameWriter<B> {
    /// On a screen just cleared, as the alternate screen is when entered.
    pub fn new(backend: B, erases_with_background: bool) -> Self {
        FrameWriter {
            backend,
            erases_with_background,
            screen_blank: true,
            screen: std::cell::Cell::new(None),
            shown: ScreenCopy::unknown(),
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

/// Adds a cell to a frame's cells, after the cell the wide character before it covers: the
/// backend then sees contiguous cells (see the module's comment).
fn push_contiguous(cells: &mut Vec<(u16, u16, Cell)>, x: u16, y: u16, cell: Cell) {
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
    cells.push((x, y, cell));
}

impl<B: Backend + Write> Backend for FrameWriter<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let screen_blank = std::mem::take(&mut self.screen_blank);
        if screen_blank {
            match self.screen.get() {
                Some(size) => self.shown.clear(size),
                None => self.shown.forget(),
            }
        }
        let mut cells = Vec::new();
        for (x, y, cell) in content {
            let gap = match cells.last() {
                Some((last_x, last_y, last)) if *last_y == y => self.shown.gap(*last_x, last, x, y),
                _ => Vec::new(),
            };
            for (gap_x, unchanged) in gap {
                push_contiguous(&mut cells, gap_x, y, unchanged);
            }
            push_contiguous(&mut cells, x, y, cell.clone());
        }
        self.shown.record(&cells);
        if screen_blank
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
        if clear_type != ClearType::All {
            self.shown.forget();
        }
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
        frames_bytes_filling(pages, erases_with_background, true)
    }

    /// As `frames_bytes`, with or without unchanged cells written in place of cursor moves.
    fn frames_bytes_filling(pages: &[&Buffer], erases: bool, fill_gaps: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut writer = FrameWriter::new(CrosstermBackend::new(&mut bytes), erases);
        writer.screen.set(Some(pages[0].area.as_size()));
        let mut previous = Buffer::empty(pages[0].area);
        for page in pages {
            if !fill_gaps {
                writer.shown.forget();
                writer.screen_blank = false;
            }
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
                // The second column of a wide character shows that character.
                if !got.is_wide_continuation() {
                    assert_eq!(
                        got.bgcolor(),
                        vt100_colour(want.bg),
                        "background at ({x}, {y})"
                    );
                    assert_eq!(got.contents().trim(), want.symbol().trim(), "at ({x}, {y})");
                    if !want.symbol().trim().is_empty() {
                        assert_eq!(got.fgcolor(), vt100_colour(want.fg), "ink at ({x}, {y})");
                    }
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
        use crate::painter::Painter;
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
        let mut cells = Vec::new();
        for (x, y, cell) in empty.diff(&page) {
            push_contiguous(&mut cells, x, y, cell.clone());
        }
        let written: Vec<(u16, u16)> = cells
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

    /// Two lines of a page and the same lines on the next, where a word or two stays put.
    fn turned_pages(area: Rect) -> (Buffer, Buffer) {
        let mut first = Buffer::empty(area);
        first.set_style(area, Style::default().bg(PAPER).fg(INK));
        let mut second = first.clone();
        first.set_string(
            0,
            0,
            "It is a way I have of driving off the spleen",
            Style::default(),
        );
        first.set_string(0, 1, "滿紙荒唐言，一把辛酸淚。", Style::default());
        second.set_string(
            0,
            0,
            "It was a day I had of riding off the sea.",
            Style::default(),
        );
        second.set_string(0, 1, "都云作者癡，誰解其中味。", Style::default());
        (first, second)
    }

    #[test]
    fn a_page_turn_writes_a_short_unchanged_stretch_again_instead_of_moving_over_it() {
        let area = Rect::new(0, 0, 50, 3);
        let (first, second) = turned_pages(area);
        let filled = frames_bytes_filling(&[&first, &second], false, true);
        let moved = frames_bytes_filling(&[&first, &second], false, false);
        assert_shows(&shown(&filled, area), &second);
        assert_shows(&shown(&moved, area), &second);
        // Each line goes out in one run from its first change, behind one cursor move.
        let page_turn = String::from_utf8(frames_bytes_filling(&[&first, &second], false, true))
            .unwrap()
            .split_off(frames_bytes_filling(&[&first], false, true).len());
        assert!(
            page_turn.contains("s a day I had of riding off the sea."),
            "{page_turn:?}"
        );
        assert!(
            page_turn.contains("都云作者癡，誰解其中味"),
            "{page_turn:?}"
        );
        assert_eq!(page_turn.matches('H').count(), 2, "{page_turn:?}");
        assert!(filled.len() < moved.len());
    }

    /// What random frames are made of: Latin, Chinese (two columns wide), spaces, and a letter
    /// with a combining accent (one cell of two characters).
    const PIECES: &[&str] = &[
        "a",
        "b",
        " ",
        "滿",
        "紙",
        "，",
        "Call me",
        "荒唐言",
        "  ",
        "e\u{301}",
    ];
    const STYLES: [(Color, Modifier); 4] = [
        (PAPER, Modifier::empty()),
        (HIGHLIGHT, Modifier::empty()),
        (Color::Reset, Modifier::empty()),
        (PAPER, Modifier::BOLD),
    ];

    /// A page with paper on its upper half and each piece written at a place in a colour.
    fn random_page(area: Rect, writes: &[(u16, u16, usize, usize)]) -> Buffer {
        let mut page = Buffer::empty(area);
        let upper = Rect::new(0, 0, area.width, area.height / 2);
        page.set_style(upper, Style::default().bg(PAPER).fg(INK));
        for &(x, y, piece, style) in writes {
            let (background, modifier) = STYLES[style];
            let style = Style::default()
                .fg(INK)
                .bg(background)
                .add_modifier(modifier);
            page.set_string(x, y, PIECES[piece], style);
        }
        page
    }

    /// What a person sees of a terminal cell: a never-written cell looks like a space, and
    /// the ink (colour and weight) of a space does not show.
    fn looks(cell: &vt100::Cell) -> (String, vt100::Color, Option<(vt100::Color, bool)>, bool) {
        let text = cell.contents().trim().to_owned();
        let ink = (!text.is_empty()).then(|| (cell.fgcolor(), cell.bold()));
        (text, cell.bgcolor(), ink, cell.is_wide_continuation())
    }

    proptest::proptest! {
        #[test]
        fn filled_gaps_show_what_ratatuis_own_frames_show_in_no_more_bytes(
            frames in proptest::collection::vec(
                proptest::collection::vec((0u16..16, 0u16..4, 0..PIECES.len(), 0..STYLES.len()), 0..24),
                1..6,
            ),
            erases in proptest::bool::ANY,
        ) {
            let area = Rect::new(0, 0, 16, 4);
            let pages: Vec<Buffer> = frames.iter().map(|writes| random_page(area, writes)).collect();
            let pages: Vec<&Buffer> = pages.iter().collect();
            let filled = frames_bytes_filling(&pages, erases, true);
            let moved = frames_bytes_filling(&pages, false, false);
            // ratatui's own frames are the reference: the same screen, cell by cell.
            let (filled_screen, moved_screen) = (shown(&filled, area), shown(&moved, area));
            for y in 0..area.height {
                for x in 0..area.width {
                    let got = looks(filled_screen.screen().cell(y, x).unwrap());
                    let want = looks(moved_screen.screen().cell(y, x).unwrap());
                    proptest::prop_assert_eq!(got, want, "at ({}, {})", x, y);
                }
            }
            if !erases {
                proptest::prop_assert!(filled.len() <= moved.len());
            }
        }
    }
}
