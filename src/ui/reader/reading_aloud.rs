//! The sentence highlighted and read aloud: finding it at a place, moving it across chapters,
//! its text and the next one's, and the ids sentences are handed to speech with.

use std::ops::Range;

use super::Reader;
use crate::model::Position;

impl Reader {
    /// The sentence holding (or next after) a position.
    pub(super) fn sentence_at(&mut self, position: Position) -> Option<usize> {
        let sentences = self.sentences(position.chapter);
        sentences
            .iter()
            .position(|s| s.end > position.offset)
            .or_else(|| sentences.len().checked_sub(1))
    }

    /// The highlighted sentence's text and range.
    pub fn current_sentence(&mut self) -> Option<(usize, Range<usize>)> {
        let chapter = self.position.chapter;
        let index = self.sentence?;
        let range = self.sentences(chapter).get(index)?.clone();
        Some((chapter, range))
    }

    pub fn current_sentence_text(&mut self) -> Option<String> {
        let (chapter, range) = self.current_sentence()?;
        Some(self.text.chapters[chapter].text[range].to_owned())
    }

    /// The sentence after the highlighted one, across chapters: its chapter, index and range.
    fn sentence_after(&mut self) -> Option<(usize, usize, Range<usize>)> {
        let mut chapter = self.position.chapter;
        let mut index = self.sentence.map_or(0, |i| i + 1);
        loop {
            if let Some(range) = self.sentences(chapter).get(index).cloned() {
                return Some((chapter, index, range));
            }
            if chapter + 1 >= self.text.chapters.len() {
                return None;
            }
            chapter += 1;
            index = 0;
        }
    }

    /// Moves the highlight to the next sentence, across chapters; false at the end of the book.
    pub fn next_sentence(&mut self) -> bool {
        let Some((chapter, index, range)) = self.sentence_after() else {
            return false;
        };
        self.sentence = Some(index);
        self.moved(Position {
            chapter,
            offset: range.start,
        });
        true
    }

    /// The text of the sentence after the highlighted one, which the voice makes ready while
    /// this one is read.
    pub fn following_sentence_text(&mut self) -> Option<String> {
        let (chapter, _, range) = self.sentence_after()?;
        Some(self.text.chapters[chapter].text[range].to_owned())
    }

    /// Moves the highlight to the previous sentence, across chapters.
    pub fn previous_sentence(&mut self) -> bool {
        let mut chapter = self.position.chapter;
        let mut index = self.sentence.unwrap_or(0);
        loop {
            if index > 0 {
                index -= 1;
                let range = self.sentences(chapter)[index].clone();
                self.sentence = Some(index);
                self.moved(Position {
                    chapter,
                    offset: range.start,
                });
                return true;
            }
            if chapter == 0 {
                return false;
            }
            chapter -= 1;
            index = self.sentences(chapter).len();
        }
    }

    /// A fresh id for a sentence handed to speech.
    pub fn new_speech_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.spoken_id = Some(id);
        id
    }

    /// Reading aloud begins: the voice has yet to say its sound began.
    pub fn start_reading_aloud(&mut self) {
        self.reading = true;
        self.sounding = false;
    }

    /// Reading aloud ends, and a late word from the voice about its sentence is ignored.
    pub fn stop_reading_aloud(&mut self) {
        self.reading = false;
        self.sounding = false;
        self.spoken_id = None;
    }
}
