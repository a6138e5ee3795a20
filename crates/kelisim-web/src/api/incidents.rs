//! Incidents over JSON (SPEC §3.4, issue 4 §3): the register with filters,
//! one incident with its timeline, and each change with its reason. Regional
//! roles see and change their own region's incidents only; the reporter is
//! the admins' alone, and each read of it is audited.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_core::monitoring::incident::{ActionInput, IncidentInput};
use kelisim_store::monitoring::incidents::{self, Incident, IncidentAction, IncidentEvent, IncidentFilter, NewIncident, Reporter};
use serde::{Deserialize, Serialize};

use super::{ListOf, Paging};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// The scope of the caller applied to a filter: regional roles get their region.
pub fn scoped_filter(auth: &Auth, mut filter: IncidentFilter) -> Result<IncidentFilter, AppError> {
    let scope = access::monitoring_scope(&auth.principal);
    auth.require(scope.is_some())?;
    if let Some(Some(own)) = scope {
        if filter.region.as_deref().is_some_and(|r| !r.is_empty() && r != own) {
            return Err(AppError::Forbidden);
        }
        filter.region = Some(own);
    }
    Ok(filter)
}

/// The incident, if the caller may read it (404 for what is out of scope is
/// not used: the register says 403, as for the other restricted records).
pub async fn readable(state: &AppState, auth: &Auth, id: i64) -> Result<Incident, AppError> {
    let inc = incidents::get(&state.store, id).await?;
    auth.require(access::in_monitoring_scope(&auth.principal, Some(&inc.region)))?;
    Ok(inc)
}

/// The register of incidents, the latest first.
#[utoipa::path(get, path = "/incidents", tag = "incidents", params(IncidentFilter, Paging),
    responses((status = 200, body = ListOf<Incident>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth, Query(filter): Query<IncidentFilter>, Query(paging): Query<Paging>) -> ApiResult<Json<ListOf<Incident>>> {
    let filter = scoped_filter(&auth, filter)?;
    let (page, per_page) = paging.get();
    let (items, total) = incidents::list(&state.store, &filter, page, per_page).await?;
    Ok(Json(ListOf { items, total, page, per_page }))
}

/// A new incident.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CreateIncident {
    #[serde(flatten)]
    pub input: IncidentInput,
    /// Escalation level 0-4 (default 0, a signal).
    #[serde(default)]
    pub level: i64,
    /// Who reported it (kept apart; admins only read it).
    #[serde(default)]
    pub reporter: Option<Reporter>,
    /// Documents of the information field it arose from.
    #[serde(default)]
    pub document_ids: Vec<i64>,
}

/// What a change did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChangeOutcome {
    pub id: i64,
    /// The alert it raised (an incident reaching level 3), if any.
    pub alert_id: Option<i64>,
}

/// Registers an incident (unverified, open). At level 3 or above it raises
/// the region's alert at once.
#[utoipa::path(post, path = "/incidents", tag = "incidents", request_body = CreateIncident,
    responses((status = 201, body = ChangeOutcome), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(State(state): State<AppState>, auth: Auth, Json(req): Json<CreateIncident>) -> ApiResult<(StatusCode, Json<ChangeOutcome>)> {
    auth.check_api_write()?;
    auth.require(access::can_write_incident(&auth.principal, req.input.region.as_deref()))?;
    let new = NewIncident { input: req.input, level: req.level, reporter: req.reporter, documents: req.document_ids, is_demo: false };
    let done = incidents::create(&state.store, &auth.actor(), &new, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(ChangeOutcome { id: done.id, alert_id: done.alert })))
}

/// One incident and everything around it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IncidentDetail {
    pub incident: Incident,
    /// Every change, with its reason and actor, oldest first.
    pub events: Vec<IncidentEvent>,
    /// Response actions: who, what, when, result.
    pub actions: Vec<IncidentAction>,
    pub linked: Vec<LinkedIncident>,
    pub document_ids: Vec<i64>,
    /// A reporter was recorded (read it at `/incidents/{id}/reporter`, admins only).
    pub reporter_recorded: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LinkedIncident {
    pub id: i64,
    pub title: String,
    pub level: i64,
    pub region: String,
}

