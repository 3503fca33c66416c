//! iTerm2's inline pictures (iTerm2, WezTerm, mintty, VS Code's terminal with its image
//! support): a PNG in one OSC 1337 escape, drawn from the cursor over the cells it names. Text
//! written over those cells replaces the picture, as with sixel, so a picture rides in its
//! row's first cell and goes out again only when it changes.
//!
//! The terminals that have this protocol say nothing of it when asked; they name themselves
//! in the environment (`TERM_PROGRAM`, `LC_TERMINAL`), which is what [`named_by`] reads.

use base64::Engine as _;

use super::raster::Picture;

/// What `TERM_PROGRAM` or `LC_TERMINAL` says in the terminals that show these pictures.
const NAMES: [&str; 5] = ["iTerm.app", "iTerm2", "WezTerm", "mintty", "vscode"];

/// Whether the terminal named by `term_program` or `lc_terminal` (their values, where set)
/// shows iTerm2's pictures.
pub fn named_by(term_program: Option<&str>, lc_terminal: Option<&str>) -> bool {
    [term_program, lc_terminal]
        .into_iter()
        .flatten()
        .any(|name| NAMES.contains(&name))
}

/// The escape that draws `picture` over `columns` × `rows` cells from the cursor, stretched to
/// them exactly (the picture is drawn at the cells' size, so nothing is stretched in fact).
pub fn encode(picture: &Picture, columns: u16, rows: u16) -> String {
    let png = png_of(picture);
    let data = base64::engine::general_purpose::STANDARD.encode(&png);
    format!(
        "\x1b]1337;File=inline=1;size={};width={columns};height={rows};preserveAspectRatio=0:{data}\x07",
        png.len()
    )
}

/// The picture as a PNG of its few colours (one byte a pixel, the palette beside).
fn png_of(picture: &Picture) -> Vec<u8> {
    let mut png = Vec::new();
    let (Ok(width), Ok(height)) = (u32::try_from(picture.width), u32::try_from(picture.height))
    else {
        return png;
    };
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(picture.palette.concat());
    encoder.set_compression(png::Compression::Fast);
    // Encoding into memory fails only on a picture whose pixels do not fill its size, which
    // the rasteriser never makes; an empty picture then shows nothing rather than stopping.
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&picture.pixels));
    if written.is_err() {
        png.clear();
    }
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_goes_out_as_a_png_over_the_cells_it_names() {
        let palette = vec![[0, 0, 0], [255, 255, 0], [90, 90, 0]];
        let pixels: Vec<u8> = (0..48 * 24).map(|i| (i % 7 % 3) as u8).collect();
        let picture = Picture {
            width: 48,
            height: 24,
            pixels: pixels.clone(),
            palette: palette.clone(),
        };
        let escape = encode(&picture, 4, 1);
        let (head, data) = escape
            .strip_prefix("\x1b]1337;File=")
            .and_then(|e| e.strip_suffix('\x07'))
            .and_then(|e| e.split_once(':'))
            .expect("one OSC 1337 escape");
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert_eq!(
            head,
            format!(
                "inline=1;size={};width=4;height=1;preserveAspectRatio=0",
                png.len()
            )
        );
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut back = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut back).unwrap();
        assert_eq!((info.width, info.height), (48, 24));
        assert_eq!(&back[..info.buffer_size()], &pixels[..]);
        assert_eq!(
            reader.info().palette.as_deref(),
            Some(&palette.concat()[..])
        );
    }

    #[test]
    fn the_terminals_are_known_by_the_names_they_give() {
        assert!(named_by(Some("iTerm.app"), None));
        assert!(named_by(Some("tmux"), Some("iTerm2")));
        assert!(named_by(Some("WezTerm"), None));
        assert!(!named_by(Some("Apple_Terminal"), None));
        assert!(!named_by(None, None));
    }
}
