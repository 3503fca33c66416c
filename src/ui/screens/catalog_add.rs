//! Typing a catalog's web address or file path; it is fetched on a worker, and this field
//! goes once that is done (or gives way to the sign-in's questions when the catalog asks).

use super::catalog_login::CatalogLogin;
use crate::i18n::t;
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Outcome, Screen, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// How long an address may be typed, in characters.
const ADDRESS_ROOM: usize = 2000;

#[derive(Default)]
pub(in crate::ui) struct CatalogAdd {
    address: String,
}

impl Component for CatalogAdd {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Catalogs
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        View {
            title: t(lang, "catalogs-add"),
            body: vec![t(lang, "catalogs-add-body")],
            input: Some(self.address.clone()),
            hint: t(lang, "hint-search"),
            ..View::default()
        }
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some((&mut self.address, ADDRESS_ROOM))
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.address.clone())
    }

    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        let address = self.address.trim();
        if address.is_empty() {
            return Intent::Stay;
        }
        Intent::AddCatalog {
            address: address.to_owned(),
            sign_in: None,
        }
    }

    /// Added: this field goes. Asked for a sign-in: the sign-in's questions take its place.
    fn hear(&mut self, outcome: &Outcome, _services: &Services) -> Option<Intent> {
        match outcome {
            Outcome::Changed => Some(Intent::Done(Box::new(Intent::Stay))),
            Outcome::NeedsLogin {
                address,
                labels,
                said,
            } if address == self.address.trim() => {
                let login = CatalogLogin::new(address.clone(), labels.clone());
                Some(Intent::Then(
                    Box::new(Intent::replace(Screen::of(login))),
                    Box::new(Intent::Tell(said.clone())),
                ))
            }
            _ => None,
        }
    }
}
