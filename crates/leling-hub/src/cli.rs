//! `leling-hub …`: run the sync hub, and manage the devices (kiosks) allowed to sync with it.
//! Results on standard output, problems on standard error, a non-zero exit code on failure.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::limits;
use crate::server::{self, ServeError, ServeOptions};
use crate::storage::{self, DbUrl, NewDevice, Storage, StoreError};
use crate::token;
use leling_cli::Exit;
use leling_core::model::Lang;
use leling_i18n::{io_reason, t, t_with};

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
    },
    /// The devices (kiosks) allowed to sync
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Add a device and print its token, once
    Add {
        /// The device's name, e.g. east-centre-1 (also its id in every change it writes)
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// List the devices, when each was added and whether it is revoked
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// Revoke a device's token (a lost or retired kiosk)
    Revoke {
        name: String,
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
        } => {
            let options = ServeOptions {
                listen,
                db: db_url(&db, lang)?,
                tls: tls_cert.zip(tls_key),
                limits: limits.limits(),
            };
            block_on(true, lang, serve(options, lang))?
        }
        HubCommand::Device { command } => device(command, lang),
    }
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
        | DeviceCommand::Revoke { db, .. } => db_url(db, lang)?,
    };
    block_on(false, lang, async {
        let storage = storage::open(&db).await.map_err(|e| store_error(e, lang))?;
        match command {
            DeviceCommand::Add { name, .. } => add_device(storage, name, lang).await,
            DeviceCommand::List { .. } => list_devices(storage, lang).await,
            DeviceCommand::Revoke { name, .. } => revoke_device(storage, name, lang).await,
        }
    })?
}

/// A name is the device's id in every change it writes and in the hub's log: short, printable,
/// no spaces, so it reads the same everywhere.
fn valid_device_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=MAX_DEVICE_NAME).contains(&count)
        && !name.chars().any(|c| c.is_control() || c.is_whitespace())
}

async fn add_device(storage: Arc<dyn Storage>, name: String, lang: Lang) -> Result<(), Exit> {
    if !valid_device_name(&name) {
        return Err(refuse(t(lang, "hub-error-device-name")));
    }
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
        let line = match device.revoked {
            None => t_with(
                lang,
                "hub-device-line-active",
                &[("name", device.name.into()), ("added", added.into())],
            ),
            Some(revoked) => t_with(
                lang,
                "hub-device-line-revoked",
                &[
                    ("name", device.name.into()),
                    ("added", added.into()),
                    ("revoked", local_time(revoked).into()),
                ],
            ),
        };
        outln!("{line}");
    }
    Ok(())
}

async fn revoke_device(storage: Arc<dyn Storage>, name: String, lang: Lang) -> Result<(), Exit> {
    let revoked = storage
        .revoke_device(name.clone(), chrono::Utc::now().timestamp())
        .await
        .map_err(|e| store_error(e, lang))?;
    if !revoked {
        return Err(refuse(t_with(
            lang,
            "hub-device-unknown",
            &[("name", name.into())],
        )));
    }
    outln!(
        "{}",
        t_with(lang, "hub-device-revoked", &[("name", name.into())])
    );
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
