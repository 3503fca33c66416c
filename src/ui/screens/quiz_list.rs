//! The quizzes (知识问答: 终身学习知多少 and the others): the bundled sets and the centre's own,
//! each with how many questions it has, or how far she (or the session's group) got in it.

use super::quiz_page::{QuizPage, Taker};
use crate::catalog::{self, QuizSet};
use crate::i18n::{Tell, t, t_with};
use crate::store::StoreError;
use crate::ui::component::{Component, Intent, Outcome, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct QuizList {
    list: ListState,
    taker: Taker,
    sets: Vec<QuizSet>,
    /// How many questions of each set she has answered, where she left one unfinished.
    answered: Vec<usize>,
}

impl QuizList {
    /// The quizzes, with how far this taker got in each. A guest's answers last while she stays
    /// among the quizzes: whoever comes to them next from the menu may be someone else.
    pub fn open(taker: Taker, services: &Services) -> Intent {
        if taker == Taker::Learner
            && services.signed_in.is_none()
            && let Err(e) = services.store.quizzes().forget_answers(services.learner)
        {
            return Intent::Tell(e.message(services.lang));
        }
        // The centre's own sets are in the data directory's `quizzes` folder.
        let sets = catalog::usable_quizzes(&[catalog::bundled_dir(), services.data_dir.into()]);
        match answered_in(&taker, &sets, services) {
            Ok(answered) => Intent::Open(Screen::of(QuizList {
                list: ListState::default(),
                taker,
                sets,
                answered,
            })),
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }
}

/// How many questions of each set she has answered so far.
fn answered_in(
    taker: &Taker,
    sets: &[QuizSet],
    services: &Services,
) -> Result<Vec<usize>, StoreError> {
    let quizzes = services.store.quizzes();
    let key = taker.key(services);
    (sets.iter())
        .map(|set| quizzes.answers_so_far(&key, set.id()))
        .map(|answers| answers.map(|a| a.len()))
        .collect()
}

impl Component for QuizList {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Quiz
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.sets.iter().zip(&self.answered))
            .map(|(set, &answered)| {
                let title = set.quiz.title.get(lang).to_string();
                let total = set.question.len();
                let args = [
                    ("quiz", title.into()),
                    ("total", total.into()),
                    ("next", (answered + 1).min(total).into()),
                ];
                let id = if answered > 0 {
                    "quiz-item-under-way"
                } else {
                    "quiz-item"
                };
                t_with(lang, id, &args)
            })
            .collect();
        View {
            body: empty_note(self.sets.is_empty(), lang, "quiz-none"),
            ..View::menu(t(lang, "quiz-list-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.sets.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let Some(set) = item.and_then(|i| self.sets.get(i)) else {
            return Intent::Stay;
        };
        let key = self.taker.key(services);
        match (services.store.quizzes()).answers_so_far(&key, set.id()) {
            Ok(answers) => {
                let page = QuizPage::new(self.taker.clone(), set.clone(), answers, services);
                Intent::Open(Screen::of(page))
            }
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }

    /// An answer was kept or a quiz finished: how far she got in each is read again.
    fn hear(&mut self, outcome: &Outcome, services: &Services) -> Option<Intent> {
        if let Outcome::Changed = outcome
            && let Ok(answered) = answered_in(&self.taker, &self.sets, services)
        {
            self.answered = answered;
        }
        None
    }
}
