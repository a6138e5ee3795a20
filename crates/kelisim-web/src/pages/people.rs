//! People (personal data, restricted by role and region) and their roles in
//! organisations; the person's card also carries their Assembly membership file.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use kelisim_core::access;
use kelisim_core::person::{PersonInput, PersonRoleInput, PERSON_ROLES};
use kelisim_core::ValidationErrors;
use kelisim_store::membership::Membership;
use kelisim_store::people::{self, PeopleFilter, Person};
use serde::Deserialize;

use super::{paging, render, PageCtx, PageResult, Pager};
use crate::auth::Auth;
use crate::error::{AppError, PageError};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "people_list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<Person>,
    pager: Pager,
    f_q: String,
    f_region: String,
    can_create: bool,
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<ListQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let scope = access::people_scope(&auth.principal);
    auth.require(scope.is_some()).page(lang)?;
    let scope = scope.unwrap_or(access::PeopleScope::All);
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let (page, per_page) = paging(q.page, Some(25));
    let filter = PeopleFilter { q: q.q.clone(), region: q.region.clone(), ..Default::default() };
    let (items, total) = people::list(&state.store, &scope, &filter, page, per_page).await.page(lang)?;
    let can_create = matches!(auth.principal.role, kelisim_core::Role::Admin | kelisim_core::Role::RegionalAdmin);
    let pager = Pager::new(page, per_page, total, uri.query().unwrap_or(""));
    render(&ListPage { ctx, items, pager, f_q: q.q.unwrap_or_default(), f_region: q.region.unwrap_or_default(), can_create }, lang)
}

#[derive(Template)]
#[template(path = "person_detail.html")]
pub(crate) struct DetailPage {
    ctx: PageCtx,
    person: Person,
    membership: Option<Membership>,
    sees_membership: bool,
    can_nominate: bool,
    can_decide: bool,
    can_edit: bool,
    errors: ValidationErrors,
    today: String,
    roles: Vec<&'static str>,
}

impl DetailPage {
    fn state(&self) -> String {
        self.membership.as_ref().map(|m| m.state.clone()).unwrap_or_default()
    }
    /// Steps that may come next, for the form (Regulation §4 p.14-15).
    fn next_steps(&self) -> Vec<&'static str> {
        let mut steps = Vec::new();
        let closed = matches!(self.state().as_str(), "" | "rejected" | "removed" | "exited");
        if closed && self.can_nominate {
            steps.push("nominate");
        }
        if closed && self.can_decide {
            steps.push("chairman_appoint");
        }
        match self.state().as_str() {
            "nominated" if self.can_decide => steps.push("council_review"),
            "council_reviewed" if self.can_decide => {
                steps.push("chairman_approve");
                steps.push("chairman_reject");
            }
            "member" => {
                if self.can_decide {
                    steps.push("remove");
                }
                if self.can_nominate {
                    steps.push("voluntary_exit");
                }
            }
            _ => {}
        }
        steps
    }
}

async fn load_person(state: &AppState, auth: &Auth, id: i64) -> Result<Person, AppError> {
    let person = people::get(&state.store, id).await?;
    auth.require(access::can_read_person(&auth.principal, person.region.as_deref(), &person.organisation_ids()))?;
    Ok(person)
}

pub(crate) async fn detail_page(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors) -> Result<DetailPage, PageError> {
    let lang = auth.lang;
    let person = load_person(state, auth, id).await.page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let sees_membership = access::can_read_membership(&auth.principal, person.region.as_deref());
    let membership = if sees_membership { kelisim_store::membership::latest_for_person(&state.store, id).await.page(lang)? } else { None };
    Ok(DetailPage {
        can_nominate: access::can_nominate_member(&auth.principal, person.region.as_deref()),
        can_decide: access::can_decide_membership(&auth.principal),
        can_edit: access::can_write_person(&auth.principal, person.region.as_deref(), &person.organisation_ids()),
        ctx,
        person,
        membership,
        sees_membership,
        errors,
        today: kelisim_store::today_utc(),
        roles: PERSON_ROLES.to_vec(),
    })
}

pub async fn detail(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    render(&detail_page(&state, &auth, &uri, id, ValidationErrors::default()).await?, auth.lang)
}

#[derive(Template)]
#[template(path = "person_form.html")]
struct FormPage {
    ctx: PageCtx,
    id: Option<i64>,
    input: PersonInput,
    errors: ValidationErrors,
}

