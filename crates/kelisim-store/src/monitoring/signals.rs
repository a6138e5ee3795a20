//! The signal detectors of the information field (issue 4 §2): spikes and
//! coordinated campaigns, found in the documents the ingestion queued.
//!
//! [`run`] takes the queue in chunks, each in one transaction that first
//! updates the job's row (so two nodes' detectors run one after the other):
//! - **spikes**: for every region and day the chunk touched, the day's count
//!   of flagged documents against the region's trailing days
//!   (`kelisim_core::monitoring::spike`), read from `monitoring_daily`; a new
//!   spike row raises its alert, a known one has its figures brought up to date;
//! - **campaigns**: the chunk's documents that name a group look up their
//!   signature's band keys among the candidates published within the window
//!   around them (`kelisim_core::monitoring::campaign`); near-duplicates join
//!   a campaign they touch, or make a new one once they come from enough
//!   distinct authors, which raises its alert;
//!
//! then removes the chunk from the queue. A document is read once, whatever
//! the number of nodes; an alert is raised once (its dedupe key).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kelisim_core::monitoring::alert::{dedupe_key, AlertKind};
use kelisim_core::monitoring::calendar::{add_days, add_seconds, epoch_seconds};
use kelisim_core::monitoring::campaign::{band_keys, is_campaign, is_hostile, near_duplicates, WINDOW_SECONDS};
use kelisim_core::monitoring::spike::{test_day, BASELINE_DAYS};
use kelisim_core::monitoring::ALL_GROUPS;
use serde::Serialize;
use sqlx::Row;

use super::alerts::{self, NewAlert};
use crate::db::{col, Backend, Store, WriteTx};
use crate::error::Result;
use crate::sql::Sql;

/// Documents read per transaction.
const CHUNK: i64 = 5_000;
/// Band keys per look-up statement.
const BANDS_PER_STATEMENT: usize = 2_000;
/// In a bucket of documents sharing a band value, each document is compared
/// with at most this many others (a flood of identical texts is one campaign
/// long before that; this bounds the work, not the finding).
const MAX_BUCKET_COMPARISONS: usize = 400;

/// What a run found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SignalsOutcome {
    pub documents: usize,
    pub spikes_new: usize,
    pub spikes_updated: usize,
    pub campaigns_new: usize,
    pub campaigns_grown: usize,
    pub alerts: usize,
}

/// Reads the whole queue (see the module doc); `now` is the time the alerts
/// are raised at, `is_demo` marks them as the demo's.
pub async fn run(store: &Store, now: &str, is_demo: bool) -> Result<SignalsOutcome> {
    let mut total = SignalsOutcome::default();
    loop {
        let mut tx = store.begin_write("signals").await?;
        sqlx::query("UPDATE monitoring_jobs SET last_run_at = $1 WHERE name = 'signals'").bind(now).execute(tx.conn()).await?;
        let docs = queued(&mut tx).await?;
        if docs.is_empty() {
            tx.commit().await?;
            return Ok(total);
        }
        let mut outcome = SignalsOutcome { documents: docs.len(), ..Default::default() };
        detect_spikes(&mut tx, &docs, now, is_demo, &mut outcome).await?;
        detect_campaigns(&mut tx, store.backend, &docs, now, is_demo, &mut outcome).await?;
        dequeue(&mut tx, store.backend, &docs).await?;
        if outcome.spikes_new + outcome.campaigns_new + outcome.spikes_updated + outcome.campaigns_grown > 0 {
            tx.audit("detect", "monitoring_signals", "run", None, Some(&serde_json::to_value(outcome).unwrap_or_default())).await?;
        }
        tx.commit().await?;
        total.documents += outcome.documents;
        total.spikes_new += outcome.spikes_new;
        total.spikes_updated += outcome.spikes_updated;
        total.campaigns_new += outcome.campaigns_new;
        total.campaigns_grown += outcome.campaigns_grown;
        total.alerts += outcome.alerts;
    }
}

