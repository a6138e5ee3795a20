//! The control dashboard on a page (issue 5 §5): the assignments of the
//! decisions the viewer may read, as of today, overdue first, filtered by
//! region, executor and state.


use askama::Template;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Html;
use kelisim_core::access;
use kelisim_store::control::{self, Assignment, ControlFilter};
use kelisim_store::governance;
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::auth::Auth;
use crate::error::PageError;
use crate::state::AppState;

/// Days to the deadline of an open assignment due within a week (the
/// reminders' horizon), else none.
fn days_left(a: &Assignment, today: time::Date) -> Option<i64> {
    let deadline = time::Date::parse(&a.deadline, time::macros::format_description!("[year]-[month]-[day]")).ok()?;
    let left = (deadline - today).whole_days();
    (matches!(a.state.as_str(), "on_control" | "extended") && (0..=7).contains(&left)).then_some(left)
}

#[derive(Template)]
#[template(path = "control.html")]
struct ControlPage {
    ctx: PageCtx,
    /// Each assignment with the days left when its deadline is within a week (open ones).
    items: Vec<(Assignment, Option<i64>)>,
    overdue: usize,
    by_executor: Vec<ExecutorLine>,
    f_region: String,
    f_executor: String,
    f_state: String,
}

/// An executor's line on the dashboard: how many of its assignments stand where.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExecutorLine {
    pub executor: String,
    pub overdue: usize,
    /// On control or extended, not yet overdue.
    pub open: usize,
    pub executed: usize,
    pub taken_off: usize,
}

/// The assignments summed by executor, the executors with most overdue first
/// (then most open, then by name).
pub fn by_executor(items: &[Assignment]) -> Vec<ExecutorLine> {
    let mut lines: Vec<ExecutorLine> = Vec::new();
    for a in items {
        let i = match lines.iter().position(|l| l.executor == a.executor) {
            Some(i) => i,
            None => {
                lines.push(ExecutorLine { executor: a.executor.clone(), ..Default::default() });
                lines.len() - 1
            }
        };
        let line = &mut lines[i];
        match a.state.as_str() {
            "overdue" => line.overdue += 1,
            "executed" => line.executed += 1,
            "taken_off" => line.taken_off += 1,
            _ => line.open += 1,
        }
    }
    lines.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(b.open.cmp(&a.open)).then(a.executor.cmp(&b.executor)));
    lines
}

#[derive(Deserialize, Default)]
pub struct ControlQuery {
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    executor: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

pub async fn dashboard(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<ControlQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    auth.require(ctx.sees_governance()).page(lang)?;
    let filter = ControlFilter { region: q.region.clone().filter(|r| !r.is_empty()), executor: q.executor.clone().filter(|e| !e.trim().is_empty()), state: q.state.clone().filter(|s| !s.is_empty()), session_id: None };
    let items = crate::api::control::readable_assignments(&state, &auth, &filter).await.page(lang)?;
    let overdue = items.iter().filter(|a| a.state == "overdue").count();
    let today = time::OffsetDateTime::now_utc().date();
    let by_executor = by_executor(&items);
    let items = items.into_iter().map(|a| (days_left(&a, today), a)).map(|(d, a)| (a, d)).collect();
    render(&ControlPage { ctx, items, overdue, by_executor, f_region: q.region.unwrap_or_default(), f_executor: q.executor.unwrap_or_default(), f_state: q.state.unwrap_or_default() }, lang)
}

#[derive(Template)]
#[template(path = "assignment.html")]
struct AssignmentPage {
    ctx: PageCtx,
    a: Assignment,
    events: Vec<kelisim_store::control::AssignmentEvent>,
    open: bool,
    can_run: bool,
    can_report: bool,
    errors: kelisim_core::ValidationErrors,
}

/// The region of the assembly whose decision an assignment executes.
async fn deciding_region(state: &AppState, a: &Assignment) -> Result<Option<String>, kelisim_store::StoreError> {
    governance::session_region(&state.store, a.session_id).await
}

async fn assignment_page(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: kelisim_core::ValidationErrors) -> Result<AssignmentPage, PageError> {
    let lang = auth.lang;
    let a = control::get(&state.store, id, &kelisim_store::today_utc()).await.page(lang)?;
    let region = deciding_region(state, &a).await.page(lang)?;
    let can_report = access::can_report_assignment(&auth.principal, region.as_deref(), a.executor_organisation_id);
    auth.require(access::can_read_governance(&auth.principal, region.as_deref()) || can_report).page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    Ok(AssignmentPage {
        events: control::events(&state.store, id).await.page(lang)?,
        open: matches!(a.state.as_str(), "on_control" | "extended" | "overdue"),
        can_run: access::can_run_governance(&auth.principal, region.as_deref()),
        can_report,
        a,
        ctx,
        errors,
    })
}

pub async fn assignment(State(state): State<AppState>, auth: Auth, uri: Uri, axum::extract::Path(id): axum::extract::Path<i64>) -> Result<Html<String>, PageError> {
    render(&assignment_page(&state, &auth, &uri, id, kelisim_core::ValidationErrors::default()).await?, auth.lang)
}

#[derive(Deserialize, Default)]
pub struct AssignmentAct {
    #[serde(default)]
    csrf: String,
    /// `report`, `extend`, `execute` or `take_off`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i64,
}

pub async fn assignment_act(State(state): State<AppState>, auth: Auth, uri: Uri, axum::extract::Path(id): axum::extract::Path<i64>, axum::Form(f): axum::Form<AssignmentAct>) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    use kelisim_core::governance::control::ControlChange;
    use kelisim_store::StoreError;
    let lang = auth.lang;
    auth.check_csrf(&f.csrf).page(lang)?;
    let a = control::get(&state.store, id, &kelisim_store::today_utc()).await.page(lang)?;
    let region = deciding_region(&state, &a).await.page(lang)?;
    let now = kelisim_store::now_utc();
    let result: Result<(), StoreError> = if f.action == "report" {
        auth.require(access::can_report_assignment(&auth.principal, region.as_deref(), a.executor_organisation_id)).page(lang)?;
        control::report(&state.store, &auth.actor(), id, &f.text, &now).await
    } else {
        auth.require(access::can_run_governance(&auth.principal, region.as_deref())).page(lang)?;
        let new_deadline = time::Date::parse(&f.deadline, time::macros::format_description!("[year]-[month]-[day]")).ok();
        let change = match (f.action.as_str(), new_deadline) {
            ("execute", _) => Ok(ControlChange::Execute),
            ("take_off", _) => Ok(ControlChange::TakeOff { reason: &f.reason }),
            ("extend", Some(d)) => Ok(ControlChange::Extend { new_deadline: d, reason: &f.reason }),
            ("extend", None) => Err(StoreError::field("deadline", "err-date-format")),
            _ => Err(StoreError::field("action", "err-unknown-value")),
        };
        match change {
            Ok(c) => control::change(&state.store, &auth.actor(), id, &c, f.version, &now).await.map(|_| ()),
            Err(e) => Err(e),
        }
    };
    match result {
        Ok(()) => Ok(axum::response::Redirect::to(&format!("/assignments/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = assignment_page(&state, &auth, &uri, id, errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let mut errors = kelisim_core::ValidationErrors::default();
            errors.push("version", "err-conflict");
            let page = assignment_page(&state, &auth, &uri, id, errors).await?;
            Ok((axum::http::StatusCode::CONFLICT, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}
