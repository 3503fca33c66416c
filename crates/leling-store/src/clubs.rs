//! Reading clubs: the centre, its clubs, members, sessions and attendance.
//!
//! Every check-in is its own committed transaction, and callers announce it only after this
//! returns: a power cut can lose the check-in being typed, never one already announced.

use chrono::NaiveDate;
use leling_core::message::{Describe, Message};
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError};
pub use leling_core::clubs::{
    Attendee, CheckIn, Club, ClubSession, Member, NewClub, NewMember, NewSession,
};

/// The reading clubs' records: the centre, its clubs, members and their PINs, sessions and
/// attendance, the reports and each learner's record (reading time among it).
pub struct Clubs<'a> {
    pub(crate) store: &'a Store,
}

impl Store {
    pub fn clubs(&self) -> Clubs<'_> {
        Clubs { store: self }
    }
}

/// Things a volunteer can get wrong, each with its own plain message.
#[derive(Debug, thiserror::Error)]
pub enum ClubError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("there is already a club called {0}")]
    ClubNameTaken(String),
    #[error("there is no club called {0}")]
    NoSuchClub(String),
    #[error("the card {card} already belongs to {name}")]
    CardTaken { card: String, name: String },
    #[error("no member has the card {0}")]
    NoSuchCard(String),
    #[error("there is no session {0}")]
    NoSuchSession(String),
    #[error("the session {0} has ended")]
    SessionEnded(String),
}

impl Describe for ClubError {
    fn describe(&self) -> Message {
        match self {
            ClubError::Store(e) => e.describe(),
            ClubError::ClubNameTaken(name) => {
                Message::new("club-error-name-taken").with("name", name.as_str())
            }
            ClubError::NoSuchClub(name) => {
                Message::new("club-error-no-club").with("name", name.as_str())
            }
            ClubError::CardTaken { card, name } => Message::new("club-error-card-taken")
                .with("card", card.as_str())
                .with("name", name.as_str()),
            ClubError::NoSuchCard(card) => {
                Message::new("club-error-no-card").with("card", card.as_str())
            }
            ClubError::NoSuchSession(id) => {
                Message::new("club-error-no-session").with("id", id.as_str())
            }
            ClubError::SessionEnded(id) => {
                Message::new("club-error-session-ended").with("id", id.as_str())
            }
        }
    }
}

/// A new row id: UUIDv7, so ids sort by creation time and never collide between kiosks.
pub(super) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The change time every syncable row carries: UTC with milliseconds.
pub(super) fn change_time() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// This kiosk's centre, as SQL: new clubs carry it (a macro, to be spliced into the others).
macro_rules! own_centre {
    () => {
        "COALESCE((SELECT name FROM centre WHERE id = 1), '')"
    };
}
/// A club's name as this kiosk shows it (SQL over `clubs c`): another centre's club has its
/// centre's name after its own, so two centres' clubs of one name are told apart.
macro_rules! club_name {
    () => {
        concat!(
            "CASE WHEN c.centre IN ('', ",
            own_centre!(),
            ") THEN c.name ELSE c.name || ' · ' || c.centre END"
        )
    };
}
const CLUB_COLUMNS: &str = concat!(
    "c.id, ",
    club_name!(),
    ", c.venue, c.usual_weekday, c.usual_start, c.usual_end, c.facilitator"
);
const OWN_CENTRE: &str = own_centre!();
const MEMBER_COLUMNS: &str =
    "id, name, card, phone, birth_year, consent_on, lang, joined_on, search_keys";
/// The ids of the learner whose id is the SQL parameter `param`: their own (the guest's too)
/// and those of their registrations on other kiosks merged into it by sync (one card, one
/// person).
pub(super) fn person_ids(param: &str) -> String {
    format!("(SELECT {param} UNION ALL SELECT id FROM members WHERE same_as = {param})")
}
const SESSION_COLUMNS: &str = concat!(
    "s.id, s.club_id, ",
    club_name!(),
    ", s.venue, s.held_on, s.starts_at, s.ends_at,
    s.reading, s.facilitator, s.notes, s.ended"
);

/// The club `id` as `club` describes it.
fn club_of(id: String, club: &NewClub) -> Club {
    Club {
        id,
        name: club.name.clone(),
        venue: club.venue.clone(),
        usual_weekday: club.usual_weekday,
        usual_start: club.usual_start.clone(),
        usual_end: club.usual_end.clone(),
        facilitator: club.facilitator.clone(),
    }
}

