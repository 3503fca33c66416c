//! `leling-hub …`: run the sync hub, manage the devices (kiosks) allowed to sync with it, and
//! write the district's report.
//! Results on standard output, problems on standard error, a non-zero exit code on failure.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::limits;
use crate::report::{By, district_report};
use crate::scope::HUB_DEVICE;
use crate::server::{self, ServeError, ServeOptions};
use crate::storage::{self, DbUrl, NewDevice, Storage, StoreError};
use crate::token;
use leling_cli::Exit;
use leling_core::model::Lang;
use leling_i18n::{io_reason, t, t_with};
use leling_report::{ReportFormat, write_table};

/// The `leling-hub` program's arguments.
#[derive(Debug, Parser)]
#[command(
    name = "leling-hub",
    version,
    about = "Leling's sync hub: kiosks push their changes and pull everyone else's"
)]
pub struct HubCli {
    /// Language of messages: zh or en (default: the system locale)
    #[arg(long, global = true, value_parser = leling_cli::lang_parser())]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: HubCommand,
}

/// Parses the command line and runs it; clap's mistakes are told in the person's language.
pub fn run() -> ExitCode {
    leling_cli::private::keep_new_files_private();
    let cli = match HubCli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return leling_cli::report(error, "leling-hub"),
    };
    let lang = cli.lang.unwrap_or_else(Lang::from_system);
    match hub(cli.command, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Exit(code)) => ExitCode::from(code),
    }
}

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Run the hub that kiosks sync with (HTTP, or HTTPS with --tls-cert and --tls-key)
    Serve {
        /// The address and port to listen on (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDRESS:PORT")]
        listen: SocketAddr,
        #[command(flatten)]
        db: DbArg,
        /// The certificate chain (PEM) for HTTPS
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key (PEM) for HTTPS
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
        /// Days the history of what each device changed is kept (for `device log` and undoing
        /// a revoked device's changes)
        #[arg(long, value_name = "DAYS", default_value_t = server::KEEP_LOG_DAYS,
              value_parser = clap::value_parser!(u64).range(1..=3650))]
        keep_log_days: u64,
    },
    /// The devices (kiosks) allowed to sync
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
    /// The district's activity report: activities and person-times of every centre, per
    /// district, centre or club and month, with a total per district
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day, YYYY-MM-DD
    #[arg(long)]
    from: NaiveDate,
    /// Last day, YYYY-MM-DD
    #[arg(long)]
    to: NaiveDate,
    /// One row per district, centre or club (and month)
    #[arg(long, value_enum, default_value_t = By::Centre)]
    by: By,
    /// csv, xlsx or md (default: from the file name)
    #[arg(long)]
    format: Option<ReportFormat>,
    #[arg(short, long)]
    output: PathBuf,
    #[command(flatten)]
    db: DbArg,
}

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Add a device and print its token, once
    Add {
        /// The device's name, e.g. east-centre-1 (also its id in every change it writes)
        name: String,
        /// The centre the device belongs to: only a centre's devices write its clubs,
        /// members, sessions and check-ins
        #[arg(long, value_name = "CENTRE", default_value = "")]
        centre: String,
        /// The district the centre belongs to
        #[arg(long, value_name = "DISTRICT", default_value = "")]
        district: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// List the devices, their centres, when each was added and whether it is revoked
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// What a device changed, newest last (the records it wrote, never their contents)
    Log {
        name: String,
        /// From this time on: 2026-12-07 or "2026-12-07 14:30" (local time; default: all kept)
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Revoke a device's token (a lost or retired kiosk)
    Revoke {
        name: String,
        /// Also undo what it changed from this time on: 2026-12-07 or "2026-12-07 14:30"
        #[arg(long, value_name = "WHEN")]
        undo_since: Option<String>,
        #[command(flatten)]
        db: DbArg,
    },
}

/// What one client may take of the hub (`limits`).
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Connections open at once; more are closed as soon as they arrive
    #[arg(long, value_name = "N", default_value_t = limits::MAX_CONNECTIONS as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
    /// Seconds a client has to send a request's headers
    #[arg(long, value_name = "SECONDS", default_value_t = limits::HEADER_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    header_wait: u64,
    /// Seconds a client has to send the rest of a request and be answered
    #[arg(long, value_name = "SECONDS", default_value_t = limits::REQUEST_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    request_wait: u64,
}

