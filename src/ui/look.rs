//! How the screens look on this terminal: the colours it can show, whether it can enlarge text
//! (kitty's text sizing), and the large-glyph font for a figure shown large, read the first
//! time one is (never for a first page).

use std::path::PathBuf;
use std::sync::Arc;

use leling_term::bigtext::BigFont;

use super::prefs::Prefs;
use super::settings_rows::Setting;
use super::theme::{ColorMode, Theme};
use crate::config::ThemeName;
use crate::i18n::t;
use crate::model::Lang;

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

    /// Zoomed text drawn by the terminal (kitty's OSC 66).
    pub fn set_text_sizing(&mut self, on: bool) {
        self.text_sizing = on;
    }

    /// The size text is drawn at when `chosen` is asked for: as chosen where this terminal
    /// can enlarge text, else ×1. Text is never drawn in block characters: a Chinese page in
    /// Unifont quadrants at ×2 or ×3 read as blobs (OCR found 6% and 3% of its characters).
    pub fn shown_zoom(&self, chosen: u8) -> u8 {
        if self.text_sizing { chosen } else { 1 }
    }

    /// What to tell a learner who chose `chosen` here, where text cannot be shown that large:
    /// that this terminal cannot enlarge it, and what the staff can do.
    pub fn cannot_show(&self, chosen: u8, lang: Lang) -> Option<String> {
        (self.shown_zoom(chosen) < chosen).then(|| t(lang, "zoom-cannot"))
    }

    /// `said` of `setting` just changed (or of her settings just taken up), with
    /// [`Look::cannot_show`]'s words after it when the size is one this terminal cannot show,
    /// which the status row shows too.
    pub fn said_of(
        &self,
        setting: Setting,
        said: String,
        prefs: &Prefs,
        status: &mut Option<String>,
    ) -> String {
        let cannot = (setting == Setting::Zoom)
            .then(|| self.cannot_show(prefs.settings().zoom.get(), prefs.lang()))
            .flatten();
        match cannot {
            Some(cannot) => {
                let said = format!("{said} {cannot}");
                status.get_or_insert(cannot);
                said
            }
            None => said,
        }
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
