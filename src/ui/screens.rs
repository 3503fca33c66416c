//! The screens and what each one shows. A screen turns its state into a `View` (words only);
//! `render` draws any view the same way, so every screen gets the same sizes, focus marker,
//! cursor placement and small-window handling. The reader draws its own page.

use fluent_bundle::FluentValue;

use super::book_page::BookCopy;
use super::club_screens::ClubScreen;
use super::reader::Reader;
use chrono::{DateTime, Datelike, FixedOffset};

use super::pager::{self, Choice, ListState};
use super::remote_views::{self, EntriesFrom};
use crate::catalog::cache::Shelf;
use crate::catalog::remote::RemoteEntry;
use crate::catalog::script::ChineseScript;
use crate::catalog::search::Hit;
use crate::catalog::{Book, BookList, Guide, Lecture, LectureFormat};
use crate::config::{Settings, SpeechChoice, ThemeName};
use crate::document::TocEntry;
use crate::i18n::{t, t_with};
use crate::model::{Lang, Position};
use crate::store::{BookRecord, Bookmark, CatalogSource, LectureMarks};

/// The choices on the home screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeChoice {
    Books,
    Lectures,
    ContinueReading,
    ReadingClub,
    MyLearning,
    Settings,
    Help,
}

pub const HOME_CHOICES: [HomeChoice; 7] = [
    HomeChoice::Books,
    HomeChoice::Lectures,
    HomeChoice::ContinueReading,
    HomeChoice::ReadingClub,
    HomeChoice::MyLearning,
    HomeChoice::Settings,
    HomeChoice::Help,
];

impl HomeChoice {
    fn label_id(self) -> &'static str {
        match self {
            HomeChoice::Books => "home-books",
            HomeChoice::Lectures => "home-lectures",
            HomeChoice::ContinueReading => "home-continue",
            HomeChoice::ReadingClub => "home-club",
            HomeChoice::MyLearning => "home-learning",
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
    Zoom,
    LineGap,
    Script,
    Speech,
}

/// Six settings and "More settings": at most seven choices on a screen.
pub const SETTING_ROWS: [SettingRow; 6] = [
    SettingRow::Language,
    SettingRow::Theme,
    SettingRow::Zoom,
    SettingRow::LineGap,
    SettingRow::Script,
    SettingRow::Speech,
];

/// The rows of the second Settings screen ("more settings").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoreSettingRow {
    Rate,
    ReadingWidth,
    ScreenReader,
    IdleMinutes,
    SyncEvery,
}

pub const MORE_SETTING_ROWS: [MoreSettingRow; 5] = [
    MoreSettingRow::Rate,
    MoreSettingRow::ReadingWidth,
    MoreSettingRow::ScreenReader,
    MoreSettingRow::IdleMinutes,
    MoreSettingRow::SyncEvery,
];

/// How often a kiosk may sync with its hub by itself, in minutes (0: only when asked).
pub const SYNC_EVERY_CHOICES: [u32; 5] = [0, 5, 15, 30, 60];

/// Reading widths a volunteer can pick: (Chinese characters, other columns) per line.
pub const READING_WIDTHS: [(u16, u16); 3] = [(30, 50), (40, 66), (50, 80)];

/// Idle times an administrator can pick for a kiosk, in minutes.
pub const IDLE_CHOICES: [u32; 5] = [2, 5, 10, 15, 30];

/// Why the administrator PIN is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinPurpose {
    OpenSettings,
    ReadingClub,
    Quit,
}

/// A remote catalog as the lists screen shows it: name, size, age of the copy, last problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSummary {
    pub name: String,
    pub entries: usize,
    /// When the cached copy was fetched (RFC 3339).
    pub fetched_at: String,
    pub problem: Option<String>,
}

/// What can be done with a remote catalog's entry or a recommended book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteAction {
    /// Download the book at this address into the library and open it.
    ReadNow(String),
    /// Open the kiosk's own copy of the book.
    ReadHere(std::path::PathBuf),
    /// Show the books on this kiosk.
    ShowLibrary,
    /// Show this address as a QR code.
    ShowCode(String),
}

impl RemoteAction {
    /// "Read now" for a book file the entry links to; a QR code for its web page or media.
    pub fn for_entry(entry: &RemoteEntry) -> Vec<RemoteAction> {
        use crate::catalog::remote::LinkRole;
        let readable = |media: &Option<String>| {
            media.as_deref().is_some_and(|m| {
                let m = m.split(';').next().unwrap_or_default().trim();
                matches!(
                    m,
                    "application/epub+zip" | "text/plain" | "text/html" | "application/xhtml+xml"
                )
            })
        };
        let mut actions = Vec::new();
        if let Some(book) = entry.links.iter().find(|l| {
            matches!(l.rel, LinkRole::Acquisition | LinkRole::OpenAccess) && readable(&l.media_type)
        }) {
            actions.push(RemoteAction::ReadNow(book.href.clone()));
        }
        if let Some(page) = entry
            .links
            .iter()
            .find(|l| matches!(l.rel, LinkRole::Alternate | LinkRole::Enclosure))
            .or(entry.links.first())
        {
            actions.push(RemoteAction::ShowCode(page.href.clone()));
        }
        actions
    }

