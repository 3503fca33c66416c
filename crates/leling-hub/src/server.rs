//! Starting the hub: open the storage, bind the address, then serve plain HTTP or, with a
//! certificate, HTTPS through rustls, until Ctrl-C or SIGTERM.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;
use hyper_util::rt::TokioTimer;

use super::limits::{ConnectionLimit, Limits};
use super::rate::{BURST, PER_SECOND, RateLimiter};
use super::routes::router;
use super::state::AppState;
use super::storage::{self, DbUrl, Storage, StoreError};
use leling_core::protocol::now_millis;

pub struct ServeOptions {
    pub listen: SocketAddr,
    pub db: DbUrl,
    /// Certificate chain and private key, PEM.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub limits: Limits,
    /// How long the history of what each device changed is kept.
    pub keep_log: Duration,
}

/// The history of what devices changed is kept this long by default: long enough to find and
/// undo what a kiosk lost months ago did, short enough that it is not a second archive.
pub const KEEP_LOG_DAYS: u64 = 180;

/// How often history older than that is dropped.
const LOG_SWEEP: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Storage(#[from] StoreError),
    #[error("could not listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("could not read the certificate or key: {0}")]
    Tls(std::io::Error),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// A hub with its storage open, its certificate read and its address bound, ready to serve:
/// nothing is said to be listening before everything it needs is there.
pub struct Bound {
    listener: TcpListener,
    storage: Arc<dyn Storage>,
    tls: Option<RustlsConfig>,
    limits: Limits,
    keep_log: Duration,
    /// Where kiosks reach it, e.g. `https://127.0.0.1:8787`.
    pub url: String,
}

/// How long in-flight requests get to finish after a stop signal.
const GRACE: Duration = Duration::from_secs(10);

pub async fn bind(options: ServeOptions) -> Result<Bound, ServeError> {
    let storage = storage::open(&options.db).await?;
    let tls = match &options.tls {
        Some((cert, key)) => Some(
            RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(ServeError::Tls)?,
        ),
        None => None,
    };
    let listen_error = |source| ServeError::Listen {
        addr: options.listen,
        source,
    };
    let listener = TcpListener::bind(options.listen).map_err(listen_error)?;
    listener.set_nonblocking(true).map_err(listen_error)?;
    let addr = listener.local_addr().map_err(listen_error)?;
    let scheme = if options.tls.is_some() {
        "https"
    } else {
        "http"
    };
    Ok(Bound {
        listener,
        storage,
        tls,
        limits: options.limits,
        keep_log: options.keep_log,
        url: format!("{scheme}://{addr}"),
    })
}

impl Bound {
    /// Serves until a stop signal, each connection within the hub's [`Limits`]: so many at
    /// once, headers within a wait, a request within another.
    pub async fn serve(self) -> Result<(), ServeError> {
        let limits = self.limits;
        tokio::spawn(sweep_log(Arc::clone(&self.storage), self.keep_log));
        let state = AppState {
            storage: self.storage,
            limiter: Arc::new(RateLimiter::new(PER_SECOND, BURST)),
        };
        let app = router(state, limits.request_wait);
        let handle = axum_server::Handle::new();
        let stopper = handle.clone();
        tokio::spawn(async move {
            stop_signal().await;
            stopper.graceful_shutdown(Some(GRACE));
        });
        let limit = ConnectionLimit::new(limits.max_connections);
        let service = app.into_make_service();
        match self.tls {
            None => {
                let mut server = axum_server::from_tcp(self.listener)
                    .map_err(ServeError::Serve)?
                    .acceptor(limit);
                (server.http_builder().http1())
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_wait);
                server.handle(handle).serve(service).await
            }
            Some(config) => {
                let mut server = axum_server::from_tcp_rustls(self.listener, config)
                    .map_err(ServeError::Serve)?
                    .map(|tls| tls.acceptor(limit));
                (server.http_builder().http1())
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_wait);
                server.handle(handle).serve(service).await
            }
        }
        .map_err(ServeError::Serve)
    }
}

/// Drops the history older than `keep`, at start and then every hour. A failure waits for the
/// next round: the history only grows a little meanwhile.
async fn sweep_log(storage: Arc<dyn Storage>, keep: Duration) {
    loop {
        let before = (now_millis() as i64).saturating_sub(keep.as_millis() as i64);
        let _ = storage.forget_log_before(before).await;
        tokio::time::sleep(LOG_SWEEP).await;
    }
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn stop_signal() {
    let interrupt = async {
        // Without a signal handler there is nothing to wait for: run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
