//! What went wrong on the network, in words of the locale files: reqwest's own messages
//! (`error sending request for url …`) are English and name no next step. (The file system's
//! are `leling_i18n::io_reason`.)

use std::io::ErrorKind;

use leling_core::model::Lang;
use leling_i18n::t_with;

/// Why a connection to a server failed, as far as a person can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetProblem {
    /// The name does not lead to any server (no network, or a wrong address).
    NoSuchHost,
    /// The server's machine answered, but nothing listens there.
    Refused,
    TimedOut,
    /// The secure connection failed (a certificate that is not right).
    Insecure,
    /// No route to the machine: the network is down.
    NoRoute,
    /// The connection could not be made or broke off.
    NoConnection,
}

impl NetProblem {
    /// Reads reqwest's error and the chain of causes under it.
    pub fn of(error: &reqwest::Error) -> NetProblem {
        if error.is_timeout() {
            return NetProblem::TimedOut;
        }
        let mut source: Option<&dyn std::error::Error> = Some(error);
        while let Some(cause) = source {
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                match io.kind() {
                    ErrorKind::ConnectionRefused => return NetProblem::Refused,
                    ErrorKind::TimedOut => return NetProblem::TimedOut,
                    ErrorKind::NetworkUnreachable
                    | ErrorKind::HostUnreachable
                    | ErrorKind::NetworkDown => return NetProblem::NoRoute,
                    _ => {}
                }
            }
            // hyper-util's resolver and rustls name these only in words, with no type to match.
            let words = cause.to_string().to_ascii_lowercase();
            if words.starts_with("dns error") || words.contains("failed to lookup address") {
                return NetProblem::NoSuchHost;
            }
            if words.contains("certificate") || words.contains("tls") {
                return NetProblem::Insecure;
            }
            source = cause.source();
        }
        NetProblem::NoConnection
    }

    /// The locale message; its argument is `host`.
    pub fn message_id(self) -> &'static str {
        match self {
            NetProblem::NoSuchHost => "net-no-such-host",
            NetProblem::Refused => "net-refused",
            NetProblem::TimedOut => "net-timed-out",
            NetProblem::Insecure => "net-insecure",
            NetProblem::NoRoute => "net-no-route",
            NetProblem::NoConnection => "net-no-connection",
        }
    }

    pub fn message(self, host: &str, lang: Lang) -> String {
        t_with(lang, self.message_id(), &[("host", host.to_owned().into())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_port_is_told_in_words_with_its_host() {
        let client = reqwest::blocking::Client::new();
        // Nothing listens on a port just freed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let refused = client
            .get(format!("http://127.0.0.1:{port}/"))
            .send()
            .unwrap_err();
        assert_eq!(NetProblem::of(&refused), NetProblem::Refused);
        // A name under .invalid never resolves (RFC 2606).
        let missing = client
            .get("http://no-such-host.invalid/")
            .send()
            .unwrap_err();
        assert_eq!(NetProblem::of(&missing), NetProblem::NoSuchHost);
        for lang in Lang::ALL {
            let said = NetProblem::NoSuchHost.message("hub.example.org", lang);
            assert!(
                said.contains("hub.example.org") && !said.contains("lookup"),
                "{said}"
            );
        }
    }
}
