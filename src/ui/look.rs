//! How the screens look on this terminal: the colours it can show, how it can enlarge text
//! (kitty's text sizing, or pictures drawn with the system's font, asked of the terminal the
//! first time text is wanted above ×1), and the large-glyph font for a figure shown large,
//! read the first time one is (never for a first page).

use std::path::PathBuf;
use std::sync::Arc;

use leling_term::bigtext::BigFont;
use leling_term::painter::Painter;
use leling_term::pictures::{PictureFont, Pictures, Shows};

use super::prefs::Prefs;
use super::settings_rows::Setting;
use super::theme::{ColorMode, Theme};
use crate::config::{Settings, ThemeName};
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
    /// Zoomed text as pictures (None: not asked yet; an error: why there are none).
    pictures: Option<Result<Arc<Pictures>, NoPictures>>,
    /// How the terminal is asked whether it shows pictures: directly before the keys are read,
    /// then through the thread that reads them. None: not at all (no terminal).
    ask: Option<AskTerminal>,
}

/// Asks the terminal whether it shows pictures, and how large its cells are.
pub type AskTerminal = Box<dyn Fn() -> Option<Shows>>;

/// Why zoomed text cannot be drawn as pictures here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoPictures {
    /// The terminal shows none.
    Terminal,
    /// It does, but the system has no Chinese font to draw text with.
    Font,
}

impl Look {
    pub fn new(color_mode: ColorMode, data_dir: PathBuf) -> Look {
        Look {
            color_mode,
            text_sizing: false,
            data_dir,
            font: None,
            pictures: None,
            ask: None,
        }
    }

    /// How the terminal is asked about pictures from now on.
    pub fn set_ask(&mut self, ask: AskTerminal) {
        self.ask = Some(ask);
    }

    /// Makes ready to show text at the size `settings` ask for: the first time text is wanted
    /// above ×1 on a terminal that cannot scale text itself, the terminal is asked whether it
    /// shows pictures and the system's font is read. Never for a first page at ×1.
    pub fn ready_for(&mut self, settings: &Settings) {
        if settings.zoom.get() <= 1 || self.text_sizing || self.pictures.is_some() {
            return;
        }
        let Some(ask) = &self.ask else {
            return;
        };
        self.pictures = Some(match ask() {
            None => Err(NoPictures::Terminal),
            Some(shows) => match PictureFont::find() {
                Ok(font) => Ok(Arc::new(Pictures::new(shows, font))),
                Err(_) => Err(NoPictures::Font),
            },
        });
    }

    /// What goes to the terminal after a frame is drawn (kitty's pictures are placed then).
    pub fn after_frame(&self) -> Option<String> {
        match &self.pictures {
            Some(Ok(pictures)) => pictures.after_frame(),
            _ => None,
        }
    }

    /// Who draws text at the size `settings` ask for, as [`Look::shown_zoom`] gives it.
    pub fn painter(&self, settings: &Settings) -> Painter {
        let zoom = self.shown_zoom(settings);
        match &self.pictures {
            _ if self.text_sizing => Painter::scaled(zoom),
            Some(Ok(pictures)) if zoom > 1 => Painter::pictured(zoom, Arc::clone(pictures)),
            _ => Painter::normal(),
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

    /// The size text is drawn at when `settings` ask for theirs: as asked where this terminal
    /// can enlarge text (scaled by the terminal, or drawn as pictures where the screen reader
    /// is off: a picture is not text a screen reader can read), else ×1. Text is never drawn
    /// in block characters: a Chinese page in Unifont quadrants at ×2 or ×3 read as blobs (OCR
    /// found 6% and 3% of its characters).
    pub fn shown_zoom(&self, settings: &Settings) -> u8 {
        let chosen = settings.zoom.get();
        let pictured = matches!(self.pictures, Some(Ok(_))) && !settings.screen_reader;
        if self.text_sizing || pictured {
            chosen
        } else {
            1
        }
    }

    /// What to tell a learner whose settings ask for a size this terminal cannot show: why,
    /// and what the staff can do.
    pub fn cannot_show(&mut self, settings: &Settings, lang: Lang) -> Option<String> {
        self.ready_for(settings);
        if self.shown_zoom(settings) >= settings.zoom.get() {
            return None;
        }
        let why = match self.pictures {
            Some(Ok(_)) => "zoom-screen-reader",
            Some(Err(NoPictures::Font)) => "zoom-no-font",
            _ => "zoom-cannot",
        };
        Some(t(lang, why))
    }

    /// `said` of `setting` just changed (or of her settings just taken up), with
    /// [`Look::cannot_show`]'s words after it when the size is one this terminal cannot show,
    /// which the status row shows too.
    pub fn said_of(
        &mut self,
        setting: Setting,
        said: String,
        prefs: &Prefs,
        status: &mut Option<String>,
    ) -> String {
        let cannot = (setting == Setting::Zoom)
            .then(|| self.cannot_show(prefs.settings(), prefs.lang()))
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
