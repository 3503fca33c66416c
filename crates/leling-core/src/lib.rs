//! The nouns every part of Leling speaks of, and the sync protocol: the one crate of data the
//! kiosk program and the hub share (beside it they share only the words, `leling-i18n`, and the
//! command-line plumbing, `leling-cli`). Plain data, no I/O, no words of any language.
//!
//! - [`model`]: languages, positions in a book, reports and learning records.
//! - [`clubs`]: [`clubs::Club`], [`clubs::Member`], [`clubs::ClubSession`], check-ins.
//! - [`library`]: [`library::BookRecord`], bookmarks, the guest.
//! - [`protocol`]: what a kiosk and the hub send each other (`docs/sync.md`).
//! - [`report_tally`]: the rules a report's figures are counted by, on a kiosk and on the hub.
//! - [`settings`]: values set in steps ([`settings::SpeechRate`], [`settings::Zoom`], …).
//! - [`message`]: [`message::Message`], how lower layers name what happened for
//!   `leling-i18n` to put into words.
//! - [`shown`]: [`shown::safe_to_show`], outside text without what could act on a terminal.

pub mod clubs;
pub mod credits;
pub mod library;
pub mod message;
pub mod model;
pub mod protocol;
pub mod report_tally;
pub mod settings;
pub mod shown;
