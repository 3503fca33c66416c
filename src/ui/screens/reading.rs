//! The reader as a screen: its own keys (pages, sentences, reading aloud sentence by sentence,
//! contents, bookmarks, search, go to, the speech rate), what the voice says back, the place
//! it keeps, and its words for the screen reader. `reader_view` draws its page.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::bookmarks::Bookmarks;
use super::contents::Contents;
use super::find_in_book::FindInBook;
use super::go_to::GoTo;
use crate::i18n::{Tell, t, t_with};
use crate::model::Lang;
use crate::speech::pace;
use crate::ui::component::{Component, Intent, Outcome, Saved, Screen, Services, Spoken};
use crate::ui::reader::Reader;
use crate::ui::settings_rows::Setting;
use crate::ui::view::{HelpTopic, View, ViewContext};

impl Reader {
    /// Hands the highlighted sentence to speech (in the chosen Chinese script), and the next
    /// one to make ready when the reading will go on to it.
    fn speak_sentence(&mut self, sv: &Services) {
        let script = sv.settings.chinese_script;
        let Some(text) = self.current_sentence_text() else {
            return;
        };
        let id = self.new_speech_id();
        if sv.settings.screen_reader {
            return;
        }
        let next = (self.reading && !self.stop_after_each)
            .then(|| self.following_sentence_text())
            .flatten()
            .map(|next| script.convert(&next));
        sv.voice.read(id, script.convert(&text), next);
    }

    /// Reading aloud ends: silence.
    fn stop(&mut self, sv: &Services) {
        self.stop_reading_aloud();
        sv.voice.stop();
    }

    /// A page turned (or not): read on from it, or say where the page is.
    fn turn(&mut self, moved: bool, was_reading: bool, sv: &Services) -> Intent {
        if !moved {
            return Intent::Say(t(sv.lang, "reader-no-more"));
        }
        if was_reading {
            self.speak_sentence(sv);
            return Intent::Stay;
        }
        sv.voice.stop();
        let percent = self.percent();
        Intent::Say(match self.page_in_book() {
            (Some(page), _) => t_with(
                sv.lang,
                "reader-page",
                &[("page", page.into()), ("percent", percent.into())],
            ),
            (None, _) => t_with(
                sv.lang,
                "reader-page-unnumbered",
                &[("percent", percent.into())],
            ),
        })
    }

    fn step_sentence(&mut self, forward: bool, sv: &Services) -> Intent {
        let moved = if forward {
            self.next_sentence()
        } else {
            self.previous_sentence()
        };
        if !moved {
            return Intent::Say(t(sv.lang, "reader-no-more"));
        }
        self.speak_sentence(sv);
        Intent::Stay
    }

    /// "Where am I": the book, the chapter, how far through, and minutes left at this rate.
    fn where_am_i(&self, sv: &Services) -> Intent {
        let book_lang = if self.chinese { Lang::Zh } else { Lang::En };
        let minutes = minutes_for(self.chars_left(), book_lang, sv.settings.speech_rate);
        let chapter = self.chapter_title().unwrap_or_default().to_owned();
        let args = [
            ("title", self.title.clone().into()),
            ("chapter", chapter.into()),
            ("percent", self.percent().into()),
            ("minutes", minutes.into()),
        ];
        Intent::Tell(t_with(sv.lang, "reader-where", &args))
    }

    fn add_bookmark(&self, sv: &Services) -> Intent {
        let lang = sv.lang;
        let chapter = self.chapter_title().unwrap_or(&self.title).to_owned();
        let args = [
            ("chapter", chapter.into()),
            ("percent", self.percent().into()),
        ];
        let label = t_with(lang, "bookmark-label", &args);
        let added =
            (sv.store)
                .library()
                .add_bookmark(self.book_id, sv.learner, self.position, &label);
        Intent::Tell(match added {
            Ok(()) => t_with(lang, "bookmark-added", &[("label", label.into())]),
            Err(e) => e.message(lang),
        })
    }

