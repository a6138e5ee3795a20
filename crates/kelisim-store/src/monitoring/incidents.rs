//! The register of incidents (SPEC §3.4) and their timeline.
//!
//! An incident's current level, verification and stage are columns of
//! `incidents`; every change of them is also a row of `incident_events` with
//! its reason, its actor and its time, so the history can be replayed (the
//! risk backtest reads the level an incident had on a past day). A change
//! first bumps the row's version (`lock`), which on PostgreSQL holds the row
//! until commit, then checks the rule of `kelisim_core::monitoring::incident`
//! against the values it read, so two users changing one incident at once
//! are applied one after the other, each checked against the other's result.
//!
//! Raising the incident to level 3 or above raises its alert in the same
//! transaction (`alerts::raise`).
//!
//! Every function takes `at`, the time the change is recorded: the API and
//! pages pass the clock, the demo its own story's times.

use kelisim_core::monitoring::alert::AlertKind;
use kelisim_core::monitoring::incident::{self as rules, ActionInput, EscalationLevel, IncidentInput};
use kelisim_core::ValidationErrors;
use serde::{Deserialize, Serialize};

use super::alerts::{self, NewAlert};
use crate::db::{col, Store, WriteTx};
use crate::error::{Result, StoreError};
use crate::sql::Sql;

/// An incident as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Incident {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// When it happened (UTC).
    pub occurred_at: String,
    pub region: String,
    pub district: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub category: String,
    pub source: String,
    /// `unverified`, `verified`, `refuted` or `duplicate`.
    pub verification: String,
    /// Escalation level 0-4.
    pub level: i64,
    /// `open`, `settlement` or `closed`.
    pub stage: String,
    /// The incident this one was merged into as a duplicate.
    pub merged_into: Option<i64>,
    /// Ethnic groups involved.
    pub groups: Vec<String>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    /// Send it back to edit the fields (optimistic locking).
    pub version: i64,
    pub is_demo: bool,
}

impl Incident {
    pub fn level(&self) -> EscalationLevel {
        EscalationLevel::from_i64(self.level).unwrap_or(EscalationLevel::Signal)
    }

    pub fn to_input(&self) -> IncidentInput {
        IncidentInput {
            title: self.title.clone(),
            description: self.description.clone(),
            occurred_at: self.occurred_at.clone(),
            region: Some(self.region.clone()),
            district: self.district.clone(),
            lat: self.lat,
            lon: self.lon,
            category: self.category.clone(),
            source: self.source.clone(),
            groups: self.groups.clone(),
        }
    }
}

/// One entry of an incident's history.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IncidentEvent {
    pub at: String,
    /// `created`, `level`, `verification`, `stage`, `merged`, `absorbed`, `linked`, `edited`.
    pub kind: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub reason: String,
    pub actor: String,
}

/// A response action on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IncidentAction {
    pub id: i64,
    pub kind: String,
    pub at: String,
    pub actor: String,
    pub description: String,
    pub result: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Who reported it (shown to admins only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Reporter {
    pub name: String,
    #[serde(default)]
    pub contact: String,
}

/// A new incident.
#[derive(Debug, Clone, Default)]
pub struct NewIncident {
    pub input: IncidentInput,
    pub level: i64,
    pub reporter: Option<Reporter>,
    /// Documents of the information field it arose from.
    pub documents: Vec<i64>,
    pub is_demo: bool,
}

/// What happened when a change was applied: the alert it raised, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub id: i64,
    pub alert: Option<i64>,
}

const COLUMNS: &str = "id, title, description, occurred_at, region, district, lat, lon, category, source, verification, level, stage, merged_into, \
    created_by, created_at, updated_at, version, is_demo";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Incident> {
    Ok(Incident {
        id: col(row, "id")?,
        title: col(row, "title")?,
        description: col(row, "description")?,
        occurred_at: col(row, "occurred_at")?,
        region: col(row, "region")?,
        district: col(row, "district")?,
        lat: col(row, "lat")?,
        lon: col(row, "lon")?,
        category: col(row, "category")?,
        source: col(row, "source")?,
        verification: col(row, "verification")?,
        level: col(row, "level")?,
        stage: col(row, "stage")?,
        merged_into: col(row, "merged_into")?,
        groups: Vec::new(),
        created_by: col(row, "created_by")?,
        created_at: col(row, "created_at")?,
        updated_at: col(row, "updated_at")?,
        version: col(row, "version")?,
        is_demo: col::<i64>(row, "is_demo")? != 0,
    })
}

