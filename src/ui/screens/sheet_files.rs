//! Importing a spreadsheet (members, or a quiz of the centre's own), step one: the CSV and
//! XLSX files found in the import folder and on USB sticks, one to choose. When there are
//! none, where to put one.

use std::path::PathBuf;

use super::quiz_check::QuizCheck;
use super::roster_check::RosterCheck;
use crate::i18n::{t, t_with};
use crate::staff_files::{import_folder, roster_files, roster_roots};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::view::{HelpTopic, View, ViewContext};
use leling_core::shown::safe_to_show;

/// What the spreadsheet brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::ui) enum SheetOf {
    Roster,
    Quiz,
}

impl SheetOf {
    fn title_id(self) -> &'static str {
        match self {
            SheetOf::Roster => "roster-files-title",
            SheetOf::Quiz => "quiz-files-title",
        }
    }

    fn none_id(self) -> &'static str {
        match self {
            SheetOf::Roster => "roster-files-none",
            SheetOf::Quiz => "quiz-files-none",
        }
    }

    fn help_id(self) -> &'static str {
        match self {
            SheetOf::Roster => "help-roster-import",
            SheetOf::Quiz => "help-quiz-import",
        }
    }
}

pub(in crate::ui) struct SheetFiles {
    list: ListState,
    of: SheetOf,
    files: Vec<PathBuf>,
    /// Where the kiosk looks first, told when nothing is found.
    folder: PathBuf,
}

impl SheetFiles {
    /// Reading club → 导入会员名单 or 导入知识问答. The import folder is made, so staff can
    /// find it.
    pub fn open(of: SheetOf, services: &Services) -> Intent {
        let folder = import_folder(services.data_dir);
        let _made = std::fs::create_dir_all(&folder);
        Intent::Open(Screen::of(SheetFiles {
            list: ListState::default(),
            of,
            files: roster_files(&roster_roots(services.data_dir)),
            folder,
        }))
    }
}

impl Component for SheetFiles {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club(self.of.help_id())
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        // A file's name comes from a stick anyone could have written: shown as plain text.
        let items = (self.files.iter())
            .map(|file| {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                let folder = file.parent().unwrap_or(file).display().to_string();
                let args = [
                    ("name", safe_to_show(&name).into()),
                    ("folder", safe_to_show(&folder).into()),
                ];
                t_with(lang, "roster-file-item", &args)
            })
            .collect();
        let body = if self.files.is_empty() {
            let folder = [("folder", self.folder.display().to_string().into())];
            vec![t_with(lang, self.of.none_id(), &folder)]
        } else {
            Vec::new()
        };
        View {
            body,
            ..View::menu(t(lang, self.of.title_id()), items, focus, lang)
        }
    }

    keeps_a_list!();

    fn paged_total(&self) -> Option<usize> {
        Some(self.files.len())
    }

    fn choose(&mut self, item: Option<usize>, services: &Services) -> Intent {
        match item.and_then(|i| self.files.get(i)) {
            Some(file) if self.of == SheetOf::Quiz => QuizCheck::open(file.clone(), services),
            Some(file) => RosterCheck::open(file.clone(), services),
            None => Intent::Stay,
        }
    }
}
