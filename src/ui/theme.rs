//! Colour themes. Every foreground/background pair a theme uses is listed in `Palette::pairs`,
//! and a test holds each pair to the WCAG AAA contrast of 7:1. Focus never relies on colour:
//! it is reverse video plus the ▶ marker.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

pub type Rgb = (u8, u8, u8);

/// The colours of one theme, in true colour and in the 16-colour fallback.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub text: Rgb,
    pub title: Rgb,
    pub background: Rgb,
    pub text16: Color,
    pub title16: Color,
    pub background16: Color,
}

impl Palette {
    pub fn of(name: ThemeName) -> Palette {
        match name {
            ThemeName::YellowOnBlack => Palette {
                text: (255, 255, 0),
                title: (255, 255, 255),
                background: (0, 0, 0),
                text16: Color::LightYellow,
                title16: Color::White,
                background16: Color::Black,
            },
            ThemeName::WhiteOnBlack => Palette {
                text: (255, 255, 255),
                title: (255, 255, 255),
                background: (0, 0, 0),
                text16: Color::White,
                title16: Color::White,
                background16: Color::Black,
            },
            ThemeName::BlackOnCream => Palette {
                text: (0, 0, 0),
                title: (0, 0, 0),
                background: (255, 250, 205),
                text16: Color::Black,
                title16: Color::Black,
                background16: Color::White,
            },
        }
    }

    /// Every (foreground, background) pair drawn with this palette. Reverse video swaps a
    /// pair, which keeps its ratio.
    pub fn pairs(&self) -> Vec<(Rgb, Rgb)> {
        vec![(self.text, self.background), (self.title, self.background)]
    }
}

/// How much colour the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    TrueColor,
    Ansi16,
    /// `NO_COLOR` is set: no colour at all, only bold and reverse video.
    None,
}

impl ColorMode {
    pub fn detect() -> ColorMode {
        let set = |var: &str| std::env::var(var).is_ok_and(|v| !v.is_empty());
        if set("NO_COLOR") {
            ColorMode::None
        } else if std::env::var("COLORTERM")
            .is_ok_and(|v| v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit"))
        {
            ColorMode::TrueColor
        } else {
            ColorMode::Ansi16
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            ColorMode::TrueColor => "colour-truecolor",
            ColorMode::Ansi16 => "colour-ansi16",
            ColorMode::None => "colour-none",
        }
    }
}

/// The styles screens draw with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub text: Style,
    pub title: Style,
    pub focus: Style,
    pub status: Style,
}

impl Theme {
    pub fn new(name: ThemeName, mode: ColorMode) -> Theme {
        let palette = Palette::of(name);
        let (text, title, background) = match mode {
            ColorMode::TrueColor => (
                rgb(palette.text),
                rgb(palette.title),
                rgb(palette.background),
            ),
            ColorMode::Ansi16 => (palette.text16, palette.title16, palette.background16),
            ColorMode::None => (Color::Reset, Color::Reset, Color::Reset),
        };
        let text = Style::new().fg(text).bg(background);
        Theme {
            text,
            title: Style::new()
                .fg(title)
                .bg(background)
                .add_modifier(Modifier::BOLD),
            focus: text.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            status: text.add_modifier(Modifier::BOLD),
        }
    }
}

fn rgb((r, g, b): Rgb) -> Color {
    Color::Rgb(r, g, b)
}

/// The WCAG 2.x contrast ratio of two sRGB colours, from 1 (none) to 21 (black on white).
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

fn relative_luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_of_known_pairs() {
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio((119, 119, 119), (255, 255, 255)) - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_theme_pair_reaches_seven_to_one() {
        for name in ThemeName::ALL {
            for (fg, bg) in Palette::of(name).pairs() {
                let ratio = contrast_ratio(fg, bg);
                assert!(
                    ratio >= 7.0,
                    "{name:?}: {fg:?} on {bg:?} is only {ratio:.2}:1"
                );
            }
        }
    }

    #[test]
    fn no_color_draws_without_colours_but_keeps_reverse_video_focus() {
        let theme = Theme::new(ThemeName::YellowOnBlack, ColorMode::None);
        assert_eq!(theme.text.fg, Some(Color::Reset));
        assert_eq!(theme.text.bg, Some(Color::Reset));
        assert!(theme.focus.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn sixteen_colour_terminals_get_named_colours() {
        let theme = Theme::new(ThemeName::BlackOnCream, ColorMode::Ansi16);
        assert_eq!(theme.text.fg, Some(Color::Black));
        assert_eq!(theme.text.bg, Some(Color::White));
        let theme = Theme::new(ThemeName::YellowOnBlack, ColorMode::TrueColor);
        assert_eq!(theme.text.fg, Some(Color::Rgb(255, 255, 0)));
    }
}
