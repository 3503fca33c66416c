//! Drawing on a terminal well, with no Leling nouns: what any large-text terminal program needs.
//!
//! - [`terminal`]: ratatui's crossterm backend behind [`terminal::FrameWriter`], which sends a
//!   frame in one write, skips the cursor moves after wide characters and fills a blank screen
//!   in one stroke where terminfo says the terminal can ([`terminfo`]);
//! - [`screen_copy`]: what the terminal shows, so that only changed cells are sent;
//! - [`painter`]: [`painter::Painter`] puts styled lines on screen at ×1 to ×4;
//! - [`bigtext`]: [`bigtext::BigFont`], GNU Unifont glyphs drawn with block characters, for a
//!   figure shown large (never for text);
//! - [`text_sizing`]: kitty's text sizing (OSC 66), asked of the terminal once;
//! - [`pictures`]: zoomed text drawn as sixel pictures with the system's Chinese font;
//! - [`tty_question`]: asking the terminal a question and reading its answer.

pub mod bigtext;
pub mod painter;
pub mod pictures;
pub mod screen_copy;
pub mod terminal;
pub mod terminfo;
pub mod text_sizing;
pub mod tty_question;