    /// Says where a jump from the contents, a bookmark, a search or "go to" landed.
    fn jumped(&self, lang: Lang) -> Intent {
        let chapter = self.chapter_title().unwrap_or_default().to_owned();
        let args = [
            ("chapter", chapter.into()),
            ("percent", self.percent().into()),
        ];
        Intent::Say(t_with(lang, "reader-jumped", &args))
    }

    /// What the voice said of the sentence it was handed.
    fn spoken(&mut self, news: &Spoken, sv: &Services) -> Option<Intent> {
        let id = match news {
            Spoken::Started(id) | Spoken::Done(id) | Spoken::Failed(id) => *id,
        };
        if self.spoken_id != Some(id) {
            return None;
        }
        match news {
            Spoken::Started(_) => {
                self.sounding = true;
                None
            }
            // The reader stays on the sentence, stops, and says why (in words: the voice
            // may well be unable to say even that, so it is on screen too).
            Spoken::Failed(_) => {
                self.stop_reading_aloud();
                Some(Intent::Tell(t(sv.lang, "speech-reading-failed")))
            }
            // Move on and keep reading, or stop after it.
            Spoken::Done(_) if !self.reading => None,
            Spoken::Done(_) => {
                self.spoken_id = None;
                if !self.next_sentence() {
                    self.reading = false;
                    return Some(Intent::Say(t(sv.lang, "reader-end")));
                }
                if self.stop_after_each {
                    self.reading = false;
                } else {
                    self.speak_sentence(sv);
                }
                None
            }
        }
    }
}

/// Minutes to read `chars` characters aloud at a rate.
fn minutes_for(chars: usize, lang: Lang, rate: crate::config::SpeechRate) -> u64 {
    let per_minute = match lang {
        // About four characters a second at the normal pace.
        Lang::Zh => 240.0,
        // About 160 words a minute, at about six characters a word.
        Lang::En => 960.0,
    };
    (chars as f64 / (per_minute * pace(rate))).ceil() as u64
}

impl Component for Reader {
    fn help_topic(&self) -> HelpTopic {
        HelpTopic::Reader
    }

    fn view(&self, cx: &ViewContext, _focus: Option<usize>) -> View {
        View {
            title: self.title.clone(),
            // Said on entering the book: where the learner is in it.
            body: self
                .chapter_title()
                .map(str::to_owned)
                .into_iter()
                .collect(),
            hint: t(cx.lang, "hint-reader"),
            ..View::default()
        }
    }

