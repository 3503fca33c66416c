//! What a screen says, in words only: its title, text, choices and focus, field and hint
//! (`View`), what it needs to know to say it (`ViewContext`), how it takes typing (`Entry`)
//! and which help belongs to it (`HelpTopic`). `render` draws any view the same way, so every
//! screen gets the same sizes, focus marker, cursor placement and small-window handling.

use crate::config::{Settings, SpeechChoice, ThemeName};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::store::Store;

/// Which help `?` shows: the screen's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpTopic {
    General,
    Home,
    Books,
    Library,
    Lists,
    BookDetail,
    Guides,
    FindAll,
    Catalogs,
    Lectures,
    Quiz,
    LectureDetail,
    Qr,
    Reader,
    Toc,
    Bookmarks,
    Search,
    GoTo,
    Notice,
    Settings,
    /// A reading-club screen, with its help text's id.
    Club(&'static str),
    Quit,
    Pin,
    Help,
}

impl HelpTopic {
    pub(super) fn body_id(self) -> &'static str {
        match self {
            HelpTopic::General => "help-general",
            HelpTopic::Home => "help-home",
            HelpTopic::Books => "help-books",
            HelpTopic::Library => "help-library",
            HelpTopic::Lists => "help-lists",
            HelpTopic::BookDetail => "help-book-detail",
            HelpTopic::Guides => "help-guides",
            HelpTopic::FindAll => "help-find",
            HelpTopic::Catalogs => "help-catalogs",
            HelpTopic::Lectures => "help-lectures",
            HelpTopic::Quiz => "help-quiz",
            HelpTopic::LectureDetail => "help-lecture-detail",
            HelpTopic::Qr => "help-qr",
            HelpTopic::Reader => "help-reader",
            HelpTopic::Toc => "help-toc",
            HelpTopic::Bookmarks => "help-bookmarks",
            HelpTopic::Search => "help-search",
            HelpTopic::GoTo => "help-goto",
            HelpTopic::Notice => "help-notice",
            HelpTopic::Settings => "help-settings",
            HelpTopic::Club(body) => body,
            HelpTopic::Quit => "help-quit",
            HelpTopic::Pin => "help-pin",
            HelpTopic::Help => "help-help",
        }
    }

    pub(super) fn screen_name(self, lang: Lang) -> String {
        let id = match self {
            HelpTopic::General | HelpTopic::Help => "home-help",
            HelpTopic::Home => "home-title",
            HelpTopic::Books => "home-books",
            HelpTopic::Library => "books-on-kiosk",
            HelpTopic::Lists => "books-lists",
            HelpTopic::BookDetail => "book-detail-title",
            HelpTopic::Guides => "books-guides",
            HelpTopic::FindAll => "find-title",
            HelpTopic::Catalogs => "catalogs-title",
            HelpTopic::Lectures => "home-lectures",
            HelpTopic::Quiz => "quiz-list-title",
            HelpTopic::LectureDetail => "lecture-detail-title",
            HelpTopic::Qr => "qr-title",
            HelpTopic::Reader => "reader-title",
            HelpTopic::Toc => "toc-title",
            HelpTopic::Bookmarks => "bookmarks-title",
            HelpTopic::Search => "search-title",
            HelpTopic::GoTo => "goto-title",
            HelpTopic::Notice => "home-title",
            HelpTopic::Settings => "settings-title",
            HelpTopic::Club(_) => "home-club",
            HelpTopic::Quit => "quit-title",
            HelpTopic::Pin => "pin-title",
        };
        t(lang, id)
    }
}

/// What one screen shows, in words; drawn by `render::draw`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub title: String,
    pub body: Vec<String>,
    pub items: Vec<String>,
    pub focus: Option<usize>,
    /// A text field, already masked where it must be.
    pub input: Option<String>,
    /// A short figure drawn in large digits under the title (the check-in count).
    pub big: Option<String>,
    pub hint: String,
    pub scroll: usize,
    /// Every choice is said when the screen is, not only the focused one: a quiz's question
    /// is heard with all its answers.
    pub all_choices_said: bool,
}

/// What a list says when it has nothing in it (nothing when it has something).
pub fn empty_note(is_empty: bool, lang: Lang, id: &str) -> Vec<String> {
    if is_empty {
        vec![t(lang, id)]
    } else {
        Vec::new()
    }
}

impl View {
    /// How a choice is said: its number, then its label.
    pub(super) fn item_phrase(&self, index: usize, lang: Lang) -> String {
        let label = self.items[index].clone();
        let args = [("number", (index + 1).into()), ("label", label.into())];
        t_with(lang, "announce-item", &args)
    }

    /// How a choice is said among all of a question's, one after another: named as a choice
    /// ("选项1，10克。"), so that its number is not heard as part of an answer that is a number
    /// too, and ended as a sentence.
    pub(super) fn choice_phrase(&self, index: usize, lang: Lang) -> String {
        let label = self.items[index].clone();
        let args = [("number", (index + 1).into()), ("label", label.into())];
        t_with(lang, "announce-choice", &args)
    }

    /// A screen of choices, with the hint for moving between them.
    pub fn menu(title: String, items: Vec<String>, focus: Option<usize>, lang: Lang) -> View {
        View {
            title,
            items,
            focus,
            hint: t(lang, "hint-menu"),
            ..View::default()
        }
    }

    /// A PIN's field: the digits shown as dots only.
    pub fn pin(title: String, body: String, digits: &str, lang: Lang) -> View {
        View::secret(title, body, digits, t(lang, "hint-pin"))
    }

    /// A field whose text is shown as dots only (a PIN, a password), with its keys' hint.
    pub fn secret(title: String, body: String, typed: &str, hint: String) -> View {
        View {
            title,
            body: vec![body],
            input: Some("●".repeat(typed.chars().count())),
            hint,
            ..View::default()
        }
    }

    /// A screen with one text field under its words.
    pub fn field(title: String, body: Vec<String>, input: &str, lang: Lang) -> View {
        View {
            title,
            body,
            input: Some(input.to_owned()),
            hint: t(lang, "hint-field"),
            ..View::default()
        }
    }
}

/// What a screen needs to know to describe itself.
pub struct ViewContext<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub theme: ThemeName,
    pub speech: SpeechChoice,
    /// The window the screen is drawn in.
    pub window: ratatui::layout::Rect,
    /// The kiosk's records, for a screen that shows how they stand (the last sync).
    pub store: &'a Store,
    /// The name of the learner signed in at this kiosk.
    pub signed_in: Option<&'a str>,
}

/// How a screen takes text: not at all, digits only, or any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    None,
    Digits,
    Text,
}
