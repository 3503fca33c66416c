//! espeak-ng as a child process, one process per utterance, killed to interrupt.
//!
//! The Mandarin voice is named explicitly: Debian 12's plain `cmn` voice reads the tone digits
//! of its own pinyin in English, `cmn-latn-pinyin` does not.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::{Speaker, SpeechError, Utterance};
use crate::config::SpeechRate;
use crate::model::Lang;

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

    fn command(&self, utterance: &Utterance, rate: SpeechRate) -> Command {
        let mut command = Command::new(&self.program);
        command
            .arg("-v")
            .arg(Self::voice(utterance.lang))
            .arg("-s")
            .arg(Self::words_per_minute(rate).to_string())
            .arg("--stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
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

    /// Synthesises an utterance into a WAV file and waits for it: for tests and diagnostics.
    pub fn synthesize_to_wav(
        &self,
        utterance: &Utterance,
        rate: SpeechRate,
        path: &Path,
    ) -> Result<(), SpeechError> {
        let mut command = self.command(utterance, rate);
        command.arg("-w").arg(path);
        let status = self.run(command, &utterance.text)?.wait().map_err(failed)?;
        if status.success() {
            Ok(())
        } else {
            Err(failed(format!("exited with {status}")))
        }
    }

    /// Collects the previous utterance's process, reporting it if it failed on its own.
    fn reap(&mut self) -> Result<(), SpeechError> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        match child.try_wait().map_err(failed)? {
            Some(status) if !status.success() => Err(failed(format!("exited with {status}"))),
            Some(_) => Ok(()),
            None => {
                self.child = Some(child);
                Ok(())
            }
        }
    }
}

impl Speaker for Espeak {
    fn name(&self) -> &'static str {
        NAME
    }

    fn speak(&mut self, utterance: &Utterance, rate: SpeechRate) -> Result<(), SpeechError> {
        self.reap()?;
        self.stop()?;
        self.child = Some(self.run(self.command(utterance, rate), &utterance.text)?);
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

    fn is_speaking(&mut self) -> Option<bool> {
        let running = match &mut self.child {
            Some(child) => matches!(child.try_wait(), Ok(None)),
            None => false,
        };
        Some(running)
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
