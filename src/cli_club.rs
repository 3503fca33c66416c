//! The reading-club commands: clubs, members, sessions and check-in, reports and learning
//! records. Scriptable: results on standard output, problems on standard error, and a
//! non-zero exit code when anything was refused.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::admin::PinError;
use crate::club::member_export;
use crate::club::members::new_member;
use crate::club::record_files::{record_html, record_text};
use crate::club::report_files::{ReportFormat, write_report};
use crate::club::roster;
use crate::config::Paths;
use crate::i18n::{Tell, t, t_with};
use crate::learner_pin;
use crate::model::Lang;
use crate::staff_files::{check_roster_file, roster_member};
use crate::store::{ClubError, NewClub, NewMember, NewSession, Store};
use leling_cli::{Exit, read_pin};

#[derive(Debug, Subcommand)]
pub enum ClubCommand {
    /// Add a reading club
    Add {
        name: String,
        /// Where it meets
        #[arg(long, default_value = "")]
        venue: String,
        /// The usual day: 1 (Monday) to 7 (Sunday)
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=7))]
        day: Option<u8>,
        /// The usual start time, HH:MM
        #[arg(long, value_parser = parse_time)]
        start: Option<String>,
        /// The usual end time, HH:MM
        #[arg(long, value_parser = parse_time)]
        end: Option<String>,
        /// Who usually leads it
        #[arg(long, default_value = "")]
        facilitator: String,
    },
    /// List the clubs
    List,
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Add a member
    Add {
        name: String,
        /// Library or membership card number (unique in the centre)
        #[arg(long)]
        card: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        birth_year: Option<i32>,
        /// Preferred language: zh or en
        #[arg(long, value_parser = leling_cli::lang_parser())]
        prefers: Option<Lang>,
        /// The member agreed today that the centre keeps their data
        #[arg(long)]
        consent: bool,
    },
    /// Import members from a CSV (UTF-8 or GBK) or XLSX roster
    Import {
        file: PathBuf,
        /// List the problems only; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the clean rows even when other rows have problems
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Write the members as CSV (to standard output or a file)
    Export {
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Set (or reset) a member's own PIN for signing in at a kiosk, or remove it with --clear
    Pin {
        /// The member's card number
        card: String,
        /// Remove the PIN: the card alone signs in
        #[arg(long)]
        clear: bool,
    },
    /// Remove a member's personal data; the reports' counts stay right
    Forget {
        card: String,
        /// Do not ask to confirm
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Start a session of a club; prints the session id
    Start {
        club: String,
        /// The book (and chapter or pages) read
        #[arg(long)]
        book: Option<String>,
        /// The day, YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<NaiveDate>,
        #[arg(long, value_parser = parse_time)]
        start: Option<String>,
        #[arg(long, value_parser = parse_time)]
        end: Option<String>,
        /// Hold it even though the club already has a session that day (reports count it as
        /// a second activity)
        #[arg(long)]
        again: bool,
    },
    /// Check members in by card number; each is saved before it is announced
    Checkin {
        session: String,
        #[arg(required = true)]
        cards: Vec<String>,
    },
    /// End a session
    End {
        session: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day, YYYY-MM-DD
    #[arg(long)]
    from: NaiveDate,
    /// Last day, YYYY-MM-DD
    #[arg(long)]
    to: NaiveDate,
    /// One club only
    #[arg(long)]
    club: Option<String>,
    /// csv, xlsx or md (default: from the file name)
    #[arg(long)]
    format: Option<ReportFormat>,
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum CentreCommand {
    /// Name the centre (shown on learning records)
    Set {
        name: String,
        #[arg(long, default_value = "")]
        district: String,
    },
}

fn parse_time(text: &str) -> Result<String, String> {
    chrono::NaiveTime::parse_from_str(text, "%H:%M")
        .map(|time| time.format("%H:%M").to_string())
        .map_err(|_| format!("{text} is not a time like 09:30"))
}

/// Prints a problem and gives the exit code that says "refused".
fn refuse(message: String) -> Exit {
    errln!("{message}");
    Exit(1)
}

fn open(paths: &Paths, lang: Lang) -> Result<Store, Exit> {
    Store::open(&paths.database()).map_err(|e| refuse(e.message(lang)))
}

pub fn centre(paths: &Paths, command: CentreCommand, lang: Lang) -> Result<(), Exit> {
    let store = open(paths, lang)?;
    let CentreCommand::Set { name, district } = command;
    store
        .clubs()
        .set_centre(&name, &district)
        .map_err(|e| refuse(e.message(lang)))?;
    outln!("{}", t_with(lang, "centre-set", &[("name", name.into())]));
    Ok(())
}

pub fn club(paths: &Paths, command: ClubCommand, lang: Lang) -> Result<(), Exit> {
    let store = open(paths, lang)?;
    match command {
        ClubCommand::Add {
            name,
            venue,
            day,
            start,
            end,
            facilitator,
        } => {
            let club = store
                .clubs()
                .add_club(&NewClub {
                    name,
                    venue,
                    usual_weekday: day,
                    usual_start: start,
                    usual_end: end,
                    facilitator,
                })
                .map_err(|e| refuse(e.message(lang)))?;
            outln!(
                "{}",
                t_with(lang, "club-added", &[("name", club.name.into())])
            );
        }
        ClubCommand::List => {
            let clubs = store.clubs().all().map_err(|e| refuse(e.message(lang)))?;
            if clubs.is_empty() {
                outln!("{}", t(lang, "club-none"));
            }
            for club in clubs {
                outln!("{}", crate::club::describe_club(&club, lang));
            }
        }
    }
    Ok(())
}

pub fn member(paths: &Paths, command: MemberCommand, lang: Lang) -> Result<(), Exit> {
    let store = open(paths, lang)?;
    match command {
        MemberCommand::Add {
            name,
            card,
            phone,
            birth_year,
            prefers,
            consent,
        } => {
            let name = name.trim().to_owned();
            if name.is_empty() {
                return Err(refuse(t(lang, "member-name-missing")));
            }
            // As a roster's phones are checked: a phone that is not one (a formula, a link)
            // would go into every export.
            let phone = phone.map(|phone| phone.trim().to_owned());
            if let Some(phone) = phone.as_deref().filter(|phone| !roster::is_phone(phone)) {
                let args = [("phone", phone.to_owned().into())];
                return Err(refuse(t_with(lang, "member-bad-phone", &args)));
            }
            let today = chrono::Local::now().date_naive();
            let added = store
                .clubs()
                .add_member(&NewMember {
                    phone,
                    birth_year,
                    consent_on: consent.then_some(today),
                    lang: prefers.map(|l| l.code().to_owned()),
                    ..new_member(
                        &name,
                        card.as_deref().map(str::trim).filter(|c| !c.is_empty()),
                        today,
                    )
                })
                .map_err(|e| refuse(e.message(lang)))?;
            outln!(
                "{}",
                t_with(lang, "member-added", &[("name", added.name.into())])
            );
        }
        MemberCommand::Import {
            file,
            dry_run,
            skip_invalid,
        } => return import_roster(&store, &file, dry_run, skip_invalid, lang),
        MemberCommand::Export { output } => {
            let members = store
                .clubs()
                .members()
                .map_err(|e| refuse(e.message(lang)))?;
            let csv = member_export::to_csv(&members, lang);
            match output {
                Some(path) => write_file(&path, csv.as_bytes(), lang)?,
                None => out!("{csv}"),
            }
        }
        MemberCommand::Pin { card, clear } => return set_member_pin(&store, &card, clear, lang),
        MemberCommand::Forget { card, yes } => {
            let member = store
                .clubs()
                .member_by_card(&card)
                .map_err(|e| refuse(e.message(lang)))?
                .ok_or_else(|| refuse(ClubError::NoSuchCard(card.clone()).message(lang)))?;
            if !yes && !confirmed(&card, &member.name, lang) {
                return Err(refuse(t(lang, "member-forget-cancelled")));
            }
            let name = store
                .clubs()
                .forget_member(&card)
                .map_err(|e| refuse(e.message(lang)))?;
            outln!(
                "{}",
                t_with(lang, "member-forgotten", &[("name", name.into())])
            );
        }
    }
    Ok(())
}

/// Reads a roster, lists every problem by spreadsheet row, and imports it in one transaction
/// only when it is clean (or, with `--skip-invalid`, its clean rows).
fn import_roster(
    store: &Store,
    file: &Path,
    dry_run: bool,
    skip_invalid: bool,
    lang: Lang,
) -> Result<(), Exit> {
    let roster = check_roster_file(store, file, lang).map_err(refuse)?;
    if let Some(note) = roster.ignored_columns_note(lang) {
        outln!("{note}");
    }
    for problem in &roster.problems {
        outln!("{}", problem.describe(lang));
    }
    let clean: Vec<NewMember> = roster.clean_entries().map(roster_member).collect();
    let args = [
        ("rows", roster.entries.len().into()),
        ("clean", clean.len().into()),
        ("problems", roster.problems.len().into()),
    ];
    let summary = t_with(lang, "import-summary", &args);
    if dry_run {
        outln!("{summary} {}", t(lang, "import-dry-run"));
        return if roster.problems.is_empty() {
            Ok(())
        } else {
            Err(Exit(1))
        };
    }
    if !roster.problems.is_empty() && !skip_invalid {
        return Err(refuse(format!("{summary} {}", t(lang, "import-refused"))));
    }
    let added = store
        .clubs()
        .import_members(&clean)
        .map_err(|e| refuse(e.message(lang)))?;
    let args = [
        ("added", added.into()),
        ("skipped", (roster.entries.len() - added).into()),
    ];
    outln!("{}", t_with(lang, "import-done", &args));
    Ok(())
}

/// Asks for the card number again before personal data is removed.
fn confirmed(card: &str, name: &str, lang: Lang) -> bool {
    let args = [("name", name.into()), ("card", card.into())];
    eprint!("{} ", t_with(lang, "member-forget-confirm", &args));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    matches!(read, Ok(n) if n > 0) && line.trim() == card
}

pub fn session(paths: &Paths, command: SessionCommand, lang: Lang) -> Result<(), Exit> {
    let store = open(paths, lang)?;
    match command {
        SessionCommand::Start {
            club,
            book,
            date,
            start,
            end,
            again,
        } => {
            let found = store
                .clubs()
                .club_by_name(&club)
                .map_err(|e| refuse(e.message(lang)))?
                .ok_or_else(|| refuse(ClubError::NoSuchClub(club.clone()).message(lang)))?;
            let day = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let held = (store.clubs().last_session_on(&found.id, day))
                .map_err(|e| refuse(e.message(lang)))?;
            if let Some(held) = held.filter(|_| !again) {
                let args = [
                    ("club", found.name.clone().into()),
                    ("date", day.to_string().into()),
                    ("session", held.id.into()),
                ];
                return Err(refuse(t_with(lang, "session-held-that-day", &args)));
            }
            let session = store
                .clubs()
                .start_session(
                    &found,
                    &NewSession {
                        held_on: date,
                        starts_at: start,
                        ends_at: end,
                        reading: book,
                        facilitator: None,
                    },
                )
                .map_err(|e| refuse(e.message(lang)))?;
            let args = [
                ("club", session.club_name.into()),
                ("date", session.held_on.to_string().into()),
            ];
            // A session recorded for another day (--date) is not "today's".
            let id = if session.held_on == chrono::Local::now().date_naive() {
                "session-started"
            } else {
                "session-started-on"
            };
            errln!("{}", t_with(lang, id, &args));
            outln!("{}", session.id);
        }
        SessionCommand::Checkin { session, cards } => {
            return check_in_cards(&store, &session, &cards, lang);
        }
        SessionCommand::End { session, notes } => {
            let ended = store
                .clubs()
                .end_session(&session, &notes)
                .map_err(|e| refuse(e.message(lang)))?;
            let count = store
                .clubs()
                .checked_in_count(&ended.id)
                .map_err(|e| refuse(e.message(lang)))?;
            let args = [("club", ended.club_name.into()), ("count", count.into())];
            outln!("{}", t_with(lang, "session-ended", &args));
        }
    }
    Ok(())
}

/// Checks each card in, announcing each only once it is committed; a card that cannot be
/// checked in is reported and the rest go on.
fn check_in_cards(store: &Store, session: &str, cards: &[String], lang: Lang) -> Result<(), Exit> {
    let mut refused = false;
    for card in cards {
        let member = match store.clubs().member_by_card(card.trim()) {
            Ok(Some(member)) => member,
            Ok(None) => {
                refused = true;
                errln!("{}", ClubError::NoSuchCard(card.clone()).message(lang));
                continue;
            }
            Err(e) => return Err(refuse(e.message(lang))),
        };
        match store.clubs().check_in(session, &member.id) {
            Ok(outcome) => {
                let line = crate::club::check_in_said(&member.name, outcome, lang);
                // Written and flushed line by line: a line on the output means it is saved.
                outln!("{line}");
            }
            Err(e @ (ClubError::NoSuchSession(_) | ClubError::SessionEnded(_))) => {
                return Err(refuse(e.message(lang)));
            }
            Err(e) => {
                refused = true;
                errln!("{}", e.message(lang));
            }
        }
    }
    if refused { Err(Exit(1)) } else { Ok(()) }
}

/// The centre's credit rules, from the settings file; a broken file is told elsewhere (the
/// screens, `leling doctor`), and the defaults stand.
fn credit_rules(paths: &Paths) -> crate::model::CreditRules {
    crate::config::load(&paths.config_file).settings.credits
}

pub fn report(paths: &Paths, args: ReportArgs, lang: Lang) -> Result<(), Exit> {
    if args.to < args.from {
        return Err(refuse(t(lang, "report-dates-backwards")));
    }
    let from_file_name = || {
        let extension = args.output.extension()?.to_str()?;
        ReportFormat::from_name(extension)
    };
    let format = match args.format.or_else(from_file_name) {
        Some(format) => format,
        None => return Err(refuse(t(lang, "report-format-unknown"))),
    };
    let store = open(paths, lang)?;
    if let Some(club) = &args.club
        && store
            .clubs()
            .club_by_name(club)
            .map_err(|e| refuse(e.message(lang)))?
            .is_none()
    {
        return Err(refuse(ClubError::NoSuchClub(club.clone()).message(lang)));
    }
    let rules = credit_rules(paths);
    let report = store
        .clubs()
        .report(args.from, args.to, args.club.as_deref(), &rules)
        .map_err(|e| refuse(e.message(lang)))?;
    write_report(&report, format, lang, &args.output).map_err(|e| refuse(e.describe(lang)))?;
    let said = [
        ("file", args.output.display().to_string().into()),
        ("activities", report.totals.activities.into()),
        ("times", report.totals.person_times.into()),
    ];
    outln!("{}", t_with(lang, "report-written", &said));
    Ok(())
}

pub fn record(paths: &Paths, card: &str, output: Option<&Path>, lang: Lang) -> Result<(), Exit> {
    let store = open(paths, lang)?;
    let member = store
        .clubs()
        .member_by_card(card)
        .map_err(|e| refuse(e.message(lang)))?
        .ok_or_else(|| refuse(ClubError::NoSuchCard(card.to_owned()).message(lang)))?;
    let today = chrono::Local::now().date_naive();
    let rules = credit_rules(paths);
    let record = store
        .clubs()
        .learning_record(&member.id, today, &rules)
        .map_err(|e| refuse(e.message(lang)))?
        .ok_or_else(|| refuse(ClubError::NoSuchCard(card.to_owned()).message(lang)))?;
    match output {
        None => out!("{}", record_text(&record, lang)),
        Some(path) => {
            let html = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
            let body = if html {
                record_html(&record, lang)
            } else {
                record_text(&record, lang)
            };
            write_file(path, body.as_bytes(), lang)?;
            let args = [("file", path.display().to_string().into())];
            outln!("{}", t_with(lang, "record-written", &args));
        }
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8], lang: Lang) -> Result<(), Exit> {
    std::fs::write(path, bytes).map_err(|e| {
        let args = [
            ("file", path.display().to_string().into()),
            ("detail", crate::i18n::io_reason(&e, lang).into()),
        ];
        refuse(t_with(lang, "file-write-failed", &args))
    })
}

/// `leling member pin CARD`: a volunteer sets a learner's PIN with her (typed twice, never
/// shown), or staff reset a forgotten one; `--clear` removes it.
fn set_member_pin(store: &Store, card: &str, clear: bool, lang: Lang) -> Result<(), Exit> {
    let member = store
        .clubs()
        .member_by_card(card.trim())
        .map_err(|e| refuse(e.message(lang)))?
        .ok_or_else(|| refuse(ClubError::NoSuchCard(card.to_owned()).message(lang)))?;
    let name = [("name", member.name.clone().into())];
    let problem = |e: PinError| match e {
        PinError::Store(e) => refuse(e.message(lang)),
        _ => refuse(t(lang, "member-pin-bad-shape")),
    };
    if clear {
        learner_pin::set(store, &member, None).map_err(problem)?;
        outln!("{}", t_with(lang, "member-pin-cleared", &name));
        return Ok(());
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let first = read_pin(&t_with(lang, "member-pin-new", &name), &mut input).unwrap_or_default();
    if !crate::admin::is_well_formed(&first) {
        return Err(refuse(t(lang, "member-pin-bad-shape")));
    }
    let second = read_pin(&t(lang, "admin-pin-again"), &mut input).unwrap_or_default();
    if first != second {
        return Err(refuse(t(lang, "admin-pin-mismatch")));
    }
    learner_pin::set(store, &member, Some(&first)).map_err(problem)?;
    outln!("{}", t_with(lang, "member-pin-set", &name));
    Ok(())
}
