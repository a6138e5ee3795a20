//! Documents of the information field and their analysis.
//!
//! [`ingest`] stores a batch in one transaction: the documents that are new
//! (by `source` + `external_id`; re-sent ones are counted as duplicates and
//! left as they are), the per region × day × group counts of exactly those
//! documents, and one audit entry for the batch. When it returns, the batch is
//! committed (on SQLite with `synchronous = FULL`, so on disk).
//!
//! Several app nodes may ingest at once on PostgreSQL, the same documents or
//! different ones. Every batch takes its locks in one order — documents by
//! key, then count rows by key, then the audit head — so two batches wait for
//! each other instead of deadlocking; `ON CONFLICT DO NOTHING` makes the later
//! of two copies a duplicate; and only documents a batch inserted add to the
//! counts, so nothing is counted twice. The same transaction queues the new
//! documents for the signal detectors (`signals`).

use std::collections::{BTreeMap, HashMap};

use kelisim_core::monitoring::{is_flagged, is_hostile, ALL_GROUPS, NO_REGION};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::db::{col, Backend, Store, WriteTx};
use crate::error::Result;
use crate::sql::Sql;

/// A group the document names, with the text's attitude toward it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentGroup {
    /// Ethnic-group id (`kazakh`, `russian`, ...).
    pub group: String,
    /// `negative`, `neutral` or `positive`.
    pub attitude: String,
    /// Probability that the attitude is negative.
    pub negative: f64,
    /// Byte spans `[start, end)` of the mentions in the text.
    pub mentions: Vec<[u32; 2]>,
}

/// A document ready to store: the sender's fields and the engine's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocument {
    pub source: String,
    pub external_id: String,
    pub url: Option<String>,
    pub author_key: Option<String>,
    pub published_at: String,
    pub day: String,
    pub region: Option<String>,
    /// `sender` or `text`.
    pub region_from: Option<&'static str>,
    pub geo: Option<(f64, f64)>,
    pub lang: String,
    pub text: String,
    pub hostility: f64,
    pub ethnic_hostility: f64,
    pub strongest_negative: f64,
    pub groups: Vec<DocumentGroup>,
    /// KATO codes of the regions the text names.
    pub regions: Vec<String>,
    pub signature: u64,
}

/// What became of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Positions (in the batch) of the documents stored now, with their ids.
    pub stored: Vec<(usize, i64)>,
    /// Documents already stored before (or twice in the batch).
    pub duplicates: usize,
}

/// A stored document as the feed and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Document {
    pub id: i64,
    pub source: String,
    pub external_id: String,
    pub url: Option<String>,
    /// Pseudonym of the author (keyed hash), never the handle.
    pub author_key: Option<String>,
    pub published_at: String,
    pub day: String,
    pub region: Option<String>,
    pub region_from: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub lang: String,
    /// Empty once the retention period has passed (`text_purged_at`).
    pub text: Option<String>,
    pub hostility: f64,
    pub ethnic_hostility: f64,
    pub strongest_negative: f64,
    pub flagged: bool,
    pub groups: Vec<DocumentGroup>,
    pub regions: Vec<String>,
    /// The near-duplicate signature (SimHash, 16 hex digits).
    pub signature: String,
    pub ingested_at: String,
    pub text_purged_at: Option<String>,
}

/// Rows per INSERT: 22 parameters a row stays far below SQLite's 32,766.
const ROWS_PER_STATEMENT: usize = 500;

/// Stores a batch (see the module doc). `actor` is the login (or `cli`).
pub async fn ingest(store: &Store, actor: &str, docs: &[NewDocument]) -> Result<IngestOutcome> {
    let mut attempt = 0;
    loop {
        match ingest_once(store, actor, docs).await {
            // PostgreSQL may still pick a batch as a deadlock victim (for
            // example against a purge); the whole batch is retried.
            Err(crate::StoreError::Db(sqlx::Error::Database(e))) if attempt < 3 && matches!(e.code().as_deref(), Some("40P01") | Some("40001")) => {
                attempt += 1;
                tracing::warn!(attempt, "ingestion batch retried after {}", e.message());
            }
            other => return other,
        }
    }
}

