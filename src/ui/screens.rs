//! The screens and what each one shows. A screen turns its state into a `View` (words only);
//! `render` draws any view the same way, so every screen gets the same sizes, focus marker,
//! cursor placement and small-window handling.

use fluent_bundle::FluentValue;

use crate::config::{Settings, SpeechChoice, ThemeName};
use crate::i18n::{t, t_with};
use crate::model::Lang;

/// The parts of Leling that are planned but not built yet; their page says so honestly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Books,
    Lectures,
    ContinueReading,
    ReadingClub,
    MyLearning,
}

impl Feature {
    fn title_id(self) -> &'static str {
        match self {
            Feature::Books => "home-books",
            Feature::Lectures => "home-lectures",
            Feature::ContinueReading => "home-continue",
            Feature::ReadingClub => "home-club",
            Feature::MyLearning => "home-learning",
        }
    }
}

/// The choices on the home screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeChoice {
    Open(Feature),
    Settings,
    Help,
}

pub const HOME_CHOICES: [HomeChoice; 7] = [
    HomeChoice::Open(Feature::Books),
    HomeChoice::Open(Feature::Lectures),
    HomeChoice::Open(Feature::ContinueReading),
    HomeChoice::Open(Feature::ReadingClub),
    HomeChoice::Open(Feature::MyLearning),
    HomeChoice::Settings,
    HomeChoice::Help,
];

impl HomeChoice {
    fn label_id(self) -> &'static str {
        match self {
            HomeChoice::Open(feature) => feature.title_id(),
            HomeChoice::Settings => "home-settings",
            HomeChoice::Help => "home-help",
        }
    }
}

/// The rows of the Settings screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingRow {
    Language,
    Theme,
    LineGap,
    Speech,
    Rate,
    ScreenReader,
    IdleMinutes,
}

pub const SETTING_ROWS: [SettingRow; 7] = [
    SettingRow::Language,
    SettingRow::Theme,
    SettingRow::LineGap,
    SettingRow::Speech,
    SettingRow::Rate,
    SettingRow::ScreenReader,
    SettingRow::IdleMinutes,
];

/// Idle times an administrator can pick for a kiosk, in minutes.
pub const IDLE_CHOICES: [u32; 5] = [2, 5, 10, 15, 30];

/// Why the administrator PIN is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinPurpose {
    OpenSettings,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Home {
        focus: usize,
    },
    Settings {
        focus: usize,
    },
    NotAvailable(Feature),
    /// Help about the screen below it (`about` is that screen's help topic).
    Help {
        about: HelpTopic,
        scroll: usize,
    },
    ConfirmQuit {
        focus: usize,
    },
    Pin {
        purpose: PinPurpose,
        digits: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpTopic {
    General,
    Home,
    Settings,
    NotAvailable(Feature),
    Quit,
    Pin,
    Help,
}

impl HelpTopic {
    fn body_id(self) -> &'static str {
        match self {
            HelpTopic::General => "help-general",
            HelpTopic::Home => "help-home",
            HelpTopic::Settings => "help-settings",
            HelpTopic::NotAvailable(_) => "help-not-available",
            HelpTopic::Quit => "help-quit",
            HelpTopic::Pin => "help-pin",
            HelpTopic::Help => "help-help",
        }
    }
}

/// What one screen shows, in words; drawn by `render::draw`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub title: String,
    pub body: Vec<String>,
    pub items: Vec<String>,
    pub focus: Option<usize>,
    /// A text field, already masked.
    pub input: Option<String>,
    pub hint: String,
    pub scroll: usize,
}

/// What a screen needs to know to describe itself.
pub struct ViewContext<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub theme: ThemeName,
    pub speech: SpeechChoice,
}

impl Screen {
    /// The help shown for this screen when `?` is pressed.
    pub fn help_topic(&self) -> HelpTopic {
        match self {
            Screen::Home { .. } => HelpTopic::Home,
            Screen::Settings { .. } => HelpTopic::Settings,
            Screen::NotAvailable(feature) => HelpTopic::NotAvailable(*feature),
            Screen::Help { .. } => HelpTopic::Help,
            Screen::ConfirmQuit { .. } => HelpTopic::Quit,
            Screen::Pin { .. } => HelpTopic::Pin,
        }
    }

    pub fn item_count(&self) -> usize {
        match self {
            Screen::Home { .. } => HOME_CHOICES.len(),
            Screen::Settings { .. } => SETTING_ROWS.len(),
            Screen::ConfirmQuit { .. } => 2,
            Screen::NotAvailable(_) | Screen::Help { .. } | Screen::Pin { .. } => 0,
        }
    }

    pub fn focus(&self) -> Option<usize> {
        match self {
            Screen::Home { focus } | Screen::Settings { focus } | Screen::ConfirmQuit { focus } => {
                Some(*focus)
            }
            _ => None,
        }
    }

