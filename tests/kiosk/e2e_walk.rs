//! A learner's walk through a kiosk, as she lives it, in a real terminal (tmux) at 40×12 and
//! 80×24 in both languages, with the speech log: she signs in, has her book read aloud, makes
//! the text larger and smaller, leaves, comes back through 继续阅读, searches `hlm`, opens a
//! lecture's QR code and looks at her learning. Along the way nothing said is empty, nothing
//! is said again from the screen before, no bar, web address or `http` is read out, and a
//! Chinese screen shows no Latin letters but key names and the books' and catalogs' own words.

use std::collections::HashSet;
use std::path::Path;

use crate::common::{Tmux, corpus, prepare, release_command, said, wait_until};

/// Key names printed on the keys themselves, which a Chinese screen names as they are.
const KEY_NAMES: &[&str] = &[
    "Esc", "q", "F1", "PageDown", "PageUp", "Home", "End", "S", "C", "W", "T", "B", "M", "G", "R",
    "L",
];

/// Every run of Latin letters in the words a learner may meet as content: the bundled lists,
/// lectures and guides, and the book she reads.
fn content_words(book: &Path) -> HashSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut text = std::fs::read_to_string(book).unwrap();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    latin_words(&text).into_iter().collect()
}

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A Chinese screen's Latin words that are neither key names nor content.
fn stray_latin(screen: &str, content: &HashSet<String>, typed: &[&str]) -> Vec<String> {
    latin_words(screen)
        .into_iter()
        .filter(|w| !KEY_NAMES.contains(&w.as_str()))
        .filter(|w| !content.contains(w) && !typed.contains(&w.as_str()))
        .collect()
}

struct Walk {
    term: Tmux,
    log: std::path::PathBuf,
    lang: &'static str,
    content: HashSet<String>,
    screens: Vec<String>,
}

impl Walk {
    fn keys(&mut self, keys: &[&str]) {
        self.term.keys(keys);
        std::thread::sleep(std::time::Duration::from_millis(150));
        let screen = self.term.capture(false);
        self.look(&screen);
    }

    fn wait(&mut self, text: &str) -> String {
        let screen = self.term.wait_for_text(text);
        self.look(&screen);
        screen
    }

    /// What she sees must hold no stray Latin words on a Chinese screen (large print, drawn
    /// in block characters, has no letters to check).
    fn look(&mut self, screen: &str) {
        if self.lang == "zh" {
            let stray = stray_latin(screen, &self.content, &["hlm"]);
            assert!(stray.is_empty(), "Latin words {stray:?} on:\n{screen}");
        }
        self.screens.push(screen.to_owned());
    }

    fn home(&mut self) {
        let home = if self.lang == "zh" {
            "乐龄 · 主页"
        } else {
            "Leling · Home"
        };
        for _ in 0..6 {
            let before = self.settled();
            if before.contains(home) {
                return;
            }
            // One Escape at a time, each answered before the next: a second one pressed at
            // home, on a slow machine, would have the home screen said twice.
            self.term.keys(&["Escape"]);
            let screen = self
                .term
                .wait_for("the screen to answer Escape", |now| now != before);
            self.look(&screen);
        }
        self.wait(home);
    }

    /// The screen once it has answered every key sent before (it has drawn and stopped
    /// changing): on a loaded machine a key may still be on its way after `keys`' pause, and
    /// an Escape pressed on top of it at home would have the home screen said twice.
    fn settled(&mut self) -> String {
        let mut last = self.term.capture(false);
        for _ in 0..50 {
            std::thread::sleep(std::time::Duration::from_millis(200));
            let now = self.term.capture(false);
            if now == last && !now.trim().is_empty() {
                return now;
            }
            last = now;
        }
        last
    }

    /// ↓ until a choice is focused (a tall page shows its text first).
    fn down_to_a_choice(&mut self) {
        for _ in 0..10 {
            if self.term.capture(false).contains('▶') {
                return;
            }
            self.keys(&["Down"]);
        }
        panic!("no choice came into view:\n{}", self.term.capture(false));
    }
}

