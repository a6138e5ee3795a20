//! Assembly membership files over JSON (Regulation §4 p.14-15).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_core::membership::MembershipStep;
use kelisim_store::membership::{self, Membership};
use serde::Deserialize;

use super::{Created, ListOf, Paging};
use crate::auth::Auth;
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MembershipQuery {
    /// `nominated`, `council_reviewed`, `member`, `rejected`, `removed`, `exited`.
    state: Option<String>,
}

#[utoipa::path(get, path = "/memberships", tag = "membership", params(MembershipQuery, Paging), responses((status = 200, body = ListOf<Membership>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<MembershipQuery>, Query(paging): Query<Paging>) -> ApiResult<Json<ListOf<Membership>>> {
    let scope = access::membership_scope(&auth.principal);
    auth.require(scope.is_some())?;
    let (page, per_page) = paging.get();
    let (items, total) = membership::list(&state.store, scope.flatten().as_deref(), q.state.as_deref(), page, per_page).await?;
    Ok(Json(ListOf { items, total, page, per_page }))
}

#[utoipa::path(get, path = "/memberships/{id}", tag = "membership", params(("id" = i64, Path)), responses((status = 200, body = Membership)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Membership>> {
    let m = membership::get(&state.store, id).await?;
    auth.require(access::can_read_membership(&auth.principal, m.region.as_deref()))?;
    Ok(Json(m))
}

/// A step to record.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct StepRequest {
    pub step: MembershipStep,
    /// `YYYY-MM-DD` of the decision.
    pub on_date: String,
    #[serde(default)]
    pub note: String,
}

/// Records the next step of a person's membership file.
#[utoipa::path(post, path = "/people/{id}/membership-steps", tag = "membership", params(("id" = i64, Path)), request_body = StepRequest,
    responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn record_step(State(state): State<AppState>, auth: Auth, Path(person_id): Path<i64>, Json(req): Json<StepRequest>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    let person = kelisim_store::people::get(&state.store, person_id).await?;
    let allowed = match req.step {
        MembershipStep::Nominate { .. } | MembershipStep::VoluntaryExit => access::can_nominate_member(&auth.principal, person.region.as_deref()),
        _ => access::can_decide_membership(&auth.principal),
    };
    auth.require(allowed)?;
    let id = membership::record_step(&state.store, &auth.actor(), person_id, &req.step, &req.on_date, &req.note).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
