//! Settings (a TOML file) and where Leling keeps its files.
//!
//! The settings file is written atomically (a temporary file, then a rename), so a power cut
//! never leaves half a file. A file that cannot be read is never overwritten: Leling starts on
//! defaults and says which file and line is wrong.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::{Deserialize, Serialize};

use crate::model::Lang;

/// The colour themes. Each one keeps every text colour at 7:1 contrast or better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    YellowOnBlack,
    WhiteOnBlack,
    BlackOnCream,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [
        ThemeName::YellowOnBlack,
        ThemeName::WhiteOnBlack,
        ThemeName::BlackOnCream,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ThemeName::YellowOnBlack => "yellow-on-black",
            ThemeName::WhiteOnBlack => "white-on-black",
            ThemeName::BlackOnCream => "black-on-cream",
        }
    }
}

impl std::str::FromStr for ThemeName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.code() == s)
            .ok_or_else(|| {
                format!(
                    "unknown theme '{s}' (use yellow-on-black, white-on-black or black-on-cream)"
                )
            })
    }
}

pub use leling_core::settings::{LineGap, SpeechRate, Zoom};
pub use leling_speech::SpeechChoice;

/// Everything a volunteer can change on the Settings screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The interface language; when absent, the system locale decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    pub theme: ThemeName,
    pub zoom: Zoom,
    pub line_gap: LineGap,
    /// Chinese shown as the book has it, or in simplified or traditional characters.
    pub chinese_script: crate::catalog::script::ChineseScript,
    /// The widest a line of Chinese may be, in characters, and of other text, in columns.
    pub reading_width_cjk: u16,
    pub reading_width_latin: u16,
    pub speech: SpeechChoice,
    pub speech_rate: SpeechRate,
    /// A screen reader is running: Leling stops speaking for itself and leaves it to the reader.
    pub screen_reader: bool,
    /// In kiosk mode, minutes without a key press before the screen goes back home.
    pub kiosk_idle_minutes: u32,
    /// Minutes between automatic syncs with the hub (0: only when asked).
    pub sync_every_minutes: u32,
    /// The program (and its first arguments) that opens a lecture's address on this machine,
    /// e.g. `["xdg-open"]` or `["mpv", "--fs"]`; set by the administrator in the file only.
    /// Empty: lectures offer no "open here".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open_command: Vec<String>,
    /// The base address of a Project Gutenberg mirror (`https://gutenberg.pglaf.org`), from
    /// which the recommended books are fetched instead of gutenberg.org (Project Gutenberg asks
    /// bulk downloaders to use one); set by the administrator in the file, or for one run with
    /// `leling library fetch --mirror`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub book_mirror: Option<String>,
    /// The centre's credit rules (学时): what each activity earns in a learner's record.
    pub credits: crate::model::CreditRules,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            theme: ThemeName::default(),
            zoom: Zoom::new(1),
            line_gap: LineGap::new(1),
            chinese_script: crate::catalog::script::ChineseScript::AsWritten,
            reading_width_cjk: 40,
            reading_width_latin: 66,
            speech: SpeechChoice::Auto,
            speech_rate: SpeechRate::new(3),
            screen_reader: false,
            kiosk_idle_minutes: 10,
            sync_every_minutes: 0,
            open_command: Vec::new(),
            book_mirror: None,
            credits: crate::model::CreditRules::default(),
        }
    }
}

/// Why a settings file could not be used, pointing at the line a person must fix.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProblem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// The settings in force and where they came from.
#[derive(Debug, Clone)]
pub struct LoadedSettings {
    pub path: PathBuf,
    pub settings: Settings,
    /// Set when the file exists but is broken; the file must then be left as it is.
    pub problem: Option<ConfigProblem>,
}