/// A queued document, as the detectors need it.
#[derive(Debug, Clone)]
struct Queued {
    id: i64,
    region: Option<String>,
    day: String,
    published_at: String,
    signature: u64,
    author_key: Option<String>,
    named_groups: bool,
}

async fn queued(tx: &mut WriteTx) -> Result<Vec<Queued>> {
    let rows = sqlx::query(
        "SELECT d.id, d.region, d.day, d.published_at, d.signature, d.author_key, d.groups FROM monitoring_signal_queue q \
         JOIN monitoring_documents d ON d.id = q.document_id ORDER BY q.document_id LIMIT $1",
    )
    .bind(CHUNK)
    .fetch_all(tx.conn())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let groups: String = col(r, "groups")?;
        out.push(Queued {
            id: col(r, "id")?,
            region: col(r, "region")?,
            day: col(r, "day")?,
            published_at: col(r, "published_at")?,
            signature: col::<i64>(r, "signature")? as u64,
            author_key: col(r, "author_key")?,
            named_groups: groups.len() > 2,
        });
    }
    Ok(out)
}

async fn dequeue(tx: &mut WriteTx, backend: Backend, docs: &[Queued]) -> Result<()> {
    for chunk in docs.chunks(2_000) {
        let mut q = Sql::for_backend("DELETE FROM monitoring_signal_queue WHERE document_id IN (", backend);
        for (i, d) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind(d.id);
        }
        q.push(")");
        q.query().execute(tx.conn()).await?;
    }
    Ok(())
}

async fn detect_spikes(tx: &mut WriteTx, docs: &[Queued], now: &str, is_demo: bool, outcome: &mut SignalsOutcome) -> Result<()> {
    let mut touched: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in docs {
        if let Some(r) = d.region.as_deref() {
            touched.entry(r).or_default().insert(d.day.as_str());
        }
    }
    for (region, days) in touched {
        let (Some(first), Some(last)) = (days.first(), days.last()) else { continue };
        let from = add_days(first, -(BASELINE_DAYS as i64));
        let rows: Vec<(String, i64, i64)> = sqlx::query_as("SELECT day, mentions, ethnic_hostile FROM monitoring_daily WHERE region = $1 AND group_id = $2 AND day >= $3 AND day <= $4")
            .bind(region)
            .bind(ALL_GROUPS)
            .bind(&from)
            .bind(*last)
            .fetch_all(tx.conn())
            .await?;
        let by_day: HashMap<String, (i64, i64)> = rows.into_iter().map(|(d, m, e)| (d, (m, e))).collect();
        for day in days {
            let (documents, flagged) = by_day.get(day).copied().unwrap_or((0, 0));
            let trailing: Vec<i64> = (1..=BASELINE_DAYS as i64).map(|k| by_day.get(&add_days(day, -k)).map_or(0, |c| c.1)).collect();
            let test = test_day(flagged, &trailing);
            if !test.is_spike {
                continue;
            }
            let groups: Vec<(String, i64)> = sqlx::query_as(
                "SELECT group_id, ethnic_hostile FROM monitoring_daily WHERE region = $1 AND day = $2 AND group_id <> $3 AND ethnic_hostile > 0 ORDER BY ethnic_hostile DESC, group_id LIMIT 5",
            )
            .bind(region)
            .bind(day)
            .bind(ALL_GROUPS)
            .fetch_all(tx.conn())
            .await?;
            let groups_json = serde_json::Value::Array(groups.iter().map(|(g, n)| serde_json::json!({ "group": g, "flagged": n })).collect());
            let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM monitoring_spikes WHERE region = $1 AND day = $2").bind(region).bind(day).fetch_optional(tx.conn()).await?;
            let id = match existing {
                Some((id,)) => {
                    sqlx::query("UPDATE monitoring_spikes SET flagged = $1, documents = $2, baseline = $3, threshold = $4, groups = $5, updated_at = $6 WHERE id = $7")
                        .bind(flagged)
                        .bind(documents)
                        .bind(test.baseline)
                        .bind(test.threshold)
                        .bind(groups_json.to_string())
                        .bind(now)
                        .bind(id)
                        .execute(tx.conn())
                        .await?;
                    outcome.spikes_updated += 1;
                    id
                }
                None => {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO monitoring_spikes (region, day, flagged, documents, baseline, threshold, groups, detected_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                    )
                    .bind(region)
                    .bind(day)
                    .bind(flagged)
                    .bind(documents)
                    .bind(test.baseline)
                    .bind(test.threshold)
                    .bind(groups_json.to_string())
                    .bind(now)
                    .fetch_one(tx.conn())
                    .await?;
                    outcome.spikes_new += 1;
                    id
                }
            };
            let facts = serde_json::json!({ "spike_id": id, "region": region, "day": day, "flagged": flagged, "baseline": test.baseline, "groups": groups_json });
            let alert = NewAlert { kind: AlertKind::Spike, subject: format!("{region}:{day}"), region: Some(region.to_string()), subject_id: Some(id), facts, raised_at: now.to_string(), is_demo };
            if alerts::raise(tx, &alert).await?.is_some() {
                outcome.alerts += 1;
            }
        }
    }
    Ok(())
}

