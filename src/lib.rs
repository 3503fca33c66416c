//! Leling (乐龄): the kiosk program, a large-text, speaking reader and learning companion for
//! older learners. This package is the top of the house (`docs/ARCHITECTURE.md`): the screens
//! (`ui`), the command line (`cli`), settings, the library on this kiosk, PINs and the sync
//! client. Everything below lives in the crates under `crates/`, re-exported here under the
//! names the program and its tests use.

// First, so that the command line's printing macros are known to every module after it.
#[macro_use]
extern crate leling_cli;

pub mod admin;
pub mod cli;
mod cli_catalog;
mod cli_club;
mod cli_library;
mod cli_quiz;
mod cli_sync;
mod cli_voice;
pub mod config;
pub mod doctor;
pub mod learner_pin;
pub mod library;
pub mod own_quizzes;
pub mod staff_files;
pub mod sync;
pub mod ui;

pub use leling_catalog as catalog;
pub use leling_club as club;
pub use leling_core::model;
pub use leling_document as document;
pub use leling_i18n as i18n;
pub use leling_layout as layout;
pub use leling_speech as speech;
pub use leling_speech::voice;
pub use leling_store as store;
