//! The lecture screens' actions: choosing lectures, a lecture's page, its QR code, the
//! learner's plan and record, and opening a lecture with the administrator's command.

use super::app::learner_key;
use super::pager::ListState;
use std::process::{Command, Stdio};

use chrono::Local;

use super::app::App;
use super::screens::{LectureAction, Screen};
use crate::catalog::{self, Lecture};
use crate::i18n::{Tell, t, t_with};

impl App {
    /// The Lectures menu: 0 this week, 1 by topic, 2 all.
    pub(super) fn open_lectures(&mut self, choice: usize) {
        let mut all = catalog::load_lectures(&catalog::bundled_dir());
        all.extend(catalog::remote_lectures::remote_lectures(&self.store).unwrap_or_default());
        all.sort_by_key(|lecture| lecture.starts());
        let lang = self.lang();
        let screen = match choice {
            0 => Screen::LectureList {
                list: ListState::default(),
                title: t(lang, "lectures-this-week"),
                lectures: catalog::this_week(&all, Local::now().fixed_offset()),
            },
            1 => Screen::LectureTopics {
                list: ListState::default(),
                topics: catalog::by_topic(&all),
            },
            _ => Screen::LectureList {
                list: ListState::default(),
                title: t(lang, "lectures-all"),
                lectures: all,
            },
        };
        self.push(screen);
    }

    pub(super) fn open_lecture(&mut self, lecture: Lecture) {
        let marks = self
            .store
            .lecture_marks(learner_key(&self.signed_in), lecture.id.get_ref())
            .unwrap_or_default();
        let can_open = !self.settings().open_command.is_empty();
        let actions = LectureAction::for_lecture(&lecture, can_open, Local::now().fixed_offset());
        self.push(Screen::LectureDetail {
            list: ListState::default(),
            lecture: Box::new(lecture),
            marks,
            actions,
        });
    }

    pub(super) fn lecture_action(&mut self, lecture: &Lecture, action: LectureAction) {
        let lang = self.lang();
        let id = lecture.id.get_ref();
        let title = lecture.title.get(lang).to_string();
        match action {
            LectureAction::ShowCode => {
                if let Some(url) = &lecture.url {
                    self.push(Screen::Qr {
                        title,
                        url: url.get_ref().clone(),
                    });
                }
            }
            LectureAction::RemindMe => {
                let starts = lecture.starts().map(|s| s.to_rfc3339());
                let place = super::screens::lecture_place(lecture, lang);
                let saved = self.store.plan_lecture(
                    learner_key(&self.signed_in),
                    id,
                    &title,
                    starts.as_deref(),
                    Some(place.as_str()),
                );
                self.after_record(saved, "lecture-planned-said");
            }
            LectureAction::Attended => {
                // A lecture with a time was attended when it took place; a recording, now.
                let when = lecture
                    .starts()
                    .unwrap_or_else(|| Local::now().fixed_offset());
                let saved = self.store.attend_lecture(
                    learner_key(&self.signed_in),
                    id,
                    &title,
                    &when.to_rfc3339(),
                );
                self.after_record(saved, "lecture-attended-said");
            }
            LectureAction::OpenHere => {
                if let Some(url) = &lecture.url {
                    let url = url.get_ref().clone();
                    self.open_with_command(&url);
                }
            }
        }
    }

    /// Tells what was recorded, and shows it on the page, only once it is saved.
    fn after_record(&mut self, saved: Result<(), crate::store::StoreError>, said: &str) {
        let lang = self.lang();
        match saved {
            Ok(()) => {
                if let Some(Screen::LectureDetail { lecture, marks, .. }) = self.stack.last_mut() {
                    *marks = self
                        .store
                        .lecture_marks(learner_key(&self.signed_in), lecture.id.get_ref())
                        .unwrap_or(*marks);
                }
                self.tell(t(lang, said));
            }
            Err(error) => self.tell(error.message(lang)),
        }
    }

    /// Runs the administrator's command with the address as its last argument, never through
    /// a shell, so an address cannot run anything else.
    fn open_with_command(&mut self, url: &str) {
        let lang = self.lang();
        let command = self.settings().open_command.clone();
        let Some((program, args)) = command.split_first() else {
            return;
        };
        let started = Command::new(program)
            .args(args)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let text = match started {
            Ok(mut child) => {
                // Reaped when it ends, so finished players leave nothing behind.
                std::thread::spawn(move || child.wait());
                t(lang, "lecture-opening")
            }
            Err(error) => t_with(
                lang,
                "lecture-open-failed",
                &[
                    ("command", program.clone().into()),
                    ("detail", crate::i18n::io_reason(&error, lang).into()),
                ],
            ),
        };
        self.tell(text);
    }
}