async fn attach_groups(store: &Store, items: &mut [Incident]) -> Result<()> {
    for chunk in items.chunks_mut(500) {
        let mut q = Sql::new("SELECT incident_id, group_slug FROM incident_groups WHERE incident_id IN (");
        for (i, inc) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind(inc.id);
        }
        q.push(") ORDER BY incident_id, group_slug");
        let rows = q.query().fetch_all(&store.pool).await?;
        for row in rows {
            let id: i64 = col(&row, "incident_id")?;
            let slug: String = col(&row, "group_slug")?;
            if let Some(inc) = chunk.iter_mut().find(|x| x.id == id) {
                inc.groups.push(slug);
            }
        }
    }
    Ok(())
}

/// Which incidents to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentFilter {
    /// Region KATO code (regional roles: always their own).
    pub region: Option<String>,
    /// Lowest escalation level.
    pub level_min: Option<i64>,
    pub verification: Option<String>,
    pub stage: Option<String>,
    pub category: Option<String>,
    /// An ethnic group involved.
    pub group: Option<String>,
    /// Occurred on or after this day (`YYYY-MM-DD`, Kazakhstan time).
    pub from: Option<String>,
    /// Occurred on or before this day.
    pub to: Option<String>,
    /// Words of the title or description.
    pub q: Option<String>,
}

fn push_filter(q: &mut Sql, f: &IncidentFilter) {
    let some = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(r) = some(&f.region) {
        q.push(" AND i.region = ").bind(r);
    }
    if let Some(l) = f.level_min {
        q.push(" AND i.level >= ").bind(l);
    }
    if let Some(v) = some(&f.verification) {
        q.push(" AND i.verification = ").bind(v);
    }
    if let Some(s) = some(&f.stage) {
        q.push(" AND i.stage = ").bind(s);
    }
    if let Some(c) = some(&f.category) {
        q.push(" AND i.category = ").bind(c);
    }
    if let Some(g) = some(&f.group) {
        q.push(" AND EXISTS (SELECT 1 FROM incident_groups g WHERE g.incident_id = i.id AND g.group_slug = ").bind(g).push(")");
    }
    if let Some(d) = some(&f.from) {
        q.push(" AND i.occurred_at >= ").bind(kelisim_core::monitoring::calendar::day_start_instant(&d));
    }
    if let Some(d) = some(&f.to) {
        q.push(" AND i.occurred_at < ").bind(kelisim_core::monitoring::calendar::day_start_instant(&kelisim_core::monitoring::calendar::add_days(&d, 1)));
    }
    if let Some(words) = some(&f.q) {
        q.push(" AND (LOWER(i.title) LIKE ").bind(format!("%{}%", words.to_lowercase())).push(" OR LOWER(i.description) LIKE ").bind(format!("%{}%", words.to_lowercase())).push(")");
    }
}

/// One page of incidents, the latest first, and how many match.
pub async fn list(store: &Store, f: &IncidentFilter, page: i64, per_page: i64) -> Result<(Vec<Incident>, i64)> {
    let mut count = Sql::new("SELECT COUNT(*) AS n FROM incidents i WHERE 1 = 1");
    push_filter(&mut count, f);
    let total: i64 = col(&count.query().fetch_one(&store.pool).await?, "n")?;
    let mut q = Sql::new(&format!("SELECT {} FROM incidents i WHERE 1 = 1", COLUMNS.split(", ").map(|c| format!("i.{c}")).collect::<Vec<_>>().join(", ")));
    push_filter(&mut q, f);
    q.push(" ORDER BY i.occurred_at DESC, i.id DESC LIMIT ").bind(per_page).push(" OFFSET ").bind((page - 1).max(0) * per_page);
    let rows = q.query().fetch_all(&store.pool).await?;
    let mut items: Vec<Incident> = rows.iter().map(from_row).collect::<Result<_>>()?;
    attach_groups(store, &mut items).await?;
    Ok((items, total))
}

pub async fn get(store: &Store, id: i64) -> Result<Incident> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM incidents WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?;
    let mut items = vec![from_row(&row.ok_or(StoreError::NotFound)?)?];
    attach_groups(store, &mut items).await?;
    Ok(items.remove(0))
}

