//! Recommended book lists, lecture catalogs and guides: the bundled ones in `content/`
//! (documented in `content/README.md`), read and checked here.

pub mod cache;
pub mod check;
pub mod content;
pub mod download;
pub mod editions;
pub mod feed_trim;
pub mod fetch;
mod fetch_error;
pub mod library_fetch;
pub mod login_challenge;
pub mod logins;
pub mod panic_guard;
pub mod problems;
pub mod recognise;
pub mod remote;
pub mod remote_lectures;
pub mod script;
pub mod search;
pub mod search_keys;
pub mod signed_in;
pub mod source_search;
pub mod sources;
pub mod spreadsheet;

pub use check::{Problem, check_dir};
pub use content::{
    Book, BookList, Guide, Guides, Lecture, LectureCatalog, LectureFormat, QuizQuestion, QuizSet,
    Text,
};

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

/// The content bundled with Leling, beside its sources.
pub fn bundled_dir() -> PathBuf {
    // Two folders up from this crate: the repository's top, where `content/` is.
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .nth(2)
        .unwrap_or(crate_dir)
        .join("content")
}

/// The book lists in `dir/lists`, in file-name order. A file that does not read is left out
/// here; `leling content check` says what is wrong with it.
pub fn load_lists(dir: &Path) -> Vec<BookList> {
    load_all(&dir.join("lists"))
}

/// Every lecture of the catalogs in `dir/lectures`, soonest first.
pub fn load_lectures(dir: &Path) -> Vec<Lecture> {
    let mut lectures: Vec<Lecture> = load_all::<LectureCatalog>(&dir.join("lectures"))
        .into_iter()
        .flat_map(|catalog| catalog.lecture)
        .collect();
    lectures.sort_by_key(|lecture| lecture.starts());
    lectures
}

/// The lectures starting from `now` to a week later.
pub fn this_week(lectures: &[Lecture], now: DateTime<FixedOffset>) -> Vec<Lecture> {
    let end = now + chrono::Duration::days(7);
    lectures
        .iter()
        .filter(|lecture| {
            lecture
                .starts()
                .is_some_and(|start| start >= now && start < end)
        })
        .cloned()
        .collect()
}

/// The topics that have lectures, in the order of [`check::TOPICS`], each with its lectures.
pub fn by_topic(lectures: &[Lecture]) -> Vec<(String, Vec<Lecture>)> {
    check::TOPICS
        .iter()
        .map(|&topic| {
            let about: Vec<Lecture> = lectures
                .iter()
                .filter(|l| l.topics.get_ref().iter().any(|t| t.get_ref() == topic))
                .cloned()
                .collect();
            (topic.to_string(), about)
        })
        .filter(|(_, about)| !about.is_empty())
        .collect()
}

/// The guides listed in `dir/guides.toml`.
pub fn load_guides(dir: &Path) -> Vec<Guide> {
    std::fs::read_to_string(dir.join("guides.toml"))
        .ok()
        .and_then(|text| toml::from_str::<Guides>(&text).ok())
        .map(|guides| guides.guide)
        .unwrap_or_default()
}

/// Where the quiz sets of a content folder (the bundled one, or a kiosk's data directory for
/// the centre's own) are kept.
pub fn quizzes_folder(dir: &Path) -> PathBuf {
    dir.join("quizzes")
}

/// The quiz sets in the `quizzes` folder of each of `dirs` (the bundled content, then the
/// centre's own) that can be taken: every question with two to four choices, the right one
/// among them. A set whose id an earlier one has is left out; `leling content check` says
/// what is wrong with a file left out.
pub fn usable_quizzes(dirs: &[PathBuf]) -> Vec<QuizSet> {
    let mut sets: Vec<QuizSet> = Vec::new();
    for set in dirs
        .iter()
        .flat_map(|dir| load_all::<QuizSet>(&quizzes_folder(dir)))
    {
        if set.is_usable() && !sets.iter().any(|kept| kept.id() == set.id()) {
            sets.push(set);
        }
    }
    sets
}

fn load_all<T: serde::de::DeserializeOwned>(dir: &Path) -> Vec<T> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|path| path.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .filter_map(|text| toml::from_str(&text).ok())
        .collect()
}
