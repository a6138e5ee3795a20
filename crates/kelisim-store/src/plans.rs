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
use crate::reference::Names;

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
        let schedule_term = reference::schedule_term_of(&plan.items, item);
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
pub struct Plan {
    pub code: String,
    pub title: Names,
    pub from_year: i64,
    pub to_year: i64,
    /// The region whose assembly runs the plan; `None`: the republic's.
    pub region: Option<String>,
    /// `reference` for the plans that ship as printed (not edited), else who created it.
    pub created_by: String,
}

impl Plan {
    /// A plan as printed in a seed: read only.
    pub fn is_reference(&self) -> bool {
        self.created_by == "reference"
    }
}

type PlanRow = (String, String, String, String, i64, i64, Option<String>, String);
const PLAN_COLUMNS: &str = "code, title_kk, title_ru, title_en, from_year, to_year, region, created_by";

fn plan_of((code, kk, ru, en, from_year, to_year, region, created_by): PlanRow) -> Plan {
    Plan { code, title: Names { kk, ru, en }, from_year, to_year, region, created_by }
}

pub async fn list(store: &Store) -> Result<Vec<Plan>> {
    let rows: Vec<PlanRow> = sqlx::query_as(&format!("SELECT {PLAN_COLUMNS} FROM plans ORDER BY from_year, code")).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(plan_of).collect())
}

pub async fn get(store: &Store, code: &str) -> Result<Plan> {
    let row: Option<PlanRow> = sqlx::query_as(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE code = $1")).bind(code).fetch_optional(&store.pool).await?;
    row.map(plan_of).ok_or(StoreError::NotFound)
}

/// A new plan of a region's (or the republic's) assembly.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct PlanInput {
    /// The title as the assembly adopted it (one language is enough; the others show it).
    pub title: String,
    pub from_year: i64,
    pub to_year: i64,
    /// The region (KATO); absent: the republic's.
    #[serde(default)]
    pub region: Option<String>,
}

/// Creates a plan; answers its code (`plan-<region>-<from year>-<n>`).
pub async fn create_plan(store: &Store, actor: &str, input: &PlanInput) -> Result<String> {
    let mut errs = ValidationErrors::default();
    let title = input.title.trim();
    if title.is_empty() {
        errs.push("title", "err-required");
    }
    if !(2000..=2100).contains(&input.from_year) {
        errs.push("from_year", "err-out-of-range");
    }
    if input.to_year < input.from_year || input.to_year - input.from_year > 10 {
        errs.push("to_year", "err-out-of-range");
    }
    let region = input.region.as_deref().filter(|r| !r.is_empty());
    if region.is_some_and(|r| !REGIONS.iter().any(|x| x.kato == r)) {
        errs.push("region", "err-unknown-region");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let prefix = format!("plan-{}-{}", region.unwrap_or("kz"), input.from_year);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plans WHERE code LIKE $1").bind(format!("{prefix}-%")).fetch_one(tx.conn()).await?;
    let code = format!("{prefix}-{}", n + 1);
    sqlx::query("INSERT INTO plans (code, title_kk, title_ru, title_en, from_year, to_year, region, created_by) VALUES ($1, $2, $2, $2, $3, $4, $5, $6)")
        .bind(&code)
        .bind(title)
        .bind(input.from_year)
        .bind(input.to_year)
        .bind(region)
        .bind(actor)
        .execute(tx.conn())
        .await?;
    tx.audit("create_plan", "plan", &code, None, Some(&serde_json::json!({ "title": title, "from_year": input.from_year, "to_year": input.to_year, "region": region }))).await?;
    tx.commit().await?;
    Ok(code)
}

fn editable(plan: &Plan) -> Result<()> {
    if plan.is_reference() {
        return Err(StoreError::field("plan", "err-reference-plan"));
    }
    Ok(())
}

/// Adds a direction at the end of a plan.
pub async fn add_direction(store: &Store, actor: &str, plan_code: &str, code: &str, title: &str) -> Result<()> {
    let plan = get(store, plan_code).await?;
    editable(&plan)?;
    let mut errs = ValidationErrors::default();
    let (code, title) = (code.trim(), title.trim());
    if code.is_empty() {
        errs.push("code", "err-required");
    } else if directions(store, plan_code).await?.iter().any(|d| d.code == code) {
        errs.push("code", "err-code-taken");
    }
    if title.is_empty() {
        errs.push("title", "err-required");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let (position,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), 0) + 1 FROM plan_directions WHERE plan_code = $1").bind(plan_code).fetch_one(tx.conn()).await?;
    sqlx::query("INSERT INTO plan_directions (plan_code, code, position, title, tasks) VALUES ($1, $2, $3, $4, '')").bind(plan_code).bind(code).bind(position).bind(title).execute(tx.conn()).await?;
    tx.audit("add_direction", "plan", plan_code, None, Some(&serde_json::json!({ "code": code, "title": title }))).await?;
    tx.commit().await?;
    Ok(())
}

/// A new item of a plan.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct ItemInput {
    pub direction: String,
    /// `3`, or `3.1` for a sub-item of item 3.
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub completion_form: String,
    /// The periodicity in the plan's own words («жыл сайын», «ежегодно, до 1 мая»...);
    /// a sub-item may leave it empty to fall due with its item.
    #[serde(default)]
    pub term: String,
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub co_responsible: Vec<String>,
}

