//! End to end in a real terminal (tmux): finding a bundled book by its pinyin initials, and
//! scanning a lecture's QR code straight off the screen with a QR decoder, as a phone would.

use crate::common::{Tmux, release_command};

#[test]
fn pinyin_initials_find_a_bundled_book() {
    let dir = tempfile::tempdir().unwrap();
    let command = release_command(dir.path(), &["--lang", "zh"]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("乐龄 · 主页");
    term.keys(&["1"]);
    term.wait_for_text("本机的书");
    term.keys(&["4"]);
    term.wait_for_text("搜索书和讲座");
    term.keys(&["x", "y", "j"]);
    let found = term.wait_for_text("【书】 西游记");
    assert!(found.contains("吴承恩"), "{found}");
    term.keys(&["Enter"]);
    let detail = term.wait_for_text("吴承恩 ·");
    assert!(detail.contains("西游记"), "{detail}");
}

/// The code's rows as they appear on screen: the lines holding block characters.
fn code_rows(screen: &str) -> Vec<Vec<char>> {
    let rows: Vec<Vec<char>> = screen
        .lines()
        .filter(|line| line.contains('█'))
        .map(|line| line.chars().collect())
        .collect();
    // Keep only the columns the code spans.
    let left = rows
        .iter()
        .filter_map(|r| r.iter().position(|c| "█▀▄".contains(*c)))
        .min()
        .unwrap_or(0);
    let right = rows
        .iter()
        .filter_map(|r| r.iter().rposition(|c| "█▀▄".contains(*c)))
        .max()
        .unwrap_or(0);
    rows.into_iter()
        .map(|r| {
            (left.saturating_sub(2)..right + 3)
                .map(|x| r.get(x).copied().unwrap_or(' '))
                .collect()
        })
        .collect()
}

fn scan(rows: &[Vec<char>]) -> String {
    let (width, height) = (rows[0].len(), rows.len() * 2 + 4);
    let scale = 4;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width * scale, height * scale, |x, y| {
            let (column, pixel_row) = (x / scale, y / scale);
            // Two light pixel rows above and below stand for the quiet zone.
            let Some(cells) = pixel_row.checked_sub(2).and_then(|p| rows.get(p / 2)) else {
                return 255;
            };
            let lower = (pixel_row - 2) % 2 == 1;
            let dark = match cells[column] {
                '█' => true,
                '▀' => !lower,
                '▄' => lower,
                _ => false,
            };
            if dark { 0 } else { 255 }
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code on screen");
    grids[0].decode().unwrap().1
}

#[test]
fn a_lectures_qr_code_scans_from_the_screen_to_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let command = release_command(dir.path(), &["--lang", "en"]);
    let Some(term) = Tmux::start(80, 24, &command) else {
        return;
    };
    term.wait_for_text("Leling · Home");
    term.keys(&["2"]); // Lectures
    term.wait_for_text("By topic");
    term.keys(&["3"]); // All
    term.wait_for_text("All lectures");
    term.keys(&["2"]); // Video calls with family
    term.wait_for_text("Show the QR code");
    term.keys(&["Enter"]);
    let address = "https://example.org/lectures/video-calls-with-family";
    // The address is drawn below the code: once it shows, the whole code is on screen.
    let screen = term.wait_for("the code and its address", |screen| {
        screen.contains("Point your phone") && screen.contains(address)
    });
    assert_eq!(scan(&code_rows(&screen)), address);
}
