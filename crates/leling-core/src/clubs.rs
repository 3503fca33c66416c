//! A reading club's nouns: clubs, members, sessions and check-ins, as every part of Leling
//! speaks of them (the store keeps them; screens, reports and rosters use them).

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Club {
    pub id: String,
    pub name: String,
    pub venue: String,
    /// 1 = Monday … 7 = Sunday.
    pub usual_weekday: Option<u8>,
    /// `HH:MM`.
    pub usual_start: Option<String>,
    pub usual_end: Option<String>,
    pub facilitator: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewClub {
    pub name: String,
    pub venue: String,
    pub usual_weekday: Option<u8>,
    pub usual_start: Option<String>,
    pub usual_end: Option<String>,
    pub facilitator: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub card: Option<String>,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub consent_on: Option<NaiveDate>,
    /// `zh` or `en`.
    pub lang: Option<String>,
    pub joined_on: NaiveDate,
    /// Pinyin and folded forms of the name, computed by the caller (the store knows no pinyin).
    pub search_keys: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub name: String,
    pub card: Option<String>,
    pub phone: Option<String>,
    pub birth_year: Option<i32>,
    pub consent_on: Option<NaiveDate>,
    pub lang: Option<String>,
    pub joined_on: NaiveDate,
    pub search_keys: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClubSession {
    pub id: String,
    pub club_id: String,
    pub club_name: String,
    pub venue: String,
    pub held_on: NaiveDate,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub reading: Option<String>,
    pub facilitator: String,
    pub notes: String,
    pub ended: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSession {
    pub held_on: Option<NaiveDate>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub reading: Option<String>,
    pub facilitator: Option<String>,
}

/// What a check-in did, with the person's place in the session's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckIn {
    /// Newly checked in, as the n-th person of the session.
    Done { place: u64 },
    /// Already checked in to this session; nothing changed.
    Already { place: u64 },
}

/// Someone checked in to a session, for the check-in screen's list and for undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub member_id: String,
    pub name: String,
    pub checked_in_at: String,
}
