//! Lectures grouped by topic, each topic with how many lectures it has.

use super::lecture_list::LectureList;
use crate::catalog::Lecture;
use crate::i18n::t;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct LectureTopics {
    list: ListState,
    topics: Vec<(String, Vec<Lecture>)>,
}

impl LectureTopics {
    pub fn new(topics: Vec<(String, Vec<Lecture>)>) -> LectureTopics {
        LectureTopics {
            list: ListState::default(),
            topics,
        }
    }
}

impl Component for LectureTopics {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lectures
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.topics.iter())
            .map(|(topic, about)| {
                format!("{} ({})", t(lang, &format!("topic-{topic}")), about.len())
            })
            .collect();
        View::menu(t(lang, "lectures-by-topic"), items, focus, lang)
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.topics.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.topics.get(i)) {
            Some((topic, lectures)) => Intent::Open(Screen::of(LectureList::new(
                t(services.lang, &format!("topic-{topic}")),
                lectures.clone(),
            ))),
            None => Intent::Stay,
        }
    }
}
