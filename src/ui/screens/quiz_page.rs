//! Taking a quiz (终身学习知多少): a question at a time, heard with all its answers, one number
//! key per answer, then whether it was right and why. No timer: every answer is kept as it is
//! given, so she may leave with Esc and go on later from the next question. At the end her
//! score, and for a signed-in learner the quiz goes into her record. Run with a club session,
//! the group answers by show of hands, the volunteer keys the answer, and the session keeps it.

use crate::catalog::{QuizQuestion, QuizSet};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::QuizScore;
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

/// Who answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::ui) enum Taker {
    /// The learner at the kiosk: signed in, or a guest.
    Learner,
    /// The group at the club session of this id.
    Session(String),
}

impl Taker {
    /// Whose answers so far these are.
    pub fn key(&self, services: &Services) -> String {
        match self {
            Taker::Learner => services.learner.to_string(),
            Taker::Session(id) => format!("session:{id}"),
        }
    }
}

pub(in crate::ui) struct QuizPage {
    list: ListState,
    taker: Taker,
    set: QuizSet,
    /// The choice made on each question answered so far (each from 0), in order.
    answers: Vec<usize>,
    stage: Stage,
    /// She came back to a quiz begun before: said with the first question shown.
    resumed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// The question after the last answered is asked.
    Asking,
    /// The last answer is told right or wrong, with its explanation.
    Answered,
    /// Every question is answered: her score.
    Finished(QuizScore),
}

impl QuizPage {
    /// The quiz, going on after `answers` already given (none for a new start). A quiz whose
    /// every question was answered before is scored at once.
    pub fn new(taker: Taker, set: QuizSet, answers: Vec<usize>, services: &Services) -> QuizPage {
        let resumed = !answers.is_empty();
        let mut page = QuizPage {
            list: ListState::default(),
            taker,
            set,
            answers,
            stage: Stage::Asking,
            resumed,
        };
        // Kept answers are this kiosk's own, but a set may have changed since: they count up to
        // the first that is no choice of its question.
        let fitting = (page.set.question.iter().zip(&page.answers))
            .take_while(|(question, choice)| **choice < question.choices.get_ref().len())
            .count();
        page.answers.truncate(fitting);
        if page.answers.len() == page.set.question.len() {
            page.finish(services);
        }
        page
    }

    fn question(&self) -> Option<&QuizQuestion> {
        let at = match self.stage {
            Stage::Asking => self.answers.len(),
            _ => self.answers.len().checked_sub(1)?,
        };
        self.set.question.get(at)
    }

    fn score(&self) -> QuizScore {
        let right = (self.set.question.iter().zip(&self.answers))
            .filter(|(question, choice)| question.is_right(**choice))
            .count();
        QuizScore {
            asked: self.set.question.len(),
            right,
            passed: self.set.passes(right),
        }
    }

    /// Scores the quiz and keeps the result: in her record when she is signed in, in the
    /// session's when run with one.
    fn finish(&mut self, services: &Services) -> Option<Intent> {
        let score = self.score();
        self.stage = Stage::Finished(score);
        self.list.focus = 0;
        let quizzes = services.store.quizzes();
        let key = self.taker.key(services);
        let quiz = (self.set.id(), self.set.quiz.title.get(services.lang));
        let kept = match &self.taker {
            Taker::Learner => {
                let member = services.signed_in.map(|member| member.id.as_str());
                quizzes.finish(&key, member, quiz, score).map(drop)
            }
            Taker::Session(id) => quizzes.finish_in_session(&key, id, quiz, score),
        };
        kept.err().map(|e| Intent::Tell(e.message(services.lang)))
    }

    /// Whether `choice` was right, in a word: the title of the answer's screen.
    fn verdict(question: &QuizQuestion, choice: usize, lang: Lang) -> String {
        t(
            lang,
            if question.is_right(choice) {
                "quiz-right"
            } else {
                "quiz-wrong"
            },
        )
    }

    /// What she is told after answering, under the verdict: the right answer when hers was
    /// not, then why.
    fn reason(question: &QuizQuestion, choice: usize, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        if !question.is_right(choice) {
            let answer = *question.answer.get_ref();
            let right = (answer.checked_sub(1))
                .and_then(|at| question.choices.get_ref().get(at))
                .map_or("", |c| c.get(lang));
            let args = [
                ("number", answer.into()),
                ("answer", right.to_string().into()),
            ];
            lines.push(t_with(lang, "quiz-right-answer", &args));
        }
        lines.push(question.explanation.get(lang).to_string());
        lines
    }