fn walk(lang: &'static str, width: u16, height: u16) {
    let zh = lang == "zh";
    let book = if zh {
        corpus("texts/zh/luxun-nahan-traditional-pg27166.txt")
    } else {
        corpus("texts/en/pride-and-prejudice-pg1342.txt")
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    prepare(dir.path(), &["add", book.to_str().unwrap()]);
    prepare(dir.path(), &["member", "add", "张秀英", "--card", "1001"]);
    let command = release_command(
        dir.path(),
        &["--lang", lang, "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(width, height, &command) else {
        return;
    };
    let mut w = Walk {
        term,
        log: log.clone(),
        lang,
        content: content_words(&book),
        screens: Vec::new(),
    };
    let words =
        |zh_words: &'static str, en_words: &'static str| if zh { zh_words } else { en_words };
    w.home();

    // Sign in with her card.
    w.keys(&["5"]);
    w.keys(&["1001", "Enter"]);
    w.wait(words("张秀英：我的学习", "张秀英: my learning"));
    w.home();

    // Her book, read aloud one sentence at a time; larger and smaller text while it reads.
    w.keys(&["1"]);
    w.keys(&["1"]);
    w.keys(&["1"]);
    w.wait(words("第 1", "Page 1"));
    w.keys(&["S", " "]);
    wait_until("a sentence to be read", || !said(&w.log, "text").is_empty());
    w.keys(&["Right"]);
    wait_until("the next sentence", || said(&w.log, "text").len() >= 2);
    w.keys(&["+"]);
    w.keys(&["-"]);
    let reached = said(&w.log, "text").last().unwrap().clone();
    w.home();

    // Back through 继续阅读: the sentence she reached.
    w.keys(&["3"]);
    w.wait(words("第 ", "Page "));
    let before = said(&w.log, "text").len();
    w.keys(&["Enter"]);
    wait_until("the sentence to be read again", || {
        said(&w.log, "text").len() > before
    });
    let again = said(&w.log, "text")[before].clone();
    assert!(
        again == reached || said(&w.log, "text")[..before].contains(&again),
        "came back to {again:?}, had reached {reached:?}"
    );
    w.home();

    // Search by pinyin initials.
    w.keys(&["1"]);
    w.keys(&["4"]);
    w.keys(&["hlm"]);
    w.wait(words("红楼梦", "Dream of the Red Chamber"));
    w.home();

    // A lecture's QR code (Lectures → All → the second lecture).
    w.keys(&["2"]);
    w.keys(&["3"]);
    w.keys(&["2"]);
    w.down_to_a_choice();
    w.keys(&["Enter"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    w.keys(&["Escape"]);
    w.home();

    // Her learning.
    w.keys(&["5"]);
    w.wait(words("张秀英：我的学习", "张秀英: my learning"));
    w.home();

    // What was said.
    let messages = said(&log, "message");
    let text = said(&log, "text");
    assert!(messages.len() > 10, "{messages:#?}");
    for utterance in messages.iter().chain(&text) {
        assert!(!utterance.trim().is_empty(), "an empty utterance");
        assert!(!utterance.contains('█'), "a bar read out: {utterance}");
        assert!(
            !utterance.contains("://") && !utterance.to_lowercase().contains("http"),
            "an address read out: {utterance}"
        );
    }
    for pair in messages.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.chars().count() >= 8 {
            assert!(
                !after.contains(before.as_str()),
                "said again: {before:?} within {after:?}"
            );
        }
    }
}

#[test]
fn a_learners_walk_in_chinese_at_80_by_24() {
    walk("zh", 80, 24);
}

#[test]
fn a_learners_walk_in_chinese_at_40_by_12() {
    walk("zh", 40, 12);
}

#[test]
fn a_learners_walk_in_english_at_80_by_24() {
    walk("en", 80, 24);
}

#[test]
fn a_learners_walk_in_english_at_40_by_12() {
    walk("en", 40, 12);
}
