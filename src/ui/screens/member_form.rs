//! A member added, or her details changed, on the screens one question at a time: her name,
//! her card number and her phone. Only the name is needed; a card another member holds and a
//! phone that is no phone number are told and asked again. Changing, each question starts from
//! what she has now, so Enter keeps it.

use super::questions::Questions;
use crate::club::members::new_member;
use crate::club::roster::is_phone;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::{Member, NewMember};
use crate::ui::component::{Component, Intent, Services};
use crate::ui::view::{Entry, HelpTopic, View, ViewContext};

const QUESTIONS: [&str; 3] = ["member-form-name", "member-form-card", "member-form-phone"];

pub(in crate::ui) struct MemberForm {
    questions: Questions<{ QUESTIONS.len() }>,
    /// The member being changed; `None` for a new one.
    editing: Option<Member>,
}

impl MemberForm {
    pub fn new() -> MemberForm {
        MemberForm {
            questions: Questions::new(QUESTIONS, Default::default()),
            editing: None,
        }
    }

    pub fn editing(member: &Member) -> MemberForm {
        let answers = [
            member.name.clone(),
            member.card.clone().unwrap_or_default(),
            member.phone.clone().unwrap_or_default(),
        ];
        MemberForm {
            questions: Questions::new(QUESTIONS, answers),
            editing: Some(member.clone()),
        }
    }

    /// The member as answered, or what is wrong with the answer just given.
    fn member(&self, lang: Lang) -> Result<NewMember, String> {
        let answer = |step: usize| Some(self.questions.answer(step));
        let name = answer(0).unwrap_or_default();
        if name.is_empty() {
            return Err(t(lang, "member-name-missing"));
        }
        let card = answer(1).filter(|card| !card.is_empty());
        let phone = answer(2).filter(|phone| !phone.is_empty());
        if let Some(phone) = phone.as_deref().filter(|phone| !is_phone(phone)) {
            return Err(t_with(
                lang,
                "member-form-bad-phone",
                &[("phone", phone.into())],
            ));
        }
        let joined_on = match &self.editing {
            Some(member) => member.joined_on,
            None => chrono::Local::now().date_naive(),
        };
        Ok(NewMember {
            phone,
            ..new_member(&name, card.as_deref(), joined_on)
        })
    }
}

impl Component for MemberForm {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Club("help-members")
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        let title = if self.editing.is_some() {
            "member-form-edit-title"
        } else {
            "member-form-title"
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

    /// The answer is checked; then the next question, or after the last she is added (or her
    /// change saved) and the screens below learn of it. A card already held is told and asked
    /// again.
    fn choose(&mut self, _item: Option<usize>, services: &Services) -> Intent {
        let lang = services.lang;
        let member = match self.member(lang) {
            Ok(member) => member,
            Err(problem) => return Intent::Tell(problem),
        };
        if self.questions.next() {
            return Intent::Announce;
        }
        let clubs = services.store.clubs();
        let saved = match &self.editing {
            Some(before) => clubs.update_member(&before.id, &member),
            None => clubs.add_member(&member),
        };
        match saved {
            Ok(saved) => {
                let id = if self.editing.is_some() {
                    "member-form-updated"
                } else {
                    "member-added"
                };
                let said = t_with(lang, id, &[("name", saved.name.into())]);
                Intent::Done(Box::new(Intent::Changed(Box::new(Intent::Tell(said)))))
            }
            Err(e) => {
                // Back to the card, the answer that can be wrong here.
                self.questions.back_to(1);
                Intent::Tell(e.message(lang))
            }
        }
    }
}