impl LimitArgs {
    fn limits(&self) -> limits::Limits {
        limits::Limits {
            max_connections: self.max_connections as usize,
            header_wait: Duration::from_secs(self.header_wait),
            request_wait: Duration::from_secs(self.request_wait),
        }
    }
}

#[derive(Debug, Args)]
pub struct DbArg {
    /// The hub's database: sqlite:PATH or postgres://USER:PASSWORD@HOST/DATABASE
    #[arg(long, value_name = "URL")]
    db: String,
}

/// The longest device name, in characters.
const MAX_DEVICE_NAME: usize = 64;

fn refuse(message: String) -> Exit {
    errln!("leling-hub: {message}");
    Exit(1)
}

fn db_url(arg: &DbArg, lang: Lang) -> Result<DbUrl, Exit> {
    DbUrl::parse(&arg.db).ok_or_else(|| {
        refuse(t_with(
            lang,
            "hub-error-db-url",
            &[("value", arg.db.as_str().into())],
        ))
    })
}

fn store_error(e: StoreError, lang: Lang) -> Exit {
    refuse(t_with(
        lang,
        "hub-error-database",
        &[("reason", e.to_string().into())],
    ))
}

/// Runs `work` on a tokio runtime: the hub's storage engines are async.
fn block_on<T>(multi_thread: bool, lang: Lang, work: impl Future<Output = T>) -> Result<T, Exit> {
    let mut builder = if multi_thread {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = builder.enable_all().build().map_err(|e| {
        refuse(t_with(
            lang,
            "hub-error-start",
            &[("reason", e.to_string().into())],
        ))
    })?;
    Ok(runtime.block_on(work))
}

pub fn hub(command: HubCommand, lang: Lang) -> Result<(), Exit> {
    match command {
        HubCommand::Serve {
            listen,
            db,
            tls_cert,
            tls_key,
            limits,
            keep_log_days,
        } => {
            let options = ServeOptions {
                listen,
                db: db_url(&db, lang)?,
                tls: tls_cert.zip(tls_key),
                limits: limits.limits(),
                keep_log: Duration::from_secs(keep_log_days * 24 * 60 * 60),
            };
            block_on(true, lang, serve(options, lang))?
        }
        HubCommand::Device { command } => device(command, lang),
        HubCommand::Report(args) => report(args, lang),
    }
}

fn report(args: ReportArgs, lang: Lang) -> Result<(), Exit> {
    if args.to < args.from {
        return Err(refuse(t(lang, "report-dates-backwards")));
    }
    let from_file_name = || ReportFormat::from_name(args.output.extension()?.to_str()?);
    let Some(format) = args.format.or_else(from_file_name) else {
        return Err(refuse(t(lang, "report-format-unknown")));
    };
    let db = db_url(&args.db, lang)?;
    let (held, devices) = block_on(false, lang, async {
        let storage = storage::open(&db).await?;
        Ok::<_, StoreError>((storage.centre_rows().await?, storage.devices().await?))
    })?
    .map_err(|e| store_error(e, lang))?;
    let made = district_report(&held, &devices, args.from, args.to, args.by, lang);
    write_table(&made.table, format, lang, &args.output).map_err(|e| refuse(e.describe(lang)))?;
    let said = [
        ("file", args.output.display().to_string().into()),
        ("activities", made.totals.activities.into()),
        ("times", made.totals.person_times.into()),
    ];
    outln!("{}", t_with(lang, "report-written", &said));
    Ok(())
}

async fn serve(options: ServeOptions, lang: Lang) -> Result<(), Exit> {
    let engine = options.db.engine();
    let bound = server::bind(options)
        .await
        .map_err(|e| serve_error(e, lang))?;
    errln!(
        "{}",
        t_with(
            lang,
            "hub-listening",
            &[
                ("url", bound.url.as_str().into()),
                ("engine", engine.into())
            ]
        )
    );
    bound.serve().await.map_err(|e| serve_error(e, lang))
}

fn serve_error(e: ServeError, lang: Lang) -> Exit {
    match e {
        ServeError::Storage(e) => store_error(e, lang),
        ServeError::Listen { addr, source } => refuse(t_with(
            lang,
            "hub-error-listen",
            &[
                ("addr", addr.to_string().into()),
                ("reason", io_reason(&source, lang).into()),
            ],
        )),
        ServeError::Tls(e) => refuse(t_with(
            lang,
            "hub-error-tls",
            &[("reason", io_reason(&e, lang).into())],
        )),
        ServeError::Serve(e) => refuse(t_with(
            lang,
            "hub-error-stopped",
            &[("reason", io_reason(&e, lang).into())],
        )),
    }
}

fn device(command: DeviceCommand, lang: Lang) -> Result<(), Exit> {
    let db = match &command {
        DeviceCommand::Add { db, .. }
        | DeviceCommand::List { db }
        | DeviceCommand::Log { db, .. }
        | DeviceCommand::Revoke { db, .. } => db_url(db, lang)?,
    };
    block_on(false, lang, async {
        let storage = storage::open(&db).await.map_err(|e| store_error(e, lang))?;
        match command {
            DeviceCommand::Add {
                name,
                centre,
                district,
                ..
            } => {
                add_device(
                    storage,
                    NewDeviceArgs {
                        name,
                        centre,
                        district,
                    },
                    lang,
                )
                .await
            }
            DeviceCommand::List { .. } => list_devices(storage, lang).await,
            DeviceCommand::Log { name, since, .. } => {
                let since = since.map(|when| moment(&when, lang)).transpose()?;
                device_log(storage, name, since.unwrap_or(0), lang).await
            }
            DeviceCommand::Revoke {
                name, undo_since, ..
            } => {
                let undo_since = undo_since.map(|when| moment(&when, lang)).transpose()?;
                revoke_device(storage, name, undo_since, lang).await
            }
        }
    })?
}

/// A time on the command line, in the hub's local time: a day (from its start) or a day and a
/// time of day. Unix milliseconds.
fn moment(text: &str, lang: Lang) -> Result<i64, Exit> {
    use chrono::{NaiveDate, NaiveDateTime, TimeZone};
    let text = text.trim();
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|day| day.and_hms_opt(0, 0, 0))
        });
    naive
        .and_then(|at| chrono::Local.from_local_datetime(&at).earliest())
        .map(|at| at.timestamp_millis())
        .ok_or_else(|| {
            refuse(t_with(
                lang,
                "hub-error-when",
                &[("value", leling_core::shown::safe_to_show(text).into())],
            ))
        })
}

