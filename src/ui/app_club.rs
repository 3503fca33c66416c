//! What the reading-club screens do: pick a club, start today's session, check people in
//! (each check-in committed before it is said), undo, add a newcomer, end the session, see
//! the report; and a learner's sign-in and "My learning".

use super::pager::ListState;
use chrono::Datelike;
use leling_i18n::Tell;

use super::app::App;
use super::club_screens::{CheckInDesk, ClubScreen, DESK_CHOICES, DeskChoice, SignIn};
use super::screens::Screen;
use crate::admin::PinError;
use crate::club::members::{MemberIndex, new_member};
use crate::i18n::{t, t_with};
use crate::learner_pin;
use crate::store::{CheckIn, Club, Member, NewSession};

impl App {
    /// Home → Reading club (behind the PIN in kiosk mode, checked before this is called).
    pub(super) fn open_reading_club(&mut self) {
        match self.store.clubs() {
            Ok(clubs) => self.push(Screen::Club(Box::new(ClubScreen::Clubs {
                list: ListState::default(),
                clubs,
            }))),
            Err(e) => self.tell(e.message(self.lang())),
        }
    }

    /// Home → My learning: the record of whoever is signed in, or the sign-in screen.
    pub(super) fn open_my_learning(&mut self) {
        if let Some(member) = self.signed_in.clone() {
            self.show_learning(&member);
            return;
        }
        self.push(Screen::Club(Box::new(ClubScreen::SignIn(Box::new(
            SignIn {
                card: String::new(),
            },
        )))));
    }

    /// Enter on the sign-in screen: her whole card number, nothing less. Whether a card is
    /// unknown or belongs to someone, nothing about anyone else is said.
    fn sign_in_with_card(&mut self, card: &str) {
        let lang = self.lang();
        let card = card.trim();
        if card.is_empty() {
            return self.say(t(lang, "sign-in-body"));
        }
        let member = match self.store.member_by_card(card) {
            Ok(Some(member)) => member,
            Ok(None) => {
                self.clear_sign_in_field();
                return self.tell(t(lang, "sign-in-unknown-card"));
            }
            Err(e) => return self.tell(e.message(lang)),
        };
        match learner_pin::is_set(&self.store, &member) {
            Ok(true) => {
                self.stack.pop();
                self.push(Screen::Club(Box::new(ClubScreen::SignInPin {
                    member,
                    digits: String::new(),
                })));
            }
            Ok(false) => self.signed_in_as(member),
            Err(e) => self.tell(pin_problem(&e, lang)),
        }
    }

    /// Enter on the PIN screen.
    fn sign_in_with_pin(&mut self, member: Member, pin: &str) {
        let lang = self.lang();
        match learner_pin::verify(&self.store, &member, pin, crate::admin::now_unix()) {
            Ok(()) => self.signed_in_as(member),
            Err(e) => {
                self.clear_sign_in_field();
                self.tell(pin_problem(&e, lang));
            }
        }
    }

    fn signed_in_as(&mut self, member: Member) {
        let lang = self.lang();
        self.stack.pop();
        let text = t_with(lang, "signed-in", &[("name", member.name.clone().into())]);
        self.signed_in = Some(member.clone());
        self.show_learning(&member);
        self.say(text);
    }

    fn clear_sign_in_field(&mut self) {
        if let Screen::Club(club) = self.screen_mut()
            && let Some(text) = club.text_mut()
        {
            text.clear();
        }
    }

    fn show_learning(&mut self, member: &Member) {
        let today = chrono::Local::now().date_naive();
        match self.store.learning_record(&member.id, today) {
            Ok(Some(record)) => self.push(Screen::Club(Box::new(ClubScreen::MyLearning {
                record,
                scroll: 0,
            }))),
            Ok(None) => self.tell(t(self.lang(), "member-missing")),
            Err(e) => self.tell(e.message(self.lang())),
        }
    }

