//! The reader's state: which book, where in it, what is highlighted and whether it is being
//! read aloud. Moving around works on positions `(chapter, byte offset)`; pages are worked out
//! from the layout for the current screen, so no change of size ever loses the place.

mod reading_aloud;

use super::book_search::BookSearch;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::document::{Document, DocumentError, TocEntry};
use crate::layout::{self, BookText, ChapterLayout, LayoutOptions};
use crate::model::{Lang, Position, lang_of};

/// A whole book as the reader keeps it, made on the worker thread that read it.
pub struct WholeBook {
    text: BookText,
    toc: Vec<TocEntry>,
    missing: Vec<String>,
}

impl WholeBook {
    /// Reads the book at `path` and turns it into the reader's text, chapter by chapter, so
    /// the book is never held twice.
    pub fn read(path: &std::path::Path) -> Result<WholeBook, DocumentError> {
        let mut document = crate::document::open(path)?;
        let toc = std::mem::take(&mut document.toc);
        let missing = std::mem::take(&mut document.missing);
        Ok(WholeBook {
            text: BookText::new(document),
            toc,
            missing,
        })
    }
}

/// The worker thread that reads a whole book while its first page shows.
pub struct RestOfBook {
    pub reading: JoinHandle<Result<WholeBook, DocumentError>>,
    /// Dropped to let the worker begin: the first page is drawn before it competes for a core.
    pub go: Option<std::sync::mpsc::Sender<()>>,
}

/// Positions are saved at most this often while reading, and always on leaving.
const SAVE_EVERY: Duration = Duration::from_secs(2);

pub struct Reader {
    pub book_id: i64,
    pub title: String,
    pub text: Arc<BookText>,
    pub toc: Vec<TocEntry>,
    pub missing: Vec<String>,
    /// Where the reader is: the start of the current sentence, or of the page.
    pub position: Position,
    /// The sentence highlighted (index into the current chapter's sentences).
    pub sentence: Option<usize>,
    pub reading: bool,
    /// The voice has said it began this reading's sound (not merely been handed a sentence).
    pub sounding: bool,
    pub stop_after_each: bool,
    pub caption: bool,
    /// The id of the sentence handed to speech, so a late "done" from an old one is ignored.
    pub spoken_id: Option<u64>,
    next_id: u64,
    options: LayoutOptions,
    layouts: HashMap<usize, ChapterLayout>,
    sentences: HashMap<usize, Vec<Range<usize>>>,
    /// Pages in each chapter for the current options, from the background layout.
    pub page_counts: Option<Vec<usize>>,
    /// A background page count for the current options is under way.
    counting: bool,
    /// False while only the book's first chapters are here; the rest is being read.
    pub complete: bool,
    /// The whole book, read on a worker thread once the first page shows.
    pending: Option<RestOfBook>,
    /// The book's text as searched, folded at the first search and kept while it is open.
    search: Arc<BookSearch>,
    /// Where the book was opened, kept until the whole book is in: the first chapters read
    /// alone may be cut differently, and the place is then found again in the whole book.
    opened_at: Position,
    unsaved: bool,
    last_saved: Instant,
    /// When the book was opened, for the minutes a signed-in learner read.
    pub opened: Instant,
    /// The book is mostly Chinese: decides its reading width and pace.
    pub chinese: bool,
}

