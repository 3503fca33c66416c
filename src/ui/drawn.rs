//! The screen as it was last drawn, which the next key needs: the window, the rows of the
//! middle of the screen and how far they scroll, where each choice's rows are (for the mouse)
//! and whether the page is pinned to a scroll position or follows the focus.

use ratatui::layout::Rect;

use super::view::View;

pub struct Drawn {
    /// Rows of the last frame that hold each choice, for mouse clicks: (row, choice index).
    pub(super) hits: Vec<(u16, usize)>,
    /// The window as last drawn (an 80×24 terminal until the first frame), for screens whose
    /// words depend on their room: the QR screen says "scan" only when the code fits.
    pub(super) window: Rect,
    /// How far the page on screen can scroll, as last drawn, so scrolling past the end and
    /// back answers at once.
    pub(super) scroll_limit: usize,
    /// The middle of the screen as last drawn: its rows, from which row it was shown and how
    /// many fit; a page taller than the window scrolls by it before the focus moves.
    pub(super) page: DrawnPage,
    /// Where a page with choices is scrolled to: pinned (a page opens at its top, however far
    /// down its first choice is) or, once the focus has moved, following the focus.
    pub(super) pinned: Option<usize>,
}

/// The rows of the middle of the screen as last drawn: their text and the choice each belongs
/// to, the first row shown and how many rows fit; and which screen that was (its depth in the
/// stack and title), as a new screen is described before its first frame.
#[derive(Debug, Clone, Default)]
pub(super) struct DrawnPage {
    pub rows: Vec<(String, Option<usize>)>,
    pub offset: usize,
    pub height: usize,
    pub screen: (usize, String),
}

impl DrawnPage {
    /// Whether every row of a choice is in the window; a choice taller than the window (a
    /// large size in a small window) is shown from its first row, where its number is.
    pub(super) fn shows(&self, item: usize) -> bool {
        let shown = self.offset..self.offset + self.height;
        let rows: Vec<usize> = (self.rows.iter().enumerate())
            .filter(|(_, r)| r.1 == Some(item))
            .map(|(n, _)| n)
            .collect();
        match rows.first() {
            Some(&first) if rows.len() > self.height => first == self.offset,
            _ => rows.iter().all(|n| shown.contains(n)),
        }
    }
}

impl Drawn {
    pub(super) fn new() -> Drawn {
        Drawn {
            hits: Vec::new(),
            window: Rect::new(0, 0, 80, 24),
            scroll_limit: usize::MAX,
            page: DrawnPage::default(),
            pinned: Some(0),
        }
    }

    /// A screen has opened: it shows its top until it is drawn and the focus moves.
    pub(super) fn opened(&mut self) {
        self.scroll_limit = usize::MAX;
        self.pinned = Some(0);
    }

    /// Whether the last frame drew this screen (a screen just opened has not been drawn).
    pub(super) fn drew(&self, depth: usize, view: &View) -> bool {
        self.page.screen == (depth, view.title.clone())
    }

    /// The view as the person sees it: a choice scrolled out of sight on a page taller than
    /// the window has no focus (Enter then shows more of the page instead of opening what is
    /// not seen).
    pub(super) fn as_seen(&self, mut view: View, depth: usize) -> View {
        if let Some(focus) = view.focus
            && self.pinned.is_some()
            && self.drew(depth, &view)
            && !self.page.shows(focus)
        {
            view.focus = None;
        }
        view
    }

    /// Shows the page from row `offset`; returns the text that came into view.
    pub(super) fn scroll_to(&mut self, offset: usize) -> String {
        let before = self.page.offset..self.page.offset + self.page.height;
        let now = offset..offset + self.page.height;
        let news: Vec<&str> = (self.page.rows.iter().enumerate())
            .filter(|(n, row)| now.contains(n) && !before.contains(n) && row.1.is_none())
            .map(|(_, row)| row.0.trim())
            .collect();
        let text = news.join(" ");
        self.pinned = Some(offset);
        self.page.offset = offset;
        text
    }

    /// The choice drawn on a row of the terminal, for a click.
    pub(super) fn hit(&self, row: u16) -> Option<usize> {
        let hit = self.hits.iter().find(|(drawn, _)| *drawn == row);
        hit.map(|&(_, index)| index)
    }
}
