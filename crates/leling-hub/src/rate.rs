//! A token bucket per device: generous enough for any sync (a full page every 20 ms), small
//! enough that a broken kiosk in a loop cannot starve the others.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Requests a device may make per second, on average.
pub const PER_SECOND: f64 = 50.0;
/// Requests a device may make at once after being quiet.
pub const BURST: f64 = 100.0;

pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub fn new(per_second: f64, burst: f64) -> RateLimiter {
        RateLimiter {
            per_second,
            burst,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `device` may make a request now (and counts it).
    pub fn allow(&self, device: &str) -> bool {
        self.allow_at(device, Instant::now())
    }

    fn allow_at(&self, device: &str, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let bucket = buckets.entry(device.to_owned()).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_device_gets_its_burst_then_waits_and_others_are_not_affected() {
        let limiter = RateLimiter::new(10.0, 3.0);
        let start = Instant::now();
        assert!((0..3).all(|_| limiter.allow_at("a", start)));
        assert!(!limiter.allow_at("a", start));
        assert!(limiter.allow_at("b", start));
        assert!(limiter.allow_at("a", start + Duration::from_millis(100)));
        assert!(!limiter.allow_at("a", start + Duration::from_millis(100)));
    }
}
