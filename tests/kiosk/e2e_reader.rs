//! End to end in a real terminal: a learner opens 吶喊, has it read aloud sentence by sentence
//! with the spoken sentence highlighted, asks where they are, leaves, and comes back on a
//! smaller screen to the same sentence; then makes the text larger. And 紅樓夢's 120
//! chapters, whose contents come a page at a time.

use crate::common::{
    Tmux, corpus, debug_command, reading_command, said, wait_for_lines, wait_until,
    wait_until_within,
};
use leling::layout::{BookText, sentences};

/// Whether the text at byte `at` of a `capture-pane -e` is in reverse video: the run of
/// colour and attribute escapes right before it (tmux writes only what changed from the cell
/// before, in its own order) turns reverse on, after any reset in that run.
fn reversed_at(capture: &str, at: usize) -> bool {
    let mut start = at;
    while let Some(escape) = capture[..start].rfind("\x1b[") {
        let sequence = &capture[escape + 2..start];
        let Some(parameters) = sequence.strip_suffix('m') else {
            break;
        };
        if !parameters.chars().all(|c| c.is_ascii_digit() || c == ';') {
            break;
        }
        start = escape;
    }
    let mut reversed = false;
    for sequence in capture[start..at].split("\x1b[").filter(|s| !s.is_empty()) {
        let parameters = sequence.trim_end_matches('m');
        // Colour parameters (38;5;n, 48;2;r;g;b) are skipped, so their numbers are not read
        // as attributes.
        let mut numbers = parameters.split(';');
        while let Some(number) = numbers.next() {
            match number {
                "" | "0" => reversed = false,
                "7" => reversed = true,
                "27" => reversed = false,
                "38" | "48" | "58" => match numbers.next() {
                    Some("5") => {
                        numbers.next();
                    }
                    Some("2") => {
                        numbers.nth(2);
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
    reversed
}

#[test]
fn reading_nahan_aloud_and_coming_back_to_the_same_sentence() {
    let book = corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    let expected: Vec<String> = {
        let text = BookText::new(leling::document::open(&book).unwrap());
        let chapter = &text.chapters[0];
        sentences(chapter)
            .into_iter()
            .take(4)
            .map(|r| chapter.text[r].to_owned())
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let Some(term) = Tmux::start(80, 24, &reading_command(dir.path(), &log, &book)) else {
        return;
    };
    term.wait_for_text("吶喊");

    // One sentence at a time: Space reads the first sentence and stops after it.
    term.keys(&["S"]);
    term.keys(&[" "]);
    wait_until("the first sentence to be read", || {
        !said(&log, "text").is_empty()
    });
    assert_eq!(said(&log, "text")[0], expected[0]);

    // The sentence being read is in reverse video on screen.
    let with_attributes = term.capture(true);
    let start = &expected[0][..expected[0].char_indices().nth(2).unwrap().0];
    let at = with_attributes
        .find(start)
        .expect("the sentence is on screen");
    assert!(
        reversed_at(&with_attributes, at),
        "{:?}",
        &with_attributes[at.saturating_sub(60)..at]
    );

    // → reads the next sentences; the fourth stays highlighted.
    term.keys(&["Right"]);
    term.keys(&["Right"]);
    term.keys(&["Right"]);
    wait_until("four sentences to be read", || {
        said(&log, "text").len() >= 4
    });
    let read = said(&log, "text");
    assert_eq!(read.last().unwrap(), &expected[3], "{read:#?}");

    // W says where the learner is.
    term.keys(&["W"]);
    wait_until("the position to be spoken", || {
        said(&log, "message").iter().any(|m| m.contains("分钟"))
    });
    let place = said(&log, "message")
        .into_iter()
        .find(|m| m.contains("分钟"))
        .unwrap();
    assert!(place.contains("吶喊") && place.contains('%'), "{place}");

    // Leave the book and quit.
    term.keys(&["Escape"]);
    term.wait_for_text("乐龄 · 主页");
    term.keys(&["q"]);
    term.wait_for_text("要退出乐龄吗");
    term.keys(&["2"]);
    term.wait_for("Leling to end", |_| !term.alive());
    drop(term);

    // Come back on a much smaller screen: Enter replays the same (fourth) sentence.
    let before = said(&log, "text").len();
    let Some(term) = Tmux::start(40, 12, &reading_command(dir.path(), &log, &book)) else {
        return;
    };
    term.wait_for_text("吶喊");
    term.keys(&["Enter"]);
    wait_until("the sentence to be replayed", || {
        said(&log, "text").len() > before
    });
    assert_eq!(said(&log, "text")[before], expected[3]);

    // + asks for text twice as large, which this terminal (tmux: no pictures, no text
    // sizing) cannot show: the page stays as it was, never in block characters, and she is
    // told why and what the staff can do, on screen and aloud (issue 21, item 3).
    let before = said(&log, "message").len();
    term.keys(&["+"]);
    let told = term.wait_for("the size it cannot show to be told", |screen| {
        screen.contains("不能放大")
    });
    assert!(
        !told.chars().any(|c| ('\u{2580}'..='\u{259F}').contains(&c)),
        "{told}"
    );
    assert!(told.contains("吶喊") || told.contains('。'), "{told}");
    wait_until("the size to be said", || {
        said(&log, "message")[before..]
            .iter()
            .any(|m| m.contains("2 倍") && m.contains("不能放大") && m.contains("工作人员"))
    });
    let _ = wait_for_lines(&log, 1);
}

#[test]
fn a_book_that_cannot_be_opened_is_explained_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(std::path::PathBuf, &str)> = {
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, b"").unwrap();
        let binary = dir.path().join("binary.txt");
        std::fs::write(
            &binary,
            (0..4096u32).map(|i| (i % 7) as u8).collect::<Vec<u8>>(),
        )
        .unwrap();
        let broken = dir.path().join("broken.epub");
        std::fs::write(&broken, b"PK\x03\x04 this is not really a zip").unwrap();
        vec![
            (empty, "The file is empty"),
            (binary, "not text"),
            (broken, "damaged"),
            (dir.path().to_owned(), "is a folder"),
            (dir.path().join("missing.txt"), "There is no file"),
        ]
    };
    for (path, words) in cases {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_leling"))
            .args(["--lang", "en", "--speech", "off", "--data-dir"])
            .arg(dir.path().join("data"))
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .arg("read")
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {text}", path.display());
        assert!(text.contains(words), "{}: {text}", path.display());
        assert!(!text.contains("panicked"));
    }
}

#[test]
fn the_contents_of_hongloumeng_page_to_a_late_chapter_that_opens() {
    let book = corpus("texts/zh/hongloumeng-traditional-pg24264.txt");
    let toc = leling::document::open(&book).unwrap().toc;
    let pages = toc.len().div_ceil(5);
    // A chapter's first words: enough to know it, short enough never to wrap.
    let start = |index: usize| toc[index].title.chars().take(6).collect::<String>();
    let dir = tempfile::tempdir().unwrap();
    let book_arg = book.display().to_string();
    let command = debug_command(dir.path(), &["--lang", "zh", "read", &book_arg]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("第 1/");
    term.keys(&["t"]);
    let first = term.wait_for_text(&format!("6  下一页（第 2 页，共 {pages} 页）"));
    assert!(!first.contains("7  "), "at most seven choices:\n{first}");

    // The number beside "next page", then → to the twenty-first page: chapters 101 to 105.
    term.keys(&["6"]);
    term.wait_for_text("7  上一页（第 1 页");
    for _ in 0..19 {
        term.keys(&["Right"]);
    }
    let late = term.wait_for_text(&format!("下一页（第 22 页，共 {pages} 页）"));
    assert!(late.contains(&format!("2  {}", start(101))), "{late}");

    // Its number opens the chapter; the contents, opened again, show where the reader is.
    term.keys(&["2"]);
    term.wait_for("the chapter in the reader", |screen| {
        !screen.contains("下一页") && screen.contains(&start(101))
    });
    term.keys(&["t"]);
    let again = term.wait_for_text("上一页（第 20 页");
    let focused = again.lines().find(|l| l.contains("▶")).unwrap_or_default();
    assert!(focused.contains(&format!("▶ 2  {}", start(101))), "{again}");
}

#[test]
fn a_larger_size_or_one_by_one_while_reading_aloud_lets_the_reading_go_on() {
    let book = corpus("texts/zh/luxun-nahan-traditional-pg27166.txt");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "speech_rate = 5\n").unwrap();
    let log = dir.path().join("speech.log");
    let Some(term) = Tmux::start(80, 24, &reading_command(dir.path(), &log, &book)) else {
        return;
    };
    term.wait_for_text("吶喊");
    let read = || said(&log, "text").len();
    let messages = || said(&log, "message").len();
    let wait_long = |what: &str, check: &dyn Fn() -> bool| wait_until_within(what, 60, check);
    term.keys(&[" "]);
    term.wait_for_text("朗读中");

    // + and − answer, and the reading goes on: the sentence cut off is read again, then the
    // next ones.
    for key in ["+", "-"] {
        let (sentences, said_before) = (read(), messages());
        term.keys(&[key]);
        wait_long("the size to be said", &|| messages() > said_before);
        wait_long("the reading to go on", &|| read() >= sentences + 2);
    }
    // Back at ×1, where the status row is plain text.
    term.wait_for_text("朗读中");

    // S while reading: it says so, finishes the sentence and stops after it.
    let said_before = messages();
    term.keys(&["S"]);
    wait_long("one-by-one to be said", &|| messages() > said_before);
    term.wait_for("the reading to stop after its sentence", |s| {
        !s.contains("朗读中") && s.contains("逐句")
    });
    // Space then reads the next sentence: it does not "pause" a reading that has stopped.
    let (sentences, said_before) = (read(), messages());
    term.keys(&[" "]);
    wait_long("the next sentence", &|| read() > sentences);
    let after = said(&log, "message");
    assert!(
        !after[said_before..].iter().any(|m| m.contains("暂停")),
        "{after:?}"
    );
}
