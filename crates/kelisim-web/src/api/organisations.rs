//! The register of organisations over JSON.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use kelisim_core::access;
use kelisim_core::organisation::OrganisationInput;
use kelisim_store::organisations::{self, Accreditation, AccreditationInput, Organisation, OrganisationFilter};
use serde::Deserialize;

use super::{Created, ListOf, Paging};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::pages::registry::scope;
use crate::state::AppState;
use crate::transfer::{self, ImportReport};

/// Reads an organisation the caller may see; 404 for what a citizen may not.
async fn readable(state: &AppState, auth: &Auth, id: i64) -> ApiResult<Organisation> {
    let org = organisations::get(&state.store, id).await?;
    if !access::can_read_organisation(&auth.principal, scope(&org)) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// Lists organisations with filters (type slug, region KATO, district, ethnic group, status, parent, search).
#[utoipa::path(get, path = "/organisations", tag = "registry", params(OrganisationFilter, Paging), responses((status = 200, body = ListOf<Organisation>)))]
pub async fn list(State(state): State<AppState>, auth: Auth, Query(mut filter): Query<OrganisationFilter>, Query(paging): Query<Paging>) -> ApiResult<Json<ListOf<Organisation>>> {
    if let Some(t) = filter.org_type.as_deref().filter(|t| !t.is_empty()) {
        if kelisim_core::OrgType::from_slug(t).is_none() {
            return Err(AppError::BadRequest(format!("unknown type {t}")));
        }
    }
    filter.only_active = !auth.principal.role.is_staff();
    let (page, per_page) = paging.get();
    let (items, total) = organisations::list(&state.store, &filter, " ORDER BY o.id", page, per_page).await?;
    Ok(Json(ListOf { items, total, page, per_page }))
}

/// One organisation.
#[utoipa::path(get, path = "/organisations/{id}", tag = "registry", params(("id" = i64, Path)), responses((status = 200, body = Organisation), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Organisation>> {
    Ok(Json(readable(&state, &auth, id).await?))
}

/// Creates an organisation (admin anywhere; regional admin in their region).
#[utoipa::path(post, path = "/organisations", tag = "registry", request_body = OrganisationInput,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn create(State(state): State<AppState>, auth: Auth, Json(input): Json<OrganisationInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    auth.require(access::can_create_organisation(&auth.principal, input.region.as_deref()))?;
    let id = organisations::create(&state.store, &auth.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Replaces an organisation's fields. Send `If-Match: <version>` to refuse the
/// change when someone else changed the record since you read it (409).
#[utoipa::path(put, path = "/organisations/{id}", tag = "registry", params(("id" = i64, Path)), request_body = OrganisationInput,
    responses((status = 200, body = Organisation), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(State(state): State<AppState>, auth: Auth, headers: HeaderMap, Path(id): Path<i64>, Json(input): Json<OrganisationInput>) -> ApiResult<Json<Organisation>> {
    auth.check_api_write()?;
    let org = readable(&state, &auth, id).await?;
    auth.require(access::can_write_organisation(&auth.principal, scope(&org)))?;
    if auth.principal.role == kelisim_core::Role::RegionalAdmin {
        auth.require(access::can_create_organisation(&auth.principal, input.region.as_deref()))?;
    }
    let version = headers.get(axum::http::header::IF_MATCH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim_matches('"').parse().ok());
    organisations::update(&state.store, &auth.actor(), id, &input, version).await?;
    Ok(Json(organisations::get(&state.store, id).await?))
}

/// Archives an organisation.
#[utoipa::path(post, path = "/organisations/{id}/archive", tag = "registry", params(("id" = i64, Path)), responses((status = 200, body = Organisation)))]
pub async fn archive(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Organisation>> {
    auth.check_api_write()?;
    let org = readable(&state, &auth, id).await?;
    auth.require(access::can_write_organisation(&auth.principal, scope(&org)) && auth.principal.role != kelisim_core::Role::OrgEditor)?;
    organisations::archive(&state.store, &auth.actor(), id).await?;
    Ok(Json(organisations::get(&state.store, id).await?))
}

/// The accreditation history of an association, newest first.
#[utoipa::path(get, path = "/organisations/{id}/accreditations", tag = "registry", params(("id" = i64, Path)), responses((status = 200, body = ListOf<Accreditation>)))]
pub async fn accreditations(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<ListOf<Accreditation>>> {
    readable(&state, &auth, id).await?;
    Ok(Json(ListOf::all(organisations::accreditations(&state.store, id).await?)))
}

/// Records an accreditation decision on an association.
#[utoipa::path(post, path = "/organisations/{id}/accreditations", tag = "registry", params(("id" = i64, Path)), request_body = AccreditationInput,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn accredit(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<AccreditationInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    let org = readable(&state, &auth, id).await?;
    auth.require(access::can_accredit(&auth.principal, org.region.as_deref()))?;
    let id = organisations::add_accreditation(&state.store, &auth.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `csv` or `xlsx` (default: from Content-Type, else csv).
    format: Option<String>,
}

/// Imports a register file (the export's columns). The whole file is checked
/// first; any bad row rejects the whole file with a report of every problem
/// (row, column, reason) and nothing is written.
#[utoipa::path(post, path = "/organisations/import", tag = "registry", params(ImportQuery), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport)))]
pub async fn import(State(state): State<AppState>, auth: Auth, headers: HeaderMap, Query(q): Query<ImportQuery>, body: Bytes) -> ApiResult<(StatusCode, Json<ImportReport>)> {
    auth.check_api_write()?;
    auth.require(access::can_import_registry(&auth.principal))?;
    let content_type = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let format = transfer::Format::guess(&format!(".{}", q.format.unwrap_or_default()), content_type);
    let report = transfer::import(&state.store, &auth.actor(), &auth.principal, format, &body).await?;
    let status = if report.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Json(report)))
}
