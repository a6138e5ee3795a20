//! The action plan on pages (issue 5 §6): a plan's directions and items with
//! each due date of the chosen year and where it stands for the chosen region,
//! the totals and the execution report to download (XLSX, PDF); an item's page
//! with its due dates, its reports and their attachments, and the form that
//! files a report with attachments. Who may: `access::can_read_plan_execution`
//! and `access::can_report_plan`, by region — the same as the API.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kelisim_core::access;
use kelisim_core::ValidationErrors;
use kelisim_store::plans::{self, Execution, NewFile, PlanItem, PlanReport};
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::api::plans::execution_region;
use crate::auth::Auth;
use crate::error::{AppError, PageError};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct PlanQuery {
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    region: Option<String>,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    ctx: PageCtx,
    plans: Vec<(String, String)>,
    code: String,
    years: Vec<i32>,
    execution: Execution,
    /// Whether the viewer may choose "the whole republic".
    reads_republic: bool,
    region: String,
    /// "reported N · due N · overdue N".
    counts: String,
    /// Whether the viewer may add directions and items to this plan (not one as printed).
    editable: bool,
    /// The regions the viewer may create a plan for (`""`: the republic's).
    plan_regions: Vec<String>,
    errors: ValidationErrors,
    form: PlanForm,
}

impl PlanPage {
    fn rows_of(&self, direction: &str) -> Vec<&plans::ExecutionRow> {
        self.execution.rows.iter().filter(|r| r.item.direction == direction).collect()
    }
}

/// The regions (`""`: the republic, first) for which `allowed` holds.
fn regions_where(ctx: &PageCtx, allowed: impl Fn(Option<&str>) -> bool) -> Vec<String> {
    let republic = allowed(None).then(String::new);
    republic.into_iter().chain(ctx.regions.iter().map(|r| r.kato.clone()).filter(|k| allowed(Some(k)))).collect()
}

async fn plan_page(state: &AppState, auth: &Auth, uri: &Uri, q: PlanQuery, errors: ValidationErrors, form: PlanForm) -> Result<PlanPage, PageError> {
    let lang = auth.lang;
    auth.require(access::reads_governance(&auth.principal)).page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let all = crate::api::plans::readable_plans(state, auth).await.page(lang)?;
    let code = q.plan.filter(|c| all.iter().any(|p| &p.code == c)).unwrap_or_else(|| kelisim_core::reference::action_plan::PLAN_2022_2026_CODE.to_string());
    let plan = all.iter().find(|p| p.code == code).cloned().ok_or(kelisim_store::StoreError::NotFound).page(lang)?;
    let region = execution_region(auth, &plan, q.region.as_deref());
    auth.require(access::can_read_plan_execution(&auth.principal, region.as_deref())).page(lang)?;
    let today = time::OffsetDateTime::now_utc().date();
    let year = q.year.unwrap_or(today.year()).clamp(plan.from_year as i32, plan.to_year as i32);
    let execution = plans::execution(&state.store, &code, year, region.as_deref(), today).await.page(lang)?;
    let counts = crate::reports::plan_execution::counts(lang, &execution);
    let plan_regions = regions_where(&ctx, |r| access::can_manage_plan(&auth.principal, r));
    Ok(PlanPage {
        plans: all.iter().map(|p| (p.code.clone(), ctx.name(&p.title).to_string())).collect(),
        years: (plan.from_year as i32..=plan.to_year as i32).collect(),
        reads_republic: plan.region.is_none() && access::can_read_plan_execution(&auth.principal, None),
        editable: !plan.is_reference() && access::can_manage_plan(&auth.principal, plan.region.as_deref()),
        plan_regions,
        code,
        execution,
        region: region.unwrap_or_default(),
        counts,
        errors,
        form,
        ctx,
    })
}

pub async fn plan(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<PlanQuery>) -> Result<Html<String>, PageError> {
    render(&plan_page(&state, &auth, &uri, q, ValidationErrors::default(), PlanForm::default()).await?, auth.lang)
}

/// The forms that make a plan: a new plan, a direction, an item.
#[derive(Deserialize, Default, Clone)]
pub struct PlanForm {
    #[serde(default)]
    csrf: String,
    /// `plan`, `direction` or `item`.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub from_year: String,
    #[serde(default)]
    pub to_year: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub completion_form: String,
    #[serde(default)]
    pub term: String,
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub co_responsible: String,
}

