//! Lectures from remote catalogs: a lecture series' feed, a podcast, or a centre's CSV/XLSX
//! schedule becomes lectures beside the bundled ones, so "this week", "by topic" and "all"
//! cover every source. An entry is a lecture only when it is one: it has a time (a schedule's
//! start, or a feed item's date) and a place, a schedule's format, or a recording to play (an
//! audio or video file, as a podcast episode has). A book in a catalog (a link to borrow or
//! take it) and a news item (a web page, a picture) are not.

use toml::Spanned;
use toml::value::Datetime;

use super::content::{Lecture, LectureFormat, Text};
use super::remote::{EntryLink, LinkRole, RemoteEntry};
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
    let a_book =
        (entry.links.iter()).any(|l| matches!(l.rel, LinkRole::Acquisition | LinkRole::OpenAccess));
    if a_book {
        return None;
    }
    let start = entry.start.or(entry.published)?;
    let recording = (entry.links.iter())
        .filter(|l| l.rel == LinkRole::Enclosure)
        .find_map(|l| recording_format(l).map(|format| (l, format)));
    let link = recording
        .map(|(link, _)| link)
        .or_else(|| entry.links.iter().find(|l| l.rel == LinkRole::Alternate))
        .or(entry.links.first());
    let format = match (entry.format, &entry.venue, recording) {
        (Some(format), _, _) => format,
        (None, Some(_), _) => LectureFormat::InPerson,
        (None, None, Some((_, format))) => format,
        (None, None, None) => return None,
    };
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

/// Whether a media file is a recording to listen to or watch: by its type where the feed gives
/// one, else by its name's ending.
fn recording_format(link: &EntryLink) -> Option<LectureFormat> {
    let media = link
        .media_type
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let path = link.href.split(['?', '#']).next().unwrap_or_default();
    let ending = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match (media.split('/').next(), ending.as_deref()) {
        (Some("audio"), _) => Some(LectureFormat::Audio),
        (Some("video"), _) => Some(LectureFormat::Video),
        (
            Some(""),
            Some("mp3" | "m4a" | "m4b" | "aac" | "ogg" | "oga" | "opus" | "flac" | "wav"),
        ) => Some(LectureFormat::Audio),
        (Some(""), Some("mp4" | "m4v" | "webm" | "mov" | "mkv")) => Some(LectureFormat::Video),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn link(href: &str, media_type: Option<&str>) -> EntryLink {
        EntryLink {
            href: href.to_owned(),
            media_type: media_type.map(str::to_owned),
            rel: LinkRole::Enclosure,
            length: None,
        }
    }

    #[test]
    fn a_recording_is_known_by_its_type_or_else_its_name() {
        let cases = [
            (
                link("https://x.org/e1", Some("audio/mpeg")),
                Some(LectureFormat::Audio),
            ),
            (
                link("https://x.org/e1.mp4", Some("video/mp4")),
                Some(LectureFormat::Video),
            ),
            (
                link("https://x.org/e1.mp3?t=1", None),
                Some(LectureFormat::Audio),
            ),
            (link("https://x.org/photo.jpg", Some("image/jpeg")), None),
            (link("/images/me.png", None), None),
        ];
        for (link, format) in cases {
            assert_eq!(recording_format(&link), format, "{}", link.href);
        }
    }
}
