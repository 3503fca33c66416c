//! How the screens look on this terminal: the colours it can show, whether it draws zoomed
//! text itself (kitty's text sizing), and the large-glyph font, read the first time text is
//! zoomed or a figure is shown large (never for a first page at ×1).

use std::path::PathBuf;
use std::sync::Arc;

use leling_term::bigtext::BigFont;

use super::theme::{ColorMode, Theme};
use crate::config::ThemeName;

pub struct Look {
    color_mode: ColorMode,
    /// The terminal draws zoomed text itself, so no font is needed.
    text_sizing: bool,
    /// Where a copy of the large-glyph font may be kept.
    data_dir: PathBuf,
    /// The large-glyph font (None: not looked for yet; an error: looked for, not found).
    font: Option<Result<Arc<BigFont>, ()>>,
}

impl Look {
    pub fn new(color_mode: ColorMode, data_dir: PathBuf) -> Look {
        Look {
            color_mode,
            text_sizing: false,
            data_dir,
            font: None,
        }
    }

    pub fn theme(&self, name: ThemeName) -> Theme {
        Theme::new(name, self.color_mode)
    }

    /// Whether the terminal draws zoomed text itself (`leling_term::text_sizing`).
    pub fn text_sizing(&self) -> bool {
        self.text_sizing
    }

    /// Zoomed text drawn by the terminal (kitty's OSC 66) instead of in Unifont glyphs.
    pub fn set_text_sizing(&mut self, on: bool) {
        self.text_sizing = on;
    }

    /// The font for text zoomed to `zoom`: none at ×1 or when the terminal draws zoomed text
    /// itself; `Err` when it is needed and cannot be found (text then stays at normal size).
    pub fn big_font(&mut self, zoom: u8) -> Result<Option<Arc<BigFont>>, ()> {
        if zoom == 1 || self.text_sizing {
            return Ok(None);
        }
        self.font().map(Some).ok_or(())
    }

    /// The bitmap font, read the first time it is wanted (and not looked for again); for a
    /// figure shown large at any zoom (the check-in count), which without it is shown at
    /// normal size.
    pub fn font(&mut self) -> Option<Arc<BigFont>> {
        let data_dir = &self.data_dir;
        self.font
            .get_or_insert_with(|| BigFont::load(data_dir).map(Arc::new).map_err(drop))
            .as_ref()
            .ok()
            .cloned()
    }
}
