//! End to end in a real terminal of 40×12 (tmux): a volunteer picks the club, starts today's
//! session and checks people in by pinyin initials and by card, is told of a second check-in,
//! undoes one and adds a newcomer, all by keyboard; each check-in is said only once saved.

use crate::common::{Tmux, prepare, release_command};
use leling::store::Store;

#[test]
fn a_volunteer_checks_people_in_at_40_by_12() {
    let dir = tempfile::tempdir().unwrap();
    prepare(
        dir.path(),
        &["club", "add", "银杏读书会", "--venue", "社区图书馆"],
    );
    prepare(dir.path(), &["member", "add", "张秀英", "--card", "1001"]);
    prepare(dir.path(), &["member", "add", "王建国", "--card", "1002"]);
    let log = dir.path().join("speech.log");
    let command = release_command(
        dir.path(),
        &["--lang", "zh", "--speech-log", log.to_str().unwrap()],
    );
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    term.keys(&["4"]);
    term.wait_for_text("银杏读书会，地点：社区图书馆");
    term.keys(&["1"]);
    term.wait_for_text("开始今天的活动");
    term.keys(&["1"]);
    term.wait_for_text("今天读什么");
    term.keys(&["朝花夕拾", "Enter"]);
    term.wait_for_text("银杏读书会：签到");

    // By pinyin initials, then Enter on the name offered.
    term.keys(&["zxy"]);
    term.wait_for_text("张秀英 · 1001");
    term.keys(&["Enter"]);
    term.wait_for_text("张秀英 签到成功，第 1 位");
    // By card number.
    term.keys(&["1002", "Enter"]);
    term.wait_for_text("王建国 签到成功，第 2 位");
    term.keys(&["1001", "Enter"]);
    term.wait_for_text("张秀英 已经签到过了");

    // Enter on an empty line: undo the last check-in.
    term.keys(&["Enter"]);
    term.wait_for_text("撤销 王建国 的签到");
    term.keys(&["1"]);
    term.wait_for_text("已撤销 王建国 的签到");
    // A newcomer by name alone, checked in at once.
    term.keys(&["Enter"]);
    term.wait_for_text("添加新成员");
    term.keys(&["2"]);
    term.wait_for_text("输入新成员的姓名");
    term.keys(&["李桂兰", "Enter"]);
    term.wait_for_text("李桂兰 签到成功，第 2 位");

    // The speech thread writes its log a moment after the screen changes.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let said = loop {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        if said.contains("李桂兰 签到成功") || std::time::Instant::now() > deadline {
            break said;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    for line in [
        "张秀英 签到成功，第 1 位",
        "王建国 签到成功，第 2 位",
        "已撤销 王建国 的签到",
        "李桂兰 签到成功，第 2 位",
    ] {
        assert!(said.contains(line), "not said: {line}\n{said}");
    }
    let store = Store::open(&dir.path().join("data").join("leling.db")).unwrap();
    let club = store.clubs().club_by_name("银杏读书会").unwrap().unwrap();
    let today = chrono::Local::now().date_naive();
    let session = store
        .clubs()
        .open_session(&club.id, today)
        .unwrap()
        .unwrap();
    assert_eq!(session.reading.as_deref(), Some("朝花夕拾"));
    let names: Vec<String> = store
        .clubs()
        .attendees(&session.id)
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["张秀英", "李桂兰"]);

    // End the session with a note: back at the club, which now offers a new session.
    term.keys(&["Enter"]);
    term.wait_for_text("结束活动");
    term.keys(&["3"]);
    term.wait_for_text("活动备注");
    term.keys(&["讨论热烈", "Enter"]);
    term.wait_for_text("共 2 人签到");
    let ended = store.clubs().session(&session.id).unwrap().unwrap();
    assert!(ended.ended);
    assert_eq!(ended.notes, "讨论热烈");
}

#[test]
fn a_learner_signs_in_and_sees_their_learning() {
    let dir = tempfile::tempdir().unwrap();
    prepare(dir.path(), &["club", "add", "银杏读书会"]);
    prepare(dir.path(), &["member", "add", "张秀英", "--card", "1001"]);
    let command = release_command(dir.path(), &["--lang", "zh"]);
    let Some(term) = Tmux::start(40, 12, &command) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    term.keys(&["5"]);
    term.wait_for_text("登录");
    term.keys(&["1001", "Enter"]);
    let record = term.wait_for_text("张秀英：我的学习");
    assert!(record.contains("参加读书会活动：0 次"), "{record}");
}
