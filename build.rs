//! Link settings for the `leling` program itself.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    // Why: a position-independent program has ~60,000 pointers for the loader to fix at every
    // start. Packed relative relocations (glibc 2.36+) describe them in a few kilobytes instead
    // of 1.4 MB, which the loader would otherwise page in and walk before the first frame.
    // Address randomisation stays on.
    if target_os == "linux" && target_env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
