//! The font zoomed text is drawn with: found through fontconfig, as the system's other
//! programs find theirs, never shipped with Leling. A monospaced CJK font is asked for, whose
//! Latin letters are half as wide as its ideographs, so that text drawn with it keeps the
//! terminal's grid of narrow and wide cells (Debian's fonts-noto-cjk gives Noto Sans Mono CJK).

use std::path::PathBuf;
use std::process::Command;

use ab_glyph::{Font, FontVec, GlyphId};

/// What fontconfig is asked for: a monospaced font that has Chinese.
const PATTERN: &str = "monospace:lang=zh-cn";
/// A character the font must have: one that is in every Chinese font.
const CHINESE_PROOF: char = '乐';

/// Why no font could be had.
#[derive(Debug, thiserror::Error)]
pub enum FontProblem {
    #[error("fontconfig (fc-match) could not be run: {0}")]
    NoFontconfig(std::io::Error),
    #[error("fontconfig found no font for {PATTERN}")]
    NotFound,
    #[error("the font {0} could not be read: {1}")]
    Unreadable(PathBuf, String),
    #[error("the font {0} has no Chinese characters")]
    NoChinese(PathBuf),
}

pub struct PictureFont {
    font: FontVec,
    path: PathBuf,
}

impl PictureFont {
    /// The system's monospaced Chinese font, read whole (parsing is lazy: a glyph's outline
    /// is read when it is first drawn).
    pub fn find() -> Result<PictureFont, FontProblem> {
        let out = Command::new("fc-match")
            .args(["--format", "%{file}\n%{index}", PATTERN])
            .output()
            .map_err(FontProblem::NoFontconfig)?;
        let found = String::from_utf8_lossy(&out.stdout);
        let mut lines = found.lines();
        let path = PathBuf::from(
            lines
                .next()
                .filter(|p| !p.is_empty())
                .ok_or(FontProblem::NotFound)?,
        );
        let index = lines
            .next()
            .and_then(|i| i.trim().parse().ok())
            .unwrap_or(0);
        PictureFont::open(path, index)
    }

    /// The font at `path` (the `index`th of a collection).
    pub fn open(path: PathBuf, index: u32) -> Result<PictureFont, FontProblem> {
        let bytes = std::fs::read(&path)
            .map_err(|e| FontProblem::Unreadable(path.clone(), e.to_string()))?;
        let font = FontVec::try_from_vec_and_index(bytes, index)
            .map_err(|e| FontProblem::Unreadable(path.clone(), e.to_string()))?;
        if font.glyph_id(CHINESE_PROOF) == GlyphId(0) {
            return Err(FontProblem::NoChinese(path));
        }
        Ok(PictureFont { font, path })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub(super) fn font(&self) -> &FontVec {
        &self.font
    }
}
