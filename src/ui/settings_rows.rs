//! The settings a person changes on the two Settings screens: which there are, how each reads
//! as a row ("Text size: ×2"), and the next or previous value of each.

use fluent_bundle::FluentValue;

use super::view::ViewContext;
use crate::catalog::script::ChineseScript;
use crate::config::{LineGap, Settings, SpeechChoice, ThemeName};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::Voice;

/// Choices made on the command line for this run only; the Settings screen clears one when a
/// person changes that setting there.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub lang: Option<Lang>,
    pub theme: Option<ThemeName>,
    pub speech: Option<SpeechChoice>,
}

impl Overrides {
    /// The interface's language: the command line's, else the settings', else the system's.
    pub fn lang(&self, settings: &Settings) -> Lang {
        (self.lang.or(settings.language)).unwrap_or_else(Lang::from_system)
    }

    pub fn theme(&self, settings: &Settings) -> ThemeName {
        self.theme.unwrap_or(settings.theme)
    }

    pub fn speech(&self, settings: &Settings) -> SpeechChoice {
        self.speech.unwrap_or(settings.speech)
    }
}

/// One setting a screen row changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Language,
    Theme,
    Zoom,
    LineGap,
    Script,
    Speech,
    Rate,
    ReadingWidth,
    ScreenReader,
    IdleMinutes,
    SyncEvery,
    /// The centre's credit rules (学时), on the staff's own screen.
    CreditSession,
    CreditLecture,
    CreditReading,
    CreditBook,
    CreditQuiz,
}

/// The first Settings screen: six settings and "More settings", at most seven choices.
pub const SETTING_ROWS: [Setting; 6] = [
    Setting::Language,
    Setting::Theme,
    Setting::Zoom,
    Setting::LineGap,
    Setting::Script,
    Setting::Speech,
];

/// The second Settings screen ("more settings"), before its catalogs and "sync now".
pub const MORE_SETTING_ROWS: [Setting; 5] = [
    Setting::Rate,
    Setting::ReadingWidth,
    Setting::ScreenReader,
    Setting::IdleMinutes,
    Setting::SyncEvery,
];

/// The credit rules' screen, one row per kind of activity.
pub const CREDIT_RULE_ROWS: [Setting; 5] = [
    Setting::CreditSession,
    Setting::CreditLecture,
    Setting::CreditReading,
    Setting::CreditBook,
    Setting::CreditQuiz,
];

/// Minutes of a session per credit a centre can pick (45: one class hour).
const SESSION_MINUTE_CHOICES: [u32; 7] = [30, 40, 45, 50, 60, 90, 120];

/// Minutes read per credit a centre can pick.
const READING_MINUTE_CHOICES: [u32; 7] = [30, 45, 60, 90, 120, 180, 240];

/// Credits per lecture, book or quiz a centre can pick (0: that activity earns none).
const PER_ITEM_CHOICES: [u32; 6] = [0, 1, 2, 3, 4, 5];

/// How often a kiosk may sync with its hub by itself, in minutes (0: only when asked).
const SYNC_EVERY_CHOICES: [u32; 5] = [0, 5, 15, 30, 60];

/// Reading widths a volunteer can pick: (Chinese characters, other columns) per line.
pub const READING_WIDTHS: [(u16, u16); 3] = [(30, 50), (40, 66), (50, 80)];

/// Idle times an administrator can pick for a kiosk, in minutes.
const IDLE_CHOICES: [u32; 5] = [2, 5, 10, 15, 30];

/// A setting as its row reads: its name and its value.
pub fn setting_label(cx: &ViewContext, setting: Setting) -> String {
    let id = match setting {
        Setting::Language => "setting-language",
        Setting::Theme => "setting-theme",
        Setting::Zoom => "setting-zoom",
        Setting::LineGap => "setting-line-gap",
        Setting::Script => "setting-script",
        Setting::Speech => "setting-speech",
        Setting::Rate => "setting-rate",
        Setting::ReadingWidth => "setting-reading-width",
        Setting::ScreenReader => "setting-screen-reader",
        Setting::IdleMinutes => "setting-idle",
        Setting::SyncEvery => "setting-sync-every",
        Setting::CreditSession => "setting-credit-session",
        Setting::CreditLecture => "setting-credit-lecture",
        Setting::CreditReading => "setting-credit-reading",
        Setting::CreditBook => "setting-credit-book",
        Setting::CreditQuiz => "setting-credit-quiz",
    };
    t_with(cx.lang, id, &[("value", setting_value(cx, setting).into())])
}

