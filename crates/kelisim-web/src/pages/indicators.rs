//! The target indicators on a page (issue 5 §7): for each indicator of the
//! two Concepts, the plan/fact table with deviations and a chart (SVG from
//! the server), and — for the Secretariat and the analysts — the form that
//! enters a year's fact with its source. Public.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kelisim_core::access;
use kelisim_core::ValidationErrors;
use kelisim_store::indicators::{self, IndicatorView, PlanFact};
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::auth::Auth;
use crate::chart::{line_chart, Series, LINE_COLOURS};
use crate::error::PageError;
use crate::state::AppState;

/// One indicator as the page shows it.
pub struct Shown {
    pub ind: IndicatorView,
    pub years: Vec<PlanFact>,
    pub chart: String,
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct IndicatorsPage {
    ctx: PageCtx,
    /// (the Concept's title, its indicators), the Concept to 2030 first.
    concepts: Vec<(String, Vec<Shown>)>,
    can_enter: bool,
    /// The indicator whose form was refused, and why.
    errors_for: String,
    errors: ValidationErrors,
    input: FactForm,
}

fn shown(ctx: &PageCtx, ind: IndicatorView) -> Shown {
    let years = indicators::plan_fact(&ind);
    let labels: Vec<String> = years.iter().map(|y| y.year.to_string()).collect();
    let plan = Series { label: ctx.t("indicator-plan"), colour: LINE_COLOURS[0], values: years.iter().map(|y| y.plan.unwrap_or(f64::NAN)).collect() };
    let fact = Series { label: ctx.t("indicator-fact"), colour: LINE_COLOURS[1], values: years.iter().map(|y| y.fact.filter(|_| !y.fact_is_estimate).unwrap_or(f64::NAN)).collect() };
    let estimate = Series { label: ctx.t("indicator-estimate"), colour: LINE_COLOURS[2], values: years.iter().map(|y| y.fact.filter(|_| y.fact_is_estimate).unwrap_or(f64::NAN)).collect() };
    // The heading above names the indicator; the chart says what it draws.
    let chart = line_chart(&format!("{}, {}", ctx.t("indicator-plan-and-fact"), ind.unit), &labels, &[plan, fact, estimate], &[], false);
    Shown { ind, years, chart }
}

async fn page(state: &AppState, auth: &Auth, uri: &Uri, errors_for: String, errors: ValidationErrors, input: FactForm) -> Result<IndicatorsPage, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let all = indicators::list(&state.store).await.page(lang)?;
    let (c2030, c2022): (Vec<IndicatorView>, Vec<IndicatorView>) = all.into_iter().partition(|i| i.code.starts_with("c2030"));
    Ok(IndicatorsPage {
        concepts: vec![
            (ctx.t("concept-2030"), c2030.into_iter().map(|i| shown(&ctx, i)).collect()),
            (ctx.t("concept-2022"), c2022.into_iter().map(|i| shown(&ctx, i)).collect()),
        ],
        can_enter: access::can_enter_indicator_facts(&auth.principal),
        ctx,
        errors_for,
        errors,
        input,
    })
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    render(&page(&state, &auth, &uri, String::new(), ValidationErrors::default(), FactForm::default()).await?, auth.lang)
}

#[derive(Deserialize, Default, Clone)]
pub struct FactForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub source: String,
}

/// Enters a year's fact from the page's form; a refused form comes back with its fields named.
pub async fn enter_fact(State(state): State<AppState>, auth: Auth, uri: Uri, Path(code): Path<String>, axum::Form(form): axum::Form<FactForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    auth.require(access::can_enter_indicator_facts(&auth.principal)).page(lang)?;
    let mut errs = ValidationErrors::default();
    let year = form.year.trim().parse::<i64>().ok();
    if year.is_none() {
        errs.push("year", "err-number-format");
    }
    let value = form.value.trim().replace(',', ".").trim_end_matches('%').trim().parse::<f64>().ok();
    if value.is_none() {
        errs.push("value", "err-number-format");
    }
    let result = match (year, value) {
        (Some(y), Some(v)) if errs.is_empty() => indicators::enter_fact(&state.store, &auth.actor(), &code, y, v, &form.source, &kelisim_store::now_utc()).await,
        _ => Err(kelisim_store::StoreError::Invalid(errs)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/indicators#{code}")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let p = page(&state, &auth, &uri, code, errs, form).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

impl IndicatorsPage {
    fn err_for(&self, code: &str, field: &str) -> String {
        if self.errors_for == code {
            self.errors.for_field(field).map(|r| self.ctx.t(r)).unwrap_or_default()
        } else {
            String::new()
        }
    }
}