/// Adds an item; its term must say when it falls due (or its item's, for a sub-item).
pub async fn add_item(store: &Store, actor: &str, plan_code: &str, input: &ItemInput) -> Result<i64> {
    let plan = get(store, plan_code).await?;
    editable(&plan)?;
    let existing = items(store, plan_code).await?;
    let mut errs = ValidationErrors::default();
    let code = input.code.trim();
    if !directions(store, plan_code).await?.iter().any(|d| d.code == input.direction.trim()) {
        errs.push("direction", "err-not-found");
    }
    let parent = code.split_once('.').map(|(p, _)| p);
    if code.is_empty() {
        errs.push("code", "err-required");
    } else if existing.iter().any(|i| i.code == code) {
        errs.push("code", "err-code-taken");
    } else if parent.is_some_and(|p| !existing.iter().any(|i| i.code == p)) {
        errs.push("code", "err-no-such-item");
    }
    if input.title.trim().is_empty() {
        errs.push("title", "err-required");
    }
    let own = input.term.trim();
    let schedule_term = if periodicity::parse(own).is_ok() {
        Some(own.to_string())
    } else {
        parent.and_then(|p| existing.iter().find(|i| i.code == p)).and_then(|g| g.schedule_term.clone()).filter(|_| own.is_empty())
    };
    if schedule_term.is_none() {
        errs.push("term", "err-periodicity-unknown");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let co: Vec<&str> = input.co_responsible.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let mut tx = store.begin_write(actor).await?;
    let (position,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), 0) + 1 FROM plan_items WHERE plan_code = $1").bind(plan_code).fetch_one(tx.conn()).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO plan_items (plan_code, direction, code, parent_code, position, title, completion_form, term, schedule_term, responsible, co_responsible) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(plan_code)
    .bind(input.direction.trim())
    .bind(code)
    .bind(parent)
    .bind(position)
    .bind(input.title.trim())
    .bind(input.completion_form.trim())
    .bind(own)
    .bind(&schedule_term)
    .bind(input.responsible.trim())
    .bind(co.join("\n"))
    .fetch_one(tx.conn())
    .await?;
    tx.audit("add_plan_item", "plan", plan_code, None, Some(&serde_json::json!({ "code": code, "title": input.title.trim(), "term": own }))).await?;
    tx.commit().await?;
    Ok(id)
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

/// Every due date of an item over the plan's years.
pub fn schedule(plan: &Plan, item: &PlanItem) -> Vec<Date> {
    (plan.from_year..=plan.to_year).flat_map(|y| due_dates(plan, item, y as i32)).collect()
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
    } else if plan.region.as_deref().is_some_and(|r| r != region) {
        // A region's own plan is reported on by that region only.
        errs.push("region", "err-region-of-plan");
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
    let counts: std::collections::HashMap<(i64, String), i64> = counts.into_iter().map(|(item, day, n)| ((item, day), n)).collect();
    let mut rows = Vec::new();
    let mut states = Vec::new();
    for item in items(store, code).await? {
        let mut due = Vec::new();
        for day in due_dates(&plan, &item, year) {
            let day_s = day.to_string();
            let n = counts.get(&(item.id, day_s.clone())).copied().unwrap_or(0);
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
