//! Remote catalogs on screen: their cached entries (with the copy's age, so an offline kiosk
//! says how old what it shows is), and "read now", which downloads a book on a worker thread
//! with its progress on the status line.

use std::path::PathBuf;

use super::app::{App, AppEvent};
use super::screens::{RemoteAction, RemoteSummary, Screen};
use crate::catalog::download::{self, Downloaded};
use crate::catalog::fetch::Fetcher;
use crate::catalog::sources;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::store::Store;

/// News from a download worker.
#[derive(Debug)]
pub enum DownloadProgress {
    Received { done: u64, total: Option<u64> },
    Finished(Result<Downloaded, String>),
}

impl App {
    /// Every remote catalog with a cached copy.
    pub(super) fn remote_summaries(&self) -> Vec<RemoteSummary> {
        let sources = self.store.catalog_sources().unwrap_or_default();
        sources
            .into_iter()
            .filter_map(|source| {
                let (catalog, fetched_at) = sources::cached(&self.store, &source).ok()??;
                Some(RemoteSummary {
                    name: source.name,
                    entries: catalog.entries.len(),
                    fetched_at,
                    problem: source.problem,
                })
            })
            .collect()
    }

    /// A recommended book's page, with "read now" and its free edition's code when it has them.
    pub(super) fn open_book_detail(&mut self, book: Box<crate::catalog::Book>) {
        let actions = RemoteAction::for_book(&book);
        self.push(Screen::BookDetail {
            focus: 0,
            book,
            actions,
        });
    }

    pub(super) fn remote_action(&mut self, title: String, action: RemoteAction) {
        match action {
            RemoteAction::ShowCode(url) => self.push(Screen::Qr { title, url }),
            RemoteAction::ReadNow(url) => self.start_download(url),
        }
    }

    /// Downloads on a worker thread with its own database connection; the screen stays live.
    fn start_download(&mut self, url: String) {
        let lang = self.lang();
        self.tell(t(lang, "remote-downloading"));
        let events = self.events.clone();
        let database = self.store.path().to_owned();
        let library: PathBuf = self.data_dir().join("library");
        std::thread::spawn(move || {
            let result = Store::open(&database)
                .map_err(|e| e.message(lang))
                .and_then(|store| {
                    let mut progress = |done, total| {
                        let received = DownloadProgress::Received { done, total };
                        let _ = events.send(AppEvent::Download(received));
                    };
                    download::download_book(&store, &Fetcher::new(), &url, &library, &mut progress)
                        .map_err(|e| download_message(&e, lang))
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
            DownloadProgress::Finished(Err(message)) => self.tell(message),
        }
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

fn download_message(error: &download::DownloadError, lang: Lang) -> String {
    use download::DownloadError;
    match error {
        DownloadError::Fetch(e) => {
            t_with(lang, e.message_id(), &[("detail", e.to_string().into())])
        }
        DownloadError::Book(e) => t_with(
            lang,
            e.message_id(),
            &[
                ("detail", e.detail().into()),
                ("path", String::new().into()),
            ],
        ),
        DownloadError::Folder(detail) => t_with(
            lang,
            "catalog-file-unreadable",
            &[("detail", detail.clone().into())],
        ),
        DownloadError::Store(e) => e.message(lang),
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
