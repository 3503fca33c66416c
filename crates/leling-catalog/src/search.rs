//! One search across the recommended lists, the lectures, the guides and this kiosk's
//! library: by Chinese characters in either script, by pinyin in full or by initials, and by
//! English words.

use std::path::Path;

use super::search_keys::{index_words, pinyin_forms, query_terms};
use super::{Text, load_guides, load_lectures, load_lists};
use leling_core::model::Lang;
use leling_store::{SearchRow, Store, StoreError};

/// What a search result is, to open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Book,
    Lecture,
    Guide,
    Library,
    /// An entry of a remote catalog; its key is the source's name and the entry's id.
    Remote,
}

impl HitKind {
    fn code(self) -> &'static str {
        match self {
            HitKind::Book => "book",
            HitKind::Lecture => "lecture",
            HitKind::Guide => "guide",
            HitKind::Library => "library",
            HitKind::Remote => "remote",
        }
    }

    fn from_code(code: &str) -> Option<HitKind> {
        [
            HitKind::Book,
            HitKind::Lecture,
            HitKind::Guide,
            HitKind::Library,
            HitKind::Remote,
        ]
        .into_iter()
        .find(|kind| kind.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    /// The content id, or the library book's id.
    pub key: String,
    pub title: String,
    pub detail: String,
}

impl Hit {
    /// The result as one line: what kind of thing, its title, and who.
    pub fn label(&self, lang: Lang) -> String {
        let kind = leling_i18n::t(lang, &format!("find-kind-{}", self.kind.code()));
        if self.detail.is_empty() {
            format!("{kind} {}", self.title)
        } else {
            format!("{kind} {} — {}", self.title, self.detail)
        }
    }

    pub fn kind_code(&self) -> &'static str {
        self.kind.code()
    }
}

/// Searches everything, rebuilding the index first when the content or library changed.
pub fn search(
    store: &Store,
    content: &Path,
    query: &str,
    lang: Lang,
) -> Result<Vec<Hit>, StoreError> {
    refresh_index(store, content, lang, &mut |_| {})?;
    let rows = store.library().search(&query_terms(query))?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Hit {
                kind: HitKind::from_code(&row.kind)?,
                key: row.key,
                title: row.title,
                detail: row.detail,
            })
        })
        .collect())
}

/// Builds the index over the bundled content, the library and the catalogs as they now are:
/// after a catalog is added or refreshed, on the thread that fetched it, so that the next
/// search does not wait for it; `progress` hears the percent done (only when there is work).
/// A failure is left for that search, which builds the index itself and says what went wrong.
pub fn prepare_index(store: &Store, lang: Lang, progress: &mut dyn FnMut(u8)) {
    let _ = refresh_index(store, &crate::bundled_dir(), lang, progress);
}

/// Tells `progress` the percent of `total` steps done, once per percent.
struct Percent<'a> {
    total: usize,
    told: Option<u8>,
    progress: &'a mut dyn FnMut(u8),
}

impl Percent<'_> {
    fn at(&mut self, done: usize) {
        let percent = match self.total {
            0 => 100,
            total => (done.min(total) * 100 / total) as u8,
        };
        if self.told != Some(percent) {
            self.told = Some(percent);
            (self.progress)(percent);
        }
    }
}

/// How rows are written (words marked at their starts); part of the fingerprint, so an index
/// written another way is rebuilt.
const INDEX_FORM: &str = "words-marked";

