//! Settings: language, colours, text size, line spacing, Chinese script and voice; ← and →
//! (or Enter) change the focused one; the last row opens more settings.

use super::more_settings::MoreSettings;
use crate::i18n::t;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::settings_rows::{SETTING_ROWS, setting_label};
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct SettingsPage {
    list: ListState,
}

impl Component for SettingsPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Settings
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let mut items: Vec<String> = (SETTING_ROWS.iter())
            .map(|&row| setting_label(cx, row))
            .collect();
        items.push(t(lang, "settings-more"));
        View {
            hint: t(lang, "hint-settings"),
            ..View::menu(t(lang, "settings-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        SETTING_ROWS.len() + 1
    }

    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        match SETTING_ROWS.get(self.list.focus) {
            Some(&setting) => Intent::ChangeSetting(setting, true),
            None => Intent::Open(Screen::of(MoreSettings::default())),
        }
    }

    fn step(&mut self, forward: bool) -> Intent {
        match SETTING_ROWS.get(self.list.focus) {
            Some(&setting) => Intent::ChangeSetting(setting, forward),
            None => Intent::Stay,
        }
    }
}
