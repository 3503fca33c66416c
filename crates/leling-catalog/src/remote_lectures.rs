//! Lectures from remote catalogs: a lecture series' feed, a podcast, or a centre's CSV/XLSX
//! schedule becomes lectures beside the bundled ones, so "this week", "by topic" and "all"
//! cover every source. An entry is taken for a lecture when it has a time (a schedule's start,
//! or a feed item's date) and something to attend or play (a venue, media or a link).

use toml::Spanned;
use toml::value::Datetime;

use super::content::{Lecture, LectureFormat, Text};
use super::remote::{LinkRole, RemoteEntry};
use super::search::remote_key;
use super::sources;
use leling_store::{Store, StoreError};

/// Every lecture-like entry of every cached catalog.
pub fn remote_lectures(store: &Store) -> Result<Vec<Lecture>, StoreError> {
    Ok(sources::all_cached_entries(store)?
        .into_iter()
        .filter_map(|(source, entry)| as_lecture(&source, &entry))
        .collect())
}

fn as_lecture(source: &str, entry: &RemoteEntry) -> Option<Lecture> {
    let start = entry.start.or(entry.published)?;
    let link = entry
        .links
        .iter()
        .find(|l| l.rel == LinkRole::Enclosure)
        .or_else(|| entry.links.iter().find(|l| l.rel == LinkRole::Alternate))
        .or(entry.links.first());
    let format = entry.format.or(match (&entry.venue, link) {
        (Some(_), _) => Some(LectureFormat::InPerson),
        (None, Some(_)) => Some(LectureFormat::Video),
        (None, None) => None,
    })?;
    let minutes = entry
        .duration_minutes
        .or_else(|| {
            let end = entry.end?;
            u32::try_from((end - start).num_minutes()).ok()
        })
        .unwrap_or(0);
    let end = entry
        .end
        .unwrap_or(start + chrono::Duration::minutes(i64::from(minutes)));
    let moment = |when: chrono::DateTime<chrono::FixedOffset>| -> Option<Spanned<Datetime>> {
        Some(plain(when.to_rfc3339().parse().ok()?))
    };
    let both = |text: &str| Text {
        zh: plain(text.to_string()),
        en: plain(text.to_string()),
    };
    let speaker = if entry.authors.is_empty() {
        entry.provider.clone().unwrap_or_default()
    } else {
        entry.authors.join("、")
    };
    Some(Lecture {
        id: plain(remote_key(source, &entry.id)),
        title: both(&entry.title),
        speaker: both(&speaker),
        provider: both(entry.provider.as_deref().unwrap_or(source)),
        topics: plain(
            entry
                .subjects
                .iter()
                .filter_map(|subject| topic_of(subject))
                .map(|topic| plain(topic.to_string()))
                .collect(),
        ),
        language: plain(entry.language.clone().unwrap_or_default()),
        format: plain(format),
        duration_minutes: plain(minutes),
        url: link.map(|l| plain(l.href.clone())),
        venue: entry.venue.as_deref().map(|venue| plain(both(venue))),
        start: moment(start)?,
        end: moment(end)?,
        description: both(entry.summary.as_deref().unwrap_or_default()),
        transcript_url: entry
            .links
            .iter()
            .find(|l| l.rel == LinkRole::Transcript)
            .map(|l| plain(l.href.clone())),
    })
}

/// The topic a subject names, by its key or its name in either language ("防诈骗", "Health").
fn topic_of(subject: &str) -> Option<&'static str> {
    let subject = subject.trim();
    super::check::TOPICS.iter().copied().find(|topic| {
        let id = format!("topic-{topic}");
        subject.eq_ignore_ascii_case(topic)
            || subject == leling_i18n::t(leling_core::model::Lang::Zh, &id)
            || subject.eq_ignore_ascii_case(&leling_i18n::t(leling_core::model::Lang::En, &id))
    })
}

/// A value that came from no file: it has no place to point at.
fn plain<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}
