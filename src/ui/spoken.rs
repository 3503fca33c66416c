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
    let mut said = String::new();
    for line in text.lines() {
        if line.chars().any(is_drawing) {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let kept: Vec<&str> = words.iter().map(|w| without_address(w)).collect();
        let mut kept = kept.join(" ");
        if kept.len() < words.join(" ").len() {
            // A separator that stood before the address ("视频 · https://…") goes with it.
            kept = kept
                .trim_end_matches(|c: char| c.is_whitespace() || "·-—".contains(c))
                .to_owned();
        }
        for word in kept.split_whitespace() {
            append(&mut said, word);
        }
    }
    if said.chars().all(|c| !c.is_alphanumeric()) {
        return String::new();
    }
    said
}

/// Adds a word after a space, leaving out a full stop that follows another sentence end.
fn append(said: &mut String, word: &str) {
    let mut word = word;
    if let Some(last) = said.chars().last()
        && ends_sentence(last)
    {
        word = word.trim_start_matches(['。', '.']);
        if word.is_empty() {
            return;
        }
    }
    if !said.is_empty() {
        said.push(' ');
    }
    said.push_str(word);
    // Within the word too: "吗？。" as one token.
    while let Some(doubled) = doubled_end(said) {
        said.remove(doubled);
    }
}

/// The byte index of a full stop right after another sentence end, if any.
fn doubled_end(text: &str) -> Option<usize> {
    let mut previous: Option<char> = None;
    for (index, c) in text.char_indices() {
        // "..." is an ellipsis, not three sentence ends.
        if matches!(c, '。' | '.') && previous.is_some_and(|p| ends_sentence(p) && p != '.') {
            return Some(index);
        }
        previous = Some(c);
    }
    None
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