/// A candidate of a campaign: a document of the chunk or a neighbour found by its bands.
#[derive(Debug, Clone)]
struct Node {
    id: i64,
    signature: u64,
    at: i64,
    author: Option<String>,
    campaign: Option<i64>,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

async fn detect_campaigns(tx: &mut WriteTx, backend: Backend, docs: &[Queued], now: &str, is_demo: bool, outcome: &mut SignalsOutcome) -> Result<()> {
    let candidates: Vec<&Queued> = docs.iter().filter(|d| d.named_groups).collect();
    if candidates.is_empty() {
        return Ok(());
    }
    let (Some(min_at), Some(max_at)) = (candidates.iter().map(|d| d.published_at.as_str()).min(), candidates.iter().map(|d| d.published_at.as_str()).max()) else { return Ok(()) };
    let (from, to) = (add_seconds(min_at, -WINDOW_SECONDS), add_seconds(max_at, WINDOW_SECONDS));
    // Neighbours already stored, found by any of the chunk's band keys.
    let keys: BTreeSet<i64> = candidates.iter().flat_map(|d| band_keys(d.signature)).collect();
    let keys: Vec<i64> = keys.into_iter().collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for chunk in keys.chunks(BANDS_PER_STATEMENT) {
        let mut q = Sql::for_backend(
            "SELECT DISTINCT d.id, d.signature, d.published_at, d.author_key, c.campaign_id FROM monitoring_signature_bands b JOIN monitoring_documents d ON d.id = b.document_id \
             LEFT JOIN monitoring_campaign_documents c ON c.document_id = d.id WHERE b.published_at >= ",
            backend,
        );
        q.bind(from.clone()).push(" AND b.published_at <= ").bind(to.clone()).push(" AND b.band IN (");
        for (i, k) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind(*k);
        }
        q.push(")");
        for row in q.query().fetch_all(tx.conn()).await? {
            let id: i64 = row.try_get(0)?;
            if index.contains_key(&id) {
                continue;
            }
            let published: String = row.try_get(2)?;
            index.insert(id, nodes.len());
            nodes.push(Node { id, signature: row.try_get::<i64, _>(1)? as u64, at: epoch_seconds(&published), author: row.try_get(3)?, campaign: row.try_get(4)? });
        }
    }
    for d in &candidates {
        if !index.contains_key(&d.id) {
            index.insert(d.id, nodes.len());
            nodes.push(Node { id: d.id, signature: d.signature, at: epoch_seconds(&d.published_at), author: d.author_key.clone(), campaign: None });
        }
    }
    // The chunk's own band keys, for the next chunks and runs.
    let rows: Vec<(i64, String, i64)> = candidates.iter().flat_map(|d| band_keys(d.signature).map(|k| (k, d.published_at.clone(), d.id))).collect();
    for chunk in rows.chunks(2_000) {
        let mut q = Sql::for_backend("INSERT INTO monitoring_signature_bands (band, published_at, document_id) VALUES ", backend);
        for (n, (k, at, id)) in chunk.iter().enumerate() {
            q.push(if n == 0 { "(" } else { ", (" }).bind(*k).push(", ").bind(at.clone()).push(", ").bind(*id).push(")");
        }
        q.query().execute(tx.conn()).await?;
    }
    // Near-duplicate pairs within each band bucket, joined into clusters.
    let mut buckets: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        for k in band_keys(n.signature) {
            buckets.entry(k).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    for members in buckets.values_mut() {
        link_bucket(&nodes, members, &mut parent);
    }
    let in_chunk: BTreeSet<i64> = candidates.iter().map(|d| d.id).collect();
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = find(&mut parent, i);
        clusters.entry(r).or_default().push(i);
    }
    for members in clusters.values() {
        if members.len() < 2 || !members.iter().any(|&i| in_chunk.contains(&nodes[i].id)) {
            continue;
        }
        let existing: BTreeSet<i64> = members.iter().filter_map(|&i| nodes[i].campaign).collect();
        let joining: Vec<&Node> = members.iter().map(|&i| &nodes[i]).filter(|n| n.campaign.is_none()).collect();
        let campaign = match existing.first().copied() {
            Some(_) if joining.is_empty() && existing.len() == 1 => continue,
            Some(c) => {
                let absorbed: Vec<i64> = existing.iter().copied().skip(1).collect();
                merge_campaigns(tx, c, &absorbed).await?;
                outcome.campaigns_grown += 1;
                c
            }
            None => {
                let authors: BTreeSet<&str> = joining.iter().filter_map(|n| n.author.as_deref()).collect();
                if !is_campaign(authors.len()) {
                    continue;
                }
                let first = joining.iter().min_by_key(|n| (n.at, n.id)).map(|n| (n.id, n.signature)).unwrap_or((0, 0));
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO monitoring_campaigns (signature, first_at, last_at, documents, authors, flagged, region, groups, sample_document_id, detected_at, updated_at) \
                     VALUES ($1, $2, $2, 0, 0, 0, NULL, '[]', $3, $2, $2) RETURNING id",
                )
                .bind(first.1 as i64)
                .bind(now)
                .bind(first.0)
                .fetch_one(tx.conn())
                .await?;
                outcome.campaigns_new += 1;
                id
            }
        };
        for chunk in joining.chunks(500) {
            let mut q = Sql::for_backend("INSERT INTO monitoring_campaign_documents (campaign_id, document_id, author_key) VALUES ", backend);
            for (n, node) in chunk.iter().enumerate() {
                q.push(if n == 0 { "(" } else { ", (" }).bind(campaign).push(", ").bind(node.id).push(", ").bind(node.author.clone()).push(")");
            }
            q.push(" ON CONFLICT (document_id) DO NOTHING");
            q.query().execute(tx.conn()).await?;
        }
        let stats = refresh_campaign(tx, campaign, now).await?;
        // Alerted once, when it is (or grows into) a hostile campaign.
        if is_hostile(stats.flagged, stats.documents) {
            let facts = serde_json::json!({ "campaign_id": campaign, "documents": stats.documents, "authors": stats.authors, "groups": stats.groups, "region": stats.region, "first_at": stats.first_at });
            let alert = NewAlert { kind: AlertKind::Campaign, subject: campaign.to_string(), region: stats.region.clone(), subject_id: Some(campaign), facts, raised_at: now.to_string(), is_demo };
            if alerts::raise(tx, &alert).await?.is_some() {
                outcome.alerts += 1;
            }
        }
    }
    Ok(())
}

