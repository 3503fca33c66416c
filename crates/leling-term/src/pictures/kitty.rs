//! The kitty graphics protocol (kitty, WezTerm, Ghostty, Konsole): a picture is sent once as an
//! image the terminal keeps, by number, then placed where it shows. A placed image is not
//! erased by text written over it, so every frame's placements replace the last frame's at
//! once ([`Pictures::after_frame`](super::Pictures::after_frame)) instead of riding in the
//! cells as sixel pictures do.

use std::fmt::Write as _;
use std::io::Write as _;

use base64::Engine as _;
use flate2::Compression;
use flate2::write::ZlibEncoder;

use super::raster::Picture;

/// The most base64 one escape may carry (the protocol's limit).
const CHUNK: usize = 4096;

/// Removes every placement on screen; the images stay with the terminal, to be placed again.
pub const REMOVE_PLACEMENTS: &str = "\x1b_Ga=d,d=a,q=2\x1b\\";

/// Forgets every image (when Leling forgets which it sent).
pub const FORGET_IMAGES: &str = "\x1b_Ga=d,d=A,q=2\x1b\\";

/// The escape that asks whether the terminal has the protocol: a 1×1 image queried, not kept.
pub const QUESTION: &[u8] = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\";

/// Whether `reply` holds the terminal's yes to [`QUESTION`].
pub fn answered_yes(reply: &[u8]) -> bool {
    reply.windows(10).any(|w| w == b"_Gi=31;OK\x1b")
}

/// The escapes that send `picture` as image `id`: red, green and blue bytes, zlib-compressed,
/// in base64 chunks. Quiet (`q=2`): the terminal answers nothing that could be taken for keys.
pub fn send(id: u32, picture: &Picture) -> String {
    let rgb: Vec<u8> = picture
        .pixels
        .iter()
        .flat_map(|&p| picture.palette[usize::from(p)])
        .collect();
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::fast());
    // Writing to memory cannot fail.
    let _ = zlib.write_all(&rgb);
    let compressed = zlib.finish().unwrap_or_default();
    let encoded = base64::engine::general_purpose::STANDARD.encode(compressed);
    let chunks: Vec<&str> = encoded
        .as_bytes()
        .chunks(CHUNK)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    let mut out = String::with_capacity(encoded.len() + chunks.len() * 16 + 64);
    for (n, chunk) in chunks.iter().enumerate() {
        let more = u8::from(n + 1 < chunks.len());
        if n == 0 {
            let (w, h) = (picture.width, picture.height);
            let _ = write!(
                out,
                "\x1b_Ga=t,f=24,o=z,s={w},v={h},i={id},q=2,m={more};{chunk}\x1b\\"
            );
        } else {
            let _ = write!(out, "\x1b_Gm={more};{chunk}\x1b\\");
        }
    }
    out
}

/// The escape that shows image `id` at the cursor over `columns` × `rows` cells, leaving the
/// cursor where it was.
pub fn place(id: u32, columns: u16, rows: u16) -> String {
    format!("\x1b_Ga=p,i={id},c={columns},r={rows},C=1,q=2\x1b\\")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_picture_is_sent_compressed_in_chunks_and_comes_back_whole() {
        // Noise that does not compress: several chunks.
        let mut state = 7u32;
        let pixels: Vec<u8> = (0..200 * 60)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (state >> 16) as u8 % 4
            })
            .collect();
        let palette = vec![[0, 0, 0], [255, 255, 0], [90, 90, 0], [255, 255, 255]];
        let picture = Picture {
            width: 200,
            height: 60,
            pixels: pixels.clone(),
            palette: palette.clone(),
        };
        let sent = send(9, &picture);
        assert!(sent.starts_with("\x1b_Ga=t,f=24,o=z,s=200,v=60,i=9,q=2,m=1;"));
        let escapes: Vec<&str> = sent.split("\x1b\\").filter(|e| !e.is_empty()).collect();
        assert!(escapes.len() > 1);
        assert!(escapes.last().unwrap().starts_with("\x1b_Gm=0;"));
        let data: String = escapes
            .iter()
            .map(|e| e.split_once(';').unwrap().1)
            .collect();
        let compressed = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        let mut rgb = Vec::new();
        flate2::read::ZlibDecoder::new(&compressed[..])
            .read_to_end(&mut rgb)
            .unwrap();
        let want: Vec<u8> = pixels
            .iter()
            .flat_map(|&p| palette[usize::from(p)])
            .collect();
        assert_eq!(rgb, want);
        assert_eq!(place(9, 12, 3), "\x1b_Ga=p,i=9,c=12,r=3,C=1,q=2\x1b\\");
        assert!(answered_yes(b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c"));
        assert!(!answered_yes(b"\x1b[?62;c"));
    }
}