    fn label(&self, lang: Lang) -> String {
        match self {
            RemoteAction::ReadNow(_) => t(lang, "remote-read-now"),
            RemoteAction::ReadHere(_) => t(lang, "book-read-here"),
            RemoteAction::ShowLibrary => t(lang, "book-show-library"),
            RemoteAction::ShowCode(_) => t(lang, "qr-open-on-phone"),
        }
    }
}

/// What can be done from a lecture's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LectureAction {
    ShowCode,
    RemindMe,
    Attended,
    OpenHere,
}

impl LectureAction {
    /// The actions a lecture offers: the code and "open here" only with a web address, "open
    /// here" only when the administrator has set a command for it.
    /// The choices a lecture's page offers at `now`: "I attended" only once it has begun (a
    /// recording with no time: always).
    pub fn for_lecture(
        lecture: &Lecture,
        can_open: bool,
        now: DateTime<FixedOffset>,
    ) -> Vec<LectureAction> {
        let online = lecture.url.is_some();
        let begun = lecture.starts().is_none_or(|starts| starts <= now);
        [
            (LectureAction::ShowCode, online),
            (LectureAction::RemindMe, true),
            (LectureAction::Attended, begun),
            (LectureAction::OpenHere, online && can_open),
        ]
        .into_iter()
        .filter_map(|(action, offered)| offered.then_some(action))
        .collect()
    }

    fn label(self, lang: Lang, marks: LectureMarks) -> String {
        let id = match self {
            LectureAction::ShowCode => "lecture-show-code",
            LectureAction::RemindMe if marks.planned => "lecture-planned",
            LectureAction::RemindMe => "lecture-remind-me",
            LectureAction::Attended if marks.attended => "lecture-was-attended",
            LectureAction::Attended => "lecture-attended",
            LectureAction::OpenHere => "lecture-open-here",
        };
        t(lang, id)
    }
}

/// One place found by searching a book.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub position: Position,
    pub snippet: String,
}

