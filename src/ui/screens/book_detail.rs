//! One recommended book: who wrote it and when, whether this kiosk has it, what it is about
//! (read aloud on entering), and what the page offers: read it here, download it, or its free
//! edition's address as a QR code.

use super::library::LibraryPage;
use super::qr_page::QrPage;
use crate::catalog::Book;
use crate::catalog::editions::{Mirror, edition_url};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::ui::book_page::{BookCopy, RemoteAction};
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct BookDetail {
    list: ListState,
    book: Book,
    copy: BookCopy,
    actions: Vec<RemoteAction>,
}

impl BookDetail {
    /// The book's page: read from the kiosk's copy when it has one, else "read now", and the
    /// free edition's code.
    pub fn screen(book: Book, services: &Services) -> Screen {
        let copy = copy_of(&book, services);
        let actions = copy.actions(&book);
        Screen::of(BookDetail {
            list: ListState::default(),
            book,
            copy,
            actions,
        })
    }
}

/// Where this kiosk can read the book from: its own copy, or the free edition (from the
/// administrator's mirror when one is set).
fn copy_of(book: &Book, services: &Services) -> BookCopy {
    if let Ok(Some(copy)) = services.store.library().copy_of(book.id.get_ref()) {
        return BookCopy::Here(copy.path);
    }
    let mirror = (services.settings.book_mirror.as_deref()).and_then(Mirror::parse);
    match edition_url(book, mirror.as_ref()) {
        Some(url) => BookCopy::ToDownload(url),
        None => BookCopy::Nowhere,
    }
}

/// A recommended book in words: who wrote it and when, what it is about, and where to get it.
fn book_words(book: &Book, copy: &BookCopy, lang: Lang) -> Vec<String> {
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

/// What an action of a book's page asks for; `book` is the recommended book whose copy a
/// download becomes, when the page is one.
pub(super) fn act(
    action: &RemoteAction,
    title: &str,
    book: Option<&Book>,
    sv: &Services,
) -> Intent {
    match action {
        RemoteAction::ReadNow(url) => Intent::Download {
            url: url.clone(),
            copy_of: book.cloned().map(Box::new),
        },
        RemoteAction::ReadHere(path) => Intent::OpenBook(path.clone()),
        RemoteAction::ShowLibrary => Intent::Open(LibraryPage::screen(sv.store)),
        RemoteAction::ShowCode(url) => {
            Intent::Open(Screen::of(QrPage::new(title.to_owned(), url.clone())))
        }
    }
}

impl Component for BookDetail {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::BookDetail
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let title = self.book.title.get(lang).to_string();
        let items = self.actions.iter().map(|a| a.label(lang)).collect();
        View {
            body: book_words(&self.book, &self.copy, lang),
            ..View::menu(title, items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        self.actions.len()
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.actions.get(i)) {
            Some(action) => {
                let title = self.book.title.get(services.lang);
                act(action, title, Some(&self.book), services)
            }
            None => Intent::Stay,
        }
    }

    /// A download of this book that reached nobody: the page says so and offers the books
    /// this kiosk has before another try.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        let Outcome::Unreachable(url) = outcome else {
            return None;
        };
        let tried = match &self.copy {
            BookCopy::ToDownload(tried) | BookCopy::Unreachable(tried) => tried == url,
            BookCopy::Here(_) | BookCopy::Nowhere => false,
        };
        if tried {
            self.copy = BookCopy::Unreachable(url.to_string());
            self.actions = self.copy.actions(&self.book);
            self.list = ListState::default();
        }
        tried.then(|| Intent::Tell(t(services.lang, "book-copy-unreachable")))
    }
}
