//! Searching the book being read: places found as the person types (either script, any
//! case), each with how far into the book it is; one chosen opens in the reader below.

use std::sync::Arc;

use crate::i18n::{t, t_with};
use crate::model::Position;
use crate::ui::book_search::BookSearch;
use crate::ui::component::{Component, Intent, Outcome, Services, keeps_a_list, searches_as_typed};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

/// At most this many places are listed for a search.
const MAX_HITS: usize = 50;

/// One place found by searching a book.
struct SearchHit {
    position: Position,
    snippet: String,
}

pub(in crate::ui) struct FindInBook {
    search: Arc<BookSearch>,
    query: String,
    hits: Vec<SearchHit>,
    list: ListState,
    /// Whether what is listed is a search's results (an empty field has searched nothing).
    searched: bool,
}

impl FindInBook {
    pub fn new(search: Arc<BookSearch>) -> FindInBook {
        FindInBook {
            search,
            query: String::new(),
            hits: Vec::new(),
            list: ListState::default(),
            searched: false,
        }
    }

    /// Searches the book for what is in the field, and says the query with the number of
    /// places found.
    fn run(&mut self, services: &Services) -> Intent {
        let query = self.query.trim();
        let text = self.search.text();
        let positions = if query.is_empty() {
            Vec::new()
        } else {
            self.search.find(&self.query, MAX_HITS)
        };
        self.hits = (positions.into_iter())
            .map(|position| SearchHit {
                position,
                snippet: snippet(
                    &text.chapters[position.chapter].text,
                    position.offset,
                    text.fraction(position),
                ),
            })
            .collect();
        self.searched = !query.is_empty();
        self.list = ListState::default();
        if query.is_empty() {
            return Intent::Stay;
        }
        let count = [("count", self.hits.len().into())];
        let said = t_with(services.lang, "search-count", &count);
        Intent::Say(format!("{query}: {said}"))
    }
}

/// A short piece of text around a search hit, with how far into the book it is.
fn snippet(text: &str, offset: usize, fraction: f64) -> String {
    let start = (text[..offset].char_indices().rev().nth(8)).map_or(0, |(i, _)| i);
    let piece: String = (text[start..].chars().take(24))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    format!("{}% {piece}", crate::ui::reader::percent(fraction))
}

impl Component for FindInBook {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Search
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = self.hits.iter().map(|h| h.snippet.clone()).collect();
        View {
            body: vec![if !self.searched {
                t(lang, "search-body")
            } else {
                t_with(lang, "search-count", &[("count", self.hits.len().into())])
            }],
            input: Some(self.query.clone()),
            hint: t(lang, "hint-search"),
            ..View::menu(t(lang, "search-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    searches_as_typed!();

    fn typed(&mut self, services: &Services) -> Intent {
        self.run(services)
    }

    /// A place found opens in the reader; with none found, Enter searches again.
    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        if self.hits.is_empty() {
            return self.run(services);
        }
        match item.and_then(|i| self.hits.get(i)) {
            Some(hit) => Intent::Done(Box::new(Intent::Report(Outcome::Jump(hit.position)))),
            None => Intent::Stay,
        }
    }
}