impl FormPage {
    fn opt(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }
    fn region_is(&self, kato: &str) -> bool {
        self.input.region.as_deref() == Some(kato)
    }
}

#[derive(Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    csrf: String,
    full_name: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    position: String,
}

impl PersonForm {
    fn input(&self) -> PersonInput {
        let opt = |s: &str| if s.trim().is_empty() { None } else { Some(s.trim().to_string()) };
        PersonInput { full_name: self.full_name.clone(), region: opt(&self.region), email: opt(&self.email), phone: opt(&self.phone), position: opt(&self.position) }
    }
}

pub async fn new_form(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    auth.require(matches!(auth.principal.role, kelisim_core::Role::Admin | kelisim_core::Role::RegionalAdmin)).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let input = PersonInput { region: auth.principal.region.clone(), ..Default::default() };
    render(&FormPage { ctx, id: None, input, errors: ValidationErrors::default() }, lang)
}

pub async fn create(State(state): State<AppState>, auth: Auth, uri: Uri, Form(form): Form<PersonForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let input = form.input();
    let allowed = matches!(auth.principal.role, kelisim_core::Role::Admin | kelisim_core::Role::RegionalAdmin)
        && access::can_write_person(&auth.principal, input.region.as_deref(), &[]);
    auth.require(allowed).page(lang)?;
    match people::create(&state.store, &auth.actor(), &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errors)) => {
            let ctx = PageCtx::new(&auth, &uri, &state).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&FormPage { ctx, id: None, input, errors }, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

pub async fn edit_form(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let person = load_person(&state, &auth, id).await.page(lang)?;
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &person.organisation_ids())).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    render(&FormPage { ctx, id: Some(id), input: person.to_input(), errors: ValidationErrors::default() }, lang)
}

pub async fn update(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, Form(form): Form<PersonForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let person = load_person(&state, &auth, id).await.page(lang)?;
    let input = form.input();
    let orgs = person.organisation_ids();
    // Both where the person is now and where the change puts them must be in scope.
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &orgs) && access::can_write_person(&auth.principal, input.region.as_deref(), &orgs))
        .page(lang)?;
    match people::update(&state.store, &auth.actor(), id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errors)) => {
            let ctx = PageCtx::new(&auth, &uri, &state).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&FormPage { ctx, id: Some(id), input, errors }, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    csrf: String,
    organisation_id: String,
    role: String,
    started_on: String,
    #[serde(default)]
    ended_on: String,
}

pub async fn add_role(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, Form(form): Form<RoleForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let person = load_person(&state, &auth, id).await.page(lang)?;
    let org_id: Option<i64> = form.organisation_id.trim().parse().ok();
    let mut orgs = person.organisation_ids();
    orgs.extend(org_id);
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &orgs)).page(lang)?;
    // An org editor adds roles in their own organisation only.
    if auth.principal.role == kelisim_core::Role::OrgEditor {
        auth.require(org_id.is_some() && org_id == auth.principal.organisation).page(lang)?;
    }
    let Some(org_id) = org_id else {
        let mut errs = ValidationErrors::default();
        errs.push("organisation_id", "err-number-format");
        let page = detail_page(&state, &auth, &uri, id, errs).await?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response());
    };
    let input = PersonRoleInput { organisation_id: org_id, role: form.role, started_on: form.started_on, ended_on: Some(form.ended_on).filter(|s| !s.is_empty()) };
    match people::add_role(&state.store, &auth.actor(), id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let page = detail_page(&state, &auth, &uri, id, errs).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

#[derive(Deserialize)]
pub struct EndRoleForm {
    #[serde(default)]
    csrf: String,
    ended_on: String,
}

pub async fn end_role(State(state): State<AppState>, auth: Auth, uri: Uri, Path((id, role_id)): Path<(i64, i64)>, Form(form): Form<EndRoleForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let person = load_person(&state, &auth, id).await.page(lang)?;
    auth.require(access::can_write_person(&auth.principal, person.region.as_deref(), &person.organisation_ids())).page(lang)?;
    match people::end_role(&state.store, &auth.actor(), id, role_id, &form.ended_on).await {
        Ok(()) => Ok(Redirect::to(&format!("/people/{id}")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let page = detail_page(&state, &auth, &uri, id, errs).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}
