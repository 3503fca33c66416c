//! Draws any `View` the same way: title, body, numbered choices, status and key hints, with
//! generous margins, the focused choice in reverse video behind a ▶ marker, and the terminal's
//! cursor on the focused choice for screen readers. Below 20×6 only "window too small" shows.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::qr::QrLayout;
use super::reader::Reader;
use super::reader_view::ReaderLook;
use super::text_fit::{margin, wrap};
use super::theme::Theme;
use super::view::View;
use super::workers::Workers;
use crate::i18n::t;
use leling_term::bigtext::BigFont;

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
const FOCUS_MARKER: &str = "▶";
/// At most this many rows of status text, so choices keep their room.
const MAX_STATUS_ROWS: usize = 3;

/// One row of the middle of the screen.
struct Row {
    text: String,
    style: Style,
    /// The choice this row belongs to, for the mouse and the focus bar.
    item: Option<usize>,
    /// Where the cursor goes when this row has the focus.
    cursor_column: Option<u16>,
}

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    // Screens whose words depend on the room they have (the QR code) describe this window.
    app.drawn.window = area;
    let theme = app.look.theme(app.prefs.theme_name());
    app.drawn.hits.clear();
    frame.render_widget(Block::new().style(theme.text), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let line = t(app.prefs.lang(), "too-small");
        frame.render_widget(Paragraph::new(line).style(theme.status), area);
        frame.set_cursor_position(Position::new(0, 0));
        return;
    }

    let lang = app.prefs.lang();
    app.look.ready_for(&app.prefs.settings);
    let painter = app.look.painter(&app.prefs.settings);
    // A sixel picture on the last row would scroll the screen: that row is left blank.
    let area = Rect {
        height: painter.usable_rows(area.height),
        ..area
    };
    if app.stack.top().reader().is_some() {
        let look = super::reader_view::ReaderLook {
            theme,
            lang,
            line_gap: app.prefs.settings.line_gap.get(),
            painter,
            script: app.prefs.settings.chinese_script,
            reading_width: (
                app.prefs.settings.reading_width_cjk,
                app.prefs.settings.reading_width_latin,
            ),
            notice: app.speaker.status().map(str::to_owned),
        };
        if let Some(reader) = app.stack.reader_mut() {
            draw_reader_screen(frame, area, reader, &look, &app.workers);
        }
        return;
    }
    if let Some(url) = app.stack.top().component().qr_code() {
        let url = url.to_owned();
        draw_qr_screen(frame, &app.view(), theme, area, &url);
        return;
    }

    let view = app.stack.top().view(&super::app::view_context!(app));
    let zoom = painter.zoom();
    let margin = margin(area.width);
    let inner = Rect::new(
        area.x + margin,
        area.y,
        area.width - 2 * margin,
        area.height,
    );
    // Everything below is measured in rows and columns of the chosen text size.
    let (columns, lines) = painter.logical(inner.width, inner.height);
    let width = usize::from(columns.max(1));

    let mut title_rows = wrap(&view.title, width);
    let mut hint_rows = wrap(&view.hint, width);
    let mut status_rows = (app.speaker.status())
        .map(|s| wrap(s, width))
        .unwrap_or_default();
    status_rows.truncate(MAX_STATUS_ROWS);
    let spacer = usize::from(lines >= 16);
    // In a small window at a large size the focused choice (or the text field) comes first:
    // the keys' hint, then all but a row of the status, then all but a row of the title make
    // room for it.
    let wanted = usize::from(!view.items.is_empty() || view.input.is_some());
    let free = |title: &[String], status: &[String], hint: &[String]| {
        usize::from(lines).saturating_sub(title.len() + spacer + status.len() + hint.len())
    };
    if free(&title_rows, &status_rows, &hint_rows) < wanted {
        hint_rows.clear();
    }
    if free(&title_rows, &status_rows, &hint_rows) < wanted {
        status_rows.truncate(1);
    }
    if free(&title_rows, &status_rows, &hint_rows) < wanted {
        title_rows.truncate(1);
    }
    // A figure is drawn as large as the rows the rest of the screen leaves free allow.
    let content = middle_rows(&view, width, 0, usize::MAX, theme).len();
    let room = usize::from(lines)
        .saturating_sub(title_rows.len() + spacer + hint_rows.len() + status_rows.len() + content);
    let figure_font = view.big.as_ref().and_then(|_| app.look.font());
    let big_rows = big_figure(view.big.as_deref(), figure_font.as_deref(), zoom, room);
    let top = title_rows.len() + spacer + big_rows.len();
    let bottom = hint_rows.len() + status_rows.len();
    let middle_height = usize::from(lines).saturating_sub(top + bottom);

    let rows = middle_rows(
        &view,
        width,
        app.prefs.settings.line_gap.get().into(),
        middle_height,
        theme,
    );
    let offset = match (app.drawn.pinned, view.focus) {
        (Some(pinned), Some(_)) => pinned.min(rows.len().saturating_sub(middle_height)),
        _ => scroll_offset(&rows, view.focus, view.scroll, middle_height),
    };
    app.drawn.scroll_limit = rows.len().saturating_sub(middle_height);
    app.drawn.page = super::drawn::DrawnPage {
        rows: rows.iter().map(|r| (r.text.clone(), r.item)).collect(),
        offset,
        height: middle_height,
        screen: (app.stack.depth(), view.title.clone()),
    };
    // A choice scrolled out of sight is not drawn focused, and the cursor stays on the text.
    let focus = view.focus.filter(|&focus| app.drawn.page.shows(focus));

    let mut y = inner.y;
    for text in &title_rows {
        painter.row(frame, inner.x, y, inner.width, &[(text, theme.title)]);
        y += zoom;
    }
    y += spacer as u16 * zoom;
    for text in &big_rows {
        if zoom > 1 {
            painter.row(frame, inner.x, y, inner.width, &[(text, theme.title)]);
        } else {
            let row = Rect::new(inner.x, y, inner.width, 1);
            frame.render_widget(Paragraph::new(text.clone()).style(theme.title), row);
        }
        y += zoom;
    }
    let mut cursor = Position::new(inner.x, inner.y);
    for row in rows.iter().skip(offset).take(middle_height) {
        let focused = row.item.is_some() && row.item == focus;
        let style = if focused { theme.focus } else { row.style };
        let padded = pad_to(&row.text, width);
        painter.row(frame, inner.x, y, inner.width, &[(&padded, style)]);
        if let Some(item) = row.item {
            for k in 0..zoom {
                app.drawn.hits.push((y + k, item));
            }
        }
        if let Some(column) = row.cursor_column
            && (focused || row.item.is_none())
        {
            cursor = Position::new(inner.x + column * zoom, y);
        }
        y += zoom;
    }
    // A page whose choices are still below the window says so, in place of the keys for
    // choosing, which would move nothing yet.
    let room = hint_rows.len();
    let hint_rows = if view.focus.is_some() && focus.is_none() && offset < app.drawn.scroll_limit {
        let more = wrap(&t(app.prefs.lang(), "hint-more-below"), width);
        if more.len() <= room { more } else { hint_rows }
    } else {
        hint_rows
    };
    // A shorter hint keeps to the bottom row, as the one it replaces did.
    let lifted = (room - hint_rows.len()) as u16;
    let first_bottom_row = inner.y + (lines - bottom as u16 + lifted) * zoom;
    for (n, text) in status_rows.iter().chain(&hint_rows).enumerate() {
        painter.row(
            frame,
            inner.x,
            first_bottom_row + n as u16 * zoom,
            inner.width,
            &[(text, theme.status)],
        );
    }
    frame.set_cursor_position(cursor);
}

