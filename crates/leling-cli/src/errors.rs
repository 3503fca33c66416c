//! The command line's own mistakes (an unknown option, a bad value, a missing argument) said
//! in the person's language: clap's messages are English, and a volunteer typing
//! `leling --lang zh session start` reads Chinese everywhere else.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use leling_core::model::Lang;
use leling_i18n::t_with;

/// Prints what was wrong with the command line of `program` (`leling`, `leling-hub`) and
/// returns clap's exit code (2); help and version requests are printed as clap writes them,
/// with success.
pub fn report(error: clap::Error, program: &str) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return if error.use_stderr() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let lang = requested_lang();
    errln!("{}", message(&error, program, lang));
    ExitCode::from(2)
}

/// The language asked for with `--lang` (the arguments did not parse, so they are read
/// here by hand), else the system's.
fn requested_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let named = args.iter().enumerate().find_map(|(n, arg)| {
        arg.strip_prefix("--lang=").map(str::to_owned).or_else(|| {
            (arg == "--lang")
                .then(|| args.get(n + 1).cloned())
                .flatten()
        })
    });
    match named.as_deref() {
        Some(code) if code.starts_with("zh") => Lang::Zh,
        Some(code) if code.starts_with("en") => Lang::En,
        _ => Lang::from_system(),
    }
}

fn context(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn message(error: &clap::Error, program: &str, lang: Lang) -> String {
    let arg = context(error, ContextKind::InvalidArg);
    let value = context(error, ContextKind::InvalidValue);
    let valid = context(error, ContextKind::ValidValue);
    let program = || ("program", program.to_owned().into());
    match error.kind() {
        ErrorKind::UnknownArgument => t_with(
            lang,
            "cli-unknown-argument",
            &[("arg", arg.into()), program()],
        ),
        ErrorKind::InvalidSubcommand => {
            let command = context(error, ContextKind::InvalidSubcommand);
            t_with(
                lang,
                "cli-unknown-command",
                &[("command", command.into()), program()],
            )
        }
        ErrorKind::InvalidValue if !valid.is_empty() => t_with(
            lang,
            "cli-invalid-choice",
            &[
                ("arg", arg.into()),
                ("value", value.into()),
                ("valid", valid.into()),
            ],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => t_with(
            lang,
            "cli-invalid-value",
            &[("arg", arg.into()), ("value", value.into())],
        ),
        ErrorKind::MissingRequiredArgument | ErrorKind::WrongNumberOfValues => {
            t_with(lang, "cli-missing-argument", &[("arg", arg.into())])
        }
        ErrorKind::MissingSubcommand => t_with(lang, "cli-missing-command", &[program()]),
        _ => t_with(lang, "cli-mistake", &[program()]),
    }
}
