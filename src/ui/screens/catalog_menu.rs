//! One remote catalog, for the administrator: where it comes from, what last went wrong, and
//! refresh or remove it.

use crate::i18n::{Tell, t, t_with};
use crate::store::CatalogSource;
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct CatalogMenu {
    list: ListState,
    source: CatalogSource,
}

impl CatalogMenu {
    pub fn new(source: CatalogSource) -> CatalogMenu {
        CatalogMenu {
            list: ListState::default(),
            source,
        }
    }
}

impl Component for CatalogMenu {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Catalogs
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let mut body = vec![self.source.location.clone()];
        body.extend(self.source.problem.clone());
        let items = vec![t(lang, "catalogs-refresh"), t(lang, "catalogs-remove")];
        View {
            body,
            ..View::menu(self.source.name.clone(), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        2
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let name = self.source.name.clone();
        if self.list.focus == 0 {
            return Intent::RefreshCatalogs(Some(name));
        }
        let lang = services.lang;
        let said = match services.store.catalogs().remove_source(&name) {
            Ok(_) => t_with(lang, "catalog-removed", &[("name", name.into())]),
            Err(error) => error.message(lang),
        };
        Intent::Done(Box::new(Intent::Changed(Box::new(Intent::Tell(said)))))
    }
}
