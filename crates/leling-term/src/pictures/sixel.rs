//! Sixel, the DEC VT340's picture format, which xterm (as a VT340), foot, mlterm, WezTerm,
//! Konsole and Windows Terminal show. A picture goes out in bands six pixels tall; within a
//! band, one pass per colour gives, for each column, which of the six pixels have it. The
//! pictures here have a few known colours, so they are written as they are, with no colour
//! reduction to do.

use std::fmt::Write;

use super::raster::Picture;

/// The picture as one sixel escape (DCS … ST), drawn from the cursor.
pub fn encode(picture: &Picture) -> String {
    let (width, height) = (picture.width, picture.height);
    let mut out = String::with_capacity(width * height / 8 + 64);
    // P2 = 1: pixels not given keep what is there (every pixel is given here). Raster
    // attributes: square pixels, and the picture's size, so that it is known before it is read.
    let _ = write!(out, "\x1bP0;1;0q\"1;1;{width};{height}");
    for (index, [r, g, b]) in picture.palette.iter().enumerate() {
        let percent = |c: &u8| u32::from(*c) * 100 / 255;
        let _ = write!(
            out,
            "#{index};2;{};{};{}",
            percent(r),
            percent(g),
            percent(b)
        );
    }
    let colours = picture.palette.len();
    // For each colour, for each column of the band: its six bits.
    let mut bits = vec![0u8; colours * width];
    let mut used = vec![false; colours];
    for top in (0..height).step_by(6) {
        bits.fill(0);
        used.fill(false);
        for dy in 0..6.min(height - top) {
            let row = &picture.pixels[(top + dy) * width..(top + dy + 1) * width];
            for (x, &colour) in row.iter().enumerate() {
                let colour = usize::from(colour);
                bits[colour * width + x] |= 1 << dy;
                used[colour] = true;
            }
        }
        let mut first = true;
        for colour in (0..colours).filter(|&c| used[c]) {
            if !first {
                // Back to the band's start for the next colour.
                out.push('$');
            }
            first = false;
            let _ = write!(out, "#{colour}");
            write_runs(&mut out, &bits[colour * width..(colour + 1) * width]);
        }
        if top + 6 < height {
            out.push('-');
        }
    }
    out.push_str("\x1b\\");
    out
}

/// A colour's columns as sixel characters, repeats shortened to `!count char`; columns at the
/// end without the colour are left out.
fn write_runs(out: &mut String, columns: &[u8]) {
    let end = columns
        .iter()
        .rposition(|&b| b != 0)
        .map_or(0, |last| last + 1);
    let mut x = 0;
    while x < end {
        let value = columns[x];
        let run = columns[x..end].iter().take_while(|&&b| b == value).count();
        let c = char::from(63 + value);
        if run > 3 {
            let _ = write!(out, "!{run}{c}");
        } else {
            for _ in 0..run {
                out.push(c);
            }
        }
        x += run;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_goes_out_band_by_band_colour_by_colour() {
        // 5 wide, 7 tall: colour 1 on the top-left pixel and the whole last row.
        let mut pixels = vec![0u8; 35];
        pixels[0] = 1;
        pixels[30..35].fill(1);
        let picture = Picture {
            width: 5,
            height: 7,
            pixels,
            palette: vec![[0, 0, 0], [255, 255, 255]],
        };
        let sixel = encode(&picture);
        assert_eq!(
            sixel,
            "\x1bP0;1;0q\"1;1;5;7#0;2;0;0;0#1;2;100;100;100\
             #0}!4~$#1@-#1!5@\x1b\\"
        );
    }
}
