//! Small conversions every format shares: ids for entries that have none, minutes from
//! seconds, dates as people write them, and the lecture format from the files' media types.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::{EntryLink, LinkRole, RemoteEntry};
use crate::LectureFormat;

/// China's offset, for schedule times written without one.
pub(super) fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+08:00 is a valid offset")
}

/// Fills in what every format derives the same way, after the format's own mapping: the id
/// when the document gave none (the first link, else a hash of the title), the lecture format
/// from the media types, and each link once.
pub(super) fn complete(entry: &mut RemoteEntry) {
    let mut seen = std::collections::HashSet::new();
    entry.links.retain(|link| seen.insert(link.href.clone()));
    if entry.id.trim().is_empty() {
        entry.id = match entry.links.first() {
            Some(link) => link.href.clone(),
            None => stable_id(&[&entry.title]),
        };
    }
    if entry.format.is_none() {
        entry.format = format_of(&entry.links);
    }
}

/// An id that stays the same for the same text on every run and every Rust version (the
/// standard hasher promises neither): FNV-1a over the parts, each ended by a separator.
pub(super) fn stable_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("urn:leling:{hash:016x}")
}

/// Whole minutes, rounded, and at least one for any non-zero length: a 40-second clip is
/// "1 minute", not "0 minutes".
pub(super) fn minutes_from_seconds(seconds: f64) -> Option<u32> {
    if !seconds.is_finite() || seconds <= 0.0 {
        return None;
    }
    let minutes = (seconds / 60.0).round().max(1.0);
    (minutes <= f64::from(u32::MAX)).then_some(minutes as u32)
}

/// Video when any file is a video (a video lecture usually offers its sound as well), else
/// audio when any file is audio.
pub(super) fn format_of(links: &[EntryLink]) -> Option<LectureFormat> {
    let media: Vec<String> = links
        .iter()
        .filter(|link| {
            matches!(
                link.rel,
                LinkRole::Enclosure | LinkRole::Acquisition | LinkRole::OpenAccess
            )
        })
        .filter_map(|link| link.media_type.as_deref())
        .map(str::to_ascii_lowercase)
        .collect();
    if media.iter().any(|media| media.starts_with("video/")) {
        Some(LectureFormat::Video)
    } else if media
        .iter()
        .any(|media| media.starts_with("audio/") || media.starts_with("application/audiobook"))
    {
        Some(LectureFormat::Audio)
    } else {
        None
    }
}

/// Adds `value` unless it is empty or already there (authors and subjects are often repeated
/// between a feed's own elements and its iTunes or Dublin Core ones).
pub(super) fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|existing| existing == value) {
        list.push(value.to_string());
    }
}

/// A date and time as a schedule is written: RFC 3339, or `2026-11-24 09:30`,
/// `2026/11/24 9:30`, `2026-11-24T09:30`, `2026年11月24日 9:30`, with or without seconds; a
/// time without an offset is taken at `offset`.
pub(super) fn parse_datetime(text: &str, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    const FORMATS: [&str; 8] = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y/%m/%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日%H:%M",
    ];
    let text = text.trim();
    if let Ok(datetime) = DateTime::parse_from_rfc3339(text) {
        return Some(datetime);
    }
    FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .and_then(|naive| offset.from_local_datetime(&naive).single())
}

/// A publication date, which may be a day without a time (taken as midnight UTC).
pub(super) fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let utc = FixedOffset::east_opt(0)?;
    parse_datetime(text, utc).or_else(|| {
        ["%Y-%m-%d", "%Y/%m/%d"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(text.trim(), format).ok())
            .and_then(|day| {
                utc.from_local_datetime(&day.and_time(NaiveTime::MIN))
                    .single()
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(rel: LinkRole, media_type: &str) -> EntryLink {
        EntryLink {
            href: format!("https://x.example/{media_type}"),
            media_type: Some(media_type.to_string()),
            rel,
            length: None,
        }
    }

    #[test]
    fn ids_are_stable_and_differ_by_text() {
        assert_eq!(stable_id(&["讲座"]), stable_id(&["讲座"]));
        assert_ne!(stable_id(&["a", "b"]), stable_id(&["ab"]));
        assert_eq!(stable_id(&[""]), "urn:leling:af64724c8602eb6e");
    }

    #[test]
    fn minutes_round_and_never_say_zero() {
        assert_eq!(minutes_from_seconds(867.0), Some(14));
        assert_eq!(minutes_from_seconds(40.0), Some(1));
        assert_eq!(minutes_from_seconds(0.0), None);
        assert_eq!(minutes_from_seconds(f64::NAN), None);
        assert_eq!(minutes_from_seconds(1e300), None);
    }

    #[test]
    fn video_wins_over_audio_and_images_do_not_count() {
        let both = [
            link(LinkRole::Enclosure, "audio/mpeg"),
            link(LinkRole::Enclosure, "video/mp4"),
        ];
        assert_eq!(format_of(&both), Some(LectureFormat::Video));
        assert_eq!(
            format_of(&[link(LinkRole::Acquisition, "audio/mpeg")]),
            Some(LectureFormat::Audio)
        );
        assert_eq!(format_of(&[link(LinkRole::Image, "video/mp4")]), None);
    }

    #[test]
    fn schedule_dates_take_china_time_unless_they_say_otherwise() {
        let china = china();
        for text in [
            "2026-11-24 09:30",
            "2026/11/24 9:30",
            "2026-11-24T09:30:00",
            "2026年11月24日 9:30",
        ] {
            let parsed = parse_datetime(text, china).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(parsed.to_rfc3339(), "2026-11-24T09:30:00+08:00", "{text}");
        }
        let utc = parse_datetime("2026-11-24T01:30:00Z", china).unwrap();
        assert_eq!(utc.to_rfc3339(), "2026-11-24T01:30:00+00:00");
        assert_eq!(parse_datetime("2026-13-01 09:30", china), None);
        assert_eq!(parse_datetime("next Tuesday", china), None);
        assert_eq!(parse_datetime("2026-11-24", china), None);
        assert_eq!(
            parse_date("2014-02-27").unwrap().to_rfc3339(),
            "2014-02-27T00:00:00+00:00"
        );
    }
}
