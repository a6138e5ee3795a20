//! Execution control of decisions (issue 5 §5): assignments made from a
//! decision's points, the executors' reports, extensions, execution, taking
//! off control, and the reminders before deadlines. The rules are
//! `kelisim_core::governance::control`; "overdue" is never stored, it is the
//! state an open assignment shows the day after its deadline.

use kelisim_core::governance::control::{self as rules, ControlChange, ControlState};
use kelisim_core::ValidationErrors;
use kelisim_core::monitoring::alert::AlertKind;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::db::{col, Store};
use crate::error::{Result, StoreError};
use crate::monitoring::alerts::{self, NewAlert};
use crate::sql::Sql;

/// A co-executor of an assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CoExecutor {
    pub name: String,
    /// «по согласованию»: asked, not obliged.
    #[serde(default)]
    pub by_agreement: bool,
}

/// What making an assignment takes.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AssignmentInput {
    pub text: String,
    /// The executor as the decision names it.
    pub executor: String,
    /// The executor's structure in the register, if it is one.
    #[serde(default)]
    pub executor_organisation_id: Option<i64>,
    /// The region the assignment is executed in (regional scope).
    #[serde(default)]
    pub region: Option<String>,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    #[serde(default)]
    pub co_executors: Vec<CoExecutor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Assignment {
    pub id: i64,
    pub decision_id: i64,
    /// The session and point of the decision.
    pub session_id: i64,
    pub point: i64,
    pub text: String,
    pub executor: String,
    pub executor_organisation_id: Option<i64>,
    pub region: Option<String>,
    pub deadline: String,
    /// As shown today: `on_control`, `extended`, `overdue`, `executed` or `taken_off`.
    pub state: String,
    pub co_executors: Vec<CoExecutor>,
    pub version: i64,
}

/// One step of an assignment's history.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AssignmentEvent {
    /// `created`, `report`, `extended`, `executed`, `taken_off`.
    pub kind: String,
    pub text: String,
    pub from_deadline: Option<String>,
    pub to_deadline: Option<String>,
    pub actor: String,
    pub at: String,
}

