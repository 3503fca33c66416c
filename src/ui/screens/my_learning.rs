//! The signed-in learner's own record (学习档案): what she is reading and has finished, her
//! minutes this month, sessions and lectures, and the lectures she asked to be reminded of. A
//! page that scrolls (at 40×12 it is taller than the window); Enter signs her out.

use crate::i18n::{Tell, t, t_with};
use crate::model::{Lang, LearningRecord};
use crate::store::Member;
use crate::ui::component::{Component, Intent, Screen, Services};
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct MyLearning {
    record: LearningRecord,
    scroll: usize,
}

impl MyLearning {
    /// The learner's record as it is today.
    pub fn open(member: &Member, services: &Services) -> Intent {
        let lang = services.lang;
        let today = chrono::Local::now().date_naive();
        match services.store.clubs().learning_record(&member.id, today) {
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
    lines.extend(plan_lines(record, lang));
    lines.push(t(lang, "learning-sign-out-how"));
    lines
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