/// A screen and its state. A screen whose numbered list can be longer than seven choices has
/// a `page` beside its `focus`: it shows that page of the list (`pager`), and its focus is on
/// that page's choices.
pub enum Screen {
    Home {
        list: ListState,
    },
    Books {
        list: ListState,
    },
    Library {
        list: ListState,
        books: Vec<BookRecord>,
    },
    /// The recommended book lists: the bundled ones, then the remote catalogs.
    Lists {
        list: ListState,
        lists: Vec<BookList>,
        remote: Vec<RemoteSummary>,
    },
    /// A remote catalog that has shelves or a search: its menu, as last fetched.
    RemoteSource {
        list: ListState,
        summary: RemoteSummary,
        shelves: Vec<Shelf>,
        /// The books it lists itself, beside its shelves.
        own: Vec<RemoteEntry>,
        searchable: bool,
    },
    /// Typing what to search a remote catalog for.
    RemoteSearch {
        name: String,
        query: String,
    },
    /// Entries of a remote catalog: all of it, one shelf, or a search's results.
    RemoteEntries {
        list: ListState,
        from: EntriesFrom,
        entries: Vec<RemoteEntry>,
    },
    /// One entry of a remote catalog (read aloud on entering), and what can be done with it.
    RemoteEntryDetail {
        list: ListState,
        entry: Box<RemoteEntry>,
        actions: Vec<RemoteAction>,
    },
    /// The books of one recommended list.
    ListBooks {
        list: ListState,
        books: Box<BookList>,
    },
    /// One recommended book: what it is and where to find it (read aloud on entering).
    BookDetail {
        list: ListState,
        book: Box<Book>,
        copy: BookCopy,
        actions: Vec<RemoteAction>,
    },
    /// The short guides, each opening in the reader.
    Guides {
        list: ListState,
        guides: Vec<Guide>,
    },
    /// One search across lists, lectures, guides and the library, as the person types.
    FindAll {
        query: String,
        hits: Vec<Hit>,
        list: ListState,
    },
    /// The remote catalogs, for the administrator: add, refresh, remove.
    Catalogs {
        list: ListState,
        sources: Vec<CatalogSource>,
    },
    /// Typing a catalog's web address or file path.
    CatalogAdd {
        address: String,
    },
    /// One catalog: refresh or remove it.
    CatalogSourceMenu {
        list: ListState,
        source: CatalogSource,
    },
    /// Lectures: this week, by topic, or all.
    Lectures {
        list: ListState,
    },
    LectureTopics {
        list: ListState,
        topics: Vec<(String, Vec<Lecture>)>,
    },
    LectureList {
        list: ListState,
        title: String,
        lectures: Vec<Lecture>,
    },
    /// One lecture: what, who, when and where (read aloud on entering), and what to do.
    LectureDetail {
        list: ListState,
        lecture: Box<Lecture>,
        marks: LectureMarks,
        actions: Vec<LectureAction>,
    },
    /// A web address as a QR code, for a phone to scan.
    Qr {
        title: String,
        url: String,
    },
    Reader(Box<Reader>),
    Toc {
        list: ListState,
        entries: Vec<TocEntry>,
    },
    Bookmarks {
        list: ListState,
        marks: Vec<Bookmark>,
    },
    Search {
        query: String,
        hits: Vec<SearchHit>,
        list: ListState,
        searched: bool,
    },
    GoTo {
        digits: String,
    },
    /// A page that only tells something (a book that could not be opened, nothing to continue).
    Notice {
        title: String,
        body: String,
    },
    Settings {
        list: ListState,
    },
    MoreSettings {
        list: ListState,
    },
    /// Reading clubs, check-in, reports and a learner's own record.
    Club(Box<ClubScreen>),
    /// Help about the screen below it.
    Help {
        about: HelpTopic,
        scroll: usize,
    },
    ConfirmQuit {
        list: ListState,
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
    Books,
    Library,
    Lists,
    BookDetail,
    Guides,
    FindAll,
    Catalogs,
    Lectures,
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
    fn body_id(self) -> &'static str {
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

    fn screen_name(self, lang: Lang) -> String {
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
}

/// What a screen needs to know to describe itself.
pub struct ViewContext<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub theme: ThemeName,
    pub speech: SpeechChoice,
    /// The window the screen is drawn in.
    pub window: ratatui::layout::Rect,
    /// Lines the app adds to a screen: who is signed in (home), how the last sync went
    /// (more settings).
    pub notes: Vec<String>,
}

/// How a screen takes text: not at all, digits only, or any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    None,
    Digits,
    Text,
}

/// The list state of the screens that keep one (shared or mutable, as `screen` is borrowed);
/// a reading-club screen answers for itself.
macro_rules! list_of {
    ($screen:expr) => {
        match $screen {
            Screen::Home { list, .. }
            | Screen::Books { list, .. }
            | Screen::Library { list, .. }
            | Screen::Lists { list, .. }
            | Screen::RemoteSource { list, .. }
            | Screen::RemoteEntries { list, .. }
            | Screen::RemoteEntryDetail { list, .. }
            | Screen::BookDetail { list, .. }
            | Screen::ListBooks { list, .. }
            | Screen::Guides { list, .. }
            | Screen::Lectures { list, .. }
            | Screen::FindAll { list, .. }
            | Screen::Catalogs { list, .. }
            | Screen::CatalogSourceMenu { list, .. }
            | Screen::LectureTopics { list, .. }
            | Screen::LectureList { list, .. }
            | Screen::LectureDetail { list, .. }
            | Screen::Toc { list, .. }
            | Screen::Bookmarks { list, .. }
            | Screen::Search { list, .. }
            | Screen::Settings { list, .. }
            | Screen::MoreSettings { list, .. }
            | Screen::ConfirmQuit { list, .. } => Some(list),
            _ => None,
        }
    };
}

impl Screen {
    /// The help shown for this screen when `?` is pressed.
    pub fn help_topic(&self) -> HelpTopic {
        match self {
            Screen::Home { .. } => HelpTopic::Home,
            Screen::Books { .. } => HelpTopic::Books,
            Screen::Library { .. } => HelpTopic::Library,
            Screen::Lists { .. }
            | Screen::ListBooks { .. }
            | Screen::RemoteSource { .. }
            | Screen::RemoteSearch { .. }
            | Screen::RemoteEntries { .. }
            | Screen::RemoteEntryDetail { .. } => HelpTopic::Lists,
            Screen::BookDetail { .. } => HelpTopic::BookDetail,
            Screen::Guides { .. } => HelpTopic::Guides,
            Screen::FindAll { .. } => HelpTopic::FindAll,
            Screen::Catalogs { .. }
            | Screen::CatalogAdd { .. }
            | Screen::CatalogSourceMenu { .. } => HelpTopic::Catalogs,
            Screen::Lectures { .. } | Screen::LectureTopics { .. } | Screen::LectureList { .. } => {
                HelpTopic::Lectures
            }
            Screen::LectureDetail { .. } => HelpTopic::LectureDetail,
            Screen::Qr { .. } => HelpTopic::Qr,
            Screen::Reader(_) => HelpTopic::Reader,
            Screen::Toc { .. } => HelpTopic::Toc,
            Screen::Bookmarks { .. } => HelpTopic::Bookmarks,
            Screen::Search { .. } => HelpTopic::Search,
            Screen::GoTo { .. } => HelpTopic::GoTo,
            Screen::Notice { .. } => HelpTopic::Notice,
            Screen::Settings { .. } | Screen::MoreSettings { .. } => HelpTopic::Settings,
            Screen::Club(club) => HelpTopic::Club(club.help_id()),
            Screen::Help { .. } => HelpTopic::Help,
            Screen::ConfirmQuit { .. } => HelpTopic::Quit,
            Screen::Pin { .. } => HelpTopic::Pin,
        }
    }

