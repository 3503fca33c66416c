//! Importing members, step two: what the roster holds, checked as `leling member import
//! --dry-run` checks it (each problem by its row), then import or cancel. Nothing is written
//! until she chooses to import; rows with problems are never imported.

use std::path::PathBuf;

use crate::club::roster::Roster;
use crate::i18n::{Tell, t, t_with};
use crate::staff_files::{check_roster_file, roster_member};
use crate::store::NewMember;
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};
use leling_core::shown::safe_to_show;

/// The problems listed on the screen; more are counted in one line, so that the choices stay
/// near the top of a small window (the volunteer fixes the file with its full list beside it).
const SHOWN_PROBLEMS: usize = 5;

/// A file's problems as its check screen lists them: the first few, each by its row, then how
/// many more (`described` gives them in order, `count` in all; only those shown are put in words).
pub(super) fn problem_lines(
    count: usize,
    described: impl Iterator<Item = String>,
    lang: crate::model::Lang,
) -> Vec<String> {
    let mut lines: Vec<String> = described.take(SHOWN_PROBLEMS).collect();
    if count > SHOWN_PROBLEMS {
        let more = [("count", (count - SHOWN_PROBLEMS).into())];
        lines.push(t_with(lang, "roster-check-more-problems", &more));
    }
    lines
}

pub(in crate::ui) struct RosterCheck {
    list: ListState,
    /// The file's name, as shown.
    name: String,
    roster: Roster,
    /// The rows without problems, as members.
    clean: Vec<NewMember>,
}

impl RosterCheck {
    pub fn open(file: PathBuf, services: &Services) -> Intent {
        let lang = services.lang;
        match check_roster_file(services.store, &file, lang) {
            Ok(roster) => {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                let clean = roster.clean_entries().map(roster_member).collect();
                Intent::Open(Screen::of(RosterCheck {
                    list: ListState::default(),
                    name: safe_to_show(&name).into_owned(),
                    roster,
                    clean,
                }))
            }
            Err(said) => Intent::Tell(said),
        }
    }

    /// What she may do: import (only the clean rows, when some have problems) and cancel.
    fn choices(&self, lang: crate::model::Lang) -> Vec<String> {
        let count = [("count", self.clean.len().into())];
        let import = match (self.clean.is_empty(), self.roster.problems.is_empty()) {
            (true, _) => None,
            (false, true) => Some(t_with(lang, "roster-check-import", &count)),
            (false, false) => Some(t_with(lang, "roster-check-import-clean", &count)),
        };
        import
            .into_iter()
            .chain([t(lang, "roster-check-cancel")])
            .collect()
    }
}

impl Component for RosterCheck {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-roster-import")
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let summary = [
            ("rows", self.roster.entries.len().into()),
            ("clean", self.clean.len().into()),
            ("problems", self.roster.problems.len().into()),
        ];
        let mut body = vec![t_with(lang, "import-summary", &summary)];
        body.extend(self.roster.ignored_columns_note(lang));
        let problems = &self.roster.problems;
        body.extend(problem_lines(
            problems.len(),
            problems.iter().map(|p| p.describe(lang)),
            lang,
        ));
        let title = t_with(
            lang,
            "roster-check-title",
            &[("name", self.name.clone().into())],
        );
        View {
            body,
            ..View::menu(title, self.choices(lang), focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        if self.clean.is_empty() { 1 } else { 2 }
    }

    /// Importing writes the clean rows in one transaction; then this screen and the file list
    /// give way to the club list, which says how many came in.
    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        match item {
            Some(0) if !self.clean.is_empty() => {
                match services.store.clubs().import_members(&self.clean) {
                    Ok(added) => {
                        let args = [
                            ("added", added.into()),
                            ("skipped", (self.roster.entries.len() - added).into()),
                        ];
                        let said = Intent::Tell(t_with(lang, "import-done", &args));
                        let back = Intent::Then(Box::new(Intent::Back), Box::new(said));
                        Intent::Done(Box::new(Intent::Changed(Box::new(back))))
                    }
                    Err(e) => Intent::Tell(e.message(lang)),
                }
            }
            Some(_) => Intent::Back,
            None => Intent::Stay,
        }
    }
}
