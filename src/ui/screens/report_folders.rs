//! Exporting the centre's report, step two: where it goes (this kiosk's import folder, or a
//! USB stick), then it is written there as an Excel workbook, the same file `leling report`
//! writes, and she is told its name and its figures.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::club::report_files::{ReportFormat, write_report};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::staff_files::{import_folder, report_folders};
use crate::ui::component::{Component, Intent, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};
use leling_core::shown::safe_to_show;

pub(in crate::ui) struct ReportFolders {
    list: ListState,
    from: NaiveDate,
    to: NaiveDate,
    folders: Vec<PathBuf>,
    /// The import folder, named as this kiosk's own.
    own: PathBuf,
}

impl ReportFolders {
    pub fn new(from: NaiveDate, to: NaiveDate, data_dir: &Path) -> ReportFolders {
        ReportFolders {
            list: ListState::default(),
            from,
            to,
            folders: report_folders(data_dir),
            own: import_folder(data_dir),
        }
    }
}

/// A month as a person says it: 2026年11月, November 2026.
pub(in crate::ui) fn month_name(day: NaiveDate, lang: Lang) -> String {
    let args = [("year", day.year().into()), ("month", day.month().into())];
    t_with(lang, "report-export-month", &args)
}

impl Component for ReportFolders {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-report-export")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let items = (self.folders.iter())
            .map(|folder| {
                let id = if *folder == self.own {
                    "report-folder-own"
                } else {
                    "report-folder-stick"
                };
                let shown = safe_to_show(&folder.display().to_string()).into_owned();
                t_with(lang, id, &[("folder", shown.into())])
            })
            .collect();
        let body = if self.folders.is_empty() {
            vec![t(lang, "report-folders-none")]
        } else {
            Vec::new()
        };
        View {
            body,
            ..View::menu(t(lang, "report-folders-title"), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.folders.len())
    }

    /// Written, then this screen and the month's give way and she hears where it went.
    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let Some(folder) = item.and_then(|i| self.folders.get(i)) else {
            return Intent::Stay;
        };
        let rules = &services.settings.credits;
        let report = match services
            .store
            .clubs()
            .report(self.from, self.to, None, rules)
        {
            Ok(report) => report,
            Err(e) => return Intent::Tell(e.message(lang)),
        };
        let month = [("month", self.from.format("%Y-%m").to_string().into())];
        let file = folder.join(t_with(lang, "report-file-name", &month));
        if let Err(e) = write_report(&report, ReportFormat::Xlsx, lang, &file) {
            return Intent::Tell(e.describe(lang));
        }
        let said = [
            ("file", file.display().to_string().into()),
            ("month", month_name(self.from, lang).into()),
            ("activities", report.totals.activities.into()),
            ("times", report.totals.person_times.into()),
        ];
        let told = Intent::Tell(t_with(lang, "report-exported", &said));
        Intent::Done(Box::new(Intent::Then(
            Box::new(Intent::Back),
            Box::new(told),
        )))
    }
}
