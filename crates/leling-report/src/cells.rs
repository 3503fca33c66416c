//! Text put into a spreadsheet's cells.

/// Text a spreadsheet would run as a formula (or a command) when it starts a cell.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text for a CSV cell that a spreadsheet shows as written: a cell starting like a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return: `+cmd|' /C calc'!A0` runs a program in
/// some spreadsheets) gets a leading apostrophe, so opening the file never runs it. A phone
/// written `+86 …` shows with the apostrophe: the price of never running a cell.
pub fn spreadsheet_text(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}
