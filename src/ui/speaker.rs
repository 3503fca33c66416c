//! What the shell puts into words for the person: the voice, the last thing said (which `R`
//! says again) and the status line (a message shown, and also said when it is told).

use super::prefs::Prefs;
use crate::speech::Voice;

pub struct Speaker {
    pub(super) voice: Voice,
    last_said: String,
    /// The status line; the drawing shows it under the screen.
    pub(super) status: Option<String>,
}

impl Speaker {
    pub(super) fn new(voice: Voice, status: Option<String>) -> Speaker {
        Speaker {
            voice,
            last_said: String::new(),
            status,
        }
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The last thing said (or that would have been said, with a screen reader speaking).
    pub fn last_said(&self) -> &str {
        &self.last_said
    }

    /// Says `text` in the interface's voice, less what only the eye needs (bars, web
    /// addresses, stacked punctuation: [`super::spoken::speakable`]); nothing when nothing is
    /// left. With the person's own screen reader on, it is only remembered for `R`.
    pub(super) fn say(&mut self, prefs: &Prefs, text: String) {
        let words = super::spoken::speakable(&text);
        if words.is_empty() {
            return;
        }
        if !prefs.settings.screen_reader {
            self.voice.announce(prefs.lang(), words.clone());
        }
        self.last_said = words;
    }

    /// Shows a message on the status line and says it.
    pub(super) fn tell(&mut self, prefs: &Prefs, text: String) {
        self.status = Some(text.clone());
        self.say(prefs, text);
    }
}
