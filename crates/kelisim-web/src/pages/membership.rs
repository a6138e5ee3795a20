//! Assembly membership: the list of files and the steps recorded on a
//! person's card (Regulation §4 p.14-15).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use kelisim_core::access;
use kelisim_core::membership::{MembershipStep, NominatingBody, RemovalGround};
use kelisim_core::ValidationErrors;
use kelisim_store::membership::{self, Membership};
use serde::Deserialize;

use super::{paging, render, PageCtx, PageResult, Pager};
use crate::auth::Auth;
use crate::error::PageError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "membership_list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<Membership>,
    pager: Pager,
    f_state: String,
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<ListQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let scope = access::membership_scope(&auth.principal);
    auth.require(scope.is_some()).page(lang)?;
    let region = scope.flatten();
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let (page, per_page) = paging(q.page, Some(25));
    let (items, total) = membership::list(&state.store, region.as_deref(), q.state.as_deref(), page, per_page).await.page(lang)?;
    let pager = Pager::new(page, per_page, total, uri.query().unwrap_or(""));
    render(&ListPage { ctx, items, pager, f_state: q.state.unwrap_or_default() }, lang)
}

#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    csrf: String,
    step: String,
    on_date: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    recommended: String,
    #[serde(default)]
    ground: String,
}

/// Builds the step from the form; `Err` names the field that is wrong.
fn step_of(form: &StepForm) -> Result<MembershipStep, (&'static str, &'static str)> {
    Ok(match form.step.as_str() {
        "nominate" => MembershipStep::Nominate {
            body: match form.body.as_str() {
                "association_highest_body" => NominatingBody::AssociationHighestBody,
                _ => NominatingBody::RegionalAssemblySession,
            },
            organisation_id: form.organisation_id.trim().parse().map_err(|_| ("organisation_id", "err-number-format"))?,
            decision: form.decision.clone(),
        },
        "council_review" => MembershipStep::CouncilReview { recommended: form.recommended != "no" },
        "chairman_approve" => MembershipStep::ChairmanApprove,
        "chairman_reject" => MembershipStep::ChairmanReject,
        "chairman_appoint" => MembershipStep::ChairmanAppoint,
        "remove" => MembershipStep::Remove {
            ground: match form.ground.as_str() {
                "change_of_post" => RemovalGround::ChangeOfPost,
                "end_of_elected_office" => RemovalGround::EndOfElectedOffice,
                _ => RemovalGround::Other,
            },
        },
        "voluntary_exit" => MembershipStep::VoluntaryExit,
        _ => return Err(("step", "err-membership-step-out-of-order")),
    })
}

/// Who may record a step: the regional secretariat nominates and records
/// exits in its region; the Council's and the Chairman's steps are recorded by
/// the Secretariat.
fn may_record(auth: &Auth, step: &MembershipStep, region: Option<&str>) -> bool {
    match step {
        MembershipStep::Nominate { .. } | MembershipStep::VoluntaryExit => access::can_nominate_member(&auth.principal, region),
        _ => access::can_decide_membership(&auth.principal),
    }
}

pub async fn record(State(state): State<AppState>, auth: Auth, uri: Uri, Path(person_id): Path<i64>, Form(form): Form<StepForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let person = kelisim_store::people::get(&state.store, person_id).await.page(lang)?;
    let result = match step_of(&form) {
        Err((field, reason)) => {
            let mut e = ValidationErrors::default();
            e.push(field, reason);
            Err(kelisim_store::StoreError::Invalid(e))
        }
        Ok(step) => {
            auth.require(may_record(&auth, &step, person.region.as_deref())).page(lang)?;
            membership::record_step(&state.store, &auth.actor(), person_id, &step, &form.on_date, &form.note).await
        }
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/people/{person_id}#membership")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let page = super::people::detail_page(&state, &auth, &uri, person_id, errs).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}