async fn ingest_once(store: &Store, actor: &str, docs: &[NewDocument]) -> Result<IngestOutcome> {
    // One order for every batch (see the module doc); a document sent twice
    // in one batch is stored once.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| (&docs[a].source, &docs[a].external_id, a).cmp(&(&docs[b].source, &docs[b].external_id, b)));
    order.dedup_by(|b, a| docs[*a].source == docs[*b].source && docs[*a].external_id == docs[*b].external_id);
    let mut tx = store.begin_write(actor).await?;
    let now = crate::now_utc();
    let mut stored = Vec::new();
    for chunk in order.chunks(ROWS_PER_STATEMENT) {
        stored.extend(insert_new(&mut tx, store.backend, docs, chunk, &now).await?);
    }
    stored.sort_unstable();
    add_to_daily(&mut tx, store.backend, stored.iter().map(|&(i, _)| &docs[i])).await?;
    enqueue_for_signals(&mut tx, store.backend, stored.iter().map(|s| s.1)).await?;
    let duplicates = docs.len() - stored.len();
    if !stored.is_empty() {
        let first = stored.iter().map(|s| s.1).min().unwrap_or(0);
        let last = stored.iter().map(|s| s.1).max().unwrap_or(0);
        let after = serde_json::json!({ "stored": stored.len(), "duplicates": duplicates, "first_id": first, "last_id": last });
        tx.audit("ingest", "monitoring_documents", &format!("{first}..{last}"), None, Some(&after)).await?;
    }
    tx.commit().await?;
    Ok(IngestOutcome { stored, duplicates })
}

/// Inserts the documents at `positions`; answers the (position, id) of each one new.
async fn insert_new(tx: &mut WriteTx, backend: Backend, docs: &[NewDocument], positions: &[usize], now: &str) -> Result<Vec<(usize, i64)>> {
    let mut q = Sql::for_backend(
        "INSERT INTO monitoring_documents (source, external_id, url, author_key, published_at, day, region, region_from, lat, lon, lang, text, \
         hostility, ethnic_hostility, strongest_negative, flagged, groups, regions, signature, ingested_at) VALUES ",
        backend,
    );
    for (n, &i) in positions.iter().enumerate() {
        let d = &docs[i];
        q.push(if n == 0 { "(" } else { ", (" });
        q.bind(d.source.clone()).push(", ").bind(d.external_id.clone()).push(", ").bind(d.url.clone()).push(", ").bind(d.author_key.clone());
        q.push(", ").bind(d.published_at.clone()).push(", ").bind(d.day.clone()).push(", ").bind(d.region.clone());
        q.push(", ").bind(d.region_from.map(str::to_string)).push(", ").bind(d.geo.map(|g| g.0)).push(", ").bind(d.geo.map(|g| g.1));
        q.push(", ").bind(d.lang.clone()).push(", ").bind(d.text.clone());
        q.push(", ").bind(d.hostility).push(", ").bind(d.ethnic_hostility).push(", ").bind(d.strongest_negative);
        q.push(", ").bind(is_flagged(d.ethnic_hostility) as i64);
        q.push(", ").bind(serde_json::to_string(&d.groups).unwrap_or_else(|_| "[]".into()));
        q.push(", ").bind(serde_json::to_string(&d.regions).unwrap_or_else(|_| "[]".into()));
        q.push(", ").bind(d.signature as i64).push(", ").bind(now.to_string()).push(")");
    }
    q.push(" ON CONFLICT (source, external_id) DO NOTHING RETURNING id, source, external_id");
    let rows = q.query().fetch_all(tx.conn()).await?;
    let at: HashMap<(&str, &str), usize> = positions.iter().map(|&i| ((docs[i].source.as_str(), docs[i].external_id.as_str()), i)).collect();
    let mut stored = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get(0)?;
        let source: String = row.try_get(1)?;
        let external_id: String = row.try_get(2)?;
        if let Some(&i) = at.get(&(source.as_str(), external_id.as_str())) {
            stored.push((i, id));
        }
    }
    Ok(stored)
}

