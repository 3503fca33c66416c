//! The same keys everywhere: one table from key presses to what they mean.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    Quit,
    /// A digit typed into a PIN field.
    Digit(char),
    Erase,
    Nothing,
}

/// What a key means. `typing` is true on screens with a text field, where digits are text and
/// Backspace erases instead of going back.
pub fn action_for(key: KeyEvent, typing: bool) -> Action {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') | KeyCode::Char('q') => Action::Quit,
            _ => Action::Nothing,
        };
    }
    match key.code {
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::First,
        KeyCode::End => Action::Last,
        KeyCode::Left => Action::Previous,
        KeyCode::Right => Action::Next,
        KeyCode::Enter => Action::Open,
        KeyCode::Esc => Action::Back,
        KeyCode::Backspace if typing => Action::Erase,
        KeyCode::Backspace => Action::Back,
        KeyCode::F(1) => Action::Help,
        KeyCode::Char(c) if typing && c.is_ascii_digit() => Action::Digit(c),
        KeyCode::Char(c @ '1'..='9') => Action::Pick(c as usize - '1' as usize),
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('r' | 'R') => Action::Repeat,
        KeyCode::Char('l' | 'L') => Action::SwitchLanguage,
        KeyCode::Char('q' | 'Q') => Action::Quit,
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
        assert_eq!(action_for(key(KeyCode::Char('3')), false), Action::Pick(2));
        assert_eq!(
            action_for(key(KeyCode::Char('3')), true),
            Action::Digit('3')
        );
        assert_eq!(action_for(key(KeyCode::Backspace), false), Action::Back);
        assert_eq!(action_for(key(KeyCode::Backspace), true), Action::Erase);
    }
}
