//! Catalog benchmarks (figures for the issue notes, not pass/fail):
//! - search over 50,000 entries built from real strings (the W3C OPDS 2 feed's titles and
//!   authors and the titles of 唐詩三百首), p95 per keystroke query, for characters, pinyin
//!   and English;
//! - importing `opds/w3c-epub-tests-opds2.json` (199 publications): parse and cache;
//! - refreshing 20 unchanged sources over loopback (every answer a 304).
//!
//! Run: `cargo bench --bench catalog`

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use leling::catalog::fetch::Fetcher;
use leling::catalog::remote;
use leling::catalog::search_keys::{index_words, pinyin_forms, query_terms};
use leling::catalog::sources;
use leling::store::{CachedPage, SearchRow, Store};

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

/// Real titles and names: the OPDS 2 feed's publications and the poems of 唐詩三百首.
fn real_strings() -> Vec<(String, String)> {
    let feed = std::fs::read(corpus("opds/w3c-epub-tests-opds2.json")).unwrap();
    let catalog = remote::parse(&feed, None, None).unwrap();
    let mut strings: Vec<(String, String)> = catalog
        .entries
        .iter()
        .map(|e| (e.title.clone(), e.authors.join(" ")))
        .collect();
    let poems: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus("poetry/tangshisanbaishou.json")).unwrap())
            .unwrap();
    for group in poems["content"].as_array().unwrap() {
        for poem in group["content"].as_array().unwrap() {
            strings.push((
                poem["chapter"].as_str().unwrap_or_default().to_string(),
                poem["author"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    strings
}

fn search_benchmark() {
    let strings = real_strings();
    let rows: Vec<SearchRow> = (0..50_000)
        .map(|i| {
            let (title, author) = &strings[i % strings.len()];
            // Each copy a distinct entry, as 50,000 real ones would be.
            let title = format!("{title} {}", i / strings.len());
            SearchRow {
                kind: "remote".into(),
                key: i.to_string(),
                title: title.clone(),
                detail: author.clone(),
                words: index_words(&format!("{title} {author}")),
                pinyin: [pinyin_forms(&title), pinyin_forms(author)].join(" "),
            }
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("leling.db")).unwrap();
    let started = Instant::now();
    store
        .library()
        .replace_search_index(&rows, "bench", &mut |_| {})
        .unwrap();
    println!(
        "index 50,000 entries: {:.0} ms (once, when catalogs change)",
        started.elapsed().as_secs_f64() * 1000.0
    );
    // Each query typed key by key: every prefix is one search, as the screen runs it.
    let groups: [(&str, &[&str]); 3] = [
        ("characters", &["春曉", "靜夜思", "黃鶴樓", "月"]),
        ("pinyin", &["jys", "chunxiao", "hhl", "libai"]),
        ("English", &["accessibility", "moby", "navigation", "test"]),
    ];
    for (name, queries) in groups {
        let mut samples = Vec::new();
        for query in queries {
            let chars: Vec<char> = query.chars().collect();
            for end in 1..=chars.len() {
                let typed: String = chars[..end].iter().collect();
                for _ in 0..5 {
                    let started = Instant::now();
                    std::hint::black_box(store.library().search(&query_terms(&typed)).unwrap());
                    samples.push(started.elapsed());
                }
            }
        }
        println!(
            "search 50,000 entries, {name}: p95 {:.2} ms, median {:.2} ms per keystroke query ({} queries)",
            percentile(samples.clone(), 0.95),
            percentile(samples.clone(), 0.5),
            samples.len()
        );
    }
}

fn import_benchmark() {
    let feed = std::fs::read(corpus("opds/w3c-epub-tests-opds2.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("leling.db")).unwrap();
    store
        .catalogs()
        .add_source("w3c", "https://example.org/opds.json")
        .unwrap();
    let source = store.catalogs().source("w3c").unwrap().unwrap();
    let samples: Vec<Duration> = (0..10)
        .map(|_| {
            let started = Instant::now();
            let catalog = remote::parse(&feed, Some("application/opds+json"), None).unwrap();
            assert_eq!(catalog.entries.len(), 199);
            let page = CachedPage {
                page: 1,
                url: "https://example.org/opds.json".into(),
                fetched_at: chrono::Utc::now().to_rfc3339(),
                etag: None,
                last_modified: None,
                content_type: None,
                body: feed.clone(),
            };
            store
                .catalogs()
                .replace_cached_pages(source.id, &[page])
                .unwrap();
            started.elapsed()
        })
        .collect();
    println!(
        "import the W3C OPDS 2 feed (199 publications, parse and cache): median {:.1} ms",
        percentile(samples, 0.5)
    );
}

/// A loopback server that answers every request for a feed with an ETag, and 304 when asked
/// with that ETag.
fn etag_server(body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let body = body.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut current = false;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    current |= line
                        .to_ascii_lowercase()
                        .starts_with("if-none-match: \"v1\"");
                }
                let mut out = stream;
                if current {
                    let _ = write!(
                        out,
                        "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n"
                    );
                } else {
                    let _ = write!(
                        out,
                        "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = out.write_all(&body);
                }
            });
        }
    });
    address
}

fn refresh_benchmark() {
    let feed = std::fs::read(corpus("feeds/rss2/rss_2.0_ch9.xml")).unwrap();
    let address = etag_server(feed);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("leling.db")).unwrap();
    let fetcher = Fetcher::new();
    for n in 0..20 {
        let url = format!("{address}/feed{n}.xml");
        sources::add(
            &store,
            &fetcher,
            &url,
            Some(&format!("source {n}")),
            &mut |_, _| {},
        )
        .unwrap();
    }
    let samples: Vec<Duration> = (0..10)
        .map(|_| {
            let started = Instant::now();
            for source in store.catalogs().sources().unwrap() {
                let outcome = sources::refresh(&store, &fetcher, &source, &mut |_, _| {});
                assert!(
                    matches!(outcome, sources::Outcome::Unchanged),
                    "{outcome:?}"
                );
            }
            started.elapsed()
        })
        .collect();
    println!(
        "refresh 20 unchanged sources over loopback (all 304): median {:.1} ms in all",
        percentile(samples, 0.5)
    );
}

fn main() {
    search_benchmark();
    import_benchmark();
    refresh_benchmark();
}
