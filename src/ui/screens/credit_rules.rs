//! The centre's credit rules (学时), for staff: what a session, a lecture, minutes read, a
//! book finished and a quiz passed earn in a learner's record. ← and → (or Enter) change the
//! focused rule; they are kept in the kiosk's settings file, `[credits]`.

use crate::i18n::t;
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::settings_rows::{CREDIT_RULE_ROWS, setting_label};
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct CreditRulesPage {
    list: ListState,
}

impl Component for CreditRulesPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-credit-rules")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (CREDIT_RULE_ROWS.iter())
            .map(|&row| setting_label(cx, row))
            .collect();
        View {
            body: vec![t(lang, "credit-rules-body")],
            hint: t(lang, "hint-settings"),
            ..View::menu(t(lang, "club-credit-rules"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        CREDIT_RULE_ROWS.len()
    }

    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        match CREDIT_RULE_ROWS.get(self.list.focus) {
            Some(&rule) => Intent::ChangeSetting(rule, true),
            None => Intent::Stay,
        }
    }

    fn step(&mut self, forward: bool) -> Intent {
        match CREDIT_RULE_ROWS.get(self.list.focus) {
            Some(&rule) => Intent::ChangeSetting(rule, forward),
            None => Intent::Stay,
        }
    }
}