    pub fn set_focus(&mut self, index: usize) {
        if let Screen::Home { focus } | Screen::Settings { focus } | Screen::ConfirmQuit { focus } =
            self
        {
            *focus = index;
        }
    }

    pub fn view(&self, cx: &ViewContext) -> View {
        let lang = cx.lang;
        let focus = self.focus();
        match self {
            Screen::Home { .. } => View {
                title: t(lang, "home-title"),
                items: HOME_CHOICES.iter().map(|c| t(lang, c.label_id())).collect(),
                focus,
                hint: t(lang, "hint-home"),
                ..View::default()
            },
            Screen::Settings { .. } => View {
                title: t(lang, "settings-title"),
                items: SETTING_ROWS
                    .iter()
                    .map(|&row| setting_label(cx, row))
                    .collect(),
                focus,
                hint: t(lang, "hint-settings"),
                ..View::default()
            },
            Screen::NotAvailable(feature) => View {
                title: t(lang, feature.title_id()),
                body: vec![t(lang, "not-available-body")],
                hint: t(lang, "hint-page"),
                ..View::default()
            },
            Screen::Help { about, scroll } => {
                let screen_name = match about {
                    HelpTopic::General | HelpTopic::Help => t(lang, "home-help"),
                    HelpTopic::Home => t(lang, "home-title"),
                    HelpTopic::Settings => t(lang, "settings-title"),
                    HelpTopic::NotAvailable(feature) => t(lang, feature.title_id()),
                    HelpTopic::Quit => t(lang, "quit-title"),
                    HelpTopic::Pin => t(lang, "pin-title"),
                };
                View {
                    title: t_with(lang, "help-title", &[("screen", screen_name.into())]),
                    body: vec![t(lang, about.body_id()), t(lang, "help-keys")],
                    hint: t(lang, "hint-scroll"),
                    scroll: *scroll,
                    ..View::default()
                }
            }
            Screen::ConfirmQuit { .. } => View {
                title: t(lang, "quit-title"),
                items: vec![t(lang, "quit-no"), t(lang, "quit-yes")],
                focus,
                hint: t(lang, "hint-menu"),
                ..View::default()
            },
            Screen::Pin { digits, .. } => View {
                title: t(lang, "pin-title"),
                body: vec![t(lang, "pin-body")],
                input: Some("●".repeat(digits.chars().count())),
                hint: t(lang, "hint-pin"),
                ..View::default()
            },
        }
    }
}

/// The value of one setting, in words.
pub fn setting_value(cx: &ViewContext, row: SettingRow) -> String {
    let lang = cx.lang;
    let s = cx.settings;
    let n = |value: u8| -> [(&str, FluentValue); 1] { [("n", value.into())] };
    match row {
        SettingRow::Language => t(lang, lang_value_id(lang)),
        SettingRow::Theme => t(lang, theme_value_id(cx.theme)),
        SettingRow::LineGap => t_with(lang, "line-gap-value", &n(s.line_gap.get())),
        SettingRow::Speech => t(lang, speech_value_id(cx.speech)),
        SettingRow::Rate => t_with(lang, "rate-value", &n(s.speech_rate.get())),
        SettingRow::ScreenReader => t(
            lang,
            if s.screen_reader {
                "value-on"
            } else {
                "value-off"
            },
        ),
        SettingRow::IdleMinutes => s.kiosk_idle_minutes.to_string(),
    }
}

fn setting_label(cx: &ViewContext, row: SettingRow) -> String {
    let id = match row {
        SettingRow::Language => "setting-language",
        SettingRow::Theme => "setting-theme",
        SettingRow::LineGap => "setting-line-gap",
        SettingRow::Speech => "setting-speech",
        SettingRow::Rate => "setting-rate",
        SettingRow::ScreenReader => "setting-screen-reader",
        SettingRow::IdleMinutes => "setting-idle",
    };
    t_with(cx.lang, id, &[("value", setting_value(cx, row).into())])
}

fn lang_value_id(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "value-lang-zh",
        Lang::En => "value-lang-en",
    }
}

fn theme_value_id(theme: ThemeName) -> &'static str {
    match theme {
        ThemeName::YellowOnBlack => "theme-yellow-on-black",
        ThemeName::WhiteOnBlack => "theme-white-on-black",
        ThemeName::BlackOnCream => "theme-black-on-cream",
    }
}

fn speech_value_id(choice: SpeechChoice) -> &'static str {
    match choice {
        SpeechChoice::Auto => "speech-auto",
        SpeechChoice::Speechd => "speech-speechd",
        SpeechChoice::Espeak => "speech-espeak",
        SpeechChoice::Tts => "speech-tts",
        SpeechChoice::Off => "speech-off",
    }
}
