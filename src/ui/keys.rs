//! The same keys everywhere: one table from key presses to what they mean.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::view::Entry;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Previous,
    Next,
    Open,
    Back,
    /// A number key: choice 1 is index 0.
    Pick(usize),
    Help,
    Repeat,
    SwitchLanguage,
    ZoomIn,
    ZoomOut,
    Quit,
    /// A character typed into a text field (digits only, in a PIN or percent field).
    Type(char),
    Erase,
    Nothing,
}

/// What a key means. On screens with a text field, characters are text and Backspace erases
/// instead of going back.
pub fn action_for(key: KeyEvent, entry: Entry) -> Action {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') | KeyCode::Char('q') => Action::Quit,
            _ => Action::Nothing,
        };
    }
    match (key.code, entry) {
        (KeyCode::Up, _) => Action::Up,
        (KeyCode::Down, _) => Action::Down,
        (KeyCode::PageUp, _) => Action::PageUp,
        (KeyCode::PageDown, _) => Action::PageDown,
        (KeyCode::Home, _) => Action::First,
        (KeyCode::End, _) => Action::Last,
        (KeyCode::Left, _) => Action::Previous,
        (KeyCode::Right, _) => Action::Next,
        (KeyCode::Enter, _) => Action::Open,
        (KeyCode::Esc, _) => Action::Back,
        (KeyCode::Backspace, Entry::None) => Action::Back,
        (KeyCode::Backspace, _) => Action::Erase,
        (KeyCode::F(1), _) => Action::Help,
        (KeyCode::Char(c), Entry::Text) => Action::Type(c),
        (KeyCode::Char(c), Entry::Digits) if c.is_ascii_digit() => Action::Type(c),
        (KeyCode::Char(c @ '1'..='9'), Entry::None) => Action::Pick(c as usize - '1' as usize),
        (KeyCode::Char('?'), _) => Action::Help,
        (KeyCode::Char('+' | '='), _) => Action::ZoomIn,
        (KeyCode::Char('-'), _) => Action::ZoomOut,
        (KeyCode::Char('r' | 'R'), _) => Action::Repeat,
        (KeyCode::Char('l' | 'L'), _) => Action::SwitchLanguage,
        (KeyCode::Char('q' | 'Q'), _) => Action::Quit,
        _ => Action::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn digits_pick_choices_except_while_typing() {
        assert_eq!(
            action_for(key(KeyCode::Char('3')), Entry::None),
            Action::Pick(2)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('3')), Entry::Digits),
            Action::Type('3')
        );
        assert_eq!(
            action_for(key(KeyCode::Char('x')), Entry::Text),
            Action::Type('x')
        );
        assert_eq!(
            action_for(key(KeyCode::Backspace), Entry::None),
            Action::Back
        );
        assert_eq!(
            action_for(key(KeyCode::Backspace), Entry::Digits),
            Action::Erase
        );
    }
}
