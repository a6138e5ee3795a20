//! Assembly membership files and their steps (Regulation §4 p.14-15; the
//! rules are in `kelisim_core::membership`, this module records them).

use kelisim_core::membership::{next_membership_state, removal_needs_note, step_date_in_order, MembershipState, MembershipStep};
use kelisim_core::organisation::is_iso_date;
use serde::Serialize;

use crate::db::{col, Store};
use crate::error::{Result, StoreError};
use crate::sql::Sql;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StepRecord {
    pub step: String,
    /// The step's details (nominating body and decision, ground of removal...).
    pub detail: serde_json::Value,
    pub on_date: String,
    pub note: String,
    pub actor: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Membership {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub region: Option<String>,
    pub state: String,
    pub updated_at: String,
    pub steps: Vec<StepRecord>,
}

async fn steps(store: &Store, membership_id: i64) -> Result<Vec<StepRecord>> {
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT step, detail_json, on_date, note, actor, recorded_at FROM membership_steps WHERE membership_id = $1 ORDER BY id",
    )
    .bind(membership_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(step, detail, on_date, note, actor, recorded_at)| StepRecord {
            step,
            detail: serde_json::from_str(&detail).unwrap_or_default(),
            on_date,
            note,
            actor,
            recorded_at,
        })
        .collect())
}

const SELECT: &str = "SELECT m.id, m.person_id, p.full_name, m.region_kato, m.state, m.updated_at FROM memberships m JOIN people p ON p.id = m.person_id";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Membership> {
    Ok(Membership {
        id: col(row, "id")?,
        person_id: col(row, "person_id")?,
        person_name: col(row, "full_name")?,
        region: col(row, "region_kato")?,
        state: col(row, "state")?,
        updated_at: col(row, "updated_at")?,
        steps: Vec::new(),
    })
}

pub async fn get(store: &Store, id: i64) -> Result<Membership> {
    let row = sqlx::query(&format!("{SELECT} WHERE m.id = $1")).bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    let mut m = from_row(&row)?;
    m.steps = steps(store, id).await?;
    Ok(m)
}

/// Files, newest first; `region` limits to one region, `state` to one state.
pub async fn list(store: &Store, region: Option<&str>, state: Option<&str>, page: i64, per_page: i64) -> Result<(Vec<Membership>, i64)> {
    let build = |select: &str| {
        let mut sql = Sql::new(select);
        sql.push(" WHERE 1 = 1");
        if let Some(r) = region {
            sql.push(" AND m.region_kato = ").bind(r.to_string());
        }
        if let Some(s) = state.filter(|s| !s.is_empty()) {
            sql.push(" AND m.state = ").bind(s.to_string());
        }
        sql
    };
    let mut count = build("SELECT COUNT(*) AS n FROM memberships m");
    let total: i64 = col(&count.query().fetch_one(&store.pool).await?, "n")?;
    let mut sql = build(SELECT);
    sql.push(" ORDER BY m.updated_at DESC, m.id DESC LIMIT ").bind(per_page).push(" OFFSET ").bind((page - 1).max(0) * per_page);
    let rows = sql.query().fetch_all(&store.pool).await?;
    Ok((rows.iter().map(from_row).collect::<Result<Vec<_>>>()?, total))
}

/// The person's latest file, if any.
pub async fn latest_for_person(store: &Store, person_id: i64) -> Result<Option<Membership>> {
    let row = sqlx::query(&format!("{SELECT} WHERE m.person_id = $1 ORDER BY m.id DESC LIMIT 1")).bind(person_id).fetch_optional(&store.pool).await?;
    match row {
        None => Ok(None),
        Some(row) => {
            let mut m = from_row(&row)?;
            m.steps = steps(store, m.id).await?;
            Ok(Some(m))
        }
    }
}

/// Records one step for a person: checks the order of the procedure, the
/// date and the note, then writes the step and the new state. A nomination
/// or appointment after a closed file (rejected, removed, exited) opens a new
/// file. Returns the file's id.
pub async fn record_step(store: &Store, actor: &str, person_id: i64, step: &MembershipStep, on_date: &str, note: &str) -> Result<i64> {
    let person = crate::people::get(store, person_id).await?;
    let current = latest_for_person(store, person_id).await?;
    let state = current.as_ref().and_then(|m| MembershipState::from_slug(&m.state));
    let next = next_membership_state(state, step).map_err(|e| StoreError::field("step", &e.to_string()))?;
    if !is_iso_date(on_date) {
        return Err(StoreError::field("on_date", "err-date-format"));
    }
    if on_date > crate::today_utc().as_str() {
        return Err(StoreError::field("on_date", "err-date-in-future"));
    }
    removal_needs_note(step, note).map_err(|e| StoreError::field("note", &e.to_string()))?;
    if let MembershipStep::Nominate { organisation_id, .. } = step {
        if crate::organisations::get(store, *organisation_id).await.is_err() {
            return Err(StoreError::field("organisation_id", "err-unknown-organisation"));
        }
    }
    let opens_new_file = matches!(state, None | Some(MembershipState::Rejected | MembershipState::Removed | MembershipState::Exited));
    if !opens_new_file {
        let previous = current.as_ref().and_then(|m| m.steps.last()).map(|s| s.on_date.as_str());
        step_date_in_order(previous, on_date).map_err(|e| StoreError::field("on_date", &e.to_string()))?;
    }
    let mut tx = store.begin_write(actor).await?;
    let file = if opens_new_file { None } else { current.as_ref().map(|m| m.id) };
    let id = write_step(&mut tx, file, person_id, person.region.as_deref(), state, next, step, on_date, note).await?;
    tx.commit().await?;
    Ok(id)
}

/// Writes one checked step: opens a file when `file` is `None`, records the
/// step and the new state, and audits it. Callers check the rules first.
#[allow(clippy::too_many_arguments)]
pub async fn write_step(
    tx: &mut crate::db::WriteTx,
    file: Option<i64>,
    person_id: i64,
    region: Option<&str>,
    from: Option<MembershipState>,
    to: MembershipState,
    step: &MembershipStep,
    on_date: &str,
    note: &str,
) -> Result<i64> {
    let now = crate::now_utc();
    let id = match file {
        Some(id) => {
            sqlx::query("UPDATE memberships SET state = $1, updated_at = $2 WHERE id = $3").bind(to.slug()).bind(&now).bind(id).execute(tx.conn()).await?;
            id
        }
        None => {
            let (id,): (i64,) = sqlx::query_as("INSERT INTO memberships (person_id, region_kato, state, updated_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(person_id)
                .bind(region)
                .bind(to.slug())
                .bind(&now)
                .fetch_one(tx.conn())
                .await?;
            id
        }
    };
    let detail = serde_json::to_value(step).unwrap_or_default();
    let actor = tx.actor.clone();
    sqlx::query("INSERT INTO membership_steps (membership_id, step, detail_json, on_date, note, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(step.slug())
        .bind(detail.to_string())
        .bind(on_date)
        .bind(note.trim())
        .bind(actor)
        .bind(&now)
        .execute(tx.conn())
        .await?;
    tx.audit(
        step.slug(),
        "membership",
        &id.to_string(),
        Some(&serde_json::json!({ "state": from.map(|s| s.slug()) })),
        Some(&serde_json::json!({ "state": to.slug(), "step": detail, "on_date": on_date, "note": note })),
    )
    .await?;
    Ok(id)
}