/// Creating a plan, adding a direction or an item (one form each, posted to `/plan`).
pub async fn act(State(state): State<AppState>, auth: Auth, uri: Uri, axum::Form(f): axum::Form<PlanForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&f.csrf).page(lang)?;
    let actor = auth.actor();
    let result = match f.action.as_str() {
        "plan" => {
            let region = Some(f.region.clone()).filter(|r| !r.is_empty());
            auth.require(access::can_manage_plan(&auth.principal, region.as_deref())).page(lang)?;
            let year = |s: &str| s.trim().parse::<i64>().unwrap_or(0);
            plans::create_plan(&state.store, &actor, &plans::PlanInput { title: f.title.clone(), from_year: year(&f.from_year), to_year: year(&f.to_year), region }).await
        }
        "direction" | "item" => {
            let plan = crate::api::plans::plan_to_manage(&state, &auth, &f.plan).await.page(lang)?;
            if f.action == "direction" {
                plans::add_direction(&state.store, &actor, &plan.code, &f.code, &f.title).await.map(|()| plan.code)
            } else {
                let input = plans::ItemInput {
                    direction: f.direction.clone(),
                    code: f.code.clone(),
                    title: f.title.clone(),
                    completion_form: f.completion_form.clone(),
                    term: f.term.clone(),
                    responsible: f.responsible.clone(),
                    co_responsible: f.co_responsible.split(',').map(str::to_string).collect(),
                };
                plans::add_item(&state.store, &actor, &plan.code, &input).await.map(|_| plan.code)
            }
        }
        _ => Err(kelisim_store::StoreError::field("action", "err-unknown-value")),
    };
    match result {
        Ok(code) => Ok(Redirect::to(&format!("/plan?plan={code}")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errors)) => {
            let q = PlanQuery { plan: Some(f.plan.clone()).filter(|p| !p.is_empty()), year: None, region: None };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&plan_page(&state, &auth, &uri, q, errors, f).await?, lang)?).into_response())
        }
        Err(e) => Err(e).page(lang),
    }
}

#[derive(Template)]
#[template(path = "plan_item.html")]
struct ItemPage {
    ctx: PageCtx,
    item: PlanItem,
    due_dates: Vec<String>,
    reports: Vec<PlanReport>,
    /// The regions the viewer may report for (`""`: the republic's executors).
    report_regions: Vec<String>,
    errors: ValidationErrors,
    input: ReportForm,
}

#[derive(Default, Clone)]
pub struct ReportForm {
    pub due_on: String,
    pub region: String,
    pub text: String,
}

async fn item_page(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors, input: ReportForm) -> Result<ItemPage, PageError> {
    let lang = auth.lang;
    auth.require(access::reads_governance(&auth.principal)).page(lang)?;
    let item = plans::item(&state.store, id).await.page(lang)?;
    let plan = crate::api::plans::readable_plan(state, auth, &item.plan_code).await.page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let due_dates = plans::schedule(&plan, &item).iter().map(|d| d.to_string()).collect();
    let reports = plans::reports(&state.store, id)
        .await
        .page(lang)?
        .into_iter()
        .filter(|r| crate::api::plans::can_read_report(auth, &r.region))
        .collect();
    // A region's own plan is reported on by that region only.
    let report_regions = regions_where(&ctx, |r| plan.region.as_deref().is_none_or(|own| r == Some(own)) && access::can_report_plan(&auth.principal, r));
    Ok(ItemPage { ctx, item, due_dates, reports, report_regions, errors, input })
}

pub async fn item(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    render(&item_page(&state, &auth, &uri, id, ValidationErrors::default(), ReportForm::default()).await?, auth.lang)
}

/// Reads the report form: its fields and the attached files.
async fn read_form(mut multipart: Multipart) -> Result<(String, ReportForm, Vec<NewFile>), AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.to_string());
    let (mut csrf, mut form, mut files) = (String::new(), ReportForm::default(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(bad)?,
            "due_on" => form.due_on = field.text().await.map_err(bad)?,
            "region" => form.region = field.text().await.map_err(bad)?,
            "text" => form.text = field.text().await.map_err(bad)?,
            "files" => {
                let name = field.file_name().unwrap_or("").to_string();
                let content_type = field.content_type().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(bad)?.to_vec();
                // A file input left empty still sends a part with no name and no bytes.
                if !(name.is_empty() && bytes.is_empty()) {
                    files.push(NewFile { name, content_type, bytes });
                }
            }
            _ => {}
        }
    }
    Ok((csrf, form, files))
}

pub async fn file_report(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, multipart: Multipart) -> Result<Response, PageError> {
    let lang = auth.lang;
    let (csrf, form, files) = read_form(multipart).await.page(lang)?;
    auth.check_csrf(&csrf).page(lang)?;
    auth.require(access::can_report_plan(&auth.principal, (!form.region.is_empty()).then_some(form.region.as_str()))).page(lang)?;
    match plans::file_report(&state.store, &auth.actor(), id, &form.due_on, &form.region, &form.text, &files, &kelisim_store::now_utc()).await {
        Ok(_) => Ok(Redirect::to(&format!("/plan/items/{id}#reports")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errors)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&item_page(&state, &auth, &uri, id, errors, form).await?, lang)?).into_response()),
        Err(e) => Err(e).page(lang),
    }
}
