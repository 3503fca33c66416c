//! Work that runs on worker threads, each with its own database connection, and reports to
//! the event loop's one channel: catalogs added or refreshed, books downloaded, catalogs
//! searched at their source, syncs with the hub, a book's pages counted and a long book read
//! to its end. The screen stays live meanwhile; what comes back is `events`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use leling_i18n::Tell;

use super::events::{
    AppEvent, CatalogNews, DownloadFailure, DownloadProgress, SearchNews, SyncNews,
};
use super::reader::{RestOfBook, WholeBook};
use crate::catalog::download::{self, Wanted};
use crate::catalog::fetch::{FetchError, Fetcher};
use crate::catalog::signed_in::{SignIn, add_signed_in};
use crate::catalog::sources::SourceError;
use crate::catalog::{Book, source_search, sources};
use crate::layout::{self, BookText, LayoutOptions};
use crate::model::Lang;
use crate::store::Store;
use crate::sync::client::{self, SyncError};

pub struct Workers {
    events: Sender<AppEvent>,
    /// The database each worker opens for itself.
    database: PathBuf,
    /// The data directory: the library's folder and the hub's token are in it.
    data_dir: PathBuf,
}

impl Workers {
    pub fn new(events: Sender<AppEvent>, database: PathBuf, data_dir: PathBuf) -> Workers {
        Workers {
            events,
            database,
            data_dir,
        }
    }

