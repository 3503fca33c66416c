//! Draws a page of a book: a title row, the text in a centred column of capped width, the
//! sentence being read in reverse video, an optional caption of that sentence, and a status
//! row with the page and percent. The terminal cursor sits at the highlighted sentence.

use ratatui::Frame;
use ratatui::layout::{Position as Cell, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::catalog::script::ChineseScript;
use leling_term::painter::Painter;

use super::reader::Reader;
use super::text_fit::wrap;
use super::theme::Theme;
use crate::i18n::t_with;
use crate::layout::{LayoutOptions, LineKind, line_rows};
use crate::model::Lang;

/// What the reader view needs from the application besides the reader itself.
pub struct ReaderLook {
    pub theme: Theme,
    pub lang: Lang,
    pub line_gap: u8,
    pub painter: Painter,
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
    let inner = inside_margins(area);
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
    // A blank row between the page and what is drawn under it (the caption, else a notice):
    // a notice right under the last line of text reads as part of the book.
    let gap_above_notice = u16::from(!notice_rows.is_empty() && caption_rows.is_empty());
    // In terminal rows: the status, notice and caption at the bottom, the title and a gap at
    // the top.
    let bottom = (1 + caption_rows.len() as u16) * zoom
        + u16::from(!caption_rows.is_empty())
        + gap_above_notice
        + notice_rows.len() as u16;
    let text_top = inner.y + zoom + 1;
    let text_rows = inner.height.saturating_sub(zoom + 1 + bottom);

    reader.set_options(LayoutOptions {
        line_gap: look.line_gap,
        zoom: zoom as u8,
        max_cjk_chars: look.reading_width.0,
        max_latin_columns: look.reading_width.1,
        chinese: reader.chinese,
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
    let (left, column_width) = text_column(inner, &options);
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
    y += gap_above_notice;
    for row in notice_rows {
        Painter::normal().row(frame, inner.x, y, inner.width, &[(&row, look.theme.status)]);
        y += 1;
    }
    let (page_number, pages) = reader.page_in_book();
    let percent = reader.percent();
    // The percent waits for the whole book, the page count for the background layout, and so
    // does the page number past the first chapter.
    let status_id = match (page_number, pages, reader.complete) {
        (Some(_), Some(_), _) => "reader-status",
        (Some(_), None, true) => "reader-status-counting",
        (Some(_), None, false) => "reader-status-opening",
        (None, _, true) => "reader-status-unnumbered",
        (None, _, false) => "reader-status-opening-unnumbered",
    };
    let mut status = t_with(
        look.lang,
        status_id,
        &[
            ("page", page_number.unwrap_or(0).into()),
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

/// The window less the margins at its sides: the title, text, caption and status stay in it.
fn inside_margins(area: Rect) -> Rect {
    let margin = super::text_fit::margin(area.width);
    Rect::new(
        area.x + margin,
        area.y,
        area.width.saturating_sub(2 * margin),
        area.height,
    )
}

/// Where the text column starts and how many cells wide it is: the layout's column, centred
/// in `inner` (the window less its margins), at the text size.
fn text_column(inner: Rect, options: &LayoutOptions) -> (u16, u16) {
    let column_width = options.column_width() as u16 * u16::from(options.zoom.max(1));
    (
        inner.x + (inner.width - column_width.min(inner.width)) / 2,
        column_width,
    )
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::config::ThemeName;
    use crate::document::{Block, BlockKind, Chapter, Document};
    use crate::ui::reader::Reader;
    use crate::ui::settings_rows::READING_WIDTHS;
    use crate::ui::theme::ColorMode;

    fn look(zoom: u8, reading_width: (u16, u16), line_gap: u8) -> ReaderLook {
        ReaderLook {
            theme: Theme::new(ThemeName::default(), ColorMode::TrueColor),
            lang: Lang::En,
            line_gap,
            // The terminal draws large text itself: no font is needed for zoom 2 and 3.
            painter: Painter::scaled(zoom),
            script: ChineseScript::AsWritten,
            reading_width,
            notice: None,
        }
    }

    fn reader(language: Option<&str>, blocks: Vec<Block>) -> Reader {
        let document = Document {
            title: "t".into(),
            author: None,
            language: language.map(str::to_owned),
            chapters: vec![Chapter {
                title: None,
                blocks,
            }],
            toc: vec![],
            missing: vec![],
            gutenberg_number: None,
        };
        Reader::new(1, document, None, None)
    }

    /// Draws the reader's page in a window of `width` × `height`, as the application does,
    /// which gives the reader its layout options; returns the width in cells of the column
    /// the text was drawn in.
    fn draw(reader: &mut Reader, look: &ReaderLook, width: u16, height: u16) -> u16 {
        let area = Rect::new(0, 0, width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| draw_reader(frame, area, reader, look))
            .unwrap();
        let inner = inside_margins(area);
        let (left, column) = text_column(inner, &reader.options());
        assert!(
            inner.x <= left && left + column <= inner.right(),
            "the column {left}+{column} is outside the margins of a window {width} wide"
        );
        column
    }

    /// The text of each line of the reader's first chapter, as laid out for the last drawing.
    fn laid_out_lines(reader: &mut Reader) -> Vec<String> {
        let text = reader.text.clone();
        reader
            .layout(0)
            .lines
            .iter()
            .filter(|line| line.kind != LineKind::Blank)
            .map(|line| text.chapters[0].text[line.range.clone()].to_owned())
            .collect()
    }

    /// For every window the reader accepts, 20 to 200 columns wide, at every text size and
    /// reading width, in a Chinese book and another: lines of either kind of text fit the
    /// column the page is drawn in, and lines of the book's own kind fill it (to within a
    /// character), so the layout wraps to exactly that column.
    #[test]
    fn the_layout_wraps_to_the_column_the_page_is_drawn_in_at_every_width_and_zoom() {
        let chinese = "一二三四五六七八九十天地人書讀會樂齡".repeat(30);
        let latin = "a".repeat(500).replace("aa", "a ");
        for (language, own_kind_starts) in [(Some("zh"), '一'), (Some("ja"), 'a')] {
            let blocks = vec![
                Block::new(BlockKind::Paragraph, chinese.clone()),
                Block::new(BlockKind::Paragraph, latin.clone()),
            ];
            let mut reader = reader(language, blocks);
            for zoom in 1..=4 {
                for reading_width in READING_WIDTHS {
                    let look = look(zoom, reading_width, 0);
                    for width in 20..=200 {
                        let column = draw(&mut reader, &look, width, 24);
                        let logical_column = usize::from(column / u16::from(zoom));
                        let lines = laid_out_lines(&mut reader);
                        let widest_of_own_kind = lines
                            .iter()
                            .filter(|line| line.starts_with(own_kind_starts))
                            .map(|line| line.width())
                            .max()
                            .unwrap();
                        let widest = lines.iter().map(|line| line.width()).max().unwrap();
                        let case =
                            format!("{language:?} {width} columns ×{zoom} {reading_width:?}");
                        assert!(widest <= logical_column, "{case}");
                        assert!(widest_of_own_kind + 1 >= logical_column, "{case}");
                    }
                }
            }
        }
    }

    /// An indent as books and plain-text readers leave them: ASCII spaces, ideographic
    /// spaces (U+3000), or both.
    fn indent() -> impl Strategy<Value = String> {
        "[ \u{3000}]{0,4}"
    }

    /// Text as a learner's books mix it: Han characters, kana, CJK punctuation, Latin words
    /// (some longer than a narrow line), digits and spaces of either width.
    fn mixed_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[\u{4E00}-\u{9FA5}]{1,8}",
            "[\u{3041}-\u{3093}\u{30A1}-\u{30F3}]{1,6}",
            prop::sample::select(vec![
                "、", "。", "，", "「", "」", "『", "』", "（", "）", "《", "》", "！", "？", "……",
                "——", "・",
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z]{1,30}[,.;!?]?",
            "[0-9]{1,8}",
            "[ \u{3000}]{1,2}",
        ];
        prop::collection::vec(piece, 1..60).prop_map(|pieces| pieces.concat())
    }

    /// A block of any kind the reader draws as text, indented or not.
    fn block() -> impl Strategy<Value = Block> {
        let kind = prop::sample::select(vec![
            BlockKind::Paragraph,
            BlockKind::Heading(1),
            BlockKind::Heading(2),
            BlockKind::Quote,
            BlockKind::ListItem,
        ]);
        (kind, indent(), mixed_text())
            .prop_map(|(kind, indent, text)| Block::new(kind, indent + &text))
    }

    fn without_whitespace(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// No character of a book is ever cut: whatever the window (20 to 200 columns), text
    /// size, reading width, line gap and book language, every line the reader lays out fits
    /// the column it is drawn in, and the lines, without indents, line breaks and the spaces
    /// at breaks, give back the book's text exactly. Prints how many lines it checked.
    #[test]
    fn no_line_is_cut_at_any_window_size_zoom_indent_or_mix_of_scripts() {
        const CASES: u32 = 512;
        let case = (
            prop::collection::vec(block(), 1..8),
            // Every book opened has a language: from its metadata, else guessed from its text.
            prop::sample::select(vec![Some("zh"), Some("zh-TW"), Some("en"), Some("ja")]),
            20u16..=200,
            6u16..=60,
            1u8..=3,
            prop::sample::select(READING_WIDTHS.to_vec()),
            0u8..=2,
        );
        let lines_checked = Cell::new(0usize);
        let mut runner = TestRunner::new(ProptestConfig {
            cases: CASES,
            // Failures are kept beside the others, in proptest-regressions/ui/.
            source_file: Some(file!()),
            ..ProptestConfig::default()
        });
        let outcome = runner.run(
            &case,
            |(blocks, language, width, height, zoom, reading_width, line_gap)| {
                let source: String = blocks.iter().map(|b| b.text.as_str()).collect();
                let mut reader = reader(language, blocks);
                let look = look(zoom, reading_width, line_gap);
                let column = draw(&mut reader, &look, width, height);
                prop_assert_eq!(reader.options().zoom, zoom);
                let lines = laid_out_lines(&mut reader);
                for line in &lines {
                    prop_assert!(
                        line.width() * usize::from(zoom) <= usize::from(column),
                        "{:?} is wider than the {}-cell column of a {}-column window at ×{}",
                        line,
                        column,
                        width,
                        zoom
                    );
                }
                prop_assert_eq!(
                    without_whitespace(&lines.concat()),
                    without_whitespace(&source)
                );
                lines_checked.set(lines_checked.get() + lines.len());
                Ok(())
            },
        );
        if let Err(failure) = outcome {
            panic!("{failure}\n{runner}");
        }
        println!(
            "no-cut property: {} lines checked in {CASES} cases",
            lines_checked.get()
        );
        assert!(
            lines_checked.get() > 10 * CASES as usize,
            "{}",
            lines_checked.get()
        );
    }
}