fn club_from(row: &Row) -> rusqlite::Result<Club> {
    Ok(Club {
        id: row.get(0)?,
        name: row.get(1)?,
        venue: row.get(2)?,
        usual_weekday: row.get(3)?,
        usual_start: row.get(4)?,
        usual_end: row.get(5)?,
        facilitator: row.get(6)?,
    })
}

fn member_from(row: &Row) -> rusqlite::Result<Member> {
    Ok(Member {
        id: row.get(0)?,
        name: row.get(1)?,
        card: row.get(2)?,
        phone: row.get(3)?,
        birth_year: row.get(4)?,
        consent_on: row.get(5)?,
        lang: row.get(6)?,
        joined_on: row.get(7)?,
        search_keys: row.get(8)?,
    })
}

fn session_from(row: &Row) -> rusqlite::Result<ClubSession> {
    Ok(ClubSession {
        id: row.get(0)?,
        club_id: row.get(1)?,
        club_name: row.get(2)?,
        venue: row.get(3)?,
        held_on: row.get(4)?,
        starts_at: row.get(5)?,
        ends_at: row.get(6)?,
        reading: row.get(7)?,
        facilitator: row.get(8)?,
        notes: row.get(9)?,
        ended: row.get(10)?,
    })
}

impl Clubs<'_> {
    /// The centre's name and district, once set.
    pub fn centre(&self) -> Result<Option<(String, String)>, StoreError> {
        self.store
            .conn
            .query_row("SELECT name, district FROM centre WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.store.err(e))
    }

    pub fn set_centre(&self, name: &str, district: &str) -> Result<(), StoreError> {
        self.store
            .conn
            .execute(
                "INSERT INTO centre (id, name, district, changed_at) VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                     district = excluded.district, changed_at = excluded.changed_at",
                params![name, district, change_time()],
            )
            .map(drop)
            .map_err(|e| self.store.err(e))
    }

    pub fn add_club(&self, club: &NewClub) -> Result<Club, ClubError> {
        if self.own_club_named(&club.name, None)? {
            return Err(ClubError::ClubNameTaken(club.name.clone()));
        }
        let id = new_id();
        self.store
            .conn
            .execute(
                &format!(
                    "INSERT INTO clubs (id, name, venue, usual_weekday, usual_start, usual_end,
                         facilitator, changed_at, centre)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, {OWN_CENTRE})"
                ),
                params![
                    id,
                    club.name,
                    club.venue,
                    club.usual_weekday,
                    club.usual_start,
                    club.usual_end,
                    club.facilitator,
                    change_time()
                ],
            )
            .map_err(|e| self.store.err(e))?;
        Ok(club_of(id, club))
    }

    /// Changes a club of this centre: its name (still its own among the centre's clubs), venue,
    /// usual day and time, and leader. Its sessions stay its own. Another centre's club (shown
    /// here by sync) is not this kiosk's to change: `NoSuchClub`.
    pub fn update_club(&self, id: &str, club: &NewClub) -> Result<Club, ClubError> {
        if self.own_club_named(&club.name, Some(id))? {
            return Err(ClubError::ClubNameTaken(club.name.clone()));
        }
        let changed = self
            .store
            .conn
            .execute(
                &format!(
                    "UPDATE clubs SET name = ?2, venue = ?3, usual_weekday = ?4, usual_start = ?5,
                         usual_end = ?6, facilitator = ?7, changed_at = ?8
                     WHERE id = ?1 AND deleted = 0 AND centre = {OWN_CENTRE}"
                ),
                params![
                    id,
                    club.name,
                    club.venue,
                    club.usual_weekday,
                    club.usual_start,
                    club.usual_end,
                    club.facilitator,
                    change_time()
                ],
            )
            .map_err(|e| self.store.err(e))?;
        if changed == 0 {
            return Err(ClubError::NoSuchClub(club.name.clone()));
        }
        Ok(club_of(id.to_owned(), club))
    }

    pub fn all(&self) -> Result<Vec<Club>, StoreError> {
        let sql = format!("SELECT {CLUB_COLUMNS} FROM clubs c WHERE deleted = 0 ORDER BY 2");
        self.store.query_all(&sql, [], club_from)
    }

    pub fn club_by_name(&self, name: &str) -> Result<Option<Club>, StoreError> {
        // By the name shown here, or by its own name, this centre's club first.
        let sql = format!(
            "SELECT {CLUB_COLUMNS} FROM clubs c
             WHERE deleted = 0 AND (name = ?1 OR {} = ?1)
             ORDER BY c.centre = {OWN_CENTRE} DESC, c.centre = '' DESC LIMIT 1",
            club_name!()
        );
        self.store
            .conn
            .query_row(&sql, [name], club_from)
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Whether this centre already has a club of this name (another centre's may share it).
    /// Whether another club of this centre than `except` goes by `name`.
    fn own_club_named(&self, name: &str, except: Option<&str>) -> Result<bool, StoreError> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM clubs WHERE deleted = 0 AND name = ?1
                            AND centre = {OWN_CENTRE} AND id IS NOT ?2)"
        );
        self.store
            .conn
            .query_row(&sql, params![name, except], |r| r.get(0))
            .map_err(|e| self.store.err(e))
    }

    pub fn add_member(&self, member: &NewMember) -> Result<Member, ClubError> {
        self.store.atomically(|| {
            let added = self.insert_member(member)?;
            Ok(added)
        })
    }

    /// Adds every member in one transaction: a roster goes in whole or not at all.
    pub fn import_members(&self, members: &[NewMember]) -> Result<usize, ClubError> {
        self.store.atomically(|| {
            for member in members {
                self.insert_member(member)?;
            }
            Ok(members.len())
        })
    }

    /// Changes a member's name (with its search keys), card and phone; the rest of her record
    /// stays. A card another member holds is refused.
    pub fn update_member(&self, id: &str, member: &NewMember) -> Result<Member, ClubError> {
        if let Some(card) = &member.card
            && let Some(holder) = self.member_by_card(card)?
            && holder.id != id
        {
            return Err(ClubError::CardTaken {
                card: card.clone(),
                name: holder.name,
            });
        }
        let changed = self
            .store
            .conn
            .execute(
                "UPDATE members SET name = ?2, card = ?3, phone = ?4, search_keys = ?5,
                     changed_at = ?6
                 WHERE id = ?1 AND deleted = 0",
                params![
                    id,
                    member.name,
                    member.card,
                    member.phone,
                    member.search_keys,
                    change_time()
                ],
            )
            .map_err(|e| self.store.err(e))?;
        // A member removed meanwhile (on this kiosk or by sync) is not changed.
        let missing = || ClubError::NoSuchCard(member.card.clone().unwrap_or_default());
        if changed == 0 {
            return Err(missing());
        }
        self.member(id)?.ok_or_else(missing)
    }

    fn insert_member(&self, member: &NewMember) -> Result<Member, ClubError> {
        if let Some(card) = &member.card
            && let Some(holder) = self.member_by_card(card)?
        {
            return Err(ClubError::CardTaken {
                card: card.clone(),
                name: holder.name,
            });
        }
        let id = new_id();
        self.store
            .conn
            .execute(
                "INSERT INTO members (id, name, card, phone, birth_year, consent_on, lang,
                     joined_on, search_keys, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id,
                    member.name,
                    member.card,
                    member.phone,
                    member.birth_year,
                    member.consent_on,
                    member.lang,
                    member.joined_on,
                    member.search_keys,
                    change_time()
                ],
            )
            .map_err(|e| self.store.err(e))?;
        Ok(Member {
            id,
            name: member.name.clone(),
            card: member.card.clone(),
            phone: member.phone.clone(),
            birth_year: member.birth_year,
            consent_on: member.consent_on,
            lang: member.lang.clone(),
            joined_on: member.joined_on,
            search_keys: member.search_keys.clone(),
        })
    }

    /// Current members (not forgotten, each person once), by name.
    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members
             WHERE deleted = 0 AND forgotten_on IS NULL AND same_as IS NULL ORDER BY name, card"
        );
        self.store.query_all(&sql, [], member_from)
    }

    pub fn member_by_card(&self, card: &str) -> Result<Option<Member>, StoreError> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members
             WHERE card = ?1 AND same_as IS NULL AND deleted = 0"
        );
        self.store
            .conn
            .query_row(&sql, [card], member_from)
            .optional()
            .map_err(|e| self.store.err(e))
    }

    pub fn member(&self, id: &str) -> Result<Option<Member>, StoreError> {
        let sql = format!("SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?1");
        self.store
            .conn
            .query_row(&sql, [id], member_from)
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Removes a member's personal data: name, card, phone, birth year and everything they
    /// read on the kiosk. The row and its check-ins stay, nameless, so the reports' counts of
    /// past sessions do not change. Returns the name that was removed.
    pub fn forget_member(&self, card: &str) -> Result<String, ClubError> {
        let member = self
            .member_by_card(card)?
            .ok_or_else(|| ClubError::NoSuchCard(card.to_owned()))?;
        self.store.atomically(|| {
            let today = chrono::Local::now().date_naive();
            let person = person_ids("?1");
            // Everything under the person's other registrations goes too.
            for sql in [
                format!(
                    "UPDATE reading_log SET book_title = '', deleted = 1, changed_at = ?2
             WHERE member_id IN {person}"
                ),
                format!(
                    "UPDATE attendance SET note = '', changed_at = ?2
             WHERE member_id IN {person} AND note <> ''"
                ),
                format!(
                    "UPDATE quiz_results SET quiz_title = '', deleted = 1, changed_at = ?2
             WHERE learner IN {person}"
                ),
            ] {
                self.store
                    .conn
                    .execute(&sql, params![member.id, change_time()])
                    .map_err(|e| self.store.err(e))?;
            }
            for sql in [
                format!("DELETE FROM reading_positions WHERE learner IN {person}"),
                format!("DELETE FROM bookmarks WHERE learner IN {person}"),
                format!("DELETE FROM lecture_plans WHERE learner IN {person}"),
                format!("DELETE FROM quiz_progress WHERE learner IN {person}"),
                format!("UPDATE lecture_attendance SET title = '' WHERE learner IN {person}"),
            ] {
                self.store
                    .conn
                    .execute(&sql, [&member.id])
                    .map_err(|e| self.store.err(e))?;
            }
            self.store
                .conn
                .execute(
                    &format!(
                    "UPDATE members SET name = '', card = NULL, phone = NULL, birth_year = NULL,
                         consent_on = NULL, lang = NULL, search_keys = '', forgotten_on = ?2,
                         pin_hash = NULL, changed_at = ?3
                     WHERE id IN {person}"
                ),
                    params![member.id, today, change_time()],
                )
                .map_err(|e| self.store.err(e))?;
            Ok(member.name)
        })
    }

    /// Opens a session of `club`; what is not given comes from the club's usual schedule.
    pub fn start_session(
        &self,
        club: &Club,
        session: &NewSession,
    ) -> Result<ClubSession, StoreError> {
        let id = new_id();
        let held_on = session
            .held_on
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let starts_at = session.starts_at.clone().or(club.usual_start.clone());
        let ends_at = session.ends_at.clone().or(club.usual_end.clone());
        let facilitator = session
            .facilitator
            .clone()
            .unwrap_or(club.facilitator.clone());
        self.store
            .conn
            .execute(
                // A session belongs to its club's centre.
                "INSERT INTO club_sessions (id, club_id, venue, held_on, starts_at, ends_at,
                     reading, facilitator, changed_at, centre)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                         (SELECT centre FROM clubs WHERE id = ?2))",
                params![
                    id,
                    club.id,
                    club.venue,
                    held_on,
                    starts_at,
                    ends_at,
                    session.reading,
                    facilitator,
                    change_time()
                ],
            )
            .map_err(|e| self.store.err(e))?;
        Ok(ClubSession {
            id,
            club_id: club.id.clone(),
            club_name: club.name.clone(),
            venue: club.venue.clone(),
            held_on,
            starts_at,
            ends_at,
            reading: session.reading.clone(),
            facilitator,
            notes: String::new(),
            ended: false,
        })
    }

    pub fn session(&self, id: &str) -> Result<Option<ClubSession>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM club_sessions s JOIN clubs c ON c.id = s.club_id
             WHERE s.id = ?1 AND s.deleted = 0"
        );
        self.store
            .conn
            .query_row(&sql, [id], session_from)
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// The club's session on `day` that has not ended, if one was started.
    pub fn open_session(
        &self,
        club_id: &str,
        day: NaiveDate,
    ) -> Result<Option<ClubSession>, StoreError> {
        Ok(self
            .last_session_on(club_id, day)?
            .filter(|session| !session.ended))
    }

    /// The club's latest session on `day`: one not ended if there is one, else the last ended.
    pub fn last_session_on(
        &self,
        club_id: &str,
        day: NaiveDate,
    ) -> Result<Option<ClubSession>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM club_sessions s JOIN clubs c ON c.id = s.club_id
             WHERE s.club_id = ?1 AND s.held_on = ?2 AND s.deleted = 0
             ORDER BY s.ended, s.id DESC LIMIT 1"
        );
        self.store
            .conn
            .query_row(&sql, params![club_id, day], session_from)
            .optional()
            .map_err(|e| self.store.err(e))
    }

    /// Opens an ended session again, for a volunteer who goes on with the day's session rather
    /// than hold a second one (which would count as a second activity). Its end and the
    /// minutes of those already credited stay; it is ended again as any session is.
    pub fn reopen_session(&self, session_id: &str) -> Result<ClubSession, ClubError> {
        self.store.atomically(|| {
            self.store
                .conn
                .execute(
                    "UPDATE club_sessions SET ended = 0, changed_at = ?2
                     WHERE id = ?1 AND deleted = 0 AND ended = 1",
                    params![session_id, change_time()],
                )
                .map_err(|e| self.store.err(e))?;
            self.session(session_id)?
                .ok_or_else(|| ClubError::NoSuchSession(session_id.to_owned()))
        })
    }

    /// Checks `member_id` in to the session and commits before returning. A second check-in
    /// of the same person changes nothing; one that was undone is restored.
    pub fn check_in(&self, session_id: &str, member_id: &str) -> Result<CheckIn, ClubError> {
        self.store.atomically(|| {
            let ended: Option<bool> = self
                .store
                .conn
                .query_row(
                    "SELECT ended FROM club_sessions WHERE id = ?1 AND deleted = 0",
                    [session_id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.store.err(e))?;
            match ended {
                None => return Err(ClubError::NoSuchSession(session_id.to_owned())),
                Some(true) => return Err(ClubError::SessionEnded(session_id.to_owned())),
                Some(false) => {}
            }
            // Checked in under their registration at another kiosk is checked in too.
            let under_another: Option<String> = self
                .store
                .conn
                .query_row(
                    &format!(
                        "SELECT member_id FROM attendance
                         WHERE session_id = ?1 AND member_id IN {} AND member_id <> ?2
                           AND deleted = 0",
                        person_ids("?2")
                    ),
                    params![session_id, member_id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.store.err(e))?;
            if let Some(other) = under_another {
                return Ok(CheckIn::Already {
                    place: self.place_in_session(session_id, &other)?,
                });
            }
            let existing: Option<bool> = self
                .store
                .conn
                .query_row(
                    "SELECT deleted FROM attendance WHERE session_id = ?1 AND member_id = ?2",
                    params![session_id, member_id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.store.err(e))?;
            let now = change_time();
            let outcome_is_new = match existing {
                Some(false) => false,
                Some(true) => {
                    self.store
                        .conn
                        .execute(
                            "UPDATE attendance SET deleted = 0, checked_in_at = ?3, changed_at = ?3
                         WHERE session_id = ?1 AND member_id = ?2",
                            params![session_id, member_id, now],
                        )
                        .map_err(|e| self.store.err(e))?;
                    true
                }
                None => {
                    self.store
                        .conn
                        .execute(
                            "INSERT INTO attendance (id, session_id, member_id, checked_in_at,
                             changed_at)
                         VALUES (?1, ?2, ?3, ?4, ?4)",
                            params![new_id(), session_id, member_id, now],
                        )
                        .map_err(|e| self.store.err(e))?;
                    true
                }
            };
            let place = if outcome_is_new {
                CheckIn::Done {
                    place: self.checked_in_count(session_id)?,
                }
            } else {
                CheckIn::Already {
                    place: self.place_in_session(session_id, member_id)?,
                }
            };
            Ok(place)
        })
    }

    /// How many people are checked in to the session now.
    pub fn checked_in_count(&self, session_id: &str) -> Result<u64, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM attendance WHERE session_id = ?1 AND deleted = 0",
                [session_id],
                |r| r.get(0),
            )
            .map_err(|e| self.store.err(e))
    }

    /// The person's place in the order of arrival (1 for the first).
    fn place_in_session(&self, session_id: &str, member_id: &str) -> Result<u64, StoreError> {
        self.store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM attendance a, attendance me
                 WHERE me.session_id = ?1 AND me.member_id = ?2
                   AND a.session_id = ?1 AND a.deleted = 0
                   AND (a.checked_in_at, a.id) <= (me.checked_in_at, me.id)",
                params![session_id, member_id],
                |r| r.get(0),
            )
            .map_err(|e| self.store.err(e))
    }

    /// Undoes a check-in (marks it deleted, so the undo can travel to the hub too).
    pub fn undo_check_in(&self, session_id: &str, member_id: &str) -> Result<bool, StoreError> {
        self.store
            .conn
            .execute(
                "UPDATE attendance SET deleted = 1, changed_at = ?3
                 WHERE session_id = ?1 AND member_id = ?2 AND deleted = 0",
                params![session_id, member_id, change_time()],
            )
            .map(|changed| changed > 0)
            .map_err(|e| self.store.err(e))
    }

    /// Who is checked in, in the order they arrived.
    pub fn attendees(&self, session_id: &str) -> Result<Vec<Attendee>, StoreError> {
        self.store.query_all(
            "SELECT a.member_id, m.name, a.checked_in_at FROM attendance a
             JOIN members m ON m.id = a.member_id
             WHERE a.session_id = ?1 AND a.deleted = 0 ORDER BY a.checked_in_at, a.id",
            [session_id],
            |r| {
                Ok(Attendee {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    checked_in_at: r.get(2)?,
                })
            },
        )
    }

    /// Ends a session with the volunteer's notes. Those who attended are credited with the
    /// session's length as minutes read, when its start and end times are known.
    pub fn end_session(&self, session_id: &str, notes: &str) -> Result<ClubSession, ClubError> {
        let session = self
            .session(session_id)?
            .ok_or_else(|| ClubError::NoSuchSession(session_id.to_owned()))?;
        if session.ended {
            return Err(ClubError::SessionEnded(session_id.to_owned()));
        }
        let ends_at = session
            .ends_at
            .clone()
            .unwrap_or_else(|| chrono::Local::now().format("%H:%M").to_string());
        let minutes = session
            .starts_at
            .as_deref()
            .and_then(|start| minutes_between(start, &ends_at));
        self.store.atomically(|| {
            let now = change_time();
            self.store
                .conn
                .execute(
                    "UPDATE club_sessions SET ended = 1, ends_at = ?2, notes = ?3, changed_at = ?4
                 WHERE id = ?1",
                    params![session_id, ends_at, notes, now],
                )
                .map_err(|e| self.store.err(e))?;
            if let Some(minutes) = minutes {
                self.store
                    .conn
                    .execute(
                        "UPDATE attendance SET minutes_read = ?2, changed_at = ?3
                     WHERE session_id = ?1 AND deleted = 0 AND minutes_read IS NULL",
                        params![session_id, minutes, now],
                    )
                    .map_err(|e| self.store.err(e))?;
            }
            Ok(ClubSession {
                ends_at: Some(ends_at),
                notes: notes.to_owned(),
                ended: true,
                ..session
            })
        })
    }
}

/// Minutes from `HH:MM` to `HH:MM` on the same day; `None` if either is not a time or the
/// end is not after the start.
fn minutes_between(start: &str, end: &str) -> Option<i64> {
    let parse = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").ok();
    let minutes = (parse(end)? - parse(start)?).num_minutes();
    (minutes > 0).then_some(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_length_counts_whole_minutes_and_refuses_nonsense() {
        assert_eq!(minutes_between("09:30", "11:00"), Some(90));
        assert_eq!(minutes_between("11:00", "09:30"), None);
        assert_eq!(minutes_between("9点", "11:00"), None);
    }

    #[test]
    fn ids_are_version_7_and_sort_by_creation() {
        let first = new_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = new_id();
        assert_eq!(uuid::Uuid::parse_str(&first).unwrap().get_version_num(), 7);
        assert!(first < second);
    }
}