/// Rebuilds the index when what it was built from has changed (content files, the library,
/// the pages kept of each catalog, or the language its titles are shown in): a refresh that
/// found nothing new keeps it.
fn refresh_index(
    store: &Store,
    content: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(u8),
) -> Result<(), StoreError> {
    let library = store.library().books()?;
    let mut sources = Vec::new();
    for source in store.catalogs().sources()? {
        let stamp = store.catalogs().pages_stamp(source.id)?.unwrap_or_default();
        sources.push(format!("{}@{stamp}", source.name));
    }
    let fingerprint = format!(
        "{INDEX_FORM}|{}|{}|{}|{}",
        lang.code(),
        content_fingerprint(content),
        library
            .iter()
            .map(|b| format!(
                "{}:{}:{}",
                b.id,
                b.title,
                b.recommended.as_deref().unwrap_or("")
            ))
            .collect::<Vec<_>>()
            .join(","),
        sources.join(",")
    );
    if store.library().search_fingerprint()?.as_deref() == Some(fingerprint.as_str()) {
        return Ok(());
    }
    let mut rows = Vec::new();
    let lists = load_lists(content);
    for list in &lists {
        for book in &list.book {
            rows.push(row(
                HitKind::Book,
                book.id.get_ref(),
                &book.title,
                &[&book.author],
                &[&book.summary],
                book.subjects.get_ref().iter().map(|s| s.get_ref().clone()),
                lang,
            ));
        }
    }
    for lecture in load_lectures(content) {
        rows.push(row(
            HitKind::Lecture,
            lecture.id.get_ref(),
            &lecture.title,
            &[&lecture.speaker, &lecture.provider],
            &[&lecture.description],
            lecture
                .topics
                .get_ref()
                .iter()
                .flat_map(|topic| topic_names(topic.get_ref())),
            lang,
        ));
    }
    for guide in load_guides(content) {
        rows.push(row(
            HitKind::Guide,
            guide.id.get_ref(),
            &guide.title,
            &[],
            &[&guide.summary],
            std::iter::empty(),
            lang,
        ));
    }
    for book in library {
        let author = book.author.clone().unwrap_or_default();
        let mut names = vec![book.title.clone(), author.clone()];
        // A recommended book's copy is found by every name the list gives the book.
        if let Some(recommended) = lists
            .iter()
            .flat_map(|list| &list.book)
            .find(|entry| Some(entry.id.get_ref()) == book.recommended.as_ref())
        {
            for text in [&recommended.title, &recommended.author] {
                names.extend([text.zh.get_ref().clone(), text.en.get_ref().clone()]);
            }
        }
        let pinyin: Vec<String> = names.iter().map(|name| pinyin_forms(name)).collect();
        rows.push(SearchRow {
            kind: HitKind::Library.code().to_string(),
            key: book.id.to_string(),
            title: book.title.clone(),
            detail: author,
            words: index_words(&names.join(" ")),
            pinyin: pinyin.join(" "),
        });
    }
    // The catalogs' entries are the work that takes time: reading them into rows is the first
    // half of the percent, writing their rows the second (the bundled content's rows, a few
    // hundred, are not counted).
    let entries = super::sources::all_cached_entries(store)?;
    let count = entries.len();
    let mut percent = Percent {
        total: 2 * count,
        told: None,
        progress,
    };
    let before = rows.len();
    for (done, (source, entry)) in entries.into_iter().enumerate() {
        percent.at(done);
        let names = entry.authors.join(" ");
        let about = entry.summary.clone().unwrap_or_default();
        rows.push(SearchRow {
            kind: HitKind::Remote.code().to_string(),
            key: remote_key(&source, &entry.id),
            title: entry.title.clone(),
            detail: names.clone(),
            words: index_words(&format!(
                "{} {names} {} {about}",
                entry.title,
                entry.subjects.join(" ")
            )),
            pinyin: [pinyin_forms(&entry.title), pinyin_forms(&names)].join(" "),
        });
    }
    store
        .library()
        .replace_search_index(&rows, &fingerprint, &mut |written| {
            percent.at(count + written.saturating_sub(before))
        })?;
    percent.at(percent.total);
    Ok(())
}

/// A remote entry's search key: its source's name and its id, apart.
pub fn remote_key(source: &str, id: &str) -> String {
    format!("{source}\u{1f}{id}")
}

/// A lecture topic's names in both languages, so "防诈骗" and "scams" both find its lectures.
fn topic_names(topic: &str) -> [String; 2] {
    let id = format!("topic-{topic}");
    [leling_i18n::t(Lang::Zh, &id), leling_i18n::t(Lang::En, &id)]
}

/// A content entry as an index row: shown in `lang`, found by either language's words.
fn row(
    kind: HitKind,
    key: &str,
    title: &Text,
    names: &[&Text],
    about: &[&Text],
    terms: impl Iterator<Item = String>,
    lang: Lang,
) -> SearchRow {
    let both = |text: &Text| format!("{} {}", text.zh.get_ref(), text.en.get_ref());
    let mut words = vec![both(title)];
    words.extend(names.iter().map(|n| both(n)));
    words.extend(terms.map(|t| t.replace('-', " ")));
    words.extend(about.iter().map(|a| both(a)));
    let mut pinyin = vec![pinyin_forms(title.zh.get_ref())];
    pinyin.extend(names.iter().map(|n| pinyin_forms(n.zh.get_ref())));
    SearchRow {
        kind: kind.code().to_string(),
        key: key.to_string(),
        title: title.get(lang).to_string(),
        detail: names
            .first()
            .map(|n| n.get(lang).to_string())
            .unwrap_or_default(),
        words: index_words(&words.join(" ")),
        pinyin: pinyin.join(" "),
    }
}

/// The content files' names, sizes and change times: cheap to read, and different whenever a
/// file is edited, added or removed.
fn content_fingerprint(dir: &Path) -> String {
    let mut parts = Vec::new();
    for sub in ["lists", "lectures", "."] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(meta) = entry.metadata()
                && meta.is_file()
            {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                parts.push(format!(
                    "{}:{}:{modified}",
                    entry.path().display(),
                    meta.len()
                ));
            }
        }
    }
    parts.sort();
    parts.join(";")
}
