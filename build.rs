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
    // Why: the kernel maps a program's code in 64 KB at a time, and the ~1,500 functions that
    // run from launch to a page of the reader were spread through all 13 MB of it, so nearly
    // all of it ended up in memory (6.8 of 15 MB at peak on Moby-Dick). Side by side, ~1.8 MB.
    // The list comes from benches/order-code.sh, those an EPUB's pages need first; a function
    // it no longer names (its name changes with the code and the dependencies' features) is
    // only laid out where it would have been anyway.
    let order = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("link/startup-order.txt");
    if var("PROFILE") == "release" && links_with_lld() && order.exists() {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
    println!("cargo:rerun-if-changed=link/startup-order.txt");
    println!("cargo:rerun-if-changed=build.rs");
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// Whether rustc links with its own LLD, the only linker here that takes a symbol ordering
/// file: its default for x86-64 Linux since Rust 1.90. Flags that touch linking at all might
/// choose another, so with any of them the list is left out.
fn links_with_lld() -> bool {
    var("TARGET") == "x86_64-unknown-linux-gnu" && !var("CARGO_ENCODED_RUSTFLAGS").contains("link")
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
