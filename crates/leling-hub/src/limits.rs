//! What one client may take of the hub: a connection among at most [`MAX_CONNECTIONS`], its
//! headers within [`HEADER_WAIT`] and its whole request within [`REQUEST_WAIT`]. Without them,
//! 300 clients sending a byte now and then (slowloris) held 300 connections for good, and a
//! body sent at a byte a second was waited for. `docs/sync.md` says these limits.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_server::accept::Accept;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::errors::ApiError;

/// The limits a hub serves with (`leling-hub serve --max-connections --header-wait
/// --request-wait`, whose defaults are the constants below).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_wait: Duration,
    pub request_wait: Duration,
}

/// Connections open at once; one more is closed as soon as it is accepted.
pub const MAX_CONNECTIONS: usize = 512;
/// From the connection (or the previous request on it) to the end of a request's headers.
pub const HEADER_WAIT: Duration = Duration::from_secs(10);
/// From the end of the headers to the answer: the body read and the request handled.
pub const REQUEST_WAIT: Duration = Duration::from_secs(60);

/// Accepts a connection while fewer than `MAX_CONNECTIONS` are open, holding a place for it
/// until it closes.
#[derive(Clone)]
pub struct ConnectionLimit(Arc<Semaphore>);

impl ConnectionLimit {
    pub fn new(connections: usize) -> ConnectionLimit {
        ConnectionLimit(Arc::new(Semaphore::new(connections)))
    }
}

impl<I, S> Accept<I, S> for ConnectionLimit {
    type Stream = Counted<I>;
    type Service = S;
    type Future = std::future::Ready<io::Result<(Counted<I>, S)>>;

    fn accept(&self, stream: I, service: S) -> Self::Future {
        std::future::ready(match Arc::clone(&self.0).try_acquire_owned() {
            Ok(place) => Ok((
                Counted {
                    inner: stream,
                    _place: place,
                },
                service,
            )),
            Err(_) => Err(io::Error::other(
                "the hub has as many connections as it takes",
            )),
        })
    }
}

/// A connection holding its place among the hub's, given back when it closes.
pub struct Counted<I> {
    inner: I,
    _place: OwnedSemaphorePermit,
}

impl<I: AsyncRead + Unpin> AsyncRead for Counted<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for Counted<I> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Answers `408` to a request not done within `wait` (a body that trickles in).
pub async fn within_time(wait: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(wait, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::too_slow().into_response(),
    }
}