/// Checks an incident's fields against the reference tables; answers
/// `occurred_at` as stored.
async fn validate(store: &Store, input: &IncidentInput, at: &str) -> Result<String> {
    let occurred = rules::parse_local_instant(&input.occurred_at);
    let district_region = match input.district.as_deref().filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => Some(sqlx::query_as::<_, (String,)>("SELECT region_kato FROM districts WHERE kato = $1").bind(d).fetch_optional(&store.pool).await?.map(|r| r.0)),
    };
    let errs = rules::validate_incident(input, occurred.as_deref(), at, district_region.as_ref().map(|r| r.as_deref()));
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    Ok(occurred.unwrap_or_default())
}

async fn check_documents(store: &Store, ids: &[i64]) -> Result<()> {
    for id in ids {
        if sqlx::query_as::<_, (i64,)>("SELECT id FROM monitoring_documents WHERE id = $1").bind(*id).fetch_optional(&store.pool).await?.is_none() {
            return Err(StoreError::field("document_id", "err-not-found"));
        }
    }
    Ok(())
}

fn facts(inc: &Incident, level: i64) -> serde_json::Value {
    serde_json::json!({ "incident_id": inc.id, "title": inc.title, "level": level, "category": inc.category, "groups": inc.groups, "occurred_at": inc.occurred_at })
}

async fn raise_if_alerting(tx: &mut WriteTx, inc: &Incident, before: Option<i64>, after: i64, at: &str) -> Result<Option<i64>> {
    let before = before.and_then(EscalationLevel::from_i64);
    let Some(after_level) = EscalationLevel::from_i64(after) else { return Ok(None) };
    if !rules::reaches_alert_level(before, after_level) || !rules::counts_in_figures(&inc.verification) {
        return Ok(None);
    }
    let alert = NewAlert {
        kind: AlertKind::Incident,
        subject: inc.id.to_string(),
        region: Some(inc.region.clone()),
        subject_id: Some(inc.id),
        facts: facts(inc, after),
        raised_at: at.to_string(),
        is_demo: inc.is_demo,
    };
    alerts::raise(tx, &alert).await
}