/// Hands the new documents to the signal detectors (`signals`), in the
/// transaction that stores them.
async fn enqueue_for_signals(tx: &mut WriteTx, backend: Backend, ids: impl Iterator<Item = i64>) -> Result<()> {
    let ids: Vec<i64> = ids.collect();
    for chunk in ids.chunks(ROWS_PER_STATEMENT * 4) {
        let mut q = Sql::for_backend("INSERT INTO monitoring_signal_queue (document_id) VALUES ", backend);
        for (n, id) in chunk.iter().enumerate() {
            q.push(if n == 0 { "(" } else { ", (" }).bind(*id).push(")");
        }
        q.query().execute(tx.conn()).await?;
    }
    Ok(())
}

/// Counts of one region × day × group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    mentions: i64,
    negative: i64,
    neutral: i64,
    positive: i64,
    hostile: i64,
    ethnic_hostile: i64,
}

/// Adds the documents to `monitoring_daily`, keys in order (see the module doc).
async fn add_to_daily<'d>(tx: &mut WriteTx, backend: Backend, docs: impl Iterator<Item = &'d NewDocument>) -> Result<()> {
    let mut counts: BTreeMap<(String, String, String), Counts> = BTreeMap::new();
    for d in docs {
        let region = d.region.clone().unwrap_or_else(|| NO_REGION.to_string());
        let hostile = is_hostile(d.hostility) as i64;
        let ethnic = is_flagged(d.ethnic_hostility) as i64;
        let all = counts.entry((region.clone(), d.day.clone(), ALL_GROUPS.to_string())).or_default();
        all.mentions += 1;
        all.hostile += hostile;
        all.ethnic_hostile += ethnic;
        for g in &d.groups {
            let c = counts.entry((region.clone(), d.day.clone(), g.group.clone())).or_default();
            c.mentions += 1;
            match g.attitude.as_str() {
                "negative" => c.negative += 1,
                "positive" => c.positive += 1,
                _ => c.neutral += 1,
            }
            c.hostile += hostile;
            c.ethnic_hostile += ethnic;
        }
    }
    let entries: Vec<_> = counts.into_iter().collect();
    for chunk in entries.chunks(ROWS_PER_STATEMENT) {
        let mut q = Sql::for_backend("INSERT INTO monitoring_daily (region, day, group_id, mentions, negative, neutral, positive, hostile, ethnic_hostile) VALUES ", backend);
        for (n, ((region, day, group), c)) in chunk.iter().enumerate() {
            q.push(if n == 0 { "(" } else { ", (" });
            q.bind(region.clone()).push(", ").bind(day.clone()).push(", ").bind(group.clone());
            for v in [c.mentions, c.negative, c.neutral, c.positive, c.hostile, c.ethnic_hostile] {
                q.push(", ").bind(v);
            }
            q.push(")");
        }
        q.push(
            " ON CONFLICT (region, day, group_id) DO UPDATE SET mentions = monitoring_daily.mentions + excluded.mentions, \
             negative = monitoring_daily.negative + excluded.negative, neutral = monitoring_daily.neutral + excluded.neutral, \
             positive = monitoring_daily.positive + excluded.positive, hostile = monitoring_daily.hostile + excluded.hostile, \
             ethnic_hostile = monitoring_daily.ethnic_hostile + excluded.ethnic_hostile",
        );
        q.query().execute(tx.conn()).await?;
    }
    Ok(())
}

