//! One entry of a remote catalog (read aloud on entering): its authors, date and summary, and
//! what can be done with it (read it now, or its page as a QR code).

use super::book_detail::act;
use crate::catalog::remote::RemoteEntry;
use crate::ui::book_page::RemoteAction;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::screens::short_date;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct RemoteEntryPage {
    list: ListState,
    entry: RemoteEntry,
    actions: Vec<RemoteAction>,
}

impl RemoteEntryPage {
    pub fn screen(entry: RemoteEntry) -> Screen {
        Screen::of(RemoteEntryPage {
            list: ListState::default(),
            actions: RemoteAction::for_entry(&entry),
            entry,
        })
    }
}

impl Component for RemoteEntryPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lists
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let entry = &self.entry;
        let mut body = Vec::new();
        if !entry.authors.is_empty() {
            body.push(entry.authors.join(", "));
        }
        if let Some(start) = entry.start.or(entry.published) {
            body.push(short_date(start, lang));
        }
        body.extend(entry.summary.clone());
        let items = self.actions.iter().map(|a| a.label(lang)).collect();
        View {
            body,
            ..View::menu(entry.title.clone(), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        self.actions.len()
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.actions.get(i)) {
            Some(action) => act(action, &self.entry.title, None, services),
            None => Intent::Stay,
        }
    }
}
