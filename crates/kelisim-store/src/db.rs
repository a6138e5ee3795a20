//! The connection pool, the backend it talks to, and write transactions.

use std::sync::Arc;

use serde_json::Value;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The database: a pool and, on SQLite, the lock that serialises writers.
///
/// SQLite allows one writer at a time; a deferred transaction that reads and
/// then writes fails with `SQLITE_BUSY` instead of waiting when another writer
/// got in first. Writers therefore queue on an in-process lock (SQLite is the
/// embedded, single-process backend). PostgreSQL needs no such lock: the audit
/// head row (see `audit`) orders concurrent writers.
#[derive(Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    write_lock: Option<Arc<Mutex<()>>>,
}

impl Store {
    /// Connects to `url` (`sqlite://PATH` or `postgres://…`). A SQLite file
    /// and its folder are created when missing.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)
            .ok_or_else(|| crate::StoreError::Other(format!("unsupported database URL (use sqlite:// or postgres://): {url}")))?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 8 } else { 16 });
        // SQLite: write-ahead log; `synchronous = FULL` so that a committed
        // transaction is on disk (a crawler's batch is acknowledged only then).
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"] {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
        } else {
            options
        };
        // sqlx logs a statement slower than a second at WARN with its whole
        // text — ten thousand `?` for a multi-row insert. Slow statements are
        // logged at DEBUG instead (RUST_LOG=sqlx=debug shows them).
        use sqlx::ConnectOptions;
        let connect = <sqlx::any::AnyConnectOptions as std::str::FromStr>::from_str(&url)?
            .log_slow_statements(log::LevelFilter::Debug, std::time::Duration::from_secs(1));
        let pool = options.connect_with(connect).await?;
        let write_lock = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Store { pool, backend, write_lock })
    }

    /// Starts a write transaction on behalf of `actor` (a login, or `system`).
    pub async fn begin_write(&self, actor: &str) -> Result<WriteTx> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = self.pool.begin().await?;
        Ok(WriteTx { tx, _guard: guard, actor: actor.to_string() })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Creates database `name` on the PostgreSQL server of `server_url`; answers
/// its URL. For the per-test databases and `kelisim bench` (`name` is ours,
/// never a user's: it is written into the statement).
pub async fn create_postgres_database(server_url: &str, name: &str) -> Result<String> {
    let admin = Store::connect(server_url).await?;
    let created = sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin.pool).await;
    admin.close().await;
    created?;
    let base = server_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(server_url);
    Ok(format!("{base}/{name}"))
}

/// Drops database `name` on the server of `server_url`, closing its connections.
pub async fn drop_postgres_database(server_url: &str, name: &str) -> Result<()> {
    let admin = Store::connect(server_url).await?;
    let dropped = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin.pool).await;
    admin.close().await;
    dropped?;
    Ok(())
}

/// Adds `mode=rwc` (create when missing) and makes the parent folder.
fn prepare_sqlite_url(url: &str) -> Result<String> {
    let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or("");
    if !path.is_empty() && path != ":memory:" {
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| crate::StoreError::Other(format!("cannot create {}: {e}", parent.display())))?;
        }
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// A write transaction. Every change made through it is recorded with
/// [`WriteTx::audit`]; nothing is visible to others until [`WriteTx::commit`].
pub struct WriteTx {
    pub tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
    pub actor: String,
}

impl WriteTx {
    /// Appends one entry to the audit log, chained to the previous one.
    pub async fn audit(&mut self, action: &str, entity: &str, entity_id: &str, before: Option<&Value>, after: Option<&Value>) -> Result<()> {
        crate::audit::append(self, action, entity, entity_id, before, after).await
    }

    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

/// Reads a column, mapping a type mismatch to a database error.
pub fn col<T>(row: &AnyRow, name: &str) -> Result<T>
where
    T: for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    use sqlx::Row;
    Ok(row.try_get::<T, _>(name)?)
}
