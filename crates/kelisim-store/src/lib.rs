//! Persistence of Kelisim over SQLite (embedded default) and PostgreSQL
//! (production), through one code path.
//!
//! Every query is written once, in the SQL both databases understand, with
//! `$1`-style parameters, and runs through sqlx's `Any` driver. Schema
//! migrations are written once as templates (`migrations/*.sql`) and rendered
//! per backend. Every write goes through [`WriteTx`], which appends the change
//! to the hash-chained audit log in the same transaction: a write without its
//! audit entry cannot commit.
//!
//! This crate knows nothing of HTTP or of who may do what: callers check
//! `kelisim_core::access` first.

pub mod audit;
pub mod control;
pub mod db;
pub mod error;
pub mod governance;
pub mod indicators;
pub mod membership;
pub mod migrate;
pub mod monitoring;
pub mod organisations;
pub mod people;
pub mod plans;
pub mod reference;
pub mod settings;
mod sql;
pub mod testing;
pub mod users;

pub use db::{Backend, Store, WriteTx};
pub use error::StoreError;

/// `YYYY-MM-DDTHH:MM:SSZ` for now (UTC).
pub fn now_utc() -> String {
    kelisim_core::monitoring::instant_text(time::OffsetDateTime::now_utc())
}

/// `YYYY-MM-DD` for today (UTC).
pub fn today_utc() -> String {
    now_utc()[..10].to_string()
}
