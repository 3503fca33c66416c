//! The keys every screen shares for moving around it: the focus up and down its choices (a
//! page taller than the window scrolls first, so nothing on it is skipped) and a long list's
//! pages turned. Each answers with what is to be said.

use super::drawn::Drawn;
use super::pager;
use super::screens::Screen;
use super::view::ViewContext;

/// What moving the focus came to.
pub(super) enum Moved {
    /// Nothing to say: the screen has no choices, or a page without them scrolled.
    Quietly,
    /// A page taller than the window scrolled instead: the text that came into view.
    Scrolled(String),
    /// The focus moved: the choice it is on now, said (when it is one of the view's).
    Focus(Option<String>),
}

/// Moves the focus of `screen` (the top of a stack `depth` screens deep, last drawn as
/// `drawn`) by `delta` choices;
/// ↓ first shows the rest of a page taller than the window, ↑ at the first choice its top.
pub(super) fn move_focus(
    screen: &mut Screen,
    drawn: &mut Drawn,
    depth: usize,
    cx: &ViewContext,
    delta: isize,
) -> Moved {
    let count = screen.item_count();
    let limit = drawn.scroll_limit;
    if let Some(scroll) = screen.scroll_mut() {
        *scroll = scroll.saturating_add_signed(delta).min(limit);
        return Moved::Quietly;
    }
    let Some(focus) = screen.focus() else {
        return Moved::Quietly;
    };
    let step = drawn.page.height.saturating_sub(1).max(1);
    let view = screen.view(cx);
    let seen = drawn.drew(depth, &view);
    let offset = drawn.page.offset;
    if seen && delta == 1 && !drawn.page.shows(focus) && offset < limit {
        return Moved::Scrolled(drawn.scroll_to((offset + step).min(limit)));
    }
    if seen && delta == -1 && focus == 0 && offset > 0 {
        return Moved::Scrolled(drawn.scroll_to(offset.saturating_sub(step)));
    }
    let target = focus
        .saturating_add_signed(delta)
        .min(count.saturating_sub(1));
    screen.set_focus(target);
    screen.component_mut().focus_moved();
    drawn.pinned = None;
    // The choices are the same with the focus moved: the view is not made again.
    Moved::Focus((target < view.items.len()).then(|| view.item_phrase(target, cx.lang)))
}

/// Turns the page of a long list; returns where the person now is (the same page again at
/// either end) and the choice the focus is on, or `None` on a screen without pages.
pub(super) fn turn_page(screen: &mut Screen, cx: &ViewContext, forward: bool) -> Option<String> {
    let (total, _) = screen.paged()?;
    screen.turn_page(forward);
    let (_, page) = screen.paged().unwrap_or_default();
    let mut said = pager::page_said(total, page, cx.lang);
    let view = screen.view(cx);
    if let Some(focus) = view.focus {
        said.push(' ');
        said.push_str(&view.item_phrase(focus, cx.lang));
    }
    Some(said)
}
