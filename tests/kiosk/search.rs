//! One search across the recommended lists, lectures, guides and the library, from the
//! command line (`leling search`) and on screen as the person types.

use std::path::Path;
use std::process::Command;

use crate::common::{app, press, type_keys};
use leling::model::Lang;
use ratatui::crossterm::event::KeyCode;

fn search(data: &Path, query: &str) -> Vec<serde_json::Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_leling"))
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en", "search", "--json", query])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_book_is_found_by_either_script_by_pinyin_and_by_english() {
    let data = tempfile::tempdir().unwrap();
    for query in [
        "红楼梦",
        "紅樓夢",
        "hongloumeng",
        "hlm",
        "Red Chamber",
        "cao xue",
    ] {
        let hits = search(data.path(), query);
        assert_eq!(ids(&hits), ["hongloumeng"], "{query}");
    }
    // English words by their start; one or two characters go the LIKE way, trigrams need three.
    assert!(ids(&search(data.path(), "walde")).contains(&"walden".to_string()));
    let lu_xun = search(data.path(), "鲁迅");
    assert!(lu_xun.len() >= 2, "{lu_xun:?}");
    assert!(lu_xun.iter().all(|h| h["kind"] == "book"));
    // A lecture topic in either language.
    let scams = search(data.path(), "防诈骗");
    assert!(!scams.is_empty() && scams.iter().any(|h| h["kind"] == "lecture"));
    assert_eq!(
        ids(&search(data.path(), "no such thing anywhere")),
        Vec::<String>::new()
    );
}

#[test]
fn english_words_are_found_by_their_start_and_chinese_anywhere() {
    let data = tempfile::tempdir().unwrap();
    // 《史记》 is "Records of the Grand Historian", "the first great history of China".
    for query in ["hist", "Historian", "grand hist", "rec"] {
        assert!(
            ids(&search(data.path(), query)).contains(&"shiji".to_string()),
            "{query}"
        );
    }
    // The middle or end of a word finds nothing there, however many letters are typed.
    for query in ["story", "torian", "ist", "ecords"] {
        assert!(
            !ids(&search(data.path(), query)).contains(&"shiji".to_string()),
            "{query}"
        );
    }
    // Chinese is still found inside a title, and pinyin inside a spelling.
    for query in ["记", "史记", "shiji", "sj", "iji"] {
        assert!(
            ids(&search(data.path(), query)).contains(&"shiji".to_string()),
            "{query}"
        );
    }
}

#[test]
fn every_reading_of_a_many_reading_character_finds_the_library_book() {
    let data = tempfile::tempdir().unwrap();
    let book = data.path().join("bank.md");
    std::fs::write(&book, "# 银行里的一天\n\n今天去银行办事，排了很久的队。\n").unwrap();
    let added = Command::new(env!("CARGO_BIN_EXE_leling"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", "en", "add"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(added.status.success());
    for query in ["yh", "yinhang", "yinxing", "银行"] {
        let hits = search(data.path(), query);
        assert!(
            hits.iter()
                .any(|h| h["kind"] == "library" && h["title"] == "银行里的一天"),
            "{query}: {hits:?}"
        );
    }
}

#[test]
fn results_come_as_you_type_and_enter_opens_the_book() {
    let mut t = app(Lang::Zh, false);
    press(&mut t.app, KeyCode::Char('1')); // Books
    press(&mut t.app, KeyCode::Char('4')); // Search
    type_keys(&mut t.app, "h");
    let after_one = t.app.view().items.len();
    type_keys(&mut t.app, "lm");
    let view = t.app.view();
    assert!(after_one > view.items.len(), "typing narrows the results");
    assert_eq!(view.items, ["【书】 红楼梦 — 曹雪芹"]);
    assert_eq!(view.body, ["找到 1 个结果"]);
    press(&mut t.app, KeyCode::Enter);
    assert_eq!(t.app.view().title, "红楼梦");
}