    pub fn entry(&self) -> Entry {
        match self {
            Screen::Club(club) if club.takes_digits() => Entry::Digits,
            Screen::Club(club) if club.has_text() => Entry::Text,
            Screen::Pin { .. } | Screen::GoTo { .. } => Entry::Digits,
            Screen::Search { .. }
            | Screen::FindAll { .. }
            | Screen::CatalogAdd { .. }
            | Screen::RemoteSearch { .. } => Entry::Text,
            _ => Entry::None,
        }
    }

    /// How many choices the screen shows: on a long list, those of the page shown.
    pub fn item_count(&self) -> usize {
        if let Some((total, page)) = self.paged() {
            return pager::choices(total, page).len();
        }
        match self {
            Screen::Home { .. } => HOME_CHOICES.len(),
            Screen::Books { .. } => 4,
            Screen::RemoteEntryDetail { actions, .. } => actions.len(),
            Screen::BookDetail { actions, .. } => actions.len(),
            Screen::Lectures { .. } => 3,
            Screen::LectureDetail { actions, .. } => actions.len(),
            Screen::Settings { .. } => SETTING_ROWS.len() + 1,
            // The rows, remote catalogs, sync now.
            Screen::MoreSettings { .. } => MORE_SETTING_ROWS.len() + 2,
            Screen::CatalogSourceMenu { .. } => 2,
            Screen::ConfirmQuit { .. } => 2,
            Screen::Club(club) => club.item_count(),
            _ => 0,
        }
    }

    /// The list state of a screen with choices.
    pub(super) fn list(&self) -> Option<&ListState> {
        match self {
            Screen::Club(club) => club.list(),
            _ => list_of!(self),
        }
    }

    pub(super) fn list_mut(&mut self) -> Option<&mut ListState> {
        match self {
            Screen::Club(club) => club.list_mut(),
            _ => list_of!(self),
        }
    }

    /// The focused choice, on screens that have choices.
    pub fn focus(&self) -> Option<usize> {
        self.list()
            .map(|list| list.focus)
            .filter(|_| self.item_count() > 0)
    }

    /// On the screens whose numbered list can be longer than seven choices: how long the
    /// list is, and the page shown. Every such list comes a page at a time (`pager`).
    pub fn paged(&self) -> Option<(usize, usize)> {
        let total = match self {
            Screen::Library { books, .. } => books.len(),
            Screen::Lists { lists, remote, .. } => lists.len() + remote.len(),
            Screen::RemoteSource {
                shelves,
                own,
                searchable,
                ..
            } => remote_views::source_choices(*searchable, shelves.len(), own.len()).len(),
            Screen::RemoteEntries { entries, .. } => entries.len(),
            Screen::ListBooks { books, .. } => books.book.len(),
            Screen::Guides { guides, .. } => guides.len(),
            Screen::FindAll { hits, .. } => hits.len(),
            // Add, each catalog, refresh all.
            Screen::Catalogs { sources, .. } => sources.len() + 2,
            Screen::LectureTopics { topics, .. } => topics.len(),
            Screen::LectureList { lectures, .. } => lectures.len(),
            Screen::Toc { entries, .. } => entries.len(),
            Screen::Bookmarks { marks, .. } => marks.len(),
            Screen::Search { hits, .. } => hits.len(),
            Screen::Club(club) => return club.paged(),
            _ => return None,
        };
        Some((total, self.list()?.page))
    }

    /// The focused choice: on a long list, one of its items (by its place in the whole list)
    /// or a page choice; elsewhere, the choice of that number.
    pub(super) fn choice(&self) -> Option<Choice> {
        self.focus()?;
        self.list()?.choice(self.paged().map(|(total, _)| total))
    }

