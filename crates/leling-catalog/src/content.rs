//! The shapes of the content files, as serde reads them from TOML. Fields that the checker
//! must point at when they are wrong keep their place in the file (`Spanned`).

use serde::Deserialize;
pub use toml::Spanned;
use toml::value::Datetime;

/// Words written in both languages; neither may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
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

/// How many choices a question offers: one key each, and few enough to be heard and held.
pub const CHOICES: std::ops::RangeInclusive<usize> = 2..=4;

/// `quizzes/*.toml`: one quiz set (终身学习知多少), bundled or a centre's own.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSet {
    pub quiz: QuizInfo,
    #[serde(default)]
    pub question: Vec<QuizQuestion>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizInfo {
    pub id: Spanned<String>,
    pub title: Text,
    pub description: Text,
    /// What it is about: one of the quiz topics `leling content check` knows.
    pub topic: Spanned<String>,
    /// Right answers needed to pass.
    pub pass_mark: Spanned<usize>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizQuestion {
    pub question: Text,
    pub choices: Spanned<Vec<Text>>,
    /// The right choice, counted from 1.
    pub answer: Spanned<usize>,
    pub explanation: Text,
    /// The public source the answer rests on: kept in the file for whoever checks it, shown
    /// nowhere (health and scam questions must name one).
    pub source: Option<Spanned<String>>,
}

impl QuizSet {
    /// The set as a quiz file, as `quizzes/*.toml` holds one.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    pub fn id(&self) -> &str {
        self.quiz.id.get_ref()
    }

    /// Whether it can be taken: it has questions, each with two to four choices and the right
    /// one among them, and a pass mark it can reach (a file may come from anywhere).
    pub fn is_usable(&self) -> bool {
        let pass_mark = *self.quiz.pass_mark.get_ref();
        (1..=self.question.len()).contains(&pass_mark)
            && self.question.iter().all(|question| {
                let choices = question.choices.get_ref().len();
                CHOICES.contains(&choices) && (1..=choices).contains(question.answer.get_ref())
            })
    }

    /// Whether `right` answers pass it.
    pub fn passes(&self, right: usize) -> bool {
        right >= *self.quiz.pass_mark.get_ref()
    }
}

impl QuizQuestion {
    /// Whether the choice at `index` (from 0) is the right one.
    pub fn is_right(&self, index: usize) -> bool {
        index.checked_add(1) == Some(*self.answer.get_ref())
    }
}