impl Reader {
    /// A reader on `document`, at `start` or the beginning. When `rest` is given, `document`
    /// holds only the book's first chapters and `rest` is reading the whole book.
    pub fn new(
        book_id: i64,
        mut document: Document,
        start: Option<Position>,
        rest: Option<RestOfBook>,
    ) -> Reader {
        let title = std::mem::take(&mut document.title);
        let toc = std::mem::take(&mut document.toc);
        let missing = std::mem::take(&mut document.missing);
        let language = document.language.clone();
        let text = Arc::new(BookText::new(document));
        let chinese = language
            .as_deref()
            .map(|l| l.starts_with("zh"))
            .unwrap_or_else(|| {
                text.chapters
                    .iter()
                    .find(|c| !c.text.is_empty())
                    .is_some_and(|c| {
                        lang_of(&c.text[..c.text.floor_char_boundary(400)]) == Lang::Zh
                    })
            });
        let opened_at = start.unwrap_or_default();
        let position = text.clamp(opened_at);
        let search = Arc::new(BookSearch::new(Arc::clone(&text)));
        let mut reader = Reader {
            book_id,
            title,
            text,
            toc,
            missing,
            position,
            sentence: None,
            reading: false,
            stop_after_each: false,
            caption: false,
            spoken_id: None,
            sounding: false,
            next_id: 1,
            options: LayoutOptions::new(80, 20),
            layouts: HashMap::new(),
            sentences: HashMap::new(),
            page_counts: None,
            counting: false,
            complete: rest.is_none(),
            pending: rest,
            search,
            opened_at,
            // Saved on leaving even if never moved: an opened book is one the learner is reading.
            unsaved: true,
            last_saved: Instant::now(),
            opened: Instant::now(),
            chinese,
        };
        reader.sentence = reader.sentence_at(reader.position);
        reader
    }

    /// Waits for the whole book if it is still being read, and takes it in, keeping the place
    /// and the highlighted sentence. Returns parts newly found missing, to be told.
    pub fn settle(&mut self) -> Vec<String> {
        let Some(rest) = self.pending.take() else {
            return Vec::new();
        };
        self.complete = true;
        drop(rest.go);
        // The first page's layout stops at that page.
        self.layouts.clear();
        // A book that fails now (changed or removed since its start was read) stays readable
        // as far as it was read.
        let Ok(Ok(whole)) = rest.reading.join() else {
            return Vec::new();
        };
        let newly_missing: Vec<String> = whole
            .missing
            .iter()
            .filter(|part| !self.missing.contains(part))
            .cloned()
            .collect();
        self.toc = whole.toc;
        self.missing = whole.missing;
        let text = whole.text;
        let read_alike = text.chapters.get(..self.text.chapters.len()) == Some(&self.text.chapters);
        self.text = Arc::new(text);
        self.sentences.clear();
        self.search = Arc::new(BookSearch::new(Arc::clone(&self.text)));
        self.page_counts = None;
        self.counting = false;
        // Every key waits for the whole book, so nobody has moved yet: the place is where the
        // book was opened, found again if the first chapters were cut otherwise.
        if !read_alike {
            self.position = self.text.clamp(self.opened_at);
            self.sentence = self.sentence_at(self.position);
        }
        newly_missing
    }

    /// The book's text as a search sees it.
    pub fn search(&self) -> Arc<BookSearch> {
        Arc::clone(&self.search)
    }

    /// The first page is on screen: the rest of the book may now be read.
    pub fn first_page_shown(&mut self) {
        if let Some(rest) = &mut self.pending {
            rest.go = None;
        }
    }

    /// Starts a page count when one is due: the whole book is here and the pages for the
    /// current options are neither known nor being counted.
    pub fn page_count_due(&mut self) -> bool {
        let due = self.complete && self.page_counts.is_none() && !self.counting;
        self.counting |= due;
        due
    }

    pub fn options(&self) -> LayoutOptions {
        self.options
    }

    /// Adopts the options of the screen being drawn; pages must then be counted again.
    pub fn set_options(&mut self, options: LayoutOptions) {
        if options == self.options {
            return;
        }
        self.options = options;
        self.layouts.clear();
        self.page_counts = None;
        self.counting = false;
    }

