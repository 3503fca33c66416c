//! `leling sync`: push the outbox to the hub, then pull what other kiosks wrote. Each step is
//! safe to repeat, so a sync broken by the network resumes where it stopped: the outbox is
//! only emptied after the hub acknowledges, and the cursor only moves after a page is applied.

use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};

use super::protocol::{
    DeviceResponse, ErrorBody, MAX_PULL, MAX_PUSH, PullResponse, PushRequest, PushResponse, Reason,
};
use crate::catalog::problems::NetProblem;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::store::{Store, StoreError};
use std::io::Read;

/// How long to wait for the hub: a poor network is the usual case, not the exception.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest answer read from a hub. A pull page holds at most 1,000 changes, each from a
/// push of at most 16 MiB per 1,000; anything far larger is not a Leling hub's answer, and
/// reading it whole could exhaust a kiosk's memory.
pub const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// How far the kiosk's clock may differ from the hub's before staff are told to set it.
pub const CLOCK_TOLERANCE_MS: i64 = 10 * 60 * 1000;

/// What a sync did, for the summary ("sent 120, received 45").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    pub sent: usize,
    pub received: usize,
    /// This kiosk's changes the hub refused in this sync, now set aside.
    pub set_aside: usize,
    /// How far this kiosk's clock is ahead of the hub's (behind when negative), when the hub
    /// said its time.
    pub clock_ahead_ms: Option<i64>,
}

/// How far a sync has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncProgress {
    /// Changes sent so far, of those waiting when the sync began.
    Sending { done: u64, total: u64 },
    /// Changes received so far.
    Receiving { done: u64 },
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("no hub is set")]
    NoHub,
    #[error("the hub {host} could not be reached: {problem:?}")]
    Unreachable { host: String, problem: NetProblem },
    #[error("the hub refused the token")]
    Unauthorized,
    #[error("the hub is busy")]
    TooManyRequests,
    #[error("the hub answered {status}: {message}")]
    Hub { status: u16, message: String },
    #[error("the hub's answer could not be read: {0}")]
    BadAnswer(String),
    #[error("the hub's answer was larger than {MAX_ANSWER_BYTES} bytes")]
    AnswerTooLarge,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the token file {path}: {error}")]
    TokenFile {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl SyncError {
    /// What kind of problem it was, kept with the last sync so the home screen can say it in
    /// either language (`sync-problem-CODE` in the locale files).
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::NoHub => "no-hub",
            SyncError::Unreachable { .. } => "unreachable",
            SyncError::Unauthorized => "unauthorized",
            SyncError::TooManyRequests => "busy",
            SyncError::Hub { .. } | SyncError::BadAnswer(_) | SyncError::AnswerTooLarge => "hub",
            SyncError::Store(_) => "store",
            SyncError::TokenFile { .. } => "token",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SyncError::NoHub => t(lang, "sync-no-hub"),
            SyncError::Unreachable { host, problem } => t_with(
                lang,
                "sync-unreachable",
                &[("problem", problem.message(host, lang).into())],
            ),
            SyncError::Unauthorized => t(lang, "sync-unauthorized"),
            SyncError::TooManyRequests => t(lang, "sync-busy"),
            // The hub's own message is for its log; the person is told the status only.
            SyncError::Hub { status, .. } => {
                t_with(lang, "sync-hub-error", &[("status", (*status).into())])
            }
            SyncError::BadAnswer(_) => t(lang, "sync-bad-answer"),
            SyncError::AnswerTooLarge => {
                let megabytes = MAX_ANSWER_BYTES / (1024 * 1024);
                t_with(
                    lang,
                    "sync-answer-too-large",
                    &[("megabytes", megabytes.into())],
                )
            }
            SyncError::Store(e) => e.message(lang),
            SyncError::TokenFile { error, .. } if error.kind() == std::io::ErrorKind::NotFound => {
                t(lang, "sync-no-token")
            }
            SyncError::TokenFile { path, error } => t_with(
                lang,
                "sync-token-file",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", crate::i18n::io_reason(error, lang).into()),
                ],
            ),
        }
    }
}

/// Where the kiosk keeps its device token: a file only its owner can read.
pub fn token_path(data_dir: &Path) -> PathBuf {
    data_dir.join("hub-token")
}

