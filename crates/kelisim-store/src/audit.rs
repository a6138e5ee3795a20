//! The audit log: append-only and tamper-evident (SPEC §4).
//!
//! Each entry's `hash` is SHA-256 over its fields and the previous entry's
//! hash. `audit_head` holds the last sequence number and hash; every write
//! transaction updates that one row first, which orders concurrent writers on
//! PostgreSQL (the row lock) and on SQLite (the write lock). `verify` recomputes
//! the chain and names the first entry that was changed, deleted or inserted
//! out of order, and a truncated tail (head ahead of the last entry).

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::db::{col, Store, WriteTx};
use crate::error::Result;

/// One entry as stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry: fields separated by a unit separator so that no two
/// different entries serialise alike.
pub fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        e.prev_hash.as_str(),
        &e.seq.to_string(),
        &e.at,
        &e.actor,
        &e.action,
        &e.entity,
        &e.entity_id,
        e.before_json.as_deref().unwrap_or("\u{0}"),
        e.after_json.as_deref().unwrap_or("\u{0}"),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

pub(crate) async fn append(tx: &mut WriteTx, action: &str, entity: &str, entity_id: &str, before: Option<&Value>, after: Option<&Value>) -> Result<()> {
    let (seq, last_hash): (i64, String) = sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash")
        .fetch_one(tx.conn())
        .await?;
    let mut e = AuditEntry {
        seq,
        at: crate::now_utc(),
        actor: tx.actor.clone(),
        action: action.to_string(),
        entity: entity.to_string(),
        entity_id: entity_id.to_string(),
        before_json: before.map(|v| v.to_string()),
        after_json: after.map(|v| v.to_string()),
        prev_hash: last_hash,
        hash: String::new(),
    };
    e.hash = entry_hash(&e);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(e.seq)
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.entity)
    .bind(&e.entity_id)
    .bind(&e.before_json)
    .bind(&e.after_json)
    .bind(&e.prev_hash)
    .bind(&e.hash)
    .execute(tx.conn())
    .await?;
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1").bind(&e.hash).execute(tx.conn()).await?;
    Ok(())
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The whole chain holds; `entries` were checked.
    Intact { entries: i64 },
    /// The first bad entry and why.
    Broken { seq: i64, reason: String },
}

/// Recomputes the chain from the first entry, streaming in pages.
pub async fn verify(store: &Store) -> Result<Verdict> {
    let mut expected_seq = 1_i64;
    let mut prev_hash = String::new();
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT 5000",
        )
        .bind(expected_seq)
        .fetch_all(&store.pool)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let e = entry_from_row(row)?;
            if e.seq != expected_seq {
                return Ok(Verdict::Broken { seq: expected_seq, reason: format!("entry {expected_seq} is missing (next stored is {})", e.seq) });
            }
            if e.prev_hash != prev_hash {
                return Ok(Verdict::Broken { seq: e.seq, reason: "does not link to the previous entry".into() });
            }
            if entry_hash(&e) != e.hash {
                return Ok(Verdict::Broken { seq: e.seq, reason: "content does not match its hash (changed after writing)".into() });
            }
            prev_hash = e.hash;
            expected_seq += 1;
        }
    }
    let (head_seq, head_hash): (i64, String) = sqlx::query_as("SELECT seq, last_hash FROM audit_head WHERE id = 1").fetch_one(&store.pool).await?;
    if head_seq != expected_seq - 1 || head_hash != prev_hash {
        return Ok(Verdict::Broken { seq: expected_seq, reason: format!("entries {expected_seq}..={head_seq} are missing from the end of the log") });
    }
    Ok(Verdict::Intact { entries: expected_seq - 1 })
}

fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: col(row, "seq")?,
        at: col(row, "at")?,
        actor: col(row, "actor")?,
        action: col(row, "action")?,
        entity: col(row, "entity")?,
        entity_id: col(row, "entity_id")?,
        before_json: col(row, "before_json")?,
        after_json: col(row, "after_json")?,
        prev_hash: col(row, "prev_hash")?,
        hash: col(row, "hash")?,
    })
}

/// The latest entries about one record (for its history panel).
pub async fn for_entity(store: &Store, entity: &str, entity_id: &str, limit: i64) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log \
         WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT $3",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(entry_from_row).collect()
}
