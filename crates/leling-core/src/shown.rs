//! Text from outside (names, titles, feed items, a hub's words) made safe to show: on a
//! terminal an escape sequence in a member's name could set the window title, write the
//! clipboard, clear the screen or ask the terminal to type an answer; a bidirectional override
//! could make a report read otherwise than it is written. Every line the command line prints
//! and every cell of a Markdown report passes through here.

use std::borrow::Cow;

/// `text` with what could act on a terminal or reorder what is read taken out: C0 controls
/// but line feed and tab (a carriage return only just before a line feed), DEL, C1 controls
/// (U+0080–U+009F, which some terminals take as escape sequences too), and the
/// bidirectional embeddings, overrides and isolates. The rest reads as it did, so an escape
/// sequence is left as harmless visible text (`]0;title`) rather than hidden.
pub fn safe_to_show(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut kept = String::new();
    let mut changed = false;
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c if c.is_control() => false,
            c => !is_bidi_control(c),
        };
        if keep {
            kept.push(c);
        } else {
            changed = true;
        }
    }
    if changed {
        Cow::Owned(kept)
    } else {
        Cow::Borrowed(text)
    }
}

/// [`safe_to_show`] on one line: line breaks and tabs go too (a title, a file's name).
pub fn on_one_line(text: &str) -> String {
    (text.chars())
        .filter(|&c| !c.is_control() && !is_bidi_control(c))
        .collect()
}

/// The characters that change the direction of the text after them until they end.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_could_act_on_a_terminal_is_taken_out_and_the_words_stay() {
        let hostile = "张\u{1b}]0;pwned\u{7}秀\u{1b}[2J\u{9b}31m英\u{202e}olleh\u{2066}\u{7f}\r";
        assert_eq!(safe_to_show(hostile), "张]0;pwned秀[2J31m英olleh");
        assert_eq!(safe_to_show("line\r\nnext\tcell\n"), "line\r\nnext\tcell\n");
        assert!(matches!(
            safe_to_show("银杏读书会 (Ginkgo)"),
            Cow::Borrowed(_)
        ));
        // Arabic and Hebrew names keep their own direction: only the controls go.
        assert_eq!(safe_to_show("سلام \u{200f}שלום"), "سلام \u{200f}שלום");
    }
}
