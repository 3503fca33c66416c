//! The remote catalogs, for the administrator: add one, each catalog (refresh or remove it),
//! refresh them all; each with when it was last checked and whether that went wrong.

use super::catalog_add::CatalogAdd;
use super::catalog_menu::CatalogMenu;
use crate::catalog::sources::checked_ago;
use crate::i18n::{t, t_with};
use crate::store::{CatalogSource, Store};
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct CatalogsPage {
    list: ListState,
    sources: Vec<CatalogSource>,
}

impl CatalogsPage {
    pub fn screen(store: &Store) -> Screen {
        Screen::of(CatalogsPage {
            list: ListState::default(),
            sources: store.catalogs().sources().unwrap_or_default(),
        })
    }
}

impl Component for CatalogsPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Catalogs
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let sources = self.sources.iter().map(|source| {
            let args = [
                ("name", source.name.clone().into()),
                ("age", checked_ago(source, lang).into()),
            ];
            let mut label = t_with(lang, "catalogs-source", &args);
            if source.problem.is_some() {
                label.push_str(&t(lang, "catalogs-has-problem"));
            }
            label
        });
        let items = [t(lang, "catalogs-add")]
            .into_iter()
            .chain(sources)
            .chain([t(lang, "catalogs-refresh-all")])
            .collect();
        View {
            body: empty_note(self.sources.is_empty(), lang, "catalog-none"),
            ..View::menu(t(lang, "catalogs-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        // Add, each catalog, refresh all.
        Some(self.sources.len() + 2)
    }

    fn choose(&mut self, item: Option<usize>, _services: &Services) -> Intent {
        match item {
            Some(0) => Intent::Open(Screen::of(CatalogAdd::default())),
            Some(n) if n <= self.sources.len() => {
                Intent::Open(Screen::of(CatalogMenu::new(self.sources[n - 1].clone())))
            }
            Some(_) => Intent::RefreshCatalogs(None),
            None => Intent::Stay,
        }
    }

    /// Catalogs added, refreshed or removed: the list is read again, its page and focus kept
    /// on choices that are still there.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        let Outcome::Changed = outcome else {
            return None;
        };
        self.sources = services.store.catalogs().sources().unwrap_or_default();
        self.list.keep_in_range(self.sources.len() + 2);
        None
    }
}