    /// Shows the next or the previous page, the focus on its first choice, when there is
    /// such a page.
    pub fn turn_page(&mut self, forward: bool) {
        if let Some((total, _)) = self.paged()
            && let Some(list) = self.list_mut()
        {
            list.turn_page(total, forward);
        }
    }

    /// Shows a long list's page with the focus on this choice of it; on a new list (a search
    /// typed further) that is its first page and first choice.
    pub(super) fn show_page(&mut self, page: usize, focus: usize) {
        if let Some(list) = self.list_mut() {
            *list = ListState { focus, page };
        }
    }

    /// After a list has changed under it (a catalog removed): the page and the focus are
    /// kept on choices that are still there.
    pub(super) fn keep_in_range(&mut self) {
        if let Some((total, _)) = self.paged()
            && let Some(list) = self.list_mut()
        {
            list.keep_in_range(total);
        }
    }

    /// How far a page without choices is scrolled (help, a report, a learner's record).
    pub fn scroll_mut(&mut self) -> Option<&mut usize> {
        match self {
            Screen::Help { scroll, .. } => Some(scroll),
            Screen::Club(club) => club.scroll_mut(),
            _ => None,
        }
    }

    pub fn set_focus(&mut self, index: usize) {
        if let Some(list) = self.list_mut() {
            list.focus = index;
        }
    }

    /// What the screen shows. A long list shows one page of its items, with "next page" and
    /// "previous page" as choices of their own, and a hint that tells of ← and →.
    pub fn view(&self, cx: &ViewContext) -> View {
        let mut view = self.whole_view(cx);
        if let Some((total, page)) = self.paged() {
            let items = std::mem::take(&mut view.items);
            view.items = pager::labels(total, page, cx.lang, |index| items[index].clone());
            if pager::page_count(total) > 1 {
                view.hint = pager::hint(self.entry() == Entry::Text, cx.lang);
            }
        }
        view
    }

