//! `leling content check`: every content file read and checked, each problem reported as
//! `file:line:column: field: problem` so an editor can jump to it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;

mod quizzes;

use super::content::{BookList, Guides, LectureCatalog, LectureFormat, QuizSet, Text};
use leling_core::model::Lang;
use leling_i18n::{t, t_with};

/// The subjects a book may be filed under (translated in the locale files).
pub const SUBJECTS: &[&str] = &[
    "novel",
    "short-stories",
    "poetry",
    "philosophy",
    "history",
    "essays",
    "memoir",
    "adventure",
    "family",
    "humour",
    "nature",
    "mystery",
    "fantasy",
    "drama",
    "children",
];

/// The topics a lecture may be about (translated in the locale files).
pub const TOPICS: &[&str] = &[
    "smartphone",
    "video-calls",
    "scams",
    "health",
    "history",
    "poetry",
    "calligraphy",
    "payment",
    "photography",
    "exercise",
    "gardening",
    "law",
];

const LANGUAGES: &[&str] = &["zh", "en"];
const YEARS: Range<i32> = -3000..2100;
const SUBJECTS_PER_BOOK: Range<usize> = 1..5;
const TOPICS_PER_LECTURE: Range<usize> = 1..4;
const LECTURE_MINUTES: Range<u32> = 5..241;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.field,
            self.message
        )
    }
}

/// What a check found: the files read and their problems.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub problems: Vec<Problem>,
}

/// Checks every content file under `dir`: `lists/*.toml`, `lectures/*.toml`, `quizzes/*.toml`
/// and `guides.toml`.
pub fn check_dir(dir: &Path, lang: Lang) -> Report {
    let mut report = Report::default();
    let mut book_ids: HashMap<String, PathBuf> = HashMap::new();
    for path in toml_files(&dir.join("lists")) {
        let mut file = FileCheck::new(&path, lang);
        if let Some(list) = file.parse::<BookList>() {
            file.check_list(&list, &mut book_ids);
        }
        report.add(file);
    }
    for path in toml_files(&dir.join("lectures")) {
        let mut file = FileCheck::new(&path, lang);
        if let Some(catalog) = file.parse::<LectureCatalog>() {
            file.check_catalog(&catalog);
        }
        report.add(file);
    }
    for path in toml_files(&dir.join("quizzes")) {
        let mut file = FileCheck::new(&path, lang);
        if let Some(set) = file.parse::<QuizSet>() {
            file.check_quiz(&set);
        }
        report.add(file);
    }
    let guides = dir.join("guides.toml");
    if guides.exists() {
        let mut file = FileCheck::new(&guides, lang);
        if let Some(parsed) = file.parse::<Guides>() {
            file.check_guides(&parsed, dir);
        }
        report.add(file);
    }
    report
}

impl Report {
    fn add(&mut self, file: FileCheck) {
        self.files += 1;
        self.problems.extend(file.problems);
    }
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// One file being checked: its text, for turning byte spans into lines and columns.
struct FileCheck {
    path: PathBuf,
    source: String,
    lang: Lang,
    problems: Vec<Problem>,
}

impl FileCheck {
    fn new(path: &Path, lang: Lang) -> FileCheck {
        let mut check = FileCheck {
            path: path.to_owned(),
            source: String::new(),
            lang,
            problems: Vec::new(),
        };
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => check.source = text,
            Ok(Err(_)) => check.report(0..0, "-", t(lang, "content-not-utf8")),
            Err(error) => check.report(
                0..0,
                "-",
                t_with(
                    lang,
                    "content-unreadable",
                    &[("detail", error.to_string().into())],
                ),
            ),
        }
        check
    }