/// Links the near-duplicates of one band bucket. Its members are taken in
/// the order they were published, and each is compared with those after it
/// within the window, at most [`MAX_BUCKET_COMPARISONS`] of them: a document
/// always meets its neighbours in time, so a long flood chains into one
/// cluster whichever of its documents the store answered first.
fn link_bucket(nodes: &[Node], members: &mut [usize], parent: &mut [usize]) {
    members.sort_by_key(|&i| (nodes[i].at, nodes[i].id));
    for (a_pos, &a) in members.iter().enumerate() {
        let later = members[a_pos + 1..].iter().take_while(|&&b| nodes[b].at - nodes[a].at <= WINDOW_SECONDS);
        for &b in later.take(MAX_BUCKET_COMPARISONS) {
            if near_duplicates(nodes[a].signature, nodes[a].at, nodes[b].signature, nodes[b].at) {
                let (ra, rb) = (find(parent, a), find(parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
}

/// Campaigns a cluster bridges are one campaign: documents that arrived
/// between two floods can join what the detector first saw as two. The
/// oldest (`survivor`) takes the documents of the others, their alerts lead
/// to it (the first of them becomes its own alert when it had none, so a
/// merged campaign is not alerted twice), and the others are removed.
async fn merge_campaigns(tx: &mut WriteTx, survivor: i64, absorbed: &[i64]) -> Result<()> {
    let survivor_key = dedupe_key(AlertKind::Campaign, &survivor.to_string());
    for &c in absorbed {
        sqlx::query("UPDATE monitoring_campaign_documents SET campaign_id = $1 WHERE campaign_id = $2").bind(survivor).bind(c).execute(tx.conn()).await?;
        let had_alert: Option<(i64,)> = sqlx::query_as("SELECT id FROM alerts WHERE dedupe_key = $1").bind(&survivor_key).fetch_optional(tx.conn()).await?;
        if had_alert.is_none() {
            sqlx::query("UPDATE alerts SET dedupe_key = $1 WHERE dedupe_key = $2").bind(&survivor_key).bind(dedupe_key(AlertKind::Campaign, &c.to_string())).execute(tx.conn()).await?;
        }
        sqlx::query("UPDATE alerts SET subject_id = $1 WHERE kind = $2 AND subject_id = $3").bind(survivor).bind(AlertKind::Campaign.slug()).bind(c).execute(tx.conn()).await?;
        sqlx::query("DELETE FROM monitoring_campaigns WHERE id = $1").bind(c).execute(tx.conn()).await?;
        tx.audit("merge", "monitoring_campaign", &c.to_string(), None, Some(&serde_json::json!({ "into": survivor }))).await?;
    }
    Ok(())
}

struct CampaignStats {
    documents: i64,
    flagged: i64,
    authors: i64,
    region: Option<String>,
    groups: Vec<String>,
    first_at: String,
}

/// Recounts a campaign from its documents: size, distinct authors, time span,
/// flagged texts, the region most of them are in, the groups they name.
async fn refresh_campaign(tx: &mut WriteTx, id: i64, now: &str) -> Result<CampaignStats> {
    let rows: Vec<(Option<String>, String, i64, Option<String>, String)> = sqlx::query_as(
        "SELECT c.author_key, d.published_at, d.flagged, d.region, d.groups FROM monitoring_campaign_documents c JOIN monitoring_documents d ON d.id = c.document_id WHERE c.campaign_id = $1",
    )
    .bind(id)
    .fetch_all(tx.conn())
    .await?;
    let authors: BTreeSet<&str> = rows.iter().filter_map(|r| r.0.as_deref()).collect();
    let first_at = rows.iter().map(|r| r.1.clone()).min().unwrap_or_default();
    let last_at = rows.iter().map(|r| r.1.clone()).max().unwrap_or_default();
    let flagged: i64 = rows.iter().map(|r| r.2).sum();
    let mut regions: HashMap<&str, usize> = HashMap::new();
    let mut groups: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        if let Some(region) = r.3.as_deref() {
            *regions.entry(region).or_default() += 1;
        }
        if let Ok(serde_json::Value::Array(gs)) = serde_json::from_str::<serde_json::Value>(&r.4) {
            for g in gs {
                if let Some(slug) = g.get("group").and_then(|v| v.as_str()) {
                    *groups.entry(slug.to_string()).or_default() += 1;
                }
            }
        }
    }
    let region = regions.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|r| r.0.to_string());
    let mut groups: Vec<(String, usize)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let groups: Vec<String> = groups.into_iter().map(|g| g.0).collect();
    sqlx::query("UPDATE monitoring_campaigns SET first_at = $1, last_at = $2, documents = $3, authors = $4, flagged = $5, region = $6, groups = $7, updated_at = $8 WHERE id = $9")
        .bind(&first_at)
        .bind(&last_at)
        .bind(rows.len() as i64)
        .bind(authors.len() as i64)
        .bind(flagged)
        .bind(&region)
        .bind(serde_json::to_string(&groups).unwrap_or_else(|_| "[]".into()))
        .bind(now)
        .bind(id)
        .execute(tx.conn())
        .await?;
    Ok(CampaignStats { documents: rows.len() as i64, flagged, authors: authors.len() as i64, region, groups, first_at })
}

/// A spike as the screens show it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Spike {
    pub id: i64,
    pub region: String,
    pub day: String,
    /// Flagged documents of the day.
    pub flagged: i64,
    /// All documents of the region that day.
    pub documents: i64,
    /// The mean of the trailing days.
    pub baseline: f64,
    pub threshold: f64,
    /// `[{"group", "flagged"}]`, most first.
    #[schema(value_type = Object)]
    pub groups: serde_json::Value,
    pub detected_at: String,
}

/// Spikes of days `from..=to`, of one region or all, latest first.
pub async fn spikes(store: &Store, region: Option<&str>, from: &str, to: &str) -> Result<Vec<Spike>> {
    let mut q = Sql::new("SELECT id, region, day, flagged, documents, baseline, threshold, groups, detected_at FROM monitoring_spikes WHERE day >= ");
    q.bind(from.to_string()).push(" AND day <= ").bind(to.to_string());
    if let Some(r) = region {
        q.push(" AND region = ").bind(r.to_string());
    }
    q.push(" ORDER BY day DESC, region LIMIT 500");
    let rows = q.query().fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| {
            let groups: String = col(r, "groups")?;
            Ok(Spike {
                id: col(r, "id")?,
                region: col(r, "region")?,
                day: col(r, "day")?,
                flagged: col(r, "flagged")?,
                documents: col(r, "documents")?,
                baseline: col(r, "baseline")?,
                threshold: col(r, "threshold")?,
                groups: serde_json::from_str(&groups).unwrap_or_default(),
                detected_at: col(r, "detected_at")?,
            })
        })
        .collect()
}

/// A campaign as the screens show it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Campaign {
    pub id: i64,
    /// The first document's signature (16 hex digits).
    pub signature: String,
    pub first_at: String,
    pub last_at: String,
    pub documents: i64,
    /// Distinct authors (pseudonymised).
    pub authors: i64,
    /// Its documents with ethnic hostility ≥ 0.5.
    pub flagged: i64,
    /// At least half of its texts flagged: a warning (alert, risk), not a
    /// friendly repost (`kelisim_core::monitoring::campaign::is_hostile`).
    pub hostile: bool,
    pub region: Option<String>,
    pub groups: Vec<String>,
    pub sample_document_id: i64,
    pub detected_at: String,
}

