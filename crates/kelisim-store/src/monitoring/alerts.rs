//! Alerts and their deliveries (SPEC §3.4, "Alerts"; issue 4 §5).
//!
//! [`raise`] runs inside the transaction of whatever raised the alert (an
//! incident's change of level, a detector run), so an alert exists exactly
//! when its cause was committed; its `dedupe_key` makes a second raise of the
//! same event a no-op (two nodes, a detector run twice). Raising also queues
//! one delivery per recipient and channel: in the app at once, by e-mail to
//! recipients with an address, to every active channel of the region. The
//! delivery worker of `kelisim-web` sends what is due and records each
//! attempt here ([`record_attempt`]); a delivery that keeps failing ends
//! `failed` and is counted on every alerts screen ([`failing`]).
//!
//! Delivery attempts are technical state and are not audited; raising,
//! acknowledging, actions and channel changes are.

use kelisim_core::monitoring::alert::{dedupe_key, delivery_status_after, goes_to_channels, is_recipient_of, retry_delay_seconds, AlertKind};
use kelisim_core::{Role, ValidationErrors};
use serde::Serialize;
use serde_json::Value;

use crate::db::{col, Store, WriteTx};
use crate::error::{Result, StoreError};
use crate::sql::Sql;

/// An alert to raise.
#[derive(Debug, Clone)]
pub struct NewAlert {
    pub kind: AlertKind,
    /// What the alert is about, unique within its kind (incident id, region + day, ...).
    pub subject: String,
    pub region: Option<String>,
    pub subject_id: Option<i64>,
    /// The facts its message is made of.
    pub facts: Value,
    pub raised_at: String,
    pub is_demo: bool,
}

/// An alert as the screens and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Alert {
    pub id: i64,
    /// `incident`, `spike`, `campaign` or `risk`.
    pub kind: String,
    pub region: Option<String>,
    /// The incident, campaign or spike it is about.
    pub subject_id: Option<i64>,
    #[schema(value_type = Object)]
    pub facts: Value,
    pub raised_at: String,
    pub acknowledged_at: Option<String>,
    pub acknowledged_by: Option<String>,
    pub is_demo: bool,
}

/// Something done about an alert.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AlertAction {
    pub at: String,
    pub actor: String,
    pub text: String,
}

/// One delivery of an alert.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Delivery {
    pub id: i64,
    pub alert_id: i64,
    /// `in_app`, `email` or `webhook`.
    pub channel: String,
    /// The login, address or URL it goes to.
    pub target: String,
    /// `pending`, `retrying`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

/// Raises an alert in `tx`; answers its id, or `None` when this event had
/// already raised one.
pub async fn raise(tx: &mut WriteTx, a: &NewAlert) -> Result<Option<i64>> {
    let key = dedupe_key(a.kind, &a.subject);
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO alerts (kind, dedupe_key, region, subject_id, facts, raised_at, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
    )
    .bind(a.kind.slug())
    .bind(&key)
    .bind(&a.region)
    .bind(a.subject_id)
    .bind(a.facts.to_string())
    .bind(&a.raised_at)
    .bind(a.is_demo as i64)
    .fetch_optional(tx.conn())
    .await?;
    let Some((id,)) = row else { return Ok(None) };
    queue_deliveries(tx, id, a.kind, a.region.as_deref(), &a.raised_at).await?;
    let after = serde_json::json!({ "kind": a.kind.slug(), "region": a.region, "subject_id": a.subject_id, "facts": a.facts });
    tx.audit("raise", "alert", &id.to_string(), None, Some(&after)).await?;
    Ok(Some(id))
}

