//! Alerts on pages (issue 4 §5): the list of the viewer's scope with the
//! failing deliveries always on top, an alert with its cause, deliveries,
//! acknowledgement and actions, and the channels (admins).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kelisim_core::access;
use kelisim_core::ValidationErrors;
use kelisim_store::monitoring::alerts::{self, Alert, AlertAction, AlertFilter, Channel, ChannelInput, Delivery, Failing};
use serde::Deserialize;

use super::{paging, render, PageCtx, PageResult, Pager};
use crate::auth::Auth;
use crate::centre::messages;
use crate::error::{AppError, PageError};
use crate::state::AppState;

fn scope(auth: &Auth) -> Result<Option<String>, AppError> {
    let scope = access::monitoring_scope(&auth.principal);
    auth.require(scope.is_some())?;
    Ok(scope.flatten())
}

#[derive(Template)]
#[template(path = "alerts_list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<(Alert, String)>,
    failing: Vec<Failing>,
    pager: Pager,
    f_status: String,
    f_kind: String,
    manages_channels: bool,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<ListQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let own = scope(&auth).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let (page, per_page) = paging(q.page, Some(25));
    let filter = AlertFilter { region: own.clone(), kind: q.kind.clone().filter(|k| !k.is_empty()), status: q.status.clone().filter(|s| !s.is_empty()) };
    let (items, total) = alerts::list(&state.store, &filter, page, per_page).await.page(lang)?;
    let items = items.into_iter().map(|a| (messages::text(lang, &a), a)).map(|(t, a)| (a, t)).collect();
    let failing = alerts::failing(&state.store, own.as_deref()).await.page(lang)?;
    let pager = Pager::new(page, per_page, total, uri.query().unwrap_or(""));
    let manages_channels = access::can_manage_alert_channels(&auth.principal);
    render(&ListPage { ctx, items, failing, pager, f_status: q.status.unwrap_or_default(), f_kind: q.kind.unwrap_or_default(), manages_channels }, lang)
}

#[derive(Template)]
#[template(path = "alert_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    alert: Alert,
    message: String,
    subject: String,
    actions: Vec<AlertAction>,
    deliveries: Vec<Delivery>,
    can_handle: bool,
    errors: ValidationErrors,
    notice: String,
}

async fn detail_page(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors, notice: String) -> Result<DetailPage, PageError> {
    let lang = auth.lang;
    let alert = crate::api::alerts::readable(state, auth, id).await.page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    Ok(DetailPage {
        message: messages::text(lang, &alert),
        subject: messages::subject_path(&alert),
        actions: alerts::actions(&state.store, id).await.page(lang)?,
        deliveries: alerts::deliveries(&state.store, id).await.page(lang)?,
        can_handle: access::can_handle_alert(&auth.principal, alert.region.as_deref()),
        alert,
        ctx,
        errors,
        notice,
    })
}

pub async fn detail(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    render(&detail_page(&state, &auth, &uri, id, ValidationErrors::default(), String::new()).await?, auth.lang)
}

#[derive(Deserialize, Default)]
pub struct TextForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

pub async fn acknowledge(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<TextForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let alert = crate::api::alerts::readable(&state, &auth, id).await.page(lang)?;
    auth.require(access::can_handle_alert(&auth.principal, alert.region.as_deref())).page(lang)?;
    match alerts::acknowledge(&state.store, &auth.actor(), id, &form.text, &kelisim_store::now_utc()).await {
        Ok(()) => Ok(Redirect::to(&format!("/alerts/{id}")).into_response()),
        Err(kelisim_store::StoreError::Conflict(_)) => {
            let notice = crate::i18n::t(lang, "alert-already-acknowledged");
            let page = detail_page(&state, &auth, &uri, id, ValidationErrors::default(), notice).await?;
            Ok((StatusCode::CONFLICT, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

pub async fn add_action(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<TextForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let alert = crate::api::alerts::readable(&state, &auth, id).await.page(lang)?;
    auth.require(access::can_handle_alert(&auth.principal, alert.region.as_deref())).page(lang)?;
    match alerts::add_action(&state.store, &auth.actor(), id, &form.text, &kelisim_store::now_utc()).await {
        Ok(()) => Ok(Redirect::to(&format!("/alerts/{id}#actions")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let page = detail_page(&state, &auth, &uri, id, errs, String::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

#[derive(Template)]
#[template(path = "alert_channels.html")]
struct ChannelsPage {
    ctx: PageCtx,
    channels: Vec<Channel>,
    input: ChannelInput,
    errors: ValidationErrors,
    mail_configured: bool,
}

impl ChannelsPage {
    fn opt(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }
}

pub async fn channels(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    auth.require(access::can_manage_alert_channels(&auth.principal)).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let channels = alerts::channels(&state.store).await.page(lang)?;
    render(&ChannelsPage { ctx, channels, input: ChannelInput { kind: "webhook".into(), ..Default::default() }, errors: ValidationErrors::default(), mail_configured: state.config.delivery.mail.is_some() }, lang)
}

#[derive(Deserialize, Default)]
pub struct ChannelForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    region: String,
}

pub async fn create_channel(State(state): State<AppState>, auth: Auth, uri: Uri, axum::Form(form): axum::Form<ChannelForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    auth.require(access::can_manage_alert_channels(&auth.principal)).page(lang)?;
    let input = ChannelInput { kind: form.kind, target: form.target, secret: Some(form.secret).filter(|s| !s.is_empty()), region: Some(form.region).filter(|r| !r.is_empty()) };
    match alerts::create_channel(&state.store, &auth.actor(), &input, &kelisim_store::now_utc()).await {
        Ok(_) => Ok(Redirect::to("/alerts/channels").into_response()),
        Err(kelisim_store::StoreError::Invalid(errors)) => {
            let ctx = PageCtx::new(&auth, &uri, &state).await?;
            let channels = alerts::channels(&state.store).await.page(lang)?;
            let page = ChannelsPage { ctx, channels, input: ChannelInput { secret: None, ..input }, errors, mail_configured: state.config.delivery.mail.is_some() };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

#[derive(Deserialize, Default)]
pub struct ActiveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    active: String,
}

pub async fn set_channel_active(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, axum::Form(form): axum::Form<ActiveForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    auth.require(access::can_manage_alert_channels(&auth.principal)).page(lang)?;
    alerts::set_channel_active(&state.store, &auth.actor(), id, form.active == "1").await.page(lang)?;
    Ok(Redirect::to("/alerts/channels").into_response())
}
