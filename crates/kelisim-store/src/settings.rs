//! Key/value settings of the installation (e.g. whether demo data was loaded).

use crate::db::{Store, WriteTx};
use crate::error::Result;

pub async fn get(store: &Store, key: &str) -> Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(&store.pool).await?;
    Ok(row.map(|r| r.0))
}

pub async fn set(tx: &mut WriteTx, key: &str, value: &str) -> Result<()> {
    sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(tx.conn()).await?;
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)").bind(key).bind(value).execute(tx.conn()).await?;
    tx.audit("set", "setting", key, None, Some(&serde_json::json!({ "value": value }))).await
}
