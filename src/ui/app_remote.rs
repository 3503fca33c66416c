//! Remote catalogs on screen: their cached entries (with the copy's age, so an offline kiosk
//! says how old what it shows is), and "read now", which downloads a book on a worker thread
//! with its progress on the status line.

use super::pager::ListState;
use std::path::PathBuf;

use super::app::{App, AppEvent};
use super::book_page::BookCopy;
use super::screens::{QrPage, RemoteAction, RemoteSummary, Screen};
use crate::catalog::download::{self, Downloaded, Wanted};
use crate::catalog::editions::{Mirror, edition_url};
use crate::catalog::fetch::Fetcher;
use crate::catalog::sources;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::Store;

/// News from a download worker.
#[derive(Debug)]
pub enum DownloadProgress {
    Received { done: u64, total: Option<u64> },
    Finished(Result<Downloaded, DownloadFailure>),
}

/// Why a download failed, told in the person's language.
#[derive(Debug)]
pub struct DownloadFailure {
    url: String,
    message: String,
    /// Nobody answered: most often, the kiosk is offline.
    unreachable: bool,
}

impl App {
    /// Every remote catalog with a cached copy.
    /// A recommended book's page: read from the kiosk's copy when it has one, else "read
    /// now", and the free edition's code.
    pub(super) fn open_book_detail(&mut self, book: Box<crate::catalog::Book>) {
        let copy = self.copy_of(&book);
        let actions = copy.actions(&book);
        self.push(Screen::BookDetail {
            list: ListState::default(),
            book,
            copy,
            actions,
        });
    }

    /// Where this kiosk can read `book` from.
    fn copy_of(&self, book: &crate::catalog::Book) -> BookCopy {
        if let Ok(Some(copy)) = self.store.library_copy_of(book.id.get_ref()) {
            return BookCopy::Here(copy.path);
        }
        let mirror = self
            .settings()
            .book_mirror
            .as_deref()
            .and_then(Mirror::parse);
        match edition_url(book, mirror.as_ref()) {
            Some(url) => BookCopy::ToDownload(url),
            None => BookCopy::Nowhere,
        }
    }

    pub(super) fn remote_action(&mut self, title: String, action: RemoteAction) {
        match action {
            RemoteAction::ShowCode(url) => self.push(Screen::of(QrPage::new(title, url))),
            RemoteAction::ReadNow(url) => self.start_download(url, None),
            RemoteAction::ReadHere(path) => self.open_book_or_explain(&path),
            RemoteAction::ShowLibrary => self.open_library(),
        }
    }

    /// An action of a recommended book's page; a download is kept as the book's copy.
    pub(super) fn book_action(&mut self, book: &crate::catalog::Book, action: RemoteAction) {
        match action {
            RemoteAction::ReadNow(url) => self.start_download(url, Some(book.clone())),
            other => {
                let title = book.title.get(self.lang()).to_string();
                self.remote_action(title, other);
            }
        }
    }

    /// Downloads on a worker thread with its own database connection; the screen stays live.
    fn start_download(&mut self, url: String, copy_of: Option<crate::catalog::Book>) {
        let lang = self.lang();
        self.tell(t(lang, "remote-downloading"));
        let events = self.events.clone();
        let database = self.store.path().to_owned();
        let library: PathBuf = self.data_dir().join("library");
        std::thread::spawn(move || {
            let result = Store::open(&database)
                .map_err(|e| DownloadFailure {
                    url: url.clone(),
                    message: e.message(lang),
                    unreachable: false,
                })
                .and_then(|store| {
                    let mut progress = |done, total| {
                        let received = DownloadProgress::Received { done, total };
                        let _ = events.send(AppEvent::Download(received));
                    };
                    let wanted = Wanted {
                        url: &url,
                        copy_of: copy_of.as_ref(),
                    };
                    download::download_book(
                        &store,
                        &Fetcher::new(),
                        &wanted,
                        &library,
                        &mut progress,
                    )
                    .map_err(|e| DownloadFailure {
                        url: url.clone(),
                        message: e.message(lang),
                        unreachable: e.is_unreachable(),
                    })
                });
            let _ = events.send(AppEvent::Download(DownloadProgress::Finished(result)));
        });
    }

    pub(super) fn download_progress(&mut self, progress: DownloadProgress) {
        let lang = self.lang();
        match progress {
            DownloadProgress::Received { done, total } => {
                let text = progress_text(lang, &t(lang, "remote-downloading"), done, total);
                // Shown, not spoken: a voice reading every percent would be no help.
                self.show_status(text);
            }
            DownloadProgress::Finished(Ok(book)) => {
                self.tell(t_with(
                    lang,
                    "remote-downloaded",
                    &[("title", book.title.into())],
                ));
                self.open_book_or_explain(&book.path);
            }
            DownloadProgress::Finished(Err(failure)) => {
                // On a recommended book's page the learner is told what the page now offers;
                // elsewhere, what went wrong.
                let offered = failure.unreachable && self.offer_what_is_here(&failure.url);
                if offered {
                    self.tell(t(lang, "book-copy-unreachable"));
                } else {
                    self.tell(failure.message);
                }
            }
        }
    }

    /// The recommended book whose download reached nobody says so on its page, and offers
    /// the books this kiosk has, unless the person has moved on meanwhile. Returns whether
    /// the page is that book's.
    fn offer_what_is_here(&mut self, url: &str) -> bool {
        let Some(Screen::BookDetail {
            list,
            book,
            copy,
            actions,
        }) = self.stack.last_mut()
        else {
            return false;
        };
        let tried = match copy {
            BookCopy::ToDownload(tried) | BookCopy::Unreachable(tried) => tried == url,
            BookCopy::Here(_) | BookCopy::Nowhere => false,
        };
        if tried {
            *copy = BookCopy::Unreachable(url.to_string());
            *actions = copy.actions(book);
            *list = ListState::default();
        }
        tried
    }
}

/// Progress on the status line: a bar and a percent when the size is known, else the amount.
pub(super) fn progress_text(lang: Lang, what: &str, done: u64, total: Option<u64>) -> String {
    match total {
        Some(total) if total > 0 => {
            let percent = (done * 100 / total).min(100);
            let filled = (percent / 10) as usize;
            let bar = format!("{}{}", "■".repeat(filled), "□".repeat(10 - filled));
            let args = [
                ("what", what.into()),
                ("bar", bar.into()),
                ("percent", percent.into()),
            ];
            t_with(lang, "progress-bar", &args)
        }
        _ => {
            let args = [("what", what.into()), ("kb", (done / 1024).into())];
            t_with(lang, "progress-amount", &args)
        }
    }
}

/// The remote catalogs that have a copy on this kiosk, as the book lists show them.
pub(super) fn remote_summaries(store: &Store) -> Vec<RemoteSummary> {
    let sources = store.catalog_sources().unwrap_or_default();
    sources
        .into_iter()
        .filter_map(|source| {
            let (catalog, fetched_at) = sources::cached(store, &source).ok()??;
            Some(RemoteSummary {
                name: source.name,
                entries: catalog.entries.len(),
                fetched_at,
                problem: source.problem,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_shows_a_bar_when_the_size_is_known_and_the_amount_when_not() {
        assert_eq!(
            progress_text(Lang::En, "Downloading…", 50, Some(100)),
            "Downloading… ■■■■■□□□□□ 50%"
        );
        assert_eq!(
            progress_text(Lang::Zh, "正在下载……", 3 * 1024, None),
            "正在下载……，已收到 3 KB"
        );
    }
}
