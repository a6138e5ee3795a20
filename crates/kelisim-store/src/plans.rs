//! The action plan (issue 5 §6; SPEC §3.3; migration `0005_action_plan`):
//! plans with their directions and items, loaded once from
//! `kelisim_core::reference::action_plan`; reports per item and due date by the
//! republic's executors (region `''`) or a region's, with attachments; the
//! execution of a plan in a year (every due date reported, due or overdue).

use kelisim_core::plan::execution::{self as rules, DueState};
use kelisim_core::plan::periodicity;
use kelisim_core::reference::action_plan::{self as reference, ReferencePlan};
use kelisim_core::reference::REGIONS;
use kelisim_core::ValidationErrors;
use serde::Serialize;
use time::Date;

use crate::db::Store;
use crate::error::{Result, StoreError};

/// Largest attachment accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Loads the reference plans into empty tables (under the migration lock).
pub async fn load_if_empty(store: &Store) -> Result<()> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plans").fetch_one(&store.pool).await?;
    if n > 0 {
        return Ok(());
    }
    let mut tx = store.pool.begin().await?;
    for plan in [reference::plan_2022_2026(), reference::concept_2030()] {
        insert_plan(&mut tx, &plan).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn insert_plan(tx: &mut sqlx::Transaction<'_, sqlx::Any>, plan: &ReferencePlan) -> Result<()> {
    sqlx::query("INSERT INTO plans (code, title_kk, title_ru, title_en, from_year, to_year) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(plan.code)
        .bind(plan.title_kk)
        .bind(plan.title_ru)
        .bind(plan.title_en)
        .bind(i64::from(plan.from_year))
        .bind(i64::from(plan.to_year))
        .execute(&mut **tx)
        .await?;
    for (position, d) in plan.directions.iter().enumerate() {
        sqlx::query("INSERT INTO plan_directions (plan_code, code, position, title, tasks) VALUES ($1, $2, $3, $4, $5)")
            .bind(plan.code)
            .bind(&d.code)
            .bind(position as i64 + 1)
            .bind(&d.title)
            .bind(d.tasks.join("\n"))
            .execute(&mut **tx)
            .await?;
    }
    for (position, item) in plan.items.iter().enumerate() {
        let (responsible, co) = reference::split_executors(reference::executors_of(&plan.items, item));
        // The wording it falls due by: its own, or its group's.
        let schedule_term = if periodicity::parse(&item.term).is_ok() {
            Some(item.term.clone())
        } else {
            item.parent_code().and_then(|p| plan.items.iter().find(|i| i.code == p)).map(|g| g.term.clone()).filter(|t| periodicity::parse(t).is_ok())
        };
        sqlx::query(
            "INSERT INTO plan_items (plan_code, direction, code, parent_code, position, title, completion_form, term, schedule_term, responsible, co_responsible) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(plan.code)
        .bind(&item.direction)
        .bind(&item.code)
        .bind(item.parent_code())
        .bind(position as i64 + 1)
        .bind(&item.title)
        .bind(&item.form)
        .bind(&item.term)
        .bind(schedule_term)
        .bind(responsible)
        .bind(co.join("\n"))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlanTitle {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Plan {
    pub code: String,
    pub title: PlanTitle,
    pub from_year: i64,
    pub to_year: i64,
}

type PlanRow = (String, String, String, String, i64, i64);

fn plan_of((code, kk, ru, en, from_year, to_year): PlanRow) -> Plan {
    Plan { code, title: PlanTitle { kk, ru, en }, from_year, to_year }
}

pub async fn list(store: &Store) -> Result<Vec<Plan>> {
    let rows: Vec<PlanRow> = sqlx::query_as("SELECT code, title_kk, title_ru, title_en, from_year, to_year FROM plans ORDER BY from_year, code").fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(plan_of).collect())
}

pub async fn get(store: &Store, code: &str) -> Result<Plan> {
    let row: Option<PlanRow> = sqlx::query_as("SELECT code, title_kk, title_ru, title_en, from_year, to_year FROM plans WHERE code = $1").bind(code).fetch_optional(&store.pool).await?;
    row.map(plan_of).ok_or(StoreError::NotFound)
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlanDirection {
    pub code: String,
    pub title: String,
    pub tasks: Vec<String>,
}

pub async fn directions(store: &Store, plan: &str) -> Result<Vec<PlanDirection>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as("SELECT code, title, tasks FROM plan_directions WHERE plan_code = $1 ORDER BY position").bind(plan).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(code, title, tasks)| PlanDirection { code, title, tasks: tasks.lines().map(str::to_string).filter(|t| !t.is_empty()).collect() }).collect())
}

/// An item of a plan as kept.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlanItem {
    pub id: i64,
    pub plan_code: String,
    pub direction: String,
    pub code: String,
    pub parent_code: Option<String>,
    pub title: String,
    pub completion_form: String,
    /// The term as printed.
    pub term: String,
    /// The wording it falls due by (its own or its group's); `None` for a group heading.
    pub schedule_term: Option<String>,
    pub responsible: String,
    /// Co-executors "by agreement".
    pub co_responsible: Vec<String>,
}

type ItemRow = (i64, String, String, String, Option<String>, String, String, String, Option<String>, String, String);
const ITEM_COLUMNS: &str = "id, plan_code, direction, code, parent_code, title, completion_form, term, schedule_term, responsible, co_responsible";

fn item_of(r: ItemRow) -> PlanItem {
    PlanItem {
        id: r.0,
        plan_code: r.1,
        direction: r.2,
        code: r.3,
        parent_code: r.4,
        title: r.5,
        completion_form: r.6,
        term: r.7,
        schedule_term: r.8,
        responsible: r.9,
        co_responsible: r.10.lines().map(str::to_string).filter(|t| !t.is_empty()).collect(),
    }
}

pub async fn items(store: &Store, plan: &str) -> Result<Vec<PlanItem>> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!("SELECT {ITEM_COLUMNS} FROM plan_items WHERE plan_code = $1 ORDER BY position")).bind(plan).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(item_of).collect())
}