async fn queue_deliveries(tx: &mut WriteTx, alert_id: i64, kind: AlertKind, region: Option<&str>, now: &str) -> Result<()> {
    let users: Vec<(i64, String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, login, role, region_kato, email FROM users WHERE disabled = 0 ORDER BY id").fetch_all(tx.conn()).await?;
    let channels: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, kind, target FROM alert_channels WHERE active = 1 AND (region IS NULL OR region = $1) ORDER BY id").bind(region).fetch_all(tx.conn()).await?;
    let mut rows: Vec<(&str, Option<i64>, Option<i64>, String, &str)> = Vec::new();
    for (id, login, role, user_region, email) in &users {
        let Some(role) = Role::from_slug(role) else { continue };
        if !is_recipient_of(kind, role, user_region.as_deref(), region) {
            continue;
        }
        rows.push(("in_app", Some(*id), None, login.clone(), "sent"));
        if let Some(address) = email.as_deref().filter(|e| !e.is_empty()) {
            rows.push(("email", Some(*id), None, address.to_string(), "pending"));
        }
    }
    for (id, channel_kind, target) in &channels {
        if goes_to_channels(kind) {
            rows.push((channel_kind.as_str(), None, Some(*id), target.clone(), "pending"));
        }
    }
    for (channel, user_id, channel_id, target, status) in rows {
        let sent = (status == "sent").then(|| now.to_string());
        let next = (status == "pending").then(|| now.to_string());
        sqlx::query(
            "INSERT INTO alert_deliveries (alert_id, channel, user_id, channel_id, target, status, attempts, next_attempt_at, sent_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)",
        )
        .bind(alert_id)
        .bind(channel)
        .bind(user_id)
        .bind(channel_id)
        .bind(target)
        .bind(status)
        .bind(next)
        .bind(sent)
        .bind(now)
        .execute(tx.conn())
        .await?;
    }
    Ok(())
}

const COLUMNS: &str = "id, kind, region, subject_id, facts, raised_at, acknowledged_at, acknowledged_by, is_demo";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Alert> {
    let facts: String = col(row, "facts")?;
    Ok(Alert {
        id: col(row, "id")?,
        kind: col(row, "kind")?,
        region: col(row, "region")?,
        subject_id: col(row, "subject_id")?,
        facts: serde_json::from_str(&facts).unwrap_or(Value::Null),
        raised_at: col(row, "raised_at")?,
        acknowledged_at: col(row, "acknowledged_at")?,
        acknowledged_by: col(row, "acknowledged_by")?,
        is_demo: col::<i64>(row, "is_demo")? != 0,
    })
}

/// Which alerts to list.
#[derive(Debug, Clone, Default)]
pub struct AlertFilter {
    /// One region only (a regional user's scope, or a filter).
    pub region: Option<String>,
    pub kind: Option<String>,
    /// `open` (not acknowledged) or `acknowledged`; anything else: both.
    pub status: Option<String>,
}

fn push_filter(q: &mut Sql, f: &AlertFilter) {
    if let Some(r) = &f.region {
        q.push(" AND region = ").bind(r.clone());
    }
    if let Some(k) = &f.kind {
        q.push(" AND kind = ").bind(k.clone());
    }
    match f.status.as_deref() {
        Some("open") => {
            q.push(" AND acknowledged_at IS NULL");
        }
        Some("acknowledged") => {
            q.push(" AND acknowledged_at IS NOT NULL");
        }
        _ => {}
    }
}

/// One page of alerts, newest first, and how many match.
pub async fn list(store: &Store, f: &AlertFilter, page: i64, per_page: i64) -> Result<(Vec<Alert>, i64)> {
    let mut count = Sql::new("SELECT COUNT(*) AS n FROM alerts WHERE 1 = 1");
    push_filter(&mut count, f);
    let total: i64 = col(&count.query().fetch_one(&store.pool).await?, "n")?;
    let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM alerts WHERE 1 = 1"));
    push_filter(&mut q, f);
    q.push(" ORDER BY raised_at DESC, id DESC LIMIT ").bind(per_page).push(" OFFSET ").bind((page - 1).max(0) * per_page);
    let rows = q.query().fetch_all(&store.pool).await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
}

pub async fn get(store: &Store, id: i64) -> Result<Alert> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM alerts WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?;
    from_row(&row.ok_or(StoreError::NotFound)?)
}

/// The alert raised for an event, if any.
pub async fn find(store: &Store, kind: AlertKind, subject: &str) -> Result<Option<Alert>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM alerts WHERE dedupe_key = $1")).bind(dedupe_key(kind, subject)).fetch_optional(&store.pool).await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn actions(store: &Store, id: i64) -> Result<Vec<AlertAction>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as("SELECT at, actor, text FROM alert_actions WHERE alert_id = $1 ORDER BY at, id").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(at, actor, text)| AlertAction { at, actor, text }).collect())
}

const DELIVERY_COLUMNS: &str = "id, alert_id, channel, target, status, attempts, next_attempt_at, last_error, sent_at";

fn delivery_from_row(row: &sqlx::any::AnyRow) -> Result<Delivery> {
    Ok(Delivery {
        id: col(row, "id")?,
        alert_id: col(row, "alert_id")?,
        channel: col(row, "channel")?,
        target: col(row, "target")?,
        status: col(row, "status")?,
        attempts: col(row, "attempts")?,
        next_attempt_at: col(row, "next_attempt_at")?,
        last_error: col(row, "last_error")?,
        sent_at: col(row, "sent_at")?,
    })
}

pub async fn deliveries(store: &Store, alert_id: i64) -> Result<Vec<Delivery>> {
    let rows = sqlx::query(&format!("SELECT {DELIVERY_COLUMNS} FROM alert_deliveries WHERE alert_id = $1 ORDER BY id")).bind(alert_id).fetch_all(&store.pool).await?;
    rows.iter().map(delivery_from_row).collect()
}

