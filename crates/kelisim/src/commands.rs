//! What each subcommand does.

use std::io::BufRead;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{bail, Context};
use kelisim_core::access::Principal;
use kelisim_core::Role;
use kelisim_store::audit::{self, Verdict};
use kelisim_store::{users, Store, StoreError};
use kelisim_web::transfer::{self, Format};
use kelisim_web::centre::delivery::{DeliveryConfig, MailConfig};
use kelisim_web::{AppState, WebConfig};

use crate::config::{self, Config};
use crate::{AuditCommand, Cli, Command, ExportCommand, FileFormat, ImportCommand, RiskCommand, ServeArgs, TokenCommand, UserCommand};

/// The operator at the command line acts as the Secretariat, in the audit log as `cli`.
const CLI_ACTOR: &str = "cli";

fn cli_principal() -> Principal {
    Principal { user_id: None, role: Role::Admin, region: None, organisation: None }
}

fn settings(cli: &Cli, serve: Option<&ServeArgs>, secure_default: bool) -> anyhow::Result<Config> {
    let file = config::load_file(cli.config.as_deref())?;
    Ok(config::resolve(
        cli.database_url.clone(),
        cli.data_dir.clone(),
        serve.and_then(|s| s.bind.clone()),
        serve.and_then(|s| s.secure_cookies),
        cli.text_retention_days,
        config::DeliveryFlags { smtp_url: serve.and_then(|s| s.smtp_url.clone()), smtp_from: serve.and_then(|s| s.smtp_from.clone()), public_url: serve.and_then(|s| s.public_url.clone()) },
        file,
        secure_default,
    ))
}

async fn open(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url).await.with_context(|| format!("opening the database {}", redact(&config.database_url)))?;
    let applied = kelisim_store::migrate::migrate(&store).await.context("applying migrations")?;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    Ok(store)
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("no password on standard input");
    }
    Ok(password)
}

