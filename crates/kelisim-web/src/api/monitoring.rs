//! The information field over JSON (issue 4 §1-2, §4): crawlers send batches
//! of documents; analysts read the flagged documents; the monitoring roles
//! read the per region × day × group counts, the spikes, the campaigns and
//! the risk index of their scope.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::Json;
use kelisim_core::access;
use kelisim_store::monitoring::daily::{self, DailyCounts, DailyFilter};
use kelisim_store::monitoring::documents::{self, Document};
use kelisim_store::monitoring::{risk, signals};
use serde::{Deserialize, Serialize};

use super::{ListOf, Paging};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::ingest::{self, IngestReport, MAX_BATCH};
use crate::state::AppState;

/// The largest body a batch may have (the largest any route takes).
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// Sends a batch of documents: a JSON array, or NDJSON (one object per line).
/// Fields: `source`, `external_id`, `url`, `author` (a handle, stored
/// pseudonymised), `published_at` (RFC 3339), `text`, optional `lang`,
/// `region` (KATO), `geo` (`{"lat", "lon"}`). Each document is analysed by the
/// text engine and stored with its analysis. Re-sending a document (same
/// `source` and `external_id`) stores nothing; a bad document is reported by
/// its index and reasons and the rest is stored. The answer comes once the
/// batch is durably stored. At most 10,000 documents and 64 MiB a batch.
#[utoipa::path(post, path = "/monitoring/documents", tag = "monitoring",
    request_body(content = String, content_type = "application/x-ndjson", description = "NDJSON, or a JSON array of documents"),
    responses((status = 200, body = IngestReport), (status = 400, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody)))]
pub async fn ingest(State(state): State<AppState>, auth: Auth, body: Body) -> ApiResult<Json<IngestReport>> {
    auth.check_api_write()?;
    auth.require(access::can_ingest_documents(&auth.principal))?;
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| AppError::TooLarge(format!("at most {} MiB a batch", MAX_BODY_BYTES >> 20)))?;
    let values = ingest::split_body(&bytes).map_err(AppError::BadRequest)?;
    if values.len() > MAX_BATCH {
        return Err(AppError::TooLarge(format!("at most {MAX_BATCH} documents a batch, got {}", values.len())));
    }
    let key = state.author_key().await?;
    Ok(Json(ingest::ingest_batch(&state.store, &auth.actor(), values, None, key).await?))
}

