//! Kelisim over HTTP: the HTML pages, the JSON API under `/api/v1` with its
//! OpenAPI document, health, readiness and metrics, and embedded assets.
//!
//! Handlers are thin: they identify the caller (`auth`), ask
//! `kelisim_core::access`, call `kelisim_store`, and render (`pages`) or
//! serialise (`api`). This crate holds no business rule of its own.

pub mod api;
pub mod auth;
pub mod centre;
pub mod chart;
pub mod error;
pub mod i18n;
pub mod ingest;
pub mod map;
pub mod metrics;
pub mod pages;
pub mod reports;
pub mod state;
pub mod totp;
pub mod transfer;

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub use state::{AppState, WebConfig};

use crate::metrics::Metrics;

/// The whole application.
pub fn app(state: AppState) -> Router {
    let (api_router, openapi) = api::router();
    let openapi_json = openapi.to_pretty_json().unwrap_or_default();
    Router::new()
        .route("/", get(pages::dashboard::dashboard))
        .route("/login", get(pages::account::login_form).post(pages::account::login_submit))
        .route("/login/totp", get(pages::account::totp_form).post(pages::account::totp_submit))
        .route("/logout", post(pages::account::logout))
        .route("/account", get(pages::account::account))
        .route("/account/totp", get(pages::account::account).post(pages::account::account_totp_confirm))
        .route("/lang/{code}", get(pages::account::switch_language))
        .route("/registry", get(pages::registry::list))
        .route("/registry/new", get(pages::registry::new_form).post(pages::registry::create))
        .route("/registry/export.csv", get(pages::transfer::organisations_csv))
        .route("/registry/export.xlsx", get(pages::transfer::organisations_xlsx))
        .route("/registry/import", get(pages::transfer::organisations_form).post(pages::transfer::organisations_submit))
        .route("/people/export.csv", get(pages::transfer::people_csv))
        .route("/people/export.xlsx", get(pages::transfer::people_xlsx))
        .route("/people/import", get(pages::transfer::people_form).post(pages::transfer::people_submit))
        .route("/registry/{id}", get(pages::registry::detail))
        .route("/registry/{id}/edit", get(pages::registry::edit_form).post(pages::registry::update))
        .route("/registry/{id}/archive", post(pages::registry::archive))
        .route("/registry/{id}/accreditations", post(pages::registry::accredit))
        .route("/hierarchy", get(pages::registry::hierarchy))
        .route("/people", get(pages::people::list))
        .route("/people/new", get(pages::people::new_form).post(pages::people::create))
        .route("/people/{id}", get(pages::people::detail))
        .route("/people/{id}/edit", get(pages::people::edit_form).post(pages::people::update))
        .route("/people/{id}/roles", post(pages::people::add_role))
        .route("/people/{id}/roles/{role_id}/end", post(pages::people::end_role))
        .route("/people/{id}/membership", post(pages::membership::record))
        .route("/membership", get(pages::membership::list))
        .route("/plan", get(pages::plan::plan).post(pages::plan::act))
        .route("/plan/items/{id}", get(pages::plan::item).post(pages::plan::file_report).layer(axum::extract::DefaultBodyLimit::max(kelisim_store::plans::MAX_FILE_BYTES * 3)))
        .route("/sessions", get(pages::sessions::list))
        .route("/sessions/new", get(pages::sessions::new_form).post(pages::sessions::announce))
        .route("/sessions/{id}", get(pages::sessions::detail))
        .route("/sessions/{id}/desk", post(pages::sessions::act))
        .route("/polls", get(pages::sessions::polls).post(pages::sessions::start_poll))
        .route("/polls/{id}", get(pages::sessions::poll_detail))
        .route("/polls/{id}/desk", post(pages::sessions::poll_act))
        .route("/control", get(pages::control::dashboard))
        .route("/assignments/{id}", get(pages::control::assignment))
        .route("/assignments/{id}/act", post(pages::control::assignment_act))
        .route("/indicators", get(pages::indicators::list))
        .route("/indicators/{code}/facts", post(pages::indicators::enter_fact))
        .route("/monitoring", get(pages::monitoring::centre))
        .route("/monitoring/regions/{kato}", get(pages::monitoring::region))
        .route("/monitoring/feed", get(pages::monitoring::feed))
        .route("/monitoring/campaigns/{id}", get(pages::monitoring::campaign))
        .route("/incidents", get(pages::incidents::list))
        .route("/incidents/new", get(pages::incidents::new_form).post(pages::incidents::create))
        .route("/incidents/{id}", get(pages::incidents::detail))
        .route("/incidents/{id}/edit", get(pages::incidents::edit_form).post(pages::incidents::update))
        .route("/incidents/{id}/level", post(pages::incidents::level))
        .route("/incidents/{id}/verification", post(pages::incidents::verification))
        .route("/incidents/{id}/stage", post(pages::incidents::stage))
        .route("/incidents/{id}/actions", post(pages::incidents::action))
        .route("/incidents/{id}/links", post(pages::incidents::link))
        .route("/incidents/{id}/merge", post(pages::incidents::merge))
        .route("/incidents/{id}/reporter", get(pages::incidents::reporter))
        .route("/alerts", get(pages::alerts::list))
        .route("/alerts/channels", get(pages::alerts::channels).post(pages::alerts::create_channel))
        .route("/alerts/channels/{id}/active", post(pages::alerts::set_channel_active))
        .route("/alerts/{id}", get(pages::alerts::detail))
        .route("/alerts/{id}/acknowledge", post(pages::alerts::acknowledge))
        .route("/alerts/{id}/actions", post(pages::alerts::add_action))
        .route("/assets/app.css", get(css))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .route("/api/v1/openapi.json", get(move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json.clone()) }))
        .nest("/api/v1", api_router)
        .layer(middleware::from_fn(read_body_first))
        .layer(middleware::from_fn_with_state(state.clone(), count_requests))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// The largest body any route takes (a batch of documents).