    /// The data directory the workers write in.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Adds a remote catalog by its address, signing in as `sign_in` (user, password) where
    /// given; a catalog that asks for a sign-in (or refuses it) is told back to the screens.
    pub fn add_catalog(&self, address: String, sign_in: Option<(String, String)>, lang: Lang) {
        let data_dir = self.data_dir.clone();
        self.catalogs(lang, move |store, _fetcher, lang, progress| {
            let sign_in = (sign_in.as_ref()).map(|(user, password)| SignIn { user, password });
            let mut progress = |done, total| progress(address.clone(), done, total);
            let added = add_signed_in(store, &data_dir, &address, None, sign_in, &mut progress);
            // On the screen, the first few rows left out; the command line lists more.
            match added {
                Ok(added) => CatalogNews::Done(
                    [added.describe(lang)]
                        .into_iter()
                        .chain(sources::skipped_lines(&added.findings.skipped, 3, lang))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Err(
                    error @ SourceError::Fetch(
                        FetchError::NeedsLogin { .. } | FetchError::LoginRefused { .. },
                    ),
                ) => {
                    let labels = match &error {
                        SourceError::Fetch(FetchError::NeedsLogin { labels, .. }) => labels.clone(),
                        _ => None,
                    };
                    CatalogNews::NeedsLogin {
                        address,
                        labels,
                        said: error.message(lang),
                    }
                }
                Err(error) => CatalogNews::Done(error.message(lang)),
            }
        });
    }

    /// Fetches one remote catalog again, or all; each fails on its own.
    pub fn refresh_catalogs(&self, only: Option<String>, lang: Lang) {
        self.catalogs(lang, move |store, fetcher, lang, progress| {
            let chosen: Vec<_> = store
                .catalogs()
                .sources()
                .unwrap_or_default()
                .into_iter()
                .filter(|s| only.as_ref().is_none_or(|n| &s.name == n))
                .collect();
            let lines: Vec<String> = chosen
                .iter()
                .map(|source| {
                    let name = source.name.clone();
                    let outcome = sources::refresh(store, fetcher, source, &mut |done, total| {
                        progress(name.clone(), done, total)
                    });
                    outcome.describe(&source.name, lang)
                })
                .collect();
            CatalogNews::Done(lines.join(" "))
        });
    }

    /// Runs catalog work; `work` gets its own store and a way to report bytes received, and
    /// returns the news to give at the end, once the search index is built over what it
    /// fetched.
    fn catalogs(
        &self,
        lang: Lang,
        work: impl FnOnce(
            &Store,
            &Fetcher,
            Lang,
            &mut dyn FnMut(String, u64, Option<u64>),
        ) -> CatalogNews
        + Send
        + 'static,
    ) {
        let (events, database) = (self.events.clone(), self.database.clone());
        let data_dir = self.data_dir.clone();
        std::thread::spawn(move || {
            let news = match Store::open(&database) {
                Ok(store) => {
                    let mut progress = |name: String, done: u64, total: Option<u64>| {
                        let _ = events.send(AppEvent::Catalogs(CatalogNews::Received {
                            name,
                            done,
                            total,
                        }));
                    };
                    let news = work(&store, &signed_in_fetcher(&data_dir), lang, &mut progress);
                    // Before the result is told, so that the next search does not wait.
                    crate::catalog::search::prepare_index(&store, lang, &mut |percent| {
                        let _ = events.send(AppEvent::Catalogs(CatalogNews::Indexing(percent)));
                    });
                    news
                }
                Err(error) => CatalogNews::Done(error.message(lang)),
            };
            let _ = events.send(AppEvent::Catalogs(news));
        });
    }

    /// Downloads a book into the library; `copy_of` is the recommended book it becomes the
    /// kiosk's copy of.
    pub fn download(&self, url: String, copy_of: Option<Book>, lang: Lang) {
        let (events, database) = (self.events.clone(), self.database.clone());
        let library = self.data_dir.join("library");
        let data_dir = self.data_dir.clone();
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
                        &signed_in_fetcher(&data_dir),
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

    /// Searches a remote catalog at its source.
    pub fn search_source(&self, name: String, query: String, lang: Lang) {
        let (events, database) = (self.events.clone(), self.database.clone());
        let data_dir = self.data_dir.clone();
        std::thread::spawn(move || {
            let result = Store::open(&database)
                .map_err(|e| e.message(lang))
                .and_then(|store| {
                    let source = store
                        .catalogs()
                        .source(&name)
                        .map_err(|e| e.message(lang))?
                        .ok_or_else(|| sources::SourceError::NoSuchSource(name.clone()))
                        .map_err(|e| e.message(lang))?;
                    let mut progress = |done, total| {
                        let name = name.clone();
                        let news = SearchNews::Received { name, done, total };
                        let _ = events.send(AppEvent::RemoteSearch(news));
                    };
                    let fetcher = signed_in_fetcher(&data_dir);
                    source_search::search(&store, &fetcher, &source, &query, &mut progress)
                        .map_err(|e| e.message(&name, lang))
                });
            let done = SearchNews::Done {
                name,
                query,
                result,
            };
            let _ = events.send(AppEvent::RemoteSearch(done));
        });
    }

    /// Syncs with the hub; `asked`: a person asked for it (else the timer did).
    pub fn sync(&self, asked: bool) {
        let (events, database) = (self.events.clone(), self.database.clone());
        let data_dir = self.data_dir.clone();
        std::thread::spawn(move || {
            let result = Store::open(&database)
                .map_err(SyncError::from)
                .and_then(|store| {
                    let token = client::load_token(&data_dir)?;
                    client::sync(&store, &token, &mut |_| {})
                });
            let _ = events.send(AppEvent::Synced(SyncNews { asked, result }));
        });
    }

    /// Counts the pages of each chapter of a book for these layout options.
    pub fn count_pages(&self, book_id: i64, text: Arc<BookText>, options: LayoutOptions) {
        let events = self.events.clone();
        std::thread::spawn(move || {
            let counts = text
                .chapters
                .iter()
                .map(|chapter| layout::lay_out(chapter, &options).pages.len())
                .collect();
            let _ = events.send(AppEvent::PageCounts {
                book_id,
                options,
                counts,
            });
        });
    }

    /// Reads the whole of a book whose first chapters are showing, once the reader lets go
    /// (after its first page is drawn).
    pub fn read_whole_book(&self, path: &Path) -> RestOfBook {
        let (path, events) = (path.to_owned(), self.events.clone());
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let reading = std::thread::spawn(move || {
            // Ends when the reader lets go: after the first page is drawn.
            let _ = wait.recv();
            let whole = WholeBook::read(&path);
            let _ = events.send(AppEvent::WholeBookRead);
            whole
        });
        RestOfBook {
            reading,
            go: Some(go),
        }
    }
}

/// A fetcher that signs in where this kiosk keeps a sign-in (`catalog::logins`).
fn signed_in_fetcher(data_dir: &Path) -> Fetcher {
    Fetcher::new().with_logins(crate::catalog::logins::Logins::load(data_dir))
}