/// Saves the device token, readable by the owner only (on Unix, mode 0600 from the start).
pub fn save_token(data_dir: &Path, token: &str) -> Result<(), SyncError> {
    let path = token_path(data_dir);
    let failed = |error: std::io::Error| SyncError::TokenFile {
        path: path.clone(),
        error,
    };
    std::fs::create_dir_all(data_dir).map_err(failed)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        // An older file keeps its mode on open: make it private too.
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .map_err(failed)?;
        }
    }
    use std::io::Write;
    let mut file = options.open(&path).map_err(failed)?;
    file.write_all(token.trim().as_bytes()).map_err(failed)
}

pub fn load_token(data_dir: &Path) -> Result<String, SyncError> {
    let path = token_path(data_dir);
    std::fs::read_to_string(&path)
        .map(|token| token.trim().to_owned())
        .map_err(|error| SyncError::TokenFile { path, error })
}

/// One sync with the hub the store is pointed at: push everything waiting, then pull.
pub fn sync(
    store: &Store,
    token: &str,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<SyncSummary, SyncError> {
    let peer = store.outbox().sync_peer()?.ok_or(SyncError::NoHub)?;
    let hub = peer.hub.trim_end_matches('/').to_owned();
    let host = url::Url::parse(&hub)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| hub.clone());
    let unreachable = |e: reqwest::Error| SyncError::Unreachable {
        host: host.clone(),
        problem: NetProblem::of(&e),
    };
    let client = Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .build()
        .map_err(unreachable)?;
    let result = exchange(store, &client, &hub, token, &unreachable, progress);
    store
        .outbox()
        .record_sync(result.as_ref().err().map(SyncError::code))?;
    result
}

