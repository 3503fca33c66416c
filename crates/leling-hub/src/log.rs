//! One line per request on standard error: time, method, path, status, device, number of
//! changes, duration. Never a token, a query string or anything from a row: rows hold
//! learners' names and telephone numbers.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use super::auth::Device;

/// How many changes a request carried in or out, for the log.
#[derive(Debug, Clone, Copy)]
pub struct ChangeCount(pub usize);

pub async fn one_line(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let device = response
        .extensions()
        .get::<Device>()
        .map_or("-", |d| d.0.name.as_str());
    let changes = response
        .extensions()
        .get::<ChangeCount>()
        .map_or_else(|| "-".to_owned(), |c| c.0.to_string());
    errln!(
        "{} {method} {path} {} device={device} changes={changes} {:.1}ms",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0,
    );
    response
}
