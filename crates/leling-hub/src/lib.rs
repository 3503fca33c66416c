//! The sync hub (`leling-hub serve`): kiosks push their changes and pull everyone else's, as
//! protocol v1 says (`docs/sync.md`). axum over tokio; storage behind [`storage::Storage`], with
//! embedded SQLite for one centre and PostgreSQL for a district. The hub shares only
//! `leling_core::protocol` (and the words and command-line plumbing) with the kiosk program.
//!
//! - [`server`]: binding, TLS and serving ([`server::ServeOptions`]);
//! - [`storage`]: the two engines behind [`storage::Storage`];
//! - [`changes`]: checking what a kiosk pushes;
//! - [`scope`]: who may write which row, and what an undo restores;
//! - [`token`]: device tokens (only their hashes are kept);
//! - [`report`]: the district's report, counted from the centres' rows;
//! - [`cli`]: the `leling-hub` command line (serve, device add/list/log/revoke, report).

#[macro_use]
extern crate leling_cli;

mod auth;
pub mod changes;
pub mod cli;
mod errors;
pub mod limits;
mod log;
mod rate;
pub mod report;
mod routes;
pub mod scope;
pub mod server;
mod state;
pub mod storage;
pub mod token;
