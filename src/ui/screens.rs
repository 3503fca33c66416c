//! The screens and what each one shows. A screen turns its state into a `View` (words only);
//! `render` draws any view the same way, so every screen gets the same sizes, focus marker,
//! cursor placement and small-window handling. The reader draws its own page.

mod books_menu;
mod confirm_quit;
mod help;
mod home;
mod lecture_detail;
mod lecture_list;
mod lecture_menu;
mod lecture_topics;
mod more_settings;
mod notice;
mod pin;
mod qr_page;
mod settings;

use super::component::Component;
pub use super::view::{Entry, HelpTopic, View, ViewContext};
pub(super) use confirm_quit::ConfirmQuit;
pub(super) use help::HelpPage;
pub(super) use home::Home;
pub(super) use lecture_detail::LectureDetail;
pub(super) use notice::Notice;
pub(super) use qr_page::QrPage;

use super::book_page::BookCopy;
use super::club_screens::ClubScreen;
use super::reader::Reader;
use chrono::{DateTime, Datelike, FixedOffset};

use super::pager::{self, Choice, ListState};
use super::remote_views::{self, EntriesFrom};
use crate::catalog::cache::Shelf;
use crate::catalog::remote::RemoteEntry;
use crate::catalog::search::Hit;
use crate::catalog::{Book, BookList, Guide};
use crate::document::TocEntry;
use crate::i18n::{t, t_with};
use crate::model::{Lang, Position};
use crate::store::{BookRecord, Bookmark, CatalogSource};

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
    /// A screen that is a component of its own (`screens/`).
    Component(Box<dyn Component>),
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
    /// Reading clubs, check-in, reports and a learner's own record.
    Club(Box<ClubScreen>),
}

/// The list state of the screens that keep one (shared or mutable, as `screen` is borrowed);
/// a reading-club screen answers for itself.
macro_rules! list_of {
    ($screen:expr) => {
        match $screen {
            Screen::Library { list, .. }
            | Screen::Lists { list, .. }
            | Screen::RemoteSource { list, .. }
            | Screen::RemoteEntries { list, .. }
            | Screen::RemoteEntryDetail { list, .. }
            | Screen::BookDetail { list, .. }
            | Screen::ListBooks { list, .. }
            | Screen::Guides { list, .. }
            | Screen::FindAll { list, .. }
            | Screen::Catalogs { list, .. }
            | Screen::CatalogSourceMenu { list, .. }
            | Screen::Toc { list, .. }
            | Screen::Bookmarks { list, .. }
            | Screen::Search { list, .. } => Some(list),
            _ => None,
        }
    };
}

impl Screen {
    /// A component as a screen.
    pub(super) fn of(component: impl Component + 'static) -> Screen {
        Screen::Component(Box::new(component))
    }

    /// The help shown for this screen when `?` is pressed.
    pub fn help_topic(&self) -> HelpTopic {
        match self {
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
            Screen::Reader(_) => HelpTopic::Reader,
            Screen::Toc { .. } => HelpTopic::Toc,
            Screen::Bookmarks { .. } => HelpTopic::Bookmarks,
            Screen::Search { .. } => HelpTopic::Search,
            Screen::GoTo { .. } => HelpTopic::GoTo,
            Screen::Club(club) => HelpTopic::Club(club.help_id()),
            Screen::Component(screen) => screen.help_topic(),
        }
    }

    pub fn entry(&self) -> Entry {
        match self {
            Screen::Component(screen) => screen.entry(),
            Screen::Club(club) if club.takes_digits() => Entry::Digits,
            Screen::Club(club) if club.has_text() => Entry::Text,
            Screen::GoTo { .. } => Entry::Digits,
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
            Screen::Component(screen) => screen.choice_count(),
            Screen::RemoteEntryDetail { actions, .. } => actions.len(),
            Screen::BookDetail { actions, .. } => actions.len(),
            Screen::CatalogSourceMenu { .. } => 2,
            Screen::Club(club) => club.item_count(),
            _ => 0,
        }
    }

    /// The list state of a screen with choices.
    pub(super) fn list(&self) -> Option<&ListState> {
        match self {
            Screen::Component(screen) => screen.list(),
            Screen::Club(club) => club.list(),
            _ => list_of!(self),
        }
    }

    pub(super) fn list_mut(&mut self) -> Option<&mut ListState> {
        match self {
            Screen::Component(screen) => screen.list_mut(),
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
            Screen::Toc { entries, .. } => entries.len(),
            Screen::Bookmarks { marks, .. } => marks.len(),
            Screen::Search { hits, .. } => hits.len(),
            Screen::Club(club) => return club.paged(),
            Screen::Component(screen) => screen.paged_total()?,
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
            Screen::Component(screen) => screen.scroll_mut(),
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
        let menu = |title: String, items: Vec<String>| View::menu(title, items, focus, lang);
        match self {
            Screen::Component(screen) => screen.view(cx, focus),
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
            Screen::Club(club) => club.view(lang, focus),
        }
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
