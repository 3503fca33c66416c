//! Every word a person sees or hears comes from `assets/locales/{zh-CN,en}.ftl` through here.
//!
//! The two Fluent files are compiled into the binary, so a kiosk never runs without its words.
//! Unicode isolation marks are turned off: they are invisible but take display columns in some
//! terminals and break the width arithmetic of every screen.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::Lang;

const ZH_FTL: &str = include_str!("../assets/locales/zh-CN.ftl");
const EN_FTL: &str = include_str!("../assets/locales/en.ftl");

/// Shown in place of a message that a locale file lacks, so tests can find it on any screen.
pub const MISSING_MARKER: &str = "⟦missing:";

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => ZH_FTL,
        Lang::En => EN_FTL,
    }
}

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let tag = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let langid: unic_langid::LanguageIdentifier = tag.parse().expect("static language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    // A syntax error in a bundled locale file is a build defect; the locale tests catch it.
    let resource = FluentResource::try_new(source(lang).to_owned()).unwrap_or_else(|(r, _)| r);
    bundle
        .add_resource(resource)
        .expect("message ids are unique within a locale file");
    bundle
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    match lang {
        Lang::Zh => ZH.get_or_init(|| build(Lang::Zh)),
        Lang::En => EN.get_or_init(|| build(Lang::En)),
    }
}

/// The message `id` in `lang`.
pub fn t(lang: Lang, id: &str) -> String {
    t_with(lang, id, &[])
}

/// The message `id` in `lang`, with named arguments filled in.
pub fn t_with(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = bundle(lang);
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

/// The message in both languages, Chinese first: for errors, which must be understood by
/// whoever stands at the kiosk, whatever language was chosen.
pub fn t_both(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    format!(
        "{}\n{}",
        t_with(Lang::Zh, id, args),
        t_with(Lang::En, id, args)
    )
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

/// How long ago an RFC 3339 time was, in whole minutes, hours or days; empty if unreadable.
pub fn time_ago(when: &str, lang: Lang) -> String {
    let Ok(then) = chrono::DateTime::parse_from_rfc3339(when) else {
        return String::new();
    };
    let minutes = (chrono::Utc::now() - then.to_utc()).num_minutes().max(0);
    match minutes {
        0..60 => t_with(lang, "age-minutes", &[("n", minutes.into())]),
        60..2880 => t_with(lang, "age-hours", &[("n", (minutes / 60).into())]),
        _ => t_with(lang, "age-days", &[("n", (minutes / 1440).into())]),
    }
}
