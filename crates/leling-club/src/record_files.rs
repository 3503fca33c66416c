//! A learner's learning record, to print or to keep: as plain text (for a printer or the
//! terminal) and as one self-contained HTML page in large print.
//!
//! Both are drawn from one [`Page`], so they always say the same things in the same order.
//! A section with nothing in it says so in words, rather than vanishing and leaving the
//! learner to wonder whether it was forgotten.

mod html;
mod text;

use chrono::{Datelike, NaiveDate};
use leling_core::credits::{CreditKind, shown};

use super::{BookProgress, LearningRecord};
use leling_core::model::Lang;
use leling_i18n::{t, t_with};

pub use self::html::record_html;
pub use self::text::record_text;

/// What a record says, already in words, before it is laid out.
struct Page {
    /// "学习记录：王芳".
    title: String,
    /// "Library card: A001", "Made on 22 Nov 2026"…
    facts: Vec<String>,
    sections: Vec<Section>,
}

struct Section {
    heading: String,
    items: Vec<Item>,
    /// Said when `items` is empty.
    none: String,
}

struct Item {
    date: Option<String>,
    text: String,
}

impl Item {
    fn plain(text: String) -> Item {
        Item { date: None, text }
    }
}

fn page(record: &LearningRecord, lang: Lang) -> Page {
    let fact = |id: &str, name: &str, value: &str| t_with(lang, id, &[(name, value.into())]);
    let mut facts = Vec::new();
    if let Some(card) = &record.card {
        facts.push(fact("record-card", "card", card));
    }
    if let Some(centre) = &record.centre {
        facts.push(fact("record-centre", "centre", centre));
    }
    facts.push(fact("record-made-on", "date", &date(record.made_on, lang)));
    let books = |books: &[BookProgress], with_percent: bool| -> Vec<Item> {
        books
            .iter()
            .map(|book| {
                Item::plain(if with_percent {
                    t_with(
                        lang,
                        "record-book-percent",
                        &[
                            ("title", book.title.clone().into()),
                            ("percent", book.percent.min(100).into()),
                        ],
                    )
                } else {
                    book.title.clone()
                })
            })
            .collect()
    };
    let sessions = record
        .sessions
        .iter()
        .map(|session| Item {
            date: Some(date(session.date, lang)),
            text: match &session.reading {
                Some(reading) => t_with(
                    lang,
                    "record-session-reading",
                    &[
                        ("club", session.club.clone().into()),
                        ("reading", reading.clone().into()),
                    ],
                ),
                None => session.club.clone(),
            },
        })
        .collect();
    let lectures = record
        .lectures
        .iter()
        .map(|lecture| Item {
            date: Some(date(lecture.date, lang)),
            text: lecture.title.clone(),
        })
        .collect();
    let quizzes = record
        .quizzes
        .iter()
        .map(|quiz| Item {
            date: Some(date(quiz.finished_on, lang)),
            text: t_with(
                lang,
                if quiz.passed {
                    "record-quiz-passed"
                } else {
                    "record-quiz-taken"
                },
                &[
                    ("quiz", quiz.title.clone().into()),
                    ("right", quiz.right.into()),
                    ("asked", quiz.asked.into()),
                ],
            ),
        })
        .collect();
    let credits = &record.credits;
    let mut credit_items: Vec<Item> = (credits.this_year.iter())
        .map(|earned| {
            let id = match earned.kind {
                CreditKind::Sessions => "record-credits-sessions",
                CreditKind::Lectures => "record-credits-lectures",
                CreditKind::Reading => "record-credits-reading",
                CreditKind::Books => "record-credits-books",
                CreditKind::Quizzes => "record-credits-quizzes",
            };
            let args = [
                ("amount", earned.amount.into()),
                ("credits", shown(earned.credits).into()),
            ];
            Item::plain(t_with(lang, id, &args))
        })
        .collect();
    if credits.total > 0.0 {
        let args = [
            ("year", credits.year.into()),
            ("credits", shown(credits.year_total).into()),
            ("total", shown(credits.total).into()),
        ];
        credit_items.push(Item::plain(t_with(lang, "record-credits-total", &args)));
    }
    // No reading this month is said in words, like any other empty section.
    let minutes = (record.minutes_this_month > 0)
        .then(|| {
            Item::plain(t_with(
                lang,
                "record-minutes-amount",
                &[("minutes", record.minutes_this_month.into())],
            ))
        })
        .into_iter()
        .collect();
    Page {
        title: fact("record-title-of", "name", &record.name),
        facts,
        sections: vec![
            section(lang, "record-in-progress", books(&record.in_progress, true)),
            section(lang, "record-finished", books(&record.finished, false)),
            section(lang, "record-minutes", minutes),
            section(lang, "record-sessions", sessions),
            section(lang, "record-lectures", lectures),
            section(lang, "record-quizzes", quizzes),
            section(lang, "record-credits", credit_items),
        ],
    }
}

/// A section whose heading is the message `id` and whose empty sentence is `{id}-none`.
fn section(lang: Lang, id: &str, items: Vec<Item>) -> Section {
    Section {
        heading: t(lang, id),
        items,
        none: t(lang, &format!("{id}-none")),
    }
}