async fn event(tx: &mut WriteTx, id: i64, at: &str, kind: &str, from: Option<String>, to: Option<String>, reason: &str) -> Result<()> {
    let actor = tx.actor.clone();
    sqlx::query("INSERT INTO incident_events (incident_id, at, kind, from_value, to_value, reason, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(at)
        .bind(kind)
        .bind(from)
        .bind(to)
        .bind(reason.trim())
        .bind(actor)
        .execute(tx.conn())
        .await?;
    Ok(())
}

async fn write_groups(tx: &mut WriteTx, id: i64, groups: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM incident_groups WHERE incident_id = $1").bind(id).execute(tx.conn()).await?;
    let mut seen = std::collections::BTreeSet::new();
    for g in groups {
        if seen.insert(g.as_str()) {
            sqlx::query("INSERT INTO incident_groups (incident_id, group_slug) VALUES ($1, $2)").bind(id).bind(g).execute(tx.conn()).await?;
        }
    }
    Ok(())
}

fn blank(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Registers an incident (unverified, stage `open`), with its reporter and
/// the documents it arose from; raises its alert when created at level 3 or above.
pub async fn create(store: &Store, actor: &str, new: &NewIncident, at: &str) -> Result<Applied> {
    let mut errs = ValidationErrors::default();
    let occurred = match validate(store, &new.input, at).await {
        Ok(o) => Some(o),
        Err(StoreError::Invalid(e)) => {
            errs = e;
            None
        }
        Err(e) => return Err(e),
    };
    let level = EscalationLevel::from_i64(new.level);
    if level.is_none() {
        errs.push("level", "err-out-of-range");
    }
    if let Some(r) = &new.reporter {
        if r.name.trim().is_empty() {
            errs.push("reporter_name", "err-required");
        }
        if r.name.chars().count() > 300 || r.contact.chars().count() > 300 {
            errs.push("reporter_name", "err-too-long");
        }
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    check_documents(store, &new.documents).await?;
    let (occurred, level) = (occurred.unwrap_or_default(), new.level);
    let input = &new.input;
    let mut tx = store.begin_write(actor).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO incidents (title, description, occurred_at, region, district, lat, lon, category, source, verification, level, stage, created_by, created_at, updated_at, version, is_demo) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'unverified', $10, 'open', $11, $12, $12, 1, $13) RETURNING id",
    )
    .bind(input.title.trim())
    .bind(input.description.trim())
    .bind(&occurred)
    .bind(blank(&input.region))
    .bind(blank(&input.district))
    .bind(input.lat)
    .bind(input.lon)
    .bind(&input.category)
    .bind(&input.source)
    .bind(level)
    .bind(actor)
    .bind(at)
    .bind(new.is_demo as i64)
    .fetch_one(tx.conn())
    .await?;
    write_groups(&mut tx, id, &input.groups).await?;
    if let Some(r) = &new.reporter {
        sqlx::query("INSERT INTO incident_reporters (incident_id, name, contact) VALUES ($1, $2, $3)").bind(id).bind(r.name.trim()).bind(r.contact.trim()).execute(tx.conn()).await?;
    }
    for doc in &new.documents {
        sqlx::query("INSERT INTO incident_documents (incident_id, document_id) VALUES ($1, $2) ON CONFLICT DO NOTHING").bind(id).bind(*doc).execute(tx.conn()).await?;
    }
    event(&mut tx, id, at, "created", None, Some(level.to_string()), "").await?;
    let inc = Incident {
        id,
        title: input.title.trim().to_string(),
        description: input.description.trim().to_string(),
        occurred_at: occurred.clone(),
        region: blank(&input.region).unwrap_or_default(),
        district: blank(&input.district),
        lat: input.lat,
        lon: input.lon,
        category: input.category.clone(),
        source: input.source.clone(),
        verification: "unverified".into(),
        level,
        stage: "open".into(),
        merged_into: None,
        groups: input.groups.clone(),
        created_by: actor.to_string(),
        created_at: at.to_string(),
        updated_at: at.to_string(),
        version: 1,
        is_demo: new.is_demo,
    };
    let alert = raise_if_alerting(&mut tx, &inc, None, level, at).await?;
    let mut after = serde_json::to_value(&new.input).unwrap_or_default();
    after["level"] = level.into();
    after["documents"] = serde_json::json!(new.documents);
    after["reporter_recorded"] = new.reporter.is_some().into();
    tx.audit("create", "incident", &id.to_string(), None, Some(&after)).await?;
    tx.commit().await?;
    Ok(Applied { id, alert })
}

/// The row's level, verification, stage and region, read while taking the
/// row (its version is bumped, so concurrent changes queue; see the module doc).
struct Locked {
    level: i64,
    verification: String,
    stage: String,
}

async fn lock(tx: &mut WriteTx, id: i64, at: &str) -> Result<Locked> {
    let row: Option<(i64, String, String)> = sqlx::query_as("UPDATE incidents SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING level, verification, stage")
        .bind(at)
        .bind(id)
        .fetch_optional(tx.conn())
        .await?;
    let (level, verification, stage) = row.ok_or(StoreError::NotFound)?;
    Ok(Locked { level, verification, stage })
}

/// Edits the fields (not level, verification or stage, which change with a
/// reason through their own functions); `version` as last read.
pub async fn update(store: &Store, actor: &str, id: i64, input: &IncidentInput, version: i64, at: &str) -> Result<()> {
    let before = get(store, id).await?;
    if before.version != version {
        return Err(StoreError::Conflict("version".into()));
    }
    let occurred = validate(store, input, at).await?;
    let mut tx = store.begin_write(actor).await?;
    let done = sqlx::query(
        "UPDATE incidents SET title = $1, description = $2, occurred_at = $3, region = $4, district = $5, lat = $6, lon = $7, category = $8, source = $9, \
         updated_at = $10, version = version + 1 WHERE id = $11 AND version = $12",
    )
    .bind(input.title.trim())
    .bind(input.description.trim())
    .bind(&occurred)
    .bind(blank(&input.region))
    .bind(blank(&input.district))
    .bind(input.lat)
    .bind(input.lon)
    .bind(&input.category)
    .bind(&input.source)
    .bind(at)
    .bind(id)
    .bind(version)
    .execute(tx.conn())
    .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict("version".into()));
    }
    write_groups(&mut tx, id, &input.groups).await?;
    event(&mut tx, id, at, "edited", None, None, "").await?;
    let before_json = serde_json::to_value(before.to_input()).unwrap_or_default();
    tx.audit("update", "incident", &id.to_string(), Some(&before_json), Some(&serde_json::to_value(input).unwrap_or_default())).await?;
    tx.commit().await
}

