//! The action plan over JSON (issue 5 §6): the plans as printed, an item with
//! its due dates and reports, filing a report with attachments, the execution
//! of a year as JSON, XLSX or PDF. Who may: `access::can_read_plan_execution`
//! (by the region asked about) and `access::can_report_plan` (by the region
//! reported for).

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use kelisim_core::access;
use kelisim_store::plans::{self, Execution, FileMeta, ItemInput, NewFile, Plan, PlanDirection, PlanInput, PlanItem, PlanReport};
use kelisim_store::StoreError;
use serde::{Deserialize, Serialize};

use super::{Created, ListOf};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// The action plans (the Concept 2022-2026's and the Concept to 2030's directions).
#[utoipa::path(get, path = "/plans", tag = "plan", responses((status = 200, body = ListOf<Plan>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<ListOf<Plan>>> {
    auth.require(access::reads_governance(&auth.principal))?;
    Ok(Json(ListOf::all(readable_plans(&state, &auth).await?)))
}

/// The plans the caller may read.
pub async fn readable_plans(state: &AppState, auth: &Auth) -> Result<Vec<Plan>, AppError> {
    Ok(plans::list(&state.store).await?.into_iter().filter(|p| access::can_read_plan(&auth.principal, p.region.as_deref())).collect())
}