#[utoipa::path(get, path = "/incidents/{id}", tag = "incidents", params(("id" = i64, Path)),
    responses((status = 200, body = IncidentDetail), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<IncidentDetail>> {
    let incident = readable(&state, &auth, id).await?;
    let store = &state.store;
    Ok(Json(IncidentDetail {
        events: incidents::events(store, id).await?,
        actions: incidents::actions(store, id).await?,
        linked: incidents::linked(store, id).await?.into_iter().map(|(id, title, level, region)| LinkedIncident { id, title, level, region }).collect(),
        document_ids: incidents::document_ids(store, id).await?,
        reporter_recorded: incidents::has_reporter(store, id).await?,
        incident,
    }))
}

/// An edit of the fields, with the version last read.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct UpdateIncident {
    #[serde(flatten)]
    pub input: IncidentInput,
    pub version: i64,
}

/// Edits the fields (level, verification and stage change by their own routes, with a reason).
#[utoipa::path(put, path = "/incidents/{id}", tag = "incidents", params(("id" = i64, Path)), request_body = UpdateIncident,
    responses((status = 200, body = Incident), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<UpdateIncident>) -> ApiResult<Json<Incident>> {
    auth.check_api_write()?;
    let inc = readable(&state, &auth, id).await?;
    auth.require(access::can_write_incident(&auth.principal, Some(&inc.region)) && access::can_write_incident(&auth.principal, req.input.region.as_deref()))?;
    incidents::update(&state.store, &auth.actor(), id, &req.input, req.version, &kelisim_store::now_utc()).await?;
    Ok(Json(incidents::get(&state.store, id).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LevelChange {
    /// 0-4.
    pub level: i64,
    pub reason: String,
}

/// Changes the escalation level with its reason; reaching level 3 raises the alert.
#[utoipa::path(post, path = "/incidents/{id}/level", tag = "incidents", params(("id" = i64, Path)), request_body = LevelChange,
    responses((status = 200, body = ChangeOutcome), (status = 422, body = crate::error::ErrorBody)))]
pub async fn level(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<LevelChange>) -> ApiResult<Json<ChangeOutcome>> {
    let inc = writable(&state, &auth, id).await?;
    let done = incidents::change_level(&state.store, &auth.actor(), inc.id, req.level, &req.reason, &kelisim_store::now_utc()).await?;
    Ok(Json(ChangeOutcome { id, alert_id: done.alert }))
}

async fn writable(state: &AppState, auth: &Auth, id: i64) -> Result<Incident, AppError> {
    auth.check_api_write()?;
    let inc = readable(state, auth, id).await?;
    auth.require(access::can_write_incident(&auth.principal, Some(&inc.region)))?;
    Ok(inc)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct VerificationChange {
    /// `unverified`, `verified` or `refuted` (a duplicate is made by merging).
    pub verification: String,
    pub reason: String,
}

#[utoipa::path(post, path = "/incidents/{id}/verification", tag = "incidents", params(("id" = i64, Path)), request_body = VerificationChange,
    responses((status = 200, body = ChangeOutcome), (status = 422, body = crate::error::ErrorBody)))]
