//! Issue 23's quizzes as a learner takes them, in a real terminal of 40×12 (tmux), in Chinese
//! and in English: each question heard with all its answers, one number key per answer, right
//! or wrong said with why; she stops after three, the kiosk is closed and opened again, and she
//! goes on from the fourth; her score goes into her record. A guest stops and goes on too, and
//! her score is kept nowhere.

use std::path::Path;

use crate::common::{Tmux, prepare, release_binary, release_command, said};
use leling::catalog::{self, QuizSet};
use leling::i18n::{t, t_with};
use leling::model::Lang;

/// The start of `said`, short enough to stay on one row at 40 columns.
fn opening(lang: Lang, said: &str) -> String {
    let most = if lang == Lang::Zh { 8 } else { 16 };
    said.chars().take(most).collect()
}

fn bundled_set(id: &str) -> QuizSet {
    (catalog::usable_quizzes(&[catalog::bundled_dir()]).into_iter())
        .find(|set| set.id() == id)
        .unwrap()
}

/// The key of the right answer to question `n`, or of a wrong one.
fn key_for(set: &QuizSet, n: usize, right: bool) -> String {
    let question = &set.question[n];
    let answer = *question.answer.get_ref();
    let key = if right {
        answer
    } else {
        answer % question.choices.get_ref().len() + 1
    };
    key.to_string()
}

fn go_home(term: &Tmux, lang: Lang) {
    let home = t(lang, "home-title");
    for _ in 0..6 {
        let before = term.capture(false);
        if before.contains(&home) {
            return;
        }
        term.keys(&["Escape"]);
        term.wait_for("the screen to go back", |s| s != before);
    }
    term.wait_for_text(&home);
}

fn quit(term: Tmux, lang: Lang) {
    go_home(&term, lang);
    term.keys(&["q"]);
    term.wait_for_text(&opening(lang, &t(lang, "quit-title")));
    term.keys(&["2"]);
    term.wait_for("Leling to end", |_| !term.alive());
}

fn sign_in(term: &Tmux, lang: Lang) {
    term.keys(&["5"]);
    term.wait_for_text(&opening(lang, &t(lang, "sign-in-body")));
    term.keys(&["2001", "Enter"]);
    let mine = t_with(lang, "learning-title", &[("name", "王秀兰".into())]);
    term.wait_for_text(&mine);
    go_home(term, lang);
}

/// Lectures and quizzes → Quizzes: the list of sets.
fn open_quizzes(term: &Tmux, lang: Lang, first_set: &QuizSet) {
    term.keys(&["2"]);
    term.wait_for_text(&opening(lang, &t(lang, "lectures-this-week")));
    term.keys(&["4"]);
    term.wait_for_text(&opening(lang, first_set.quiz.title.get(lang)));
}

/// Answers question `n` with the right or a wrong key; checks the question was heard with all
/// its answers, and that the verdict and its reason are shown and said.
fn answer(term: &Tmux, log: &Path, lang: Lang, set: &QuizSet, n: usize, right: bool) {
    let question = &set.question[n];
    let asked = question.question.get(lang);
    term.wait_for_text(&opening(lang, asked));
    let heard = said(log, "message");
    let utterance = heard
        .iter()
        .rev()
        .find(|said| said.contains(asked))
        .unwrap_or_else(|| panic!("question {n} was not said: {heard:#?}"));
    for choice in question.choices.get_ref() {
        assert!(
            utterance.contains(choice.get(lang)),
            "{:?} not said with its question: {utterance}",
            choice.get(lang)
        );
    }
    term.keys(&[&key_for(set, n, right)]);
    let verdict = t(lang, if right { "quiz-right" } else { "quiz-wrong" });
    let verdict = opening(lang, verdict.split(['。', '.', '!', '！']).next().unwrap());
    term.wait_for_text(&verdict);
    let why = question.explanation.get(lang);
    crate::common::wait_until("the verdict and its reason to be said", || {
        said(log, "message")
            .last()
            .is_some_and(|last| last.contains(&verdict) && last.contains(why))
    });
}

/// Enter until `next` shows: at 40×12 a long reason scrolls into view first, then Enter goes
/// on.
fn go_on(term: &Tmux, next: &str) {
    for _ in 0..4 {
        let before = term.capture(false);
        if before.contains(next) {
            return;
        }
        term.keys(&["Enter"]);
        term.wait_for("the screen to change", |s| s != before);
    }
    term.wait_for_text(next);
}