    /// The reader's own keys; `None` for the keys every screen shares.
    fn key(&mut self, key: KeyEvent, sv: &Services) -> Option<Intent> {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        let lang = sv.lang;
        let was_reading = self.reading;
        Some(match key.code {
            KeyCode::Char(' ') if self.reading => {
                self.stop(sv);
                Intent::Say(t(lang, "reader-paused"))
            }
            KeyCode::Char(' ') => {
                self.start_reading_aloud();
                self.speak_sentence(sv);
                Intent::Stay
            }
            KeyCode::Down | KeyCode::PageDown => {
                let moved = self.next_page();
                self.turn(moved, was_reading, sv)
            }
            KeyCode::Up | KeyCode::PageUp => {
                let moved = self.previous_page();
                self.turn(moved, was_reading, sv)
            }
            KeyCode::Home => {
                self.first_page();
                self.turn(true, was_reading, sv)
            }
            KeyCode::End => {
                self.last_page();
                self.turn(true, was_reading, sv)
            }
            KeyCode::Right => self.step_sentence(true, sv),
            KeyCode::Left => self.step_sentence(false, sv),
            KeyCode::Enter => {
                self.speak_sentence(sv);
                Intent::Stay
            }
            KeyCode::Char('s' | 'S') => {
                self.stop_after_each = !self.stop_after_each;
                let id = if self.stop_after_each {
                    "reader-one-by-one-on"
                } else {
                    "reader-one-by-one-off"
                };
                Intent::Say(t(lang, id))
            }
            KeyCode::Char('c' | 'C') => {
                self.caption = !self.caption;
                let id = if self.caption {
                    "reader-caption-on"
                } else {
                    "reader-caption-off"
                };
                Intent::Say(t(lang, id))
            }
            KeyCode::Char('w' | 'W') => self.where_am_i(sv),
            KeyCode::Char('t' | 'T') => {
                self.stop(sv);
                let contents = Contents::new(self.toc.clone(), self.position.chapter);
                Intent::Open(Screen::of(contents))
            }
            KeyCode::Char('b' | 'B') => self.add_bookmark(sv),
            KeyCode::Char('m' | 'M') => {
                self.stop(sv);
                Intent::Open(Screen::of(Bookmarks::new(self.book_id, sv)))
            }
            KeyCode::Char('/') => {
                self.stop(sv);
                Intent::Open(Screen::of(FindInBook::new(self.search())))
            }
            KeyCode::Char('g' | 'G') => {
                self.stop(sv);
                Intent::Open(Screen::of(GoTo::new(std::sync::Arc::clone(&self.text))))
            }
            KeyCode::Char('<' | ',') => Intent::AdjustSetting(Setting::Rate, false),
            KeyCode::Char('>' | '.') => Intent::AdjustSetting(Setting::Rate, true),
            _ => return None,
        })
    }

    fn reading_aloud(&self) -> bool {
        self.reading
    }

    fn hush(&mut self) {
        self.stop_reading_aloud();
    }

    fn hear(&mut self, outcome: &Outcome, sv: &Services) -> Option<Intent> {
        match outcome {
            Outcome::Jump(position) => {
                self.jump(*position);
                Some(self.jumped(sv.lang))
            }
            Outcome::Spoken(news) => self.spoken(news, sv),
            Outcome::PageCounts {
                book_id,
                options,
                counts,
            } => {
                if self.book_id == *book_id && self.options() == *options {
                    self.page_counts = Some(counts.clone());
                }
                None
            }
            _ => None,
        }
    }

    fn save_due(&self) -> Option<std::time::Instant> {
        Reader::save_due(self)
    }

    /// Saves the place when it is due (or now, when `force`d, as the reader is left: that
    /// save waits for the disk; the saves while reading, between page turns, do not).
    fn save(&mut self, force: bool, sv: &Services) -> Saved {
        let Some(position) = self.position_to_save(force) else {
            return Saved::Nothing;
        };
        let percent = self.progress_percent();
        let save = || {
            (sv.store)
                .library()
                .save_reading_position(self.book_id, sv.learner, position, percent)
        };
        let saved = if force {
            save()
        } else {
            sv.store.without_waiting_for_disk(save)
        };
        match saved {
            Ok(()) => Saved::Done,
            Err(_) => {
                self.save_failed();
                Saved::Failed
            }
        }
    }

    /// Falls silent; whole minutes read go into a signed-in learner's record (a glance at a
    /// book is not reading time).
    fn leave(&mut self, sv: &Services) {
        sv.voice.stop();
        let minutes = self.opened.elapsed().as_secs() / 60;
        if let Some(member) = sv.signed_in
            && minutes > 0
        {
            let _ = sv
                .store
                .clubs()
                .log_reading(&member.id, &self.title, minutes);
        }
    }

    fn frame_shown(&mut self) {
        self.first_page_shown();
    }

    fn work_ahead(&mut self) -> bool {
        self.prepare_beside()
    }

    fn settle(&mut self) -> Vec<String> {
        Reader::settle(self)
    }

    fn reader(&self) -> Option<&Reader> {
        Some(self)
    }

    fn reader_mut(&mut self) -> Option<&mut Reader> {
        Some(self)
    }
}
