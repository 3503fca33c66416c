//! What every request handler shares: the storage engine and the rate limiter.

use std::sync::Arc;

use crate::rate::RateLimiter;
use crate::storage::Storage;

#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub limiter: Arc<RateLimiter>,
}
