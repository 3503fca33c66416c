//! `leling quiz`: a centre's own quizzes brought in from a spreadsheet, and the quizzes this
//! kiosk offers.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::catalog;
use crate::config::Paths;
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::own_quizzes::{keep_own_quiz, read_quiz_file, title_from_file};
use leling_cli::{Exit, errln, outln, printable};

#[derive(Debug, Subcommand)]
pub enum QuizCommand {
    /// Add a quiz from a CSV or XLSX file: a row per question with the question, 2 to 4
    /// choices, the right answer and why
    Import {
        file: PathBuf,
        /// The quiz's name as learners see it (default: the file's name)
        #[arg(long)]
        title: Option<String>,
        /// List the problems only; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Add the questions without problems even when other rows have problems
        #[arg(long)]
        skip_invalid: bool,
    },
    /// The quizzes learners can take on this kiosk
    List,
}

fn refuse(message: String) -> Exit {
    errln!("{message}");
    Exit(1)
}

pub fn run(paths: &Paths, command: QuizCommand, lang: Lang) -> Result<(), Exit> {
    match command {
        QuizCommand::Import {
            file,
            title,
            dry_run,
            skip_invalid,
        } => import(paths, &file, title, dry_run, skip_invalid, lang),
        QuizCommand::List => {
            let dirs = [catalog::bundled_dir(), paths.data_dir.clone()];
            for set in catalog::usable_quizzes(&dirs) {
                let args = [
                    ("quiz", printable(set.quiz.title.get(lang)).into()),
                    ("total", set.question.len().into()),
                ];
                outln!("{}  {}", set.id(), t_with(lang, "quiz-item", &args));
            }
            Ok(())
        }
    }
}

/// Reads the sheet, lists every problem by its row, and adds the quiz only when every row is
/// clean (or, with `--skip-invalid`, its clean rows).
fn import(
    paths: &Paths,
    file: &Path,
    title: Option<String>,
    dry_run: bool,
    skip_invalid: bool,
    lang: Lang,
) -> Result<(), Exit> {
    let sheet = read_quiz_file(file, lang).map_err(refuse)?;
    for problem in &sheet.problems {
        outln!("{}", printable(&problem.describe(lang)));
    }
    let args = [
        ("clean", sheet.questions.len().into()),
        ("problems", sheet.problems.len().into()),
    ];
    let summary = t_with(lang, "quiz-import-summary", &args);
    if dry_run {
        outln!("{summary} {}", t(lang, "import-dry-run"));
        return if sheet.problems.is_empty() {
            Ok(())
        } else {
            Err(Exit(1))
        };
    }
    if !sheet.problems.is_empty() && !skip_invalid {
        return Err(refuse(format!(
            "{summary} {}",
            t(lang, "quiz-import-refused")
        )));
    }
    // A title from the command line is shown and said like a file's name: on one line.
    let title = title.map_or_else(
        || title_from_file(file),
        |title| leling_core::shown::on_one_line(title.trim()),
    );
    if title.trim().is_empty() {
        return Err(refuse(t(lang, "quiz-import-no-title")));
    }
    let Some(set) = sheet.into_set(&title) else {
        return Err(refuse(format!(
            "{summary} {}",
            t(lang, "quiz-import-nothing")
        )));
    };
    let kept = keep_own_quiz(&paths.data_dir, &set, lang).map_err(refuse)?;
    let args = [
        ("quiz", printable(&title).into()),
        ("count", set.question.len().into()),
        ("file", kept.display().to_string().into()),
    ];
    outln!("{}", t_with(lang, "quiz-import-done", &args));
    Ok(())
}
