//! Reference data: regions (KATO), districts, ethnic groups, languages. Public.

use axum::extract::{Query, State};
use axum::Json;
use kelisim_store::reference::{self, DistrictRow, EthnicGroupRow, LanguageRow, RegionRow};
use serde::Deserialize;

use super::ListOf;
use crate::error::ApiResult;
use crate::state::AppState;

/// The 20 regions with their KATO codes, names and population.
#[utoipa::path(get, path = "/regions", tag = "reference", responses((status = 200, body = ListOf<RegionRow>)))]
pub async fn regions(State(state): State<AppState>) -> ApiResult<Json<ListOf<RegionRow>>> {
    Ok(Json(ListOf::all(reference::regions(&state.store).await?)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DistrictQuery {
    /// Region KATO code.
    region: Option<String>,
}

/// Districts and cities of regional significance, optionally of one region.
#[utoipa::path(get, path = "/districts", tag = "reference", params(DistrictQuery), responses((status = 200, body = ListOf<DistrictRow>)))]
pub async fn districts(State(state): State<AppState>, Query(q): Query<DistrictQuery>) -> ApiResult<Json<ListOf<DistrictRow>>> {
    Ok(Json(ListOf::all(reference::districts(&state.store, q.region.as_deref()).await?)))
}

/// Ethnic groups with their 2021 census shares, largest first.
#[utoipa::path(get, path = "/ethnic-groups", tag = "reference", responses((status = 200, body = ListOf<EthnicGroupRow>)))]
pub async fn ethnic_groups(State(state): State<AppState>) -> ApiResult<Json<ListOf<EthnicGroupRow>>> {
    Ok(Json(ListOf::all(reference::ethnic_groups(&state.store).await?)))
}

/// Languages (of media outlets, Sunday schools and courses).
#[utoipa::path(get, path = "/languages", tag = "reference", responses((status = 200, body = ListOf<LanguageRow>)))]
pub async fn languages(State(state): State<AppState>) -> ApiResult<Json<ListOf<LanguageRow>>> {
    Ok(Json(ListOf::all(reference::languages(&state.store).await?)))
}
