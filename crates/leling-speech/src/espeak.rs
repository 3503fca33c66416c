//! espeak-ng as a child process, one process per utterance, killed to interrupt.
//!
//! The Mandarin voice is named explicitly: Debian 12's plain `cmn` voice reads the tone digits
//! of its own pinyin in English, `cmn-latn-pinyin` does not.
//!
//! An utterance plays for as long as its process runs. espeak-ng exits 0 even when it cannot
//! open the sound device; it then writes `error: …` on its standard error, which is how a
//! failure is told from a finished sentence.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::{Progress, Speaker, SpeechError, Utterance, UtteranceKind};
use leling_core::model::Lang;
use leling_core::settings::SpeechRate;

const NAME: &str = "espeak-ng";

pub struct Espeak {
    program: PathBuf,
    child: Option<Child>,
}

impl Espeak {
    /// Finds `espeak-ng` on the PATH and checks that it runs.
    pub fn find() -> Result<Espeak, SpeechError> {
        let program = PathBuf::from(NAME);
        let runs = Command::new(&program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if runs {
            Ok(Espeak {
                program,
                child: None,
            })
        } else {
            Err(SpeechError::Unavailable(NAME))
        }
    }

    pub fn voice(lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => "cmn-latn-pinyin",
            Lang::En => "en",
        }
    }

    /// Words per minute for each rate step; the middle step is a calm reading pace.
    fn words_per_minute(rate: SpeechRate) -> u32 {
        [110, 135, 160, 185, 210][usize::from(rate.get() - 1)]
    }

    fn command(&self, utterance: &Utterance, rate: SpeechRate, voice: Option<&str>) -> Command {
        let mut command = Command::new(&self.program);
        command
            .arg("-v")
            .arg(voice.unwrap_or(Self::voice(utterance.lang)))
            .arg("-s")
            .arg(Self::words_per_minute(rate).to_string())
            .arg("--stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    }

    fn run(&self, mut command: Command, text: &str) -> Result<Child, SpeechError> {
        let mut child = command.spawn().map_err(failed)?;
        // Text goes through stdin so that text starting with '-' is never read as an option.
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(text.as_bytes()).map_err(failed)?;
        }
        Ok(child)
    }

    /// Synthesises an utterance into a WAV file and waits for it, in the language's voice or
    /// the one named: for `leling say`, tests and diagnostics.
    pub fn synthesize_to_wav(
        &self,
        utterance: &Utterance,
        rate: SpeechRate,
        voice: Option<&str>,
        path: &Path,
    ) -> Result<(), SpeechError> {
        let mut command = self.command(utterance, rate, voice);
        command.arg("-w").arg(path);
        let child = self.run(command, &utterance.text)?;
        outcome(child, failed)
    }
}

/// How an ended espeak-ng process went: a non-zero exit, or an `error` line on its standard
/// error (espeak-ng's way of saying the sound device would not open), is a failure.
fn outcome(mut child: Child, problem: fn(String) -> SpeechError) -> Result<(), SpeechError> {
    let status = child.wait().map_err(failed)?;
    let mut errors = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        // What it wrote is a few lines at most, and the process has ended.
        let _ = stderr.read_to_string(&mut errors);
    }
    let error_line = errors
        .lines()
        .find(|line| line.to_ascii_lowercase().contains("error"));
    match error_line {
        Some(line) => Err(problem(line.trim().to_owned())),
        None if !status.success() => Err(failed(format!("exited with {status}"))),
        None => Ok(()),
    }
}

impl Speaker for Espeak {
    fn name(&self) -> &'static str {
        NAME
    }

    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        self.stop()?;
        self.child = Some(self.run(self.command(utterance, rate, None), &utterance.text)?);
        Ok(())
    }

    fn stop(&mut self) -> Result<(), SpeechError> {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        Ok(())
    }

    fn voice_for(&mut self, lang: Lang) -> String {
        Self::voice(lang).to_owned()
    }

    fn progress(&mut self) -> Progress {
        let Some(child) = &mut self.child else {
            return Progress::Finished;
        };
        match child.try_wait() {
            Ok(None) => Progress::Playing,
            Ok(Some(_)) => {
                let child = self.child.take().expect("looked at just now");
                match outcome(child, no_sound) {
                    Ok(()) => Progress::Finished,
                    Err(problem) => Progress::Failed(problem),
                }
            }
            Err(e) => Progress::Failed(failed(e)),
        }
    }

    fn check_playback(&mut self) -> Result<(), SpeechError> {
        // A word at amplitude 0: the sound device is opened and fed, and nothing is heard.
        let mut command = self.command(
            &Utterance::new(UtteranceKind::Message, "ok"),
            SpeechRate::new(3),
            None,
        );
        command.arg("-a").arg("0");
        let child = self.run(command, "ok")?;
        outcome(child, no_sound)
    }
}

impl Drop for Espeak {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

fn failed(detail: impl ToString) -> SpeechError {
    SpeechError::Failed {
        backend: NAME,
        detail: detail.to_string(),
    }
}

fn no_sound(detail: String) -> SpeechError {
    SpeechError::NoSound {
        backend: NAME,
        detail,
    }
}