/// A name is the device's id in every change it writes and in the hub's log: short, printable,
/// no spaces, so it reads the same everywhere.
fn valid_device_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=MAX_DEVICE_NAME).contains(&count)
        && !name.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// A centre's or district's name: printable, of a sensible length (spaces allowed).
fn valid_place_name(name: &str) -> bool {
    name.chars().count() <= MAX_DEVICE_NAME && !name.chars().any(char::is_control)
}

struct NewDeviceArgs {
    name: String,
    centre: String,
    district: String,
}

async fn add_device(
    storage: Arc<dyn Storage>,
    NewDeviceArgs {
        name,
        centre,
        district,
    }: NewDeviceArgs,
    lang: Lang,
) -> Result<(), Exit> {
    if !valid_device_name(&name) {
        return Err(refuse(t(lang, "hub-error-device-name")));
    }
    if name == HUB_DEVICE {
        return Err(refuse(t(lang, "hub-error-device-name-hub")));
    }
    if !valid_place_name(&centre) || !valid_place_name(&district) {
        return Err(refuse(t(lang, "hub-error-centre-name")));
    }
    let (centre, district) = (centre.trim().to_owned(), district.trim().to_owned());
    let token = token::new_token().map_err(|e| {
        refuse(t_with(
            lang,
            "hub-error-token",
            &[("reason", e.to_string().into())],
        ))
    })?;
    let added = storage
        .add_device(NewDevice {
            name: name.clone(),
            token_hash: token::hash(&token),
            added: chrono::Utc::now().timestamp(),
            centre,
            district,
        })
        .await
        .map_err(|e| store_error(e, lang))?;
    if !added {
        return Err(refuse(t_with(
            lang,
            "hub-device-exists",
            &[("name", name.into())],
        )));
    }
    outln!(
        "{}",
        t_with(lang, "hub-device-added", &[("name", name.into())])
    );
    // Alone on the last line, so a script can take it with `tail -n 1`.
    outln!("{token}");
    Ok(())
}

