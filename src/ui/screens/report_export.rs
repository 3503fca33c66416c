//! Exporting the centre's report without a command line, step one: which month (last month,
//! which is what centres submit, or this month so far).

use chrono::{Datelike, Months, NaiveDate};

use super::report_folders::{ReportFolders, month_name};
use crate::i18n::{t, t_with};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct ReportExport {
    list: ListState,
    /// (first day, last day) of last month and of this month so far.
    periods: [(NaiveDate, NaiveDate); 2],
}

impl ReportExport {
    pub fn new(today: NaiveDate) -> ReportExport {
        let this_month = today.with_day(1).unwrap_or(today);
        let last_month = this_month
            .checked_sub_months(Months::new(1))
            .unwrap_or(this_month);
        let end_of_last = this_month.pred_opt().unwrap_or(this_month);
        ReportExport {
            list: ListState::default(),
            periods: [(last_month, end_of_last), (this_month, today)],
        }
    }
}

impl Component for ReportExport {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-report-export")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let [(last, _), (this, _)] = self.periods;
        let items = vec![
            t_with(
                lang,
                "report-export-last",
                &[("month", month_name(last, lang).into())],
            ),
            t_with(
                lang,
                "report-export-this",
                &[("month", month_name(this, lang).into())],
            ),
        ];
        View::menu(t(lang, "report-export-title"), items, focus, lang)
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        2
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.periods.get(i)) {
            Some(&(from, to)) => {
                Intent::Open(Screen::of(ReportFolders::new(from, to, services.data_dir)))
            }
            None => Intent::Stay,
        }
    }
}
