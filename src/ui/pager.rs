//! Long lists a page at a time. A screen offers at most seven numbered choices
//! (ACCESSIBILITY.md), so a list of more than seven shows five of its items and "next page" /
//! "previous page" as choices of their own: reachable with the arrows and Enter alone, or by
//! number, and said like any other choice.

use crate::i18n::t_with;
use crate::model::Lang;

/// The most choices one screen shows.
pub const MAX_CHOICES: usize = 7;
/// Items on one page of a longer list, leaving room for the two page choices.
const PER_PAGE: usize = MAX_CHOICES - 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The list's item of this index.
    Item(usize),
    Next,
    Previous,
}

/// How many pages a list of `total` items takes.
pub fn page_count(total: usize) -> usize {
    if total <= MAX_CHOICES {
        1
    } else {
        total.div_ceil(PER_PAGE)
    }
}

/// The choices on page `page` (counted from 0) of a list of `total` items: its items, then
/// "next page" unless it is the last, then "previous page" unless it is the first.
pub fn choices(total: usize, page: usize) -> Vec<Choice> {
    if total <= MAX_CHOICES {
        return (0..total).map(Choice::Item).collect();
    }
    let page = page.min(page_count(total) - 1);
    let first = page * PER_PAGE;
    let mut choices: Vec<Choice> = (first..(first + PER_PAGE).min(total))
        .map(Choice::Item)
        .collect();
    if page + 1 < page_count(total) {
        choices.push(Choice::Next);
    }
    if page > 0 {
        choices.push(Choice::Previous);
    }
    choices
}

/// The words for each choice on a page; `item` names the list's items.
pub fn labels(
    total: usize,
    page: usize,
    lang: Lang,
    item: impl Fn(usize) -> String,
) -> Vec<String> {
    let pages = page_count(total);
    choices(total, page)
        .into_iter()
        .map(|choice| {
            let (id, to) = match choice {
                Choice::Item(index) => return item(index),
                Choice::Next => ("page-next", page + 2),
                Choice::Previous => ("page-previous", page),
            };
            t_with(lang, id, &[("page", to.into()), ("pages", pages.into())])
        })
        .collect()
}

/// The page that shows the list's item of this index, with the focus on it: where a list
/// opens when it starts at a given item (the chapter being read).
pub fn place(total: usize, index: usize) -> ListState {
    if total <= MAX_CHOICES {
        ListState {
            focus: index,
            page: 0,
        }
    } else {
        ListState {
            focus: index % PER_PAGE,
            page: index / PER_PAGE,
        }
    }
}

/// The key hint of a list of more than one page, which tells of ← and →; `typing` for a list
/// under a text field, whose hint also tells to type.
pub fn hint(typing: bool, lang: Lang) -> String {
    let id = if typing {
        "hint-search-pages"
    } else {
        "hint-pages"
    };
    crate::i18n::t(lang, id)
}

/// "Page 2 of 4.", said when a page is turned.
pub fn page_said(total: usize, page: usize, lang: Lang) -> String {
    let args = [
        ("page", (page + 1).into()),
        ("pages", page_count(total).into()),
    ];
    t_with(lang, "page-now", &args)
}

/// Where a screen's numbered list is: the focused choice (of those shown) and, on a list longer
/// than one page, the page shown. Every screen with choices keeps one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    pub focus: usize,
    pub page: usize,
}

impl ListState {
    /// The focused choice: on a list of `total` items that comes a page at a time (`Some`), one
    /// of its items (by its place in the whole list) or a page choice; on a short fixed list
    /// (`None`), the choice of that number.
    pub fn choice(&self, total: Option<usize>) -> Option<Choice> {
        match total {
            Some(total) => choices(total, self.page).get(self.focus).copied(),
            None => Some(Choice::Item(self.focus)),
        }
    }

    /// Shows the next or the previous page of a list of `total` items, the focus on its first
    /// choice, when there is such a page.
    pub fn turn_page(&mut self, total: usize, forward: bool) {
        let to = if forward {
            self.page + 1
        } else {
            self.page.wrapping_sub(1)
        };
        if to < page_count(total) {
            *self = ListState { focus: 0, page: to };
        }
    }

    /// After a list of now `total` items has changed under it (a catalog removed): the page and
    /// the focus are kept on choices that are still there.
    pub fn keep_in_range(&mut self, total: usize) {
        self.page = self.page.min(page_count(total) - 1);
        let last = choices(total, self.page).len().saturating_sub(1);
        self.focus = self.focus.min(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_or_fewer_items_need_no_pages() {
        assert_eq!(page_count(7), 1);
        assert_eq!(
            choices(3, 0),
            [Choice::Item(0), Choice::Item(1), Choice::Item(2)]
        );
        assert!(choices(0, 0).is_empty());
    }

    #[test]
    fn longer_lists_show_five_items_and_the_page_choices() {
        assert_eq!(page_count(17), 4);
        let first = choices(17, 0);
        assert_eq!(first.len(), 6);
        assert_eq!(first[5], Choice::Next);
        let middle = choices(17, 1);
        assert_eq!(middle[0], Choice::Item(5));
        assert_eq!(&middle[5..], [Choice::Next, Choice::Previous]);
        let last = choices(17, 3);
        assert_eq!(last, [Choice::Item(15), Choice::Item(16), Choice::Previous]);
        for page in 0..4 {
            assert!(choices(17, page).len() <= MAX_CHOICES);
        }
        for index in [0, 6, 16] {
            let opened = place(17, index);
            assert_eq!(choices(17, opened.page)[opened.focus], Choice::Item(index));
        }
        assert_eq!(place(7, 6), ListState { focus: 6, page: 0 });
        let words = labels(17, 1, Lang::En, |i| format!("book {i}"));
        assert_eq!(words[5], "Next page (3 of 4)");
        assert_eq!(words[6], "Previous page (1 of 4)");
    }

    #[test]
    fn a_list_state_turns_pages_that_exist_and_stays_on_choices_that_do() {
        let mut list = ListState::default();
        list.turn_page(17, false);
        assert_eq!(list, ListState::default(), "no page before the first");
        list.focus = 3;
        list.turn_page(17, true);
        assert_eq!(list, ListState { focus: 0, page: 1 });
        list.page = 3;
        list.turn_page(17, true);
        assert_eq!(list.page, 3, "no page after the last");
        // The list shrank to six items: one page, the focus on the last of them.
        list.focus = 6;
        list.keep_in_range(6);
        assert_eq!(list, ListState { focus: 5, page: 0 });
        assert_eq!(list.choice(Some(6)), Some(Choice::Item(5)));
        assert_eq!(list.choice(None), Some(Choice::Item(5)));
    }
}