pub async fn item(store: &Store, id: i64) -> Result<PlanItem> {
    let row: Option<ItemRow> = sqlx::query_as(&format!("SELECT {ITEM_COLUMNS} FROM plan_items WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?;
    row.map(item_of).ok_or(StoreError::NotFound)
}

/// The due dates of an item in `year` (none outside the plan's years).
pub fn due_dates(plan: &Plan, item: &PlanItem, year: i32) -> Vec<Date> {
    if i64::from(year) < plan.from_year || i64::from(year) > plan.to_year {
        return Vec::new();
    }
    item.schedule_term.as_deref().and_then(|t| periodicity::parse(t).ok()).map(|p| periodicity::due_dates(&p, year)).unwrap_or_default()
}

/// An attachment being filed.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An attachment as listed.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FileMeta {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
}

/// A report on an item for one due date.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlanReport {
    pub id: i64,
    pub item_id: i64,
    pub due_on: String,
    /// The region's KATO code; `""` for the republic's executors.
    pub region: String,
    pub text: String,
    pub filed_by: String,
    pub filed_at: String,
    pub files: Vec<FileMeta>,
}

fn parse_day(s: &str) -> Option<Date> {
    Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Files (or files again) the report of `region` (`""`: the republic) on an
/// item for one of its due dates, with attachments; every problem is named
/// by its field before anything is written.
#[allow(clippy::too_many_arguments)]
pub async fn file_report(store: &Store, actor: &str, item_id: i64, due_on: &str, region: &str, text: &str, files: &[NewFile], now: &str) -> Result<i64> {
    let it = item(store, item_id).await?;
    let plan = get(store, &it.plan_code).await?;
    let mut errs = ValidationErrors::default();
    match parse_day(due_on) {
        Some(day) if due_dates(&plan, &it, day.year()).contains(&day) => {}
        Some(_) => errs.push("due_on", "err-not-a-due-date"),
        None => errs.push("due_on", "err-date-format"),
    }
    if !region.is_empty() && !REGIONS.iter().any(|r| r.kato == region) {
        errs.push("region", "err-unknown-region");
    }
    if text.trim().is_empty() {
        errs.push("text", "err-required");
    }
    for (i, f) in files.iter().enumerate() {
        if f.name.trim().is_empty() || f.name.len() > 200 {
            errs.push(&format!("files[{i}].name"), "err-required");
        }
        if f.bytes.is_empty() {
            errs.push(&format!("files[{i}]"), "err-file-empty");
        }
        if f.bytes.len() > MAX_FILE_BYTES {
            errs.push(&format!("files[{i}]"), "err-file-too-large");
        }
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let before: Option<(i64, String)> = sqlx::query_as("SELECT id, text FROM plan_reports WHERE item_id = $1 AND due_on = $2 AND region = $3").bind(item_id).bind(due_on).bind(region).fetch_optional(tx.conn()).await?;
    let id = match &before {
        Some((id, _)) => {
            sqlx::query("UPDATE plan_reports SET text = $1, filed_by = $2, filed_at = $3 WHERE id = $4").bind(text.trim()).bind(actor).bind(now).bind(id).execute(tx.conn()).await?;
            *id
        }
        None => {
            let (id,): (i64,) = sqlx::query_as("INSERT INTO plan_reports (item_id, due_on, region, text, filed_by, filed_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .bind(item_id)
                .bind(due_on)
                .bind(region)
                .bind(text.trim())
                .bind(actor)
                .bind(now)
                .fetch_one(tx.conn())
                .await?;
            id
        }
    };
    for f in files {
        sqlx::query("INSERT INTO plan_report_files (report_id, name, content_type, size, content) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(f.name.trim())
            .bind(if f.content_type.is_empty() { "application/octet-stream" } else { f.content_type.as_str() })
            .bind(f.bytes.len() as i64)
            .bind(f.bytes.clone())
            .execute(tx.conn())
            .await?;
    }
    let names: Vec<&str> = files.iter().map(|f| f.name.trim()).collect();
    tx.audit(
        "file_plan_report",
        "plan_item",
        &format!("{item_id}:{due_on}:{region}"),
        before.map(|(_, t)| serde_json::json!({ "text": t })).as_ref(),
        Some(&serde_json::json!({ "text": text.trim(), "files": names })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn files_of(store: &Store, report_id: i64) -> Result<Vec<FileMeta>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as("SELECT id, name, content_type, size FROM plan_report_files WHERE report_id = $1 ORDER BY id").bind(report_id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(id, name, content_type, size)| FileMeta { id, name, content_type, size }).collect())
}

type ReportRow = (i64, i64, String, String, String, String, String);

async fn reports_of(store: &Store, rows: Vec<ReportRow>) -> Result<Vec<PlanReport>> {
    let mut out = Vec::new();
    for (id, item_id, due_on, region, text, filed_by, filed_at) in rows {
        out.push(PlanReport { files: files_of(store, id).await?, id, item_id, due_on, region, text, filed_by, filed_at });
    }
    Ok(out)
}

/// The reports on an item, by due date and region.
pub async fn reports(store: &Store, item_id: i64) -> Result<Vec<PlanReport>> {
    let rows: Vec<ReportRow> = sqlx::query_as("SELECT id, item_id, due_on, region, text, filed_by, filed_at FROM plan_reports WHERE item_id = $1 ORDER BY due_on, region").bind(item_id).fetch_all(&store.pool).await?;
    reports_of(store, rows).await
}

/// An attachment with its bytes, and the region of the report it belongs to.
pub async fn file(store: &Store, file_id: i64) -> Result<(FileMeta, String, Vec<u8>)> {
    let row: Option<(i64, String, String, i64, String, Vec<u8>)> = sqlx::query_as(
        "SELECT f.id, f.name, f.content_type, f.size, r.region, f.content FROM plan_report_files f JOIN plan_reports r ON r.id = f.report_id WHERE f.id = $1",
    )
    .bind(file_id)
    .fetch_optional(&store.pool)
    .await?;
    let (id, name, content_type, size, region, bytes) = row.ok_or(StoreError::NotFound)?;
    Ok((FileMeta { id, name, content_type, size }, region, bytes))
}

/// One due date of an item in the execution report.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DueDate {
    pub due_on: String,
    /// `reported`, `due` or `overdue`.
    pub state: String,
    /// Reports filed for it (by the republic's executors and the regions asked about).
    pub reports: i64,
}

/// An item's line in the execution report.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ExecutionRow {
    pub item: PlanItem,
    pub due: Vec<DueDate>,
}

/// The execution of a plan in a year.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Execution {
    pub plan: Plan,
    pub year: i64,
    /// `None`: every report counts; a KATO code: that region's and the republic's.
    pub region: Option<String>,
    pub directions: Vec<PlanDirection>,
    pub rows: Vec<ExecutionRow>,
    pub reported: i64,
    pub due: i64,
    pub overdue: i64,
    /// Reported of what has fallen due, in percent.
    pub executed_percent: Option<f64>,
}

/// Every item of the plan with its due dates in `year` and where each stands on `today`.
pub async fn execution(store: &Store, code: &str, year: i32, region: Option<&str>, today: Date) -> Result<Execution> {
    let plan = get(store, code).await?;
    let counts: Vec<(i64, String, i64)> = match region {
        None => sqlx::query_as("SELECT r.item_id, r.due_on, COUNT(*) FROM plan_reports r JOIN plan_items i ON i.id = r.item_id WHERE i.plan_code = $1 GROUP BY r.item_id, r.due_on").bind(code).fetch_all(&store.pool).await?,
        Some(kato) => sqlx::query_as("SELECT r.item_id, r.due_on, COUNT(*) FROM plan_reports r JOIN plan_items i ON i.id = r.item_id WHERE i.plan_code = $1 AND (r.region = $2 OR r.region = '') GROUP BY r.item_id, r.due_on")
            .bind(code)
            .bind(kato)
            .fetch_all(&store.pool)
            .await?,
    };
    let mut rows = Vec::new();
    let mut states = Vec::new();
    for item in items(store, code).await? {
        let mut due = Vec::new();
        for day in due_dates(&plan, &item, year) {
            let day_s = day.to_string();
            let n = counts.iter().find(|(i, d, _)| *i == item.id && *d == day_s).map(|c| c.2).unwrap_or(0);
            let state = rules::due_state(n > 0, day, today);
            states.push(state);
            due.push(DueDate { due_on: day_s, state: state.slug().to_string(), reports: n });
        }
        rows.push(ExecutionRow { item, due });
    }
    let count = |s: DueState| states.iter().filter(|x| **x == s).count() as i64;
    Ok(Execution {
        reported: count(DueState::Reported),
        due: count(DueState::Due),
        overdue: count(DueState::Overdue),
        executed_percent: rules::executed_percent(&states),
        directions: directions(store, code).await?,
        plan,
        year: i64::from(year),
        region: region.map(str::to_string),
        rows,
    })
}