/// Changes the escalation level with its reason; raises the alert when the
/// incident reaches level 3.
pub async fn change_level(store: &Store, actor: &str, id: i64, level: i64, reason: &str, at: &str) -> Result<Applied> {
    let Some(after) = EscalationLevel::from_i64(level) else { return Err(StoreError::field("level", "err-out-of-range")) };
    let mut tx = store.begin_write(actor).await?;
    let locked = lock(&mut tx, id, at).await?;
    let before = EscalationLevel::from_i64(locked.level).unwrap_or(EscalationLevel::Signal);
    let mut errs = rules::check_level_change(before, after, reason);
    if locked.verification == "duplicate" {
        errs.push("level", "err-merged");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    sqlx::query("UPDATE incidents SET level = $1 WHERE id = $2").bind(level).bind(id).execute(tx.conn()).await?;
    event(&mut tx, id, at, "level", Some(locked.level.to_string()), Some(level.to_string()), reason).await?;
    let inc = read_in(&mut tx, id).await?;
    let alert = raise_if_alerting(&mut tx, &inc, Some(locked.level), level, at).await?;
    tx.audit("level", "incident", &id.to_string(), Some(&serde_json::json!({ "level": locked.level })), Some(&serde_json::json!({ "level": level, "reason": reason.trim() }))).await?;
    tx.commit().await?;
    Ok(Applied { id, alert })
}

/// The incident as the transaction sees it (with its groups).
async fn read_in(tx: &mut WriteTx, id: i64) -> Result<Incident> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM incidents WHERE id = $1")).bind(id).fetch_one(tx.conn()).await?;
    let mut inc = from_row(&row)?;
    let groups: Vec<(String,)> = sqlx::query_as("SELECT group_slug FROM incident_groups WHERE incident_id = $1 ORDER BY group_slug").bind(id).fetch_all(tx.conn()).await?;
    inc.groups = groups.into_iter().map(|g| g.0).collect();
    Ok(inc)
}

/// Changes the verification status with its reason. Verifying an incident
/// already at level 3 raises its alert if none was (an unverified report
/// that reached level 3 alerts at once; a refuted one never does).
pub async fn change_verification(store: &Store, actor: &str, id: i64, status: &str, reason: &str, at: &str) -> Result<Applied> {
    let mut tx = store.begin_write(actor).await?;
    let locked = lock(&mut tx, id, at).await?;
    let errs = rules::check_verification_change(&locked.verification, status, reason);
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    sqlx::query("UPDATE incidents SET verification = $1 WHERE id = $2").bind(status).bind(id).execute(tx.conn()).await?;
    event(&mut tx, id, at, "verification", Some(locked.verification.clone()), Some(status.to_string()), reason).await?;
    let inc = read_in(&mut tx, id).await?;
    let alert = if !rules::counts_in_figures(&locked.verification) { raise_if_alerting(&mut tx, &inc, None, inc.level, at).await? } else { None };
    tx.audit("verification", "incident", &id.to_string(), Some(&serde_json::json!({ "verification": locked.verification })), Some(&serde_json::json!({ "verification": status, "reason": reason.trim() }))).await?;
    tx.commit().await?;
    Ok(Applied { id, alert })
}