pub async fn verification(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<VerificationChange>) -> ApiResult<Json<ChangeOutcome>> {
    writable(&state, &auth, id).await?;
    let done = incidents::change_verification(&state.store, &auth.actor(), id, &req.verification, &req.reason, &kelisim_store::now_utc()).await?;
    Ok(Json(ChangeOutcome { id, alert_id: done.alert }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct StageChange {
    /// `open`, `settlement` (post-conflict settlement) or `closed`.
    pub stage: String,
    pub reason: String,
}

#[utoipa::path(post, path = "/incidents/{id}/stage", tag = "incidents", params(("id" = i64, Path)), request_body = StageChange,
    responses((status = 200, body = ChangeOutcome), (status = 422, body = crate::error::ErrorBody)))]
pub async fn stage(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<StageChange>) -> ApiResult<Json<ChangeOutcome>> {
    writable(&state, &auth, id).await?;
    incidents::change_stage(&state.store, &auth.actor(), id, &req.stage, &req.reason, &kelisim_store::now_utc()).await?;
    Ok(Json(ChangeOutcome { id, alert_id: None }))
}

/// Records a response action (also by the responders of the region).
#[utoipa::path(post, path = "/incidents/{id}/actions", tag = "incidents", params(("id" = i64, Path)), request_body = ActionInput,
    responses((status = 201, body = super::Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn add_action(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<ActionInput>) -> ApiResult<(StatusCode, Json<super::Created>)> {
    auth.check_api_write()?;
    let inc = readable(&state, &auth, id).await?;
    auth.require(access::can_record_response(&auth.principal, Some(&inc.region)))?;
    let action = incidents::add_action(&state.store, &auth.actor(), id, &req, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(super::Created { id: action })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LinkRequest {
    /// A related incident.
    #[serde(default)]
    pub incident_id: Option<i64>,
    /// A document of the information field.
    #[serde(default)]
    pub document_id: Option<i64>,
}

#[utoipa::path(post, path = "/incidents/{id}/links", tag = "incidents", params(("id" = i64, Path)), request_body = LinkRequest,
    responses((status = 200, body = ChangeOutcome), (status = 422, body = crate::error::ErrorBody)))]
pub async fn link(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<LinkRequest>) -> ApiResult<Json<ChangeOutcome>> {
    writable(&state, &auth, id).await?;
    let now = kelisim_store::now_utc();
    match (req.incident_id, req.document_id) {
        (Some(other), None) => {
            readable(&state, &auth, other).await.map_err(|e| if matches!(e, AppError::NotFound) { invalid("incident_id", "err-not-found") } else { e })?;
            incidents::link_incident(&state.store, &auth.actor(), id, other, &now).await?
        }
        (None, Some(doc)) => incidents::link_document(&state.store, &auth.actor(), id, doc, &now).await?,
        _ => return Err(invalid("incident_id", "err-one-of")),
    }
    Ok(Json(ChangeOutcome { id, alert_id: None }))
}

fn invalid(field: &str, reason: &str) -> AppError {
    let mut e = kelisim_core::ValidationErrors::default();
    e.push(field, reason);
    AppError::Invalid(e)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MergeRequest {
    /// The incident this one duplicates.
    pub into: i64,
    pub reason: String,
}

/// Merges this incident, a duplicate, into another.
#[utoipa::path(post, path = "/incidents/{id}/merge", tag = "incidents", params(("id" = i64, Path)), request_body = MergeRequest,
    responses((status = 200, body = ChangeOutcome), (status = 422, body = crate::error::ErrorBody)))]
pub async fn merge(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<MergeRequest>) -> ApiResult<Json<ChangeOutcome>> {
    writable(&state, &auth, id).await?;
    if let Ok(target) = incidents::get(&state.store, req.into).await {
        auth.require(access::can_write_incident(&auth.principal, Some(&target.region)))?;
    }
    incidents::merge(&state.store, &auth.actor(), id, req.into, &req.reason, &kelisim_store::now_utc()).await?;
    Ok(Json(ChangeOutcome { id, alert_id: None }))
}

/// The reporter's identity (admins only; the read is written to the audit log).
#[utoipa::path(get, path = "/incidents/{id}/reporter", tag = "incidents", params(("id" = i64, Path)),
    responses((status = 200, body = Reporter), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn reporter(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Reporter>> {
    auth.require(access::can_read_reporter(&auth.principal))?;
    readable(&state, &auth, id).await?;
    incidents::read_reporter(&state.store, &auth.actor(), id).await?.map(Json).ok_or(AppError::NotFound)
}
