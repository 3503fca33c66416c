//! The kiosk program's integration tests, in one test binary (one link, one helpers module):
//! the real `leling` program in a real terminal (tmux), over loopback to real servers, its
//! words spoken into a log or a recorded sound sink, and its library driven as the screens
//! drive it. Each crate's own tests are beside it under `crates/`.

mod common;
mod http_support;
#[path = "../../crates/leling-hub/tests/support/mod.rs"]
mod hub_support;

mod architecture;
mod catalog_logins;
mod catalogs;
mod cli;
mod club_screens;
mod clubs;
mod content;
mod district_report;
mod e2e_catalog;
mod e2e_club;
mod e2e_place;
mod e2e_quiz;
mod e2e_reader;
mod e2e_season;
mod e2e_see;
mod e2e_shell;
mod e2e_speech;
mod e2e_voice;
mod e2e_walk;
mod library;
mod library_fetch;
mod reader_layout;
mod screens;
mod search;
mod speech;
mod storage;
mod sync;
mod sync_merge;
mod voice;