/// A date as people write it: "2026年9月3日", "3 Sep 2026".
fn date(date: NaiveDate, lang: Lang) -> String {
    t_with(
        lang,
        "record-date",
        &[
            ("year", date.year().into()),
            ("month", t(lang, &format!("month-{}", date.month())).into()),
            ("day", date.day().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LectureAttended, SessionAttended};
    use leling_core::credits::{CreditRules, Earning};
    use leling_core::model::QuizTaken;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn full_record() -> LearningRecord {
        LearningRecord {
            name: "王芳".into(),
            card: Some("A001".into()),
            centre: Some("幸福社区".into()),
            made_on: day(2026, 11, 22),
            in_progress: vec![BookProgress {
                title: "红楼梦".into(),
                percent: 35,
            }],
            finished: vec![BookProgress {
                title: "朝花夕拾".into(),
                percent: 100,
            }],
            minutes_this_month: 120,
            sessions: vec![
                SessionAttended {
                    date: day(2026, 11, 3),
                    club: "幸福读书会".into(),
                    reading: Some("《红楼梦》第三回".into()),
                },
                SessionAttended {
                    date: day(2026, 11, 10),
                    club: "幸福读书会".into(),
                    reading: None,
                },
            ],
            lectures: vec![LectureAttended {
                date: day(2026, 11, 12),
                title: "太极入门".into(),
            }],
            planned: Vec::new(),
            quizzes: vec![QuizTaken {
                title: "终身学习知多少".into(),
                asked: 10,
                right: 8,
                passed: true,
                finished_on: day(2026, 11, 20),
            }],
            credits: CreditRules::default().summary(
                &[
                    Earning {
                        day: day(2026, 11, 3),
                        kind: CreditKind::Sessions,
                        amount: 135,
                    },
                    Earning {
                        day: day(2026, 11, 20),
                        kind: CreditKind::Quizzes,
                        amount: 1,
                    },
                ],
                day(2026, 11, 22),
            ),
        }
    }

    fn empty_record() -> LearningRecord {
        LearningRecord {
            name: "Li Ming".into(),
            card: None,
            centre: None,
            made_on: day(2026, 11, 22),
            in_progress: Vec::new(),
            finished: Vec::new(),
            minutes_this_month: 0,
            sessions: Vec::new(),
            lectures: Vec::new(),
            planned: Vec::new(),
            quizzes: Vec::new(),
            credits: Default::default(),
        }
    }

    #[test]
    fn dates_are_written_as_people_write_them() {
        let day = day(2026, 9, 3);
        assert_eq!(date(day, Lang::Zh), "2026年9月3日");
        assert_eq!(date(day, Lang::En), "3 Sep 2026");
    }

    #[test]
    fn the_text_record_has_every_section_with_its_items() {
        let text = record_text(&full_record(), Lang::Zh);
        let expected = "\
学习记录：王芳
==============
借书证号：A001
学习中心：幸福社区
制作日期：2026年11月22日

正在读的书
----------
  • 红楼梦（已读 35%）

读完的书
--------
  • 朝花夕拾

本月阅读
--------
  • 120 分钟

参加的读书会活动
----------------
  • 2026年11月3日  幸福读书会：《红楼梦》第三回
  • 2026年11月10日  幸福读书会

听过的讲座
----------
  • 2026年11月12日  太极入门

做完的知识问答
--------------
  • 2026年11月20日  终身学习知多少：答对 8 题，共 10 题，通过

学时
----
  • 读书会活动 135 分钟：3 学时
  • 通过的知识问答 1 个：1 学时
  • 2026 年共 4 学时，累计 4 学时
";
        assert_eq!(text, expected);
    }

    #[test]
    fn empty_sections_say_so_in_words() {
        let text = record_text(&empty_record(), Lang::En);
        for said in [
            "Learning record: Li Ming",
            "Made on 22 Nov 2026",
            "No book in progress.",
            "No book finished yet.",
            "No reading recorded this month yet.",
            "No reading club session yet.",
            "No lecture yet.",
            "No quizzes finished yet.",
            "No credits yet.",
        ] {
            assert!(text.contains(said), "{said} in {text}");
        }
        assert!(!text.contains("Library card"));
        let html = record_html(&empty_record(), Lang::En);
        assert!(html.contains("<p class=\"none\">No lecture yet.</p>"));
        assert!(!html.contains("<ul>"));
    }

    #[test]
    fn the_html_page_is_large_print_in_the_learner_s_language_and_escapes_every_text() {
        let mut record = full_record();
        record.name = "<script>alert('x')</script> & Co".into();
        record.lectures[0].title = "Tea & <b>talk</b>".into();
        record.sessions[0].club = "\"Club\" <i>".into();
        let html = record_html(&record, Lang::Zh);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>") && !html.contains("<i>"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
        assert!(html.contains("Tea &amp; &lt;b&gt;talk&lt;/b&gt;"));
        assert!(html.contains("&quot;Club&quot; &lt;i&gt;"));
        assert!(html.contains("font-size: 1.5rem") && html.contains("@media print"));
        assert!(html.contains("<span class=\"date\">2026年11月10日</span>幸福读书会</li>"));
        assert!(record_html(&record, Lang::En).contains("<html lang=\"en\">"));
    }
}
