//! The Lectures menu: this week's, by topic, or all of them; and the quizzes.

use chrono::Local;

use super::lecture_list::LectureList;
use super::lecture_topics::LectureTopics;
use super::quiz_list::QuizList;
use super::quiz_page::Taker;
use crate::catalog::{self, Lecture};
use crate::i18n::t;
use crate::store::Store;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

#[derive(Default)]
pub(in crate::ui) struct LectureMenu {
    list: ListState,
}

/// Every lecture the kiosk knows, the bundled ones and those of remote catalogs, soonest
/// first (recordings, which have no time, first of all).
fn all_lectures(store: &Store) -> Vec<Lecture> {
    let mut all = catalog::load_lectures(&catalog::bundled_dir());
    all.extend(catalog::remote_lectures::remote_lectures(store).unwrap_or_default());
    all.sort_by_key(|lecture| lecture.starts());
    all
}

impl Component for LectureMenu {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Lectures
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = [
            "lectures-this-week",
            "lectures-by-topic",
            "lectures-all",
            "quiz-list-title",
        ];
        let items = items.iter().map(|id| t(lang, id)).collect();
        View::menu(t(lang, "home-lectures"), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        4
    }

    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        if self.list.focus == 3 {
            return QuizList::open(Taker::Learner, services);
        }
        let all = all_lectures(services.store);
        let lang = services.lang;
        Intent::Open(match self.list.focus {
            0 => Screen::of(LectureList::new(
                t(lang, "lectures-this-week"),
                catalog::this_week(&all, Local::now().fixed_offset()),
            )),
            1 => Screen::of(LectureTopics::new(catalog::by_topic(&all))),
            _ => Screen::of(LectureList::new(t(lang, "lectures-all"), all)),
        })
    }
}
