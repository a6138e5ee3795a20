//! People and their roles over JSON (personal data: role × region × organisation).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_core::person::{PersonInput, PersonRoleInput};
use kelisim_store::people::{self, PeopleFilter, Person};

use super::{Created, ListOf, Paging};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// A person the caller may see. Out of scope answers 403 to a signed-in user
/// (the record exists, but is not theirs to read) and 401 to anyone else.
async fn readable(state: &AppState, auth: &Auth, id: i64) -> ApiResult<Person> {
    let person = people::get(&state.store, id).await?;
    auth.require(access::can_read_person(&auth.principal, person.region.as_deref(), &person.organisation_ids()))?;
    Ok(person)
}

/// Lists the people in the caller's scope.
#[utoipa::path(get, path = "/people", tag = "people", params(PeopleFilter, Paging), responses((status = 200, body = ListOf<Person>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth, Query(filter): Query<PeopleFilter>, Query(paging): Query<Paging>) -> ApiResult<Json<ListOf<Person>>> {
    let scope = access::people_scope(&auth.principal);
    auth.require(scope.is_some())?;
    let (page, per_page) = paging.get();
    let (items, total) = people::list(&state.store, &scope.unwrap_or(access::PeopleScope::All), &filter, page, per_page).await?;
    Ok(Json(ListOf { items, total, page, per_page }))
}

#[utoipa::path(get, path = "/people/{id}", tag = "people", params(("id" = i64, Path)), responses((status = 200, body = Person), (status = 403, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Person>> {
    Ok(Json(readable(&state, &auth, id).await?))
}

#[utoipa::path(post, path = "/people", tag = "people", request_body = PersonInput, responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(State(state): State<AppState>, auth: Auth, Json(input): Json<PersonInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    let allowed = matches!(auth.principal.role, kelisim_core::Role::Admin | kelisim_core::Role::RegionalAdmin)
        && access::can_write_person(&auth.principal, input.region.as_deref(), &[]);
    auth.require(allowed)?;
    let id = people::create(&state.store, &auth.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[utoipa::path(put, path = "/people/{id}", tag = "people", params(("id" = i64, Path)), request_body = PersonInput, responses((status = 200, body = Person), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<PersonInput>) -> ApiResult<Json<Person>> {
    auth.check_api_write()?;
    let person = readable(&state, &auth, id).await?;
    let orgs = person.organisation_ids();
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &orgs) && access::can_write_person(&auth.principal, input.region.as_deref(), &orgs))?;
    people::update(&state.store, &auth.actor(), id, &input).await?;
    Ok(Json(people::get(&state.store, id).await?))
}

#[utoipa::path(post, path = "/people/{id}/archive", tag = "people", params(("id" = i64, Path)), responses((status = 200, body = Person)))]
pub async fn archive(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Person>> {
    auth.check_api_write()?;
    let person = readable(&state, &auth, id).await?;
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &person.organisation_ids()))?;
    people::archive(&state.store, &auth.actor(), id).await?;
    Ok(Json(people::get(&state.store, id).await?))
}

#[utoipa::path(post, path = "/people/{id}/roles", tag = "people", params(("id" = i64, Path)), request_body = PersonRoleInput, responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn add_role(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<PersonRoleInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    let person = readable(&state, &auth, id).await?;
    let mut orgs = person.organisation_ids();
    orgs.push(input.organisation_id);
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &orgs))?;
    if auth.principal.role == kelisim_core::Role::OrgEditor && auth.principal.organisation != Some(input.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let rid = people::add_role(&state.store, &auth.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id: rid })))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `csv` or `xlsx` (default: from Content-Type, else csv).
    format: Option<String>,
}

/// Imports a people file (the export's columns; roles as `ORG:ROLE:SINCE[:UNTIL]; …`).
/// Any bad row rejects the whole file with every problem listed; nothing is written.
#[utoipa::path(post, path = "/people/import", tag = "people", params(ImportQuery), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = crate::transfer::ImportReport), (status = 422, body = crate::transfer::ImportReport)))]
pub async fn import(
    State(state): State<AppState>,
    auth: Auth,
    headers: axum::http::HeaderMap,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<crate::transfer::ImportReport>)> {
    auth.check_api_write()?;
    auth.require(access::can_import_registry(&auth.principal))?;
    let content_type = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let format = crate::transfer::Format::guess(&format!(".{}", q.format.unwrap_or_default()), content_type);
    let report = crate::transfer::people::import(&state.store, &auth.actor(), &auth.principal, format, &body).await?;
    let status = if report.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Json(report)))
}
