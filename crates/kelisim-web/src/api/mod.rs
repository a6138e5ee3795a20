//! The JSON API under `/api/v1`. Every handler carries `#[utoipa::path]`, so
//! the OpenAPI document at `/api/v1/openapi.json` is generated from the
//! routes themselves and cannot drift from them.
//!
//! Lists answer `{"items": [...], "total": N, "page": P, "per_page": K}`.
//! Errors answer [`crate::error::ErrorBody`]. Access is decided by
//! `kelisim_core::access`, exactly as on the HTML pages.

pub mod alerts;
pub mod control;
pub mod incidents;
pub mod indicators;
pub mod membership;
pub mod monitoring;
pub mod organisations;
pub mod people;
pub mod plans;
pub mod reference;
pub mod sessions;

use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// The language of a printed report: the one asked for (`kk`, `ru`, `en`), else the caller's.
pub fn report_lang(auth: &crate::auth::Auth, asked: Option<&str>) -> Result<crate::i18n::Lang, crate::error::AppError> {
    match asked.filter(|l| !l.is_empty()) {
        None => Ok(auth.lang),
        Some(code) => crate::i18n::Lang::from_code(code).ok_or_else(|| kelisim_store::StoreError::field("lang", "err-unknown-language").into()),
    }
}

/// Page and page size of a list (`per_page` at most 500).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// 1-based page number.
    pub page: Option<i64>,
    /// Items per page (default 50, at most 500).
    pub per_page: Option<i64>,
}

impl Paging {
    pub fn get(&self) -> (i64, i64) {
        (self.page.unwrap_or(1).max(1), self.per_page.unwrap_or(50).clamp(1, 500))
    }
}

/// One page of a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListOf<T: utoipa::ToSchema> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T: utoipa::ToSchema> ListOf<T> {
    pub fn all(items: Vec<T>) -> Self {
        let n = items.len() as i64;
        ListOf { items, total: n, page: 1, per_page: n.max(1) }
    }
}

/// The id of a created record.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("kls_…").build()));
        components.add_security_scheme("session", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::auth::SESSION_COOKIE))));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Kelisim API", description = "The Digital Assembly: register of the Assembly of People of Kazakhstan and its monitoring centre. Authenticate with `Authorization: Bearer <token>` (see `kelisim token create`); cookie sessions must send `X-CSRF-Token` on writes.", version = "1"),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
    components(schemas(crate::error::ErrorBody, crate::error::FieldProblem))
)]
struct ApiDoc;

/// The API router (to nest under `/api/v1`) and its OpenAPI document.
pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(reference::regions))
        .routes(routes!(reference::districts))
        .routes(routes!(reference::ethnic_groups))
        .routes(routes!(reference::languages))
        .routes(routes!(organisations::list, organisations::create))
        .routes(routes!(organisations::get, organisations::update))
        .routes(routes!(organisations::archive))
        .routes(routes!(organisations::accreditations, organisations::accredit))
        .routes(routes!(organisations::import))
        .routes(routes!(people::list, people::create))
        .routes(routes!(people::get, people::update))
        .routes(routes!(people::archive))
        .routes(routes!(people::add_role))
        .routes(routes!(people::import))
        .routes(routes!(membership::list))
        .routes(routes!(membership::get))
        .routes(routes!(membership::record_step))
        .routes(routes!(monitoring::ingest))
        .routes(routes!(monitoring::document))
        .routes(routes!(monitoring::flagged))
        .routes(routes!(monitoring::daily))
        .routes(routes!(monitoring::spikes))
        .routes(routes!(monitoring::campaigns))
        .routes(routes!(monitoring::campaign))
        .routes(routes!(monitoring::risk_week))
        .routes(routes!(monitoring::risk_region))
        .routes(routes!(incidents::list, incidents::create))
        .routes(routes!(incidents::get, incidents::update))
        .routes(routes!(incidents::level))
        .routes(routes!(incidents::verification))
        .routes(routes!(incidents::stage))
        .routes(routes!(incidents::add_action))
        .routes(routes!(incidents::link))
        .routes(routes!(incidents::merge))
        .routes(routes!(incidents::reporter))
        .routes(routes!(alerts::list))
        .routes(routes!(alerts::failing))
        .routes(routes!(alerts::get))
        .routes(routes!(alerts::acknowledge))
        .routes(routes!(alerts::add_action))
        .routes(routes!(alerts::channels, alerts::create_channel))
        .routes(routes!(alerts::set_active))
        .routes(routes!(indicators::list))
        .routes(routes!(indicators::get))
        .routes(routes!(indicators::enter_fact))
        .routes(routes!(plans::list, plans::create))
        .routes(routes!(plans::add_direction))
        .routes(routes!(plans::add_item))
        .routes(routes!(plans::get))
        .routes(routes!(plans::execution))
        .routes(routes!(plans::item))
        .routes(routes!(plans::file_report))
        .routes(routes!(plans::file))
        .routes(routes!(sessions::list, sessions::announce))
        .routes(routes!(sessions::get))
        .routes(routes!(sessions::minutes))
        .routes(routes!(sessions::open))
        .routes(routes!(sessions::attendance))
        .routes(routes!(sessions::add_agenda_item))
        .routes(routes!(sessions::put_question))
        .routes(routes!(sessions::vote))
        .routes(routes!(sessions::close_question))
        .routes(routes!(sessions::close))
        .routes(routes!(sessions::start_poll))
        .routes(routes!(sessions::poll))
        .routes(routes!(sessions::answer))
        .routes(routes!(sessions::close_poll))
        .routes(routes!(control::assign))
        .routes(routes!(control::dashboard))
        .routes(routes!(control::get))
        .routes(routes!(control::report))
        .routes(routes!(control::change))
        .split_for_parts();
    api.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    (router, api)
}
