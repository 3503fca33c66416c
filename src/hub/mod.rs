//! The sync hub (`leling hub serve`): kiosks push their changes and pull everyone else's, as
//! protocol v1 says (`docs/sync.md`). axum over tokio; storage behind [`storage::Storage`], with
//! embedded SQLite for one centre and PostgreSQL for a district. The hub shares only
//! `sync::protocol` with the kiosk side.

mod auth;
pub mod changes;
mod errors;
mod log;
mod rate;
mod routes;
pub mod server;
pub mod storage;
pub mod token;
