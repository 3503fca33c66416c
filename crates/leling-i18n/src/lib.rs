//! Every word a person sees or hears comes from `assets/locales/{zh-CN,en}.ftl` through here.
//!
//! The two Fluent files are compiled into the binary, so a kiosk never runs without its words.
//! Unicode isolation marks are turned off: they are invisible but take display columns in some
//! terminals and break the width arithmetic of every screen.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use leling_core::message::{Arg, Describe};
use leling_core::model::Lang;

const ZH_FTL: &str = include_str!("../../../assets/locales/zh-CN.ftl");
const EN_FTL: &str = include_str!("../../../assets/locales/en.ftl");

/// Shown in place of a message that a locale file lacks, so tests can find it on any screen.
pub const MISSING_MARKER: &str = "⟦missing:";

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => ZH_FTL,
        Lang::En => EN_FTL,
    }
}

/// One language's messages, each parsed the first time it is asked for. A screen shows a
/// handful of the file's ~500 messages; parsing them all before the first frame cost ~0.3 ms
/// and kept ~370 KB.
struct Messages {
    source: &'static str,
    /// Where each message's entry lies in the source.
    entries: HashMap<&'static str, Range<usize>>,
    bundle: FluentBundle<FluentResource>,
}

impl Messages {
    fn new(lang: Lang) -> Messages {
        let tag = match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        let langid: unic_langid::LanguageIdentifier = tag.parse().expect("static language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        let source = source(lang);
        Messages {
            source,
            entries: entries(source),
            bundle,
        }
    }

    /// Parses the message `id` into the bundle if the file has it and it is not there yet.
    fn load(&mut self, id: &str) {
        if self.bundle.has_message(id) {
            return;
        }
        let Some(range) = self.entries.get(id) else {
            return;
        };
        // A syntax error in a bundled locale file is a build defect; the locale tests catch it.
        let resource = FluentResource::try_new(self.source[range.clone()].to_owned())
            .unwrap_or_else(|(r, _)| r);
        self.bundle
            .add_resource(resource)
            .expect("a message is added once");
    }
}

/// Each message's entry in a Fluent file: from its `id =` line to the next line that starts
/// at the margin with a message, a term or a comment. Lines inside an entry are indented,
/// blank, or close a select expression with `}`.
fn entries(source: &'static str) -> HashMap<&'static str, Range<usize>> {
    let mut entries = HashMap::new();
    let mut open: Option<(&'static str, usize)> = None;
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let starts_entry =
            line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '#');
        if starts_entry {
            if let Some((id, start)) = open.take() {
                entries.insert(id, start..at);
            }
            if let Some((id, _)) = line.split_once('=')
                && !line.starts_with('#')
            {
                open = Some((id.trim(), at));
            }
        }
        at += line.len();
    }
    if let Some((id, start)) = open {
        entries.insert(id, start..at);
    }
    entries
}

fn messages(lang: Lang) -> MutexGuard<'static, Messages> {
    static ZH: OnceLock<Mutex<Messages>> = OnceLock::new();
    static EN: OnceLock<Mutex<Messages>> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    // Only a defect in a bundled file could panic in there; later messages must still show.
    cell.get_or_init(|| Mutex::new(Messages::new(lang)))
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// The message `id` in `lang`.
pub fn t(lang: Lang, id: &str) -> String {
    t_with(lang, id, &[])
}

/// The message `id` in `lang`, with named arguments filled in.
pub fn t_with(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut messages = messages(lang);
    messages.load(id);
    let bundle = &messages.bundle;
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return format!("{MISSING_MARKER}{id}⟧");
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Every message id defined in a locale file, for the parity test.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(source(lang).to_owned()).unwrap_or_else(|(r, _)| r);
    let mut ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

/// Parse errors in a locale file (none expected).
pub fn syntax_errors(lang: Lang) -> usize {
    match FluentResource::try_new(source(lang).to_owned()) {
        Ok(_) => 0,
        Err((_, errors)) => errors.len(),
    }
}

/// How long ago an RFC 3339 time was, as it is said ("just now", "5 min ago", "2 days ago");
/// empty if unreadable.
pub fn time_ago(when: &str, lang: Lang) -> String {
    let Ok(then) = chrono::DateTime::parse_from_rfc3339(when) else {
        return String::new();
    };
    let minutes = (chrono::Utc::now() - then.to_utc()).num_minutes().max(0);
    match minutes {
        0 => t(lang, "age-just-now"),
        1..60 => t_with(lang, "age-minutes", &[("n", minutes.into())]),
        60..2880 => t_with(lang, "age-hours", &[("n", (minutes / 60).into())]),
        _ => t_with(lang, "age-days", &[("n", (minutes / 1440).into())]),
    }
}

/// What a lower layer's [`Describe`] names (an error of the store, say), in words of `lang`.
pub trait Tell {
    fn message(&self, lang: Lang) -> String;
}

impl<T: Describe + ?Sized> Tell for T {
    fn message(&self, lang: Lang) -> String {
        let message = self.describe();
        let args: Vec<(&str, FluentValue)> = message
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => FluentValue::from(text.as_str()),
                    Arg::Number(number) => FluentValue::from(*number),
                };
                (*name, value)
            })
            .collect();
        t_with(lang, message.id, &args)
    }
}

/// A file or folder that could not be used, as a reason ("the folder does not exist").
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    let id = match error.kind() {
        std::io::ErrorKind::NotFound => "io-not-found",
        std::io::ErrorKind::PermissionDenied => "io-permission",
        std::io::ErrorKind::AlreadyExists => "io-exists",
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => "io-disk-full",
        std::io::ErrorKind::ReadOnlyFilesystem => "io-read-only",
        std::io::ErrorKind::IsADirectory => "io-is-folder",
        std::io::ErrorKind::NotADirectory => "io-not-folder",
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => "io-damaged",
        std::io::ErrorKind::AddrInUse => "io-address-in-use",
        std::io::ErrorKind::AddrNotAvailable => "io-address-not-here",
        _ => {
            let code = error.raw_os_error().unwrap_or(0);
            return t_with(lang, "io-other", &[("code", code.into())]);
        }
    };
    t(lang, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_are_words() {
        let missing = std::fs::read("/no/such/file").unwrap_err();
        assert!(!io_reason(&missing, Lang::Zh).contains("os error"));
        assert_eq!(io_reason(&missing, Lang::En), t(Lang::En, "io-not-found"));
    }
}
