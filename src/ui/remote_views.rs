//! What the remote catalog screens show: a catalog's menu (search it, its shelves, its own
//! books), a list of entries (a whole catalog, one shelf, or a search's results), and the
//! field a search is typed into. Every item is listed here; `Screen::view` shows a long list
//! a page at a time.

use super::screens::RemoteSummary;
use super::view::View;
use crate::catalog::cache::Shelf;
use crate::catalog::remote::RemoteEntry;
use crate::i18n::{t, t_with, time_ago};
use crate::model::Lang;

/// One choice on a remote catalog's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceChoice {
    Search,
    /// The shelf of this index.
    Shelf(usize),
    /// The books the catalog lists itself, beside its shelves.
    Own,
}

/// The menu of a catalog with these parts: search first (when it offers one), then each
/// shelf, then its own books (when it has any).
pub fn source_choices(searchable: bool, shelves: usize, own: usize) -> Vec<SourceChoice> {
    let search = searchable.then_some(SourceChoice::Search);
    let own = (own > 0).then_some(SourceChoice::Own);
    search
        .into_iter()
        .chain((0..shelves).map(SourceChoice::Shelf))
        .chain(own)
        .collect()
}

/// Where a list of entries comes from, which gives its title and what is said first.
#[derive(Debug, Clone, PartialEq)]
pub enum EntriesFrom {
    /// A catalog's books as last fetched.
    Catalog(RemoteSummary),
    /// One shelf of a catalog, fetched with it.
    Shelf {
        title: String,
        catalog: RemoteSummary,
    },
    /// A search made at the catalog's source.
    Search {
        name: String,
        query: String,
        /// When the source could not be reached: when these results were saved (RFC 3339)
        /// and what went wrong, in the words of the moment.
        saved: Option<(String, String)>,
    },
}

/// The words of a copy's age and its last problem.
fn copy_body(summary: &RemoteSummary, lang: Lang) -> Vec<String> {
    let age = [("age", time_ago(&summary.fetched_at, lang).into())];
    let mut body = vec![t_with(lang, "remote-fetched", &age)];
    if let Some(problem) = &summary.problem {
        let args = [("problem", problem.clone().into())];
        body.push(t_with(lang, "remote-problem", &args));
    }
    body
}

fn book_count(lang: Lang, count: usize) -> String {
    t_with(lang, "remote-book-count", &[("count", count.into())])
}

/// A catalog's menu.
pub fn source_view(
    summary: &RemoteSummary,
    shelves: &[Shelf],
    own: &[RemoteEntry],
    searchable: bool,
    lang: Lang,
) -> (String, Vec<String>, Vec<String>) {
    let choices = source_choices(searchable, shelves.len(), own.len());
    let items = choices.into_iter().map(|choice| match choice {
        SourceChoice::Search => t(lang, "remote-search"),
        SourceChoice::Shelf(shelf) => {
            let shelf = &shelves[shelf];
            format!(
                "{} ({})",
                shelf.title,
                book_count(lang, shelf.entries.len())
            )
        }
        SourceChoice::Own if shelves.is_empty() => {
            t_with(lang, "remote-all-books", &[("count", own.len().into())])
        }
        SourceChoice::Own => t_with(lang, "remote-own-books", &[("count", own.len().into())]),
    });
    (
        summary.name.clone(),
        copy_body(summary, lang),
        items.collect(),
    )
}

/// A list of entries: title, what is said first, and the entries.
pub fn entries_view(
    from: &EntriesFrom,
    entries: &[RemoteEntry],
    lang: Lang,
) -> (String, Vec<String>, Vec<String>) {
    let (title, body) = match from {
        EntriesFrom::Catalog(summary) => (summary.name.clone(), copy_body(summary, lang)),
        EntriesFrom::Shelf { title, catalog } => {
            let of = t_with(
                lang,
                "remote-shelf-of",
                &[("name", catalog.name.clone().into())],
            );
            let mut body = vec![of];
            body.extend(copy_body(catalog, lang));
            (title.clone(), body)
        }
        EntriesFrom::Search { name, query, saved } => {
            let args = [
                ("name", name.clone().into()),
                ("query", query.clone().into()),
            ];
            let title = t_with(lang, "remote-search-results", &args);
            let count = [("count", entries.len().into())];
            let mut body = vec![t_with(lang, "find-count", &count)];
            if let Some((fetched_at, problem)) = saved {
                let args = [
                    ("age", time_ago(fetched_at, lang).into()),
                    ("problem", problem.clone().into()),
                ];
                body.push(t_with(lang, "remote-search-saved", &args));
            }
            (title, body)
        }
    };
    let items = entries
        .iter()
        .map(|entry| match entry.authors.first() {
            Some(author) => format!("{} — {author}", entry.title),
            None => entry.title.clone(),
        })
        .collect();
    (title, body, items)
}

/// The field a search of a catalog is typed into.
pub fn search_view(name: &str, query: &str, lang: Lang) -> View {
    View {
        title: t_with(
            lang,
            "remote-search-title",
            &[("name", name.to_string().into())],
        ),
        body: vec![t(lang, "remote-search-body")],
        input: Some(query.to_string()),
        hint: t(lang, "hint-search"),
        ..View::default()
    }
}
