//! The neural voice on disk: where it lives, whether it is whole, and which of its voices
//! speaks each language. `install` puts it there.
//!
//! The voice is Kokoro-82M v1.0 (int8 ONNX, Apache-2.0 weights) run by a Python helper
//! (`kokoro_helper.py`, this project's own) in a virtual environment of its own. Nothing of it
//! is fetched while a learner reads: it is there, whole, or the reading voice is espeak-ng.

pub mod engine;
pub mod install;

use std::path::{Path, PathBuf};

use leling_core::model::Lang;

/// The helper, written into the voice's folder by `leling voice install`.
pub const HELPER: &str = include_str!("kokoro_helper.py");

/// The model's file, size and SHA-256: the upstream Kokoro-82M v1.0 int8 release
/// (kokoro-onnx's `model-files-v1.0`). The registry copy is checked against this, not against
/// its repackager's own record.
pub const MODEL_FILE: &str = "kokoro-v1.0.int8.onnx";
pub const MODEL_BYTES: u64 = 92_361_271;
pub const MODEL_SHA256: &str = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb";

/// A voice of the model, and the language it speaks.
pub struct NamedVoice {
    pub name: &'static str,
    pub lang: Lang,
}

/// The voices installed, the first of each language its default. Chosen by ear and by the
/// recogniser (see the README): `zf_xiaobei` and `af_heart` were understood best.
pub const VOICES: [NamedVoice; 5] = [
    NamedVoice {
        name: "zf_xiaobei",
        lang: Lang::Zh,
    },
    NamedVoice {
        name: "zf_xiaoxiao",
        lang: Lang::Zh,
    },
    NamedVoice {
        name: "zm_yunjian",
        lang: Lang::Zh,
    },
    NamedVoice {
        name: "af_heart",
        lang: Lang::En,
    },
    NamedVoice {
        name: "am_michael",
        lang: Lang::En,
    },
];

/// The default voice for a language.
pub fn default_voice(lang: Lang) -> &'static str {
    VOICES
        .iter()
        .find(|v| v.lang == lang)
        .map(|v| v.name)
        .expect("every language has a voice")
}

/// The language a voice speaks, if it is one of ours.
pub fn voice_lang(name: &str) -> Option<Lang> {
    VOICES.iter().find(|v| v.name == name).map(|v| v.lang)
}

/// What is missing from an incomplete voice folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing(pub PathBuf);

/// The folder the neural voice lives in: `LELING_VOICE_DIR` when set (one copy shared by the
/// kiosk's accounts, or by tests), else `voice` in the data directory.
#[derive(Debug, Clone)]
pub struct VoiceHome(PathBuf);

impl VoiceHome {
    pub fn resolve(data_dir: &Path) -> VoiceHome {
        match std::env::var_os("LELING_VOICE_DIR") {
            Some(dir) if !dir.is_empty() => VoiceHome(PathBuf::from(dir)),
            _ => VoiceHome(data_dir.join("voice")),
        }
    }

    /// The voice in a given folder.
    pub fn at(dir: PathBuf) -> VoiceHome {
        VoiceHome(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.0
    }

    pub fn python(&self) -> PathBuf {
        self.0.join("venv").join("bin").join("python")
    }

    pub fn helper(&self) -> PathBuf {
        self.0.join("kokoro_helper.py")
    }

    pub fn model(&self) -> PathBuf {
        self.0.join(MODEL_FILE)
    }

    pub fn voices(&self) -> PathBuf {
        self.0.join("voices.npz")
    }

    /// What was brought from the registries, kept so that it can be copied to a USB stick
    /// and installed on a kiosk that has no network (`leling voice install --from`).
    pub fn kit(&self) -> PathBuf {
        self.0.join("kit")
    }

    /// Interface messages already synthesised, by voice and text.
    pub fn cache(&self) -> PathBuf {
        self.0.join("cache")
    }

    /// Whether every part is there (not whether it runs: starting the engine tells that).
    pub fn check(&self) -> Result<(), Missing> {
        for part in [self.python(), self.helper(), self.model(), self.voices()] {
            if !part.is_file() {
                return Err(Missing(part));
            }
        }
        Ok(())
    }
}
