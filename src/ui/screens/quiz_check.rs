//! Adding a quiz of the centre's own, step two: what the spreadsheet holds, checked as `leling
//! quiz import --dry-run` checks it (each problem by its row), then add or cancel. Nothing is
//! written until she chooses to add; questions with problems are never added.

use std::path::PathBuf;

use super::roster_check::problem_lines;
use crate::club::quiz_sheet::QuizSheet;
use crate::i18n::{t, t_with};
use crate::own_quizzes::{keep_own_quiz, read_quiz_file, title_from_file};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct QuizCheck {
    list: ListState,
    /// The quiz's name as learners will see it: the file's, without its extension.
    title: String,
    sheet: QuizSheet,
}

impl QuizCheck {
    pub fn open(file: PathBuf, services: &Services) -> Intent {
        match read_quiz_file(&file, services.lang) {
            Ok(sheet) => Intent::Open(Screen::of(QuizCheck {
                list: ListState::default(),
                title: title_from_file(&file),
                sheet,
            })),
            Err(said) => Intent::Tell(said),
        }
    }

    /// What she may do: add (only the clean questions, when some have problems) and cancel.
    fn choices(&self, lang: crate::model::Lang) -> Vec<String> {
        let count = [("count", self.sheet.questions.len().into())];
        let add = match (
            self.sheet.questions.is_empty(),
            self.sheet.problems.is_empty(),
        ) {
            (true, _) => None,
            (false, true) => Some(t_with(lang, "quiz-check-add", &count)),
            (false, false) => Some(t_with(lang, "quiz-check-add-clean", &count)),
        };
        add.into_iter()
            .chain([t(lang, "roster-check-cancel")])
            .collect()
    }
}

impl Component for QuizCheck {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-quiz-import")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let summary = [
            ("clean", self.sheet.questions.len().into()),
            ("problems", self.sheet.problems.len().into()),
        ];
        let mut body = vec![t_with(lang, "quiz-import-summary", &summary)];
        let problems = &self.sheet.problems;
        body.extend(problem_lines(
            problems.len(),
            problems.iter().map(|p| p.describe(lang)),
            lang,
        ));
        let title = t_with(
            lang,
            "quiz-check-title",
            &[("quiz", self.title.clone().into())],
        );
        View {
            body,
            ..View::menu(title, self.choices(lang), focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        if self.sheet.questions.is_empty() {
            1
        } else {
            2
        }
    }

    /// Adding keeps the quiz beside the bundled ones; then this screen and the file list give
    /// way to the club list, which says so.
    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        match item {
            Some(0) if !self.sheet.questions.is_empty() => {
                let Some(set) = self.sheet.clone().into_set(&self.title) else {
                    return Intent::Back;
                };
                match keep_own_quiz(services.data_dir, &set, lang) {
                    Ok(_) => {
                        let args = [
                            ("quiz", self.title.clone().into()),
                            ("count", set.question.len().into()),
                        ];
                        let said = Intent::Tell(t_with(lang, "quiz-check-added", &args));
                        let back = Intent::Then(Box::new(Intent::Back), Box::new(said));
                        Intent::Done(Box::new(back))
                    }
                    Err(said) => Intent::Tell(said),
                }
            }
            Some(_) => Intent::Back,
            None => Intent::Stay,
        }
    }
}
