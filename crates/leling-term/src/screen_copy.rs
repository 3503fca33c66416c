//! What the terminal shows, cell by cell, as Leling last drew it, so a frame can write a few
//! unchanged cells again instead of moving the cursor over them.
//!
//! ratatui sends only the cells that changed, and a cursor move before each run of them. On a
//! page turn most lines keep a space or a letter here and there in the same place, so a page of
//! English went out as dozens of short runs, each behind a move of 7 or 8 bytes. Like curses, a frame
//! here writes the cells between two runs instead when they cost no more bytes than the move
//! and need no change of colour: fewer bytes for a slow terminal or link to carry, and fewer
//! escapes for the terminal to read.
//!
//! The copy knows only what was sent. Scaled text (kitty's OSC 66) covers cells ratatui never
//! sends, and a partial clear leaves cells unknown; after either, nothing is filled in until
//! the next clear of the whole screen. A cell is kept in 8 bytes (a character and the place of
//! its style in a short list), not as a ratatui cell of 48: the copy lives as long as the screen.

use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::Size;
use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One cell as the terminal shows it.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    /// A character, in the style at this place of `ScreenCopy::styles`.
    Char(char, u8),
    /// The second column of the wide character before it.
    Covered,
    /// Not known: a symbol of several characters, or a wide character half written over.
    Unknown,
}

pub struct ScreenCopy {
    size: Size,
    /// Row by row.
    cells: Vec<Shown>,
    /// The styles the cells are in: a screen uses a handful.
    styles: Vec<Style>,
    /// Every cell is as the terminal shows it.
    known: bool,
}

impl ScreenCopy {
    /// Nothing known yet.
    pub fn unknown() -> Self {
        ScreenCopy {
            size: Size::default(),
            cells: Vec::new(),
            styles: Vec::new(),
            known: false,
        }
    }

    /// A screen of this size just cleared: every cell blank in the terminal's own colours, as
    /// ratatui takes it to be after a clear.
    pub fn clear(&mut self, size: Size) {
        self.size = size;
        self.styles.clear();
        self.styles.push(Cell::EMPTY.style());
        self.cells.clear();
        self.cells.resize(
            usize::from(size.width) * usize::from(size.height),
            Shown::Char(' ', 0),
        );
        self.known = true;
    }

    /// Part of the screen changed in a way the copy cannot follow.
    pub fn forget(&mut self) {
        self.known = false;
        self.cells = Vec::new();
        self.styles = Vec::new();
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.size.width && y < self.size.height)
            .then(|| usize::from(y) * usize::from(self.size.width) + usize::from(x))
    }

    /// The place of `style` in the list, added if new; none once the list is full.
    fn style_place(&mut self, style: Style) -> Option<u8> {
        match self.styles.iter().position(|known| *known == style) {
            Some(place) => u8::try_from(place).ok(),
            None => {
                let place = u8::try_from(self.styles.len()).ok()?;
                self.styles.push(style);
                Some(place)
            }
        }
    }

    /// Takes in the cells of a frame as they go to the terminal.
    pub fn record(&mut self, cells: &[(u16, u16, Cell)]) {
        if !self.known {
            return;
        }
        for (x, y, cell) in cells {
            let (Some(at), true) = (self.index(*x, *y), plain(cell)) else {
                return self.forget();
            };
            let symbol = cell.symbol();
            let mut chars = symbol.chars();
            let shown = match (chars.next(), chars.next()) {
                (None, _) => Shown::Covered,
                (Some(c), None) => match self.style_place(cell.style()) {
                    Some(style) => Shown::Char(c, style),
                    None => return self.forget(),
                },
                (Some(_), Some(_)) => Shown::Unknown,
            };
            // Writing over the second half of a wide character blanks the whole character.
            if shown != Shown::Covered
                && *x > 0
                && matches!(self.cells[at - 1], Shown::Char(c, _) if c.width() == Some(2))
            {
                self.cells[at - 1] = Shown::Unknown;
            }
            self.cells[at] = shown;
            if symbol.width() == 2
                && let Some(covered) = self.index(*x + 1, *y)
            {
                self.cells[covered] = Shown::Covered;
            }
        }
    }

    /// The unchanged cells from just after `last` (at `last_x`) up to column `next_x`, if
    /// writing them again costs no more bytes than a cursor move and they are all in the
    /// colours and attributes of `last`; otherwise none.
    pub fn gap(&self, last_x: u16, last: &Cell, next_x: u16, y: u16) -> Vec<(u16, Cell)> {
        let mut filled = Vec::new();
        if !self.known || !plain(last) {
            return filled;
        }
        let budget = cursor_move_bytes(next_x, y);
        let style = last.style();
        let mut bytes = 0;
        let mut x = last_x + last.symbol().width().max(1) as u16;
        while x < next_x {
            let Some(Shown::Char(c, place)) = self.index(x, y).map(|at| self.cells[at]) else {
                return Vec::new();
            };
            let width = c.width().unwrap_or(0) as u16;
            bytes += c.len_utf8();
            let fits = width == 1 || (width == 2 && x + 2 <= next_x);
            if !fits || bytes > budget || self.styles[usize::from(place)] != style {
                return Vec::new();
            }
            let mut cell = Cell::EMPTY;
            cell.set_char(c).set_style(style);
            filled.push((x, cell));
            x += width;
        }
        filled
    }
}