fn record_of(dir: &Path, lang: Lang) -> String {
    let out = std::process::Command::new(release_binary())
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(["--lang", lang.code(), "record", "2001"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_signed_in_learner_stops_a_quiz_and_goes_on_after_a_relaunch_in_chinese() {
    signed_in_learner(Lang::Zh);
}

#[test]
fn a_signed_in_learner_stops_a_quiz_and_goes_on_after_a_relaunch_in_english() {
    signed_in_learner(Lang::En);
}

fn signed_in_learner(lang: Lang) {
    let set = bundled_set("health");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    prepare(dir.path(), &["member", "add", "王秀兰", "--card", "2001"]);
    let command = release_command(
        dir.path(),
        &["--lang", lang.code(), "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text(&t(lang, "home-title"));
    sign_in(&term, lang);
    open_quizzes(&term, lang, &set);
    term.keys(&["1"]);
    // Three answers, the third wrong; then she leaves in the middle of the quiz.
    for (n, right) in [(0, true), (1, true), (2, false)] {
        answer(&term, &log, lang, &set, n, right);
        if n < 2 {
            go_on(
                &term,
                &opening(lang, set.question[n + 1].question.get(lang)),
            );
        }
    }
    term.keys(&["Escape"]);
    let under_way = [
        ("quiz", set.quiz.title.get(lang).into()),
        ("total", 10.into()),
        ("next", 4.into()),
    ];
    let under_way = t_with(lang, "quiz-item-under-way", &under_way);
    let going_on = under_way.split(['（', '(']).nth(1).unwrap();
    term.wait_for_text(&opening(lang, going_on));
    quit(term, lang);

    // The kiosk opened again: she signs in and goes on from the fourth question.
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text(&t(lang, "home-title"));
    sign_in(&term, lang);
    open_quizzes(&term, lang, &set);
    term.wait_for_text(&opening(lang, going_on));
    term.keys(&["1"]);
    term.wait_for_text(&t(lang, "quiz-resumed"));
    // Eight right of ten: passed, and kept in her record.
    let score = t_with(
        lang,
        "quiz-score",
        &[("right", 8.into()), ("asked", 10.into())],
    );
    for n in 3..10 {
        answer(&term, &log, lang, &set, n, n < 9);
        let next = set
            .question
            .get(n + 1)
            .map_or(score.as_str(), |q| q.question.get(lang));
        go_on(&term, &opening(lang, next));
    }
    term.wait_for_text(&opening(lang, &t(lang, "quiz-passed")));
    crate::common::wait_until("the score to be said", || {
        said(&log, "message")
            .last()
            .is_some_and(|last| last.contains(&score))
    });
    for utterance in said(&log, "message") {
        assert!(!utterance.trim().is_empty(), "an empty utterance");
    }
    quit(term, lang);
    let record = record_of(dir.path(), lang);
    let kept = t_with(
        lang,
        "record-quiz-passed",
        &[
            ("quiz", set.quiz.title.get(lang).into()),
            ("right", 8.into()),
            ("asked", 10.into()),
        ],
    );
    assert!(record.contains(&kept), "{record}");
}

#[test]
fn a_guest_goes_on_where_she_stopped_and_her_score_is_kept_nowhere() {
    let lang = Lang::Zh;
    let set = bundled_set("lifelong-learning");
    let first = bundled_set("health");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    prepare(dir.path(), &["member", "add", "王秀兰", "--card", "2001"]);
    let command = release_command(
        dir.path(),
        &["--lang", lang.code(), "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text(&t(lang, "home-title"));
    open_quizzes(&term, lang, &first);
    term.keys(&["2"]);
    answer(&term, &log, lang, &set, 0, true);
    term.keys(&["Escape"]);
    term.wait_for_text("接着答第 2 题");
    term.keys(&["2"]);
    let score = t_with(
        lang,
        "quiz-score",
        &[("right", 10.into()), ("asked", 10.into())],
    );
    for n in 1..10 {
        answer(&term, &log, lang, &set, n, true);
        let next = set
            .question
            .get(n + 1)
            .map_or(score.as_str(), |q| q.question.get(lang));
        go_on(&term, &opening(lang, next));
    }
    term.wait_for_text(&opening(lang, &t(lang, "quiz-guest-not-kept")));
    quit(term, lang);
    let record = record_of(dir.path(), lang);
    assert!(record.contains(&t(lang, "record-quizzes-none")), "{record}");
}
