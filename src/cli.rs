//! The command line: global options, subcommands, and starting the application.

use leling_cli::{Exit, printable, read_pin};
use leling_i18n::Tell;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use clap::{Args, Parser, Subcommand};

use crate::cli_catalog::CatalogCommand;
use crate::config::{self, Paths, SpeechChoice, ThemeName};
use crate::i18n::{t, t_with};
use crate::model::Lang;
use crate::speech::{SpeechLog, Voice};
use crate::store::Store;
use crate::ui::{self, AppEvent, AppSetup, ColorMode, Overrides};
use crate::{admin, catalog, cli_catalog, cli_club, cli_sync, doctor, document, library};

#[derive(Debug, Parser)]
#[command(
    name = "leling",
    version,
    about = "Leling (乐龄): large-text reading, reading aloud and learning records for older learners"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalOptions {
    /// Interface language: zh or en (default: the system locale)
    #[arg(long, global = true, value_parser = leling_cli::lang_parser())]
    pub lang: Option<Lang>,
    /// Where the database and library live (default: the XDG data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The settings file (default: the XDG config directory's leling/config.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Colour theme: yellow-on-black, white-on-black or black-on-cream
    #[arg(long, global = true, value_name = "NAME", value_enum)]
    pub theme: Option<ThemeName>,
    /// Speech backend
    #[arg(long, global = true, value_parser = speech_parser())]
    pub speech: Option<SpeechChoice>,
    /// Append every utterance to FILE (time, language, kind, text), with any backend
    #[arg(long, global = true, value_name = "FILE")]
    pub speech_log: Option<PathBuf>,
    /// Kiosk mode: quitting and Settings need the administrator PIN
    #[arg(long, global = true)]
    pub kiosk: bool,
}