/// Rows of terminal text showing a short figure large: three or two rows high in the bitmap
/// font when the screen has `room` rows to spare, else as one plain row.
fn big_figure(text: Option<&str>, font: Option<&BigFont>, zoom: u16, room: usize) -> Vec<String> {
    let Some(text) = text else {
        return Vec::new();
    };
    match font {
        Some(font) if zoom == 1 && room >= 3 => font.render(text, 3),
        Some(font) if zoom == 1 && room >= 2 => font.render(text, 2),
        _ => vec![text.to_owned()],
    }
}

/// A QR code is drawn at its own size (a zoomed code would not fit), dark on light. Whether
/// it fits is the view's own decision ([`QrPage`]), made for this same window.
fn draw_qr_screen(frame: &mut Frame, view: &View, theme: Theme, area: Rect, url: &str) {
    let page = QrLayout::new(area, url, &view.hint);
    let (margin, width) = (page.margin, page.width);
    let mut y = area.y;
    let text_row = |frame: &mut Frame, y: u16, text: &str, style: Style| {
        frame.render_widget(
            Paragraph::new(text.to_string()).style(style),
            Rect::new(area.x + margin, y, area.width - 2 * margin, 1),
        );
    };
    for row in wrap(&view.title, width).iter().take(1) {
        text_row(frame, y, row, theme.title);
        y += 1;
    }
    let bottom = area.y + area.height - page.hint_rows.len() as u16;
    // The view's body: what it says about the code, then the address.
    let said = view.body.first().map(String::as_str).unwrap_or_default();
    let mut words = wrap(said, width);
    words.extend(wrap(url, width));
    if let Some(code) = &page.code {
        let code_width = code.first().map_or(0, |row| row.chars().count()) as u16;
        // The instructions go above the code while there is room, the address below it.
        let spare = (bottom - y).saturating_sub(code.len() as u16);
        let (above, below) = words.split_at(words.len() - wrap(url, width).len());
        for row in above
            .iter()
            .take(usize::from(spare.saturating_sub(below.len() as u16)))
        {
            text_row(frame, y, row, theme.text);
            y += 1;
        }
        let left = area.x + (area.width - code_width) / 2;
        let ink = Style::new()
            .fg(ratatui::style::Color::Black)
            .bg(ratatui::style::Color::White);
        for row in code {
            frame.render_widget(
                Paragraph::new(row.clone()).style(ink),
                Rect::new(left, y, code_width, 1),
            );
            y += 1;
        }
        for row in below.iter().take(usize::from(bottom.saturating_sub(y))) {
            text_row(frame, y, row, theme.text);
            y += 1;
        }
    } else {
        for row in words.iter().take(usize::from(bottom.saturating_sub(y))) {
            text_row(frame, y, row, theme.text);
            y += 1;
        }
    }
    for (n, row) in page.hint_rows.iter().enumerate() {
        text_row(frame, bottom + n as u16, row, theme.status);
    }
    frame.set_cursor_position(Position::new(area.x + margin, area.y));
}

