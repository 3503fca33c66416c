//! A centre's own quiz, read from a spreadsheet (XLSX, or CSV as Excel or WPS saves it) with a
//! row per question: the question, two to four choices, the right one and why. Read as a roster
//! is (the same file formats, a header row in Chinese or English found under title lines, and
//! each row's problems under the number the spreadsheet shows), so that staff meet one way of
//! bringing in a file.

use fluent_bundle::FluentValue;

use crate::roster::RosterError;
use crate::roster::sheet::{self, Cell, Row};
use leling_catalog::content::{CHOICES, QuizInfo, QuizQuestion, QuizSet, Spanned, Text};
use leling_core::model::Lang;
use leling_i18n::{t, t_with};
use leling_report::cells::looks_like_formula;

/// How far down the sheet the header row is looked for, as for a roster.
const HEADER_SEARCH_ROWS: usize = 10;

/// The most questions one sheet gives: a quiz is heard a question at a time.
pub const MAX_QUESTIONS: usize = 200;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Question,
    /// The choice of that number, from 0.
    Choice(usize),
    Answer,
    Explanation,
    Source,
}

/// The column a header names. Case, spaces, `_`, `-`, `*` and the brackets of `选项（A）` do
/// not matter; choices are lettered A–D or numbered 1–4.
fn column(header: &str) -> Option<Column> {
    let name: String = header
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-'
                        | '*'
                        | '＊'
                        | '\u{feff}'
                        | '('
                        | ')'
                        | '（'
                        | '）'
                        | '.'
                        | ':'
                        | '：'
                )
        })
        .collect::<String>()
        .to_lowercase();
    let choice = |rest: &str| match rest {
        "a" | "1" | "一" => Some(0),
        "b" | "2" | "二" => Some(1),
        "c" | "3" | "三" => Some(2),
        "d" | "4" | "四" => Some(3),
        _ => None,
    };
    for prefix in ["选项", "答案选项", "option", "choice", "answer"] {
        if let Some(number) = name.strip_prefix(prefix).and_then(choice) {
            return Some(Column::Choice(number));
        }
    }
    if let Some(number) = choice(&name).filter(|_| name.chars().all(|c| c.is_ascii_alphabetic())) {
        return Some(Column::Choice(number));
    }
    Some(match name.as_str() {
        "题目" | "问题" | "题干" | "试题" | "question" => Column::Question,
        "答案" | "正确答案" | "正确选项" | "answer" | "correct" | "correctanswer"
        | "rightanswer" => Column::Answer,
        "解释" | "解析" | "说明" | "答案解析" | "答案说明" | "explanation" | "why" => {
            Column::Explanation
        }
        "来源" | "出处" | "依据" | "source" => Column::Source,
        _ => return None,
    })
}

/// What is wrong with one question row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizProblem {
    MissingQuestion,
    /// Fewer than two choices filled in.
    TooFewChoices,
    /// An empty choice before a filled one (B empty, C filled).
    ChoiceMissing,
    MissingAnswer,
    /// The answer names no choice of the row (as written).
    AnswerNotAChoice {
        value: String,
    },
    /// The answer is a choice's number and another choice's words.
    AnswerAmbiguous {
        value: String,
    },
    MissingExplanation,
    /// A cell written as a spreadsheet formula.
    Formula {
        value: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRowProblem {
    pub row: usize,
    pub problem: QuizProblem,
}

/// Why a file could not be read as a quiz at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizSheetError {
    /// Not a spreadsheet that can be read, as for a roster.
    File(RosterError),
    /// No header row naming a question column and an answer column.
    NoQuestionColumns,
    TooManyQuestions,
}

/// A quiz read from a sheet: the questions without problems, and the problems of the others.
#[derive(Debug, Clone)]
pub struct QuizSheet {
    pub questions: Vec<QuizQuestion>,
    pub problems: Vec<QuizRowProblem>,
}

