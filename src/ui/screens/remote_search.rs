//! Typing what to search a remote catalog for; the search runs at the catalog's source on a
//! worker, and its results open over this field, unless the person has moved on meanwhile.

use super::remote_entries::{EntriesFrom, RemoteEntries};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Outcome, SEARCH_ROOM, Screen, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

pub(in crate::ui) struct RemoteSearch {
    /// The catalog's name.
    name: String,
    query: String,
}

impl RemoteSearch {
    pub fn new(name: String) -> RemoteSearch {
        RemoteSearch {
            name,
            query: String::new(),
        }
    }
}

impl Component for RemoteSearch {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lists
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let name = [("name", self.name.clone().into())];
        View {
            title: t_with(lang, "remote-search-title", &name),
            body: vec![t(lang, "remote-search-body")],
            input: Some(self.query.clone()),
            hint: t(lang, "hint-search"),
            ..View::default()
        }
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.query, SEARCH_ROOM))
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.query.clone())
    }

    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        let query = self.query.trim();
        if query.is_empty() {
            return Intent::Stay;
        }
        Intent::SearchSource {
            name: self.name.clone(),
            query: query.to_owned(),
        }
    }

    fn hear(&mut self, outcome: &Outcome, _services: &Services) -> Option<Intent> {
        let Outcome::Found { name, query, found } = outcome else {
            return None;
        };
        if *name != self.name {
            return None;
        }
        Some(match found {
            Ok(found) => {
                let from = EntriesFrom::Search {
                    name: name.clone(),
                    query: query.clone(),
                    saved: found.saved.clone(),
                };
                Intent::Open(Screen::of(RemoteEntries::new(from, found.entries.clone())))
            }
            Err(message) => Intent::Tell(message.clone()),
        })
    }
}
