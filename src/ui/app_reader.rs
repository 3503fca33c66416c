//! What the application does for reading: opening books, the reader's keys, reading aloud
//! sentence by sentence, the table of contents, bookmarks, search and "go to".

use super::app::{PlaceProblem, learner_key};
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, AppEvent};
use super::pager::{self, ListState};
use super::reader::{Reader, RestOfBook, WholeBook};
use super::screens::{Notice, Screen, SearchHit};
use crate::document;
use crate::i18n::{Tell, t, t_with};
use crate::layout::{self, LayoutOptions};
use crate::model::{Lang, Position};
use crate::store::NewBook;

/// At most this many places are listed for a search.
const MAX_HITS: usize = 50;

impl App {
    /// Opens a book file in the reader, registering it on this kiosk.
    pub fn open_book(&mut self, path: &Path) -> Result<(), document::DocumentError> {
        self.open_book_read_ahead(path, None)
    }

    /// [`App::open_book`], given the start of the book as [`document::open_start`] read it
    /// from its first chapter while the database was still opening. It is used when it holds
    /// the saved place, and read again further on when it does not.
    pub fn open_book_read_ahead(
        &mut self,
        path: &Path,
        read_ahead: Option<document::BookStart>,
    ) -> Result<(), document::DocumentError> {
        self.write_down_opened_book();
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        let record = self.store.book_at(&canonical).ok().flatten();
        let known = record.as_ref().map(|record| record.id);
        // The saved place says which chapter must be read before the first page can show.
        let saved = known.and_then(|id| {
            self.store
                .reading_position(id, learner_key(&self.signed_in))
                .ok()
                .flatten()
        });
        let wanted = saved.map_or(0, |place| place.chapter);
        let start = match read_ahead {
            Some(start) if start.holds(wanted) => start,
            _ => document::open_start(path, wanted)?,
        };
        let mut document = start.document;
        // A copy of a recommended book goes by the name the list gives it, as in the library.
        if let Some(record) = record.filter(|record| record.recommended.is_some()) {
            document.title = record.title;
            document.author = record.author;
        }
        let opened = OpenedBook {
            path: canonical,
            title: document.title.clone(),
            author: document.author.clone(),
            language: document.language.clone(),
        };
        let book_id = match known {
            // A book opened before keeps its id, so writing it down again (its title as read
            // now, and the time for "Continue reading") waits until its first page is out.
            Some(id) => {
                self.opened_book = Some(opened);
                id
            }
            None => self.write_down(&opened),
        };
        let rest = (!start.complete).then(|| {
            let (path, events) = (path.to_owned(), self.events.clone());
            let (go, wait) = std::sync::mpsc::channel::<()>();
            let reading = std::thread::spawn(move || {
                // Ends when the reader lets go: after the first page is drawn.
                let _ = wait.recv();
                let whole = WholeBook::read(&path);
                let _ = events.send(AppEvent::WholeBookRead);
                whole
            });
            RestOfBook {
                reading,
                go: Some(go),
            }
        });
        let missing = document.missing.clone();
        let reader = Reader::new(book_id, document, saved, rest);
        self.push(Screen::Reader(Box::new(reader)));
        self.tell_missing(&missing);
        Ok(())
    }

    /// Writes down a book just opened: registered on this kiosk, listed under "Continue
    /// reading". Returns its id (0 if the store refused it: the book still opens).
    fn write_down(&self, book: &OpenedBook) -> i64 {
        self.store
            .without_waiting_for_disk(|| {
                let book_id = self.store.register_book(&NewBook {
                    path: &book.path,
                    title: &book.title,
                    author: book.author.as_deref(),
                    language: book.language.as_deref(),
                    in_library: false,
                })?;
                // Not being listed under "Continue reading" is no reason to lose the book's id.
                let _ = self.store.mark_opened(book_id);
                Ok(book_id)
            })
            .unwrap_or(0)
    }

    /// Writes down the book whose opening waited for its first page, if any.
    pub(super) fn write_down_opened_book(&mut self) {
        if let Some(book) = self.opened_book.take() {
            self.write_down(&book);
        }
    }

    fn tell_missing(&mut self, missing: &[String]) {
        if !missing.is_empty() {
            let text = t_with(
                self.lang(),
                "reader-missing-parts",
                &[("parts", missing.join(", ").into())],
            );
            self.tell(text);
        }
    }