    pub fn layout(&mut self, chapter: usize) -> &ChapterLayout {
        let options = self.options;
        let text = &self.text;
        // Until the whole book is in, nobody moves (every key waits for it, and it replaces
        // these layouts): the first page needs its chapter laid out only as far as itself.
        let first_page = !self.complete && chapter == self.position.chapter;
        let through = first_page.then_some(self.position.offset);
        // Only the chapters around the place are kept: a long book's layout is large.
        let here = self.position.chapter;
        self.layouts.retain(|&kept, _| kept.abs_diff(here) <= 1);
        self.layouts
            .entry(chapter)
            .or_insert_with(|| match through {
                Some(offset) => layout::lay_out_through(&text.chapters[chapter], &options, offset),
                None => layout::lay_out(&text.chapters[chapter], &options),
            })
    }

    pub fn sentences(&mut self, chapter: usize) -> &[Range<usize>] {
        let text = &self.text;
        let here = self.position.chapter;
        self.sentences.retain(|&kept, _| kept.abs_diff(here) <= 1);
        self.sentences
            .entry(chapter)
            .or_insert_with(|| layout::sentences(&text.chapters[chapter]))
    }

    /// Lays out one chapter beside the place, or finds its sentences, if that is still to do:
    /// a page turn into the next or the last chapter then takes no longer than any other.
    /// Returns whether there was anything to do. Nothing is done before the whole book is in.
    pub fn prepare_beside(&mut self) -> bool {
        if !self.complete {
            return false;
        }
        let here = self.position.chapter;
        let beside = [Some(here + 1), here.checked_sub(1)];
        for chapter in beside.into_iter().flatten() {
            if chapter >= self.text.chapters.len() {
                continue;
            }
            if !self.layouts.contains_key(&chapter) {
                self.layout(chapter);
                return true;
            }
            if !self.sentences.contains_key(&chapter) {
                self.sentences(chapter);
                return true;
            }
        }
        false
    }

    /// The page (within its chapter) that is on screen.
    pub fn page(&mut self) -> usize {
        let Position { chapter, offset } = self.position;
        self.layout(chapter).page_of(offset)
    }

    /// The page's number in the whole book (1-based) and the book's number of pages, each once
    /// known. Until the pages are counted, a page has its number only in the first chapter:
    /// further on, its number within its chapter is no page number in the book.
    pub fn page_in_book(&mut self) -> (Option<usize>, Option<usize>) {
        let page = self.page();
        match &self.page_counts {
            Some(counts) => {
                let before: usize = counts[..self.position.chapter].iter().sum();
                (Some(before + page + 1), Some(counts.iter().sum()))
            }
            None if self.position.chapter == 0 => (Some(page + 1), None),
            None => (None, None),
        }
    }

    /// Whole percent of the book before the current place, as shown and spoken.
    pub fn percent(&self) -> i64 {
        percent(self.text.fraction(self.position))
    }

    /// How far through the book the learner is, for their record: 100 only on the last page.
    pub fn progress_percent(&mut self) -> u8 {
        let chapter = self.position.chapter;
        let on_last_page = self.complete
            && chapter + 1 == self.text.chapters.len()
            && self.page() + 1 == self.layout(chapter).pages.len();
        if on_last_page {
            100
        } else {
            self.percent().clamp(0, 99) as u8
        }
    }

    fn moved(&mut self, position: Position) {
        self.position = self.text.clamp(position);
        self.unsaved = true;
    }

    /// Goes to a place, highlighting the sentence there.
    pub fn jump(&mut self, position: Position) {
        self.moved(position);
        self.sentence = self.sentence_at(self.position);
    }

    pub fn next_page(&mut self) -> bool {
        let chapter = self.position.chapter;
        let page = self.page();
        let layout = self.layout(chapter);
        let target = if page + 1 < layout.pages.len() {
            Position {
                chapter,
                offset: layout.page_start(page + 1),
            }
        } else if chapter + 1 < self.text.chapters.len() {
            Position {
                chapter: chapter + 1,
                offset: 0,
            }
        } else {
            return false;
        };
        self.turn_to(target);
        true
    }

