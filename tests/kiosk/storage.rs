//! The database: migrations from an older Leling, refusal of a newer one, another Leling
//! holding the file, and damage found by `PRAGMA integrity_check`.

use crate::common;
use leling::store::{LATEST_VERSION, Store, StoreError};
use leling_i18n::Tell;
use rusqlite::Connection;

#[test]
fn an_older_database_is_migrated_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leling.db");
    // A kiosk that ran the first Leling: schema 1, with an administrator PIN set.
    drop(Store::open_at_version(&path, 1).unwrap());
    let hash = {
        let probe = tempfile::tempdir().unwrap();
        let store = Store::open(&probe.path().join("x.db")).unwrap();
        leling::admin::set_pin(&store, "97531").unwrap();
        store.admin().pin_record().unwrap().unwrap().phc_hash
    };
    Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO admin_pin (id, phc_hash, set_at) VALUES (1, ?1, '2026-01-01')",
            [&hash],
        )
        .unwrap();

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    const { assert!(LATEST_VERSION > 1) };
    leling::admin::verify_pin(&store, "97531", 1_000).unwrap();
    store.integrity_check().unwrap();
}

#[test]
fn a_database_from_a_newer_leling_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leling.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(StoreError::NewerSchema {
            found, supported, ..
        }) => {
            assert_eq!(found, 99);
            assert_eq!(supported, LATEST_VERSION);
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a newer database was opened"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("leling.db-wal").exists());
}

#[test]
fn a_database_held_by_another_leling_is_reported_as_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leling.db");
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN EXCLUSIVE; CREATE TABLE held (x);")
        .unwrap();
    match Store::open(&path) {
        Err(e @ StoreError::Busy { .. }) => {
            let words = e.message(leling::model::Lang::En);
            assert!(words.contains("another running Leling"), "{words}");
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("opened a database another process holds"),
    }
    other.execute_batch("ROLLBACK").unwrap();
    Store::open(&path).unwrap();
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leling.db");
    std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::Damaged { .. })
    ));
}

#[test]
fn bookkeeping_that_does_not_wait_for_the_disk_is_kept_and_undone_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leling.db");
    let paths: Vec<std::path::PathBuf> = ["kept.txt", "undone.txt", "after.txt"]
        .iter()
        .map(|name| dir.path().join(name))
        .collect();
    let book = |path: &'static str| {
        let at = paths.iter().find(|p| p.ends_with(path)).unwrap();
        leling::store::NewBook {
            path: at,
            title: path,
            author: None,
            language: None,
            in_library: true,
        }
    };
    {
        let store = Store::open(&path).unwrap();
        store
            .without_waiting_for_disk(|| store.library().register_book(&book("kept.txt")))
            .unwrap();
        // A unit that fails half-way leaves nothing of itself behind.
        let failed = store.without_waiting_for_disk(|| {
            store.library().register_book(&book("undone.txt"))?;
            store.library().register_book(&book("kept.txt"))?;
            Store::open(&dir.path().join("no-such-dir/\0")).map(drop)
        });
        assert!(failed.is_err());
        // What follows waits for the disk as before, and still works.
        store.library().register_book(&book("after.txt")).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let titles: Vec<String> = store
        .library()
        .books()
        .unwrap()
        .into_iter()
        .map(|b| b.title)
        .collect();
    assert_eq!(titles, ["after.txt", "kept.txt"]);
}

/// Issue 20, item 11: a kiosk's data (names, phones, cards, PIN hashes) is readable by the
/// account that runs Leling only: the folder 0700, the database with its journal files 0600,
/// from the start and for data an older version left readable by all.
#[cfg(unix)]
#[test]
fn the_kiosk_data_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let run = |args: &[&str]| assert!(common::run(&data, args, "").status.success(), "{args:?}");
    run(&["member", "add", "张秀英", "--card", "1001"]);
    let files: Vec<std::path::PathBuf> = ["leling.db", "leling.db-wal", "leling.db-shm"]
        .iter()
        .map(|name| data.join(name))
        .filter(|path| path.exists())
        .collect();
    assert!(files.iter().any(|path| path.ends_with("leling.db")));
    assert_eq!(mode(&data), 0o700);
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    for file in &files {
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    run(&["club", "list"]);
    assert_eq!(mode(&data), 0o700);
    for file in files.iter().filter(|path| path.exists()) {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
}

/// Issue 20, item 13: a data folder that cannot be written to (a read-only medium, a
/// locked-down kiosk; here made immutable, which holds even for root) used to make even
/// `club list` fail with SQLite's "unable to open database file". What was saved is still
/// read; a command that would write says, in words, that the folder is read-only.
#[test]
fn a_read_only_data_folder_is_still_read_and_a_write_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str]| common::run(&data, args, "");
    assert!(run(&["club", "add", "银杏读书会"]).status.success());
    assert!(
        run(&["member", "add", "张秀英", "--card", "1001"])
            .status
            .success()
    );
    let Some(_locked) = common::ReadOnly::make(&[data.clone(), data.join("leling.db")]) else {
        return;
    };
    let listed = run(&["club", "list"]);
    let shown = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    assert!(shown.contains("银杏读书会"), "{shown}");
    let exported = run(&["member", "export"]);
    assert!(String::from_utf8_lossy(&exported.stdout).contains("张秀英"));
    let refused = run(&["member", "add", "王建国", "--card", "1002"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(
        said.contains("is read-only, so this was not saved"),
        "{said}"
    );
    assert!(!said.contains("unable to open"), "{said}");
}
