//! A centre's own quizzes: a spreadsheet of questions read no further than a quiz can be, and
//! the quiz it makes kept in the data directory's `quizzes` folder, beside the bundled sets in
//! the same file format (so `leling content check DATA_DIR` checks them too).

use std::path::{Path, PathBuf};

use crate::catalog::QuizSet;
use crate::club::quiz_sheet::{QuizSheet, read_quiz_sheet};
use crate::i18n::t_with;
use crate::model::Lang;

/// Reads the quiz spreadsheet `file`; the error is said in `lang`.
pub fn read_quiz_file(file: &Path, lang: Lang) -> Result<QuizSheet, String> {
    let bytes = crate::staff_files::read_sheet_file(file, lang)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    read_quiz_sheet(&bytes, &name).map_err(|e| e.describe(lang))
}

/// The title a quiz gets when none is given: its file's name without the extension.
pub fn title_from_file(file: &Path) -> String {
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    leling_core::shown::on_one_line(&stem)
}

/// Keeps `set` in the data directory (replacing an earlier import of the same title), written
/// whole or not at all. Returns the file written; the error is said in `lang`.
pub fn keep_own_quiz(data_dir: &Path, set: &QuizSet, lang: Lang) -> Result<PathBuf, String> {
    let folder = crate::catalog::quizzes_folder(data_dir);
    let path = folder.join(format!("{}.toml", set.id()));
    let failed = |detail: String| {
        let args = [
            ("file", path.display().to_string().into()),
            ("detail", detail.into()),
        ];
        t_with(lang, "file-write-failed", &args)
    };
    let text = set.to_toml().map_err(|e| failed(e.to_string()))?;
    std::fs::create_dir_all(&folder)
        .and_then(|()| crate::club::report_files::write_atomically(&path, text.as_bytes()))
        .map_err(|e| failed(crate::i18n::io_reason(&e, lang)))?;
    Ok(path)
}