const LARGEST_BODY: usize = api::monitoring::MAX_BODY_BYTES;

/// Every request's body is read before it is answered. A request refused
/// before its handler read the body (an upload whose session expired, say)
/// would otherwise leave the rest of the body on the connection; the server
/// then drops the connection, and the client meets a broken pipe while still
/// sending, or an unexpected end of file on its next request, instead of the
/// refusal. (Handlers read their bodies whole anyway.) A body over the
/// largest any route takes is refused as too large, and that connection closed.
/// (Inside the request counts and security headers, so that answer has both.)
async fn read_body_first(req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    let bytes = match declared {
        Some(n) if n > LARGEST_BODY => None,
        _ => axum::body::to_bytes(body, LARGEST_BODY).await.ok(),
    };
    let Some(bytes) = bytes else {
        let mut resp = error::AppError::TooLarge(format!("at most {} MiB a request", LARGEST_BODY >> 20)).into_response();
        resp.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
        return resp;
    };
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

/// Counts requests, errors and time for `/metrics`.
async fn count_requests(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let resp = next.run(req).await;
    Metrics::inc(&state.metrics.requests);
    if resp.status().is_client_error() {
        Metrics::inc(&state.metrics.responses_4xx);
    } else if resp.status().is_server_error() {
        Metrics::inc(&state.metrics.responses_5xx);
    }
    state.metrics.request_micros.fetch_add(start.elapsed().as_micros() as u64, std::sync::atomic::Ordering::Relaxed);
    resp
}

/// Conservative headers on every answer: no framing, no sniffing, no outside
/// resources (the UI embeds everything it uses).
async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert("x-frame-options", header::HeaderValue::from_static("DENY"));
    h.insert("x-content-type-options", header::HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", header::HeaderValue::from_static("same-origin"));
    h.insert("content-security-policy", header::HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"));
    resp
}

async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], include_str!("../assets/app.css"))
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(&state.store.pool).await {
        Ok(_) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let orgs: i64 = sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM organisations").fetch_one(&state.store.pool).await.map(|r| r.0).unwrap_or(-1);
    let people: i64 = sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM people").fetch_one(&state.store.pool).await.map(|r| r.0).unwrap_or(-1);
    let body = state.metrics.render(&[
        ("kelisim_organisations", "Organisations in the register", orgs as f64),
        ("kelisim_people", "People in the register", people as f64),
        ("kelisim_database_postgres", "1 when the database is PostgreSQL", (state.store.backend == kelisim_store::Backend::Postgres) as i64 as f64),
    ]);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}
