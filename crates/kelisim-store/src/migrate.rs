//! Schema migrations: written once (`migrations/NNNN_name.sql`), rendered for
//! the backend, applied in order inside one transaction each, and recorded in
//! `schema_migrations`. On PostgreSQL an advisory lock keeps two nodes that
//! start at once from migrating twice.
//!
//! After the schema, the reference data of `kelisim_core::reference` is
//! loaded into empty reference tables (on PostgreSQL under the migration
//! lock, so that two nodes starting at once load it once).

use crate::db::{Backend, Store};
use crate::error::Result;

/// (version, name, template)
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "registry", include_str!("../migrations/0001_registry.sql")),
    (2, "monitoring_documents", include_str!("../migrations/0002_monitoring_documents.sql")),
    (3, "monitoring_centre", include_str!("../migrations/0003_monitoring_centre.sql")),
    (4, "governance", include_str!("../migrations/0004_governance.sql")),
    (5, "action_plan", include_str!("../migrations/0005_action_plan.sql")),
];

/// Renders a template for a backend.
pub fn render(template: &str, backend: Backend) -> String {
    let (id, int, real, blob) = match backend {
        Backend::Sqlite => ("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "REAL", "BLOB"),
        Backend::Postgres => ("BIGSERIAL PRIMARY KEY", "BIGINT", "DOUBLE PRECISION", "BYTEA"),
    };
    template.replace("@ID@", id).replace("@INT@", int).replace("@REAL@", real).replace("@BLOB@", blob)
}

/// Applies every migration not yet applied; returns how many were applied.
pub async fn migrate(store: &Store) -> Result<usize> {
    let mut conn = store.pool.acquire().await?;
    if store.backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_lock(72530001)").execute(&mut *conn).await?;
    }
    // The reference data is loaded under the same lock: two nodes starting
    // at once must not both find the tables empty.
    let result = match apply_pending(store, &mut conn).await {
        Ok(applied) => load_reference(store).await.map(|()| applied),
        Err(e) => Err(e),
    };
    if store.backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_unlock(72530001)").execute(&mut *conn).await?;
    }
    drop(conn);
    result
}

async fn load_reference(store: &Store) -> Result<()> {
    crate::reference::load_if_empty(store).await?;
    crate::indicators::load_if_empty(store).await?;
    crate::plans::load_if_empty(store).await
}

async fn apply_pending(store: &Store, conn: &mut sqlx::AnyConnection) -> Result<usize> {
    let create = render("CREATE TABLE IF NOT EXISTS schema_migrations (version @INT@ PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", store.backend);
    sqlx::query(&create).execute(&mut *conn).await?;
    let done: Vec<(i64,)> = sqlx::query_as("SELECT version FROM schema_migrations").fetch_all(&mut *conn).await?;
    let mut applied = 0;
    for (version, name, template) in MIGRATIONS {
        if done.iter().any(|(v,)| v == version) {
            continue;
        }
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::raw_sql(&render(template, store.backend)).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
            .bind(*version)
            .bind(*name)
            .bind(crate::now_utc())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(version, name, "migration applied");
        applied += 1;
    }
    Ok(applied)
}

/// The migrations this binary knows, for `kelisim migrate --status`.
pub fn known() -> Vec<(i64, &'static str)> {
    MIGRATIONS.iter().map(|(v, n, _)| (*v, *n)).collect()
}