/// Acknowledges an alert (once: a second acknowledgement is a conflict that
/// names who was first), with an optional note as its first action.
pub async fn acknowledge(store: &Store, actor: &str, id: i64, note: &str, now: &str) -> Result<()> {
    let mut tx = store.begin_write(actor).await?;
    let done = sqlx::query("UPDATE alerts SET acknowledged_at = $1, acknowledged_by = $2 WHERE id = $3 AND acknowledged_at IS NULL")
        .bind(now)
        .bind(actor)
        .bind(id)
        .execute(tx.conn())
        .await?;
    if done.rows_affected() == 0 {
        let exists: Option<(Option<String>,)> = sqlx::query_as("SELECT acknowledged_by FROM alerts WHERE id = $1").bind(id).fetch_optional(tx.conn()).await?;
        return Err(match exists {
            None => StoreError::NotFound,
            Some(_) => StoreError::Conflict("acknowledged".into()),
        });
    }
    if !note.trim().is_empty() {
        insert_action(&mut tx, id, note, now).await?;
    }
    tx.audit("acknowledge", "alert", &id.to_string(), None, Some(&serde_json::json!({ "note": note.trim() }))).await?;
    tx.commit().await
}

/// Records something done about an alert.
pub async fn add_action(store: &Store, actor: &str, id: i64, text: &str, now: &str) -> Result<()> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::field("text", "err-required"));
    }
    if text.chars().count() > 5_000 {
        return Err(StoreError::field("text", "err-too-long"));
    }
    get(store, id).await?;
    let mut tx = store.begin_write(actor).await?;
    insert_action(&mut tx, id, text, now).await?;
    tx.audit("action", "alert", &id.to_string(), None, Some(&serde_json::json!({ "text": text }))).await?;
    tx.commit().await
}

async fn insert_action(tx: &mut WriteTx, id: i64, text: &str, now: &str) -> Result<()> {
    let actor = tx.actor.clone();
    sqlx::query("INSERT INTO alert_actions (alert_id, at, actor, text) VALUES ($1, $2, $3, $4)").bind(id).bind(now).bind(actor).bind(text.trim()).execute(tx.conn()).await?;
    Ok(())
}

/// A delivery that is due, with what sending it needs.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    pub delivery: Delivery,
    /// The webhook's signing secret.
    pub secret: Option<String>,
    pub alert: Alert,
}

