//! `leling catalog …`: add (signing in where the catalog asks), list, refresh and remove the
//! remote catalogs. Sign-ins and keys taken out of addresses are kept in the data directory's
//! credentials file (`catalog::logins`), never on the command line or in what is printed.

use clap::Subcommand;
use leling_cli::{Exit, ProgressBar, read_pin};
use leling_i18n::Tell;

use crate::catalog;
use crate::catalog::fetch::{FetchError, Fetcher};
use crate::catalog::logins::Logins;
use crate::catalog::signed_in::{SignIn, add_signed_in};
use crate::catalog::sources::{self, Outcome, SourceError};
use crate::config::Paths;
use crate::i18n::{t, t_with};
use crate::model::Lang;

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Add a catalog by its web address or file; it is read once and kept only if it reads
    Add {
        /// An http(s) address or a file path
        location: String,
        /// The name to show and to refer to it by (default: the catalog's own title)
        #[arg(long)]
        name: Option<String>,
        /// Sign in as this user (the password is asked for, never given here)
        #[arg(long)]
        user: Option<String>,
    },
    /// List the catalogs, how many entries each holds and when each was fetched
    List,
    /// Fetch the catalogs again (all, or the one named)
    Refresh { name: Option<String> },
    /// Remove a catalog and its cached copy
    Remove { name: String },
}

/// How many of a schedule's left-out rows the catalog commands list, each with why.
const SKIPPED_ROWS_LISTED: usize = 20;

/// A schedule's left-out rows, under what was said of the catalog.
fn print_skipped(skipped: &[crate::catalog::remote::SkippedRow], lang: Lang) {
    for line in crate::catalog::sources::skipped_lines(skipped, SKIPPED_ROWS_LISTED, lang) {
        outln!("    {line}");
    }
}

fn fail(message: String) -> Exit {
    errln!("{message}");
    Exit(1)
}

pub fn catalog(paths: &Paths, command: CatalogCommand, lang: Lang) -> Result<(), Exit> {
    let store = crate::store::Store::open(&paths.database()).map_err(|e| fail(e.message(lang)))?;
    let fetcher = Fetcher::new().with_logins(Logins::load(&paths.data_dir));
    match command {
        CatalogCommand::Add {
            location,
            name,
            user,
        } => add(paths, &store, &location, name, user, lang),
        CatalogCommand::List => {
            let sources = store
                .catalogs()
                .sources()
                .map_err(|e| fail(e.message(lang)))?;
            if sources.is_empty() {
                outln!("{}", t(lang, "catalog-none"));
            }
            for source in sources {
                let cached = sources::cached(&store, &source).ok().flatten();
                let entries = cached
                    .as_ref()
                    .map_or(0, |(catalog, _)| catalog.entries.len());
                let checked = sources::checked_ago(&source, lang);
                let args = [
                    ("name", source.name.clone().into()),
                    ("location", source.location.clone().into()),
                    ("entries", entries.into()),
                    ("checked", checked.into()),
                ];
                outln!("{}", t_with(lang, "catalog-line", &args));
                if let Some(problem) = &source.problem {
                    outln!("    {problem}");
                }
                if let Some((catalog, _)) = cached {
                    print_skipped(&catalog.skipped, lang);
                }
            }
            Ok(())
        }
        CatalogCommand::Refresh { name } => {
            let all = store
                .catalogs()
                .sources()
                .map_err(|e| fail(e.message(lang)))?;
            let chosen: Vec<_> = all
                .into_iter()
                .filter(|s| name.as_ref().is_none_or(|n| &s.name == n))
                .collect();
            if let (Some(name), true) = (&name, chosen.is_empty()) {
                let args = [("name", name.clone().into())];
                return Err(fail(t_with(lang, "catalog-no-such", &args)));
            }
            let mut failed = false;
            for source in chosen {
                let mut bar = ProgressBar::new(&source.name);
                let outcome = sources::refresh(&store, &fetcher, &source, &mut |done, total| {
                    bar.show(done, total)
                });
                bar.finish();
                let said = outcome.describe(&source.name, lang);
                match &outcome {
                    Outcome::Failed(_) => {
                        failed = true;
                        errln!("{said}");
                    }
                    Outcome::Updated { findings, .. } => {
                        outln!("{said}");
                        print_skipped(&findings.skipped, lang);
                    }
                    Outcome::Unchanged => outln!("{said}"),
                }
            }
            catalog::search::prepare_index(&store, lang, &mut |_| {});
            if failed { Err(Exit(1)) } else { Ok(()) }
        }
        CatalogCommand::Remove { name } => {
            let removed = store
                .catalogs()
                .remove_source(&name)
                .map_err(|e| fail(e.message(lang)))?;
            let args = [("name", name.into())];
            if !removed {
                return Err(fail(t_with(lang, "catalog-no-such", &args)));
            }
            outln!("{}", t_with(lang, "catalog-removed", &args));
            Ok(())
        }
    }
}

/// `catalog add`: with `--user`, the password is asked (hidden on a terminal); a key in the
/// address and the sign-in are kept only once the catalog has been read with them.
fn add(
    paths: &Paths,
    store: &crate::store::Store,
    location: &str,
    name: Option<String>,
    user: Option<String>,
    lang: Lang,
) -> Result<(), Exit> {
    let password = user.as_ref().map(|_| {
        let mut input = std::io::stdin().lock();
        read_pin(&t(lang, "catalog-password"), &mut input).unwrap_or_default()
    });
    let sign_in = user.as_deref().zip(password.as_deref());
    let sign_in = sign_in.map(|(user, password)| SignIn { user, password });
    // The bar names the address as it is shown: without a key in it.
    let shown = Logins::default().hide_key(location);
    let mut bar = ProgressBar::new(&shown);
    let added = add_signed_in(
        store,
        &paths.data_dir,
        location,
        name.as_deref(),
        sign_in,
        &mut |done, total| bar.show(done, total),
    );
    bar.finish();
    let added = added.map_err(|error| {
        let said = error.message(lang);
        match error {
            // Told how to give the sign-in: the password is asked for, never typed here.
            SourceError::Fetch(FetchError::NeedsLogin { .. }) if user.is_none() => {
                fail(format!("{said} {}", t(lang, "catalog-login-how")))
            }
            _ => fail(said),
        }
    })?;
    catalog::search::prepare_index(store, lang, &mut |_| {});
    outln!("{}", added.describe(lang));
    print_skipped(&added.findings.skipped, lang);
    Ok(())
}