fn date(s: &str) -> Option<Date> {
    Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Makes an assignment of a decision point.
pub async fn assign(store: &Store, actor: &str, decision_id: i64, input: &AssignmentInput, now: &str) -> Result<i64> {
    let mut errs = ValidationErrors::default();
    if input.text.trim().is_empty() {
        errs.push("text", "err-required");
    }
    if input.executor.trim().is_empty() {
        errs.push("executor", "err-required");
    }
    if date(&input.deadline).is_none() {
        errs.push("deadline", "err-date-format");
    }
    if input.co_executors.iter().any(|c| c.name.trim().is_empty()) {
        errs.push("co_executors", "err-required");
    }
    let decision: Option<(i64,)> = sqlx::query_as("SELECT id FROM gov_decisions WHERE id = $1").bind(decision_id).fetch_optional(&store.pool).await?;
    if decision.is_none() {
        errs.push("decision_id", "err-not-found");
    }
    if let Some(org) = input.executor_organisation_id {
        let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM organisations WHERE id = $1").bind(org).fetch_optional(&store.pool).await?;
        if found.is_none() {
            errs.push("executor_organisation_id", "err-not-found");
        }
    }
    if let Some(r) = input.region.as_deref().filter(|r| !r.is_empty()) {
        let found: Option<(String,)> = sqlx::query_as("SELECT kato FROM regions WHERE kato = $1").bind(r).fetch_optional(&store.pool).await?;
        if found.is_none() {
            errs.push("region", "err-unknown-region");
        }
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO gov_assignments (decision_id, text, executor, executor_organisation_id, region, deadline, state, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'on_control', $7, $8, $8) RETURNING id",
    )
    .bind(decision_id)
    .bind(input.text.trim())
    .bind(input.executor.trim())
    .bind(input.executor_organisation_id)
    .bind(input.region.clone().filter(|r| !r.is_empty()))
    .bind(&input.deadline)
    .bind(actor)
    .bind(now)
    .fetch_one(tx.conn())
    .await?;
    for c in &input.co_executors {
        sqlx::query("INSERT INTO gov_co_executors (assignment_id, name, by_agreement) VALUES ($1, $2, $3) ON CONFLICT (assignment_id, name) DO NOTHING")
            .bind(id)
            .bind(c.name.trim())
            .bind(c.by_agreement as i64)
            .execute(tx.conn())
            .await?;
    }
    sqlx::query("INSERT INTO gov_assignment_events (assignment_id, kind, text, to_deadline, actor, at) VALUES ($1, 'created', $2, $3, $4, $5)")
        .bind(id)
        .bind(input.executor.trim())
        .bind(&input.deadline)
        .bind(actor)
        .bind(now)
        .execute(tx.conn())
        .await?;
    tx.audit("assign", "assignment", &id.to_string(), None, Some(&serde_json::json!({ "decision_id": decision_id, "executor": input.executor.trim(), "deadline": input.deadline }))).await?;
    tx.commit().await?;
    Ok(id)
}

const SELECT: &str = "SELECT a.id, a.decision_id, d.session_id, d.point, a.text, a.executor, a.executor_organisation_id, a.region, a.deadline, a.state, a.version \
    FROM gov_assignments a JOIN gov_decisions d ON d.id = a.decision_id";

async fn from_row(store: &Store, r: &sqlx::any::AnyRow, today: Date) -> Result<Assignment> {
    let id: i64 = col(r, "id")?;
    let deadline: String = col(r, "deadline")?;
    let stored: String = col(r, "state")?;
    let state = ControlState::from_slug(&stored).map(|s| date(&deadline).map_or(s, |d| rules::state_on(s, d, today)).slug().to_string()).unwrap_or(stored);
    let co: Vec<(String, i64)> = sqlx::query_as("SELECT name, by_agreement FROM gov_co_executors WHERE assignment_id = $1 ORDER BY name").bind(id).fetch_all(&store.pool).await?;
    Ok(Assignment {
        id,
        decision_id: col(r, "decision_id")?,
        session_id: col(r, "session_id")?,
        point: col(r, "point")?,
        text: col(r, "text")?,
        executor: col(r, "executor")?,
        executor_organisation_id: col(r, "executor_organisation_id")?,
        region: col(r, "region")?,
        deadline,
        state,
        co_executors: co.into_iter().map(|(name, a)| CoExecutor { name, by_agreement: a == 1 }).collect(),
        version: col(r, "version")?,
    })
}

fn today_of(today: &str) -> Result<Date> {
    date(today).ok_or_else(|| StoreError::field("today", "err-date-format"))
}

pub async fn get(store: &Store, id: i64, today: &str) -> Result<Assignment> {
    let today = today_of(today)?;
    let row = sqlx::query(&format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    from_row(store, &row, today).await
}

/// Filters of the control dashboard.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ControlFilter {
    /// One region (regional roles: their own).
    pub region: Option<String>,
    /// Words of the executor's name.
    pub executor: Option<String>,
    /// A state as shown today (`overdue` included).
    pub state: Option<String>,
    /// The assignments of one session's decision.
    pub session_id: Option<i64>,
}

/// The control dashboard: the assignments as shown on `today`, overdue
/// first, then by the nearest deadline, closed ones last.
pub async fn list(store: &Store, f: &ControlFilter, today: &str) -> Result<Vec<Assignment>> {
    let day = today_of(today)?;
    let mut q = Sql::new(&format!("{SELECT} WHERE 1 = 1"));
    if let Some(r) = f.region.as_deref().filter(|r| !r.is_empty()) {
        q.push(" AND a.region = ").bind(r.to_string());
    }
    if let Some(s) = f.session_id {
        q.push(" AND d.session_id = ").bind(s);
    }
    match f.state.as_deref() {
        // Overdue is open and past the deadline; on_control/extended are open and not yet past it.
        Some("overdue") => {
            q.push(" AND a.state IN ('on_control', 'extended') AND a.deadline < ").bind(today.to_string());
        }
        Some(s @ ("on_control" | "extended")) => {
            q.push(" AND a.state = ").bind(s.to_string()).push(" AND a.deadline >= ").bind(today.to_string());
        }
        Some(s @ ("executed" | "taken_off")) => {
            q.push(" AND a.state = ").bind(s.to_string());
        }
        _ => {}
    }
    let rows = q.query().fetch_all(&store.pool).await?;
    // The executor's words are matched folded (case, ё) in Rust: SQLite's
    // LOWER() knows only ASCII.
    let words = f.executor.as_deref().map(kelisim_core::text::search_fold).unwrap_or_default();
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let a = from_row(store, r, day).await?;
        if words.trim().is_empty() || kelisim_core::text::search_fold(&a.executor).contains(words.trim()) {
            out.push(a);
        }
    }
    out.sort_by_key(|a| (ControlState::from_slug(&a.state).zip(date(&a.deadline)).map(|(s, d)| rules::control_order(s, d)).unwrap_or((3, 0)), a.id));
    Ok(out)
}

/// The executor's report on the assignment (it stays on control until accepted).
pub async fn report(store: &Store, actor: &str, id: i64, text: &str, now: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(StoreError::field("text", "err-required"));
    }
    let a = get(store, id, &now[..10.min(now.len())]).await?;
    if !ControlState::from_slug(&a.state).is_some_and(ControlState::is_open) {
        return Err(StoreError::field("state", "err-assignment-closed"));
    }
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("INSERT INTO gov_assignment_events (assignment_id, kind, text, actor, at) VALUES ($1, 'report', $2, $3, $4)").bind(id).bind(text.trim()).bind(actor).bind(now).execute(tx.conn()).await?;
    tx.audit("report", "assignment", &id.to_string(), None, Some(&serde_json::json!({ "text": text.trim() }))).await?;
    tx.commit().await?;
    Ok(())
}

