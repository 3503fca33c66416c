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

/// Answers the questions of `set` from `first` to the last, right where `right` says so (which
/// also says how the questions before `first` were answered), each checked as [`answer`]
/// checks it, going on to the next; returns the score the last answer leads to, in words.
fn answer_to_the_end(
    term: &Tmux,
    log: &Path,
    lang: Lang,
    set: &QuizSet,
    first: usize,
    right: impl Fn(usize) -> bool,
) -> String {
    let right_in_all = (0..set.question.len()).filter(|&n| right(n));
    let score = t_with(
        lang,
        "quiz-score",
        &[
            ("right", right_in_all.count().into()),
            ("asked", set.question.len().into()),
        ],
    );
    for n in first..set.question.len() {
        answer(term, log, lang, set, n, right(n));
        let next = set
            .question
            .get(n + 1)
            .map_or(score.as_str(), |q| q.question.get(lang));
        go_on(term, &opening(lang, next));
    }
    score
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
    let score = answer_to_the_end(&term, &log, lang, &set, 3, |n| n < 9 && n != 2);
    term.wait_for_text(&opening(lang, &t(lang, "quiz-passed")));
    crate::common::wait_until("the score to be said", || {
        said(&log, "message")
            .last()
            .is_some_and(|last| last.contains(&score))
    });
    for utterance in said(&log, "message") {
        assert!(!utterance.trim().is_empty(), "an empty utterance");
    }
    // My learning: the quiz passed is a credit this year (the page scrolls at 40×12).
    go_home(&term, lang);
    term.keys(&["5"]);
    let credit = t_with(lang, "credits-from-quizzes", &[("credits", "1".into())]);
    for _ in 0..10 {
        if term.capture(false).contains(&credit) {
            break;
        }
        let before = term.capture(false);
        term.keys(&["Down"]);
        term.wait_for("the page to scroll", |s| s != before);
    }
    term.wait_for_text(&credit);
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
    answer_to_the_end(&term, &log, lang, &set, 1, |_| true);
    term.wait_for_text(&opening(lang, &t(lang, "quiz-guest-not-kept")));
    // A guest who leaves the first quiz half done: the next guest to come to the quizzes from
    // the menu may be someone else, and starts afresh.
    term.keys(&["Escape"]);
    term.keys(&["1"]);
    answer(&term, &log, lang, &first, 0, true);
    term.keys(&["Escape"]);
    term.wait_for_text("接着答第 2 题");
    go_home(&term, lang);
    open_quizzes(&term, lang, &first);
    let fresh = t_with(
        lang,
        "quiz-item",
        &[
            ("quiz", first.quiz.title.get(lang).into()),
            ("total", 10.into()),
        ],
    );
    term.wait_for_text(&fresh);
    assert!(!term.capture(false).contains("接着答"));
    quit(term, lang);
    let record = record_of(dir.path(), lang);
    assert!(record.contains(&t(lang, "record-quizzes-none")), "{record}");
}