/// `--speech` takes one of the backends' codes, so a mistyped one is told with the choices.
fn speech_parser() -> impl clap::builder::TypedValueParser<Value = SpeechChoice> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(SpeechChoice::ALL.map(SpeechChoice::code)).map(|code| {
        SpeechChoice::ALL
            .into_iter()
            .find(|choice| choice.code() == code)
            .unwrap_or_default()
    })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a book file in the reader (plain text, Markdown, HTML or EPUB)
    Read {
        /// The book to open
        file: PathBuf,
    },
    /// Add book files to this kiosk's library ("Books → On this kiosk")
    Add {
        /// The books to add
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check the terminal, speech, settings and database, and say what was found
    Doctor,
    /// Search the recommended lists, lectures, guides and this kiosk's library
    Search {
        /// Chinese characters (either script), pinyin in full or by initials, or English
        query: String,
        /// Print the results as JSON
        #[arg(long)]
        json: bool,
    },
    /// Remote catalogs (OPDS, RSS, Atom, JSON Feed, CSV, XLSX), kept for offline use
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Recommended lists, lecture catalogs and guides
    Content {
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// The centre's name and district
    Centre {
        #[command(subcommand)]
        command: cli_club::CentreCommand,
    },
    /// Reading clubs
    Club {
        #[command(subcommand)]
        command: cli_club::ClubCommand,
    },
    /// Members of the centre's reading clubs
    Member {
        #[command(subcommand)]
        command: cli_club::MemberCommand,
    },
    /// Reading-club sessions and check-in
    Session {
        #[command(subcommand)]
        command: cli_club::SessionCommand,
    },
    /// The activity report centres submit (activities, person-times, …), as CSV, XLSX or Markdown
    Report(cli_club::ReportArgs),
    /// Quizzes: add a centre's own from a spreadsheet, list those on this kiosk
    Quiz {
        #[command(subcommand)]
        command: crate::cli_quiz::QuizCommand,
    },
    /// A member's printable learning record (plain text, or HTML when FILE ends in .html)
    Record {
        /// The member's card number
        card: String,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Send this kiosk's changes to the hub and receive the others' (the hub and token are
    /// remembered; the token in a file only its owner can read)
    Sync {
        /// The hub's address, e.g. https://hub.example.org
        #[arg(long)]
        hub: Option<String>,
        /// This kiosk's device token, as `leling-hub device add` printed it
        #[arg(long)]
        token: Option<String>,
    },
    /// This kiosk's library: bring the recommended books onto it for reading offline
    Library {
        #[command(subcommand)]
        command: crate::cli_library::LibraryCommand,
    },
    /// The neural voice: which voices are here, and installing it
    Voice {
        #[command(subcommand)]
        command: crate::cli_voice::VoiceCommand,
    },
    /// Write speech to a WAV file (the language is --lang, else the text's own script)
    Say(crate::cli_voice::SayArgs),
    /// Administrator tasks
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// The sync hub moved to its own program, `leling-hub`: this only says so
    #[command(hide = true)]
    Hub {
        /// What was asked of the hub (now `leling-hub …`)
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Check content files; prints file:line:column: field: problem for each problem found
    Check {
        /// The content folder (default: the content bundled with Leling)
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Set or change the administrator PIN that guards a kiosk
    SetPin,
}

pub fn run() -> ExitCode {
    leling_cli::private::keep_new_files_private();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return leling_cli::report(error, "leling"),
    };
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Exit(code)) => ExitCode::from(code),
    }
}

fn dispatch(cli: Cli) -> Result<(), Exit> {
    let g = &cli.global;
    let paths = Paths::resolve(g.data_dir.clone(), g.config.clone()).map_err(|_| {
        errln!(
            "{}",
            t(g.lang.unwrap_or_else(Lang::from_system), "error-no-home")
        );
        Exit(1)
    })?;
    leling_cli::private::make_private(Some(&paths.data_dir), &paths.database());
    let loaded = config::load(&paths.config_file);
    let lang = g
        .lang
        .or(loaded.settings.language)
        .unwrap_or_else(Lang::from_system);
    match cli.command {
        None => start_app(&cli.global, &paths, loaded, lang, None),
        Some(Command::Read { file }) => start_app(&cli.global, &paths, loaded, lang, Some(&file)),
        Some(Command::Add { files }) => library::add_books(&paths, &files, lang),
        Some(Command::Library { command }) => {
            crate::cli_library::library(&paths, command, &loaded, lang)
        }
        Some(Command::Search { query, json }) => search_everything(&paths, &query, json, lang),
        Some(Command::Catalog { command }) => cli_catalog::catalog(&paths, command, lang),
        Some(Command::Content {
            command: ContentCommand::Check { dir },
        }) => check_content(dir, lang),
        Some(Command::Centre { command }) => cli_club::centre(&paths, command, lang),
        Some(Command::Club { command }) => cli_club::club(&paths, command, lang),
        Some(Command::Member { command }) => cli_club::member(&paths, command, lang),
        Some(Command::Session { command }) => cli_club::session(&paths, command, lang),
        Some(Command::Report(args)) => cli_club::report(&paths, args, lang),
        Some(Command::Quiz { command }) => crate::cli_quiz::run(&paths, command, lang),
        Some(Command::Record { card, output }) => {
            cli_club::record(&paths, &card, output.as_deref(), lang)
        }
        Some(Command::Sync { hub, token }) => {
            cli_sync::run(&paths, hub.as_deref(), token.as_deref(), lang)
        }
        Some(Command::Doctor) => doctor::run(g.speech, &paths, &loaded, lang),
        Some(Command::Hub { args }) => {
            // The hub became its own program; for one release this says where the command went.
            let lang_asked = g.lang.map(|lang| format!("--lang {}", lang.code()));
            let asked = std::iter::once("leling-hub".to_owned())
                .chain(lang_asked)
                .chain(args.iter().map(|arg| printable(arg)))
                .collect::<Vec<_>>()
                .join(" ");
            errln!(
                "{}",
                t_with(lang, "hub-moved", &[("command", asked.into())])
            );
            Err(Exit(2))
        }
        Some(Command::Voice { command }) => crate::cli_voice::voice(&paths.data_dir, command, lang),
        Some(Command::Say(args)) => crate::cli_voice::say(
            crate::cli_voice::SayRequest {
                args,
                lang: g.lang,
                speech: g.speech.unwrap_or(loaded.settings.speech),
                rate: loaded.settings.speech_rate,
                data_dir: &paths.data_dir,
            },
            lang,
        ),
        Some(Command::Admin {
            command: AdminCommand::SetPin,
        }) => set_pin(&paths, lang),
    }
}

fn open_store(paths: &Paths, lang: Lang) -> Result<Store, Exit> {
    Store::open(&paths.database()).map_err(|e| store_error(&e, lang))
}

fn store_error(error: &crate::store::StoreError, lang: Lang) -> Exit {
    errln!("{}", error.message(lang));
    Exit(1)
}

/// Runs `helper_job` on a thread of its own while this thread runs `own_job`, unless that
/// thread has not begun by the time `own_job` is done: this thread then runs it too. Why: a
/// new thread can wait for a CPU until the thread that started it sleeps (on two virtual CPUs,
/// 0.3 to 0.9 ms, measured), and waiting for it would make the two jobs slower than one after
/// the other.
fn beside<A: Send + 'static, B>(
    helper_job: impl FnOnce() -> A + Send + 'static,
    own_job: impl FnOnce() -> B,
) -> (A, B) {
    let job = Arc::new(Mutex::new(Some(helper_job)));
    let (done, result) = mpsc::channel();
    let helper = {
        let job = Arc::clone(&job);
        std::thread::spawn(move || {
            let taken = job.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some(job) = taken {
                let _ = done.send(job());
            }
        })
    };
    let own = own_job();
    let taken = job.lock().unwrap_or_else(PoisonError::into_inner).take();
    let helped = match taken {
        Some(job) => job(),
        // The helper took the job; it ends without sending only when the job panicked.
        None => match result.recv() {
            Ok(helped) => helped,
            Err(_) => std::panic::resume_unwind(
                helper
                    .join()
                    .expect_err("the helper sends its result unless it panics"),
            ),
        },
    };
    (helped, own)
}

fn start_app(
    g: &GlobalOptions,
    paths: &Paths,
    settings: config::LoadedSettings,
    lang: Lang,
    book: Option<&std::path::Path>,
) -> Result<(), Exit> {
    // Why: opening the database (loading its schema, opening its write-ahead log) takes ~1 ms
    // before the first page can show, so the book's first chapter is read meanwhile. A book
    // that cannot be read is read again by `open_book`, which says why.
    let (store, read_ahead) = match book {
        Some(path) => {
            let database = paths.database();
            let (store, read_ahead) = beside(
                move || Store::open(&database),
                || document::open_start(path, 0).ok(),
            );
            (store.map_err(|e| store_error(&e, lang)), read_ahead)
        }
        None => (open_store(paths, lang), None),
    };
    let store = store?;
    if g.kiosk && !admin::pin_is_set(&store).unwrap_or(false) {
        errln!("{}", t(lang, "kiosk-no-pin"));
        return Err(Exit(2));
    }
    let log = match &g.speech_log {
        Some(path) => Some(SpeechLog::open(path).map_err(|e| {
            let args = [
                ("path", path.display().to_string().into()),
                ("detail", crate::i18n::io_reason(&e, lang).into()),
            ];
            errln!("{}", t_with(lang, "error-speech-log", &args));
            Exit(1)
        })?),
        None => None,
    };
    let (events_tx, events_rx) = mpsc::channel::<AppEvent>();
    let choice = g.speech.unwrap_or(settings.settings.speech);
    let voice = Voice::start(
        choice,
        settings.settings.speech_rate,
        log,
        crate::voice::VoiceHome::resolve(&paths.data_dir),
        events_tx.clone(),
    );
    let mut app = ui::App::new(AppSetup {
        settings,
        overrides: Overrides {
            lang: g.lang,
            theme: g.theme,
            speech: g.speech,
        },
        kiosk: g.kiosk,
        color_mode: ColorMode::detect(),
        store,
        voice,
        events: events_tx.clone(),
        data_dir: paths.data_dir.clone(),
    });
    if let Some(book) = book
        && let Err(error) = app.open_book(book, read_ahead)
    {
        errln!("{}", library::explain(&error, book, lang));
        return Err(Exit(1));
    }
    // The one way this fails in practice: there is no terminal to draw on.
    ui::run(app, events_tx, events_rx).map_err(|_| {
        errln!("{}", t(lang, "error-terminal"));
        Exit(1)
    })
}

fn search_everything(paths: &Paths, query: &str, json: bool, lang: Lang) -> Result<(), Exit> {
    let store = open_store(paths, lang)?;
    let hits =
        catalog::search::search(&store, &catalog::bundled_dir(), query, lang).map_err(|e| {
            errln!("{}", e.message(lang));
            Exit(1)
        })?;
    if json {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|hit| {
                serde_json::json!({
                    "kind": hit.kind_code(),
                    "id": hit.key,
                    "title": hit.title,
                    "detail": hit.detail,
                })
            })
            .collect();
        outln!("{}", serde_json::Value::Array(rows));
    } else {
        for hit in &hits {
            outln!("{}", hit.label(lang));
        }
        errln!(
            "{}",
            t_with(lang, "find-count", &[("count", hits.len().into())])
        );
    }
    Ok(())
}