/// One document with its analysis (admins and analysts).
#[utoipa::path(get, path = "/monitoring/documents/{id}", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = Document), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn document(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Document>> {
    auth.require(access::can_read_document_texts(&auth.principal))?;
    Ok(Json(documents::get(&state.store, id).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FlaggedQuery {
    /// Region KATO code.
    pub region: Option<String>,
}

/// Documents with ethnic hostility ≥ 0.5, newest first (admins and analysts).
#[utoipa::path(get, path = "/monitoring/flagged", tag = "monitoring", params(FlaggedQuery, Paging),
    responses((status = 200, body = ListOf<Document>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn flagged(State(state): State<AppState>, auth: Auth, Query(q): Query<FlaggedQuery>, Query(paging): Query<Paging>) -> ApiResult<Json<ListOf<Document>>> {
    auth.require(access::can_read_document_texts(&auth.principal))?;
    let (page, per_page) = paging.get();
    let items = documents::flagged(&state.store, q.region.as_deref().filter(|r| !r.is_empty()), page, per_page).await?;
    // The total is not counted: on millions of documents it would cost more than the page.
    let total = (page - 1) * per_page + items.len() as i64;
    Ok(Json(ListOf { items, total, page, per_page }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DailyQuery {
    /// First day, `YYYY-MM-DD` (Kazakhstan time).
    pub from: String,
    /// Last day, `YYYY-MM-DD`; at most 400 days after `from`.
    pub to: String,
    /// Region KATO code (`-`: documents with no region).
    pub region: Option<String>,
    /// Ethnic-group id, or `*` for every document.
    pub group: Option<String>,
}

/// Counts per region × day × group: documents naming each group, the
/// attitudes toward it, hostile and ethnically hostile documents. Regional
/// roles read their own region only.
#[utoipa::path(get, path = "/monitoring/daily", tag = "monitoring", params(DailyQuery),
    responses((status = 200, body = ListOf<DailyCounts>), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn daily(State(state): State<AppState>, auth: Auth, Query(q): Query<DailyQuery>) -> ApiResult<Json<ListOf<DailyCounts>>> {
    let scope = access::monitoring_scope(&auth.principal);
    auth.require(scope.is_some())?;
    let mut errs = kelisim_core::ValidationErrors::default();
    let date = |s: &str| time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok();
    match (date(&q.from), date(&q.to)) {
        (Some(from), Some(to)) if to < from => errs.push("to", "err-end-before-start"),
        (Some(from), Some(to)) if (to - from).whole_days() > 400 => errs.push("to", "err-out-of-range"),
        (from, to) => {
            if from.is_none() {
                errs.push("from", "err-date-format");
            }
            if to.is_none() {
                errs.push("to", "err-date-format");
            }
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let region = match (scope.flatten(), q.region.filter(|r| !r.is_empty())) {
        (Some(own), Some(asked)) if own != asked => return Err(AppError::Forbidden),
        (Some(own), _) => Some(own),
        (None, asked) => asked,
    };
    let filter = DailyFilter { from: q.from, to: q.to, region, group: q.group.filter(|g| !g.is_empty()) };
    Ok(Json(ListOf::all(daily::read(&state.store, &filter).await?)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignalQuery {
    /// First day, `YYYY-MM-DD` (default: 30 days ago).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (default: today).
    pub to: Option<String>,
    /// Region KATO code.
    pub region: Option<String>,
}

/// The caller's region scope applied to an asked region.
fn scoped_region(auth: &Auth, asked: Option<String>) -> Result<Option<String>, AppError> {
    let scope = access::monitoring_scope(&auth.principal);
    auth.require(scope.is_some())?;
    let asked = asked.filter(|r| !r.is_empty());
    match (scope.flatten(), asked) {
        (Some(own), Some(asked)) if own != asked => Err(AppError::Forbidden),
        (Some(own), _) => Ok(Some(own)),
        (None, asked) => Ok(asked),
    }
}

fn day_range(q: &SignalQuery) -> (String, String) {
    let today = kelisim_store::today_utc();
    let to = q.to.clone().filter(|d| kelisim_core::monitoring::calendar::parse_day(d).is_some()).unwrap_or_else(|| today.clone());
    let from = q.from.clone().filter(|d| kelisim_core::monitoring::calendar::parse_day(d).is_some()).unwrap_or_else(|| kelisim_core::monitoring::calendar::add_days(&to, -30));
    (from, to)
}

/// Spikes: days on which a region's flagged documents stood well above its trailing baseline.
#[utoipa::path(get, path = "/monitoring/spikes", tag = "monitoring", params(SignalQuery), responses((status = 200, body = ListOf<signals::Spike>)))]
pub async fn spikes(State(state): State<AppState>, auth: Auth, Query(q): Query<SignalQuery>) -> ApiResult<Json<ListOf<signals::Spike>>> {
    let region = scoped_region(&auth, q.region.clone())?;
    let (from, to) = day_range(&q);
    Ok(Json(ListOf::all(signals::spikes(&state.store, region.as_deref(), &from, &to).await?)))
}

/// Coordinated campaigns: near-identical texts from many accounts in a short window.
#[utoipa::path(get, path = "/monitoring/campaigns", tag = "monitoring", params(SignalQuery), responses((status = 200, body = ListOf<signals::Campaign>)))]
pub async fn campaigns(State(state): State<AppState>, auth: Auth, Query(q): Query<SignalQuery>) -> ApiResult<Json<ListOf<signals::Campaign>>> {
    let region = scoped_region(&auth, q.region.clone())?;
    let (from, to) = day_range(&q);
    let (from, to) = (kelisim_core::monitoring::calendar::day_start_instant(&from), kelisim_core::monitoring::calendar::day_start_instant(&kelisim_core::monitoring::calendar::add_days(&to, 1)));
    Ok(Json(ListOf::all(signals::campaigns(&state.store, region.as_deref(), &from, &to, 500).await?)))
}

/// One document of a campaign (texts only for admins and analysts).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CampaignDocument {
    pub id: i64,
    pub source: String,
    pub published_at: String,
    pub region: Option<String>,
    /// Pseudonym of the author.
    pub author_key: Option<String>,
    pub ethnic_hostility: f64,
    pub signature: String,
    /// Only for admins and analysts (and empty after retention).
    pub text: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CampaignDetail {
    pub campaign: signals::Campaign,
    /// Its documents in the order they were published (the first 500).
    pub documents: Vec<CampaignDocument>,
}

#[utoipa::path(get, path = "/monitoring/campaigns/{id}", tag = "monitoring", params(("id" = i64, Path)), responses((status = 200, body = CampaignDetail), (status = 403, body = crate::error::ErrorBody)))]
pub async fn campaign(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<CampaignDetail>> {
    let campaign = signals::campaign(&state.store, id).await?;
    auth.require(access::in_monitoring_scope(&auth.principal, campaign.region.as_deref()))?;
    let texts = access::can_read_document_texts(&auth.principal);
    let mut docs = Vec::new();
    for doc_id in signals::campaign_document_ids(&state.store, id, 500).await? {
        let d = documents::get(&state.store, doc_id).await?;
        docs.push(CampaignDocument {
            id: d.id,
            source: d.source,
            published_at: d.published_at,
            region: d.region,
            author_key: d.author_key,
            ethnic_hostility: d.ethnic_hostility,
            signature: d.signature,
            text: if texts { d.text } else { None },
        });
    }
    Ok(Json(CampaignDetail { campaign, documents: docs }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RiskQuery {
    /// The week's Monday, `YYYY-MM-DD` (default: the latest computed week).
    pub week: Option<String>,
}

/// The risk index of every region of the caller's scope for a week, each with its factors.
#[utoipa::path(get, path = "/monitoring/risk", tag = "monitoring", params(RiskQuery), responses((status = 200, body = ListOf<risk::RegionRisk>)))]
pub async fn risk_week(State(state): State<AppState>, auth: Auth, Query(q): Query<RiskQuery>) -> ApiResult<Json<ListOf<risk::RegionRisk>>> {
    let region = scoped_region(&auth, None)?;
    let week = match q.week.filter(|w| !w.is_empty()) {
        Some(w) => kelisim_core::monitoring::calendar::week_of(&w),
        None => risk::latest_week(&state.store).await?.unwrap_or_else(|| kelisim_core::monitoring::calendar::week_of(&kelisim_store::today_utc())),
    };
    let rows = risk::week(&state.store, &week).await?.into_iter().filter(|r| region.as_ref().is_none_or(|own| own == &r.region)).collect();
    Ok(Json(ListOf::all(rows)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RiskHistoryQuery {
    /// First week (default: a year back).
    pub from: Option<String>,
}

/// One region's index week by week.
#[utoipa::path(get, path = "/monitoring/risk/{region}", tag = "monitoring", params(("region" = String, Path), RiskHistoryQuery), responses((status = 200, body = ListOf<risk::RegionRisk>)))]
pub async fn risk_region(State(state): State<AppState>, auth: Auth, Path(region): Path<String>, Query(q): Query<RiskHistoryQuery>) -> ApiResult<Json<ListOf<risk::RegionRisk>>> {
    let region = scoped_region(&auth, Some(region))?.unwrap_or_default();
    let from = q.from.unwrap_or_else(|| kelisim_core::monitoring::calendar::add_days(&kelisim_store::today_utc(), -371));
    Ok(Json(ListOf::all(risk::region_weeks(&state.store, &region, &from).await?)))
}
