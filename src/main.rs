fn main() -> std::process::ExitCode {
    tune_heap();
    leling::cli::run()
}

/// Why: two glibc defaults keep memory the reader has let go of.
/// - Threads that allocate at the same time get heaps ("arenas") of their own, and memory
///   freed in one arena serves only the threads that use it. The reader's background threads
///   (reading the whole book, counting pages) then kept ~1.5 MB more resident than the same
///   work in one heap. The app has a handful of threads that seldom allocate at once, so one
///   heap costs it no noticeable waiting.
/// - Blocks of 128 KB and up come from the kernel and go back when freed, but the first one
///   freed raises that line to its own size, so later blocks of a book's text are carved from
///   the heap and leave holes there. On Moby-Dick, peak memory then came out 1.1 MB higher in
///   about half the runs. A fixed line at 32 KB gives back every block from 32 KB up.
///
/// Set for every command of the kiosk program, before anything else runs: the commands other
/// than the screens are short and have a thread or two. (The hub, a program of its own with
/// many connections, keeps the defaults.)
fn tune_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator settings, before any thread of this program
    // starts. A refusal (return value 0) leaves the default, which is only less frugal.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 * 1024);
    }
}