const CAMPAIGN_COLUMNS: &str = "id, signature, first_at, last_at, documents, authors, flagged, region, groups, sample_document_id, detected_at";

fn campaign_from_row(r: &sqlx::any::AnyRow) -> Result<Campaign> {
    let groups: String = col(r, "groups")?;
    Ok(Campaign {
        id: col(r, "id")?,
        signature: format!("{:016x}", col::<i64>(r, "signature")? as u64),
        first_at: col(r, "first_at")?,
        last_at: col(r, "last_at")?,
        documents: col(r, "documents")?,
        authors: col(r, "authors")?,
        flagged: col(r, "flagged")?,
        hostile: is_hostile(col(r, "flagged")?, col(r, "documents")?),
        region: col(r, "region")?,
        groups: serde_json::from_str(&groups).unwrap_or_default(),
        sample_document_id: col(r, "sample_document_id")?,
        detected_at: col(r, "detected_at")?,
    })
}

/// Campaigns that started between two instants, of one region or all, latest first.
pub async fn campaigns(store: &Store, region: Option<&str>, from: &str, to: &str, limit: i64) -> Result<Vec<Campaign>> {
    let mut q = Sql::new(&format!("SELECT {CAMPAIGN_COLUMNS} FROM monitoring_campaigns WHERE first_at >= "));
    q.bind(from.to_string()).push(" AND first_at <= ").bind(to.to_string());
    if let Some(r) = region {
        q.push(" AND region = ").bind(r.to_string());
    }
    q.push(" ORDER BY first_at DESC, id DESC LIMIT ").bind(limit);
    let rows = q.query().fetch_all(&store.pool).await?;
    rows.iter().map(campaign_from_row).collect()
}

