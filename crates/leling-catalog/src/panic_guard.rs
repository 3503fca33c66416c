//! Containing a panic inside a third-party parser: outside data must never bring Leling
//! down, but a library can still have a bug (feed-rs, for one, panics on a media duration
//! longer than 20 digits). Such a call runs "quietly": its panic becomes `None`, nothing is
//! printed, and the terminal is left as it is.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current thread is inside [`quietly`]: panic hooks then stay silent.
pub fn is_quiet() -> bool {
    QUIET.with(Cell::get)
}

/// Puts a hook before the current one that keeps quiet inside [`quietly`]. Called once, at
/// start; later hooks (the terminal's) check [`is_quiet`] themselves.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !is_quiet() {
                previous(info);
            }
        }));
    });
}

/// Runs `work`, turning a panic into `None`.
pub fn quietly<T>(work: impl FnOnce() -> T) -> Option<T> {
    install();
    let was = QUIET.with(|quiet| quiet.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(work)).ok();
    QUIET.with(|quiet| quiet.set(was));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_none_and_work_that_ends_gives_its_value() {
        assert_eq!(quietly(|| 7), Some(7));
        let nothing: Option<u8> = quietly(|| panic!("a library bug"));
        assert_eq!(nothing, None);
        assert!(!is_quiet());
    }
}
