//! `kelisim`: the one binary of the Digital Assembly. Its subcommands serve
//! the web application, load the demo, migrate the database, manage users and
//! tokens, import and export the register, and verify the audit log.

// The doc comments of the command line are its `--help` text, written for a
// terminal ("[default: http://<bind>]"), not for rustdoc.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

mod bench;
mod commands;
mod config;
mod demo;
mod ingest;
mod text;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc rather than the system's allocator: the text engine allocates
/// a dozen buffers a text (the normalised text, its words, their scores, the
/// groups found), and `kelisim text bench` and ingestion run it millions of
/// times. Over the bench texts (`python3 tools/bench_input.py`) the binary
/// runs 2.4 % fewer instructions with it (valgrind, `kelisim text bench`'s
/// cold and warm pass; docs/text-engine.md, "Speed work and fuzzing"); the
/// output is byte-identical.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "kelisim", version, about = "Kelisim — the Digital Assembly of the Assembly of People of Kazakhstan")]
pub struct Cli {
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB [default: sqlite://<data-dir>/kelisim.db]
    #[arg(long, env = "KELISIM_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Folder for the embedded database and files [default: ./kelisim-data]
    #[arg(long, env = "KELISIM_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Days to keep the raw text of monitored documents after publication; then only the analysis stays [default: 365]
    #[arg(long, env = "KELISIM_TEXT_RETENTION_DAYS", global = true)]
    pub text_retention_days: Option<u32>,
    /// Optional TOML configuration file (flags and environment variables win over it)
    #[arg(long, env = "KELISIM_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "KELISIM_BIND")]
    pub bind: Option<String>,
    /// Mark cookies Secure (set when the site is served over HTTPS) [serve: true; demo: false]
    #[arg(long, env = "KELISIM_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// SMTP server for e-mailed alerts: smtp://host:25, smtp://user:pass@host:587?tls=required or smtps://user:pass@host:465
    #[arg(long, env = "KELISIM_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of e-mailed alerts [default: Kelisim <kelisim@localhost>]
    #[arg(long, env = "KELISIM_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// The site's public address, for the links in alerts [default: http://<bind>]
    #[arg(long, env = "KELISIM_PUBLIC_URL")]
    pub public_url: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Apply migrations and serve the web application and the API
    Serve(ServeArgs),
    /// First start: create the database, load reference and demo data; then serve
    Demo(ServeArgs),
    /// Apply database migrations and load the reference data
    Migrate,
    /// Manage user accounts
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Import a register file
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Export a register
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// The audit log
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Ingest documents of the information field from a JSON Lines file
    /// (fields as `POST /api/v1/monitoring/documents`); exits 2 when some lines were rejected
    Ingest {
        /// The file: one JSON object per line
        file: PathBuf,
        /// The source of lines that name none (e.g. telegram, vk, tengrinews.kz)
        #[arg(long)]
        source: Option<String>,
    },
    /// The risk index of the monitoring centre
    Risk {
        #[command(subcommand)]
        command: RiskCommand,
    },
    /// Benchmarks of the application at scale
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// The text engine: analyse, train, evaluate, benchmark (no database)
    Text {
        #[command(subcommand)]
        command: text::TextCommand,
    },
}

#[derive(Subcommand)]
pub enum RiskCommand {
    /// Replay the stored history week by week and score the index's forecast of "an incident of
    /// level ≥ 3 in the region within the next 30 days" against two baselines; prints one JSON line
    Backtest {
        /// The day the replay stops at (YYYY-MM-DD) [default: today; the demo: its last day]
        #[arg(long)]
        today: Option<String>,
    },
    /// Compute (or recompute) the index of every region for the weeks from FROM to TO
    Compute {
        /// First week's day (YYYY-MM-DD; the week of that day)
        #[arg(long)]
        from: String,
        /// Last week's day [default: today]
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Ingest N generated documents into a fresh database (SQLite, or a new database on the
    /// PostgreSQL server of --database-url), then time the dashboard queries; prints one JSON line
    Monitoring {
        /// Documents to generate and ingest with the CLI's path
        #[arg(long, default_value_t = 100_000)]
        docs: usize,
        /// Further documents sent over the HTTP API [default: a tenth of --docs, 1,000 to 100,000]
        #[arg(long)]
        http_docs: Option<usize>,
        /// Keep the benchmark database instead of removing it
        #[arg(long)]
        keep: bool,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input
    Add {
        #[arg(long)]
        login: String,
        /// admin, regional_admin, analyst, mediator, org_editor, responder or citizen
        #[arg(long)]
        role: String,
        /// Region KATO code (required for regional_admin and responder)
        #[arg(long)]
        region: Option<String>,
        /// Organisation id (required for org_editor)
        #[arg(long)]
        organisation: Option<i64>,
        /// Read the password from standard input (one line)
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List accounts
    List,
    /// Set a new password (read from standard input); ends the user's sessions
    Passwd {
        #[arg(long)]
        login: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Disable an account: ends its sessions and revokes its API tokens
    Disable {
        #[arg(long)]
        login: String,
    },
    /// Set (or, without --email, clear) the address an account's alerts are e-mailed to
    Email {
        #[arg(long)]
        login: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Print the current TOTP code of an account (for the operator, e.g. in the demo)
    TotpCode {
        #[arg(long)]
        login: String,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Issue an API token for a user and print it (it is shown once)
    Create {
        #[arg(long)]
        user: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import organisations from CSV or XLSX (by extension); all or nothing
    Registry { file: PathBuf },
    /// Import people and their roles from CSV or XLSX (by extension); all or nothing
    People { file: PathBuf },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Export every organisation
    Registry {
        #[arg(long, value_enum)]
        format: FileFormat,
        #[arg(long)]
        out: PathBuf,
    },
    /// Export every person and their roles (personal data: keep the file safe)
    People {
        #[arg(long, value_enum)]
        format: FileFormat,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain; exit 1 naming the first bad entry
    Verify,
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("KELISIM_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Command::Text { command } = &cli.command {
        return text::run(command).unwrap_or_else(|e| {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        });
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