    pub fn previous_page(&mut self) -> bool {
        let chapter = self.position.chapter;
        let page = self.page();
        let target = if page > 0 {
            Position {
                chapter,
                offset: self.layout(chapter).page_start(page - 1),
            }
        } else if chapter > 0 {
            let layout = self.layout(chapter - 1);
            let last = layout.pages.len() - 1;
            Position {
                chapter: chapter - 1,
                offset: layout.page_start(last),
            }
        } else {
            return false;
        };
        self.turn_to(target);
        true
    }

    pub fn first_page(&mut self) {
        self.turn_to(Position::default());
    }

    pub fn last_page(&mut self) {
        let chapter = self.text.chapters.len() - 1;
        let layout = self.layout(chapter);
        let offset = layout.page_start(layout.pages.len() - 1);
        self.turn_to(Position { chapter, offset });
    }

    /// A page turn by hand: the highlight moves to the first sentence on the new page.
    fn turn_to(&mut self, target: Position) {
        self.moved(target);
        self.sentence = self.sentence_at(target);
    }

    /// The position to keep when it is due: every few seconds while moving, or when `force`d.
    pub fn position_to_save(&mut self, force: bool) -> Option<Position> {
        if self.unsaved && (force || self.save_due().is_some_and(|due| Instant::now() >= due)) {
            self.unsaved = false;
            self.last_saved = Instant::now();
            Some(self.position)
        } else {
            None
        }
    }

    /// When the place, moved since it was last saved, is next due to be saved.
    pub fn save_due(&self) -> Option<Instant> {
        self.unsaved.then(|| self.last_saved + SAVE_EVERY)
    }

    /// The place handed out by [`Reader::position_to_save`] did not reach the database: it
    /// is tried again with the next save.
    pub fn save_failed(&mut self) {
        self.unsaved = true;
    }

    /// The chapter's title, or its number.
    pub fn chapter_title(&self) -> Option<&str> {
        self.text.chapters[self.position.chapter].title.as_deref()
    }

    /// Characters from here to the end, for "minutes left".
    pub fn chars_left(&self) -> usize {
        self.text.chars_after(self.position)
    }
}

/// A fraction of a book as the whole percent a person is told (never rounded up to 100).
pub fn percent(fraction: f64) -> i64 {
    (fraction * 100.0).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moby_dick_at(chapter: usize) -> Reader {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/epub/idpf-moby-dick.epub");
        let document = crate::document::open(&path).expect("Moby-Dick opens");
        Reader::new(1, document, Some(Position { chapter, offset: 0 }), None)
    }

    #[test]
    fn the_chapters_beside_the_page_are_ready_before_a_page_turn_reaches_them() {
        let mut reader = moby_dick_at(6);
        reader.page();
        while reader.prepare_beside() {}
        for chapter in [5, 6, 7] {
            assert!(reader.layouts.contains_key(&chapter), "layout of {chapter}");
            assert!(
                reader.sentences.contains_key(&chapter),
                "sentences of {chapter}"
            );
        }
        // Paging on into chapter 7 keeps 6 and 7, and 8 is made ready next; 5 is let go.
        while reader.position.chapter == 6 {
            assert!(reader.next_page());
        }
        while reader.prepare_beside() {}
        let mut kept: Vec<usize> = reader.layouts.keys().copied().collect();
        kept.sort();
        assert_eq!(kept, [6, 7, 8]);
        // What was made ahead is what the page turn would have made.
        let options = reader.options();
        let made_ahead = reader.layout(8).clone();
        assert_eq!(
            made_ahead,
            layout::lay_out(&reader.text.chapters[8], &options)
        );
    }

    #[test]
    fn nothing_is_made_ahead_before_the_whole_book_is_in() {
        let mut reader = moby_dick_at(6);
        reader.complete = false;
        assert!(!reader.prepare_beside());
        assert!(reader.layouts.is_empty());
    }
}
