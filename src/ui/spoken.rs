//! What a screen's words sound like: the text shown, less what only makes sense to the eye.
//! A bar of a chart is a row of block characters and a web address is a string of letters and
//! slashes; read aloud, both are noise that hides the words around them (the number beside
//! the bar is said, and an address is on the screen and in its QR code). Joining a title and a
//! page's text must not stack punctuation either (`吗？。`).

/// Block elements (U+2580–U+259F), what bars and large glyphs are drawn with.
fn is_drawing(c: char) -> bool {
    ('\u{2580}'..='\u{259F}').contains(&c)
}

/// A word less the web address in it (`https://…`, `www.…`) and all after it: what stood
/// before the address in the same word ("免费电子版：https://…") stays.
fn without_address(word: &str) -> &str {
    let scheme = word.find("://").map(|at| {
        // Back over the scheme's letters ("https").
        word[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphabetic())
            .last()
            .map_or(at, |(start, _)| start)
    });
    let www = word.find("www.");
    match scheme.into_iter().chain(www).min() {
        Some(start) => &word[..start],
        None => word,
    }
}

/// Marks that end a sentence, in either language.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '？' | '！' | '.' | '?' | '!' | '…' | '：' | ':' | '；' | ';' | '，' | ','
    )
}

/// The words to say for `text`: lines drawn with block characters left out, web addresses
/// left out of the lines that hold them, a sentence end after another one dropped, and the
/// spaces tidied. Empty when nothing is left worth saying.
pub fn speakable(text: &str) -> String {
    let mut kept_lines = Vec::new();
    for line in text.lines().filter(|line| !line.chars().any(is_drawing)) {
        let kept: Vec<&str> = line.split_whitespace().map(without_address).collect();
        let mut kept = kept.join(" ");
        if kept.len() < line.split_whitespace().collect::<Vec<_>>().join(" ").len() {
            // A separator that stood before the address ("视频 · https://…") goes with it.
            kept.truncate(
                kept.trim_end_matches(|c: char| c.is_whitespace() || "·-—".contains(c))
                    .len(),
            );
        }
        kept_lines.push(kept);
    }
    let said = without_stacked_stops(&kept_lines.join(" "));
    if said.chars().all(|c| !c.is_alphanumeric()) {
        return String::new();
    }
    said.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` less each full stop that follows another sentence end, spaces between or not
/// (`吗？。`, `Quit?.`); "..." is an ellipsis, not three sentence ends.
fn without_stacked_stops(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut last_mark: Option<char> = None;
    for c in text.chars() {
        let stacked =
            matches!(c, '。' | '.') && last_mark.is_some_and(|p| ends_sentence(p) && p != '.');
        if stacked {
            continue;
        }
        if !c.is_whitespace() {
            last_mark = Some(c);
        }
        kept.push(c);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_addresses_are_not_said() {
        let month = "9月：活动 3 次，参加 12 人次\n    活动 ████████\n    人次 ██████████████";
        assert_eq!(speakable(month), "9月：活动 3 次，参加 12 人次");
        assert_eq!(
            speakable("免费电子版：https://www.gutenberg.org/ebooks/24264\n有大字版"),
            "免费电子版： 有大字版"
        );
        assert_eq!(speakable("视频 · https://example.org/a"), "视频");
        assert_eq!(
            speakable("See www.gutenberg.org for more."),
            "See for more."
        );
        assert_eq!(speakable("https://example.org/a"), "");
        assert_eq!(speakable("████"), "");
    }

    #[test]
    fn a_sentence_end_after_another_is_dropped() {
        assert_eq!(
            speakable("要退出乐龄吗？。 按 1 退出"),
            "要退出乐龄吗？ 按 1 退出"
        );
        assert_eq!(speakable("Quit Leling?. Press 1"), "Quit Leling? Press 1");
        assert_eq!(speakable("好。。"), "好。");
        // An ellipsis and a decimal point stay as they are.
        assert_eq!(speakable("Wait... 3.5 km"), "Wait... 3.5 km");
    }

    #[test]
    fn nothing_worth_saying_is_empty() {
        assert_eq!(speakable(""), "");
        assert_eq!(speakable("  。 "), "");
    }
}