/// Reads the quiz in `bytes`; `file_name` tells formats apart. Never panics, whatever the
/// bytes.
pub fn read_quiz_sheet(bytes: &[u8], file_name: &str) -> Result<QuizSheet, QuizSheetError> {
    if bytes.len() as u64 > crate::roster::MAX_ROSTER_BYTES {
        return Err(QuizSheetError::File(RosterError::FileTooLarge));
    }
    let rows: Vec<Row> = sheet::read_rows(bytes, file_name)
        .map_err(QuizSheetError::File)?
        .into_iter()
        .filter(|row| row.cells.iter().any(|cell| !cell.text().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(QuizSheetError::File(RosterError::Empty));
    }
    let (header_at, columns) = (rows.iter().take(HEADER_SEARCH_ROWS).enumerate())
        .find_map(|(at, row)| Some((at, columns_of(&row.cells)?)))
        .ok_or(QuizSheetError::NoQuestionColumns)?;
    let body = &rows[header_at + 1..];
    if body.len() > MAX_QUESTIONS {
        return Err(QuizSheetError::TooManyQuestions);
    }
    let mut sheet = QuizSheet {
        questions: Vec::new(),
        problems: Vec::new(),
    };
    for row in body {
        match question(&columns, row) {
            Ok(question) => sheet.questions.push(question),
            Err(problems) => {
                sheet
                    .problems
                    .extend((problems.into_iter()).map(|problem| QuizRowProblem {
                        row: row.number,
                        problem,
                    }))
            }
        }
    }
    Ok(sheet)
}

/// Each known column's place in a header row; `None` unless it names a question column and
/// an answer column (a title line above the header names neither).
fn columns_of(header: &[Cell]) -> Option<Vec<(Column, usize)>> {
    let mut found: Vec<(Column, usize)> = Vec::new();
    for (index, cell) in header.iter().enumerate() {
        if let Some(known) = column(&cell.text())
            && !found.iter().any(|(seen, _)| *seen == known)
        {
            found.push((known, index));
        }
    }
    let has = |wanted: Column| found.iter().any(|(column, _)| *column == wanted);
    (has(Column::Question) && has(Column::Answer)).then_some(found)
}

/// One question row, or what is wrong with it.
fn question(columns: &[(Column, usize)], row: &Row) -> Result<QuizQuestion, Vec<QuizProblem>> {
    let written = |wanted: Column| {
        (columns.iter().find(|(column, _)| *column == wanted))
            .and_then(|(_, index)| row.cells.get(*index))
            // Shown on a terminal and said aloud: nothing that could act on the terminal.
            .map(|cell| leling_core::shown::on_one_line(crate::unguarded(&cell.text())))
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    let asked = written(Column::Question);
    let mut choices: Vec<String> = (0..*CHOICES.end())
        .map(|n| written(Column::Choice(n)))
        .collect();
    // A choice keeps its letter: an empty cell before a filled one would move the answer.
    let filled = choices
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |at| at + 1);
    choices.truncate(filled);
    if choices.iter().any(String::is_empty) {
        problems.push(QuizProblem::ChoiceMissing);
    }
    let answer_written = written(Column::Answer);
    let explanation = written(Column::Explanation);
    let source = written(Column::Source);
    for text in std::iter::once(&asked)
        .chain(&choices)
        .chain([&answer_written, &explanation])
    {
        if looks_like_formula(text) {
            problems.push(QuizProblem::Formula {
                value: text.clone(),
            });
        }
    }
    if asked.is_empty() {
        problems.push(QuizProblem::MissingQuestion);
    }
    if choices.len() < *CHOICES.start() {
        problems.push(QuizProblem::TooFewChoices);
    }
    let answer = if answer_written.is_empty() {
        problems.push(QuizProblem::MissingAnswer);
        None
    } else {
        match answer_number(&answer_written, &choices) {
            Answer::Choice(number) => Some(number),
            Answer::NoChoice if choices.len() >= *CHOICES.start() => {
                problems.push(QuizProblem::AnswerNotAChoice {
                    value: answer_written,
                });
                None
            }
            Answer::NoChoice => None,
            Answer::Ambiguous => {
                problems.push(QuizProblem::AnswerAmbiguous {
                    value: answer_written,
                });
                None
            }
        }
    };
    if explanation.is_empty() {
        problems.push(QuizProblem::MissingExplanation);
    }
    match answer {
        Some(answer) if problems.is_empty() => Ok(QuizQuestion {
            question: same_in_both(&asked),
            choices: spanned(choices.iter().map(|c| same_in_both(c)).collect()),
            answer: spanned(answer),
            explanation: same_in_both(&explanation),
            source: (!source.is_empty()).then(|| spanned(source)),
        }),
        _ => Err(problems),
    }
}

/// What the answer cell names.
enum Answer {
    /// The choice of this number, from 1.
    Choice(usize),
    NoChoice,
    /// A number that is also the words of another choice (`2` among choices `1`, `2`, `3` is
    /// the second either way; `3` among `2`, `3`, `5` is not): staff must say which.
    Ambiguous,
}

/// The right choice as staff write it: its letter (`B`, `b`, `Ｂ`), its number (`2`, `２`) or
/// its words.
fn answer_number(written: &str, choices: &[String]) -> Answer {
    let folded: String = written
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    let number = match folded.as_str() {
        "a" | "1" => Some(1),
        "b" | "2" => Some(2),
        "c" | "3" => Some(3),
        "d" | "4" => Some(4),
        _ => None,
    };
    let by_number = number.filter(|n| *n <= choices.len());
    let by_words = (choices.iter().position(|c| c.trim() == written.trim())).map(|at| at + 1);
    match (by_number, by_words) {
        (Some(number), Some(words)) if number != words => Answer::Ambiguous,
        (Some(number), _) | (None, Some(number)) => Answer::Choice(number),
        (None, None) => Answer::NoChoice,
    }
}

/// A centre writes its quiz in one language; it is shown and said as written in either.
fn same_in_both(text: &str) -> Text {
    Text {
        zh: spanned(text.to_string()),
        en: spanned(text.to_string()),
    }
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

impl QuizSheet {
    /// The questions as a quiz set named `title`, passed with 60% right (rounded up), as the
    /// bundled sets are; `None` when no question could be read.
    pub fn into_set(self, title: &str) -> Option<QuizSet> {
        if self.questions.is_empty() {
            return None;
        }
        let count = self.questions.len();
        Some(QuizSet {
            quiz: QuizInfo {
                id: spanned(own_quiz_id(title)),
                title: same_in_both(title),
                description: same_in_both(title),
                topic: spanned("lifelong-learning".to_string()),
                pass_mark: spanned((count * 6).div_ceil(10).max(1)),
            },
            question: self.questions,
        })
    }
}

/// The id of a centre's own quiz: from its title, the same each time it is imported (so a new
/// import of a mended sheet replaces the old), never one of the bundled sets' (`own-`).
pub fn own_quiz_id(title: &str) -> String {
    // FNV-1a: stable across builds and machines, unlike the standard library's hasher.
    let hash = (title.trim().bytes()).fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("own-{hash:016x}")
}

impl QuizSheetError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            QuizSheetError::File(error) => error.describe(lang),
            QuizSheetError::NoQuestionColumns => t(lang, "quiz-sheet-no-columns"),
            QuizSheetError::TooManyQuestions => t_with(
                lang,
                "quiz-sheet-too-many",
                &[("max", MAX_QUESTIONS.into())],
            ),
        }
    }
}

