//! Target indicators of the Concepts (issue 5 §7): public reading, as
//! printed with the facts entered since; facts entered by the Secretariat and
//! the analysts.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_store::indicators::{self, IndicatorView, PlanFact};
use serde::{Deserialize, Serialize};

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::state::AppState;

/// The indicators, in the order of the Concepts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Indicators {
    pub items: Vec<IndicatorView>,
}

/// The target indicators of the Concept to 2030 and of the Concept 2022-2026 with every value: printed facts, estimates and plans, and the facts entered since.
#[utoipa::path(get, path = "/indicators", tag = "indicators", responses((status = 200, body = Indicators)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Indicators>> {
    Ok(Json(Indicators { items: indicators::list(&state.store).await? }))
}

/// One indicator's plan and fact by year, with the deviations.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlanFactTable {
    pub indicator: IndicatorView,
    pub years: Vec<PlanFact>,
}

/// The plan/fact table of one indicator.
#[utoipa::path(get, path = "/indicators/{code}", tag = "indicators", params(("code" = String, Path)), responses((status = 200, body = PlanFactTable), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, Path(code): Path<String>) -> ApiResult<Json<PlanFactTable>> {
    let indicator = indicators::list(&state.store).await?.into_iter().find(|i| i.code == code).ok_or(kelisim_store::StoreError::NotFound)?;
    Ok(Json(PlanFactTable { years: indicators::plan_fact(&indicator), indicator }))
}

/// A fact of a year and where it comes from.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct FactInput {
    pub year: i64,
    pub value: f64,
    /// The survey or publication the fact is taken from.
    pub source: String,
}

/// Enters (or corrects) the fact of a year (admins and analysts).
#[utoipa::path(put, path = "/indicators/{code}/facts", tag = "indicators", params(("code" = String, Path)), request_body = FactInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn enter_fact(State(state): State<AppState>, auth: Auth, Path(code): Path<String>, Json(input): Json<FactInput>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    auth.require(access::can_enter_indicator_facts(&auth.principal))?;
    indicators::enter_fact(&state.store, &auth.actor(), &code, input.year, input.value, &input.source, &kelisim_store::now_utc()).await?;
    Ok(StatusCode::NO_CONTENT)
}