/// A cell drawn as its symbol alone: not scaled text, which covers cells ratatui never sends.
fn plain(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::None
}

/// The length of crossterm's `MoveTo(x, y)`: ESC [ row ; column H, both counted from 1.
fn cursor_move_bytes(x: u16, y: u16) -> usize {
    let digits = |n: u16| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    4 + digits(y + 1) + digits(x + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(symbol: &str) -> Cell {
        let mut cell = Cell::EMPTY;
        cell.set_symbol(symbol);
        cell
    }

    fn symbols(cells: &[(u16, Cell)]) -> Vec<(u16, &str)> {
        cells.iter().map(|(x, cell)| (*x, cell.symbol())).collect()
    }

    #[test]
    fn a_wide_character_half_written_over_is_not_written_again_from_the_copy() {
        let mut copy = ScreenCopy::unknown();
        copy.clear(Size::new(10, 1));
        copy.record(&[(0, 0, cell("x")), (1, 0, cell("滿")), (3, 0, cell("y"))]);
        // The terminal blanks all of 滿 when its second column is written.
        copy.record(&[(2, 0, cell("a"))]);
        assert!(copy.gap(0, &cell("b"), 3, 0).is_empty());
    }

    #[test]
    fn a_gap_is_filled_only_while_shorter_than_the_cursor_move() {
        let mut copy = ScreenCopy::unknown();
        copy.clear(Size::new(40, 1));
        copy.record(&[(0, 0, cell("a")), (1, 0, cell("滿")), (3, 0, cell("紙"))]);
        // Two wide characters (6 bytes) cost no more than ESC [ 1 ; 6 H (6 bytes).
        assert_eq!(
            symbols(&copy.gap(0, &cell("b"), 5, 0)),
            [(1, "滿"), (3, "紙")]
        );
        // Eight spaces (8 bytes) cost more than ESC [ 1 ; 10 H (7 bytes).
        assert!(copy.gap(0, &cell("b"), 9, 0).is_empty());
    }

    #[test]
    fn nothing_is_filled_once_scaled_text_covers_cells_the_copy_never_sees() {
        let mut copy = ScreenCopy::unknown();
        copy.clear(Size::new(10, 2));
        let mut scaled = cell("Bo");
        scaled.diff_option = CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(4).unwrap());
        copy.record(&[(0, 0, scaled)]);
        assert!(copy.gap(0, &cell("b"), 2, 1).is_empty());
    }
}
