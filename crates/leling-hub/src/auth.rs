//! `Authorization: Bearer TOKEN` on every /v1 request: the token names the device, and only
//! the token does. Then the device's rate limit.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::errors::ApiError;
use super::scope::DeviceInfo;
use super::state::AppState;
use super::token;

/// The authenticated device, for handlers (in the request) and the log (in the response).
#[derive(Debug, Clone)]
pub struct Device(pub DeviceInfo);

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

pub async fn require_device(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(token) = bearer(request.headers()) else {
        return ApiError::unauthorized().into_response();
    };
    let device = match state.storage.device_for_token(token::hash(token)).await {
        Ok(Some(device)) => Device(device),
        Ok(None) => return ApiError::unauthorized().into_response(),
        Err(e) => return ApiError::storage(e).into_response(),
    };
    let mut response = if state.limiter.allow(&device.0.name) {
        request.extensions_mut().insert(device.clone());
        next.run(request).await
    } else {
        ApiError::too_many_requests().into_response()
    };
    response.extensions_mut().insert(device);
    response
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn only_a_bearer_token_counts() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
            bearer(&headers).map(str::to_owned)
        };
        assert_eq!(with("Bearer abc"), Some("abc".into()));
        assert_eq!(with("bearer  abc "), Some("abc".into()));
        assert_eq!(with("Basic abc"), None);
        assert_eq!(with("Bearer "), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }
}