/// A book's page, drawn by the reader itself; the pages are counted on a worker once the
/// layout they depend on is known.
fn draw_reader_screen(
    frame: &mut Frame,
    area: Rect,
    reader: &mut Reader,
    look: &ReaderLook,
    workers: &Workers,
) {
    super::reader_view::draw_reader(frame, area, reader, look);
    if reader.page_count_due() {
        let (book_id, text, options) = (reader.book_id, reader.text.clone(), reader.options());
        workers.count_pages(book_id, text, options);
    }
}

/// Body paragraphs, the text field and the numbered choices, as screen rows.
fn middle_rows(
    view: &super::view::View,
    width: usize,
    line_gap: usize,
    height: usize,
    theme: super::theme::Theme,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let plain = |text: String| Row {
        text,
        style: theme.text,
        item: None,
        cursor_column: None,
    };
    for (index, paragraph) in view.body.iter().enumerate() {
        if index > 0 {
            rows.push(plain(String::new()));
        }
        rows.extend(wrap(paragraph, width).into_iter().map(plain));
    }
    if let Some(input) = &view.input {
        rows.push(plain(String::new()));
        let column = (UnicodeWidthStr::width(input.as_str()) + 2).min(width.saturating_sub(1));
        rows.push(Row {
            text: format!("> {input}"),
            style: theme.status,
            item: None,
            cursor_column: Some(column as u16),
        });
    }
    if !view.items.is_empty() && !rows.is_empty() {
        rows.push(plain(String::new()));
    }
    // Choices are spaced by the reading line gap when it fits, and packed when it does not.
    let item_lines: Vec<Vec<String>> = view
        .items
        .iter()
        .enumerate()
        .map(|(index, label)| item_lines(index, label, view.focus == Some(index), width))
        .collect();
    let needed = rows.len() + item_lines.iter().map(Vec::len).sum::<usize>();
    let gap_rows = item_lines.len().saturating_sub(1);
    let gap = (0..=line_gap)
        .rev()
        .find(|g| needed + g * gap_rows <= height)
        .unwrap_or(0);
    for (index, lines) in item_lines.into_iter().enumerate() {
        if index > 0 {
            for _ in 0..gap {
                rows.push(plain(String::new()));
            }
        }
        for (line_index, text) in lines.into_iter().enumerate() {
            rows.push(Row {
                text,
                style: theme.text,
                item: Some(index),
                cursor_column: (line_index == 0).then_some(0),
            });
        }
    }
    rows
}

/// "▶ 1  书单" for the focused choice, "  1  书单" for the others; long labels wrap under
/// themselves.
fn item_lines(index: usize, label: &str, focused: bool, width: usize) -> Vec<String> {
    let marker = if focused { FOCUS_MARKER } else { " " };
    let prefix = format!("{marker} {}  ", index + 1);
    let indent = UnicodeWidthStr::width(prefix.as_str());
    let mut lines = wrap(label, width.saturating_sub(indent).max(1));
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{prefix}{line}")
            } else {
                format!("{}{line}", " ".repeat(indent))
            }
        })
        .collect()
}

/// The first row to show: for choices, enough that the focused one is on screen; for pages,
/// the reader's own scroll position, held within the text, and never above a text field's
/// row that would then fall below the window (at ×3 and ×4 a question above the field can
/// fill the window: she must still see what she types).
fn scroll_offset(rows: &[Row], focus: Option<usize>, scroll: usize, height: usize) -> usize {
    let max = rows.len().saturating_sub(height);
    match focus {
        Some(focus) => {
            let first = rows.iter().position(|r| r.item == Some(focus)).unwrap_or(0);
            let last = rows
                .iter()
                .rposition(|r| r.item == Some(focus))
                .unwrap_or(0);
            if last < height {
                0
            } else {
                (last + 1 - height).min(first).min(max)
            }
        }
        None => {
            let field = (rows.iter()).position(|r| r.item.is_none() && r.cursor_column.is_some());
            let field_shown = field.map_or(0, |row| (row + 1).saturating_sub(height));
            scroll.max(field_shown).min(max)
        }
    }
}

fn pad_to(text: &str, width: usize) -> String {
    let used = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
