//! What reaches the event loop besides keys: the terminal's input, the voice's news, and the
//! news of work done on worker threads (downloads, catalogs, searches at a source, syncs, page
//! counts, a long book read to its end), each delivered to the UI thread through one channel.

use super::component::{Intent, Outcome, SourceResults};
use crate::catalog::download::Downloaded;
use crate::catalog::login_challenge::LoginLabels;
use crate::catalog::source_search::Found;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::SpeechEvent;
use crate::sync::client::{SyncError, SyncSummary};

/// Events from worker threads, delivered to the UI thread.
#[derive(Debug)]
pub enum AppEvent {
    Speech(SpeechEvent),
    /// Pages per chapter of a book for given layout options, counted in the background.
    PageCounts {
        book_id: i64,
        options: crate::layout::LayoutOptions,
        counts: Vec<usize>,
    },
    /// The whole of a book whose first chapters are showing has been read.
    WholeBookRead,
    /// How a book download from a catalog is going.
    Download(DownloadProgress),
    /// How adding or refreshing remote catalogs is going.
    Catalogs(CatalogNews),
    /// How searching a remote catalog at its source is going.
    RemoteSearch(SearchNews),
    /// A sync with the hub ended.
    Synced(SyncNews),
    /// A key, a click or a resize, forwarded by the terminal's input thread so that the event
    /// loop wakes for whichever comes first, input or news.
    Terminal(ratatui::crossterm::event::Event),
    /// The terminal went away or the program was told to stop (SIGTERM, SIGHUP): it ends as
    /// on a quit, so the reading place is saved.
    Stop,
}

impl From<SpeechEvent> for AppEvent {
    fn from(event: SpeechEvent) -> Self {
        AppEvent::Speech(event)
    }
}

/// News from a download worker.
#[derive(Debug)]
pub enum DownloadProgress {
    Received { done: u64, total: Option<u64> },
    Finished(Result<Downloaded, DownloadFailure>),
}

/// Why a download failed, told in the person's language.
#[derive(Debug)]
pub struct DownloadFailure {
    pub url: String,
    pub message: String,
    /// Nobody answered: most often, the kiosk is offline.
    pub unreachable: bool,
}

/// News from a catalog worker.
#[derive(Debug)]
pub enum CatalogNews {
    Received {
        name: String,
        done: u64,
        total: Option<u64>,
    },
    /// Fetched; the search index is being built over it, this percent done.
    Indexing(u8),
    /// Finished: what to tell the person.
    Done(String),
    /// The catalog asks for a sign-in, or refused the one given.
    NeedsLogin {
        address: String,
        labels: Option<LoginLabels>,
        said: String,
    },
}

/// News from a search worker.
#[derive(Debug)]
pub enum SearchNews {
    Received {
        name: String,
        done: u64,
        total: Option<u64>,
    },
    Done {
        name: String,
        query: String,
        /// The results, or what to tell the person.
        result: Result<Found, String>,
    },
}

/// How a sync on the worker thread ended, and whether a person asked for it.
#[derive(Debug)]
pub struct SyncNews {
    pub asked: bool,
    pub result: Result<SyncSummary, SyncError>,
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

impl CatalogNews {
    /// What the screens do with it: progress shown (not spoken: a voice reading every percent
    /// would be no help), and at the end the catalogs read again and the result said.
    pub fn intent(self, lang: Lang) -> Intent {
        match self {
            CatalogNews::Received { name, done, total } => {
                let what = t_with(lang, "catalogs-progress", &[("name", name.into())]);
                Intent::Status(progress_text(lang, &what, done, total))
            }
            CatalogNews::Indexing(percent) => Intent::Status(t_with(
                lang,
                "catalogs-indexing",
                &[("percent", percent.into())],
            )),
            CatalogNews::Done(said) => Intent::Changed(Box::new(Intent::Tell(said))),
            // The screen that added it asks for the sign-in; any other just says so.
            CatalogNews::NeedsLogin {
                address,
                labels,
                said,
            } => {
                let told = Box::new(Intent::Tell(said.clone()));
                let asked = Outcome::NeedsLogin {
                    address,
                    labels,
                    said,
                };
                Intent::ReportOr(asked, told)
            }
        }
    }
}

impl DownloadProgress {
    /// Progress shown; the book said and opened; or, when nobody answered, the screen that
    /// asked offers what the kiosk has (a recommended book's page), else what went wrong.
    pub fn intent(self, lang: Lang) -> Intent {
        match self {
            DownloadProgress::Received { done, total } => {
                let what = t(lang, "remote-downloading");
                Intent::Status(progress_text(lang, &what, done, total))
            }
            DownloadProgress::Finished(Ok(book)) => {
                let said = t_with(lang, "remote-downloaded", &[("title", book.title.into())]);
                Intent::Then(
                    Box::new(Intent::Tell(said)),
                    Box::new(Intent::OpenBook(book.path)),
                )
            }
            DownloadProgress::Finished(Err(failure)) if failure.unreachable => Intent::ReportOr(
                Outcome::Unreachable(failure.url),
                Box::new(Intent::Tell(failure.message)),
            ),
            DownloadProgress::Finished(Err(failure)) => Intent::Tell(failure.message),
        }
    }
}

impl SearchNews {
    /// Progress shown; the results go to the search's own field, unless the person has moved
    /// on meanwhile.
    pub fn intent(self, lang: Lang) -> Intent {
        match self {
            SearchNews::Received { name, done, total } => {
                let what = t_with(lang, "remote-searching", &[("name", name.into())]);
                Intent::Status(progress_text(lang, &what, done, total))
            }
            SearchNews::Done {
                name,
                query,
                result,
            } => {
                let found = result.map(|found| SourceResults {
                    entries: found.entries,
                    saved: (found.saved)
                        .map(|(fetched_at, problem)| (fetched_at, problem.message(lang))),
                });
                Intent::Report(Outcome::Found { name, query, found })
            }
        }
    }
}

impl SyncNews {
    /// A sync a person asked for is said; one the timer started is shown, not spoken over
    /// what the learner is doing, and only when something moved or went wrong.
    pub fn intent(&self, lang: Lang) -> Intent {
        let text = match &self.result {
            Ok(summary) => t_with(
                lang,
                "sync-done",
                &[
                    ("sent", summary.sent.into()),
                    ("received", summary.received.into()),
                ],
            ),
            Err(e) => e.message(lang),
        };
        let quiet = matches!(&self.result, Ok(s) if s.sent == 0 && s.received == 0);
        match (self.asked, quiet) {
            (true, _) => Intent::Tell(text),
            (false, false) => Intent::Status(text),
            (false, true) => Intent::Stay,
        }
    }
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
