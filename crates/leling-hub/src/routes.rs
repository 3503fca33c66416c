//! The HTTP surface of protocol v1: `/healthz`, and `/v1/changes` and `/v1/device` behind a
//! device token.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Deserialize;

use super::auth::{self, Device};
use super::changes;
use super::errors::ApiError;
use super::limits;
use super::log::{self, ChangeCount};
use super::state::AppState;
use leling_core::protocol::{
    DeviceResponse, MAX_PULL, PROTOCOL_VERSION, PushRequest, PushResponse, RefusedChange,
    now_millis,
};

/// The largest request body: a full push of large rows fits many times over.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The hub's routes; a request not answered within `request_wait` gets `408`.
pub fn router(state: AppState, request_wait: std::time::Duration) -> Router {
    let v1 = Router::new()
        .route("/v1/changes", get(pull).post(push))
        .route("/v1/device", get(device))
        .route_layer(from_fn_with_state(state.clone(), auth::require_device));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(v1)
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn(move |request, next| {
            limits::within_time(request_wait, request, next)
        }))
        .layer(from_fn(log::one_line))
        .with_state(state)
}

async fn push(
    State(state): State<AppState>,
    Extension(device): Extension<Device>,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(request) = body?;
    let batch = changes::prepare(request.changes, now_millis())?;
    let Device(device) = device;
    let name = device.name.clone();
    let judged = state
        .storage
        .push(device, batch.changes)
        .await
        .map_err(ApiError::storage)?;
    // A tie with another device's version, or a row of another centre, is refused too.
    let accepted = batch.accepted - judged.len();
    let mut refused = batch.refused;
    refused.extend(judged.into_iter().map(|(at, reason)| RefusedChange {
        index: batch.origins[at],
        reason,
    }));
    refused.sort_by_key(|refusal| refusal.index);
    // The kiosk learns its own name, to break ties between equal stamps as the hub does.
    let mut response = Json(PushResponse {
        accepted,
        refused,
        device: Some(name),
    })
    .into_response();
    response.extensions_mut().insert(ChangeCount(accepted));
    Ok(response)
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: i64,
    limit: Option<usize>,
}

/// A `limit` above [`MAX_PULL`] gets a page of [`MAX_PULL`]; `more` tells the kiosk to go on.
async fn pull(
    State(state): State<AppState>,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    if query.after < 0 {
        return Err(ApiError::bad_request("after must be 0 or more"));
    }
    let limit = query.limit.unwrap_or(MAX_PULL).min(MAX_PULL);
    if limit == 0 {
        return Err(ApiError::bad_request("limit must be 1 or more"));
    }
    let rows = state
        .storage
        .pull(query.after, limit + 1)
        .await
        .map_err(ApiError::storage)?;
    let page = changes::page(rows, query.after, limit);
    let count = page.changes.len();
    let mut response = Json(page).into_response();
    response.extensions_mut().insert(ChangeCount(count));
    Ok(response)
}

/// Who the token says this kiosk is: the device id the hub writes into its changes (a kiosk
/// needs it to break ties the way the hub does), and its centre and district.
async fn device(Extension(Device(device)): Extension<Device>) -> Json<DeviceResponse> {
    Json(DeviceResponse {
        device: device.name,
        centre: device.centre,
        district: device.district,
        protocol: PROTOCOL_VERSION,
    })
}