impl QuizRowProblem {
    /// "第 5 行：没有写正确答案".
    pub fn describe(&self, lang: Lang) -> String {
        let value = |text: &str| -> FluentValue<'static> { text.to_string().into() };
        let problem = match &self.problem {
            QuizProblem::MissingQuestion => t(lang, "quiz-problem-missing-question"),
            QuizProblem::TooFewChoices => t(lang, "quiz-problem-too-few-choices"),
            QuizProblem::ChoiceMissing => t(lang, "quiz-problem-choice-missing"),
            QuizProblem::AnswerAmbiguous { value: written } => t_with(
                lang,
                "quiz-problem-answer-ambiguous",
                &[("value", value(written))],
            ),
            QuizProblem::MissingAnswer => t(lang, "quiz-problem-missing-answer"),
            QuizProblem::AnswerNotAChoice { value: written } => t_with(
                lang,
                "quiz-problem-answer-not-a-choice",
                &[("value", value(written))],
            ),
            QuizProblem::MissingExplanation => t(lang, "quiz-problem-missing-explanation"),
            QuizProblem::Formula { value: written } => {
                t_with(lang, "quiz-problem-formula", &[("value", value(written))])
            }
        };
        let args = [("row", self.row.into()), ("problem", problem.into())];
        t_with(lang, "roster-row-problem", &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_the_columns_in_either_language() {
        assert_eq!(column("题目"), Some(Column::Question));
        assert_eq!(column("选项A"), Some(Column::Choice(0)));
        assert_eq!(column("选项（B）"), Some(Column::Choice(1)));
        assert_eq!(column("Choice 3"), Some(Column::Choice(2)));
        assert_eq!(column("D"), Some(Column::Choice(3)));
        assert_eq!(column("正确答案"), Some(Column::Answer));
        assert_eq!(column("Correct answer"), Some(Column::Answer));
        assert_eq!(column("答案解析"), Some(Column::Explanation));
        assert_eq!(column("出处"), Some(Column::Source));
        assert_eq!(column("备注"), None);
    }

    #[test]
    fn a_sheet_with_a_title_line_reads_its_good_rows_and_names_the_bad_ones() {
        let csv = "社区健康知识问答,,,,,\n\
                   题目,选项A,选项B,选项C,答案,解析\n\
                   每天吃盐不超过几克？,5克,10克,15克,A,膳食指南建议每天不超过5克。\n\
                   ,是,否,,B,没有题目\n\
                   只有一个选项的题？,是,,,A,说明\n\
                   答案不在选项里？,甲,乙,,C,说明\n\
                   没有解释？,对,错,,对,\n\
                   用文字写答案？,早上,晚上,,晚上,按文字找到选项。\n\
                   空了一个选项？,甲,,丙,C,说明\n\
                   数字答案？,2,3,5,3,说明\n";
        let sheet = read_quiz_sheet(csv.as_bytes(), "quiz.csv").unwrap();
        assert_eq!(sheet.questions.len(), 2);
        assert_eq!(*sheet.questions[0].answer.get_ref(), 1);
        assert_eq!(*sheet.questions[1].answer.get_ref(), 2);
        let rows: Vec<(usize, &QuizProblem)> = (sheet.problems.iter())
            .map(|p| (p.row, &p.problem))
            .collect();
        assert_eq!(
            rows,
            [
                (4, &QuizProblem::MissingQuestion),
                (5, &QuizProblem::TooFewChoices),
                (6, &QuizProblem::AnswerNotAChoice { value: "C".into() }),
                (7, &QuizProblem::MissingExplanation),
                (9, &QuizProblem::ChoiceMissing),
                (10, &QuizProblem::AnswerAmbiguous { value: "3".into() }),
            ]
        );
        assert_eq!(
            sheet.problems[2].describe(Lang::Zh),
            "第 6 行：正确答案 C 不是这道题的选项"
        );
        let set = sheet.into_set("社区健康知识问答").unwrap();
        assert!(set.is_usable());
        assert_eq!(*set.quiz.pass_mark.get_ref(), 2);
        assert_eq!(set.id(), own_quiz_id("社区健康知识问答"));
    }

    #[test]
    fn a_sheet_without_question_and_answer_columns_is_no_quiz() {
        let csv = "姓名,电话\n王芳,13800000000\n";
        assert_eq!(
            read_quiz_sheet(csv.as_bytes(), "x.csv").unwrap_err(),
            QuizSheetError::NoQuestionColumns
        );
    }
}
