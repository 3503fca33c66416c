//! Getting a catalog or a book over HTTP(S): time limits, at most five redirects, a size cap
//! counted on the bytes actually received, gzip, conditional requests (ETag and
//! Last-Modified) so an unchanged catalog costs almost nothing to refresh, and the sign-ins
//! this kiosk keeps (`logins`), each sent to its own site only, when the site asks.

use std::io::Read;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{
    AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED,
};

pub use super::fetch_error::FetchError;
use super::fetch_error::classify;
use super::login_challenge;
use super::logins::{Logins, site_of};

/// A catalog page may be at most this large in memory (a book is held to the book limit
/// instead); a larger feed is read as it comes and kept in part (`feed_trim`).
pub const MAX_CATALOG_BYTES: u64 = 20 * 1024 * 1024;
/// The most of a feed read as it comes, to count what is not kept.
pub const MAX_STREAMED_BYTES: u64 = 512 * 1024 * 1024;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// No answer at all for this long ends the request; a slow but moving download goes on.
const READ_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_REDIRECTS: usize = 5;
/// A download that, after twice the wait, has come at less than this on average is given up:
/// a server dripping a byte a second would otherwise hold `catalog add` for hours, each byte
/// within the wait.
const MIN_BYTES_PER_SECOND: u64 = 1024;
/// However it moves, no one fetch takes longer than this.
const LONGEST_FETCH: Duration = Duration::from_secs(30 * 60);
const CHUNK: usize = 64 * 1024;

/// What the last fetch said about the document, to ask only for a newer one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug)]
pub enum Fetched {
    /// The copy already held is current (HTTP 304).
    NotModified,
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
        validators: Validators,
        /// Where the document was found after redirects: relative links resolve against it.
        final_url: String,
    },
}

/// What came with a document fetched into a sink.
#[derive(Debug)]
pub struct About {
    pub content_type: Option<String>,
    pub validators: Validators,
    /// Where the document was found after redirects.
    pub final_url: String,
}

/// One HTTP client for a run: connections are reused across pages and sources.
pub struct Fetcher {
    client: Client,
    /// How long to wait for an answer, or for the next piece of one.
    wait: Duration,
    /// The sign-ins and address keys this kiosk keeps.
    logins: Logins,
}

impl Fetcher {
    pub fn new() -> Fetcher {
        Fetcher::with_wait(READ_TIMEOUT)
    }

    /// A fetcher that gives up after `wait` without an answer (tests use a short one).
    pub fn with_wait(wait: Duration) -> Fetcher {
        let client = Client::builder()
            .connect_timeout(CONNECT_TIMEOUT.min(wait))
            // The blocking client applies this to each wait (the answer, then each piece of
            // the body), so a slow but moving download is not cut off.
            .timeout(wait)
            // Redirects are followed by `send`, which then knows which server failed.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Leling/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the HTTP client's fixed settings are valid");
        Fetcher {
            client,
            wait,
            logins: Logins::default(),
        }
    }

    /// `text` as it may be told: with no kept key in it (an address a feed or a redirect gave).
    pub fn redact(&self, text: &str) -> String {
        self.logins.redact(text)
    }

    /// This fetcher, signing in with `logins` where a site asks, and putting kept keys back
    /// into the addresses they were taken from.
    pub fn with_logins(mut self, logins: Logins) -> Fetcher {
        self.logins = logins;
        self
    }