    /// The frame just drawn is on the terminal. A reader's first page is, so the rest of its
    /// book may now be read: not sooner, or that work would compete with the first frame.
    pub fn frame_shown(&mut self) {
        if let Some(Screen::Reader(reader)) = self.stack.last_mut() {
            reader.first_page_shown();
        }
    }

    /// Does one piece of the reader's work ahead of the learner while no key waits (see
    /// `Reader::prepare_beside`). Returns whether there was any.
    pub fn prepare_ahead(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Screen::Reader(reader)) => reader.prepare_beside(),
            _ => false,
        }
    }

    /// Takes in the whole book once it has been read (waiting for it if need be): the reader
    /// shows the first page early, but moving around needs every chapter.
    pub(super) fn settle_reader(&mut self) {
        let missing: Vec<String> = self
            .stack
            .iter_mut()
            .filter_map(|screen| match screen {
                Screen::Reader(reader) => Some(reader.settle()),
                _ => None,
            })
            .flatten()
            .collect();
        self.tell_missing(&missing);
    }

    pub(super) fn open_book_or_explain(&mut self, path: &Path) {
        if let Err(error) = self.open_book(path) {
            let lang = self.lang();
            let body = t_with(
                lang,
                error.message_id(),
                &[
                    ("detail", error.detail().into()),
                    ("path", path.display().to_string().into()),
                ],
            );
            self.push(Screen::of(Notice::new(t(lang, "reader-cannot-open"), body)));
        }
    }

    pub(super) fn continue_reading(&mut self) {
        match self.store.last_opened_book() {
            Ok(Some(book)) => self.open_book_or_explain(&book.path),
            _ => {
                let lang = self.lang();
                let (title, body) = (t(lang, "home-continue"), t(lang, "continue-nothing"));
                self.push(Screen::of(Notice::new(title, body)));
            }
        }
    }

    pub(super) fn open_library(&mut self) {
        let books = self.store.library_books().unwrap_or_default();
        self.push(Screen::Library {
            list: ListState::default(),
            books,
        });
    }

    /// Enter on a list that leads into a book: a library entry, a chapter, a bookmark, a
    /// search hit, or a percentage.
    pub(super) fn open_in_reader(&mut self, focus: Option<usize>) {
        let target = match self.screen() {
            Screen::Library { books, .. } => {
                if let Some(book) = focus.and_then(|i| books.get(i)) {
                    let path = book.path.clone();
                    self.open_book_or_explain(&path);
                }
                return;
            }
            Screen::Toc { entries, .. } => focus.and_then(|i| entries.get(i)).map(|e| Position {
                chapter: e.chapter,
                offset: 0,
            }),
            Screen::Bookmarks { marks, .. } => focus.and_then(|i| marks.get(i)).map(|m| m.position),
            Screen::Search { hits, query, .. } => {
                if hits.is_empty() {
                    let query = query.clone();
                    self.run_search(&query);
                    return;
                }
                focus.and_then(|i| hits.get(i)).map(|h| h.position)
            }
            Screen::GoTo { digits } => digits.parse::<u32>().ok().map(|percent| {
                let fraction = f64::from(percent.min(100)) / 100.0;
                self.reader_below()
                    .map(|r| r.text.position_at(fraction))
                    .unwrap_or_default()
            }),
            _ => None,
        };
        if let Some(position) = target {
            self.stack.pop();
            if let Some(reader) = self.reader_mut() {
                reader.jump(position);
            }
            self.announce_place();
        }
    }

    fn reader_below(&self) -> Option<&Reader> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Reader(r) => Some(r.as_ref()),
            _ => None,
        })
    }

    fn reader_below_mut(&mut self) -> Option<&mut Reader> {
        self.stack.iter_mut().rev().find_map(|s| match s {
            Screen::Reader(r) => Some(r.as_mut()),
            _ => None,
        })
    }

    fn reader_mut(&mut self) -> Option<&mut Reader> {
        match self.screen_mut() {
            Screen::Reader(reader) => Some(reader),
            _ => None,
        }
    }

    /// Keys the reader takes for itself; false for the keys every screen shares.
    pub(super) fn reader_key(&mut self, key: KeyEvent) -> bool {
        if !matches!(self.screen(), Screen::Reader(_))
            || key.modifiers.contains(KeyModifiers::CONTROL)
        {
            return false;
        }
        let lang = self.lang();
        let Some(reader) = self.reader_mut() else {
            return false;
        };
        match key.code {
            KeyCode::Char(' ') => {
                if reader.reading {
                    reader.stop_reading_aloud();
                    self.voice.stop();
                    self.say(t(lang, "reader-paused"));
                } else {
                    reader.start_reading_aloud();
                    self.speak_sentence();
                }
            }
            KeyCode::Down | KeyCode::PageDown => self.turn(|r| r.next_page()),
            KeyCode::Up | KeyCode::PageUp => self.turn(|r| r.previous_page()),
            KeyCode::Home => self.turn(|r| {
                r.first_page();
                true
            }),
            KeyCode::End => self.turn(|r| {
                r.last_page();
                true
            }),
            KeyCode::Right => self.step_sentence(true),
            KeyCode::Left => self.step_sentence(false),
            KeyCode::Enter => self.speak_sentence(),
            KeyCode::Char('s' | 'S') => {
                reader.stop_after_each = !reader.stop_after_each;
                let id = if reader.stop_after_each {
                    "reader-one-by-one-on"
                } else {
                    "reader-one-by-one-off"
                };
                self.say(t(lang, id));
            }
            KeyCode::Char('c' | 'C') => {
                reader.caption = !reader.caption;
                let id = if reader.caption {
                    "reader-caption-on"
                } else {
                    "reader-caption-off"
                };
                self.say(t(lang, id));
            }
            KeyCode::Char('w' | 'W') => self.where_am_i(),
            KeyCode::Char('t' | 'T') => {
                let entries = reader.toc.clone();
                let reading = entries
                    .iter()
                    .rposition(|e| e.chapter <= reader.position.chapter)
                    .unwrap_or(0);
                // The contents open at the page that shows the chapter being read.
                let list = pager::place(entries.len(), reading);
                self.stop_reading();
                self.push(Screen::Toc { list, entries });
            }
            KeyCode::Char('b' | 'B') => self.add_bookmark(),
            KeyCode::Char('m' | 'M') => {
                let book_id = reader.book_id;
                let marks = self
                    .store
                    .bookmarks(book_id, learner_key(&self.signed_in))
                    .unwrap_or_default();
                self.stop_reading();
                self.push(Screen::Bookmarks {
                    list: ListState::default(),
                    marks,
                });
            }
            KeyCode::Char('/') => {
                self.stop_reading();
                self.push(Screen::Search {
                    query: String::new(),
                    hits: Vec::new(),
                    list: ListState::default(),
                    searched: false,
                });
            }
            KeyCode::Char('g' | 'G') => {
                self.stop_reading();
                self.push(Screen::GoTo {
                    digits: String::new(),
                });
            }
            KeyCode::Char('<' | ',') => self.change_rate(false),
            KeyCode::Char('>' | '.') => self.change_rate(true),
            _ => return false,
        }
        true
    }

    /// Reading aloud ends (the learner moved elsewhere): silence, and the status says so.
    pub(super) fn stop_reading(&mut self) {
        if let Some(reader) = self.reader_mut() {
            reader.stop_reading_aloud();
        }
        self.voice.stop();
    }

    /// Whether the book on screen is being read aloud.
    pub(super) fn reading_aloud(&self) -> bool {
        matches!(self.screen(), Screen::Reader(reader) if reader.reading)
    }

    fn turn(&mut self, step: impl FnOnce(&mut Reader) -> bool) {
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let was_reading = reader.reading;
        if step(reader) {
            if was_reading {
                self.speak_sentence();
            } else {
                self.voice.stop();
                self.announce_page();
            }
        } else {
            let text = t(self.lang(), "reader-no-more");
            self.say(text);
        }
    }

    fn step_sentence(&mut self, forward: bool) {
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let moved = if forward {
            reader.next_sentence()
        } else {
            reader.previous_sentence()
        };
        if moved {
            self.speak_sentence();
        } else {
            let text = t(self.lang(), "reader-no-more");
            self.say(text);
        }
    }

    /// Hands the highlighted sentence to speech (in the chosen Chinese script).
    fn speak_sentence(&mut self) {
        let script = self.settings.chinese_script;
        let screen_reader = self.settings.screen_reader;
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let Some(text) = reader.current_sentence_text() else {
            return;
        };
        let id = reader.new_speech_id();
        let text = script.convert(&text);
        if screen_reader {
            return;
        }
        // The next sentence is made ready only when the reading will go on to it.
        let next = (reader.reading && !reader.stop_after_each)
            .then(|| reader.following_sentence_text())
            .flatten()
            .map(|next| script.convert(&next));
        self.voice.read(id, text, next);
    }

    /// The voice began the sentence's sound.
    pub(super) fn sentence_started(&mut self, id: u64) {
        if let Some(reader) = self.reader_mut()
            && reader.spoken_id == Some(id)
        {
            reader.sounding = true;
        }
    }

    /// The voice could not say the sentence: the reader stays on it, stops, and says why (in
    /// words; the voice may well be unable to say even that, so it is on screen too).
    pub(super) fn sentence_failed(&mut self, id: u64) {
        let Some(reader) = self.reader_mut() else {
            return;
        };
        if reader.spoken_id != Some(id) {
            return;
        }
        reader.stop_reading_aloud();
        let text = t(self.lang(), "speech-reading-failed");
        self.tell(text);
    }

    /// A sentence has been spoken: move on (and keep reading), or stop after it.
    pub(super) fn sentence_done(&mut self, id: u64) {
        let Some(reader) = self.reader_mut() else {
            return;
        };
        if reader.spoken_id != Some(id) || !reader.reading {
            return;
        }
        reader.spoken_id = None;
        let more = reader.next_sentence();
        if !more {
            reader.reading = false;
            let text = t(self.lang(), "reader-end");
            self.say(text);
        } else if reader.stop_after_each {
            reader.reading = false;
        } else {
            self.speak_sentence();
        }
    }

    fn change_rate(&mut self, faster: bool) {
        let rate = self.settings.speech_rate;
        self.settings.speech_rate = if faster { rate.up() } else { rate.down() };
        self.voice.set_rate(self.settings.speech_rate);
        self.save_settings();
        self.say_step(
            "setting-rate",
            "rate-value",
            self.settings.speech_rate.get(),
        );
    }

    /// Says the page after a turn: its number (once the pages are counted) and percent.
    fn announce_page(&mut self) {
        let lang = self.lang();
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let percent = reader.percent();
        let text = match reader.page_in_book() {
            (Some(page), _) => t_with(
                lang,
                "reader-page",
                &[("page", page.into()), ("percent", percent.into())],
            ),
            (None, _) => t_with(
                lang,
                "reader-page-unnumbered",
                &[("percent", percent.into())],
            ),
        };
        self.say(text);
    }

    fn announce_place(&mut self) {
        let lang = self.lang();
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let chapter = reader.chapter_title().unwrap_or_default().to_owned();
        let percent = reader.percent();
        let text = t_with(
            lang,
            "reader-jumped",
            &[("chapter", chapter.into()), ("percent", percent.into())],
        );
        self.say(text);
    }

    /// "Where am I": the book, the chapter, how far through, and minutes left at this rate.
    fn where_am_i(&mut self) {
        let lang = self.lang();
        let rate = self.settings.speech_rate;
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let left = reader.chars_left();
        let book_lang = if reader.chinese { Lang::Zh } else { Lang::En };
        let minutes = minutes_for(left, book_lang, rate);
        let text = t_with(
            lang,
            "reader-where",
            &[
                ("title", reader.title.clone().into()),
                (
                    "chapter",
                    reader.chapter_title().unwrap_or_default().to_owned().into(),
                ),
                ("percent", (reader.percent()).into()),
                ("minutes", minutes.into()),
            ],
        );
        self.tell(text);
    }

    fn add_bookmark(&mut self) {
        let lang = self.lang();
        let Some(reader) = self.reader_mut() else {
            return;
        };
        let position = reader.position;
        let percent = reader.percent();
        let chapter = reader.chapter_title().unwrap_or(&reader.title).to_owned();
        let label = t_with(
            lang,
            "bookmark-label",
            &[("chapter", chapter.into()), ("percent", percent.into())],
        );
        let book_id = reader.book_id;
        let text =
            match self
                .store
                .add_bookmark(book_id, learner_key(&self.signed_in), position, &label)
            {
                Ok(()) => t_with(lang, "bookmark-added", &[("label", label.into())]),
                Err(e) => e.message(lang),
            };
        self.tell(text);
    }

    /// Searches the book for what is in the field; runs as the person types, and says the
    /// number of places found (after the query itself when typing).
    pub(super) fn run_search(&mut self, query: &str) {
        let lang = self.lang();
        let Some(reader) = self.reader_below_mut() else {
            return;
        };
        let positions = if query.trim().is_empty() {
            Vec::new()
        } else {
            reader.find(query, MAX_HITS)
        };
        let text = reader.text.clone();
        let hits: Vec<SearchHit> = positions
            .into_iter()
            .map(|position| SearchHit {
                position,
                snippet: snippet(
                    &text.chapters[position.chapter].text,
                    position.offset,
                    text.fraction(position),
                ),
            })
            .collect();
        let count = hits.len();
        let screen = self.screen_mut();
        if let Screen::Search {
            hits: found,
            searched,
            ..
        } = screen
        {
            *found = hits;
            *searched = !query.trim().is_empty();
            screen.show_page(0, 0);
        }
        if !query.trim().is_empty() {
            let said = t_with(lang, "search-count", &[("count", count.into())]);
            self.say(format!("{}: {said}", query.trim()));
        }
    }

    /// Saves the reader's place when it is due (or now, when `force`d).
    pub(super) fn save_reading_position(&mut self, force: bool) {
        let Some(Screen::Reader(reader)) = self
            .stack
            .iter_mut()
            .rev()
            .find(|s| matches!(s, Screen::Reader(_)))
        else {
            return;
        };
        if let Some(position) = reader.position_to_save(force) {
            let percent = reader.progress_percent();
            let save = || {
                self.store.save_reading_position(
                    reader.book_id,
                    learner_key(&self.signed_in),
                    position,
                    percent,
                )
            };
            // The place saved as the reader leaves waits for the disk; the saves while
            // reading, between page turns, do not.
            let saved = if force {
                save()
            } else {
                self.store.without_waiting_for_disk(save)
            };
            match saved {
                Ok(()) => self.place_not_saved = PlaceProblem::None,
                Err(_) => {
                    reader.save_failed();
                    self.place_not_saved(force);
                }
            }
        }
    }

    /// A place that could not be saved is said once, on screen and aloud, until a save works
    /// again: a learner told at every page turn would hear nothing else. Leaving the book,
    /// the next screen says it with its own title.
    fn place_not_saved(&mut self, leaving: bool) {
        if self.place_not_saved != PlaceProblem::None {
            return;
        }
        let text = t(self.lang(), "reader-place-not-saved");
        if leaving {
            self.place_not_saved = PlaceProblem::Pending(text);
        } else {
            self.place_not_saved = PlaceProblem::Told;
            self.tell(text);
        }
    }

    /// The draw found new layout options: count the book's pages on a worker thread.
    pub(super) fn count_pages_in_background(
        &self,
        book_id: i64,
        text: std::sync::Arc<layout::BookText>,
        options: LayoutOptions,
    ) {
        let events = self.events.clone();
        std::thread::spawn(move || {
            let counts = text
                .chapters
                .iter()
                .map(|chapter| layout::lay_out(chapter, &options).pages.len())
                .collect();
            let _ = events.send(AppEvent::PageCounts {
                book_id,
                options,
                counts,
            });
        });
    }

    pub(super) fn page_counts_arrived(
        &mut self,
        book_id: i64,
        options: LayoutOptions,
        counts: Vec<usize>,
    ) {
        if let Some(reader) = self.reader_mut()
            && reader.book_id == book_id
            && reader.options() == options
        {
            reader.page_counts = Some(counts);
        }
    }
}

/// A book just opened, as it is to be written down on this kiosk.
pub(super) struct OpenedBook {
    path: std::path::PathBuf,
    title: String,
    author: Option<String>,
    language: Option<String>,
}

/// Minutes to read `chars` characters aloud at a rate.
fn minutes_for(chars: usize, lang: Lang, rate: crate::config::SpeechRate) -> u64 {
    let per_minute = match lang {
        // About four characters a second at the normal pace.
        Lang::Zh => 240.0,
        // About 160 words a minute, at about six characters a word.
        Lang::En => 960.0,
    };
    let pace = crate::speech::pace(rate);
    (chars as f64 / (per_minute * pace)).ceil() as u64
}

/// A short piece of text around a search hit, with how far into the book it is.
fn snippet(text: &str, offset: usize, fraction: f64) -> String {
    let start = text[..offset]
        .char_indices()
        .rev()
        .nth(8)
        .map_or(0, |(i, _)| i);
    let piece: String = text[start..]
        .chars()
        .take(24)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    format!("{}% {piece}", super::reader::percent(fraction))
}