/// A plan the caller may read.
pub async fn readable_plan(state: &AppState, auth: &Auth, code: &str) -> Result<Plan, AppError> {
    let plan = plans::get(&state.store, code).await?;
    auth.require(access::can_read_plan(&auth.principal, plan.region.as_deref()))?;
    Ok(plan)
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CreatedPlan {
    pub code: String,
}

/// Creates a region's (or the republic's) own action plan; its directions and items are added next.
#[utoipa::path(post, path = "/plans", tag = "plan", request_body = PlanInput,
    responses((status = 201, body = CreatedPlan), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(State(state): State<AppState>, auth: Auth, Json(input): Json<PlanInput>) -> ApiResult<(StatusCode, Json<CreatedPlan>)> {
    auth.check_api_write()?;
    auth.require(access::can_manage_plan(&auth.principal, input.region.as_deref().filter(|r| !r.is_empty())))?;
    let code = plans::create_plan(&state.store, &auth.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(CreatedPlan { code })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DirectionInput {
    pub code: String,
    pub title: String,
}

/// A plan the caller may add directions and items to (the store refuses one as printed).
pub async fn plan_to_manage(state: &AppState, auth: &Auth, code: &str) -> Result<Plan, AppError> {
    let plan = readable_plan(state, auth, code).await?;
    auth.require(access::can_manage_plan(&auth.principal, plan.region.as_deref()))?;
    Ok(plan)
}

async fn manageable_plan(state: &AppState, auth: &Auth, code: &str) -> Result<Plan, AppError> {
    auth.check_api_write()?;
    plan_to_manage(state, auth, code).await
}

/// Adds a direction to a plan of the caller's assembly.
#[utoipa::path(post, path = "/plans/{code}/directions", tag = "plan", params(("code" = String, Path)), request_body = DirectionInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn add_direction(State(state): State<AppState>, auth: Auth, Path(code): Path<String>, Json(input): Json<DirectionInput>) -> ApiResult<StatusCode> {
    manageable_plan(&state, &auth, &code).await?;
    plans::add_direction(&state.store, &auth.actor(), &code, &input.code, &input.title).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an item (or a sub-item, `3.1`) to a plan of the caller's assembly; its term must say when it falls due.
#[utoipa::path(post, path = "/plans/{code}/items", tag = "plan", params(("code" = String, Path)), request_body = ItemInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn add_item(State(state): State<AppState>, auth: Auth, Path(code): Path<String>, Json(input): Json<ItemInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    manageable_plan(&state, &auth, &code).await?;
    let id = plans::add_item(&state.store, &auth.actor(), &code, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlanDetail {
    #[serde(flatten)]
    pub plan: Plan,
    pub directions: Vec<PlanDirection>,
    pub items: Vec<PlanItem>,
}

/// A plan with its directions and items as printed.
#[utoipa::path(get, path = "/plans/{code}", tag = "plan", params(("code" = String, Path)), responses((status = 200, body = PlanDetail), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(code): Path<String>) -> ApiResult<Json<PlanDetail>> {
    let plan = readable_plan(&state, &auth, &code).await?;
    Ok(Json(PlanDetail { directions: plans::directions(&state.store, &code).await?, items: plans::items(&state.store, &code).await?, plan }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExecutionQuery {
    /// The year (default: this year).
    pub year: Option<i32>,
    /// A region's KATO code: its reports and the republic's. Absent: every report (the Secretariat and analysts only; a regional secretariat gets its own region).
    pub region: Option<String>,
    /// `json` (default), `xlsx` or `pdf`.
    pub format: Option<String>,
    /// The report's language for `xlsx` and `pdf` (`kk`, `ru`, `en`; default the caller's).
    pub lang: Option<String>,
}

/// The region a caller's execution view covers: the one asked for, or for a
/// regional secretariat that asks for none, its own.
pub fn execution_region(auth: &Auth, plan: &Plan, asked: Option<&str>) -> Option<String> {
    // A region's own plan is that region's.
    if plan.region.is_some() {
        return plan.region.clone();
    }
    match asked.filter(|r| !r.is_empty()) {
        Some(r) => Some(r.to_string()),
        None if !access::can_read_plan_execution(&auth.principal, None) => auth.principal.region.clone(),
        None => None,
    }
}

/// The execution of a plan in a year: every item's due dates and where each stands (reported, due, overdue), with the totals; also as an XLSX or PDF report.
#[utoipa::path(get, path = "/plans/{code}/execution", tag = "plan", params(("code" = String, Path), ExecutionQuery),
    responses((status = 200, body = Execution), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn execution(State(state): State<AppState>, auth: Auth, Path(code): Path<String>, Query(q): Query<ExecutionQuery>) -> ApiResult<Response> {
    let plan = readable_plan(&state, &auth, &code).await?;
    let region = execution_region(&auth, &plan, q.region.as_deref());
    if region.as_deref().is_some_and(|r| !kelisim_core::reference::REGIONS.iter().any(|x| x.kato == r)) {
        return Err(StoreError::field("region", "err-unknown-region").into());
    }
    auth.require(access::can_read_plan_execution(&auth.principal, region.as_deref()))?;
    let today = time::OffsetDateTime::now_utc().date();
    let year = q.year.unwrap_or(today.year());
    let e = plans::execution(&state.store, &code, year, region.as_deref(), today).await?;
    let name = format!("plan-{code}-{year}{}", region.as_deref().map(|r| format!("-{r}")).unwrap_or_default());
    match q.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(e).into_response()),
        "xlsx" => {
            let lang = super::report_lang(&auth, q.lang.as_deref())?;
            let bytes = crate::reports::plan_execution::xlsx(lang, &e).map_err(AppError::Internal)?;
            Ok(([(header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.xlsx\""))], bytes).into_response())
        }
        "pdf" => {
            let lang = super::report_lang(&auth, q.lang.as_deref())?;
            let bytes = crate::reports::pdf::render(&crate::reports::plan_execution::printed(lang, &e)).map_err(AppError::Internal)?;
            Ok(crate::reports::pdf_response(bytes, &name))
        }
        _ => Err(StoreError::field("format", "err-unknown-format").into()),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ItemDetail {
    pub item: PlanItem,
    /// Every due date over the plan's years.
    pub due_dates: Vec<String>,
    /// The reports the caller may read.
    pub reports: Vec<PlanReport>,
}

/// Whether the caller reads a report (and its attachments), by the region it is
/// for (`""`: the republic's executors) — as it reads that region's plan.
pub fn can_read_report(auth: &Auth, region: &str) -> bool {
    access::can_read_plan(&auth.principal, (!region.is_empty()).then_some(region))
}

/// An item with its due dates and reports.
#[utoipa::path(get, path = "/plan-items/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = ItemDetail), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn item(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<ItemDetail>> {
    let item = plans::item(&state.store, id).await?;
    let plan = readable_plan(&state, &auth, &item.plan_code).await?;
    let due_dates = plans::schedule(&plan, &item).iter().map(|d| d.to_string()).collect();
    let reports = plans::reports(&state.store, id).await?.into_iter().filter(|r| can_read_report(&auth, &r.region)).collect();
    Ok(Json(ItemDetail { item, due_dates, reports }))
}

/// A report's body at most: three attachments of 10 MB in base64, and the text.
const MAX_BODY_BYTES: usize = 48 << 20;
const _: () = assert!(MAX_BODY_BYTES <= super::monitoring::MAX_BODY_BYTES, "a report fits in what every request may carry");

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct FileInput {
    pub name: String,
    #[serde(default)]
    pub content_type: String,
    /// The file's bytes in base64.
    pub content_base64: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ReportInput {
    /// One of the item's due dates (`YYYY-MM-DD`).
    pub due_on: String,
    /// The region reported for (KATO); absent or empty: the republic's executors.
    #[serde(default)]
    pub region: Option<String>,
    pub text: String,
    #[serde(default)]
    pub files: Vec<FileInput>,
}

/// Files (or files again) the report on an item for one due date, with attachments (each at most 10 MB).
#[utoipa::path(post, path = "/plan-items/{id}/reports", tag = "plan", params(("id" = i64, Path)), request_body = ReportInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn file_report(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, body: axum::body::Body) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    // Read here, not by the `Json` extractor: attachments in base64 exceed its 2 MB.
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| AppError::TooLarge(format!("at most {} MiB a report", MAX_BODY_BYTES >> 20)))?;
    let input: ReportInput = serde_json::from_slice(&bytes).map_err(|e| AppError::BadRequest(format!("not a report: {e}")))?;
    let region = input.region.unwrap_or_default();
    auth.require(access::can_report_plan(&auth.principal, (!region.is_empty()).then_some(region.as_str())))?;
    let mut files = Vec::new();
    let mut errs = kelisim_core::ValidationErrors::default();
    for (i, f) in input.files.into_iter().enumerate() {
        match base64::engine::general_purpose::STANDARD.decode(f.content_base64.as_bytes()) {
            Ok(bytes) => files.push(NewFile { name: f.name, content_type: f.content_type, bytes }),
            Err(_) => errs.push(&format!("files[{i}].content_base64"), "err-not-base64"),
        }
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs).into());
    }
    let id = plans::file_report(&state.store, &auth.actor(), id, &input.due_on, &region, &input.text, &files, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// An attachment of a report, as filed.
#[utoipa::path(get, path = "/plan-files/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn file(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Response> {
    let (meta, region, bytes): (FileMeta, String, Vec<u8>) = plans::file(&state.store, id).await?;
    auth.require(can_read_report(&auth, &region))?;
    let name: String = meta.name.chars().map(|c| if c == '"' || c.is_control() { '_' } else { c }).collect();
    let ascii: String = name.chars().map(|c| if c.is_ascii() { c } else { '_' }).collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
    Ok((
        [
            (header::CONTENT_TYPE, meta.content_type),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}
