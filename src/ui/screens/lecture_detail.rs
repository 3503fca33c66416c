//! One lecture: when, where, who and what (read aloud on entering), and what the learner can
//! do: see its address as a QR code, be reminded, say she attended, open it on the kiosk.

use std::process::{Command, Stdio};

use chrono::{DateTime, FixedOffset, Local};

use super::qr_page::QrPage;
use crate::catalog::{Lecture, LectureFormat};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::{LectureMarks, StoreError};
use crate::ui::component::{Component, Intent, Screen, Services, keeps_a_list};
use crate::ui::pager::ListState;
use crate::ui::screens::short_date;
use crate::ui::view::{HelpTopic, View, ViewContext};

/// What can be done from a lecture's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LectureAction {
    ShowCode,
    RemindMe,
    Attended,
    OpenHere,
}

impl LectureAction {
    /// The choices a lecture's page offers at `now`: the code and "open here" only with a web
    /// address, "open here" only when the administrator has set a command for it, "I
    /// attended" only once it has begun (a recording with no time: always).
    fn for_lecture(lecture: &Lecture, can_open: bool, now: DateTime<FixedOffset>) -> Vec<Self> {
        let online = lecture.url.is_some();
        let begun = lecture.starts().is_none_or(|starts| starts <= now);
        [
            (LectureAction::ShowCode, online),
            (LectureAction::RemindMe, true),
            (LectureAction::Attended, begun),
            (LectureAction::OpenHere, online && can_open),
        ]
        .into_iter()
        .filter_map(|(action, offered)| offered.then_some(action))
        .collect()
    }

    fn label(self, lang: Lang, marks: LectureMarks) -> String {
        let id = match self {
            LectureAction::ShowCode => "lecture-show-code",
            LectureAction::RemindMe if marks.planned => "lecture-planned",
            LectureAction::RemindMe => "lecture-remind-me",
            LectureAction::Attended if marks.attended => "lecture-was-attended",
            LectureAction::Attended => "lecture-attended",
            LectureAction::OpenHere => "lecture-open-here",
        };
        t(lang, id)
    }
}

pub(in crate::ui) struct LectureDetail {
    list: ListState,
    lecture: Lecture,
    /// Whether this learner planned or attended it, as the store last said.
    marks: LectureMarks,
    actions: Vec<LectureAction>,
}

impl LectureDetail {
    /// The lecture's page, with what this learner has marked on it.
    pub fn screen(lecture: Lecture, services: &Services) -> Screen {
        let marks = (services.store)
            .lectures()
            .marks(services.learner, lecture.id.get_ref())
            .unwrap_or_default();
        let can_open = !services.settings.open_command.is_empty();
        let actions = LectureAction::for_lecture(&lecture, can_open, Local::now().fixed_offset());
        Screen::of(LectureDetail {
            list: ListState::default(),
            lecture,
            marks,
            actions,
        })
    }

    /// Tells what was recorded, and shows it on the page, only once it is saved.
    fn after_record(&mut self, saved: Result<(), StoreError>, said: &str, sv: &Services) -> Intent {
        match saved {
            Ok(()) => {
                let id = self.lecture.id.get_ref();
                self.marks = sv
                    .store
                    .lectures()
                    .marks(sv.learner, id)
                    .unwrap_or(self.marks);
                Intent::Tell(t(sv.lang, said))
            }
            Err(error) => Intent::Tell(error.message(sv.lang)),
        }
    }
}

/// A lecture in words, in the order a learner needs it, most important first (a small window
/// shows the top): when, where, who, what it is about; its address last, for the eye only
/// (the QR code carries it to a phone).
fn lecture_words(lecture: &Lecture, lang: Lang) -> Vec<String> {
    let mut body = Vec::new();
    if let (Some(start), Some(end)) = (lecture.starts(), lecture.ends()) {
        let args = [
            ("date", short_date(start, lang).into()),
            ("end", end.format("%H:%M").to_string().into()),
            ("minutes", (*lecture.duration_minutes.get_ref()).into()),
        ];
        body.push(t_with(lang, "lecture-when", &args));
    }
    body.push(lecture_place(lecture, lang));
    body.push(format!(
        "{} · {}",
        lecture.speaker.get(lang),
        lecture.provider.get(lang)
    ));
    body.push(lecture.description.get(lang).to_string());
    if let Some(url) = &lecture.url {
        body.push(url.get_ref().clone());
    }
    body
}

/// Where a lecture is: how it is followed, and its venue when it has one.
fn lecture_place(lecture: &Lecture, lang: Lang) -> String {
    let format = match lecture.format.get_ref() {
        LectureFormat::Video => "lecture-format-video",
        LectureFormat::Audio => "lecture-format-audio",
        LectureFormat::InPerson => "lecture-format-in-person",
    };
    match &lecture.venue {
        Some(venue) => format!("{} · {}", t(lang, format), venue.get_ref().get(lang)),
        None => t(lang, format),
    }
}

/// Runs the administrator's command with the address as its last argument, never through a
/// shell, so an address cannot run anything else; says whether it started.
fn open_with_command(command: &[String], url: &str, lang: Lang) -> Option<String> {
    let (program, args) = command.split_first()?;
    let started = Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    Some(match started {
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
    })
}

impl Component for LectureDetail {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::LectureDetail
    }

    fn view(&self, cx: &ViewContext, focus: Option<usize>) -> View {
        let lang = cx.lang;
        let title = self.lecture.title.get(lang).to_string();
        let items = (self.actions.iter())
            .map(|a| a.label(lang, self.marks))
            .collect();
        View {
            body: lecture_words(&self.lecture, lang),
            ..View::menu(title, items, focus, lang)
        }
    }

    keeps_a_list!();

    fn choice_count(&self) -> usize {
        self.actions.len()
    }

    fn choose(&mut self, item: Option<usize>, sv: &Services) -> Intent {
        let Some(&action) = item.and_then(|i| self.actions.get(i)) else {
            return Intent::Stay;
        };
        let lang = sv.lang;
        let lecture = &self.lecture;
        let id = lecture.id.get_ref();
        let title = lecture.title.get(lang).to_string();
        let url = lecture.url.as_ref().map(|url| url.get_ref().clone());
        match action {
            LectureAction::ShowCode => match url {
                Some(url) => Intent::Open(Screen::of(QrPage::new(title, url))),
                None => Intent::Stay,
            },
            LectureAction::RemindMe => {
                let starts = lecture.starts().map(|s| s.to_rfc3339());
                let place = lecture_place(lecture, lang);
                let saved = (sv.store).lectures().plan(
                    sv.learner,
                    id,
                    &title,
                    starts.as_deref(),
                    Some(&place),
                );
                self.after_record(saved, "lecture-planned-said", sv)
            }
            LectureAction::Attended => {
                // A lecture with a time was attended when it took place; a recording, now.
                let when = (lecture.starts()).unwrap_or_else(|| Local::now().fixed_offset());
                let saved =
                    (sv.store)
                        .lectures()
                        .attend(sv.learner, id, &title, &when.to_rfc3339());
                self.after_record(saved, "lecture-attended-said", sv)
            }
            LectureAction::OpenHere => url
                .and_then(|url| open_with_command(&sv.settings.open_command, &url, lang))
                .map_or(Intent::Stay, Intent::Tell),
        }
    }
}
