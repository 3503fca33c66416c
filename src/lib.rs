//! Leling (乐龄): a large-text, speaking reader and learning companion for older learners.
//!
//! See `ARCHITECTURE.md` in the shared design folder for the shape of the house: `ui` on top,
//! services in the middle, `store` and `model` at the bottom; arrows only point down.

// First, so that the command line's printing macros are known to every module after it.
#[macro_use]
extern crate leling_cli;

pub mod admin;
pub mod cli;
mod cli_club;

mod cli_library;
mod cli_sync;
mod cli_voice;
pub use leling_club as club;
pub mod config;
pub mod doctor;
pub use leling_document as document;

pub use leling_i18n as i18n;
pub use leling_layout as layout;
pub mod learner_pin;
pub use leling_catalog as catalog;
pub use leling_core::model;
pub mod library;
pub use leling_speech as speech;
pub use leling_store as store;
pub mod sync;
pub mod ui;
pub use leling_speech::voice;
