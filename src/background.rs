//! Work that can wait: threads that read or lay out the rest of a book while the person reads
//! the first page.
//!
//! On a kiosk with two cores, the terminal that has to show Leling's page competes for them
//! with Leling's own background work. That work runs at the lowest priority, so the terminal
//! (and the key just pressed) always comes first.

use std::thread::JoinHandle;

/// Starts `work` on a thread of its own at the lowest scheduling priority.
pub fn spawn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> JoinHandle<T> {
    std::thread::spawn(move || {
        lower_this_threads_priority();
        work()
    })
}

#[cfg(target_os = "linux")]
fn lower_this_threads_priority() {
    // On Linux a nice value belongs to the thread, so this leaves the rest of Leling alone.
    // Not being allowed to lower it is harmless: the work then merely competes as before.
    let this_thread = rustix::thread::gettid();
    let _ = rustix::process::setpriority_process(Some(this_thread), 19);
}

#[cfg(not(target_os = "linux"))]
fn lower_this_threads_priority() {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn background_work_runs_at_the_lowest_priority_and_leaves_the_caller_alone() {
        let this_thread = || rustix::process::getpriority_process(Some(rustix::thread::gettid()));
        let before = this_thread().unwrap();
        let in_background = super::spawn(move || this_thread().unwrap()).join().unwrap();
        assert_eq!(in_background, 19);
        assert_eq!(this_thread().unwrap(), before);
    }
}
