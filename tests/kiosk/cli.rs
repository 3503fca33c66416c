//! The command line as a volunteer or technician uses it: doctor, the administrator PIN,
//! kiosk mode's refusal without a PIN, and plain messages for bad input.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{self, finish, text};

#[test]
fn doctor_reports_on_a_fresh_kiosk() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run(dir.path(), &["doctor"], "");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    for expected in [
        "Terminal: not running in a terminal",
        "Colour:",
        "Speech espeak:",
        "Speech speechd:",
        "Speech in use: off",
        "Data directory:",
        "not created yet, defaults in use",
        "Database: not created yet",
    ] {
        assert!(said.contains(expected), "missing {expected:?} in\n{said}");
    }
}

#[test]
fn admin_pin_is_set_changed_only_with_the_current_pin_and_reported_by_doctor() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run(dir.path(), &["admin", "set-pin"], "2468\n2468\n");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("The administrator PIN is set."));

    let out = common::run(dir.path(), &["admin", "set-pin"], "0000\n1357\n1357\n");
    assert!(!out.status.success());
    assert!(text(&out).contains("not right"), "{}", text(&out));

    // The wrong try makes the next one wait a moment.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = common::run(dir.path(), &["admin", "set-pin"], "2468\n1357\n1357\n");
    assert!(out.status.success(), "{}", text(&out));

    let out = common::run(dir.path(), &["doctor"], "");
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains(&format!(
        "Database schema version: {}",
        leling::store::LATEST_VERSION
    )));
    assert!(said.contains("integrity_check): ok"), "{said}");
}

#[test]
fn mismatched_or_malformed_pins_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run(dir.path(), &["admin", "set-pin"], "2468\n2469\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("differ"));
    let out = common::run(dir.path(), &["admin", "set-pin"], "12ab\n12ab\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("4 to 12 digits"));
}

#[test]
fn kiosk_mode_without_a_pin_refuses_and_says_how_to_set_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run(dir.path(), &["--kiosk"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("leling admin set-pin"),
        "{}",
        text(&out)
    );
}

#[test]
fn doctor_exits_non_zero_on_a_damaged_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("leling.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT printf('row %d %s', i, hex(randomblob(20))) FROM n;",
        )
        .unwrap();
    }
    // Scribble over the middle of the file, as a failing disk would.
    let mut bytes = std::fs::read(&db).unwrap();
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 3000] {
        *byte = 0x5A;
    }
    std::fs::write(&db, bytes).unwrap();
    let out = common::run(dir.path(), &["doctor"], "");
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("damaged"), "{}", text(&out));
}

#[test]
fn a_broken_settings_file_is_named_with_its_line_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let broken = "theme = \"white-on-black\"\nspeech_rate = \"fast\"\n";
    std::fs::write(&config, broken).unwrap();
    let out = common::run(dir.path(), &["doctor"], "");
    assert!(text(&out).contains("mistake on line 2"), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), broken);
}

#[test]
fn an_unknown_language_is_a_plain_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_leling"))
        .args(["--lang", "fr", "doctor"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out).contains("\"fr\"") && text(&out).contains("zh, en"),
        "{}",
        text(&out)
    );
    // In the language asked for, like every other message.
    let out = Command::new(env!("CARGO_BIN_EXE_leling"))
        .args(["--lang", "zh", "--theme", "pink", "doctor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(
        said.contains("不能是“pink”") && said.contains("black-on-cream"),
        "{said}"
    );
    assert!(
        !said.contains("error:") && !said.contains("Usage"),
        "{said}"
    );
}

/// Runs a command whose standard output is closed before it writes (`| head -1` that has its
/// line), and returns its exit status and what it wrote on standard error.
fn with_output_closed(dir: &Path, args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = common::leling(dir)
        .args(["--lang", "zh"])
        .args(args)
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = finish(child, dir);
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_command_ends_quietly_when_its_output_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let setup = common::run(
        dir.path(),
        &["member", "add", "张秀英", "--card", "1001"],
        "",
    );
    assert!(setup.status.success(), "{}", text(&setup));
    for args in [
        &["search", "红楼梦"][..],
        &["search", "hlm", "--json"],
        &["member", "export"],
        &["club", "list"],
        &["catalog", "list"],
        &["doctor"],
        &["record", "1001"],
    ] {
        let (status, stderr) = with_output_closed(dir.path(), args);
        assert!(status.success(), "{args:?}: {status}\n{stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn the_hub_command_says_where_the_hub_went() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run(dir.path(), &["hub", "serve", "--db", "sqlite:hub.db"], "");
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(
        said.contains("leling-hub --lang en serve --db sqlite:hub.db"),
        "{said}"
    );
}

/// Issue 23: a centre's own quiz from a spreadsheet. A sheet with a bad row is refused with the
/// row named in the user's language and nothing added; with --skip-invalid its good questions
/// are added, listed beside the bundled sets, and the file written passes `content check`.
#[test]
fn a_centres_quiz_comes_in_from_a_spreadsheet_with_its_bad_rows_named() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("社区防诈骗问答.csv");
    let csv = "社区防诈骗问答\n\
               题目,选项A,选项B,选项C,正确答案,解析,来源\n\
               自称警察让您把钱转到安全账户，怎么办？,马上转,挂断并打110核实,,B,公安机关没有安全账户。,公安部刑侦局\n\
               陌生人要验证码，给不给？,给,不给,,不给,验证码就是钱包钥匙。,\n\
               没有正确答案的题？,是,否,,,说明,\n";
    std::fs::write(&sheet, csv).unwrap();
    let file = sheet.to_str().unwrap();
    let out = common::run(dir.path(), &["--lang", "zh", "quiz", "import", file], "");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let printed = text(&out);
    assert!(printed.contains("第 5 行：没有写正确答案"), "{printed}");
    assert!(printed.contains("没有添加这个问答"), "{printed}");
    let listed = text(&common::run(
        dir.path(),
        &["--lang", "zh", "quiz", "list"],
        "",
    ));
    assert!(!listed.contains("社区防诈骗问答"), "{listed}");

    let args = ["--lang", "zh", "quiz", "import", file, "--skip-invalid"];
    let out = common::run(dir.path(), &args, "");
    assert!(out.status.success(), "{out:?}");
    assert!(text(&out).contains("共 2 道题"), "{}", text(&out));
    let listed = text(&common::run(
        dir.path(),
        &["--lang", "en", "quiz", "list"],
        "",
    ));
    assert!(listed.contains("社区防诈骗问答 (2 questions)"), "{listed}");
    assert!(listed.contains("Lifelong learning"), "{listed}");
    let data = dir.path().to_str().unwrap();
    let out = common::run(dir.path(), &["content", "check", data], "");
    assert!(out.status.success(), "{}", text(&out));
}
