//! One search across the recommended lists, lectures, guides, remote catalogs and the library,
//! found as the person types (by characters, pinyin initials or English), and opening what she
//! picks.

use super::book_detail::BookDetail;
use super::lecture_detail::LectureDetail;
use super::remote_entry::RemoteEntryPage;
use crate::catalog;
use crate::catalog::search::{self, Hit, HitKind};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Services, keeps_a_list, searches_as_typed};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct FindAll {
    query: String,
    hits: Vec<Hit>,
    list: ListState,
}

impl FindAll {
    fn count_said(&self, lang: Lang) -> String {
        t_with(lang, "find-count", &[("count", self.hits.len().into())])
    }
}

/// What a hit opens: a book's or a lecture's page, a guide or a book in the reader.
fn open_hit(hit: &Hit, services: &Services) -> Option<Intent> {
    let content = catalog::bundled_dir();
    Some(match hit.kind {
        HitKind::Book => {
            let book = (catalog::load_lists(&content).into_iter())
                .flat_map(|list| list.book)
                .find(|book| *book.id.get_ref() == hit.key)?;
            Intent::Open(BookDetail::screen(book, services))
        }
        HitKind::Lecture => {
            let lecture = (catalog::load_lectures(&content).into_iter())
                .find(|lecture| *lecture.id.get_ref() == hit.key)?;
            Intent::Open(LectureDetail::screen(lecture, services))
        }
        HitKind::Guide => {
            let guide = (catalog::load_guides(&content).into_iter())
                .find(|guide| *guide.id.get_ref() == hit.key)?;
            Intent::OpenBook(content.join(guide.files.get(services.lang)))
        }
        HitKind::Remote => {
            let (_, entry) = (catalog::sources::all_cached_entries(services.store))
                .unwrap_or_default()
                .into_iter()
                .find(|(source, entry)| search::remote_key(source, &entry.id) == hit.key)?;
            Intent::Open(RemoteEntryPage::screen(entry))
        }
        HitKind::Library => {
            let book = (services
                .store
                .library()
                .books()
                .unwrap_or_default()
                .into_iter())
            .find(|book| book.id.to_string() == hit.key)?;
            Intent::OpenBook(book.path)
        }
    })
}

impl Component for FindAll {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::FindAll
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = self.hits.iter().map(|h| h.label(lang)).collect();
        View {
            body: vec![if self.query.trim().is_empty() {
                t(lang, "find-body")
            } else {
                self.count_said(lang)
            }],
            input: Some(self.query.clone()),
            hint: t(lang, "hint-search"),
            ..View::menu(t(lang, "find-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    searches_as_typed!();

    /// Searches again for what is in the field now; the results replace the old ones, from
    /// their first page, and the query is said with how many were found.
    fn typed(&mut self, services: &Services) -> Intent {
        let lang = services.lang;
        let found = search::search(services.store, &catalog::bundled_dir(), &self.query, lang);
        self.list = ListState::default();
        match found {
            Ok(hits) => {
                self.hits = hits;
                Intent::Say(format!("{}: {}", self.query, self.count_said(lang)))
            }
            Err(error) => {
                self.hits.clear();
                Intent::Tell(error.message(lang))
            }
        }
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        item.and_then(|i| self.hits.get(i))
            .and_then(|hit| open_hit(hit, services))
            .unwrap_or(Intent::Stay)
    }
}