fn local_time(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|at| {
            at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

async fn list_devices(storage: Arc<dyn Storage>, lang: Lang) -> Result<(), Exit> {
    let devices = storage.devices().await.map_err(|e| store_error(e, lang))?;
    if devices.is_empty() {
        outln!("{}", t(lang, "hub-device-none"));
    }
    for device in devices {
        let added = local_time(device.added);
        let centre = match (device.centre.as_str(), device.district.as_str()) {
            ("", _) => t(lang, "hub-device-no-centre"),
            (centre, "") => centre.to_owned(),
            (centre, district) => format!("{district} {centre}"),
        };
        let line = match device.revoked {
            None => t_with(
                lang,
                "hub-device-line-active",
                &[
                    ("name", device.name.into()),
                    ("centre", centre.into()),
                    ("added", added.into()),
                ],
            ),
            Some(revoked) => t_with(
                lang,
                "hub-device-line-revoked",
                &[
                    ("name", device.name.into()),
                    ("centre", centre.into()),
                    ("added", added.into()),
                    ("revoked", local_time(revoked).into()),
                ],
            ),
        };
        outln!("{line}");
    }
    Ok(())
}

/// What a device changed: when, which record, and whether it wrote, deleted or forgot it. Never
/// the record's contents (a name, a phone, a PIN's hash).
async fn device_log(
    storage: Arc<dyn Storage>,
    name: String,
    since: i64,
    lang: Lang,
) -> Result<(), Exit> {
    let entries =
        (storage.device_log(name.clone(), since).await).map_err(|e| store_error(e, lang))?;
    if entries.is_empty() {
        outln!("{}", t_with(lang, "hub-log-none", &[("name", name.into())]));
    }
    for entry in entries {
        let forgot = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&entry.row)
            .ok()
            .and_then(|row| row.get("forgotten_on").cloned())
            .is_some_and(|day| !day.is_null());
        let what = match (entry.deleted, forgot) {
            (true, _) => "hub-log-deleted",
            (false, true) => "hub-log-forgot",
            (false, false) => "hub-log-wrote",
        };
        let mut line = t_with(
            lang,
            "hub-log-line",
            &[
                ("at", local_time(entry.at.div_euclid(1000)).into()),
                ("what", t(lang, what).into()),
                ("table", entry.table.into()),
                ("key", entry.key.into()),
            ],
        );
        if entry.undone {
            line.push_str(&t(lang, "hub-log-undone"));
        }
        outln!("{line}");
    }
    Ok(())
}

async fn revoke_device(
    storage: Arc<dyn Storage>,
    name: String,
    undo_since: Option<i64>,
    lang: Lang,
) -> Result<(), Exit> {
    let revoked = storage
        .revoke_device(name.clone(), chrono::Utc::now().timestamp())
        .await
        .map_err(|e| store_error(e, lang))?;
    // A device revoked before can still have its changes undone.
    let known = revoked
        || (undo_since.is_some()
            && (storage.devices().await)
                .map_err(|e| store_error(e, lang))?
                .iter()
                .any(|device| device.name == name));
    if !known {
        return Err(refuse(t_with(
            lang,
            "hub-device-unknown",
            &[("name", name.into())],
        )));
    }
    if revoked {
        outln!(
            "{}",
            t_with(
                lang,
                "hub-device-revoked",
                &[("name", name.as_str().into())]
            )
        );
    }
    if let Some(since) = undo_since {
        let undone =
            (storage.undo_device(name.clone(), since).await).map_err(|e| store_error(e, lang))?;
        outln!(
            "{}",
            t_with(
                lang,
                "hub-device-undone",
                &[
                    ("name", name.into()),
                    ("since", local_time(since.div_euclid(1000)).into()),
                    ("restored", undone.restored.into()),
                    ("removed", undone.removed.into()),
                    ("unknown", undone.unknown.into()),
                ],
            )
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_short_and_printable() {
        assert!(valid_device_name("east-centre-1"));
        assert!(valid_device_name("东城-1"));
        assert!(!valid_device_name(""));
        assert!(!valid_device_name("east centre"));
        assert!(!valid_device_name("a\u{7}"));
        assert!(!valid_device_name(&"k".repeat(MAX_DEVICE_NAME + 1)));
    }
}
