//! The book's table of contents, opened at the page that shows the chapter being read; a
//! chapter chosen opens in the reader below.

use crate::document::TocEntry;
use crate::i18n::t;
use crate::model::Position;
use crate::ui::component::{Component, Intent, Outcome, Services, keeps_a_list};
use crate::ui::pager::{self, ListState};
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct Contents {
    list: ListState,
    entries: Vec<TocEntry>,
}

impl Contents {
    /// The contents, at the entry of the chapter being read.
    pub fn new(entries: Vec<TocEntry>, reading_chapter: usize) -> Contents {
        let reading = (entries.iter())
            .rposition(|e| e.chapter <= reading_chapter)
            .unwrap_or(0);
        Contents {
            list: pager::place(entries.len(), reading),
            entries,
        }
    }
}

impl Component for Contents {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Toc
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.entries.iter())
            .map(|e| format!("{}{}", "  ".repeat(usize::from(e.depth)), e.title))
            .collect();
        View::menu(t(lang, "toc-title"), items, focus, lang)
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.entries.len())
    }

    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        match item.and_then(|i| self.entries.get(i)) {
            Some(entry) => Intent::Done(Box::new(Intent::Report(Outcome::Jump(Position {
                chapter: entry.chapter,
                offset: 0,
            })))),
            None => Intent::Stay,
        }
    }
}
