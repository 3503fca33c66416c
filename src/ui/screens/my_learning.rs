//! The signed-in learner's own record (学习档案): what she is reading and has finished, her
//! minutes this month, sessions and lectures, and the lectures she asked to be reminded of. A
//! page that scrolls (at 40×12 it is taller than the window); Enter signs her out.

use crate::i18n::{Tell, t, t_with};
use crate::model::{Lang, LearningRecord};
use crate::store::Member;
use crate::ui::component::{Component, Intent, Screen, Services};
use crate::ui::view::{HelpTopic, View, ViewContext};
use leling_core::credits::{CreditKind, shown};

pub(in crate::ui) struct MyLearning {
    record: LearningRecord,
    scroll: usize,
}

impl MyLearning {
    /// The learner's record as it is today.
    pub fn open(member: &Member, services: &Services) -> Intent {
        let lang = services.lang;
        let today = chrono::Local::now().date_naive();
        let rules = &services.settings.credits;
        match services
            .store
            .clubs()
            .learning_record(&member.id, today, rules)
        {
            Ok(Some(record)) => Intent::Open(Screen::of(MyLearning { record, scroll: 0 })),
            Ok(None) => Intent::Tell(t(lang, "member-missing")),
            Err(e) => Intent::Tell(e.message(lang)),
        }
    }
}

impl Component for MyLearning {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-learning")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let name = [("name", self.record.name.clone().into())];
        View {
            title: t_with(lang, "learning-title", &name),
            body: learning_lines(&self.record, lang),
            hint: t(lang, "hint-learning"),
            scroll: self.scroll,
            ..View::default()
        }
    }

    fn scroll_mut(&mut self) -> Option<&mut usize> {
        Some(&mut self.scroll)
    }

    fn choose(&mut self, _item: Option<usize>, _services: &Services) -> Intent {
        Intent::Done(Box::new(Intent::SignOut))
    }
}

fn learning_lines(record: &LearningRecord, lang: Lang) -> Vec<String> {
    let list = |items: Vec<String>| {
        if items.is_empty() {
            t(lang, "learning-none")
        } else {
            items.join(&t(lang, "list-separator"))
        }
    };
    let mut lines = vec![
        t_with(
            lang,
            "learning-reading",
            &[(
                "books",
                list(
                    record
                        .in_progress
                        .iter()
                        .map(|b| format!("{} {}%", b.title, b.percent))
                        .collect(),
                )
                .into(),
            )],
        ),
        t_with(
            lang,
            "learning-finished",
            &[(
                "books",
                list(record.finished.iter().map(|b| b.title.clone()).collect()).into(),
            )],
        ),
        t_with(
            lang,
            "learning-minutes",
            &[("minutes", record.minutes_this_month.into())],
        ),
        t_with(
            lang,
            "learning-sessions",
            &[("count", record.sessions.len().into())],
        ),
        t_with(
            lang,
            "learning-lectures",
            &[("count", record.lectures.len().into())],
        ),
        t_with(
            lang,
            "learning-quizzes",
            &[
                ("count", record.quizzes.len().into()),
                (
                    "passed",
                    record.quizzes.iter().filter(|q| q.passed).count().into(),
                ),
            ],
        ),
    ];
    lines.push(credit_line(record, lang));
    lines.extend(plan_lines(record, lang));
    lines.push(t(lang, "learning-sign-out-how"));
    lines
}

/// Her credits: this year's, what earned them, and all her years'.
fn credit_line(record: &LearningRecord, lang: Lang) -> String {
    let credits = &record.credits;
    let earned: Vec<String> = (credits.this_year.iter())
        .map(|e| {
            let args = [("credits", shown(e.credits).into())];
            t_with(lang, credit_kind_id(e.kind), &args)
        })
        .collect();
    let args = [
        ("year", credits.year.into()),
        ("credits", shown(credits.year_total).into()),
        ("total", shown(credits.total).into()),
        (
            "earned",
            if earned.is_empty() {
                t(lang, "learning-none")
            } else {
                earned.join(&t(lang, "list-separator"))
            }
            .into(),
        ),
    ];
    t_with(lang, "learning-credits", &args)
}

/// The words for credits earned by one kind of activity.
fn credit_kind_id(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Sessions => "credits-from-sessions",
        CreditKind::Lectures => "credits-from-lectures",
        CreditKind::Reading => "credits-from-reading",
        CreditKind::Books => "credits-from-books",
        CreditKind::Quizzes => "credits-from-quizzes",
    }
}

/// The lectures she asked to be reminded of, soonest first, each with when and where.
fn plan_lines(record: &LearningRecord, lang: Lang) -> Vec<String> {
    if record.planned.is_empty() {
        return vec![t(lang, "learning-plan-none")];
    }
    record
        .planned
        .iter()
        .map(|plan| {
            let when = plan
                .starts_at
                .as_deref()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|start| crate::ui::screens::short_date(start, lang))
                .unwrap_or_default();
            let args = [
                ("when", when.into()),
                ("title", plan.title.clone().into()),
                ("place", plan.place.clone().unwrap_or_default().into()),
            ];
            t_with(lang, "learning-plan", &args)
        })
        .collect()
}
