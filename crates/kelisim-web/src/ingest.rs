//! The ingestion pipeline of the information field (issue 4 §1), shared by
//! `POST /api/v1/monitoring/documents` and `kelisim ingest`: read the batch,
//! check each document (`kelisim_core::monitoring::parse_document`), analyse
//! it with the text engine, pseudonymise its author, and store the batch
//! (`kelisim_store::monitoring::documents::ingest`).
//!
//! A bad document is reported by its position and reason and the rest of the
//! batch is stored; a batch is answered only after its transaction committed.

use kelisim_core::monitoring::{parse_document, ValidDocument};
use kelisim_store::monitoring::authors::author_key;
use kelisim_store::monitoring::documents::{self, DocumentGroup, NewDocument};
use kelisim_store::Store;
use kelisim_text::{Lang, Model};
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::error::FieldProblem;

/// Most documents in one HTTP batch; larger sets go in several batches.
pub const MAX_BATCH: usize = 10_000;

/// A document that was not stored, and why.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rejected {
    /// 0-based position in the batch (for NDJSON: the line among the non-empty lines).
    pub index: usize,
    /// The document's `external_id`, when it had one.
    pub external_id: Option<String>,
    pub problems: Vec<FieldProblem>,
}

/// What became of a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IngestReport {
    /// Documents in the batch.
    pub received: usize,
    /// Documents stored now.
    pub stored: usize,
    /// Documents already stored (same `source` and `external_id`), left as they were.
    pub duplicates: usize,
    pub rejected: Vec<Rejected>,
}

/// The values of a batch: a JSON array, or NDJSON (one object per line). A
/// line that is not JSON is rejected alone; an array that is not JSON is an
/// error of the whole body (its documents cannot be told apart).
pub fn split_body(body: &[u8]) -> Result<Vec<Result<Value, String>>, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("the body is not UTF-8 text: {e}"))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') {
        let values: Vec<Value> = serde_json::from_str(trimmed).map_err(|e| format!("the body is not a JSON array: {e}"))?;
        return Ok(values.into_iter().map(Ok).collect());
    }
    Ok(trimmed.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str::<Value>(l).map_err(|e| e.to_string())).collect())
}

/// The engine's analysis of a checked document, ready to store.
pub fn analyse(model: &Model, doc: ValidDocument, key: &[u8]) -> NewDocument {
    let a = model.analyze(&doc.text, doc.lang.as_deref().and_then(Lang::from_code), &[]);
    let groups = a
        .groups
        .iter()
        .map(|g| DocumentGroup {
            group: g.group.to_string(),
            attitude: g.attitude.code().to_string(),
            negative: round(g.negative),
            mentions: g.mentions.iter().map(|s| [s.start as u32, s.end as u32]).collect(),
        })
        .collect();
    let regions: Vec<String> = a.regions.iter().map(|r| r.to_string()).collect();
    let (region, region_from) = match (&doc.region, regions.first()) {
        (Some(r), _) => (Some(r.clone()), Some("sender")),
        (None, Some(r)) => (Some(r.clone()), Some("text")),
        (None, None) => (None, None),
    };
    NewDocument {
        author_key: doc.author.as_deref().map(|h| author_key(key, &doc.source, h)),
        source: doc.source,
        external_id: doc.external_id,
        url: doc.url,
        published_at: doc.published_at,
        day: doc.day,
        region,
        region_from,
        geo: doc.geo,
        lang: a.lang.code().to_string(),
        text: doc.text,
        hostility: round(a.hostility),
        ethnic_hostility: round(a.ethnic_hostility),
        strongest_negative: round(a.strongest_negative),
        groups,
        regions,
        signature: a.signature,
    }
}

fn round(x: f32) -> f64 {
    (x as f64 * 10_000.0).round() / 10_000.0
}

/// Checks and analyses every value of a batch (an `Err` value is a line that
/// was not JSON, with the parser's words): the documents to store (with
/// their positions) and the rejected ones.
pub fn prepare(values: Vec<Result<Value, String>>, default_source: Option<&str>, now: OffsetDateTime, key: &[u8]) -> (Vec<NewDocument>, Vec<Rejected>) {
    let model = Model::builtin();
    let mut docs = Vec::with_capacity(values.len());
    let mut rejected = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        let value = match value {
            Ok(v) => v,
            Err(detail) => {
                let message = format!("{} ({detail})", crate::i18n::t(crate::i18n::Lang::En, "err-invalid-json").trim_end_matches('.'));
                rejected.push(Rejected { index, external_id: None, problems: vec![FieldProblem { field: "document".into(), reason: "err-invalid-json".into(), message }] });
                continue;
            }
        };
        match parse_document(&value, default_source, now) {
            Ok(doc) => docs.push(analyse(model, doc, key)),
            Err(errs) => {
                let external_id = value.get("external_id").and_then(|v| v.as_str().map(String::from).or_else(|| v.as_i64().map(|n| n.to_string())));
                let problems = errs.0.iter().map(|e| FieldProblem { field: e.field.clone(), message: crate::i18n::t(crate::i18n::Lang::En, &e.reason), reason: e.reason.clone() }).collect();
                rejected.push(Rejected { index, external_id, problems });
            }
        }
    }
    (docs, rejected)
}

/// Checks, analyses (off the async threads: it is CPU work) and stores one
/// batch; answers once it is committed.
pub async fn ingest_batch(store: &Store, actor: &str, values: Vec<Result<Value, String>>, default_source: Option<String>, key: Vec<u8>) -> Result<IngestReport, crate::error::AppError> {
    let received = values.len();
    let (docs, rejected) = tokio::task::spawn_blocking(move || prepare(values, default_source.as_deref(), OffsetDateTime::now_utc(), &key))
        .await
        .map_err(|e| crate::error::AppError::Internal(format!("analysis task failed: {e}")))?;
    let outcome = documents::ingest(store, actor, &docs).await?;
    Ok(IngestReport { received, stored: outcome.stored.len(), duplicates: outcome.duplicates, rejected })
}