/// Deliveries whose next attempt is due at `now`, oldest first.
pub async fn due(store: &Store, now: &str, limit: i64) -> Result<Vec<DueDelivery>> {
    let rows = sqlx::query(&format!(
        "SELECT {DELIVERY_COLUMNS}, channel_id FROM alert_deliveries WHERE status IN ('pending', 'retrying') AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let delivery = delivery_from_row(row)?;
        let channel_id: Option<i64> = col(row, "channel_id")?;
        let secret = match channel_id {
            Some(c) => sqlx::query_as::<_, (Option<String>,)>("SELECT secret FROM alert_channels WHERE id = $1").bind(c).fetch_optional(&store.pool).await?.and_then(|r| r.0),
            None => None,
        };
        let alert = get(store, delivery.alert_id).await?;
        out.push(DueDelivery { delivery, secret, alert });
    }
    Ok(out)
}

/// Takes a due delivery for one attempt: moves its next attempt to
/// `lease_until` if it is still as it was read, so that two workers (two app
/// nodes) never send the same delivery at once. Answers whether this worker got it.
pub async fn claim(store: &Store, d: &Delivery, lease_until: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE alert_deliveries SET next_attempt_at = $1 WHERE id = $2 AND attempts = $3 AND status IN ('pending', 'retrying') AND next_attempt_at = $4")
        .bind(lease_until)
        .bind(d.id)
        .bind(d.attempts)
        .bind(&d.next_attempt_at)
        .execute(&store.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records one attempt of a delivery: sent, or failed with its error (then
/// retried later, or given up after the last attempt). Only a delivery still
/// waiting is changed, so two workers never count one attempt twice.
pub async fn record_attempt(store: &Store, id: i64, outcome: std::result::Result<(), String>, now: &str) -> Result<String> {
    let (attempts,): (i64,) = sqlx::query_as("SELECT attempts FROM alert_deliveries WHERE id = $1").bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    let attempts = attempts + 1;
    let status = delivery_status_after(outcome.is_ok(), attempts);
    let next = (status == "retrying").then(|| kelisim_core::monitoring::calendar::add_seconds(now, retry_delay_seconds(attempts)));
    let (sent, error) = match &outcome {
        Ok(()) => (Some(now.to_string()), None),
        Err(e) => (None, Some(e.chars().take(500).collect::<String>())),
    };
    sqlx::query(
        "UPDATE alert_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_error = COALESCE($4, last_error), sent_at = $5 \
         WHERE id = $6 AND status IN ('pending', 'retrying') AND attempts = $7",
    )
    .bind(status)
    .bind(attempts)
    .bind(next)
    .bind(error)
    .bind(sent)
    .bind(id)
    .bind(attempts - 1)
    .execute(&store.pool)
    .await?;
    Ok(status.to_string())
}

/// Deliveries that failed for good or are failing now, for the banner every
/// alerts screen shows (a failing channel is never silent).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Failing {
    pub channel: String,
    pub target: String,
    /// `retrying` or `failed`.
    pub status: String,
    pub deliveries: i64,
    pub last_error: Option<String>,
}

/// Failing deliveries of the alerts of `region` (or of all regions), by channel and target.
pub async fn failing(store: &Store, region: Option<&str>) -> Result<Vec<Failing>> {
    let mut q = Sql::new(
        "SELECT d.channel, d.target, d.status, COUNT(*) AS n, MAX(d.last_error) AS last_error FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id \
         WHERE d.status IN ('retrying', 'failed')",
    );
    if let Some(r) = region {
        q.push(" AND a.region = ").bind(r.to_string());
    }
    q.push(" GROUP BY d.channel, d.target, d.status ORDER BY d.status, d.channel, d.target");
    let rows = q.query().fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| Ok(Failing { channel: col(r, "channel")?, target: col(r, "target")?, status: col(r, "status")?, deliveries: col(r, "n")?, last_error: col(r, "last_error")? }))
        .collect()
}

/// A channel alerts go out by.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Channel {
    pub id: i64,
    /// `email` or `webhook`.
    pub kind: String,
    /// The address or the URL.
    pub target: String,
    /// Whether a signing secret is set (the secret itself is never shown).
    pub signed: bool,
    /// Only this region's alerts (`None`: every region's).
    pub region: Option<String>,
    pub active: bool,
    pub created_by: String,
    pub created_at: String,
}

pub async fn channels(store: &Store) -> Result<Vec<Channel>> {
    let rows = sqlx::query("SELECT id, kind, target, secret, region, active, created_by, created_at FROM alert_channels ORDER BY id").fetch_all(&store.pool).await?;
    rows.iter()
        .map(|r| {
            Ok(Channel {
                id: col(r, "id")?,
                kind: col(r, "kind")?,
                target: col(r, "target")?,
                signed: col::<Option<String>>(r, "secret")?.is_some_and(|s| !s.is_empty()),
                region: col(r, "region")?,
                active: col::<i64>(r, "active")? != 0,
                created_by: col(r, "created_by")?,
                created_at: col(r, "created_at")?,
            })
        })
        .collect()
}

/// A new channel: an e-mail address, or an http(s) URL with the secret its
/// requests are signed with.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct ChannelInput {
    pub kind: String,
    pub target: String,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

pub async fn create_channel(store: &Store, actor: &str, input: &ChannelInput, now: &str) -> Result<i64> {
    let mut errs = ValidationErrors::default();
    let target = input.target.trim();
    match input.kind.as_str() {
        "email" if !kelisim_core::organisation::is_email(target) => errs.push("target", "err-email-format"),
        "webhook" if !(target.starts_with("http://") || target.starts_with("https://")) || target.len() < 10 => errs.push("target", "err-url-format"),
        "email" | "webhook" => {}
        _ => errs.push("kind", "err-unknown-value"),
    }
    let secret = input.secret.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if input.kind == "webhook" && secret.is_none_or(|s| s.len() < 16) {
        errs.push("secret", "err-secret-too-short");
    }
    let region = input.region.as_deref().filter(|r| !r.is_empty());
    if let Some(r) = region {
        if !kelisim_core::reference::REGIONS.iter().any(|x| x.kato == r) {
            errs.push("region", "err-unknown-region");
        }
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let (id,): (i64,) = sqlx::query_as("INSERT INTO alert_channels (kind, target, secret, region, active, created_by, created_at) VALUES ($1, $2, $3, $4, 1, $5, $6) RETURNING id")
        .bind(&input.kind)
        .bind(target)
        .bind(secret)
        .bind(region)
        .bind(actor)
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
    tx.audit("create", "alert_channel", &id.to_string(), None, Some(&serde_json::json!({ "kind": input.kind, "target": target, "region": region }))).await?;
    tx.commit().await?;
    Ok(id)
}

/// Switches a channel off (its past deliveries stay) or on again.
pub async fn set_channel_active(store: &Store, actor: &str, id: i64, active: bool) -> Result<()> {
    let mut tx = store.begin_write(actor).await?;
    let done = sqlx::query("UPDATE alert_channels SET active = $1 WHERE id = $2").bind(active as i64).bind(id).execute(tx.conn()).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    tx.audit(if active { "activate" } else { "deactivate" }, "alert_channel", &id.to_string(), None, None).await?;
    tx.commit().await
}