/// Turns a store error into a message naming the fields.
fn explain(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid(errs) => {
            let lines: Vec<String> = errs.0.iter().map(|f| format!("  {}: {}", f.field, kelisim_web::i18n::t(kelisim_web::i18n::Lang::En, &f.reason))).collect();
            anyhow::anyhow!("invalid input:\n{}", lines.join("\n"))
        }
        StoreError::NotFound => anyhow::anyhow!("not found"),
        other => anyhow::anyhow!(other),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Serve(args) => {
            let config = settings(&cli, Some(args), true)?;
            let store = open(&config).await?;
            serve(store, &config, None).await?;
        }
        Command::Demo(args) => {
            let config = settings(&cli, Some(args), false)?;
            let store = open(&config).await?;
            let accounts = crate::demo::ensure_loaded(&store).await?;
            serve(store, &config, Some(accounts)).await?;
        }
        Command::Migrate => {
            let config = settings(&cli, None, true)?;
            let store = Store::connect(&config.database_url).await?;
            let applied = kelisim_store::migrate::migrate(&store).await?;
            println!("{applied} migration(s) applied; schema at version {}", kelisim_store::migrate::known().last().map(|m| m.0).unwrap_or(0));
        }
        Command::User { command } => {
            let config = settings(&cli, None, true)?;
            let store = open(&config).await?;
            user_command(&store, command).await?;
        }
        Command::Token { command: TokenCommand::Create { user } } => {
            let config = settings(&cli, None, true)?;
            let store = open(&config).await?;
            let token = users::create_api_token(&store, CLI_ACTOR, user).await.map_err(explain)?;
            println!("{token}");
        }
        Command::Import { what } => {
            let config = settings(&cli, None, true)?;
            let store = open(&config).await?;
            let file = match what {
                ImportCommand::Registry { file } | ImportCommand::People { file } => file,
            };
            let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            let format = Format::guess(&file.display().to_string(), "");
            let report = match what {
                ImportCommand::Registry { .. } => transfer::import(&store, CLI_ACTOR, &cli_principal(), format, &bytes).await,
                ImportCommand::People { .. } => transfer::people::import(&store, CLI_ACTOR, &cli_principal(), format, &bytes).await,
            }
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            if report.errors.is_empty() {
                println!("imported {} row(s): {} created, {} updated", report.rows, report.created, report.updated);
            } else {
                eprintln!("{} rejected: nothing was written. {} problem(s):", file.display(), report.errors.len());
                for e in &report.errors {
                    eprintln!("  row {}, column {}: {}", e.row, if e.column.is_empty() { "-" } else { &e.column }, e.message);
                }
                return Ok(ExitCode::from(2));
            }
        }
        Command::Export { what } => {
            let config = settings(&cli, None, true)?;
            let store = open(&config).await?;
            let (format, out) = match what {
                ExportCommand::Registry { format, out } | ExportCommand::People { format, out } => (*format, out),
            };
            let format = match format {
                FileFormat::Csv => Format::Csv,
                FileFormat::Xlsx => Format::Xlsx,
            };
            let (bytes, count, what_name) = match what {
                ExportCommand::Registry { .. } => {
                    let items = transfer::all_organisations(&store, &Default::default()).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
                    let bytes = match format {
                        Format::Csv => transfer::export_csv(&items),
                        Format::Xlsx => transfer::export_xlsx(&items),
                    };
                    (bytes, items.len(), "organisation")
                }
                ExportCommand::People { .. } => {
                    let items = transfer::people::all_people(&store, &kelisim_core::access::PeopleScope::All).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
                    (transfer::people::export(format, &items), items.len(), "person")
                }
            };
            let bytes = bytes.map_err(|e| anyhow::anyhow!("{e:?}"))?;
            std::fs::write(out, bytes).with_context(|| format!("writing {}", out.display()))?;
            println!("exported {count} {what_name}(s) to {}", out.display());
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let config = settings(&cli, None, true)?;
            let store = Store::connect(&config.database_url).await?;
            match audit::verify(&store).await? {
                Verdict::Intact { entries } => println!("audit log intact: {entries} entries verified"),
                Verdict::Broken { seq, reason } => {
                    eprintln!("audit log broken at entry {seq}: {reason}");
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Command::Ingest { file, source } => {
            let config = settings(&cli, None, true)?;
            let store = open(&config).await?;
            let started = std::time::Instant::now();
            let totals = crate::ingest::run(&store, CLI_ACTOR, file, source.as_deref(), &mut std::io::stderr()).await?;
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{}: {} document(s) read, {} stored, {} already stored, {} rejected in {:.1} s ({:.0} documents/s)",
                file.display(),
                totals.lines,
                totals.stored,
                totals.duplicates,
                totals.rejected,
                seconds,
                totals.lines as f64 / seconds.max(1e-9)
            );
            // The detectors and the risk index now, rather than at a server's next tick.
            let r = kelisim_web::centre::jobs::refresh(&store, &kelisim_store::now_utc(), false).await?;
            println!(
                "signals: {} document(s) read by the detectors, {} new spike(s), {} new campaign(s), {} alert(s) raised",
                r.signals.documents,
                r.signals.spikes_new,
                r.signals.campaigns_new,
                r.signals.alerts + r.risk_alerts
            );
            if totals.rejected > 0 {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Risk { command } => {
            let config = settings(&cli, None, true)?;
            let store = open(&config).await?;
            risk_command(&store, command).await?;
        }
        Command::Bench { what: crate::BenchCommand::Monitoring { docs, http_docs, keep } } => {
            let args = crate::bench::BenchArgs {
                docs: *docs,
                http_docs: http_docs.unwrap_or((docs / 10).clamp(1_000, 100_000)),
                database_url: cli.database_url.clone(),
                keep: *keep,
            };
            println!("{}", crate::bench::monitoring(args).await?);
        }
        Command::Text { command } => return crate::text::run(command),
    }
    Ok(ExitCode::SUCCESS)
}

fn today() -> String {
    kelisim_core::monitoring::calendar::day_of_instant(&kelisim_store::now_utc())
}

fn day_arg(name: &str, value: &str) -> anyhow::Result<String> {
    kelisim_core::monitoring::calendar::parse_day(value).map(|_| value.to_string()).with_context(|| format!("--{name} {value}: not a day (YYYY-MM-DD)"))
}

async fn risk_command(store: &Store, command: &RiskCommand) -> anyhow::Result<()> {
    use kelisim_store::monitoring::risk;
    match command {
        RiskCommand::Backtest { today: day } => {
            let day = match day {
                Some(d) => day_arg("today", d)?,
                None => today(),
            };
            let report = risk::backtest(store, &day).await?;
            println!("{}", serde_json::to_string(&report)?);
        }
        RiskCommand::Compute { from, to } => {
            use kelisim_core::monitoring::calendar::{add_days, week_of};
            let from = week_of(&day_arg("from", from)?);
            let to = week_of(&match to {
                Some(d) => day_arg("to", d)?,
                None => today(),
            });
            let now = kelisim_store::now_utc();
            let (mut weeks, mut alerts) = (0, 0);
            let mut w = from;
            while w <= to {
                alerts += risk::compute_week(store, &w, &now, false).await?.1;
                weeks += 1;
                w = add_days(&w, 7);
            }
            println!("risk index computed for {weeks} week(s) of every region; {alerts} alert(s) raised");
        }
    }
    Ok(())
}

async fn user_command(store: &Store, command: &UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add { login, role, region, organisation, .. } => {
            let password = read_password()?;
            let new = users::NewUser { login, role, region: region.as_deref(), organisation_id: *organisation, password: &password };
            let id = users::create(store, CLI_ACTOR, &new).await.map_err(explain)?;
            println!("user {login} created (id {id}, role {role})");
            if Role::from_slug(role).is_some_and(|r| r.requires_totp()) {
                println!("{login} will be asked to set up a second factor (TOTP) at first sign-in");
            }
        }
        UserCommand::List => {
            println!("{:<24} {:<16} {:<10} {:<6} {:<5} {:<8} email", "login", "role", "region", "org", "totp", "disabled");
            for u in users::list(store).await? {
                println!(
                    "{:<24} {:<16} {:<10} {:<6} {:<5} {:<8} {}",
                    u.login,
                    u.role,
                    u.region.clone().unwrap_or_else(|| "-".into()),
                    u.organisation_id.map(|o| o.to_string()).unwrap_or_else(|| "-".into()),
                    u.totp_enabled,
                    u.disabled,
                    u.email.clone().unwrap_or_else(|| "-".into())
                );
            }
        }
        UserCommand::Passwd { login, .. } => {
            let password = read_password()?;
            users::set_password(store, CLI_ACTOR, login, &password).await.map_err(explain)?;
            println!("password of {login} changed; their sessions were ended");
        }
        UserCommand::Disable { login } => {
            users::set_disabled(store, CLI_ACTOR, login, true).await.map_err(explain)?;
            println!("{login} disabled; sessions ended and API tokens revoked");
        }
        UserCommand::Email { login, email } => {
            let user = users::find_by_login(store, login).await?.context("no such user")?;
            users::set_email(store, CLI_ACTOR, user.id, email.as_deref()).await.map_err(explain)?;
            match email {
                Some(e) => println!("alerts for {login} will also be e-mailed to {e}"),
                None => println!("{login} gets alerts in the app only"),
            }
        }
        UserCommand::TotpCode { login } => {
            let user = users::find_by_login(store, login).await?.context("no such user")?;
            let secret = user.totp_secret.context("this user has no TOTP secret")?;
            println!("{}", kelisim_web::totp::current_code(&secret, login).context("cannot compute the code")?);
        }
    }
    Ok(())
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(store: Store, config: &Config, demo_accounts: Option<Vec<crate::demo::DemoAccount>>) -> anyhow::Result<()> {
    let delivery = DeliveryConfig {
        mail: config.smtp_url.clone().map(|url| MailConfig { url, from: config.smtp_from.clone() }),
        public_url: config.public_url.clone(),
        ..Default::default()
    };
    let web = WebConfig { secure_cookies: config.secure_cookies, delivery: delivery.clone(), ..Default::default() };
    let app = kelisim_web::app(AppState::new(store.clone(), web));
    let listener = tokio::net::TcpListener::bind(&config.bind).await.with_context(|| format!("listening on {}", config.bind))?;
    let addr = listener.local_addr()?;
    println!("Kelisim is serving at http://{addr}/  (database: {}, {}; data folder {})", store.backend.name(), redact(&config.database_url), config.data_dir.display());
    if let Some(accounts) = demo_accounts {
        println!("Demo accounts (demo data only; change them before any real use):");
        for a in accounts {
            println!("  {:<16} login {:<22} password {}{}", a.role, a.login, a.password, a.note);
        }
    }
    println!("Press Ctrl-C to stop.");
    tokio::spawn(purge_texts_hourly(store.clone(), config.text_retention_days));
    kelisim_web::centre::jobs::spawn(store.clone(), delivery);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown()).await?;
    store.close().await;
    Ok(())
}

/// Empties the raw text of documents older than the retention period, at
/// start and every hour (several nodes may do it at once: each chunk is one
/// transaction, and a purged row is not purged again).
async fn purge_texts_hourly(store: Store, retention_days: u32) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let cutoff = time::OffsetDateTime::now_utc() - time::Duration::days(retention_days as i64);
        let before = kelisim_core::monitoring::instant_text(cutoff);
        match kelisim_store::monitoring::documents::purge_texts(&store, "system", &before).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(texts = n, before, "monitored texts past retention emptied"),
            Err(e) => tracing::error!(error = %e, "purging monitored texts failed"),
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
