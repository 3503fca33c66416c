//! Kiosk-to-hub sync. `protocol` holds the types both sides speak (the hub shares only these
//! and `model`); the kiosk's client lives beside it.

pub mod client;
pub mod report;
pub use leling_core::protocol;
