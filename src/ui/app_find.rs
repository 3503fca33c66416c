//! The one search across lists, lectures, guides and the library: results as the person
//! types, and opening what they pick.

use super::app::App;
use super::pager::ListState;
use super::screens::Screen;
use crate::catalog;
use crate::catalog::search::{self, Hit, HitKind};
use leling_i18n::Tell;

impl App {
    /// Searches again for what is in the field now; results replace the old ones.
    pub(super) fn refresh_find_all(&mut self) {
        let lang = self.lang();
        let Some(Screen::FindAll { query, .. }) = self.stack.last() else {
            return;
        };
        let found = search::search(&self.store, &catalog::bundled_dir(), query, lang);
        let hits = match found {
            Ok(hits) => hits,
            Err(error) => {
                self.tell(error.message(lang));
                Vec::new()
            }
        };
        let screen = self.screen_mut();
        if let Screen::FindAll { hits: shown, .. } = screen {
            *shown = hits;
            screen.show_page(0, 0);
        }
    }

    pub(super) fn open_hit(&mut self, hit: &Hit) {
        let content = catalog::bundled_dir();
        match hit.kind {
            HitKind::Book => {
                let book = catalog::load_lists(&content)
                    .into_iter()
                    .flat_map(|list| list.book)
                    .find(|book| *book.id.get_ref() == hit.key);
                if let Some(book) = book {
                    self.open_book_detail(Box::new(book));
                }
            }
            HitKind::Lecture => {
                let lecture = catalog::load_lectures(&content)
                    .into_iter()
                    .find(|lecture| *lecture.id.get_ref() == hit.key);
                if let Some(lecture) = lecture {
                    let screen = super::screens::LectureDetail::screen(lecture, &self.services());
                    self.push(screen);
                }
            }
            HitKind::Guide => {
                let guide = catalog::load_guides(&content)
                    .into_iter()
                    .find(|guide| *guide.id.get_ref() == hit.key);
                if let Some(guide) = guide {
                    let file = content.join(guide.files.get(self.lang()));
                    self.open_book_or_explain(&file);
                }
            }
            HitKind::Remote => {
                let entry = catalog::sources::all_cached_entries(&self.store)
                    .unwrap_or_default()
                    .into_iter()
                    .find(|(source, entry)| search::remote_key(source, &entry.id) == hit.key);
                if let Some((_, entry)) = entry {
                    let actions = super::screens::RemoteAction::for_entry(&entry);
                    self.push(Screen::RemoteEntryDetail {
                        list: ListState::default(),
                        entry: Box::new(entry),
                        actions,
                    });
                }
            }
            HitKind::Library => {
                let book = self
                    .store
                    .library_books()
                    .unwrap_or_default()
                    .into_iter()
                    .find(|book| book.id.to_string() == hit.key);
                if let Some(book) = book {
                    self.open_book_or_explain(&book.path);
                }
            }
        }
    }
}
