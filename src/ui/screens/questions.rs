//! A form on a small screen: questions asked one at a time, each answer typed into one field
//! (said as typed) and checked before the next question; the title says which step of how
//! many. The club's and the member's forms are made of it.

use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::ui::view::View;

/// How long an answer may be typed, in characters.
const ANSWER_ROOM: usize = 100;

pub(in crate::ui) struct Questions<const N: usize> {
    /// The locale ids of the questions, in the order they are asked.
    asked: [&'static str; N],
    /// The question being answered.
    step: usize,
    answers: [String; N],
}

impl<const N: usize> Questions<N> {
    /// The questions, each starting from an answer (empty, or what is there now).
    pub fn new(asked: [&'static str; N], answers: [String; N]) -> Questions<N> {
        Questions {
            asked,
            step: 0,
            answers,
        }
    }

    /// The question being asked, titled by `title` (a locale id with `$step` and `$steps`).
    pub fn view(&self, title: &str, lang: Lang) -> View {
        let args = [("step", (self.step + 1).into()), ("steps", N.into())];
        View::field(
            t_with(lang, title, &args),
            vec![t(lang, self.asked[self.step])],
            &self.answers[self.step],
            lang,
        )
    }

    pub fn field(&mut self) -> (&mut String, usize) {
        (&mut self.answers[self.step], ANSWER_ROOM)
    }

    /// The answer being typed, as it is said.
    pub fn typed(&self) -> String {
        self.answers[self.step].clone()
    }

    /// The answer to question `step`, without the spaces around it.
    pub fn answer(&self, step: usize) -> String {
        self.answers[step].trim().to_owned()
    }

    /// Goes on to the next question; `false` when this was the last.
    pub fn next(&mut self) -> bool {
        if self.step + 1 < N {
            self.step += 1;
            true
        } else {
            false
        }
    }

    /// Asks question `step` again.
    pub fn back_to(&mut self, step: usize) {
        self.step = step.min(N - 1);
    }
}
