//! The checks of a quiz set (`quizzes/*.toml`): both languages everywhere, two to four
//! choices with the right one among them, a pass mark the set can reach, and a named public
//! source behind every health and scam answer (those answers tell older people what to do
//! about their health and their money).

use toml::Spanned;

use super::FileCheck;
use crate::content::{CHOICES, QuizSet};
use leling_i18n::t_with;

/// What a quiz set may be about.
const QUIZ_TOPICS: &[&str] = &[
    "lifelong-learning",
    "smartphone",
    "scams",
    "health",
    "reading",
];

/// Topics whose every answer must name its public source.
const TOPICS_NEEDING_SOURCES: &[&str] = &["health", "scams"];

impl FileCheck {
    pub(super) fn check_quiz(&mut self, set: &QuizSet) {
        let info = &set.quiz;
        self.check_file_id(&info.id, "quiz.id");
        self.check_text(&info.title, "quiz.title");
        self.check_text(&info.description, "quiz.description");
        let topic = info.topic.get_ref().as_str();
        if !QUIZ_TOPICS.contains(&topic) {
            let args = [
                ("term", topic.to_string().into()),
                ("allowed", QUIZ_TOPICS.join(", ").into()),
            ];
            let message = t_with(self.lang, "content-unknown-term", &args);
            self.report(info.topic.span(), "quiz.topic", message);
        }
        if set.question.is_empty() {
            self.say(info.id.span(), "question", "content-quiz-no-questions");
        }
        let pass_mark = *info.pass_mark.get_ref();
        if pass_mark == 0 || pass_mark > set.question.len().max(1) {
            let args = [("max", set.question.len().into())];
            let message = t_with(self.lang, "content-quiz-pass-mark", &args);
            self.report(info.pass_mark.span(), "quiz.pass_mark", message);
        }
        let needs_source = TOPICS_NEEDING_SOURCES.contains(&topic);
        for (index, question) in set.question.iter().enumerate() {
            let name = format!("question[{}]", index + 1);
            self.check_text(&question.question, &format!("{name}.question"));
            self.check_choices(&question.choices, &name);
            let answer = *question.answer.get_ref();
            if !(1..=question.choices.get_ref().len()).contains(&answer) {
                let args = [("max", question.choices.get_ref().len().into())];
                let message = t_with(self.lang, "content-quiz-answer", &args);
                self.report(question.answer.span(), &format!("{name}.answer"), message);
            }
            self.check_text(&question.explanation, &format!("{name}.explanation"));
            let named = (question.source.as_ref()).is_some_and(|s| !s.get_ref().trim().is_empty());
            if needs_source && !named {
                let span = match &question.source {
                    Some(source) => source.span(),
                    None => question.answer.span(),
                };
                self.say(span, &format!("{name}.source"), "content-quiz-needs-source");
            }
        }
    }

    fn check_choices(&mut self, choices: &Spanned<Vec<crate::content::Text>>, name: &str) {
        if !CHOICES.contains(&choices.get_ref().len()) {
            let args = [
                ("min", (*CHOICES.start()).into()),
                ("max", (*CHOICES.end()).into()),
            ];
            let message = t_with(self.lang, "content-term-count", &args);
            self.report(choices.span(), &format!("{name}.choices"), message);
        }
        for (at, choice) in choices.get_ref().iter().enumerate() {
            self.check_text(choice, &format!("{name}.choices[{}]", at + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::check_dir;
    use leling_core::model::Lang;

    /// A health set whose second question has one choice, an answer past its choices and no
    /// source; each is named by file, line and field.
    #[test]
    fn a_broken_quiz_is_reported_by_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("quizzes")).unwrap();
        let quiz = r#"[quiz]
id = "health"
title = { zh = "健康", en = "Health" }
description = { zh = "说明", en = "About" }
topic = "health"
pass_mark = 3

[[question]]
question = { zh = "问？", en = "Q?" }
choices = [{ zh = "是", en = "Yes" }, { zh = "否", en = "No" }]
answer = 1
explanation = { zh = "因为。", en = "Because." }
source = "国家卫生健康委员会"

[[question]]
question = { zh = "问？", en = "Q?" }
choices = [{ zh = "是", en = "" }]
answer = 2
explanation = { zh = "因为。", en = "Because." }
"#;
        std::fs::write(dir.path().join("quizzes/health.toml"), quiz).unwrap();
        let report = check_dir(dir.path(), Lang::En);
        let found: Vec<(usize, &str)> = (report.problems.iter())
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (6, "quiz.pass_mark"),
                (17, "question[2].choices"),
                (17, "question[2].choices[1].en"),
                (18, "question[2].answer"),
                (18, "question[2].source"),
            ],
            "{:#?}",
            report.problems
        );
    }
}
