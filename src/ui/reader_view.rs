//! Draws a page of a book: a title row, the text in a centred column of capped width, the
//! sentence being read in reverse video, an optional caption of that sentence, and a status
//! row with the page and percent. The terminal cursor sits at the highlighted sentence.

use ratatui::Frame;
use ratatui::layout::{Position as Cell, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::painter::Painter;
use crate::script::ChineseScript;

use super::reader::Reader;
use super::render::wrap;
use super::theme::Theme;
use crate::i18n::t_with;
use crate::layout::{LayoutOptions, LineKind, line_rows};
use crate::model::Lang;

/// What the reader view needs from the application besides the reader itself.
pub struct ReaderLook<'f> {
    pub theme: Theme,
    pub lang: Lang,
    pub line_gap: u8,
    pub painter: Painter<'f>,
    pub script: ChineseScript,
    /// The widest line: (Chinese characters, other columns).
    pub reading_width: (u16, u16),
    /// A message for the learner (speech failed, the place could not be saved), shown above
    /// the status row until she moves on.
    pub notice: Option<String>,
}

/// At most this many rows of a notice, so the page keeps its room.
const NOTICE_ROWS: usize = 2;

pub fn draw_reader(frame: &mut Frame, area: Rect, reader: &mut Reader, look: &ReaderLook) {
    let margin = super::render::margin(area.width);
    let inner = Rect::new(
        area.x + margin,
        area.y,
        area.width.saturating_sub(2 * margin),
        area.height,
    );
    let painter = &look.painter;
    let zoom = painter.zoom();
    let width = usize::from((inner.width / zoom).max(1));

    let caption_rows: Vec<String> = if reader.caption {
        reader
            .current_sentence_text()
            .map(|s| {
                let mut rows = wrap(&s, width);
                rows.truncate(3);
                rows
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    // A notice is drawn at the normal size: at ×3 it would leave no room for the page.
    let notice_rows: Vec<String> = look
        .notice
        .as_deref()
        .map(|notice| {
            let mut rows = wrap(notice, usize::from(inner.width.max(1)));
            rows.truncate(NOTICE_ROWS);
            rows
        })
        .unwrap_or_default();
    // In terminal rows: the status, notice and caption at the bottom, the title and a gap at
    // the top.
    let bottom = (1 + caption_rows.len() as u16) * zoom
        + u16::from(!caption_rows.is_empty())
        + notice_rows.len() as u16;
    let text_top = inner.y + zoom + 1;
    let text_rows = inner.height.saturating_sub(zoom + 1 + bottom);

    reader.set_options(LayoutOptions {
        line_gap: look.line_gap,
        zoom: zoom as u8,
        max_cjk_chars: look.reading_width.0,
        max_latin_columns: look.reading_width.1,
        ..LayoutOptions::new(inner.width, text_rows)
    });

    // Title row: the book, then the chapter.
    let title = match reader.chapter_title() {
        Some(chapter) if chapter != reader.title => format!("{} · {chapter}", reader.title),
        _ => reader.title.clone(),
    };
    let title = wrap(&title, width).into_iter().next().unwrap_or_default();
    painter.row(
        frame,
        inner.x,
        inner.y,
        inner.width,
        &[(&title, look.theme.title)],
    );

    // The text column, centred.
    let options = reader.options();
    let column_width = (options.text_columns(reader.chinese).min(width) as u16) * zoom;
    let left = inner.x + (inner.width - column_width.min(inner.width)) / 2;
    let highlight = reader.current_sentence();
    let chapter = reader.position.chapter;
    let page = reader.page();
    let text = reader.text.clone();
    let chapter_text = &text.chapters[chapter].text;
    // Only this page's lines are copied out: the reader is needed mutably again below.
    let page_lines = {
        let layout = reader.layout(chapter);
        layout.lines[layout.pages[page].clone()].to_vec()
    };
    let mut y = text_top;
    let mut cursor = Cell::new(left, text_top);
    for line in &page_lines {
        if y >= text_top + text_rows {
            break;
        }
        if let LineKind::Text(_) = line.kind {
            let spans = line_spans(chapter_text, line.range.clone(), &highlight, chapter, look);
            if let Some((_, range)) = &highlight
                && line.range.start <= range.start
                && range.start < line.range.end.max(line.range.start + 1)
            {
                let before = &chapter_text[line.range.start..range.start];
                cursor = Cell::new(left + UnicodeWidthStr::width(before) as u16 * zoom, y);
            }
            let pieces: Vec<(&str, Style)> = spans.iter().map(|(t, s)| (t.as_str(), *s)).collect();
            painter.row(frame, left, y, column_width.max(1), &pieces);
        }
        y += line_rows(line, &options) as u16;
    }

    // Caption, notice and status at the bottom.
    let mut y = inner.y + inner.height.saturating_sub(bottom);
    if !caption_rows.is_empty() {
        y += 1;
        for row in caption_rows {
            painter.row(frame, inner.x, y, inner.width, &[(&row, look.theme.status)]);
            y += zoom;
        }
    }
    for row in notice_rows {
        Painter::new(None, 1).row(frame, inner.x, y, inner.width, &[(&row, look.theme.status)]);
        y += 1;
    }
    let (page_number, pages) = reader.page_in_book();
    let percent = reader.percent();
    // The percent waits for the whole book, the page count for the background layout.
    let status_id = match (pages, reader.complete) {
        (Some(_), _) => "reader-status",
        (None, true) => "reader-status-counting",
        (None, false) => "reader-status-opening",
    };
    let mut status = t_with(
        look.lang,
        status_id,
        &[
            ("page", page_number.into()),
            ("pages", pages.unwrap_or(0).into()),
            ("percent", percent.into()),
        ],
    );
    if reader.reading {
        // "Reading aloud" only once the voice says its sound began: nothing hidden.
        let id = if reader.sounding {
            "reader-reading"
        } else {
            "reader-preparing"
        };
        status = format!("{status} · {}", crate::i18n::t(look.lang, id));
    }
    if reader.stop_after_each {
        status = format!(
            "{status} · {}",
            crate::i18n::t(look.lang, "reader-one-by-one")
        );
    }
    let status = wrap(&status, width).into_iter().next().unwrap_or_default();
    painter.row(
        frame,
        inner.x,
        y,
        inner.width,
        &[(&status, look.theme.status)],
    );
    frame.set_cursor_position(cursor);
}

/// The spans of one line, with the part inside the highlighted sentence in the focus style.
fn line_spans(
    text: &str,
    line: std::ops::Range<usize>,
    highlight: &Option<(usize, std::ops::Range<usize>)>,
    chapter: usize,
    look: &ReaderLook,
) -> Vec<(String, Style)> {
    let plain = look.theme.text;
    let shown = |range: std::ops::Range<usize>| look.script.convert(&text[range]);
    match highlight {
        Some((c, range)) if *c == chapter && range.start < line.end && range.end > line.start => {
            let from = range.start.max(line.start);
            let to = range.end.min(line.end);
            vec![
                (shown(line.start..from), plain),
                (shown(from..to), look.theme.focus),
                (shown(to..line.end), plain),
            ]
        }
        _ => vec![(shown(line), plain)],
    }
}
