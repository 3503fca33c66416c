//! `leling library fetch`: the administrator's one command that brings every recommended
//! book's free edition onto the kiosk while it is online, so the books open offline. A
//! progress bar on a terminal (plain lines otherwise), one line per book, and a summary: what
//! was fetched, what was already here, which books have no text to fetch, and what failed and
//! why. The exit code is non-zero when anything failed; running it again fetches only that.

use std::path::Path;

use clap::Subcommand;

use crate::catalog::download::DownloadError;
use crate::catalog::editions::Mirror;
use crate::catalog::fetch::{FetchError, Fetcher};
use crate::catalog::library_fetch::{self, Outcome, Step, Watcher};
use crate::catalog::{self, Book};
use crate::config::{LoadedSettings, Paths};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::Store;
use leling_cli::{Exit, ProgressBar, printable};

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Download every recommended book's free edition into this kiosk's library, so that it
    /// opens without the internet (books already here are not downloaded again)
    Fetch {
        /// A Project Gutenberg mirror to download from, e.g. https://gutenberg.pglaf.org
        /// (default: the settings file's book_mirror, else each book's own address)
        #[arg(long, value_name = "URL")]
        mirror: Option<String>,
    },
}

pub fn library(
    paths: &Paths,
    command: LibraryCommand,
    settings: &LoadedSettings,
    lang: Lang,
) -> Result<(), Exit> {
    match command {
        LibraryCommand::Fetch { mirror } => {
            let mirror = match (mirror, &settings.settings.book_mirror) {
                (Some(address), _) => Some(mirror_from(&address, None, lang)?),
                (None, Some(address)) => Some(mirror_from(address, Some(&settings.path), lang)?),
                (None, None) => None,
            };
            fetch(paths, mirror.as_ref(), lang)
        }
    }
}

/// The mirror at `address`, or a plain refusal that says where the address was written (the
/// settings file, when it came from there).
fn mirror_from(address: &str, settings_file: Option<&Path>, lang: Lang) -> Result<Mirror, Exit> {
    Mirror::parse(address).ok_or_else(|| {
        let mut args = vec![("address", printable(address).into())];
        let id = match settings_file {
            Some(file) => {
                let file = file.display().to_string();
                args.push(("file", printable(&file).into()));
                "library-fetch-bad-mirror-setting"
            }
            None => "library-fetch-bad-mirror",
        };
        errln!("{}", t_with(lang, id, &args));
        Exit(2)
    })
}

fn fetch(paths: &Paths, mirror: Option<&Mirror>, lang: Lang) -> Result<(), Exit> {
    let store = Store::open(&paths.database()).map_err(|e| {
        errln!("{}", e.message(lang));
        Exit(1)
    })?;
    let lists = catalog::load_lists(&catalog::bundled_dir());
    if let Some(mirror) = mirror {
        let args = [("mirror", mirror.base().to_string().into())];
        outln!("{}", t_with(lang, "library-fetch-from-mirror", &args));
    }
    let mut printer = Printer { lang, bar: None };
    let results = library_fetch::fetch_all(
        &store,
        &Fetcher::new().with_logins(crate::catalog::logins::Logins::load(&paths.data_dir)),
        &lists,
        &paths.data_dir.join("library"),
        mirror,
        &mut printer,
    );
    summarise(&results, lang)
}

/// Shows each book as the run comes to it: a bar while it downloads (on a terminal), then one
/// line saying how it went.
struct Printer {
    lang: Lang,
    bar: Option<ProgressBar>,
}

impl Watcher for Printer {
    fn starting(&mut self, step: &Step) {
        self.bar = Some(ProgressBar::new(&step_label(step, self.lang)));
    }

    fn received(&mut self, done: u64, total: Option<u64>) {
        if let Some(bar) = &mut self.bar {
            bar.show(done, total);
        }
    }

    fn finished(&mut self, step: &Step, outcome: &Outcome) {
        if let Some(mut bar) = self.bar.take() {
            bar.finish();
        }
        let lang = self.lang;
        let book = step_label(step, lang);
        match outcome {
            Outcome::Fetched(_) => outln!(
                "{}",
                t_with(lang, "library-fetch-fetched", &[("book", book.into())])
            ),
            Outcome::AlreadyThere(_) => outln!(
                "{}",
                t_with(lang, "library-fetch-already", &[("book", book.into())])
            ),
            Outcome::Failed(error) => {
                let args = [
                    ("book", book.into()),
                    ("reason", reason(error, lang).into()),
                ];
                errln!("{}", t_with(lang, "library-fetch-failed", &args));
            }
            Outcome::NoEdition => {}
        }
    }
}

/// `[3/40] 红楼梦`: which book of how many.
fn step_label(step: &Step, lang: Lang) -> String {
    let args = [
        ("number", step.number.into()),
        ("of", step.of.into()),
        ("title", title(step.book, lang).into()),
    ];
    t_with(lang, "library-fetch-step", &args)
}

fn title(book: &Book, lang: Lang) -> String {
    printable(book.title.get(lang))
}

/// Why a book was not fetched; for an answer from the server, its status code too, which
/// tells an administrator more than the words alone.
fn reason(error: &DownloadError, lang: Lang) -> String {
    let mut reason = printable(&error.message(lang));
    if let DownloadError::Fetch(FetchError::Status(code)) = error {
        reason.push_str(&t_with(
            lang,
            "library-fetch-status",
            &[("code", (*code).into())],
        ));
    }
    reason
}

/// The counts, the books with nothing to fetch, and the failures grouped by their reason.
fn summarise(results: &[(&Book, Outcome)], lang: Lang) -> Result<(), Exit> {
    let count = |wanted: fn(&Outcome) -> bool| results.iter().filter(|(_, o)| wanted(o)).count();
    let failed = count(|o| matches!(o, Outcome::Failed(_)));
    let args = [
        ("total", results.len().into()),
        (
            "fetched",
            count(|o| matches!(o, Outcome::Fetched(_))).into(),
        ),
        (
            "already",
            count(|o| matches!(o, Outcome::AlreadyThere(_))).into(),
        ),
        ("failed", failed.into()),
        ("none", count(|o| matches!(o, Outcome::NoEdition)).into()),
    ];
    outln!("{}", t_with(lang, "library-fetch-summary", &args));
    let separator = t(lang, "library-fetch-separator");
    let no_edition: Vec<String> = results
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Outcome::NoEdition))
        .map(|(book, _)| title(book, lang))
        .collect();
    if !no_edition.is_empty() {
        let args = [("books", no_edition.join(&separator).into())];
        outln!("{}", t_with(lang, "library-fetch-no-edition", &args));
    }
    if failed == 0 {
        return Ok(());
    }
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (book, outcome) in results {
        if let Outcome::Failed(error) = outcome {
            let why = reason(error, lang);
            match groups.iter_mut().find(|(reason, _)| *reason == why) {
                Some((_, books)) => books.push(title(book, lang)),
                None => groups.push((why, vec![title(book, lang)])),
            }
        }
    }
    errln!("{}", t(lang, "library-fetch-failed-heading"));
    for (why, books) in groups {
        let args = [("reason", why.into()), ("count", books.len().into())];
        errln!("{}", t_with(lang, "library-fetch-failed-group", &args));
        errln!("    {}", books.join(&separator));
    }
    errln!("{}", t(lang, "library-fetch-try-again"));
    Err(Exit(1))
}
