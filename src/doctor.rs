//! `leling doctor`: what a volunteer or technician needs to know when something seems wrong.
//! It reports and changes nothing; it exits non-zero when the database cannot be trusted.

use std::io::IsTerminal;

use crate::config::{LoadedSettings, Paths, SpeechChoice};
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::speech;
use crate::store::{LATEST_VERSION, Store};
use crate::sync::report;
use crate::ui::ColorMode;
use leling_cli::Exit;

/// `speech` is the backend asked for on the command line, if any.
pub fn run(
    speech: Option<SpeechChoice>,
    paths: &Paths,
    loaded: &LoadedSettings,
    lang: Lang,
) -> Result<(), Exit> {
    let show = |p: &std::path::Path| p.display().to_string();
    outln!("{}", t(lang, "doctor-title"));

    match ratatui::crossterm::terminal::size() {
        Ok((cols, rows)) if std::io::stdout().is_terminal() => outln!(
            "{}",
            t_with(
                lang,
                "doctor-terminal",
                &[("cols", cols.into()), ("rows", rows.into())]
            )
        ),
        _ => outln!("{}", t(lang, "doctor-no-terminal")),
    }
    let enlarging = enlarging_here();
    outln!("{}", enlarging.tell(lang));
    let mode = t(lang, ColorMode::detect().message_id());
    outln!(
        "{}",
        t_with(lang, "doctor-colour", &[("mode", mode.into())])
    );

    let choice = speech.unwrap_or(loaded.settings.speech);
    let voice_home = crate::voice::VoiceHome::resolve(&paths.data_dir);
    let probes = speech::probe_all(&voice_home);
    for probe in &probes {
        let backend = probe.choice.code();
        let line = match &probe.found {
            Ok((zh, en, played)) => {
                let voices = [
                    ("backend", backend.into()),
                    ("zh", zh.clone().into()),
                    ("en", en.clone().into()),
                ];
                match played {
                    Ok(()) => t_with(lang, "doctor-speech-found", &voices),
                    Err(problem) => t_with(
                        lang,
                        "doctor-speech-silent",
                        &[
                            ("backend", backend.into()),
                            ("reason", t(lang, problem.message_id()).into()),
                        ],
                    ),
                }
            }
            Err(problem) => t_with(
                lang,
                "doctor-speech-missing",
                &[
                    ("backend", backend.into()),
                    ("reason", t(lang, problem.message_id()).into()),
                ],
            ),
        };
        outln!("{line}");
    }
    // Where the neural voice is missing, what is missing and how to install it.
    if let Err(missing) = voice_home.check() {
        let args = [("path", show(&missing.0).into())];
        outln!("{}", t_with(lang, "voice-neural-missing", &args));
    }
    let chosen = speech::chosen_name(choice, &probes);
    outln!(
        "{}",
        t_with(lang, "doctor-speech-chosen", &[("backend", chosen.into())])
    );

    outln!(
        "{}",
        t_with(
            lang,
            "doctor-data-dir",
            &[("path", show(&paths.data_dir).into())]
        )
    );
    let state = match &loaded.problem {
        Some(p) => t_with(
            lang,
            "config-state-broken",
            &[("line", p.line.into()), ("reason", p.reason.clone().into())],
        ),
        None if loaded.path.exists() => t(lang, "config-state-ok"),
        None => t(lang, "config-state-missing"),
    };
    outln!(
        "{}",
        t_with(
            lang,
            "doctor-config",
            &[("path", show(&loaded.path).into()), ("state", state.into())]
        )
    );

    let db = paths.database();
    if !db.exists() {
        outln!(
            "{}",
            t_with(lang, "doctor-db-missing", &[("path", show(&db).into())])
        );
        return Ok(());
    }
    let report = Store::inspect(&db).and_then(|store| {
        let found = store.schema_version()?;
        outln!(
            "{}",
            t_with(
                lang,
                "doctor-db-version",
                &[
                    ("found", found.into()),
                    ("supported", LATEST_VERSION.into())
                ]
            )
        );
        store.integrity_check()?;
        if found == LATEST_VERSION {
            sync_state(&store, lang)?;
        }
        Ok(())
    });
    match report {
        Ok(()) => {
            outln!("{}", t(lang, "doctor-integrity-ok"));
            Ok(())
        }
        Err(crate::store::StoreError::Damaged { detail, .. }) => {
            outln!(
                "{}",
                t_with(lang, "doctor-integrity-bad", &[("detail", detail.into())])
            );
            Err(Exit(1))
        }
        Err(e) => {
            outln!("{}", e.message(lang));
            Err(Exit(1))
        }
    }
}

/// The sync's clock and what it set aside, when there is anything to say of them.
fn sync_state(store: &Store, lang: Lang) -> Result<(), crate::store::StoreError> {
    for note in report::staff_notes(store, lang)? {
        outln!("{note}");
    }
    Ok(())
}

/// Which way this terminal has of enlarging text, asked of it as the screens ask: kitty's text
/// sizing, pictures drawn with the system's Chinese font, or none.
enum Enlarging {
    /// Not in a terminal: nothing to ask.
    Unknown,
    TextSizing,
    /// Pictures, in the named protocol, drawn with the font at that path.
    Pictures(&'static str, std::path::PathBuf),
    /// Pictures, but no Chinese font to draw text with.
    PicturesWithoutFont,
    Nothing,
}

impl Enlarging {
    fn tell(&self, lang: Lang) -> String {
        match self {
            Enlarging::Unknown => t(lang, "doctor-enlarge-unknown"),
            Enlarging::TextSizing => t(lang, "doctor-enlarge-text-sizing"),
            Enlarging::Pictures(way, font) => t_with(
                lang,
                "doctor-enlarge-pictures",
                &[
                    ("way", (*way).into()),
                    ("font", font.display().to_string().into()),
                ],
            ),
            Enlarging::PicturesWithoutFont => t(lang, "doctor-enlarge-no-font"),
            Enlarging::Nothing => t(lang, "doctor-enlarge-none"),
        }
    }
}

/// Asks the terminal (in raw mode, so that its answers are read and not shown).
fn enlarging_here() -> Enlarging {
    use leling_term::{pictures, text_sizing};
    use ratatui::crossterm::terminal;

    if !std::io::stdout().is_terminal() || terminal::enable_raw_mode().is_err() {
        return Enlarging::Unknown;
    }
    let sizing = text_sizing::known_without_asking().unwrap_or_else(text_sizing::probe);
    let shows = (!sizing).then(pictures::probe).flatten();
    let _ = terminal::disable_raw_mode();
    match shows {
        _ if sizing => Enlarging::TextSizing,
        None => Enlarging::Nothing,
        Some(shows) => match pictures::PictureFont::find() {
            Ok(font) => {
                let way = match shows.protocol {
                    pictures::Protocol::Sixel => "sixel",
                    pictures::Protocol::Kitty => "kitty graphics",
                    pictures::Protocol::Iterm2 => "iTerm2 inline images",
                };
                Enlarging::Pictures(way, font.path().to_owned())
            }
            Err(_) => Enlarging::PicturesWithoutFont,
        },
    }
}
