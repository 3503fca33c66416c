//! Why a remote catalog could not be read, in words a volunteer setting it up can act on.

/// Each case maps to one message in the locale files through [`RemoteError::message_id`];
/// [`RemoteError::detail`] gives the part that varies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoteError {
    #[error(
        "the address gave a web page, not a catalog: it may need a login, or the address may be wrong"
    )]
    Html,
    #[error("the catalog is damaged or cut short: {detail}")]
    Malformed { detail: String },
    #[error("the address gave an empty document")]
    Empty,
    #[error(
        "this is not a catalog Leling can read (it reads OPDS, RSS, Atom, JSON Feed, CSV and XLSX)"
    )]
    UnknownFormat,
    #[error(
        "the schedule's first row has no title column (标题 or title), so no lecture can be read"
    )]
    NoTitleColumn,
    #[error("the spreadsheet unpacks to more than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the catalog's search description gives no address that answers with a catalog")]
    NoSearchTemplate,
}

impl RemoteError {
    /// The id of the sentence that explains this error in `assets/locales/*.ftl`.
    pub fn message_id(&self) -> &'static str {
        match self {
            RemoteError::Html => "remote-error-html",
            RemoteError::Malformed { .. } => "remote-error-malformed",
            RemoteError::Empty => "remote-error-empty",
            RemoteError::UnknownFormat => "remote-error-unknown-format",
            RemoteError::NoTitleColumn => "remote-error-no-title-column",
            RemoteError::TooLarge { .. } => "remote-error-too-large",
            RemoteError::NoSearchTemplate => "remote-error-no-search",
        }
    }

    /// The varying part of the message for the `$detail` placeable: the parser's own words
    /// for a damaged document, the limit for one too large; empty otherwise.
    pub fn detail(&self) -> String {
        match self {
            RemoteError::Malformed { detail } => detail.clone(),
            RemoteError::TooLarge { limit } => limit.to_string(),
            RemoteError::Html
            | RemoteError::Empty
            | RemoteError::UnknownFormat
            | RemoteError::NoTitleColumn
            | RemoteError::NoSearchTemplate => String::new(),
        }
    }

    /// A damaged document, its detail prefixed with what was being read (`"XML"`, `"CSV"`…)
    /// so the volunteer knows which kind of file to look at.
    pub(super) fn malformed(what: &str, error: impl std::fmt::Display) -> RemoteError {
        RemoteError::Malformed {
            detail: format!("{what}: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_message_id_and_a_detail() {
        let damaged = RemoteError::malformed("XML", "tag not closed");
        assert_eq!(damaged.message_id(), "remote-error-malformed");
        assert_eq!(damaged.detail(), "XML: tag not closed");
        assert!(damaged.to_string().ends_with("XML: tag not closed"));
        assert_eq!(RemoteError::Html.message_id(), "remote-error-html");
        assert_eq!(RemoteError::Html.detail(), "");
        assert_eq!(
            RemoteError::TooLarge { limit: 5 }.message_id(),
            "remote-error-too-large"
        );
        assert_eq!(RemoteError::TooLarge { limit: 5 }.detail(), "5");
    }
}