fn exchange(
    store: &Store,
    client: &Client,
    hub: &str,
    token: &str,
    unreachable: &dyn Fn(reqwest::Error) -> SyncError,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<SyncSummary, SyncError> {
    let mut summary = SyncSummary::default();
    let mut patience = Patience(0);
    learn_centre(store, client, hub, token)?;
    // Changes refused as stamped in the future go again once this kiosk's clock is right.
    store.outbox().restamp_set_aside()?;
    let waiting = store.outbox().waiting()?;
    loop {
        let (changes, upto) = store.outbox().batch(MAX_PUSH)?;
        if changes.is_empty() {
            // Rows written and then removed again leave outbox entries with nothing to send.
            store.outbox().acknowledge(upto)?;
            break;
        }
        let count = changes.len();
        let request = PushRequest { changes };
        let body = serde_json::to_vec(&request).map_err(|e| SyncError::BadAnswer(e.to_string()))?;
        let answer = client
            .post(format!("{hub}/v1/changes"))
            .bearer_auth(token)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .map_err(unreachable)?;
        let pushed: PushResponse = match read(answer, unreachable) {
            Err(SyncError::TooManyRequests) if patience.wait() => continue,
            other => other?,
        };
        if let Some(device) = &pushed.device {
            store.outbox().set_sync_device(device)?;
        }

        // What the hub refused is set aside with its reason, and the rest goes on.
        store.atomically(|| {
            (store.outbox()).set_aside_refused(&request.changes, &pushed.refused)?;
            store.outbox().acknowledge(upto)
        })?;
        // A tie goes again, stamped anew; the rest of what was refused is set aside.
        let set_aside = (pushed.refused.iter())
            .filter(|refusal| refusal.reason != Reason::SameStamp)
            .count();
        summary.set_aside += set_aside;
        summary.sent += count - pushed.refused.len().min(count);
        progress(SyncProgress::Sending {
            done: summary.sent as u64,
            total: waiting.max(summary.sent as u64),
        });
    }
    loop {
        let cursor = store.outbox().sync_peer()?.map_or(0, |p| p.cursor);
        let answer = client
            .get(format!("{hub}/v1/changes?after={cursor}&limit={MAX_PULL}"))
            .bearer_auth(token)
            .send()
            .map_err(unreachable)?;
        // The hub's time is taken once a sync, from its first page.
        if summary.clock_ahead_ms.is_none()
            && let Some(ahead) = clock_ahead(&answer)
        {
            store.outbox().note_clock(ahead)?;
            summary.clock_ahead_ms = Some(ahead);
        }
        let page: PullResponse = match read(answer, unreachable) {
            Err(SyncError::TooManyRequests) if patience.wait() => continue,
            other => other?,
        };
        summary.received += store.outbox().apply_remote_page(&page.changes, page.next)?;
        progress(SyncProgress::Receiving {
            done: summary.received as u64,
        });
        if !page.more || page.changes.is_empty() {
            break;
        }
    }
    Ok(summary)
}

/// Asks the hub which centre this kiosk belongs to, as the hub's administrator added it: the
/// hub lets only a centre's kiosks write its clubs, members, sessions and check-ins, and this
/// kiosk's new clubs and sessions carry that centre. Best effort: a hub that does not say (one
/// from before centres, or a device added without one) leaves the centre as staff set it, and
/// a hub that cannot answer is told by the push and pull that follow.
fn learn_centre(store: &Store, client: &Client, hub: &str, token: &str) -> Result<(), SyncError> {
    let answer = client
        .get(format!("{hub}/v1/device"))
        .bearer_auth(token)
        .send();
    let Ok(Ok(me)) = answer.map(|answer| read::<DeviceResponse>(answer, &|_| SyncError::NoHub))
    else {
        return Ok(());
    };
    store.outbox().set_sync_device(&me.device)?;
    let centre = leling_core::shown::on_one_line(&me.centre);
    let district = leling_core::shown::on_one_line(&me.district);
    let said = (centre.trim().to_owned(), district.trim().to_owned());
    // Written only when the hub says something new: a sync is no reason to write.
    if !said.0.is_empty() && store.clubs().centre()?.as_ref() != Some(&said) {
        store.clubs().set_centre(&said.0, &said.1)?;
    }
    Ok(())
}

/// Waiting out a hub that asks for a pause (429): a second each time, up to a minute in all,
/// since a first sync of many pages runs into the hub's per-device rate limit.
struct Patience(u32);

impl Patience {
    fn wait(&mut self) -> bool {
        self.0 += 1;
        if self.0 > 60 {
            return false;
        }
        std::thread::sleep(Duration::from_secs(1));
        true
    }
}

/// How far this kiosk's clock is ahead of the hub's, by the `Date` of its answer (to the
/// second; behind when negative).
fn clock_ahead(answer: &Response) -> Option<i64> {
    let date = answer.headers().get(reqwest::header::DATE)?.to_str().ok()?;
    let hub = chrono::DateTime::parse_from_rfc2822(date).ok()?;
    Some(chrono::Utc::now().timestamp_millis() - hub.timestamp_millis())
}

/// The hub's answer as `T`, or what went wrong in words. The body is counted as it is read
/// and refused past [`MAX_ANSWER_BYTES`].
fn read<T: serde::de::DeserializeOwned>(
    answer: Response,
    unreachable: &dyn Fn(reqwest::Error) -> SyncError,
) -> Result<T, SyncError> {
    let status = answer.status();
    let mut body = Vec::new();
    let read = answer.take(MAX_ANSWER_BYTES + 1).read_to_end(&mut body);
    if let Err(error) = read {
        // The connection broke off mid-answer: said as the network's problem.
        let network = error
            .into_inner()
            .and_then(|e| e.downcast::<reqwest::Error>().ok());
        return Err(match network {
            Some(error) => unreachable(*error),
            None => SyncError::BadAnswer("the answer broke off".into()),
        });
    }
    if body.len() as u64 > MAX_ANSWER_BYTES {
        return Err(SyncError::AnswerTooLarge);
    }
    if status.is_success() {
        return serde_json::from_slice(&body).map_err(|e| SyncError::BadAnswer(e.to_string()));
    }
    let message = serde_json::from_slice::<ErrorBody>(&body)
        .map(|body| body.message)
        .unwrap_or_default();
    Err(match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => SyncError::Unauthorized,
        StatusCode::TOO_MANY_REQUESTS => SyncError::TooManyRequests,
        other => SyncError::Hub {
            status: other.as_u16(),
            message,
        },
    })
}