fn check_content(dir: Option<PathBuf>, lang: Lang) -> Result<(), Exit> {
    let dir = dir.unwrap_or_else(catalog::bundled_dir);
    if !dir.is_dir() {
        let args = [("dir", dir.display().to_string().into())];
        errln!("{}", t_with(lang, "content-no-dir", &args));
        return Err(Exit(2));
    }
    let report = catalog::check_dir(&dir, lang);
    for problem in &report.problems {
        outln!("{problem}");
    }
    let args = [
        ("files", report.files.into()),
        ("problems", report.problems.len().into()),
    ];
    errln!("{}", t_with(lang, "content-checked", &args));
    if report.files == 0 || !report.problems.is_empty() {
        return Err(Exit(1));
    }
    Ok(())
}

fn set_pin(paths: &Paths, lang: Lang) -> Result<(), Exit> {
    let store = open_store(paths, lang)?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let fail = |id: &str| {
        errln!("{}", t(lang, id));
        Exit(1)
    };
    if admin::pin_is_set(&store).unwrap_or(false) {
        let current = read_pin(&t(lang, "admin-pin-current"), &mut input).unwrap_or_default();
        match admin::verify_pin(&store, &current, admin::now_unix()) {
            Ok(()) => {}
            Err(admin::PinError::Wait(seconds)) => {
                errln!(
                    "{}",
                    t_with(lang, "admin-pin-wait", &[("seconds", seconds.into())])
                );
                return Err(Exit(1));
            }
            Err(admin::PinError::Store(e)) => {
                errln!("{}", e.message(lang));
                return Err(Exit(1));
            }
            Err(_) => return Err(fail("admin-pin-wrong")),
        }
    }
    let first = read_pin(&t(lang, "admin-pin-new"), &mut input).unwrap_or_default();
    if !admin::is_well_formed(&first) {
        return Err(fail("admin-pin-bad-shape"));
    }
    let second = read_pin(&t(lang, "admin-pin-again"), &mut input).unwrap_or_default();
    if first != second {
        return Err(fail("admin-pin-mismatch"));
    }
    match admin::set_pin(&store, &first) {
        Ok(()) => {
            outln!("{}", t(lang, "admin-pin-set"));
            Ok(())
        }
        Err(admin::PinError::Store(e)) => {
            errln!("{}", e.message(lang));
            Err(Exit(1))
        }
        Err(_) => Err(fail("admin-pin-bad-shape")),
    }
}
