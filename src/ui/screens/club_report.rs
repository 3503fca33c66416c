//! The activity report for this year, for one club or all: per month the sessions (活动次数)
//! and person-times (人次), each with a bar scaled to the busiest month, then the totals. A
//! page that scrolls.

use chrono::Datelike;

use crate::i18n::{Tell, t, t_with};
use crate::model::{Lang, Report};
use crate::ui::component::{Component, Intent, Screen, Services};
use crate::ui::view::{HelpTopic, View, ViewContext};

pub(in crate::ui) struct ClubReport {
    report: Report,
    scroll: usize,
}

impl ClubReport {
    /// This year's report, for one club or all.
    pub fn open(club: Option<String>, services: &Services) -> Intent {
        let today = chrono::Local::now().date_naive();
        let from = today.with_ordinal(1).unwrap_or(today);
        let rules = &services.settings.credits;
        match services
            .store
            .clubs()
            .report(from, today, club.as_deref(), rules)
        {
            Ok(report) => Intent::Open(Screen::of(ClubReport { report, scroll: 0 })),
            Err(e) => Intent::Tell(e.message(services.lang)),
        }
    }
}

impl Component for ClubReport {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-reports")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let lang = cx.lang;
        let year = [("year", self.report.from.year().into())];
        View {
            title: t_with(lang, "reports-title", &year),
            body: report_lines(&self.report, lang),
            hint: t(lang, "hint-reports"),
            scroll: self.scroll,
            ..View::default()
        }
    }

    fn scroll_mut(&mut self) -> Option<&mut usize> {
        Some(&mut self.scroll)
    }
}

/// Widest bar of the month chart, in cells (fits a 40-column screen with its labels).
const BAR_CELLS: u64 = 16;

/// The report as lines to read and hear: per month the sessions and person-times, each with a
/// bar scaled to the busiest month, then the totals.
fn report_lines(report: &Report, lang: Lang) -> Vec<String> {
    if report.rows.is_empty() {
        return vec![t(lang, "reports-none")];
    }
    let mut months: Vec<(String, u64, u64)> = Vec::new();
    for row in &report.rows {
        match months.iter_mut().find(|(m, _, _)| *m == row.month) {
            Some(month) => {
                month.1 += row.counts.activities;
                month.2 += row.counts.person_times;
            }
            None => months.push((
                row.month.clone(),
                row.counts.activities,
                row.counts.person_times,
            )),
        }
    }
    months.sort();
    let most_sessions = months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    let most_times = months.iter().map(|m| m.2).max().unwrap_or(1).max(1);
    let bar = |n: u64, most: u64| "█".repeat(((n * BAR_CELLS).div_ceil(most)) as usize);
    let mut lines: Vec<String> = months
        .iter()
        .map(|(month, sessions, times)| {
            t_with(
                lang,
                "reports-month",
                &[
                    ("month", month.clone().into()),
                    ("sessions", (*sessions).into()),
                    ("times", (*times).into()),
                    ("sessionbar", bar(*sessions, most_sessions).into()),
                    ("timesbar", bar(*times, most_times).into()),
                ],
            )
        })
        .collect();
    let totals = report.totals;
    lines.push(t_with(
        lang,
        "reports-totals",
        &[
            ("sessions", totals.activities.into()),
            ("times", totals.person_times.into()),
            ("people", totals.participants.into()),
            ("new", totals.new_members.into()),
            ("minutes", totals.minutes_read.into()),
        ],
    ));
    lines
}