    /// What the screen shows, with every item of its list.
    fn whole_view(&self, cx: &ViewContext) -> View {
        let lang = cx.lang;
        let focus = self.focus();
        let menu = |title: String, items: Vec<String>| View {
            title,
            items,
            focus,
            hint: t(lang, "hint-menu"),
            ..View::default()
        };
        match self {
            Screen::Home { .. } => View {
                body: cx.notes.clone(),
                hint: t(lang, "hint-home"),
                ..menu(
                    t(lang, "home-title"),
                    HOME_CHOICES.iter().map(|c| t(lang, c.label_id())).collect(),
                )
            },
            Screen::Books { .. } => menu(
                t(lang, "home-books"),
                vec![
                    t(lang, "books-on-kiosk"),
                    t(lang, "books-lists"),
                    t(lang, "books-guides"),
                    t(lang, "find-title"),
                ],
            ),
            Screen::FindAll { query, hits, .. } => View {
                body: vec![if query.trim().is_empty() {
                    t(lang, "find-body")
                } else {
                    t_with(lang, "find-count", &[("count", hits.len().into())])
                }],
                input: Some(query.clone()),
                hint: t(lang, "hint-search"),
                ..menu(
                    t(lang, "find-title"),
                    hits.iter().map(|h| h.label(lang)).collect(),
                )
            },
            Screen::Lists { lists, remote, .. } => View {
                body: if lists.is_empty() && remote.is_empty() {
                    vec![t(lang, "lists-empty")]
                } else {
                    Vec::new()
                },
                ..menu(
                    t(lang, "books-lists"),
                    lists
                        .iter()
                        .map(|l| {
                            let count = [("count", l.book.len().into())];
                            format!(
                                "{} ({})",
                                l.list.title.get(lang),
                                t_with(lang, "lists-count", &count)
                            )
                        })
                        .chain(remote.iter().map(|r| {
                            let args = [
                                ("name", r.name.clone().into()),
                                ("count", r.entries.into()),
                                ("age", crate::i18n::time_ago(&r.fetched_at, lang).into()),
                            ];
                            t_with(lang, "remote-list-label", &args)
                        }))
                        .collect(),
                )
            },
            Screen::RemoteSource {
                summary,
                shelves,
                own,
                searchable,
                ..
            } => {
                let (title, body, items) =
                    remote_views::source_view(summary, shelves, own, *searchable, lang);
                View {
                    body,
                    ..menu(title, items)
                }
            }
            Screen::RemoteSearch { name, query } => remote_views::search_view(name, query, lang),
            Screen::RemoteEntries { from, entries, .. } => {
                let (title, body, items) = remote_views::entries_view(from, entries, lang);
                View {
                    body,
                    ..menu(title, items)
                }
            }
            Screen::RemoteEntryDetail { entry, actions, .. } => View {
                title: entry.title.clone(),
                body: {
                    let mut body = Vec::new();
                    if !entry.authors.is_empty() {
                        body.push(entry.authors.join(", "));
                    }
                    if let Some(start) = entry.start.or(entry.published) {
                        body.push(short_date(start, lang));
                    }
                    body.extend(entry.summary.clone());
                    body
                },
                ..menu(
                    entry.title.clone(),
                    actions.iter().map(|a| a.label(lang)).collect(),
                )
            },
            Screen::ListBooks { books, .. } => menu(
                books.list.title.get(lang).to_string(),
                books
                    .book
                    .iter()
                    .map(|b| format!("{} — {}", b.title.get(lang), b.author.get(lang)))
                    .collect(),
            ),
            Screen::BookDetail {
                book,
                copy,
                actions,
                ..
            } => View {
                title: book.title.get(lang).to_string(),
                body: book_detail(book, copy, lang),
                ..menu(
                    book.title.get(lang).to_string(),
                    actions.iter().map(|a| a.label(lang)).collect(),
                )
            },
            Screen::Catalogs { sources, .. } => View {
                body: if sources.is_empty() {
                    vec![t(lang, "catalog-none")]
                } else {
                    Vec::new()
                },
                ..menu(
                    t(lang, "catalogs-title"),
                    [t(lang, "catalogs-add")]
                        .into_iter()
                        .chain(sources.iter().map(|source| {
                            let checked = crate::catalog::sources::checked_ago(source, lang);
                            let args = [
                                ("name", source.name.clone().into()),
                                ("age", checked.into()),
                            ];
                            let mut label = t_with(lang, "catalogs-source", &args);
                            if source.problem.is_some() {
                                label.push_str(&t(lang, "catalogs-has-problem"));
                            }
                            label
                        }))
                        .chain([t(lang, "catalogs-refresh-all")])
                        .collect(),
                )
            },
            Screen::CatalogAdd { address } => View {
                title: t(lang, "catalogs-add"),
                body: vec![t(lang, "catalogs-add-body")],
                input: Some(address.clone()),
                hint: t(lang, "hint-search"),
                ..View::default()
            },
            Screen::CatalogSourceMenu { source, .. } => View {
                body: {
                    let mut body = vec![source.location.clone()];
                    body.extend(source.problem.clone());
                    body
                },
                ..menu(
                    source.name.clone(),
                    vec![t(lang, "catalogs-refresh"), t(lang, "catalogs-remove")],
                )
            },
            Screen::Lectures { .. } => menu(
                t(lang, "home-lectures"),
                vec![
                    t(lang, "lectures-this-week"),
                    t(lang, "lectures-by-topic"),
                    t(lang, "lectures-all"),
                ],
            ),
            Screen::LectureTopics { topics, .. } => menu(
                t(lang, "lectures-by-topic"),
                topics
                    .iter()
                    .map(|(topic, about)| {
                        format!("{} ({})", t(lang, &format!("topic-{topic}")), about.len())
                    })
                    .collect(),
            ),
            Screen::LectureList {
                title, lectures, ..
            } => View {
                body: if lectures.is_empty() {
                    vec![t(lang, "lectures-none")]
                } else {
                    Vec::new()
                },
                ..menu(
                    title.clone(),
                    lectures.iter().map(|l| lecture_label(l, lang)).collect(),
                )
            },
            Screen::LectureDetail {
                lecture,
                marks,
                actions,
                ..
            } => View {
                title: lecture.title.get(lang).to_string(),
                body: lecture_detail(lecture, lang),
                ..menu(
                    lecture.title.get(lang).to_string(),
                    actions.iter().map(|a| a.label(lang, *marks)).collect(),
                )
            },
            Screen::Qr { title, url } => {
                let hint = t(lang, "hint-page");
                let page = super::qr::QrPage::new(cx.window, url, &hint);
                View {
                    title: title.clone(),
                    body: vec![t(lang, page.words_id()), url.clone()],
                    hint,
                    ..View::default()
                }
            }
            Screen::Guides { guides, .. } => menu(
                t(lang, "books-guides"),
                guides
                    .iter()
                    .map(|g| format!("{} — {}", g.title.get(lang), g.summary.get(lang)))
                    .collect(),
            ),
            Screen::Library { books, .. } => View {
                body: if books.is_empty() {
                    vec![t(lang, "library-empty")]
                } else {
                    Vec::new()
                },
                ..menu(
                    t(lang, "books-on-kiosk"),
                    books.iter().map(book_label).collect(),
                )
            },
            Screen::Reader(reader) => View {
                title: reader.title.clone(),
                // Said on entering the book: where the learner is in it.
                body: reader
                    .chapter_title()
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
                hint: t(lang, "hint-reader"),
                ..View::default()
            },
            Screen::Toc { entries, .. } => menu(
                t(lang, "toc-title"),
                entries
                    .iter()
                    .map(|e| format!("{}{}", "  ".repeat(usize::from(e.depth)), e.title))
                    .collect(),
            ),
            Screen::Bookmarks { marks, .. } => View {
                body: if marks.is_empty() {
                    vec![t(lang, "bookmarks-empty")]
                } else {
                    Vec::new()
                },
                ..menu(
                    t(lang, "bookmarks-title"),
                    marks.iter().map(|m| m.label.clone()).collect(),
                )
            },
            Screen::Search {
                query,
                hits,
                searched,
                ..
            } => View {
                body: vec![if !*searched {
                    t(lang, "search-body")
                } else {
                    t_with(lang, "search-count", &[("count", hits.len().into())])
                }],
                input: Some(query.clone()),
                hint: t(lang, "hint-search"),
                ..menu(
                    t(lang, "search-title"),
                    hits.iter().map(|h| h.snippet.clone()).collect(),
                )
            },
            Screen::GoTo { digits } => View {
                title: t(lang, "goto-title"),
                body: vec![t(lang, "goto-body")],
                input: Some(format!("{digits} %")),
                hint: t(lang, "hint-pin"),
                ..View::default()
            },
            Screen::Notice { title, body } => View {
                title: title.clone(),
                body: vec![body.clone()],
                hint: t(lang, "hint-page"),
                ..View::default()
            },
            Screen::Settings { .. } => View {
                hint: t(lang, "hint-settings"),
                ..menu(t(lang, "settings-title"), {
                    let mut items: Vec<String> = SETTING_ROWS
                        .iter()
                        .map(|&row| setting_label(cx, row))
                        .collect();
                    items.push(t(lang, "settings-more"));
                    items
                })
            },
            Screen::MoreSettings { .. } => View {
                body: cx.notes.clone(),
                hint: t(lang, "hint-settings"),
                ..menu(
                    t(lang, "settings-more"),
                    MORE_SETTING_ROWS
                        .iter()
                        .map(|&row| more_setting_label(cx, row))
                        .chain([t(lang, "catalogs-title"), t(lang, "sync-now")])
                        .collect(),
                )
            },
            Screen::Club(club) => club.view(lang, focus),
            Screen::Help { about, scroll } => View {
                title: t_with(
                    lang,
                    "help-title",
                    &[("screen", about.screen_name(lang).into())],
                ),
                body: vec![
                    t(lang, about.body_id()),
                    t(lang, "help-keys"),
                    t(lang, "help-pages"),
                ],
                hint: t(lang, "hint-scroll"),
                scroll: *scroll,
                ..View::default()
            },
            Screen::ConfirmQuit { .. } => menu(
                t(lang, "quit-title"),
                vec![t(lang, "quit-no"), t(lang, "quit-yes")],
            ),
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

/// A lecture as one line of a list: when, then what.
fn lecture_label(lecture: &Lecture, lang: Lang) -> String {
    match lecture.starts() {
        Some(start) => format!("{} · {}", short_date(start, lang), lecture.title.get(lang)),
        None => lecture.title.get(lang).to_string(),
    }
}

pub(super) fn short_date(when: DateTime<FixedOffset>, lang: Lang) -> String {
    let args = [
        ("month", t(lang, &format!("month-{}", when.month())).into()),
        ("day", when.day().into()),
        (
            "weekday",
            t(
                lang,
                &format!("weekday-{}", when.weekday().number_from_monday()),
            )
            .into(),
        ),
        ("time", when.format("%H:%M").to_string().into()),
    ];
    t_with(lang, "lecture-date", &args)
}

/// A lecture in words: who gives it, when, how to take part, and what it is about.
/// In the order a learner needs it, most important first (a small window shows the top):
/// when, where, who, what it is about; its address last, for the eye only (the QR code
/// carries it to a phone).
fn lecture_detail(lecture: &Lecture, lang: Lang) -> Vec<String> {
    let mut body = Vec::new();
    if let (Some(start), Some(end)) = (lecture.starts(), lecture.ends()) {
        let args = [
            ("date", short_date(start, lang).into()),
            ("end", end.format("%H:%M").to_string().into()),
            ("minutes", (*lecture.duration_minutes.get_ref()).into()),
        ];
        body.push(t_with(lang, "lecture-when", &args));
    }
    body.push(lecture_place(lecture, lang));
    body.push(format!(
        "{} · {}",
        lecture.speaker.get(lang),
        lecture.provider.get(lang)
    ));
    body.push(lecture.description.get(lang).to_string());
    if let Some(url) = &lecture.url {
        body.push(url.get_ref().clone());
    }
    body
}

/// Where a lecture is: how it is followed, and its venue when it has one.
pub(super) fn lecture_place(lecture: &Lecture, lang: Lang) -> String {
    let format = match lecture.format.get_ref() {
        LectureFormat::Video => "lecture-format-video",
        LectureFormat::Audio => "lecture-format-audio",
        LectureFormat::InPerson => "lecture-format-in-person",
    };
    match &lecture.venue {
        Some(venue) => format!("{} · {}", t(lang, format), venue.get_ref().get(lang)),
        None => t(lang, format),
    }
}

/// A recommended book in words: who wrote it and when, what it is about, and where to get it.
fn book_detail(book: &Book, copy: &BookCopy, lang: Lang) -> Vec<String> {
    let year = *book.year.get_ref();
    let when = if year < 0 {
        t_with(lang, "book-year-bce", &[("year", (-year).into())])
    } else {
        t_with(lang, "book-year", &[("year", year.into())])
    };
    // Whether it can be read here comes before the summary: it is what the learner acts on.
    let mut body = vec![format!("{} · {when}", book.author.get(lang))];
    body.extend(copy.line(lang));
    body.push(book.summary.get(lang).to_string());
    for (has, id) in [
        (book.large_print, "book-large-print"),
        (book.audio, "book-audio"),
    ] {
        if has {
            body.push(t(lang, id));
        }
    }
    if let Some(number) = &book.call_number {
        let args = [("number", number.get_ref().clone().into())];
        body.push(t_with(lang, "book-call-number", &args));
    }
    // Last, for the eye: an address is not read aloud.
    if let Some(url) = &book.open_edition {
        let args = [("url", url.get_ref().clone().into())];
        body.push(t_with(lang, "book-open-edition", &args));
    }
    body
}

fn book_label(book: &BookRecord) -> String {
    match &book.author {
        Some(author) => format!("{} — {author}", book.title),
        None => book.title.clone(),
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
        SettingRow::Zoom => t_with(lang, "zoom-value", &n(s.zoom.get())),
        SettingRow::LineGap => t_with(lang, "line-gap-value", &n(s.line_gap.get())),
        SettingRow::Script => t(lang, script_value_id(s.chinese_script)),
        SettingRow::Speech => t(lang, speech_value_id(cx.speech)),
    }
}

fn setting_label(cx: &ViewContext, row: SettingRow) -> String {
    let id = match row {
        SettingRow::Language => "setting-language",
        SettingRow::Theme => "setting-theme",
        SettingRow::Zoom => "setting-zoom",
        SettingRow::LineGap => "setting-line-gap",
        SettingRow::Script => "setting-script",
        SettingRow::Speech => "setting-speech",
    };
    t_with(cx.lang, id, &[("value", setting_value(cx, row).into())])
}

fn more_setting_label(cx: &ViewContext, row: MoreSettingRow) -> String {
    let s = cx.settings;
    match row {
        MoreSettingRow::Rate => {
            let value = t_with(cx.lang, "rate-value", &[("n", s.speech_rate.get().into())]);
            t_with(cx.lang, "setting-rate", &[("value", value.into())])
        }
        MoreSettingRow::ReadingWidth => {
            let value = t_with(
                cx.lang,
                "reading-width-value",
                &[
                    ("cjk", s.reading_width_cjk.into()),
                    ("latin", s.reading_width_latin.into()),
                ],
            );
            t_with(cx.lang, "setting-reading-width", &[("value", value.into())])
        }
        MoreSettingRow::ScreenReader => {
            let value = t(
                cx.lang,
                if s.screen_reader {
                    "value-on"
                } else {
                    "value-off"
                },
            );
            t_with(cx.lang, "setting-screen-reader", &[("value", value.into())])
        }
        MoreSettingRow::SyncEvery => {
            let value = match s.sync_every_minutes {
                0 => t(cx.lang, "sync-every-off"),
                n => t_with(cx.lang, "sync-every-value", &[("n", n.into())]),
            };
            t_with(cx.lang, "setting-sync-every", &[("value", value.into())])
        }
        MoreSettingRow::IdleMinutes => t_with(
            cx.lang,
            "setting-idle",
            &[("value", s.kiosk_idle_minutes.into())],
        ),
    }
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

fn speech_value_id(choice: SpeechChoice) -> &'static str {
    match choice {
        SpeechChoice::Auto => "speech-auto",
        SpeechChoice::Neural => "speech-neural",
        SpeechChoice::Speechd => "speech-speechd",
        SpeechChoice::Espeak => "speech-espeak",
        SpeechChoice::Tts => "speech-tts",
        SpeechChoice::Off => "speech-off",
    }
}
