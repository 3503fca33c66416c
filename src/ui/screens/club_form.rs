//! A reading club set up, or changed, on the screens one question at a time: its name, where
//! it meets, on which day and at what time, and who leads it. Only the name is needed; each
//! answer is checked before the next question, and the club is added (or its change saved)
//! after the last. Changing a club, each question starts from what the club has now, so Enter
//! keeps it.

use super::questions::Questions;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::{Club, NewClub};
use crate::ui::component::{Component, Intent, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

/// The questions, in the order they are asked.
const QUESTIONS: [&str; 5] = [
    "club-form-name",
    "club-form-venue",
    "club-form-weekday",
    "club-form-time",
    "club-form-leader",
];

pub(in crate::ui) struct ClubForm {
    questions: Questions<{ QUESTIONS.len() }>,
    /// The club being changed; `None` for a new one.
    editing: Option<String>,
}

impl ClubForm {
    pub fn new() -> ClubForm {
        ClubForm {
            questions: Questions::new(QUESTIONS, Default::default()),
            editing: None,
        }
    }

    /// The questions with the club's answers now, to be kept or changed.
    pub fn editing(club: &Club, lang: Lang) -> ClubForm {
        let time = match (&club.usual_start, &club.usual_end) {
            (Some(start), Some(end)) => format!("{start}-{end}"),
            (Some(start), None) => start.clone(),
            _ => String::new(),
        };
        let day = club
            .usual_weekday
            .map(|day| t(lang, &format!("weekday-{day}")))
            .unwrap_or_default();
        let answers = [
            club.name.clone(),
            club.venue.clone(),
            day,
            time,
            club.facilitator.clone(),
        ];
        ClubForm {
            questions: Questions::new(QUESTIONS, answers),
            editing: Some(club.id.clone()),
        }
    }
}

impl Component for ClubForm {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-club")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let title = if self.editing.is_some() {
            "club-form-edit-title"
        } else {
            "club-form-title"
        };
        self.questions.view(title, cx.lang)
    }

    fn entry(&self) -> Entry {
        Entry::Text
    }

    fn field(&mut self) -> Option<(&mut String, usize)> {
        Some(self.questions.field())
    }

    fn field_said(&self, _lang: Lang) -> Option<String> {
        Some(self.questions.typed())
    }

    /// The answer is checked; then the next question is asked, or after the last the club is
    /// added (or changed) and the screens below learn of it.
    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let club = match self.club(lang) {
            Ok(club) => club,
            Err(problem) => return Intent::Tell(problem),
        };
        if self.questions.next() {
            return Intent::Announce;
        }
        let clubs = services.store.clubs();
        let (saved, id) = match &self.editing {
            Some(id) => (clubs.update_club(id, &club), "club-form-updated"),
            None => (clubs.add_club(&club), "club-form-added"),
        };
        match saved {
            Ok(saved) => {
                let said = t_with(lang, id, &[("club", saved.name.into())]);
                Intent::Done(Box::new(Intent::Changed(Box::new(Intent::Tell(said)))))
            }
            Err(e) => Intent::Tell(e.message(lang)),
        }
    }
}

impl ClubForm {
    /// The club as answered so far, or what is wrong with the answer just given.
    fn club(&self, lang: Lang) -> Result<NewClub, String> {
        let answer = |step: usize| self.questions.answer(step);
        let name = answer(0);
        if name.is_empty() {
            return Err(t(lang, "club-form-name-missing"));
        }
        let weekday = weekday(&answer(2), lang).ok_or_else(|| {
            t_with(
                lang,
                "club-form-weekday-wrong",
                &[("typed", answer(2).into())],
            )
        })?;
        let (start, end) = times(&answer(3))
            .ok_or_else(|| t_with(lang, "club-form-time-wrong", &[("typed", answer(3).into())]))?;
        Ok(NewClub {
            name,
            venue: answer(1),
            usual_weekday: weekday,
            usual_start: start,
            usual_end: end,
            facilitator: answer(4),
        })
    }
}

/// The day typed as a number (1 for Monday to 7 for Sunday) or by its name (周六, Sat);
/// `Some(None)` when nothing was typed, `None` when it is no day.
fn weekday(typed: &str, lang: Lang) -> Option<Option<u8>> {
    if typed.is_empty() {
        return Some(None);
    }
    (1..=7u8)
        .find(|day| {
            typed == day.to_string()
                || typed.eq_ignore_ascii_case(&t(lang, &format!("weekday-{day}")))
        })
        .map(Some)
}

/// The time typed as a start ("09:30") or a start and end ("09:30-11:00", "9:30 至 11:00"),
/// each as HH:MM; `None` when it is not, or the end is not after the start.
fn times(typed: &str) -> Option<(Option<String>, Option<String>)> {
    let parts: Vec<&str> = typed
        .split(['-', '–', '~', '至', ' '])
        .filter(|part| !part.is_empty())
        .collect();
    let time = |text: &str| chrono::NaiveTime::parse_from_str(text, "%H:%M").ok();
    match parts.as_slice() {
        [] => Some((None, None)),
        [start] => Some((Some(time(start)?.format("%H:%M").to_string()), None)),
        [start, end] => {
            let (start, end) = (time(start)?, time(end)?);
            (end > start).then(|| {
                let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
                (Some(hm(start)), Some(hm(end)))
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_a_start_or_a_start_and_a_later_end() {
        let both = |a: &str, b: &str| Some((Some(a.to_owned()), Some(b.to_owned())));
        assert_eq!(times(""), Some((None, None)));
        assert_eq!(times("9:30"), Some((Some("09:30".to_owned()), None)));
        assert_eq!(times("09:30-11:00"), both("09:30", "11:00"));
        assert_eq!(times("9:30 至 11:00"), both("09:30", "11:00"));
        assert_eq!(times("11:00-09:30"), None);
        assert_eq!(times("上午"), None);
    }

    #[test]
    fn a_day_is_a_number_or_its_name() {
        assert_eq!(weekday("", Lang::Zh), Some(None));
        assert_eq!(weekday("6", Lang::Zh), Some(Some(6)));
        assert_eq!(weekday("周六", Lang::Zh), Some(Some(6)));
        assert_eq!(weekday("sat", Lang::En), Some(Some(6)));
        assert_eq!(weekday("9", Lang::Zh), None);
    }
}