/// A volunteer runs a quiz with the group at today's session (the desk's menu): the group's
/// answers are keyed by number, the session keeps the quiz, and this month's report counts it.
#[test]
fn a_volunteer_runs_a_quiz_with_the_group_and_the_report_counts_it() {
    let lang = Lang::Zh;
    let set = bundled_set("health");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("speech.log");
    let club = [
        "club",
        "add",
        "银杏读书会",
        "--venue",
        "社区图书馆",
        "--start",
        "09:30",
        "--end",
        "11:00",
    ];
    prepare(dir.path(), &club);
    prepare(dir.path(), &["member", "add", "张秀英", "--card", "1001"]);
    let command = release_command(
        dir.path(),
        &["--lang", lang.code(), "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text(&t(lang, "home-title"));
    term.keys(&["4"]);
    term.wait_for_text("银杏读书会");
    term.keys(&["1"]);
    term.wait_for_text(&opening(lang, &t(lang, "club-start-session")));
    term.keys(&["1"]);
    term.wait_for_text(&opening(lang, &t(lang, "session-start-book")));
    term.keys(&["论语", "Enter"]);
    term.keys(&["1001", "Enter"]);
    let args = [("name", "张秀英".into()), ("place", 1.into())];
    term.wait_for_text(&opening(lang, &t_with(lang, "checkin-done", &args)));
    // Enter on an empty line: the desk's menu, and its quiz.
    term.keys(&["Enter"]);
    term.wait_for_text(&opening(lang, &t(lang, "desk-quiz")));
    term.keys(&["4"]);
    term.wait_for_text(&opening(lang, set.quiz.title.get(lang)));
    term.keys(&["1"]);
    term.wait_for_text(&opening(lang, &t(lang, "hint-quiz-group")));
    answer_to_the_end(&term, &log, lang, &set, 0, |n| n < 7);
    term.wait_for_text(&opening(lang, &t(lang, "quiz-kept-in-session")));
    // Back to the desk, and the session ends.
    term.keys(&["2"]);
    term.wait_for_text(&opening(lang, set.quiz.title.get(lang)));
    term.keys(&["Escape"]);
    let desk = t_with(lang, "checkin-title", &[("club", "银杏读书会".into())]);
    term.wait_for_text(&desk);
    term.keys(&["Enter"]);
    term.wait_for_text(&opening(lang, &t(lang, "desk-end")));
    term.keys(&["3"]);
    term.wait_for_text(&opening(lang, &t(lang, "end-session-body")));
    term.keys(&["Enter"]);
    let ended = [("club", "银杏读书会".into()), ("count", 1.into())];
    term.wait_for_text(&opening(lang, &t_with(lang, "session-ended", &ended)));
    quit(term, lang);

    let today = chrono::Local::now().date_naive().to_string();
    let report = dir.path().join("report.md");
    let args = [
        "--lang",
        "zh",
        "report",
        "--from",
        &today,
        "--to",
        &today,
        "-o",
        report.to_str().unwrap(),
    ];
    prepare(dir.path(), &args);
    let table = std::fs::read_to_string(&report).unwrap();
    let totals = (table.lines())
        .find(|line| line.starts_with("| **合计**"))
        .unwrap_or_default();
    // One activity, one person-time, one person, new, 90 minutes, one quiz, two credits.
    assert!(
        totals.ends_with("| **1** | **1** | **1** | **1** | **90** | **1** | **2** |"),
        "{table}"
    );
}

/// Staff set the centre's credit rules on their screen (after the clubs, the centre's tasks):
/// → on a row changes it, it is kept in the settings file, and a learner's record counts by it.
#[test]
fn staff_change_the_credit_rules_on_the_screen_and_the_record_follows() {
    let lang = Lang::En;
    let dir = tempfile::tempdir().unwrap();
    prepare(dir.path(), &["member", "add", "王秀兰", "--card", "2001"]);
    let store = leling::store::Store::open(&dir.path().join("data").join("leling.db")).unwrap();
    let her = store.clubs().member_by_card("2001").unwrap().unwrap();
    let score = leling::store::QuizScore {
        asked: 10,
        right: 6,
        passed: true,
    };
    let quiz = ("health", "Everyday health");
    (store.quizzes().finish(&her.id, Some(&her.id), quiz, score)).unwrap();
    drop(store);
    let command = release_command(dir.path(), &["--lang", lang.code()]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text(&t(lang, "home-title"));
    term.keys(&["4"]);
    term.wait_for_text(&t(lang, "club-credit-rules"));
    // No club yet: the centre's tasks are 1 to 6, the rules the sixth.
    term.keys(&["6"]);
    term.wait_for_text(&opening(lang, &t(lang, "credit-rules-body")));
    let quiz_rule = |n: u32| t_with(lang, "setting-credit-quiz", &[("value", n.into())]);
    for _ in 0..4 {
        let before = term.capture(false);
        term.keys(&["Down"]);
        term.wait_for("the focus to move", |s| s != before);
    }
    term.wait_for_text(&format!("▶ 5  {}", quiz_rule(1)));
    term.keys(&["Right"]);
    term.wait_for_text(&quiz_rule(2));
    term.keys(&["Right"]);
    term.wait_for_text(&quiz_rule(3));
    quit(term, lang);
    let settings = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(settings.contains("per_quiz = 3"), "{settings}");
    let record = record_of(dir.path(), lang);
    assert!(record.contains("Quizzes passed: 1, credits: 3"), "{record}");
}

/// Staff add a quiz of the centre's own from a spreadsheet in the import folder, on the
/// screens: the bad row is told before anything is written, the good questions are added, and
/// a learner finds the quiz beside the bundled ones.
#[test]
fn staff_add_a_centres_quiz_on_the_screens_and_learners_find_it() {
    let lang = Lang::Zh;
    let dir = tempfile::tempdir().unwrap();
    let import = dir.path().join("data").join("import");
    std::fs::create_dir_all(&import).unwrap();
    let sheet = "题目,选项A,选项B,答案,解析\n\
                 饭后马上剧烈运动好吗？,好,不好,B,饭后宜先休息半小时。\n\
                 ,是,否,A,没有题目的一行\n\
                 晒太阳对骨头有好处吗？,有,没有,A,晒太阳帮助身体生成维生素D。\n";
    std::fs::write(import.join("社区健康问答.csv"), sheet).unwrap();
    let command = release_command(dir.path(), &["--lang", lang.code()]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text(&t(lang, "home-title"));
    term.keys(&["4"]);
    term.wait_for_text(&t(lang, "club-import-quiz"));
    term.keys(&["5"]);
    term.wait_for_text("社区健康问答.csv");
    term.keys(&["1"]);
    term.wait_for_text("第 3 行：题目是空的");
    let add = t_with(lang, "quiz-check-add-clean", &[("count", 2.into())]);
    term.wait_for_text(&add);
    term.keys(&["1"]);
    let added = t_with(
        lang,
        "quiz-check-added",
        &[("quiz", "社区健康问答".into()), ("count", 2.into())],
    );
    term.wait_for_text(&opening(lang, &added));
    go_home(&term, lang);
    term.keys(&["2"]);
    term.wait_for_text(&t(lang, "quiz-list-title"));
    term.keys(&["4"]);
    let listed = t_with(
        lang,
        "quiz-item",
        &[("quiz", "社区健康问答".into()), ("total", 2.into())],
    );
    term.wait_for_text(&listed);
    quit(term, lang);
}
