//! Execution control over JSON (issue 5 §5): assignments of a decision's
//! points, the control dashboard (overdue first), an assignment with its
//! history, executors' reports, and execution / extension / taking off
//! control. Scoped by the region of the assembly that decided.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_core::governance::control::ControlChange;
use kelisim_store::control::{self, Assignment, AssignmentEvent, AssignmentInput, ControlFilter};
use kelisim_store::{governance, StoreError};
use serde::{Deserialize, Serialize};

use super::{Created, ListOf};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

async fn session_region(state: &AppState, session_id: i64) -> Result<Option<String>, AppError> {
    Ok(governance::session_region(&state.store, session_id).await?)
}

fn today() -> String {
    kelisim_store::today_utc()
}

/// Puts a decision point on control: an assignment to its executor.
#[utoipa::path(post, path = "/decisions/{id}/assignments", tag = "governance", params(("id" = i64, Path)), request_body = AssignmentInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn assign(State(state): State<AppState>, auth: Auth, Path(decision): Path<i64>, Json(input): Json<AssignmentInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    let session = governance::decision(&state.store, decision).await?.session_id;
    auth.require(access::can_run_governance(&auth.principal, session_region(&state, session).await?.as_deref()))?;
    let id = control::assign(&state.store, &auth.actor(), decision, &input, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// The control dashboard: assignments as of today, overdue first.
#[utoipa::path(get, path = "/control", tag = "governance", params(ControlFilter), responses((status = 200, body = ListOf<Assignment>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn dashboard(State(state): State<AppState>, auth: Auth, Query(f): Query<ControlFilter>) -> ApiResult<Json<ListOf<Assignment>>> {
    auth.require(access::reads_governance(&auth.principal))?;
    Ok(Json(ListOf::all(readable_assignments(&state, &auth, &f).await?)))
}

/// The dashboard's assignments the caller may read (by the deciding
/// assembly's region), as of today, in the dashboard's order; the page
/// shows the same list.
pub async fn readable_assignments(state: &AppState, auth: &Auth, f: &ControlFilter) -> Result<Vec<Assignment>, AppError> {
    let mut regions: HashMap<i64, Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for a in control::list(&state.store, f, &today()).await? {
        if !regions.contains_key(&a.session_id) {
            regions.insert(a.session_id, session_region(state, a.session_id).await?);
        }
        if access::can_read_governance(&auth.principal, regions[&a.session_id].as_deref()) {
            out.push(a);
        }
    }
    Ok(out)
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AssignmentDetail {
    #[serde(flatten)]
    pub assignment: Assignment,
    /// Created, reports, extensions, execution, taking off control.
    pub events: Vec<AssignmentEvent>,
}

async fn readable(state: &AppState, auth: &Auth, id: i64) -> Result<(Assignment, Option<String>), AppError> {
    let a = control::get(&state.store, id, &today()).await?;
    let region = session_region(state, a.session_id).await?;
    auth.require(access::can_read_governance(&auth.principal, region.as_deref()) || access::can_report_assignment(&auth.principal, region.as_deref(), a.executor_organisation_id))?;
    Ok((a, region))
}

#[utoipa::path(get, path = "/assignments/{id}", tag = "governance", params(("id" = i64, Path)), responses((status = 200, body = AssignmentDetail), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<AssignmentDetail>> {
    let (assignment, _) = readable(&state, &auth, id).await?;
    Ok(Json(AssignmentDetail { events: control::events(&state.store, id).await?, assignment }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ReportInput {
    pub text: String,
}

/// The executor's report (the secretariat, or the editor of the executing structure).
#[utoipa::path(post, path = "/assignments/{id}/reports", tag = "governance", params(("id" = i64, Path)), request_body = ReportInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn report(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<ReportInput>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    let (a, region) = readable(&state, &auth, id).await?;
    auth.require(access::can_report_assignment(&auth.principal, region.as_deref(), a.executor_organisation_id))?;
    control::report(&state.store, &auth.actor(), id, &input.text, &kelisim_store::now_utc()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ChangeInput {
    /// `execute`, `extend` or `take_off`.
    pub action: String,
    /// `extend`: the new deadline, `YYYY-MM-DD`.
    #[serde(default)]
    pub deadline: Option<String>,
    /// `extend`, `take_off`: why.
    #[serde(default)]
    pub reason: String,
    /// The version read (optimistic locking).
    pub version: i64,
}

/// Executes, extends (a later deadline, with the reason) or takes off control (with the reason).
#[utoipa::path(post, path = "/assignments/{id}/change", tag = "governance", params(("id" = i64, Path)), request_body = ChangeInput,
    responses((status = 200, body = Assignment), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn change(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<ChangeInput>) -> ApiResult<Json<Assignment>> {
    auth.check_api_write()?;
    let (_, region) = readable(&state, &auth, id).await?;
    auth.require(access::can_run_governance(&auth.principal, region.as_deref()))?;
    let new_deadline = input.deadline.as_deref().map(|d| time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")));
    let change = match input.action.as_str() {
        "execute" => ControlChange::Execute,
        "take_off" => ControlChange::TakeOff { reason: &input.reason },
        "extend" => match new_deadline {
            Some(Ok(d)) => ControlChange::Extend { new_deadline: d, reason: &input.reason },
            _ => return Err(StoreError::field("deadline", "err-date-format").into()),
        },
        _ => return Err(StoreError::field("action", "err-unknown-value").into()),
    };
    Ok(Json(control::change(&state.store, &auth.actor(), id, &change, input.version, &kelisim_store::now_utc()).await?))
}
