//! The district's report (`leling-hub report`): activities and person-times across every
//! centre the hub holds, per district, centre or club and month, with a total per district and
//! one for all. Counted by the rules of a centre's report (`leling_core::report_tally`): a
//! person once per row and once per period, one card one person wherever she registered.

use leling_core::credits::CreditRules;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::storage::{CentreRow, DeviceRecord};
use leling_core::model::{Lang, ReportCounts};
use leling_core::report_tally::{Tally, TallySession};
use leling_i18n::{t, t_with};
use leling_report::{ReportTable, TableRow, figures, period};

/// What one row of the report stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    District,
    Centre,
    Club,
}

/// The report's rows: sessions, check-ins and who each member is, read from the hub's rows.
pub struct HubReport {
    pub table: ReportTable,
    /// The figures for all districts together.
    pub totals: ReportCounts,
}

/// A session with where it was held: (district, centre, club, venue), then its day.
struct Held {
    id: String,
    club_id: String,
    place: [String; 4],
    held_on: NaiveDate,
}

/// What the hub's rows hold that the report needs.
#[derive(Default)]
struct Rows {
    sessions: Vec<Held>,
    /// (session, member, minutes read).
    check_ins: Vec<(String, String, u64)>,
    /// The session each quiz run with a session was run with.
    quizzes: Vec<String>,
    /// Member id → the person it is: one card is one person (as every kiosk merges them).
    person_of: HashMap<String, String>,
}

/// Counts the report from the hub's live rows of the centres' tables, the centres' districts
/// taken from the devices registered to them.
pub fn district_report(
    held: &[CentreRow],
    devices: &[DeviceRecord],
    from: NaiveDate,
    to: NaiveDate,
    by: By,
    lang: Lang,
) -> HubReport {
    let districts: HashMap<&str, &str> = devices
        .iter()
        .map(|d| (d.centre.as_str(), d.district.as_str()))
        .collect();
    let rows = read_rows(held, &districts, to, lang);
    let group = |held: &Held| -> Vec<String> {
        let [district, centre, club, venue] = held.place.clone();
        let month = held.held_on.format("%Y-%m").to_string();
        match by {
            By::District => vec![district, month],
            By::Centre => vec![district, centre, month],
            By::Club => vec![district, centre, club, venue, month],
        }
    };
    let per_row = tally(&rows, from, group);
    // Each district's total counts its people once over the whole period, as the grand total
    // does: a second tally with one row per district.
    let per_district = tally(&rows, from, |held| vec![held.place[0].clone()]);
    let columns = match by {
        By::District => 1,
        By::Centre => 2,
        By::Club => 4,
    };
    // The credits column under the default rules: centres' own rules stay on their kiosks, and
    // one rule across the district keeps its centres comparable.
    let rules = CreditRules::default();
    let mut table_rows = Vec::new();
    for (district, district_counts) in &per_district.rows {
        let within = per_row.rows.iter().filter(|(key, _)| key[0] == district[0]);
        table_rows.extend(within.map(|(key, counts)| TableRow {
            texts: key.clone(),
            figures: figures(counts, &rules),
            total: false,
        }));
        let mut texts = vec![district[0].clone(), t(lang, "hub-report-district-total")];
        texts.resize(columns + 1, String::new());
        table_rows.push(TableRow {
            texts,
            figures: figures(district_counts, &rules),
            total: true,
        });
    }
    let mut texts = vec![t(lang, "report-total")];
    texts.resize(columns + 1, String::new());
    table_rows.push(TableRow {
        texts,
        figures: figures(&per_row.totals, &rules),
        total: true,
    });
    let headers = ["hub-report-col-district", "hub-report-col-centre"]
        .iter()
        .map(|id| t(lang, id))
        .take(columns.min(2))
        .chain(match by {
            By::Club => vec![t(lang, "report-col-club"), t(lang, "report-col-venue")],
            _ => Vec::new(),
        })
        .chain(std::iter::once(t(lang, "report-col-month")))
        .collect();
    let [(from_key, from_text), (to_key, to_text)] = period(from, to);
    HubReport {
        table: ReportTable {
            title: t_with(
                lang,
                "hub-report-title",
                &[(from_key, from_text.into()), (to_key, to_text.into())],
            ),
            text_headers: headers,
            rows: table_rows,
            note: t(lang, "hub-report-note"),
        },
        totals: per_row.totals,
    }
}

