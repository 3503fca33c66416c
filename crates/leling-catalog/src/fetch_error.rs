//! Why getting something from the web failed, as a person can be told it: what happened and
//! what to do next, in their language, never the HTTP library's English ("failed to lookup
//! address information").

use std::io;

use crate::login_challenge::LoginLabels;
use crate::problems::NetProblem;
use leling_core::model::Lang;
use leling_i18n::t_with;

#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    // The English here is for logs and tests; people are told `message`.
    #[error("not a web address: {0}")]
    BadAddress(String),
    #[error("{0} gave no answer in time")]
    Timeout(String),
    #[error("cannot connect to {host}: {problem:?}")]
    Connect { host: String, problem: NetProblem },
    #[error("too many redirects")]
    TooManyRedirects,
    #[error("HTTP {0}")]
    Status(u16),
    #[error("more than {limit} bytes")]
    /// Over `limit` bytes; `size` is the whole file's, where it is known.
    TooLarge { limit: u64, size: Option<u64> },
    #[error("the download broke off: {0}")]
    Broken(String),
    /// What came could not be written down here (the disk, the folder).
    #[error("cannot save: {0:?}")]
    Save(io::ErrorKind),
    /// The site asks who is there and this kiosk keeps no sign-in for it; `labels`, where the
    /// catalog names its fields (an OPDS Authentication Document).
    #[error("{site} asks for a sign-in")]
    NeedsLogin {
        site: String,
        labels: Option<LoginLabels>,
    },
    /// The site refused the sign-in kept for it.
    #[error("{site} refused the sign-in")]
    LoginRefused { site: String },
}

impl FetchError {
    /// The failure in plain words, with what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FetchError::BadAddress(address) => t_with(
                lang,
                "fetch-bad-address",
                &[("address", address.clone().into())],
            ),
            FetchError::Timeout(name) => NetProblem::TimedOut.message(name, lang),
            FetchError::Connect {
                host: name,
                problem,
            } => problem.message(name, lang),
            FetchError::TooManyRedirects => t_with(lang, "fetch-redirects", &[]),
            FetchError::Status(code) => {
                let id = match code {
                    404 | 410 => "fetch-not-found",
                    401 | 403 => "fetch-forbidden",
                    429 => "fetch-busy",
                    500..=599 => "fetch-server-error",
                    _ => "fetch-status",
                };
                t_with(lang, id, &[("code", (*code).into())])
            }
            FetchError::TooLarge { limit, size } => {
                let megabytes = ("megabytes", (limit / (1024 * 1024)).into());
                match size {
                    // One decimal: 20.4 MB is not "20 MB" when the limit is 20.
                    Some(size) => {
                        let size = format!("{:.1}", *size as f64 / (1024.0 * 1024.0));
                        t_with(
                            lang,
                            "fetch-too-large-sized",
                            &[("size", size.into()), megabytes],
                        )
                    }
                    None => t_with(lang, "fetch-too-large", &[megabytes]),
                }
            }
            FetchError::Broken(_) => t_with(lang, "fetch-broken", &[]),
            FetchError::Save(io::ErrorKind::StorageFull) => t_with(lang, "fetch-disk-full", &[]),
            FetchError::Save(_) => t_with(lang, "fetch-cannot-save", &[]),
            FetchError::NeedsLogin { site, labels } => match labels {
                Some(labels) if !labels.login.is_empty() && !labels.password.is_empty() => {
                    let args = [
                        ("site", site.clone().into()),
                        ("login", labels.login.clone().into()),
                        ("password", labels.password.clone().into()),
                    ];
                    t_with(lang, "fetch-needs-login-labels", &args)
                }
                _ => t_with(lang, "fetch-needs-login", &[("site", site.clone().into())]),
            },
            FetchError::LoginRefused { site } => t_with(
                lang,
                "fetch-login-refused",
                &[("site", site.clone().into())],
            ),
        }
    }

    /// The machine could not be reached at all: most often, no network. (A server that
    /// answered with an error was reached.)
    pub fn is_unreachable(&self) -> bool {
        matches!(self, FetchError::Timeout(_) | FetchError::Connect { .. })
    }
}

/// What kind of failure reqwest's error is.
/// (Redirects are followed by `Fetcher::send`, so reqwest never fails on one.)
pub(super) fn classify(error: &reqwest::Error, host: &str) -> FetchError {
    match NetProblem::of(error) {
        NetProblem::TimedOut => FetchError::Timeout(host.to_string()),
        problem => FetchError::Connect {
            host: host.to_string(),
            problem,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_is_told_in_both_languages_without_english_from_the_library() {
        let failures = [
            FetchError::BadAddress("ftp://x".into()),
            FetchError::Timeout("www.gutenberg.org".into()),
            FetchError::Connect {
                host: "www.gutenberg.org".into(),
                problem: NetProblem::NoSuchHost,
            },
            FetchError::Status(404),
            FetchError::Status(503),
            FetchError::TooLarge {
                limit: 256 * 1024 * 1024,
                size: None,
            },
            FetchError::TooLarge {
                limit: 20 * 1024 * 1024,
                size: Some(21 * 1024 * 1024),
            },
            FetchError::Broken("connection reset by peer".into()),
            FetchError::Save(io::ErrorKind::StorageFull),
            FetchError::NeedsLogin {
                site: "http://127.0.0.1:18080".into(),
                labels: None,
            },
            FetchError::NeedsLogin {
                site: "https://library.example.org".into(),
                labels: Some(LoginLabels {
                    login: "Library card".into(),
                    password: "PIN".into(),
                }),
            },
            FetchError::LoginRefused {
                site: "http://127.0.0.1:18080".into(),
            },
        ];
        for failure in &failures {
            for lang in Lang::ALL {
                let said = failure.message(lang);
                assert!(!said.contains(leling_i18n::MISSING_MARKER), "{said}");
                assert!(!said.contains("reset by peer"), "{said}");
            }
        }
        assert!(failures[2].message(Lang::Zh).contains("www.gutenberg.org"));
        assert!(failures[5].message(Lang::En).contains("256 MB"));
    }

    #[test]
    fn a_name_that_does_not_resolve_means_no_network_or_a_wrong_address() {
        let client = reqwest::blocking::Client::new();
        // `.invalid` never resolves (RFC 6761), online or not.
        let error = client.get("http://leling.invalid/").send().unwrap_err();
        let failure = classify(&error, "leling.invalid");
        assert!(
            matches!(
                failure,
                FetchError::Connect {
                    problem: NetProblem::NoSuchHost,
                    ..
                }
            ),
            "{failure:?}"
        );
        assert!(failure.is_unreachable());
    }
}
