//! The control dashboard on a page (issue 5 §5): the assignments of the
//! decisions the viewer may read, as of today, overdue first, filtered by
//! region, executor and state.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Html;
use kelisim_core::access;
use kelisim_store::control::{self, Assignment, ControlFilter};
use kelisim_store::{governance, organisations};
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
    f_region: String,
    f_executor: String,
    f_state: String,
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
    let mut regions: HashMap<i64, Option<String>> = HashMap::new();
    let mut items = Vec::new();
    for a in control::list(&state.store, &filter, &kelisim_store::today_utc()).await.page(lang)? {
        if !regions.contains_key(&a.session_id) {
            let s = governance::get(&state.store, a.session_id).await.page(lang)?;
            regions.insert(a.session_id, organisations::get(&state.store, s.organisation_id).await.page(lang)?.region);
        }
        if access::can_read_governance(&auth.principal, regions[&a.session_id].as_deref()) {
            items.push(a);
        }
    }
    let overdue = items.iter().filter(|a| a.state == "overdue").count();
    let today = time::OffsetDateTime::now_utc().date();
    let items = items.into_iter().map(|a| (days_left(&a, today), a)).map(|(d, a)| (a, d)).collect();
    render(&ControlPage { ctx, items, overdue, f_region: q.region.unwrap_or_default(), f_executor: q.executor.unwrap_or_default(), f_state: q.state.unwrap_or_default() }, lang)
}