fn tally(
    rows: &Rows,
    from: NaiveDate,
    group: impl Fn(&Held) -> Vec<String>,
) -> leling_core::report_tally::Tallied<Vec<String>> {
    let sessions: Vec<TallySession<Vec<String>>> = rows
        .sessions
        .iter()
        .map(|held| TallySession {
            id: held.id.clone(),
            club_id: held.club_id.clone(),
            held_on: held.held_on,
            group: group(held),
        })
        .collect();
    let mut tally = Tally::new(&sessions, from);
    for (session, member, minutes) in &rows.check_ins {
        let person = rows.person_of.get(member).unwrap_or(member);
        // Her two registrations may both have been checked in to one session on two kiosks.
        tally.count_once(session, person, *minutes);
    }
    for session in &rows.quizzes {
        tally.count_quiz(session);
    }
    tally.finish()
}

/// Reads the rows the report needs, up to `to`; a row that does not parse, or names a club
/// the hub does not hold, is left out as a kiosk's report leaves it out.
fn read_rows(
    held: &[CentreRow],
    districts: &HashMap<&str, &str>,
    to: NaiveDate,
    lang: Lang,
) -> Rows {
    let parsed = held.iter().filter_map(|row| {
        let Ok(Value::Object(columns)) = serde_json::from_str::<Value>(&row.row) else {
            return None;
        };
        let deleted = columns.get("deleted").and_then(Value::as_i64) == Some(1);
        (!deleted).then_some((row, columns))
    });
    let text = |columns: &Map<String, Value>, name: &str| {
        columns.get(name).and_then(Value::as_str).map(str::to_owned)
    };
    let mut clubs: HashMap<String, String> = HashMap::new();
    let mut sessions = Vec::new();
    let mut rows = Rows::default();
    for (row, columns) in parsed {
        match row.table.as_str() {
            "clubs" => {
                if let (Some(id), Some(name)) = (text(&columns, "id"), text(&columns, "name")) {
                    clubs.insert(id, name);
                }
            }
            "members" => {
                let card = text(&columns, "card").filter(|card| !card.trim().is_empty());
                if let (Some(id), Some(card)) = (text(&columns, "id"), card) {
                    rows.person_of.insert(id, format!("card {}", card.trim()));
                }
            }
            "club_sessions" => {
                let held_on = text(&columns, "held_on")
                    .and_then(|day| NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok())
                    .filter(|day| *day <= to);
                if let (Some(id), Some(club_id), Some(held_on)) =
                    (text(&columns, "id"), text(&columns, "club_id"), held_on)
                {
                    let venue = text(&columns, "venue").unwrap_or_default();
                    sessions.push((id, club_id, venue, held_on, row.centre.clone()));
                }
            }
            "attendance" => {
                let minutes = columns.get("minutes_read").and_then(Value::as_i64);
                if let (Some(session), Some(member)) =
                    (text(&columns, "session_id"), text(&columns, "member_id"))
                {
                    let minutes = minutes.unwrap_or(0).max(0) as u64;
                    rows.check_ins.push((session, member, minutes));
                }
            }
            "session_quizzes" => rows.quizzes.extend(text(&columns, "session_id")),
            _ => {}
        }
    }
    rows.sessions = sessions
        .into_iter()
        .filter_map(|(id, club_id, venue, held_on, centre)| {
            let club = clubs.get(&club_id)?.clone();
            let district = districts.get(centre.as_str()).copied().unwrap_or_default();
            let place = [
                named_or(district, lang, "hub-report-no-district"),
                named_or(&centre, lang, "hub-device-no-centre"),
                club,
                venue,
            ];
            Some(Held {
                id,
                club_id,
                place,
                held_on,
            })
        })
        .collect();
    rows
}

/// A centre or district as the report names it: devices added without one are one unnamed
/// centre, said in words.
fn named_or(name: &str, lang: Lang, unnamed: &str) -> String {
    if name.is_empty() {
        t(lang, unnamed)
    } else {
        name.to_owned()
    }
}