/// The value of one setting, in words.
fn setting_value(cx: &ViewContext, setting: Setting) -> String {
    let lang = cx.lang;
    let s = cx.settings;
    let n = |value: u8| -> [(&str, FluentValue); 1] { [("n", value.into())] };
    match setting {
        Setting::Language => t(lang, lang_value_id(lang)),
        Setting::Theme => t(lang, theme_value_id(cx.theme)),
        Setting::Zoom => t_with(lang, "zoom-value", &n(s.zoom.get())),
        Setting::LineGap => t_with(lang, "line-gap-value", &n(s.line_gap.get())),
        Setting::Script => t(lang, script_value_id(s.chinese_script)),
        Setting::Speech => t(lang, speech_value_id(cx.speech)),
        Setting::Rate => t_with(lang, "rate-value", &n(s.speech_rate.get())),
        Setting::ReadingWidth => t_with(
            lang,
            "reading-width-value",
            &[
                ("cjk", s.reading_width_cjk.into()),
                ("latin", s.reading_width_latin.into()),
            ],
        ),
        Setting::ScreenReader if s.screen_reader => t(lang, "value-on"),
        Setting::ScreenReader => t(lang, "value-off"),
        Setting::IdleMinutes => s.kiosk_idle_minutes.to_string(),
        Setting::SyncEvery => match s.sync_every_minutes {
            0 => t(lang, "sync-every-off"),
            n => t_with(lang, "sync-every-value", &[("n", n.into())]),
        },
        Setting::CreditSession => s.credits.session_minutes.to_string(),
        Setting::CreditLecture => s.credits.per_lecture.to_string(),
        Setting::CreditReading => s.credits.reading_minutes.to_string(),
        Setting::CreditBook => s.credits.per_book.to_string(),
        Setting::CreditQuiz => s.credits.per_quiz.to_string(),
    }
}

/// Sets `setting` to its next (or previous) value; a choice made on the command line for this
/// run gives way to it, and the voice follows at once.
pub fn change(
    setting: Setting,
    forward: bool,
    s: &mut Settings,
    overrides: &mut Overrides,
    voice: &Voice,
    lang: Lang,
) {
    match setting {
        Setting::Language => {
            overrides.lang = None;
            s.language = Some(lang.other());
        }
        Setting::Theme => {
            let current = overrides.theme.take().unwrap_or(s.theme);
            s.theme = cycle(&ThemeName::ALL, current, forward);
        }
        Setting::Zoom if forward => s.zoom = s.zoom.cycled(),
        Setting::Zoom => s.zoom = s.zoom.cycled_back(),
        // One blank row or two, either way: lines closer than 1.3 times their size are below
        // the elder-mode rules (a settings file's 0 stays until it is changed here).
        Setting::LineGap => s.line_gap = LineGap::new(if s.line_gap.get() == 1 { 2 } else { 1 }),
        Setting::Script => {
            s.chinese_script = cycle(&ChineseScript::ALL, s.chinese_script, forward);
        }
        Setting::Speech => {
            let current = overrides.speech.take().unwrap_or(s.speech);
            s.speech = cycle(&SpeechChoice::ALL, current, forward);
            voice.switch(s.speech);
        }
        Setting::Rate => {
            s.speech_rate = if forward {
                s.speech_rate.up()
            } else {
                s.speech_rate.down()
            };
            voice.set_rate(s.speech_rate);
        }
        Setting::ReadingWidth => {
            let current = (s.reading_width_cjk, s.reading_width_latin);
            (s.reading_width_cjk, s.reading_width_latin) = cycle(&READING_WIDTHS, current, forward);
        }
        Setting::ScreenReader => {
            s.screen_reader = !s.screen_reader;
            if s.screen_reader {
                voice.stop();
            }
        }
        Setting::IdleMinutes => {
            s.kiosk_idle_minutes = cycle(&IDLE_CHOICES, s.kiosk_idle_minutes, forward);
        }
        Setting::SyncEvery => {
            s.sync_every_minutes = cycle(&SYNC_EVERY_CHOICES, s.sync_every_minutes, forward);
        }
        Setting::CreditSession => {
            let rule = &mut s.credits.session_minutes;
            *rule = cycle(&SESSION_MINUTE_CHOICES, *rule, forward);
        }
        Setting::CreditReading => {
            let rule = &mut s.credits.reading_minutes;
            *rule = cycle(&READING_MINUTE_CHOICES, *rule, forward);
        }
        Setting::CreditLecture => {
            s.credits.per_lecture = cycle(&PER_ITEM_CHOICES, s.credits.per_lecture, forward);
        }
        Setting::CreditBook => {
            s.credits.per_book = cycle(&PER_ITEM_CHOICES, s.credits.per_book, forward);
        }
        Setting::CreditQuiz => {
            s.credits.per_quiz = cycle(&PER_ITEM_CHOICES, s.credits.per_quiz, forward);
        }
    }
}

/// The next (or previous) value in a fixed list, wrapping round; an unknown value starts over.
fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let index = all.iter().position(|&v| v == current).unwrap_or(0);
    let next = if forward {
        (index + 1) % all.len()
    } else {
        (index + all.len() - 1) % all.len()
    };
    all[next]
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

fn script_value_id(script: ChineseScript) -> &'static str {
    match script {
        ChineseScript::AsWritten => "script-as-written",
        ChineseScript::Simplified => "script-simplified",
        ChineseScript::Traditional => "script-traditional",
    }
}

pub(super) fn speech_value_id(choice: SpeechChoice) -> &'static str {
    match choice {
        SpeechChoice::Auto => "speech-auto",
        SpeechChoice::Neural => "speech-neural",
        SpeechChoice::Speechd => "speech-speechd",
        SpeechChoice::Espeak => "speech-espeak",
        SpeechChoice::Tts => "speech-tts",
        SpeechChoice::Off => "speech-off",
    }
}