    /// Fetches `url`, at most `limit` bytes, asking only for a copy newer than `known`.
    /// `progress` hears the bytes received so far and the total when the server says it.
    pub fn fetch(
        &self,
        url: &str,
        known: Option<&Validators>,
        limit: u64,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Fetched, FetchError> {
        let mut bytes = Vec::new();
        match self.fetch_into(url, known, limit, &mut bytes, progress)? {
            None => Ok(Fetched::NotModified),
            Some(About {
                content_type,
                validators,
                final_url,
            }) => Ok(Fetched::Body {
                bytes,
                content_type,
                validators,
                final_url,
            }),
        }
    }

    /// Fetches `url` into `sink` as it arrives, at most `limit` bytes, asking only for a copy
    /// newer than `known`; `None` when the copy held is current. A sink that can hold no more
    /// says so with [`io::ErrorKind::FileTooLarge`], told as a page too large to read.
    pub fn fetch_into(
        &self,
        url: &str,
        known: Option<&Validators>,
        limit: u64,
        sink: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Option<About>, FetchError> {
        let Some(response) = self.send(url, known, limit)? else {
            return Ok(None);
        };
        let (content_type, validators, final_url) = response.copy_to(sink, progress)?;
        Ok(Some(About {
            content_type,
            validators,
            final_url,
        }))
    }

    /// Streams `url` into `sink` (a book, written to a file as it comes), at most `limit`
    /// bytes; returns the content type and the address after redirects.
    pub fn fetch_to(
        &self,
        url: &str,
        sink: &mut dyn std::io::Write,
        limit: u64,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<(Option<String>, String), FetchError> {
        let response = self
            .send(url, None, limit)?
            .ok_or(FetchError::Status(StatusCode::NOT_MODIFIED.as_u16()))?;
        let (content_type, _, final_url) = response.copy_to(sink, progress)?;
        Ok((content_type, final_url))
    }

    /// Sends the request; `None` for "not modified".
    fn send(
        &self,
        url: &str,
        known: Option<&Validators>,
        limit: u64,
    ) -> Result<Option<Response>, FetchError> {
        // A kept address has `{key}` in place of its key; errors name it so.
        let asked = self.logins.reveal(url);
        let parsed =
            url::Url::parse(&asked).map_err(|_| FetchError::BadAddress(url.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(FetchError::BadAddress(url.to_string()));
        }
        let mut address = parsed;
        let mut redirects = 0;
        // The answer to the site's question, once it has asked: sent again to this address
        // only (a redirect elsewhere asks afresh, so a sign-in never leaves its site).
        let mut signed: Option<String> = None;
        let (response, host) = loop {
            // After a redirect, a failure names the server that failed, not the one first asked.
            let host = address.host_str().unwrap_or_default().to_string();
            let mut request = self.client.get(address.clone());
            if let Some(known) = known {
                if let Some(etag) = &known.etag {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(modified) = &known.last_modified {
                    request = request.header(IF_MODIFIED_SINCE, modified);
                }
            }
            if let Some(answer) = &signed {
                request = request.header(AUTHORIZATION, answer);
            }
            let response = request.send().map_err(|e| classify(&e, &host))?;
            if response.status() == StatusCode::UNAUTHORIZED {
                let site = site_of(address.as_str()).unwrap_or_else(|| host.clone());
                if signed.is_some() {
                    return Err(FetchError::LoginRefused { site });
                }
                let (challenge, labels) = login_challenge::read(response);
                let login = self.logins.for_address(address.as_str());
                let answer = challenge
                    .zip(login)
                    .and_then(|(challenge, (user, password))| {
                        login_challenge::authorization(&challenge, user, password, &address)
                    });
                match answer {
                    Some(answer) => {
                        signed = Some(answer);
                        continue;
                    }
                    None => return Err(FetchError::NeedsLogin { site, labels }),
                }
            }
            let Some(next) = redirect_target(&response) else {
                break (response, host);
            };
            redirects += 1;
            if redirects > MAX_REDIRECTS {
                return Err(FetchError::TooManyRedirects);
            }
            if !matches!(next.scheme(), "http" | "https") {
                // A redirect may carry the key back in its address: told without it.
                return Err(FetchError::BadAddress(self.logins.redact(next.as_str())));
            }
            address = next;
            signed = None;
        };
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(None);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        Ok(Some(Response {
            inner: response,
            limit,
            host,
            wait: self.wait,
        }))
    }
}

/// Where a redirect sends the request next, resolved against the address that answered.
fn redirect_target(response: &reqwest::blocking::Response) -> Option<url::Url> {
    if !response.status().is_redirection() || response.status() == StatusCode::NOT_MODIFIED {
        return None;
    }
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)?
        .to_str()
        .ok()?;
    response.url().join(location).ok()
}

/// A successful answer whose body is still to be read.
struct Response {
    inner: reqwest::blocking::Response,
    limit: u64,
    /// Who is answering (after any redirect), to say who was too slow.
    host: String,
    wait: Duration,
}

impl Response {
    /// Copies the body into `sink`, counting real bytes against the limit.
    fn copy_to(
        mut self,
        sink: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<(Option<String>, Validators, String), FetchError> {
        let header = |name| {
            self.inner
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE);
        let validators = Validators {
            etag: header(ETAG),
            last_modified: header(LAST_MODIFIED),
        };
        // A declared length is only a hint for the progress bar; the cap counts real bytes.
        let total = header(CONTENT_LENGTH).and_then(|l| l.parse::<u64>().ok());
        let limit = self.limit;
        if total.is_some_and(|total| total > limit) {
            return Err(FetchError::TooLarge { limit, size: total });
        }
        let final_url = self.inner.url().to_string();
        let mut chunk = vec![0; CHUNK];
        let mut received: u64 = 0;
        let started = std::time::Instant::now();
        loop {
            let elapsed = started.elapsed();
            let dripping = elapsed > 2 * self.wait
                && received < MIN_BYTES_PER_SECOND.saturating_mul(elapsed.as_secs_f64() as u64);
            if dripping || elapsed > LONGEST_FETCH {
                return Err(FetchError::Timeout(self.host.clone()));
            }
            let read = self
                .inner
                .read(&mut chunk)
                .map_err(|e| FetchError::Broken(e.to_string()))?;
            if read == 0 {
                break;
            }
            received += read as u64;
            if received > limit {
                return Err(FetchError::TooLarge { limit, size: None });
            }
            sink.write_all(&chunk[..read]).map_err(|e| match e.kind() {
                std::io::ErrorKind::FileTooLarge => FetchError::TooLarge {
                    limit: MAX_CATALOG_BYTES,
                    size: total,
                },
                kind => FetchError::Save(kind),
            })?;
            progress(received, total);
        }
        Ok((content_type, validators, final_url))
    }
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new()
    }
}