    fn parse<T: DeserializeOwned>(&mut self) -> Option<T> {
        if !self.problems.is_empty() {
            return None;
        }
        match toml::from_str::<T>(&self.source) {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                let detail = error.message().trim().to_string();
                let span = error.span().unwrap_or(0..0);
                let field = self.key_before(span.start).unwrap_or("-").to_string();
                self.report(
                    span,
                    &field,
                    t_with(self.lang, "content-bad-toml", &[("detail", detail.into())]),
                );
                None
            }
        }
    }

    /// The key of a `key = value` line when `offset` is in its value: names the field of an
    /// error that TOML reports by place only.
    fn key_before(&self, offset: usize) -> Option<&str> {
        let before = self.source.get(..offset)?;
        let line = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
        let (key, _) = line.split_once('=')?;
        Some(key.trim()).filter(|key| !key.is_empty())
    }

    fn report(&mut self, span: Range<usize>, field: &str, message: String) {
        let before = &self.source[..span.start.min(self.source.len())];
        let line = before.matches('\n').count() + 1;
        let column = before
            .rfind('\n')
            .map_or(before, |newline| &before[newline + 1..])
            .chars()
            .count()
            + 1;
        self.problems.push(Problem {
            file: self.path.clone(),
            line,
            column,
            field: field.to_string(),
            message,
        });
    }

    fn say(&mut self, span: Range<usize>, field: &str, id: &str) {
        let message = t(self.lang, id);
        self.report(span, field, message);
    }

    fn check_id(&mut self, id: &Spanned<String>, field: &str) {
        let well_formed = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            self.say(id.span(), field, "content-bad-id");
        }
    }

    fn check_file_id(&mut self, id: &Spanned<String>, field: &str) {
        self.check_id(id, field);
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if *id.get_ref() != stem {
            let message = t_with(
                self.lang,
                "content-id-not-file-name",
                &[("expected", stem.into())],
            );
            self.report(id.span(), field, message);
        }
    }

    fn check_text(&mut self, text: &Text, field: &str) {
        for (part, name) in [(&text.zh, "zh"), (&text.en, "en")] {
            if part.get_ref().trim().is_empty() {
                self.say(
                    part.span(),
                    &format!("{field}.{name}"),
                    "content-empty-text",
                );
            }
        }
    }

    fn check_language(&mut self, language: &Spanned<String>, field: &str) {
        if !LANGUAGES.contains(&language.get_ref().as_str()) {
            self.say(language.span(), field, "content-bad-language");
        }
    }

    fn check_terms(
        &mut self,
        terms: &Spanned<Vec<Spanned<String>>>,
        field: &str,
        allowed: &[&str],
        count: Range<usize>,
    ) {
        if !count.contains(&terms.get_ref().len()) {
            let args = [("min", count.start.into()), ("max", (count.end - 1).into())];
            let message = t_with(self.lang, "content-term-count", &args);
            self.report(terms.span(), field, message);
        }
        for term in terms.get_ref() {
            if !allowed.contains(&term.get_ref().as_str()) {
                let args = [
                    ("term", term.get_ref().clone().into()),
                    ("allowed", allowed.join(", ").into()),
                ];
                let message = t_with(self.lang, "content-unknown-term", &args);
                self.report(term.span(), field, message);
            }
        }
    }

    fn check_url(&mut self, url: Option<&Spanned<String>>, field: &str) {
        let Some(url) = url else {
            return;
        };
        let web = url::Url::parse(url.get_ref())
            .is_ok_and(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.has_host());
        if !web {
            self.say(url.span(), field, "content-bad-url");
        }
    }

    fn check_list(&mut self, list: &BookList, book_ids: &mut HashMap<String, PathBuf>) {
        self.check_file_id(&list.list.id, "list.id");
        self.check_text(&list.list.title, "list.title");
        self.check_text(&list.list.description, "list.description");
        for (index, book) in list.book.iter().enumerate() {
            let name = format!("book[{}]", index + 1);
            self.check_id(&book.id, &format!("{name}.id"));
            if let Some(first) = book_ids.get(book.id.get_ref()) {
                let args = [
                    ("id", book.id.get_ref().clone().into()),
                    ("file", first.display().to_string().into()),
                ];
                let message = t_with(self.lang, "content-duplicate-id", &args);
                self.report(book.id.span(), &format!("{name}.id"), message);
            } else {
                book_ids.insert(book.id.get_ref().clone(), self.path.clone());
            }
            self.check_text(&book.title, &format!("{name}.title"));
            self.check_text(&book.author, &format!("{name}.author"));
            self.check_text(&book.summary, &format!("{name}.summary"));
            if !YEARS.contains(book.year.get_ref()) {
                let args = [("min", YEARS.start.into()), ("max", (YEARS.end - 1).into())];
                let message = t_with(self.lang, "content-bad-year", &args);
                self.report(book.year.span(), &format!("{name}.year"), message);
            }
            self.check_language(&book.language, &format!("{name}.language"));
            self.check_terms(
                &book.subjects,
                &format!("{name}.subjects"),
                SUBJECTS,
                SUBJECTS_PER_BOOK,
            );
            self.check_url(book.open_edition.as_ref(), &format!("{name}.open_edition"));
            self.check_url(book.text_url.as_ref(), &format!("{name}.text_url"));
        }
    }

    fn check_catalog(&mut self, catalog: &LectureCatalog) {
        self.check_file_id(&catalog.catalog.id, "catalog.id");
        self.check_text(&catalog.catalog.title, "catalog.title");
        self.check_text(&catalog.catalog.description, "catalog.description");
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (index, lecture) in catalog.lecture.iter().enumerate() {
            let name = format!("lecture[{}]", index + 1);
            self.check_id(&lecture.id, &format!("{name}.id"));
            if let Some(first) = ids.insert(lecture.id.get_ref(), index + 1) {
                let args = [
                    ("id", lecture.id.get_ref().clone().into()),
                    ("file", format!("lecture[{first}]").into()),
                ];
                let message = t_with(self.lang, "content-duplicate-id", &args);
                self.report(lecture.id.span(), &format!("{name}.id"), message);
            }
            for (text, field) in [
                (&lecture.title, "title"),
                (&lecture.speaker, "speaker"),
                (&lecture.provider, "provider"),
                (&lecture.description, "description"),
            ] {
                self.check_text(text, &format!("{name}.{field}"));
            }
            self.check_terms(
                &lecture.topics,
                &format!("{name}.topics"),
                TOPICS,
                TOPICS_PER_LECTURE,
            );
            self.check_language(&lecture.language, &format!("{name}.language"));
            self.check_url(lecture.url.as_ref(), &format!("{name}.url"));
            self.check_url(
                lecture.transcript_url.as_ref(),
                &format!("{name}.transcript_url"),
            );
            match (*lecture.format.get_ref(), &lecture.url, &lecture.venue) {
                (LectureFormat::InPerson, _, None) => {
                    self.say(
                        lecture.format.span(),
                        &format!("{name}.venue"),
                        "content-needs-venue",
                    );
                }
                (LectureFormat::Video | LectureFormat::Audio, None, _) => {
                    self.say(
                        lecture.format.span(),
                        &format!("{name}.url"),
                        "content-needs-url",
                    );
                }
                _ => {}
            }
            if let Some(venue) = &lecture.venue {
                self.check_text(venue.get_ref(), &format!("{name}.venue"));
            }
            self.check_schedule(lecture, &name);
        }
    }

    fn check_schedule(&mut self, lecture: &super::Lecture, name: &str) {
        let minutes = *lecture.duration_minutes.get_ref();
        if !LECTURE_MINUTES.contains(&minutes) {
            let args = [
                ("min", LECTURE_MINUTES.start.into()),
                ("max", (LECTURE_MINUTES.end - 1).into()),
            ];
            let message = t_with(self.lang, "content-bad-duration", &args);
            self.report(
                lecture.duration_minutes.span(),
                &format!("{name}.duration_minutes"),
                message,
            );
        }
        let mut moment = |when: &Spanned<toml::value::Datetime>, field: &str| {
            let parsed = super::content::moment(when.get_ref());
            if parsed.is_none() {
                self.say(
                    when.span(),
                    &format!("{name}.{field}"),
                    "content-needs-offset",
                );
            }
            parsed
        };
        let (Some(start), Some(end)) =
            (moment(&lecture.start, "start"), moment(&lecture.end, "end"))
        else {
            return;
        };
        let actual = (end - start).num_minutes();
        if actual <= 0 {
            self.say(
                lecture.end.span(),
                &format!("{name}.end"),
                "content-end-before-start",
            );
        } else if actual != i64::from(minutes) {
            let args = [("actual", actual.into()), ("expected", minutes.into())];
            let message = t_with(self.lang, "content-duration-mismatch", &args);
            self.report(lecture.end.span(), &format!("{name}.end"), message);
        }
    }

    fn check_guides(&mut self, guides: &Guides, dir: &Path) {
        for (index, guide) in guides.guide.iter().enumerate() {
            let name = format!("guide[{}]", index + 1);
            self.check_id(&guide.id, &format!("{name}.id"));
            self.check_text(&guide.title, &format!("{name}.title"));
            self.check_text(&guide.summary, &format!("{name}.summary"));
            for (file, part) in [(&guide.files.zh, "zh"), (&guide.files.en, "en")] {
                if !dir.join(file.get_ref()).is_file() {
                    let args = [("path", file.get_ref().clone().into())];
                    let message = t_with(self.lang, "content-missing-file", &args);
                    self.report(file.span(), &format!("{name}.files.{part}"), message);
                }
            }
        }
    }
}