pub async fn campaign(store: &Store, id: i64) -> Result<Campaign> {
    let row = sqlx::query(&format!("SELECT {CAMPAIGN_COLUMNS} FROM monitoring_campaigns WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?;
    campaign_from_row(&row.ok_or(crate::StoreError::NotFound)?)
}

/// The ids of a campaign's documents, in the order they were published.
pub async fn campaign_document_ids(store: &Store, id: i64, limit: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT c.document_id FROM monitoring_campaign_documents c JOIN monitoring_documents d ON d.id = c.document_id WHERE c.campaign_id = $1 ORDER BY d.published_at, d.id LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Band keys of documents published before `before` are not needed to find
/// new campaigns (the window is hours); dropped with the texts' retention.
pub async fn purge_bands(store: &Store, before: &str) -> Result<u64> {
    let mut tx = store.begin_write("system").await?;
    let n = sqlx::query("DELETE FROM monitoring_signature_bands WHERE published_at < $1").bind(before).execute(tx.conn()).await?.rows_affected();
    tx.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2,100 copies of one text, one every 18 s (1,200 within any 6 hours):
    /// the 1,200 stored ones of 4.5-10.5 h, then 900 new ones of 0-4.5 h.
    fn flood() -> Vec<Node> {
        let node = |k: i64| Node { id: k, signature: 0x5eed, at: k * 18, author: None, campaign: None };
        (900..2_100).chain(0..900).map(node).collect()
    }

    fn clusters(nodes: &[Node], order: &[usize]) -> usize {
        let mut parent: Vec<usize> = (0..nodes.len()).collect();
        let mut members = order.to_vec();
        link_bucket(nodes, &mut members, &mut parent);
        (0..nodes.len()).filter(|&i| find(&mut parent, i) == i).count()
    }

    #[test]
    fn a_flood_is_one_cluster_whatever_order_the_store_answers_in() {
        let nodes = flood();
        // As the look-up answered them (stored, then new), reversed, and
        // interleaved: each document meets its neighbours in time.
        let as_found: Vec<usize> = (0..nodes.len()).collect();
        let reversed: Vec<usize> = as_found.iter().rev().copied().collect();
        let interleaved: Vec<usize> = (0..7).flat_map(|r| as_found.iter().copied().filter(move |i| i % 7 == r)).collect();
        for order in [as_found, reversed, interleaved] {
            assert_eq!(clusters(&nodes, &order), 1);
        }
    }

    #[test]
    fn documents_further_apart_than_the_window_are_not_linked() {
        let nodes: Vec<Node> = [0, 100, WINDOW_SECONDS + 200, WINDOW_SECONDS + 300].iter().enumerate().map(|(i, &at)| Node { id: i as i64, signature: 7, at, author: None, campaign: None }).collect();
        assert_eq!(clusters(&nodes, &[0, 1, 2, 3]), 2);
    }
}
