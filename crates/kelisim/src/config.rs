//! Configuration: command-line flags, then `KELISIM_*` environment variables
//! (clap reads both), then an optional TOML file (`--config FILE` or
//! `KELISIM_CONFIG`), then defaults.
//!
//! ```toml
//! database_url = "postgres://kelisim@db/kelisim"
//! data_dir = "/var/lib/kelisim"
//! bind = "0.0.0.0:8080"
//! secure_cookies = true
//! text_retention_days = 365
//! # alerts by e-mail (SMTP) and the site's address for links in alerts
//! smtp_url = "smtp://user:password@mail.example.kz:587?tls=required"
//! smtp_from = "Kelisim <alerts@example.kz>"
//! public_url = "https://kelisim.example.kz"
//! ```

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub database_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub bind: Option<String>,
    pub secure_cookies: Option<bool>,
    pub text_retention_days: Option<u32>,
    pub smtp_url: Option<String>,
    pub smtp_from: Option<String>,
    pub public_url: Option<String>,
}

/// The alert-delivery settings given on the command line or in the environment.
#[derive(Debug, Default, Clone)]
pub struct DeliveryFlags {
    pub smtp_url: Option<String>,
    pub smtp_from: Option<String>,
    pub public_url: Option<String>,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub bind: String,
    pub secure_cookies: bool,
    /// Days the raw text (and link) of a monitored document is kept after its
    /// publication; then only its analysis stays (SPEC §4, retention).
    pub text_retention_days: u32,
    /// The SMTP server alerts are e-mailed through; none: e-mail deliveries
    /// fail visibly with that reason.
    pub smtp_url: Option<String>,
    pub smtp_from: String,
    /// The site's address, for the links in alerts.
    pub public_url: String,
}

pub const DEFAULT_SMTP_FROM: &str = "Kelisim <kelisim@localhost>";

pub const DEFAULT_TEXT_RETENTION_DAYS: u32 = 365;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./kelisim-data";

pub fn load_file(path: Option<&Path>) -> anyhow::Result<FileConfig> {
    match path {
        None => Ok(FileConfig::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading configuration file {}", p.display()))?;
            toml::from_str(&text).with_context(|| format!("configuration file {} is not valid", p.display()))
        }
    }
}

/// Resolves each setting: flag or environment first, then file, then default.
/// `secure_default` is the cookie default of the command (serve: on; demo:
/// off, since the demo is served over plain http on the loopback address).
pub fn resolve(
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    bind: Option<String>,
    secure_cookies: Option<bool>,
    text_retention_days: Option<u32>,
    delivery: DeliveryFlags,
    file: FileConfig,
    secure_default: bool,
) -> Config {
    let data_dir = data_dir.or(file.data_dir).unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
    let database_url = database_url.or(file.database_url).unwrap_or_else(|| format!("sqlite://{}/kelisim.db", data_dir.display()));
    let bind = bind.or(file.bind).unwrap_or_else(|| DEFAULT_BIND.to_string());
    let public_url = delivery.public_url.or(file.public_url).unwrap_or_else(|| format!("http://{bind}"));
    Config {
        database_url,
        data_dir,
        bind,
        smtp_url: delivery.smtp_url.or(file.smtp_url).filter(|u| !u.is_empty()),
        smtp_from: delivery.smtp_from.or(file.smtp_from).unwrap_or_else(|| DEFAULT_SMTP_FROM.to_string()),
        public_url: public_url.trim_end_matches('/').to_string(),
        secure_cookies: secure_cookies.or(file.secure_cookies).unwrap_or(secure_default),
        text_retention_days: text_retention_days.or(file.text_retention_days).unwrap_or(DEFAULT_TEXT_RETENTION_DAYS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_file_and_file_over_defaults() {
        let file = FileConfig { database_url: Some("postgres://x/y".into()), bind: Some("0.0.0.0:9000".into()), text_retention_days: Some(90), smtp_url: Some("smtp://file:25".into()), public_url: Some("https://k.example.kz/".into()), ..Default::default() };
        let flags = DeliveryFlags { smtp_url: Some("smtp://flag:25".into()), ..Default::default() };
        let c = resolve(None, Some("/tmp/k".into()), Some("127.0.0.1:1".into()), None, None, flags, file, true);
        assert_eq!(c.smtp_url.as_deref(), Some("smtp://flag:25"));
        assert_eq!(c.public_url, "https://k.example.kz");
        assert_eq!(c.smtp_from, DEFAULT_SMTP_FROM);
        assert_eq!(c.database_url, "postgres://x/y");
        assert_eq!(c.bind, "127.0.0.1:1");
        assert!(c.secure_cookies);
        assert_eq!(c.text_retention_days, 90);
        let c = resolve(None, None, None, None, Some(30), DeliveryFlags::default(), FileConfig::default(), false);
        assert_eq!(c.text_retention_days, 30);
        let c = resolve(None, None, None, None, None, DeliveryFlags::default(), FileConfig::default(), false);
        assert_eq!(c.text_retention_days, DEFAULT_TEXT_RETENTION_DAYS);
        assert_eq!(c.smtp_url, None);
        assert_eq!(c.public_url, format!("http://{DEFAULT_BIND}"));
        assert_eq!(c.database_url, "sqlite://./kelisim-data/kelisim.db");
        assert_eq!(c.bind, DEFAULT_BIND);
    }

    #[test]
    fn unknown_keys_in_the_file_are_an_error() {
        assert!(toml::from_str::<FileConfig>("databse_url = 'x'").is_err());
    }
}
