//! HTML pages (askama templates in `templates/`), in the user's language.
//!
//! Every page handler builds a [`PageCtx`] from the caller, asks
//! `kelisim_core::access` before reading or writing, and renders. Forms post
//! back to the same URL; invalid input re-renders the form with each field's
//! reason next to it and nothing written.

pub mod account;
pub mod control;
pub mod dashboard;
pub mod alerts;
pub mod incidents;
pub mod indicators;
pub mod membership;
pub mod monitoring;
pub mod people;
pub mod plan;
pub mod registry;
pub mod sessions;
pub mod transfer;

use askama::Template;
use axum::http::Uri;
use axum::response::Html;
use kelisim_core::access::Principal;
use kelisim_core::{OrgType, Role, ValidationErrors};
use kelisim_store::reference::{Names, RegionRow};

use crate::auth::Auth;
use crate::error::{AppError, PageError};
use crate::i18n::{self, Lang};

/// What every page template needs.
pub struct PageCtx {
    pub lang: Lang,
    pub login: Option<String>,
    pub role: Option<Role>,
    pub csrf: String,
    /// Path and query of this page (the language switch returns here).
    pub here: String,
    pub principal: Principal,
    pub regions: Vec<RegionRow>,
}

impl PageCtx {
    pub async fn new(auth: &Auth, uri: &Uri, state: &crate::state::AppState) -> Result<PageCtx, PageError> {
        let regions = kelisim_store::reference::regions(&state.store).await.map_err(|e| PageError { error: e.into(), lang: auth.lang })?;
        Ok(PageCtx {
            lang: auth.lang,
            login: auth.user.as_ref().map(|u| u.login.clone()),
            role: auth.user.as_ref().map(|u| u.role()),
            csrf: auth.csrf.clone(),
            here: uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into()),
            principal: auth.principal.clone(),
            regions,
        })
    }

    /// This page's path and query, URL-encoded for a `next=` parameter.
    pub fn here_encoded(&self) -> String {
        form_urlencoded::byte_serialize(self.here.as_bytes()).collect()
    }

    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    pub fn ta(&self, key: &str, arg: &str, value: &str) -> String {
        i18n::get().t_args(self.lang, key, &[(arg, value.to_string())])
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// (code, native name, is current) for the switch.
    pub fn langs(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL.iter().map(|l| (l.code(), l.native_name(), *l == self.lang)).collect()
    }

    pub fn name<'a>(&self, n: &'a Names) -> &'a str {
        n.shown(self.lang.code())
    }

    pub fn type_name(&self, slug: &str) -> String {
        OrgType::from_slug(slug).map(|t| t.name(self.lang.code()).to_string()).unwrap_or_else(|| slug.to_string())
    }

    pub fn region_name(&self, kato: &Option<String>) -> String {
        match kato {
            None => self.t("national"),
            Some(k) => self.regions.iter().find(|r| &r.kato == k).map(|r| self.name(&r.name).to_string()).unwrap_or_else(|| k.clone()),
        }
    }

    pub fn region_of(&self, kato: &str) -> String {
        self.region_name(&Some(kato.to_string()))
    }

    pub fn role_name(&self) -> String {
        self.role.map(|r| self.t(&format!("role-{}", r.slug()))).unwrap_or_default()
    }

    pub fn is_admin(&self) -> bool {
        self.role == Some(Role::Admin)
    }

    pub fn sees_people(&self) -> bool {
        kelisim_core::access::people_scope(&self.principal).is_some()
    }

    /// Sessions, decisions and their execution control (the Secretariat, the
    /// analysts, a regional secretariat for its region).
    pub fn sees_governance(&self) -> bool {
        kelisim_core::access::reads_governance(&self.principal)
    }

    pub fn sees_membership(&self) -> bool {
        kelisim_core::access::membership_scope(&self.principal).is_some()
    }

    /// The translated reason for a field, or empty.
    pub fn err(&self, errors: &ValidationErrors, field: &str) -> String {
        errors.for_field(field).map(|k| self.t(k)).unwrap_or_default()
    }

    pub fn org_types(&self) -> Vec<(&'static str, String)> {
        OrgType::ALL.iter().map(|t| (t.slug(), t.name(self.lang.code()).to_string())).collect()
    }

    /// The monitoring centre's screens (counts, signals, risk, incidents, alerts).
    pub fn sees_monitoring(&self) -> bool {
        kelisim_core::access::monitoring_scope(&self.principal).is_some()
    }

    /// The texts of the information field (the flagged feed).
    pub fn sees_texts(&self) -> bool {
        kelisim_core::access::can_read_document_texts(&self.principal)
    }

    /// A stored instant (UTC) in Kazakhstan time, `YYYY-MM-DD HH:MM`.
    pub fn local(&self, instant: &str) -> String {
        kelisim_core::monitoring::incident::local_input_value(instant).replacen('T', " ", 1)
    }

    /// The name of an escalation level.
    pub fn level_name(&self, level: &i64) -> String {
        self.t(&format!("level-{level}"))
    }

    /// The name of a risk level (`green` … `red`).
    pub fn risk_name(&self, level: &str) -> String {
        self.t(&format!("risk-{level}"))
    }

    /// An ethnic group's name in the page's language.
    pub fn group_name(&self, slug: &str) -> String {
        crate::centre::messages::group_name(self.lang, slug)
    }

    /// Group names joined by commas.
    pub fn group_names(&self, slugs: &[String]) -> String {
        slugs.iter().map(|g| self.group_name(g)).collect::<Vec<_>>().join(", ")
    }

    /// The first characters of a pseudonym (enough to tell authors apart on a screen).
    pub fn short(&self, key: &Option<String>) -> String {
        key.as_deref().map(|k| k.chars().take(10).collect()).unwrap_or_else(|| "—".into())
    }

    /// A spike's groups (`[{"group", "flagged"}]`) as (name, count).
    pub fn spike_groups(&self, v: &serde_json::Value) -> Vec<(String, i64)> {
        v.as_array()
            .map(|a| a.iter().map(|g| (self.group_name(g.get("group").and_then(|x| x.as_str()).unwrap_or("")), g.get("flagged").and_then(|x| x.as_i64()).unwrap_or(0))).collect())
            .unwrap_or_default()
    }

    /// A word of one of the monitoring's closed lists (`category-vandalism`, `stage-open`, ...).
    pub fn word(&self, list: &str, value: &str) -> String {
        self.t(&format!("{list}-{}", value.replace('_', "-")))
    }

    /// The status word of an organisation or a record.
    pub fn status_name(&self, status: &str) -> String {
        self.t(&format!("status-{status}"))
    }
}