/// Moves the incident to another stage (settlement, closed, reopened) with its reason.
pub async fn change_stage(store: &Store, actor: &str, id: i64, stage: &str, reason: &str, at: &str) -> Result<()> {
    let mut tx = store.begin_write(actor).await?;
    let locked = lock(&mut tx, id, at).await?;
    let (actions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM incident_actions WHERE incident_id = $1").bind(id).fetch_one(tx.conn()).await?;
    let errs = rules::check_stage_change(&locked.stage, stage, &locked.verification, actions as usize, reason);
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    sqlx::query("UPDATE incidents SET stage = $1 WHERE id = $2").bind(stage).bind(id).execute(tx.conn()).await?;
    event(&mut tx, id, at, "stage", Some(locked.stage.clone()), Some(stage.to_string()), reason).await?;
    tx.audit("stage", "incident", &id.to_string(), Some(&serde_json::json!({ "stage": locked.stage })), Some(&serde_json::json!({ "stage": stage, "reason": reason.trim() }))).await?;
    tx.commit().await
}

/// Adds a response action to the timeline.
pub async fn add_action(store: &Store, actor: &str, id: i64, input: &ActionInput, at: &str) -> Result<i64> {
    let when = rules::parse_local_instant(&input.at);
    let errs = rules::validate_action(input, when.as_deref(), at);
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    lock(&mut tx, id, at).await?;
    let (action_id,): (i64,) = sqlx::query_as(
        "INSERT INTO incident_actions (incident_id, kind, at, actor, description, result, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(id)
    .bind(&input.kind)
    .bind(when.unwrap_or_default())
    .bind(input.actor.trim())
    .bind(input.description.trim())
    .bind(input.result.trim())
    .bind(actor)
    .bind(at)
    .fetch_one(tx.conn())
    .await?;
    tx.audit("action", "incident", &id.to_string(), None, Some(&serde_json::to_value(input).unwrap_or_default())).await?;
    tx.commit().await?;
    Ok(action_id)
}

/// Links two incidents as related (once, whichever way round).
pub async fn link_incident(store: &Store, actor: &str, id: i64, other: i64, at: &str) -> Result<()> {
    if id == other {
        return Err(StoreError::field("incident_id", "err-merge-self"));
    }
    get(store, other).await.map_err(|e| if matches!(e, StoreError::NotFound) { StoreError::field("incident_id", "err-not-found") } else { e })?;
    let mut tx = store.begin_write(actor).await?;
    lock(&mut tx, id, at).await?;
    let (a, b) = (id.min(other), id.max(other));
    sqlx::query("INSERT INTO incident_links (incident_a, incident_b) VALUES ($1, $2) ON CONFLICT DO NOTHING").bind(a).bind(b).execute(tx.conn()).await?;
    event(&mut tx, id, at, "linked", None, Some(format!("incident:{other}")), "").await?;
    tx.audit("link", "incident", &id.to_string(), None, Some(&serde_json::json!({ "incident": other }))).await?;
    tx.commit().await
}

/// Links a document of the information field to the incident.
pub async fn link_document(store: &Store, actor: &str, id: i64, document: i64, at: &str) -> Result<()> {
    check_documents(store, &[document]).await?;
    let mut tx = store.begin_write(actor).await?;
    lock(&mut tx, id, at).await?;
    sqlx::query("INSERT INTO incident_documents (incident_id, document_id) VALUES ($1, $2) ON CONFLICT DO NOTHING").bind(id).bind(document).execute(tx.conn()).await?;
    event(&mut tx, id, at, "linked", None, Some(format!("document:{document}")), "").await?;
    tx.audit("link", "incident", &id.to_string(), None, Some(&serde_json::json!({ "document": document }))).await?;
    tx.commit().await
}

/// Merges a duplicate into another incident: the duplicate becomes
/// `duplicate`, closed, pointing to the other; its documents and groups join
/// the other; both keep the event in their history.
pub async fn merge(store: &Store, actor: &str, id: i64, into: i64, reason: &str, at: &str) -> Result<()> {
    let mut tx = store.begin_write(actor).await?;
    // Rows are taken in id order so that two opposite merges cannot deadlock.
    let (first, second) = (id.min(into), id.max(into));
    let mut locked = std::collections::HashMap::new();
    for x in [first, second] {
        if locked.contains_key(&x) {
            continue;
        }
        match lock(&mut tx, x, at).await {
            Ok(l) => {
                locked.insert(x, l);
            }
            Err(StoreError::NotFound) if x != id => {}
            Err(e) => return Err(e),
        }
    }
    let target_verification = locked.get(&into).map(|l| l.verification.clone());
    let own = locked.remove(&id).ok_or(StoreError::NotFound)?;
    let errs = rules::check_merge(id, into, &own.verification, target_verification.as_deref(), reason);
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    sqlx::query("UPDATE incidents SET verification = 'duplicate', stage = 'closed', merged_into = $1 WHERE id = $2").bind(into).bind(id).execute(tx.conn()).await?;
    sqlx::query("INSERT INTO incident_documents (incident_id, document_id) SELECT $1, document_id FROM incident_documents WHERE incident_id = $2 ON CONFLICT DO NOTHING")
        .bind(into)
        .bind(id)
        .execute(tx.conn())
        .await?;
    sqlx::query("INSERT INTO incident_groups (incident_id, group_slug) SELECT $1, group_slug FROM incident_groups WHERE incident_id = $2 ON CONFLICT DO NOTHING")
        .bind(into)
        .bind(id)
        .execute(tx.conn())
        .await?;
    sqlx::query("INSERT INTO incident_links (incident_a, incident_b) VALUES ($1, $2) ON CONFLICT DO NOTHING").bind(first).bind(second).execute(tx.conn()).await?;
    event(&mut tx, id, at, "merged", Some(own.verification.clone()), Some(into.to_string()), reason).await?;
    event(&mut tx, into, at, "absorbed", None, Some(id.to_string()), reason).await?;
    tx.audit("merge", "incident", &id.to_string(), None, Some(&serde_json::json!({ "into": into, "reason": reason.trim() }))).await?;
    tx.commit().await
}

/// The reporter's identity; the read itself is written to the audit log.
pub async fn read_reporter(store: &Store, actor: &str, id: i64) -> Result<Option<Reporter>> {
    let row: Option<(String, String)> = sqlx::query_as("SELECT name, contact FROM incident_reporters WHERE incident_id = $1").bind(id).fetch_optional(&store.pool).await?;
    if row.is_some() {
        let mut tx = store.begin_write(actor).await?;
        tx.audit("read_reporter", "incident", &id.to_string(), None, None).await?;
        tx.commit().await?;
    }
    Ok(row.map(|(name, contact)| Reporter { name, contact }))
}

/// Whether a reporter was recorded (anyone who reads the incident may know that much).
pub async fn has_reporter(store: &Store, id: i64) -> Result<bool> {
    Ok(sqlx::query_as::<_, (i64,)>("SELECT incident_id FROM incident_reporters WHERE incident_id = $1").bind(id).fetch_optional(&store.pool).await?.is_some())
}

pub async fn events(store: &Store, id: i64) -> Result<Vec<IncidentEvent>> {
    let rows: Vec<(String, String, Option<String>, Option<String>, String, String)> =
        sqlx::query_as("SELECT at, kind, from_value, to_value, reason, actor FROM incident_events WHERE incident_id = $1 ORDER BY at, id").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(at, kind, from_value, to_value, reason, actor)| IncidentEvent { at, kind, from_value, to_value, reason, actor }).collect())
}

