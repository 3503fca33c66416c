//! Link settings for the `leling` program itself.

use std::process::Command;

fn main() {
    // Why: a position-independent program has ~60,000 pointers for the loader to fix at every
    // start. Packed relative relocations describe them in a few kilobytes instead of 1.4 MB,
    // which the loader would otherwise page in and walk before the first frame. Address
    // randomisation stays on.
    if loader_reads_packed_relocations() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// Whether the program is built here for this very machine, on glibc 2.36 or newer (the first
/// whose loader reads packed relocations; an older one refuses such a program outright).
/// Anything unsure keeps the ordinary relocations.
fn loader_reads_packed_relocations() -> bool {
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("HOST") != var("TARGET")
    {
        return false;
    }
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&out.stdout);
    let mut numbers = text
        .trim()
        .trim_start_matches("glibc ")
        .split('.')
        .map(|n| n.parse::<u32>().ok());
    matches!(
        (numbers.next().flatten(), numbers.next().flatten()),
        (Some(major), Some(minor)) if (major, minor) >= (2, 36)
    )
}