/// Renders a template or fails with a 500 page.
pub fn render<T: Template>(t: &T, lang: Lang) -> Result<Html<String>, PageError> {
    t.render().map(Html).map_err(|e| PageError { error: AppError::Internal(format!("template: {e}")), lang })
}

/// Maps any error to a page error in the caller's language.
pub trait PageResult<T> {
    fn page(self, lang: Lang) -> Result<T, PageError>;
}

impl<T, E: Into<AppError>> PageResult<T> for Result<T, E> {
    fn page(self, lang: Lang) -> Result<T, PageError> {
        self.map_err(|e| PageError { error: e.into(), lang })
    }
}

/// Pagination: page numbers around the current one.
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    /// The query string without `page=`, to build links.
    pub base: String,
}

impl Pager {
    pub fn new(page: i64, per_page: i64, total: i64, query: &str) -> Pager {
        let base = query.split('&').filter(|kv| !kv.starts_with("page=") && !kv.is_empty()).collect::<Vec<_>>().join("&");
        Pager { page, pages: ((total + per_page - 1) / per_page).max(1), total, base }
    }
    pub fn href(&self, page: &i64) -> String {
        if self.base.is_empty() {
            format!("?page={page}")
        } else {
            format!("?{}&page={page}", self.base)
        }
    }
    pub fn window(&self) -> Vec<i64> {
        let from = (self.page - 3).max(1);
        let to = (self.page + 3).min(self.pages);
        (from..=to).collect()
    }
}

/// Page and per-page from query values, clamped.
pub fn paging(page: Option<i64>, per_page: Option<i64>) -> (i64, i64) {
    (page.unwrap_or(1).max(1), per_page.unwrap_or(25).clamp(1, 200))
}
