//! What every Leling command line shares (the kiosk's `leling` and the hub's `leling-hub`):
//!
//! - [`outln!`], [`errln!`], [`out!`], [`err!`]: printing that ends the program quietly when
//!   the reader of its output has gone (`leling search … | head -1`);
//! - [`Exit`]: a failure already explained to the person, with its exit code;
//! - [`report`]: clap's own mistakes (an unknown option, a bad value) in the person's language;
//! - [`lang_parser`]: `--lang zh|en`;
//! - [`printable`], [`ProgressBar`], [`read_pin`]: outside text made safe to print, progress,
//!   and a PIN read without echo;
//! - [`private`]: data files only their owner can read.

#[macro_use]
pub mod output;
mod errors;
pub mod private;
mod terminal;

pub use errors::report;
use leling_core::model::Lang;
pub use terminal::{ProgressBar, printable, read_pin};

/// A failure already explained to the person; carries the exit code.
pub struct Exit(pub u8);

/// `--lang` (and a member's language) takes zh or en, so a mistyped one is told with the
/// choices, in words of the locale files.
pub fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new([
        PossibleValue::new("zh").aliases(["zh-CN", "zh_CN"]),
        PossibleValue::new("en"),
    ])
    .map(|code| Lang::from_locale_name(&code))
}