/// Reads the settings file. A missing file gives the defaults; a broken one gives the defaults
/// and the problem.
pub fn load(path: &Path) -> LoadedSettings {
    let loaded = |settings, problem| LoadedSettings {
        path: path.to_owned(),
        settings,
        problem,
    };
    let text = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return loaded(Settings::default(), None);
        }
        Err(e) => {
            let problem = ConfigProblem {
                path: path.to_owned(),
                line: 0,
                column: 0,
                reason: e.to_string(),
            };
            return loaded(Settings::default(), Some(problem));
        }
    };
    match parse(&text) {
        Ok(settings) => loaded(settings, None),
        Err((line, column, reason)) => {
            let problem = ConfigProblem {
                path: path.to_owned(),
                line,
                column,
                reason,
            };
            loaded(Settings::default(), Some(problem))
        }
    }
}

/// Parses settings, or says at which line and column (1-based) and why they are wrong.
pub fn parse(bytes: &[u8]) -> Result<Settings, (usize, usize, String)> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_and_column(bytes, e.valid_up_to());
        (line, column, "the file is not UTF-8 text".to_owned())
    })?;
    toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_and_column(text.as_bytes(), span.start))
            .unwrap_or((1, 1));
        (line, column, e.message().to_owned())
    })
}

fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Writes the settings atomically: a temporary file beside the target, flushed, then renamed.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    let text = toml::to_string_pretty(settings).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut temp_name = path.as_os_str().to_owned();
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp_name);
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Where Leling keeps its database and reads its settings.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
}

impl Paths {
    /// The command-line choices where given, else the XDG directories (or the platform's own).
    pub fn resolve(
        data_dir: Option<PathBuf>,
        config_file: Option<PathBuf>,
    ) -> anyhow::Result<Paths> {
        let base = || {
            etcetera::choose_base_strategy()
                .map_err(|e| anyhow::anyhow!("cannot find the home directory: {e}"))
        };
        let data_dir = match data_dir {
            Some(dir) => dir,
            None => base()?.data_dir().join("leling"),
        };
        let config_file = match config_file {
            Some(file) => file,
            None => base()?.config_dir().join("leling").join("config.toml"),
        };
        Ok(Paths {
            data_dir,
            config_file,
        })
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join("leling.db")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        let settings = Settings {
            language: Some(Lang::En),
            theme: ThemeName::BlackOnCream,
            zoom: Zoom::new(2),
            line_gap: LineGap::new(2),
            chinese_script: crate::catalog::script::ChineseScript::Simplified,
            reading_width_cjk: 30,
            reading_width_latin: 60,
            speech: SpeechChoice::Espeak,
            speech_rate: SpeechRate::new(5),
            screen_reader: true,
            kiosk_idle_minutes: 3,
            sync_every_minutes: 15,
            open_command: vec!["xdg-open".into()],
            book_mirror: Some("https://gutenberg.pglaf.org".into()),
            credits: crate::model::CreditRules {
                session_minutes: 60,
                per_quiz: 2,
                ..Default::default()
            },
        };
        save(&path, &settings).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.settings, settings);
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_missing_file_gives_defaults_without_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(&dir.path().join("none.toml"));
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.problem.is_none());
    }

    #[test]
    fn a_broken_file_names_its_line_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text = "theme = \"white-on-black\"\n\nline_gap = 7\n";
        fs::write(&path, text).unwrap();
        let loaded = load(&path);
        let problem = loaded.problem.expect("a problem");
        assert_eq!(problem.line, 3);
        assert!(problem.reason.contains("0 to 2"), "{}", problem.reason);
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn an_unknown_theme_is_reported_on_its_line() {
        let (line, _, reason) = parse(b"# my settings\ntheme = \"pink\"\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(reason.contains("pink"), "{reason}");
    }

    #[test]
    fn steps_cycle_and_clamp() {
        let gap = LineGap::new(2);
        assert_eq!(gap.cycled().get(), 0);
        assert_eq!(SpeechRate::new(5).up().get(), 5);
        assert_eq!(SpeechRate::new(1).down().get(), 1);
    }
}
