//! Signing in to a catalog that asked, on the screen: its own names for the two fields where
//! it gives them ("Library card", "PIN"), one question at a time; the password shown as dots
//! and said only by its length. The catalog is then added with the sign-in on a worker; a
//! refused sign-in asks again from the first question.

use crate::catalog::login_challenge::LoginLabels;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Outcome, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// The longest user name or password taken, in characters.
const FIELD_ROOM: usize = 200;

pub(in crate::ui) struct CatalogLogin {
    address: String,
    labels: Option<LoginLabels>,
    user: String,
    password: String,
    /// The password is being asked (else the user name).
    asking_password: bool,
}

impl CatalogLogin {
    pub fn new(address: String, labels: Option<LoginLabels>) -> CatalogLogin {
        CatalogLogin {
            address,
            labels,
            user: String::new(),
            password: String::new(),
            asking_password: false,
        }
    }

    /// The field being asked, in the catalog's words where it gives them.
    fn question(&self, lang: Lang) -> String {
        let given = self.labels.as_ref().map(|labels| {
            if self.asking_password {
                labels.password.clone()
            } else {
                labels.login.clone()
            }
        });
        let label = given.filter(|label| !label.is_empty()).unwrap_or_else(|| {
            let id = if self.asking_password {
                "catalog-login-password"
            } else {
                "catalog-login-user"
            };
            t(lang, id)
        });
        t_with(lang, "catalog-login-ask", &[("field", label.into())])
    }
}

impl Component for CatalogLogin {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Catalogs
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let site = crate::catalog::logins::site_of(&self.address).unwrap_or_default();
        let title = t_with(lang, "catalog-login-title", &[("site", site.into())]);
        if self.asking_password {
            let hint = t(lang, "hint-password");
            View::secret(title, self.question(lang), &self.password, hint)
        } else {
            View::field(title, vec![self.question(lang)], &self.user, lang)
        }
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        let field = if self.asking_password {
            &mut self.password
        } else {
            &mut self.user
        };
        Some((field, FIELD_ROOM))
    }

    /// The user name is said as typed; the password only by its length.
    fn field_said(&self, lang: Lang) -> Option<String> {
        if self.asking_password {
            let count = [("count", self.password.chars().count().into())];
            Some(t_with(lang, "password-entered", &count))
        } else {
            Some(self.user.clone())
        }
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        if !self.asking_password {
            if self.user.trim().is_empty() {
                return Intent::Stay;
            }
            self.asking_password = true;
            return Intent::Say(self.question(lang));
        }
        Intent::AddCatalog {
            address: self.address.clone(),
            sign_in: Some((self.user.trim().to_owned(), self.password.clone())),
        }
    }

    /// Added: this screen goes. Refused: asked again from the user name (kept as typed, to
    /// be corrected or confirmed with Enter), told why.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        match outcome {
            Outcome::Changed => Some(Intent::Done(Box::new(Intent::Stay))),
            // News of another catalog (a refresh beside this) is not this sign-in's answer.
            Outcome::NeedsLogin { address, said, .. } if *address == self.address => {
                self.password.clear();
                self.asking_password = false;
                let asked = self.question(services.lang);
                Some(Intent::Tell(format!("{said} {asked}")))
            }
            _ => None,
        }
    }
}