    /// Forgets who is signed in (on request, or when a kiosk has been idle).
    pub(super) fn sign_out(&mut self) {
        if let Some(member) = self.signed_in.take() {
            let text = t_with(self.lang(), "signed-out", &[("name", member.name.into())]);
            self.show_status(text.clone());
            self.say(text);
        }
    }

    /// After a key typed into a club screen's field: look people up and say what was found.
    pub(super) fn club_typed(&mut self) {
        let lang = self.lang();
        let Screen::Club(club) = self.screen_mut() else {
            return;
        };
        club.refresh_matches();
        let said = match club.as_ref() {
            ClubScreen::CheckIn(desk) => typed_and_found(&desk.typed, &desk.matches, lang),
            // Her card as she types it; a PIN is never said (someone may be listening).
            ClubScreen::SignIn(s) => s.card.clone(),
            ClubScreen::SignInPin { .. } => String::new(),
            other => {
                let mut other_text = String::new();
                if let ClubScreen::StartSession { reading: text, .. }
                | ClubScreen::QuickAdd { name: text }
                | ClubScreen::EndSession { notes: text } = other
                {
                    other_text = text.clone();
                }
                other_text
            }
        };
        self.say(said);
    }

    /// Enter on a club screen, on the choice of this index (on the list of clubs, the club
    /// of this index; its page choices are taken by `App::open`).
    pub(super) fn club_open(&mut self, focus: Option<usize>) {
        let lang = self.lang();
        let Screen::Club(screen) = self.screen() else {
            return;
        };
        match screen.as_ref() {
            ClubScreen::Clubs { clubs, .. } => {
                if let Some(club) = focus.and_then(|i| clubs.get(i)) {
                    let club = club.clone();
                    self.open_club(club);
                }
            }
            ClubScreen::ClubMenu { club, today, .. } => match (focus, today) {
                (Some(0), Some(session)) => {
                    let session = session.clone();
                    self.open_desk(session);
                }
                (Some(0), None) => {
                    let club = club.clone();
                    self.push(Screen::Club(Box::new(ClubScreen::StartSession {
                        club,
                        reading: String::new(),
                    })));
                }
                _ => {
                    let club = club.name.clone();
                    self.open_reports(Some(club));
                }
            },
            ClubScreen::StartSession { club, reading } => {
                let reading = Some(reading.trim().to_owned()).filter(|r| !r.is_empty());
                let new = NewSession {
                    reading,
                    ..NewSession::default()
                };
                match self.store.start_session(club, &new) {
                    Ok(session) => {
                        self.stack.pop();
                        self.refresh_club_menu();
                        self.open_desk(session);
                    }
                    Err(e) => self.tell(e.message(lang)),
                }
            }
            ClubScreen::CheckIn(desk) => {
                let typed = desk.typed.trim().to_owned();
                // An exact card, the only match, or the name the volunteer moved to; a
                // partial card or initials that fit several people never pick the first.
                let exact = desk
                    .matches
                    .iter()
                    .find(|m| m.card.as_deref() == Some(typed.as_str()));
                let chosen = match (exact, desk.matches.as_slice()) {
                    (Some(member), _) => Some(member),
                    (None, [only]) => Some(only),
                    (None, _) if desk.chosen => focus.and_then(|i| desk.matches.get(i)),
                    (None, _) => None,
                };
                let (chosen, found) = (chosen.cloned(), desk.matches.len());
                match chosen {
                    Some(member) => self.check_in(member),
                    None if typed.is_empty() => {
                        let last = desk.last.as_ref().map(|m| m.name.clone());
                        self.push(Screen::Club(Box::new(ClubScreen::DeskMenu {
                            list: ListState::default(),
                            last,
                        })));
                    }
                    None if found == 0 => {
                        let text = t_with(lang, "checkin-not-found", &[("typed", typed.into())]);
                        self.tell(text);
                    }
                    None => self.say(t_with(lang, "checkin-choose", &[("count", found.into())])),
                }
            }
            ClubScreen::DeskMenu { .. } => {
                if let Some(&choice) = focus.and_then(|i| DESK_CHOICES.get(i)) {
                    self.stack.pop();
                    self.desk_choice(choice);
                }
            }
            ClubScreen::QuickAdd { name } => {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    self.tell(t(lang, "member-name-missing"));
                } else {
                    self.quick_add(name);
                }
            }
            ClubScreen::EndSession { notes } => {
                let notes = notes.trim().to_owned();
                self.end_session(&notes);
            }
            ClubScreen::SignIn(sign_in) => {
                let card = sign_in.card.clone();
                self.sign_in_with_card(&card);
            }
            ClubScreen::SignInPin { member, digits } => {
                let (member, pin) = (member.clone(), digits.clone());
                self.sign_in_with_pin(member, &pin);
            }
            ClubScreen::MyLearning { .. } => {
                self.stack.pop();
                self.sign_out();
            }
            ClubScreen::Reports { .. } => {}
        }
    }

    fn open_club(&mut self, club: Club) {
        let today = chrono::Local::now().date_naive();
        match self.store.open_session(&club.id, today) {
            Ok(today) => self.push(Screen::Club(Box::new(ClubScreen::ClubMenu {
                list: ListState::default(),
                club,
                today,
            }))),
            Err(e) => self.tell(e.message(self.lang())),
        }
    }

    /// The club menu under the top screen learns that today's session started or ended.
    fn refresh_club_menu(&mut self) {
        let today = chrono::Local::now().date_naive();
        let store = &self.store;
        for screen in self.stack.iter_mut().rev() {
            if let Screen::Club(club) = screen
                && let ClubScreen::ClubMenu {
                    club, today: open, ..
                } = club.as_mut()
            {
                *open = store.open_session(&club.id, today).ok().flatten();
                return;
            }
        }
    }

    fn open_desk(&mut self, session: crate::store::ClubSession) {
        let lang = self.lang();
        let (members, count) = match (
            self.store.members(),
            self.store.checked_in_count(&session.id),
        ) {
            (Ok(members), Ok(count)) => (members, count),
            (Err(e), _) | (_, Err(e)) => return self.tell(e.message(lang)),
        };
        self.push(Screen::Club(Box::new(ClubScreen::CheckIn(Box::new(
            CheckInDesk {
                session,
                members: MemberIndex::new(members),
                typed: String::new(),
                matches: Vec::new(),
                list: ListState::default(),
                count,
                last: None,
                chosen: false,
                said: None,
            },
        )))));
    }

    fn desk(&mut self) -> Option<&mut CheckInDesk> {
        self.stack.iter_mut().rev().find_map(|screen| match screen {
            Screen::Club(club) => match club.as_mut() {
                ClubScreen::CheckIn(desk) => Some(desk.as_mut()),
                _ => None,
            },
            _ => None,
        })
    }

    /// Checks the person in; it is shown and said only once the store has committed it.
    fn check_in(&mut self, member: Member) {
        let lang = self.lang();
        let Some(session_id) = self.desk().map(|d| d.session.id.clone()) else {
            return;
        };
        let outcome = self.store.check_in(&session_id, &member.id);
        let count = self.store.checked_in_count(&session_id);
        let Some(desk) = self.desk() else { return };
        let said = match (outcome, count) {
            (Ok(outcome), Ok(count)) => {
                desk.count = count;
                if matches!(outcome, CheckIn::Done { .. }) {
                    desk.last = Some(member.clone());
                }
                crate::club::check_in_said(&member.name, outcome, lang)
            }
            (Err(e), _) => e.message(lang),
            (_, Err(e)) => e.message(lang),
        };
        desk.typed.clear();
        desk.matches.clear();
        desk.list = ListState::default();
        desk.said = Some(said.clone());
        self.say(said);
    }

    fn desk_choice(&mut self, choice: DeskChoice) {
        let lang = self.lang();
        match choice {
            DeskChoice::Undo => {
                let Some(desk) = self.desk() else { return };
                let (session_id, last) = (desk.session.id.clone(), desk.last.take());
                let Some(member) = last else {
                    return self.tell(t(lang, "desk-undo-nothing-said"));
                };
                let undone = self.store.undo_check_in(&session_id, &member.id);
                let count = self.store.checked_in_count(&session_id).unwrap_or(0);
                let said = match undone {
                    Ok(_) => t_with(lang, "checkin-undone", &[("name", member.name.into())]),
                    Err(e) => e.message(lang),
                };
                if let Some(desk) = self.desk() {
                    desk.count = count;
                    desk.said = Some(said.clone());
                }
                self.say(said);
            }
            DeskChoice::AddMember => self.push(Screen::Club(Box::new(ClubScreen::QuickAdd {
                name: String::new(),
            }))),
            DeskChoice::End => self.push(Screen::Club(Box::new(ClubScreen::EndSession {
                notes: String::new(),
            }))),
            DeskChoice::Back => self.announce_screen(),
        }
    }

    /// A newcomer by name alone: added to the members, then checked in.
    fn quick_add(&mut self, name: String) {
        let member = new_member(&name, None, chrono::Local::now().date_naive());
        match self.store.add_member(&member) {
            Ok(added) => {
                self.stack.pop();
                if let Some(desk) = self.desk() {
                    desk.members.add(added.clone());
                }
                // The check-in says what happened; the desk's earlier message is not repeated.
                self.check_in(added);
            }
            Err(e) => self.tell(e.message(self.lang())),
        }
    }

    fn end_session(&mut self, notes: &str) {
        let lang = self.lang();
        let Some(session_id) = self.desk().map(|d| d.session.id.clone()) else {
            return;
        };
        match self.store.end_session(&session_id, notes) {
            Ok(ended) => {
                let count = self.store.checked_in_count(&session_id).unwrap_or(0);
                // Leave the notes field and the desk: back to the club's menu.
                self.stack.pop();
                self.stack.pop();
                self.refresh_club_menu();
                let text = t_with(
                    lang,
                    "session-ended",
                    &[("club", ended.club_name.into()), ("count", count.into())],
                );
                let screen = self.screen_announcement();
                self.show_status(text.clone());
                self.say(format!("{text} {screen}"));
            }
            Err(e) => self.tell(e.message(lang)),
        }
    }

    /// This year's activity report, for one club or all.
    fn open_reports(&mut self, club: Option<String>) {
        let today = chrono::Local::now().date_naive();
        let from = today.with_ordinal(1).unwrap_or(today);
        match self.store.report(from, today, club.as_deref()) {
            Ok(report) => self.push(Screen::Club(Box::new(ClubScreen::Reports {
                report,
                scroll: 0,
            }))),
            Err(e) => self.tell(e.message(self.lang())),
        }
    }
}

/// What is said as a name or card is typed at the desk: the text, and the one match or how
/// many match.
fn typed_and_found(typed: &str, matches: &[Member], lang: crate::model::Lang) -> String {
    match matches {
        [only] => format!("{typed}: {}", only.name),
        [] if typed.is_empty() => String::new(),
        [] => t_with(lang, "checkin-not-found", &[("typed", typed.into())]),
        several => t_with(
            lang,
            "checkin-several",
            &[("typed", typed.into()), ("count", several.len().into())],
        ),
    }
}

/// A PIN problem in words: wrong, or wait (the number of seconds).
fn pin_problem(problem: &PinError, lang: crate::model::Lang) -> String {
    match problem {
        PinError::Wait(seconds) => t_with(lang, "pin-wait", &[("seconds", (*seconds).into())]),
        PinError::Store(e) => e.message(lang),
        PinError::Wrong | PinError::NotSet | PinError::BadShape => t(lang, "sign-in-pin-wrong"),
    }
}
