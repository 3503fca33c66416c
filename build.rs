//! Links the `leling` program as a fixed-address executable on Linux. A position-independent
//! one has its 1 MB of pointer tables rewritten by the loader at every start (about 270 pages
//! touched and copied before the first page can show); fixed, they are settled when linking.
//! Measured with ../shared/bench/ttfp.py: peak memory on 紅樓夢 17.2 MB → 14.5 MB.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bin=leling=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
