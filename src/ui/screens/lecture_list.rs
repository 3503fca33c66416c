//! A list of lectures, each as when and what.

use super::lecture_detail::LectureDetail;
use crate::catalog::Lecture;
use crate::model::Lang;
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::screens::short_date;
use crate::ui::view::{HelpTopic, View, ViewContext, empty_note};

pub(in crate::ui) struct LectureList {
    list: ListState,
    title: String,
    lectures: Vec<Lecture>,
}

impl LectureList {
    pub fn new(title: String, lectures: Vec<Lecture>) -> LectureList {
        LectureList {
            list: ListState::default(),
            title,
            lectures,
        }
    }
}

/// A lecture as one line of a list: when, then what.
fn lecture_label(lecture: &Lecture, lang: Lang) -> String {
    match lecture.starts() {
        Some(start) => format!("{} · {}", short_date(start, lang), lecture.title.get(lang)),
        None => lecture.title.get(lang).to_string(),
    }
}

impl Component for LectureList {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lectures
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.lectures.iter())
            .map(|l| lecture_label(l, lang))
            .collect();
        View {
            body: empty_note(self.lectures.is_empty(), lang, "lectures-none"),
            ..View::menu(self.title.clone(), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.lectures.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.lectures.get(i)) {
            Some(lecture) => Intent::Open(LectureDetail::screen(lecture.clone(), services)),
            None => Intent::Stay,
        }
    }
}