    fn title(&self, lang: Lang) -> String {
        let name = self.set.quiz.title.get(lang).to_string();
        let total = self.set.question.len();
        match (self.stage, self.question(), self.answers.last()) {
            (Stage::Finished(_), _, _) => {
                t_with(lang, "quiz-score-title", &[("quiz", name.into())])
            }
            // The verdict heads the screen, where it is seen whatever the window's size.
            (Stage::Answered, Some(question), Some(&choice)) => {
                let args = [
                    ("verdict", Self::verdict(question, choice, lang).into()),
                    ("number", self.answers.len().into()),
                    ("total", total.into()),
                ];
                t_with(lang, "quiz-answered-title", &args)
            }
            // Short, so that at the largest sizes the answers stay in the window: the quiz's
            // name was chosen on the screen before.
            _ => {
                let args = [
                    ("number", (self.answers.len() + 1).min(total).into()),
                    ("total", total.into()),
                ];
                t_with(lang, "quiz-question-title", &args)
            }
        }
    }

    fn score_lines(&self, score: QuizScore, cx: &ViewContext) -> Vec<String> {
        let lang = cx.lang;
        let args = [("right", score.right.into()), ("asked", score.asked.into())];
        let mut lines = vec![t_with(lang, "quiz-score", &args)];
        lines.push(if score.passed {
            t(lang, "quiz-passed")
        } else {
            let short = self
                .set
                .quiz
                .pass_mark
                .get_ref()
                .saturating_sub(score.right);
            t_with(lang, "quiz-not-passed", &[("short", short.into())])
        });
        lines.push(match (&self.taker, cx.signed_in) {
            (Taker::Session(_), _) => t(lang, "quiz-kept-in-session"),
            (Taker::Learner, Some(_)) => t(lang, "quiz-kept-in-record"),
            (Taker::Learner, None) => t(lang, "quiz-guest-not-kept"),
        });
        lines
    }
}

impl Component for QuizPage {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Quiz
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let title = self.title(lang);
        match (self.stage, self.question()) {
            (Stage::Finished(score), _) => {
                let items = vec![t(lang, "quiz-again"), t(lang, "quiz-done")];
                View {
                    body: self.score_lines(score, cx),
                    ..View::menu(title, items, focus, lang)
                }
            }
            (Stage::Asking, Some(question)) => {
                let mut body = Vec::new();
                if self.resumed {
                    body.push(t(lang, "quiz-resumed"));
                }
                body.push(question.question.get(lang).to_string());
                let choices = question.choices.get_ref();
                let hint = match self.taker {
                    Taker::Learner => "hint-quiz",
                    Taker::Session(_) => "hint-quiz-group",
                };
                View {
                    body,
                    hint: t(lang, hint),
                    all_choices_said: true,
                    ..View::menu(
                        title,
                        choices.iter().map(|c| c.get(lang).into()).collect(),
                        focus,
                        lang,
                    )
                }
            }
            (Stage::Answered, Some(question)) => {
                let choice = self.answers.last().copied().unwrap_or_default();
                let last = self.answers.len() == self.set.question.len();
                let next = t(lang, if last { "quiz-see-score" } else { "quiz-next" });
                View {
                    body: Self::reason(question, choice, lang),
                    ..View::menu(title, vec![next], focus, lang)
                }
            }
            (_, None) => View::menu(title, Vec::new(), None, lang),
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        match (self.stage, self.question()) {
            (Stage::Finished(_), _) => 2,
            (Stage::Asking, Some(question)) => question.choices.get_ref().len(),
            (Stage::Answered, _) => 1,
            _ => 0,
        }
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        match self.stage {
            Stage::Asking => {
                let (Some(choice), Some(question)) = (item, self.question()) else {
                    return Intent::Stay;
                };
                let mut said = vec![Self::verdict(question, choice, lang)];
                said.extend(Self::reason(question, choice, lang));
                said.push(t(lang, "quiz-next-how"));
                self.answers.push(choice);
                self.stage = Stage::Answered;
                self.resumed = false;
                self.list.focus = 0;
                let key = self.taker.key(services);
                let kept =
                    (services.store.quizzes()).keep_answers(&key, self.set.id(), &self.answers);
                if let Err(e) = kept {
                    return Intent::Tell(e.message(lang));
                }
                let said = Intent::Say(said.join(" "));
                // The list under this one says how far she got.
                Intent::Changed(Box::new(said))
            }
            Stage::Answered if self.answers.len() < self.set.question.len() => {
                self.stage = Stage::Asking;
                self.list.focus = 0;
                Intent::Announce
            }
            Stage::Answered => match self.finish(services) {
                Some(problem) => Intent::Then(Box::new(problem), Box::new(Intent::Announce)),
                None => Intent::Changed(Box::new(Intent::Announce)),
            },
            Stage::Finished(_) if item == Some(0) => {
                self.answers.clear();
                self.stage = Stage::Asking;
                self.list.focus = 0;
                Intent::Announce
            }
            Stage::Finished(_) => Intent::Back,
        }
    }
}