/// Executes, extends or takes off control (see `kelisim_core::governance::control::apply`).
pub async fn change(store: &Store, actor: &str, id: i64, change: &ControlChange<'_>, version: i64, now: &str) -> Result<Assignment> {
    let today = &now[..10.min(now.len())];
    let a = get(store, id, today).await?;
    let (Some(current), Some(deadline)) = (ControlState::from_slug(&a.state), date(&a.deadline)) else { return Err(StoreError::Other("stored assignment unreadable".into())) };
    let next = rules::apply(current, deadline, change).map_err(|(field, reason)| StoreError::field(field, reason))?;
    let (kind, text, to_deadline) = match change {
        ControlChange::Execute => ("executed", String::new(), None),
        ControlChange::Extend { new_deadline, reason } => ("extended", reason.trim().to_string(), Some(new_deadline.to_string())),
        ControlChange::TakeOff { reason } => ("taken_off", reason.trim().to_string(), None),
    };
    let mut tx = store.begin_write(actor).await?;
    let changed = sqlx::query("UPDATE gov_assignments SET state = $1, deadline = COALESCE($2, deadline), updated_at = $3, version = version + 1 WHERE id = $4 AND version = $5")
        .bind(next.slug())
        .bind(&to_deadline)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(tx.conn())
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(StoreError::Conflict("version".into()));
    }
    sqlx::query("INSERT INTO gov_assignment_events (assignment_id, kind, text, from_deadline, to_deadline, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(kind)
        .bind(&text)
        .bind(&a.deadline)
        .bind(&to_deadline)
        .bind(actor)
        .bind(now)
        .execute(tx.conn())
        .await?;
    tx.audit(kind, "assignment", &id.to_string(), Some(&serde_json::json!({ "state": a.state, "deadline": a.deadline })), Some(&serde_json::json!({ "state": next.slug(), "deadline": to_deadline.clone().unwrap_or(a.deadline.clone()), "reason": text }))).await?;
    tx.commit().await?;
    get(store, id, today).await
}

pub async fn events(store: &Store, id: i64) -> Result<Vec<AssignmentEvent>> {
    let rows: Vec<(String, String, Option<String>, Option<String>, String, String)> =
        sqlx::query_as("SELECT kind, text, from_deadline, to_deadline, actor, at FROM gov_assignment_events WHERE assignment_id = $1 ORDER BY id").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(kind, text, from_deadline, to_deadline, actor, at)| AssignmentEvent { kind, text, from_deadline, to_deadline, actor, at }).collect())
}

/// The reminders due on `today` that were not sent yet (7, 3 and 1 days
/// before a deadline); each is recorded as sent, once, in the same
/// transaction that answers it, so two nodes never remind twice.
pub async fn take_reminders(store: &Store, today: &str, now: &str) -> Result<Vec<(Assignment, i64)>> {
    let day = today_of(today)?;
    let horizon = (day + time::Duration::days(*rules::REMINDER_DAYS.iter().max().unwrap_or(&7))).to_string();
    let rows = sqlx::query(&format!("{SELECT} WHERE a.state IN ('on_control', 'extended') AND a.deadline >= $1 AND a.deadline <= $2 ORDER BY a.deadline, a.id"))
        .bind(today)
        .bind(&horizon)
        .fetch_all(&store.pool)
        .await?;
    let mut due = Vec::new();
    for r in &rows {
        let a = from_row(store, r, day).await?;
        let (Some(state), Some(deadline)) = (ControlState::from_slug(&a.state), date(&a.deadline)) else { continue };
        if let Some(left) = rules::reminder_due(state, deadline, day) {
            due.push((a, left));
        }
    }
    if due.is_empty() {
        return Ok(due);
    }
    let mut tx = store.begin_write("reminders").await?;
    let mut sent = Vec::new();
    for (a, left) in due {
        let first: Option<(i64,)> = sqlx::query_as("INSERT INTO gov_reminders (assignment_id, deadline, days_left, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT (assignment_id, deadline, days_left) DO NOTHING RETURNING assignment_id")
            .bind(a.id)
            .bind(&a.deadline)
            .bind(left)
            .bind(now)
            .fetch_optional(tx.conn())
            .await?;
        if first.is_some() {
            tx.audit("remind", "assignment", &a.id.to_string(), None, Some(&serde_json::json!({ "days_left": left, "deadline": a.deadline }))).await?;
            // Delivered as an alert of its own kind (in the app, by e-mail to its
            // recipients, retried and shown when failing), raised in this transaction.
            let alert = NewAlert {
                kind: AlertKind::Reminder,
                subject: format!("{}:{}:{left}", a.id, a.deadline),
                region: a.region.clone(),
                subject_id: Some(a.id),
                facts: serde_json::json!({ "assignment_id": a.id, "text": a.text, "executor": a.executor, "deadline": a.deadline, "days_left": left }),
                raised_at: now.to_string(),
                is_demo: false,
            };
            alerts::raise(&mut tx, &alert).await?;
            sent.push((a, left));
        }
    }
    tx.commit().await?;
    Ok(sent)
}