const COLUMNS: &str = "id, source, external_id, url, author_key, published_at, day, region, region_from, lat, lon, lang, text, hostility, \
    ethnic_hostility, strongest_negative, flagged, groups, regions, signature, ingested_at, text_purged_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Document> {
    let groups: String = col(row, "groups")?;
    let regions: String = col(row, "regions")?;
    let signature: i64 = col(row, "signature")?;
    Ok(Document {
        id: col(row, "id")?,
        source: col(row, "source")?,
        external_id: col(row, "external_id")?,
        url: col(row, "url")?,
        author_key: col(row, "author_key")?,
        published_at: col(row, "published_at")?,
        day: col(row, "day")?,
        region: col(row, "region")?,
        region_from: col(row, "region_from")?,
        lat: col(row, "lat")?,
        lon: col(row, "lon")?,
        lang: col(row, "lang")?,
        text: col(row, "text")?,
        hostility: col(row, "hostility")?,
        ethnic_hostility: col(row, "ethnic_hostility")?,
        strongest_negative: col(row, "strongest_negative")?,
        flagged: col::<i64>(row, "flagged")? != 0,
        groups: serde_json::from_str(&groups).unwrap_or_default(),
        regions: serde_json::from_str(&regions).unwrap_or_default(),
        signature: format!("{:016x}", signature as u64),
        ingested_at: col(row, "ingested_at")?,
        text_purged_at: col(row, "text_purged_at")?,
    })
}

/// One document by id.
pub async fn get(store: &Store, id: i64) -> Result<Document> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM monitoring_documents WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?;
    from_row(&row.ok_or(crate::StoreError::NotFound)?)
}

/// One document by its identity at the source.
pub async fn find(store: &Store, source: &str, external_id: &str) -> Result<Option<Document>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM monitoring_documents WHERE source = $1 AND external_id = $2"))
        .bind(source)
        .bind(external_id)
        .fetch_optional(&store.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The flagged documents (ethnic hostility ≥ 0.5) of a region (or of all
/// regions), newest first, one page.
pub async fn flagged(store: &Store, region: Option<&str>, page: i64, per_page: i64) -> Result<Vec<Document>> {
    let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM monitoring_documents WHERE flagged = 1"));
    if let Some(r) = region {
        q.push(" AND region = ").bind(r.to_string());
    }
    q.push(" ORDER BY published_at DESC, id DESC LIMIT ").bind(per_page).push(" OFFSET ").bind((page - 1).max(0) * per_page);
    let rows = q.query().fetch_all(&store.pool).await?;
    rows.iter().map(from_row).collect()
}

/// The id of the newest document stored (0 when none).
pub async fn last_id(store: &Store) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM monitoring_documents").fetch_one(&store.pool).await?;
    Ok(n)
}

/// How many documents are stored.
pub async fn count(store: &Store) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM monitoring_documents").fetch_one(&store.pool).await?;
    Ok(n)
}

/// Rows emptied per statement by [`purge_texts`].
const PURGE_CHUNK: i64 = 5_000;

/// Empties the text and link of every document published before `before`
/// (the retention period, SPEC §4) and keeps its analysis; answers how many.
/// Works in chunks so that ingestion is never held for long.
pub async fn purge_texts(store: &Store, actor: &str, before: &str) -> Result<u64> {
    let mut total = 0;
    loop {
        let mut tx = store.begin_write(actor).await?;
        let done = sqlx::query(
            "UPDATE monitoring_documents SET text = NULL, url = NULL, text_purged_at = $1 WHERE id IN \
             (SELECT id FROM monitoring_documents WHERE published_at < $2 AND text_purged_at IS NULL ORDER BY published_at LIMIT $3)",
        )
        .bind(crate::now_utc())
        .bind(before)
        .bind(PURGE_CHUNK)
        .execute(tx.conn())
        .await?
        .rows_affected();
        if done > 0 {
            let after = serde_json::json!({ "texts_purged": done, "published_before": before });
            tx.audit("purge_texts", "monitoring_documents", "retention", None, Some(&after)).await?;
        }
        tx.commit().await?;
        total += done;
        if done < PURGE_CHUNK as u64 {
            return Ok(total);
        }
    }
}
