//! Alerts over JSON (issue 4 §5): the alerts of the caller's scope, one alert
//! with its deliveries and actions, acknowledgement, actions, the failing
//! deliveries, and the channels (admins).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_store::monitoring::alerts::{self, Alert, AlertAction, AlertFilter, Channel, ChannelInput, Delivery, Failing};
use serde::{Deserialize, Serialize};

use super::{Created, ListOf, Paging};
use crate::auth::Auth;
use crate::centre::messages;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertQuery {
    /// `incident`, `spike`, `campaign` or `risk`.
    pub kind: Option<String>,
    /// `open` or `acknowledged`.
    pub status: Option<String>,
    /// Region KATO code.
    pub region: Option<String>,
}

/// An alert with its message in English (pages show it in the user's language).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AlertView {
    #[serde(flatten)]
    pub alert: Alert,
    pub message: String,
}

/// The region scope of the caller for alerts: `None` every region.
fn scope(auth: &Auth) -> Result<Option<String>, AppError> {
    let scope = access::monitoring_scope(&auth.principal);
    auth.require(scope.is_some())?;
    Ok(scope.flatten())
}

pub async fn readable(state: &AppState, auth: &Auth, id: i64) -> Result<Alert, AppError> {
    let alert = alerts::get(&state.store, id).await?;
    auth.require(access::monitoring_scope(&auth.principal).is_some_and(|s| s.is_none() || s == alert.region))?;
    Ok(alert)
}

/// The alerts of the caller's scope, newest first.
#[utoipa::path(get, path = "/alerts", tag = "alerts", params(AlertQuery, Paging), responses((status = 200, body = ListOf<AlertView>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<AlertQuery>, Query(paging): Query<Paging>) -> ApiResult<Json<ListOf<AlertView>>> {
    let own = scope(&auth)?;
    let asked = q.region.filter(|r| !r.is_empty());
    if own.is_some() && asked.is_some() && own != asked {
        return Err(AppError::Forbidden);
    }
    let filter = AlertFilter { region: own.or(asked), kind: q.kind.filter(|k| !k.is_empty()), status: q.status };
    let (page, per_page) = paging.get();
    let (items, total) = alerts::list(&state.store, &filter, page, per_page).await?;
    let items = items.into_iter().map(|alert| AlertView { message: messages::text(crate::i18n::Lang::En, &alert), alert }).collect();
    Ok(Json(ListOf { items, total, page, per_page }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AlertDetail {
    #[serde(flatten)]
    pub alert: AlertView,
    pub actions: Vec<AlertAction>,
    /// Every delivery with its status (in the app, e-mail, webhook).
    pub deliveries: Vec<Delivery>,
}

#[utoipa::path(get, path = "/alerts/{id}", tag = "alerts", params(("id" = i64, Path)), responses((status = 200, body = AlertDetail), (status = 403, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<AlertDetail>> {
    let alert = readable(&state, &auth, id).await?;
    Ok(Json(AlertDetail {
        actions: alerts::actions(&state.store, id).await?,
        deliveries: alerts::deliveries(&state.store, id).await?,
        alert: AlertView { message: messages::text(crate::i18n::Lang::En, &alert), alert },
    }))
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AcknowledgeRequest {
    /// What is being done (optional).
    #[serde(default)]
    pub note: String,
}

/// Acknowledges an alert: once; a second acknowledgement answers 409.
#[utoipa::path(post, path = "/alerts/{id}/acknowledge", tag = "alerts", params(("id" = i64, Path)), request_body = AcknowledgeRequest,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn acknowledge(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<AcknowledgeRequest>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    let alert = readable(&state, &auth, id).await?;
    auth.require(access::can_handle_alert(&auth.principal, alert.region.as_deref()))?;
    alerts::acknowledge(&state.store, &auth.actor(), id, &req.note, &kelisim_store::now_utc()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ActionRequest {
    pub text: String,
}

/// Records an action taken about an alert.
#[utoipa::path(post, path = "/alerts/{id}/actions", tag = "alerts", params(("id" = i64, Path)), request_body = ActionRequest,
    responses((status = 204), (status = 422, body = crate::error::ErrorBody)))]
pub async fn add_action(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<ActionRequest>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    let alert = readable(&state, &auth, id).await?;
    auth.require(access::can_handle_alert(&auth.principal, alert.region.as_deref()))?;
    alerts::add_action(&state.store, &auth.actor(), id, &req.text, &kelisim_store::now_utc()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deliveries failing now or given up, by channel and target (never silent).
#[utoipa::path(get, path = "/alerts/failing", tag = "alerts", responses((status = 200, body = Vec<Failing>)))]
pub async fn failing(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<Failing>>> {
    let own = scope(&auth)?;
    Ok(Json(alerts::failing(&state.store, own.as_deref()).await?))
}

/// The channels alerts go out by (admins).
#[utoipa::path(get, path = "/alert-channels", tag = "alerts", responses((status = 200, body = Vec<Channel>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn channels(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<Channel>>> {
    auth.require(access::can_manage_alert_channels(&auth.principal))?;
    Ok(Json(alerts::channels(&state.store).await?))
}

/// Adds a channel: `{"kind": "email", "target": "duty@example.kz"}` or
/// `{"kind": "webhook", "target": "https://…", "secret": "…"}` (requests are
/// signed with it), optionally for one region.
#[utoipa::path(post, path = "/alert-channels", tag = "alerts", request_body = ChannelInput, responses((status = 201, body = Created), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create_channel(State(state): State<AppState>, auth: Auth, Json(req): Json<ChannelInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    auth.require(access::can_manage_alert_channels(&auth.principal))?;
    let id = alerts::create_channel(&state.store, &auth.actor(), &req, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ActiveRequest {
    pub active: bool,
}

/// Switches a channel off or on.
#[utoipa::path(post, path = "/alert-channels/{id}/active", tag = "alerts", params(("id" = i64, Path)), request_body = ActiveRequest, responses((status = 204)))]
pub async fn set_active(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(req): Json<ActiveRequest>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    auth.require(access::can_manage_alert_channels(&auth.principal))?;
    alerts::set_channel_active(&state.store, &auth.actor(), id, req.active).await?;
    Ok(StatusCode::NO_CONTENT)
}