pub async fn actions(store: &Store, id: i64) -> Result<Vec<IncidentAction>> {
    let rows = sqlx::query("SELECT id, kind, at, actor, description, result, recorded_by, recorded_at FROM incident_actions WHERE incident_id = $1 ORDER BY at, id")
        .bind(id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(IncidentAction {
                id: col(r, "id")?,
                kind: col(r, "kind")?,
                at: col(r, "at")?,
                actor: col(r, "actor")?,
                description: col(r, "description")?,
                result: col(r, "result")?,
                recorded_by: col(r, "recorded_by")?,
                recorded_at: col(r, "recorded_at")?,
            })
        })
        .collect()
}

/// The incidents linked to this one (either way round), with their title, level and region.
pub async fn linked(store: &Store, id: i64) -> Result<Vec<(i64, String, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.title, i.level, i.region FROM incidents i JOIN incident_links l ON (l.incident_a = $1 AND i.id = l.incident_b) OR (l.incident_b = $1 AND i.id = l.incident_a) ORDER BY i.id",
    )
    .bind(id)
    .fetch_all(&store.pool)
    .await?)
}

/// The ids of the documents linked to the incident.
pub async fn document_ids(store: &Store, id: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT document_id FROM incident_documents WHERE incident_id = $1 ORDER BY document_id").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The level and verification events of every incident of a region (or of
/// all), oldest first: (incident, region, occurred_at, at, kind, to_value).
/// The risk index and its backtest replay them to know an incident's state
/// on a past day.
pub async fn history(store: &Store) -> Result<Vec<(i64, String, String, String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT e.incident_id, i.region, i.occurred_at, e.at, e.kind, COALESCE(e.to_value, '') FROM incident_events e JOIN incidents i ON i.id = e.incident_id \
         WHERE e.kind IN ('created', 'level', 'verification', 'merged') ORDER BY e.at, e.id",
    )
    .fetch_all(&store.pool)
    .await?)
}
