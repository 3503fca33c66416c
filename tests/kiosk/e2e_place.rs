//! A learner's place in a book, as she lives it in a real terminal (tmux): signed in, she reads
//! on, leaves, comes back through 继续阅读 and after a restart, and finds the sentence she
//! reached; the guest at the same kiosk keeps a place of its own. A place that cannot be saved
//! is said once, on screen and aloud.

use crate::common;

use std::path::Path;

use crate::common::{Tmux, corpus, prepare, reading_command, release_command, said, wait_until};
use leling::layout::{BookText, sentences};

/// The first sentences of 吶喊's first chapter, as the reader reads them.
fn first_sentences(book: &Path, n: usize) -> Vec<String> {
    let text = BookText::new(leling::document::open(book).unwrap());
    let chapter = &text.chapters[0];
    sentences(chapter)
        .into_iter()
        .take(n)
        .map(|r| chapter.text[r].to_owned())
        .collect()
}

fn kiosk(dir: &Path, log: &Path) -> Option<Tmux> {
    let command = release_command(
        dir,
        &["--lang", "zh", "--speech-log", log.to_str().unwrap()],
    );
    Tmux::start(80, 24, &command)
}

fn sign_in(term: &Tmux, card: &str) {
    term.keys(&["5"]);
    term.wait_for_text("登录");
    term.keys(&[card, "Enter"]);
    term.wait_for_text("张秀英：我的学习");
    term.keys(&["Escape"]);
    term.wait_for_text("乐龄 · 主页");
}

/// 继续阅读, then Enter: the sentence at the place is read again; returns it.
fn sentence_at_the_place(term: &Tmux, log: &Path) -> String {
    term.keys(&["3"]);
    term.wait_for_text("吶喊");
    let before = said(log, "text").len();
    term.keys(&["Enter"]);
    wait_until("the sentence at the place to be read", || {
        said(log, "text").len() > before
    });
    said(log, "text")[before].clone()
}

/// Esc until the home screen shows.
fn go_home(term: &Tmux) {
    for _ in 0..5 {
        if term.capture(false).contains("乐龄 · 主页") {
            return;
        }
        let before = term.capture(false);
        term.keys(&["Escape"]);
        term.wait_for("the screen to go back", |s| s != before);
    }
    term.wait_for_text("乐龄 · 主页");
}

fn quit(term: Tmux) {
    go_home(&term);
    term.keys(&["q"]);
    term.wait_for_text("要退出乐龄吗");
    term.keys(&["2"]);
    term.wait_for("Leling to end", |_| !term.alive());
}

#[test]
fn a_signed_in_learner_comes_back_to_the_sentence_she_reached() {
    let book = corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    let expected = first_sentences(&book, 5);
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    prepare(dir.path(), &["add", book.to_str().unwrap()]);
    prepare(dir.path(), &["member", "add", "张秀英", "--card", "1001"]);

    let Some(term) = kiosk(dir.path(), &log) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    sign_in(&term, "1001");
    // Books → On this kiosk → 吶喊; one sentence at a time (S), then Space and → twice.
    term.keys(&["1"]);
    term.wait_for_text("本机的书");
    term.keys(&["1"]);
    term.wait_for_text("吶喊");
    term.keys(&["1"]);
    term.wait_for("the book to open", |s| s.contains("第 1"));
    term.keys(&["S", " "]);
    wait_until("the first sentence", || !said(&log, "text").is_empty());
    term.keys(&["Right"]);
    wait_until("the second sentence", || said(&log, "text").len() >= 2);
    term.keys(&["Right"]);
    wait_until("the third sentence", || said(&log, "text").len() >= 3);
    assert_eq!(said(&log, "text").last().unwrap(), &expected[2]);
    go_home(&term);

    // 继续阅读: the place she reached, not the one she first opened the book at.
    assert_eq!(sentence_at_the_place(&term, &log), expected[2]);
    // She reads on from there and leaves again: the place moves on with her (it was saved
    // once and never again).
    term.keys(&["Right"]);
    wait_until("the fourth sentence", || said(&log, "text").len() >= 5);
    term.keys(&["Right"]);
    wait_until("the fifth sentence", || said(&log, "text").len() >= 6);
    go_home(&term);
    assert_eq!(sentence_at_the_place(&term, &log), expected[4]);
    quit(term);

    // After a restart the guest has a place of its own (the book's start), and hers is kept.
    let Some(term) = kiosk(dir.path(), &log) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    assert_eq!(sentence_at_the_place(&term, &log), expected[0]);
    go_home(&term);
    sign_in(&term, "1001");
    assert_eq!(sentence_at_the_place(&term, &log), expected[4]);
    quit(term);
}

#[test]
fn a_place_that_cannot_be_saved_is_said_once_on_screen_and_aloud() {
    let book = corpus("texts/en/moby-dick-pg2701.txt");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let db = dir.path().join("data/leling.db");
    let command = reading_command(dir.path(), &log, &book);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("Moby");
    term.wait_for_text("页 ·");
    // The database becomes read-only under the running program (as a full or failing disk
    // would make it): its file and its write-ahead log refuse every write.
    let Some(_guard) = common::ReadOnly::make(&[db.clone(), db.with_extension("db-wal")]) else {
        return;
    };
    let problem = "没能记下您读到的地方";
    for _ in 0..6 {
        let before = term.capture(false);
        term.keys(&["PageDown"]);
        term.wait_for("the page to turn", |s| s != before);
        // The place is saved between page turns, at most a second apart.
        std::thread::sleep(std::time::Duration::from_millis(400));
    }
    let screen = term.wait_for_text(problem);
    assert_eq!(screen.matches(problem).count(), 1, "{screen}");
    // Leaving the book saves once more, and fails again: nothing new is said.
    term.keys(&["Escape"]);
    let home = term.wait_for_text("乐龄 · 主页");
    let spoken = said(&log, "message");
    let told: Vec<&String> = spoken.iter().filter(|m| m.contains(problem)).collect();
    assert_eq!(told.len(), 1, "{spoken:#?}");
    assert!(term.alive(), "{home}");
}
