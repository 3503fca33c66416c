//! The systemd unit in docs/ is one systemd accepts (`systemd-analyze verify`), with its
//! program path pointed at the `leling-hub` just built (verify checks that it exists).

use std::process::Command;

#[test]
fn the_systemd_unit_verifies() {
    let found = Command::new("systemd-analyze").arg("--version").output();
    if found.is_err() {
        assert!(
            std::env::var("LELING_REQUIRE_SYSTEMD").as_deref() != Ok("1"),
            "LELING_REQUIRE_SYSTEMD=1 but systemd-analyze is missing"
        );
        eprintln!("SKIPPED: systemd-analyze is not installed");
        return;
    }
    let unit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/leling-hub.service"
    ))
    .unwrap();
    assert!(unit.contains("ExecStart=/usr/local/bin/leling-hub "));
    let here = unit.replace(
        "/usr/local/bin/leling-hub",
        env!("CARGO_BIN_EXE_leling-hub"),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leling-hub.service");
    std::fs::write(&path, here).unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap();
    // Only what it says of this unit: the system's own units may have warnings of their own.
    let said = String::from_utf8_lossy(&out.stderr);
    let about_ours = said.lines().filter(|l| l.contains("leling-hub")).count();
    assert!(out.status.success() && about_ours == 0, "{said}");
}
