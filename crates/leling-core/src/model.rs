//! Plain data shared by every part of Leling. No I/O and no UI here.

use chrono::NaiveDate;

pub use crate::credits::CreditRules;
use serde::{Deserialize, Serialize};

/// The two languages Leling speaks and shows. Chinese comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "zh")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The short code used on the command line, in settings and in the speech log.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language a POSIX locale name such as `zh_CN.UTF-8` or `en_GB` asks for:
    /// any `zh*` is Chinese, everything else English.
    pub fn from_locale_name(name: &str) -> Lang {
        if name.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language the system locale asks for, read as POSIX does:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and not empty wins.
    pub fn from_system() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .map(|value| Lang::from_locale_name(&value))
            .unwrap_or(Lang::En)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh" | "zh-CN" | "zh_CN" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (use zh or en)")),
        }
    }
}

/// A place in a book: a chapter and a byte offset into that chapter's text. It does not depend
/// on the screen, so a change of width, zoom or window size keeps the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub chapter: usize,
    pub offset: usize,
}

/// The language a piece of text is in, judged by its script: Chinese when it holds any Han
/// character, English otherwise. Used to pick the voice for each utterance.
pub fn lang_of(text: &str) -> Lang {
    if text.chars().any(is_han) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Han ideographs: the unified blocks, extension A, compatibility forms and extensions B–G.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_languages() {
        assert_eq!(Lang::from_locale_name("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale_name("zh_TW"), Lang::Zh);
        assert_eq!(Lang::from_locale_name("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale_name("C"), Lang::En);
        assert_eq!(Lang::from_locale_name("fr_FR"), Lang::En);
    }

    #[test]
    fn han_characters_choose_the_chinese_voice() {
        assert_eq!(lang_of("书单"), Lang::Zh);
        assert_eq!(lang_of("1 書單 Books"), Lang::Zh);
        assert_eq!(lang_of("Books"), Lang::En);
        assert_eq!(lang_of("，。！"), Lang::En);
    }
}

// Reading clubs: what the store computes for reports and learning records.

/// One line of the activity report: one club at one venue in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub club: String,
    pub venue: String,
    /// `YYYY-MM`.
    pub month: String,
    pub counts: ReportCounts,
}

/// The figures a centre reports. In the totals row `participants` counts each person once
/// over the whole period, so it is not the sum of the rows above it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCounts {
    /// 活动次数: sessions held.
    pub activities: u64,
    /// 参加人次: check-ins.
    pub person_times: u64,
    /// Distinct people who checked in.
    pub participants: u64,
    /// People whose first check-in at this club falls in this month.
    pub new_members: u64,
    pub minutes_read: u64,
    /// 知识问答: quizzes run with the sessions (the group answering together).
    pub quizzes: u64,
    /// Check-ins to sessions whose length was not recorded: each counts as one credit's
    /// minutes in the credits column.
    pub untimed_check_ins: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The club asked for, when the report covers one club only.
    pub club: Option<String>,
    pub rows: Vec<ReportRow>,
    pub totals: ReportCounts,
    /// The centre's credit rules, by which the report's credits column is counted.
    pub rules: CreditRules,
}

/// A learner's learning record, as printed by `leling record` and shown under "My learning".
#[derive(Debug, Clone, PartialEq)]
pub struct LearningRecord {
    pub name: String,
    pub card: Option<String>,
    pub centre: Option<String>,
    pub made_on: NaiveDate,
    pub in_progress: Vec<BookProgress>,
    pub finished: Vec<BookProgress>,
    pub minutes_this_month: u64,
    pub sessions: Vec<SessionAttended>,
    pub lectures: Vec<LectureAttended>,
    /// Lectures the learner asked to be reminded of that are still to come, soonest first.
    pub planned: Vec<LecturePlanned>,
    /// The quizzes she finished, latest first.
    pub quizzes: Vec<QuizTaken>,
    /// Her credits under the centre's rules: this year's by what earned them, and in all.
    pub credits: crate::credits::CreditSummary,
}

/// A quiz a learner finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizTaken {
    pub title: String,
    pub asked: usize,
    pub right: usize,
    pub passed: bool,
    pub finished_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LecturePlanned {
    pub title: String,
    /// RFC 3339, when the lecture has a time.
    pub starts_at: Option<String>,
    /// Its venue, or that it is online, as the lecture's page said it.
    pub place: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookProgress {
    pub title: String,
    /// 0–100.
    pub percent: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionAttended {
    pub date: NaiveDate,
    pub club: String,
    /// The book (and chapter or pages) the session read, when recorded.
    pub reading: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LectureAttended {
    pub date: NaiveDate,
    pub title: String,
}
