//! Reading-club benchmarks (figures for the issue notes, not pass/fail):
//! - check-in p95, each committed to the database file (WAL, synchronous FULL) before it
//!   returns, as a volunteer's Enter does;
//! - the activity report over 100,000 attendances (12 clubs, a year of weekly sessions);
//! - name or pinyin search over 10,000 members, p95 per keystroke query.
//!
//! Names are made from the poets' names in 唐詩三百首 (surname of one, given name of another).
//! Run: `cargo bench --bench clubs`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use leling::club::members::{MemberIndex, new_member, search_keys};
use leling::store::{NewClub, NewMember, NewSession, Store};

fn corpus(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(relative)
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 * p).ceil() as usize).saturating_sub(1);
    samples[index].as_secs_f64() * 1000.0
}

/// `count` names in the shape of Chinese names, from the poets of 唐詩三百首.
fn member_names(count: usize) -> Vec<String> {
    let poems: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus("poetry/tangshisanbaishou.json")).unwrap())
            .unwrap();
    let mut poets: Vec<Vec<char>> = Vec::new();
    for group in poems["content"].as_array().unwrap() {
        for poem in group["content"].as_array().unwrap() {
            let name: Vec<char> = poem["author"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .collect();
            if name.len() >= 2 && !poets.contains(&name) {
                poets.push(name);
            }
        }
    }
    (0..count)
        .map(|i| {
            let surname = poets[i % poets.len()][0];
            let given: String = poets[(i / poets.len() + i * 7) % poets.len()][1..]
                .iter()
                .collect();
            format!("{surname}{given}")
        })
        .collect()
}

fn checkin_benchmark(dir: &Path) {
    let store = Store::open(&dir.join("checkin.db")).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let names = member_names(200);
    let members: Vec<NewMember> = names
        .iter()
        .enumerate()
        .map(|(i, name)| new_member(name, Some(&format!("{i:05}")), day))
        .collect();
    store.clubs().import_members(&members).unwrap();
    let club = store
        .clubs()
        .add_club(&NewClub {
            name: "银杏读书会".into(),
            ..NewClub::default()
        })
        .unwrap();
    let ids: Vec<String> = store
        .clubs()
        .members()
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let mut samples = Vec::new();
    for round in 0..5 {
        let session = store
            .clubs()
            .start_session(
                &club,
                &NewSession {
                    held_on: Some(day + chrono::Days::new(round * 7)),
                    ..NewSession::default()
                },
            )
            .unwrap();
        for id in &ids {
            let start = Instant::now();
            store.clubs().check_in(&session.id, id).unwrap();
            samples.push(start.elapsed());
        }
    }
    println!(
        "check-in (committed), {} check-ins: p50 {:.2} ms, p95 {:.2} ms",
        samples.len(),
        percentile(samples.clone(), 0.50),
        percentile(samples, 0.95)
    );
}

fn report_benchmark(dir: &Path) {
    let store = Store::open(&dir.join("report.db")).unwrap();
    let first = NaiveDate::from_ymd_opt(2025, 12, 6).unwrap();
    let names = member_names(2_000);
    let members: Vec<NewMember> = names
        .iter()
        .enumerate()
        .map(|(i, name)| new_member(name, Some(&format!("{i:05}")), first))
        .collect();
    store.clubs().import_members(&members).unwrap();
    let ids: Vec<String> = store
        .clubs()
        .members()
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let built = Instant::now();
    let mut attendances = 0;
    let built_all = store.atomically(|| -> Result<(), leling::store::ClubError> {
        for c in 0..12 {
            let club = store
                .clubs()
                .add_club(&NewClub {
                    name: format!("读书会{c}"),
                    venue: format!("场地{}", c % 4),
                    ..NewClub::default()
                })
                .unwrap();
            for week in 0..52u64 {
                let session = store
                    .clubs()
                    .start_session(
                        &club,
                        &NewSession {
                            held_on: Some(first + chrono::Days::new(week * 7)),
                            starts_at: Some("09:30".into()),
                            ends_at: Some("11:00".into()),
                            ..NewSession::default()
                        },
                    )
                    .unwrap();
                // 160 of the club's people come each week: 12 × 52 × 160 = 99,840.
                for k in 0..160 {
                    let who = (c * 150 + k + week as usize * 3) % ids.len();
                    store.clubs().check_in(&session.id, &ids[who]).unwrap();
                    attendances += 1;
                }
                store.clubs().end_session(&session.id, "").unwrap();
            }
        }
        Ok(())
    });
    built_all.unwrap();
    println!(
        "built {attendances} attendances in {:.1} s",
        built.elapsed().as_secs_f64()
    );
    let from = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut samples = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let report = (store.clubs().report(from, to, None, &Default::default())).unwrap();
        samples.push(start.elapsed());
        assert_eq!(report.totals.person_times, attendances);
    }
    println!(
        "report over {attendances} attendances: median {:.1} ms, max {:.1} ms",
        percentile(samples.clone(), 0.5),
        percentile(samples, 1.0)
    );
}

fn member_search_benchmark() {
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let names = member_names(10_000);
    let index = MemberIndex::new(
        names
            .iter()
            .enumerate()
            .map(|(i, name)| leling::store::Member {
                id: i.to_string(),
                name: name.clone(),
                card: Some(format!("{:06}", 100_000 + i)),
                phone: None,
                birth_year: None,
                consent_on: None,
                lang: None,
                joined_on: day,
                search_keys: search_keys(name),
            })
            .collect(),
    );
    // What a volunteer types, keystroke by keystroke: characters, pinyin initials, full
    // pinyin, and card digits.
    let typed = [
        "李", "李白", "l", "lb", "lib", "libai", "d", "du", "dufu", "1", "100", "100123",
    ];
    let mut samples = Vec::new();
    for _ in 0..20 {
        for query in typed {
            let start = Instant::now();
            let found = index.find(query, 7);
            samples.push(start.elapsed());
            std::hint::black_box(found);
        }
    }
    println!(
        "member search over {} members: p50 {:.2} ms, p95 {:.2} ms",
        index.len(),
        percentile(samples.clone(), 0.5),
        percentile(samples, 0.95)
    );
}

fn main() {
    // Beside the build, on the disk the kiosk's database would be on (not a memory-backed
    // /tmp), so each commit's fsync is paid.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    checkin_benchmark(dir.path());
    member_search_benchmark();
    report_benchmark(dir.path());
}
