//! The shapes of the content files, as serde reads them from TOML. Fields that the checker
//! must point at when they are wrong keep their place in the file (`Spanned`).

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// Words written in both languages; neither may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: Spanned<String>,
    pub en: Spanned<String>,
}

impl Text {
    pub fn get(&self, lang: leling_core::model::Lang) -> &str {
        match lang {
            leling_core::model::Lang::Zh => self.zh.get_ref(),
            leling_core::model::Lang::En => self.en.get_ref(),
        }
    }
}

/// `lists/*.toml`: one recommended book list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookList {
    pub list: ListInfo,
    #[serde(default)]
    pub book: Vec<Book>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListInfo {
    pub id: Spanned<String>,
    pub title: Text,
    pub description: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    pub id: Spanned<String>,
    pub title: Text,
    pub author: Text,
    /// First publication; negative before the common era.
    pub year: Spanned<i32>,
    /// The language the book is written in: "zh" or "en".
    pub language: Spanned<String>,
    pub summary: Text,
    pub subjects: Spanned<Vec<Spanned<String>>>,
    /// A web page of a free edition.
    pub open_edition: Option<Spanned<String>>,
    /// A direct download of that edition's text, for "read now".
    pub text_url: Option<Spanned<String>>,
    /// Chinese Library Classification number, for finding it on a library shelf.
    pub call_number: Option<Spanned<String>>,
    #[serde(default)]
    pub large_print: bool,
    #[serde(default)]
    pub audio: bool,
}

/// `lectures/*.toml`: one lecture catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LectureCatalog {
    pub catalog: CatalogInfo,
    #[serde(default)]
    pub lecture: Vec<Lecture>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogInfo {
    pub id: Spanned<String>,
    pub title: Text,
    pub description: Text,
    /// The dates only show what a schedule looks like.
    #[serde(default)]
    pub example_schedule: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LectureFormat {
    Video,
    Audio,
    InPerson,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lecture {
    pub id: Spanned<String>,
    pub title: Text,
    pub speaker: Text,
    pub provider: Text,
    pub topics: Spanned<Vec<Spanned<String>>>,
    pub language: Spanned<String>,
    pub format: Spanned<LectureFormat>,
    pub duration_minutes: Spanned<u32>,
    pub url: Option<Spanned<String>>,
    pub venue: Option<Spanned<Text>>,
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
    pub description: Text,
    pub transcript_url: Option<Spanned<String>>,
}

impl Lecture {
    /// When it starts; `None` for a time without a UTC offset (the check reports those).
    pub fn starts(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        moment(self.start.get_ref())
    }

    pub fn ends(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        moment(self.end.get_ref())
    }
}

/// A TOML offset date-time as chrono reads it.
pub(crate) fn moment(when: &Datetime) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(&when.to_string()).ok()
}

/// `guides.toml`: the short guides, each a Markdown file per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guides {
    #[serde(default)]
    pub guide: Vec<Guide>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub id: Spanned<String>,
    pub title: Text,
    pub summary: Text,
    /// Paths relative to the content folder.
    pub files: Text,
}
