//! The incident register on pages (SPEC §3.4, issue 4 §3): the list with its
//! filters and map, the card with its timeline and a form for each change
//! (level, verification, stage, response action, link, merge), registering
//! (also from a document of the feed) and editing. The same access rules and
//! store functions as the API.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kelisim_core::access;
use kelisim_core::monitoring::incident::{self as rules, ActionInput, IncidentInput};
use kelisim_core::ValidationErrors;
use kelisim_store::monitoring::documents::{self, Document};
use kelisim_store::monitoring::incidents::{self, Incident, IncidentAction, IncidentEvent, IncidentFilter, NewIncident, Reporter};
use kelisim_store::reference::{DistrictRow, EthnicGroupRow};
use serde::Deserialize;

use super::monitoring::{highlight, incident_points};
use super::{paging, render, PageCtx, PageResult, Pager};
use crate::auth::Auth;
use crate::error::{AppError, PageError};
use crate::map;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "incidents_list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<Incident>,
    pager: Pager,
    map_svg: String,
    f: IncidentFilter,
    groups: Vec<EthnicGroupRow>,
    can_create: bool,
    own_region: Option<String>,
}

impl ListPage {
    fn is(&self, v: &Option<String>, x: &str) -> bool {
        v.as_deref() == Some(x)
    }
    fn opt(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }
    fn level_is(&self, l: &i64) -> bool {
        self.f.level_min == Some(*l)
    }
}

/// The page number (the filter is read on its own: numbers inside a
/// flattened query struct do not parse).
#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    page: Option<i64>,
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri, Query(filter): Query<IncidentFilter>, Query(q): Query<ListQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let f = crate::api::incidents::scoped_filter(&auth, filter).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let (page, per_page) = paging(q.page, Some(25));
    let (items, total) = incidents::list(&state.store, &f, page, per_page).await.page(lang)?;
    let (all, _) = incidents::list(&state.store, &f, 1, 500).await.page(lang)?;
    let areas = Vec::new();
    let points = incident_points(&ctx, &all);
    let legend: Vec<(String, String)> = (0..=4).map(|l| (super::monitoring::level_colour(l).to_string(), format!("{l} · {}", ctx.level_name(&l)))).collect();
    let map_svg = map::draw(&areas, &points, &ctx.t("incidents-map"), &legend, &ctx.t("map-attribution"));
    let groups = kelisim_store::reference::ethnic_groups(&state.store).await.page(lang)?;
    let own_region = access::monitoring_scope(&auth.principal).flatten();
    let can_create = access::can_write_incident(&auth.principal, own_region.as_deref());
    let pager = Pager::new(page, per_page, total, uri.query().unwrap_or(""));
    render(&ListPage { ctx, items, pager, map_svg, f, groups, can_create, own_region }, lang)
}

#[derive(Template)]
#[template(path = "incident_form.html")]
struct FormPage {
    ctx: PageCtx,
    id: Option<i64>,
    version: i64,
    input: IncidentInput,
    level: i64,
    reporter: Reporter,
    document: Option<Document>,
    errors: ValidationErrors,
    groups: Vec<EthnicGroupRow>,
    districts: Vec<DistrictRow>,
}

impl FormPage {
    fn invalid(&self, field: &str) -> bool {
        self.errors.for_field(field).is_some()
    }
    fn region_is(&self, kato: &str) -> bool {
        self.input.region.as_deref() == Some(kato)
    }
    fn district_is(&self, kato: &str) -> bool {
        self.input.district.as_deref() == Some(kato)
    }
    fn has_group(&self, slug: &str) -> bool {
        self.input.groups.iter().any(|g| g == slug)
    }
    fn num(&self, v: &Option<f64>) -> String {
        v.map(|x| x.to_string()).unwrap_or_default()
    }
    /// The time as the form shows it (Kazakhstan time), whatever form it is in.
    fn occurred_value(&self) -> String {
        match rules::parse_local_instant(&self.input.occurred_at) {
            Some(stored) => rules::local_input_value(&stored),
            None => self.input.occurred_at.clone(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(state: &AppState, auth: &Auth, uri: &Uri, id: Option<i64>, version: i64, input: IncidentInput, level: i64, reporter: Reporter, document: Option<Document>, errors: ValidationErrors) -> Result<FormPage, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let groups = kelisim_store::reference::ethnic_groups(&state.store).await.page(lang)?;
    let districts = kelisim_store::reference::districts(&state.store, None).await.page(lang)?;
    Ok(FormPage { ctx, id, version, input, level, reporter, document, errors, groups, districts })
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    document: Option<i64>,
}

pub async fn new_form(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<NewQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let own = access::monitoring_scope(&auth.principal).flatten();
    auth.require(access::can_write_incident(&auth.principal, own.as_deref())).page(lang)?;
    let mut input = IncidentInput { region: own, category: String::new(), source: String::new(), occurred_at: rules::local_input_value(&kelisim_store::now_utc()), ..Default::default() };
    let document = match q.document {
        Some(id) if access::can_read_document_texts(&auth.principal) => {
            let d = documents::get(&state.store, id).await.page(lang)?;
            input.region = d.region.clone().or(input.region);
            input.groups = d.groups.iter().map(|g| g.group.clone()).collect();
            input.occurred_at = rules::local_input_value(&d.published_at);
            input.category = "online_hate".into();
            input.source = if d.source.contains('.') { "media".into() } else { "social_media".into() };
            input.title = d.text.as_deref().unwrap_or("").chars().take(80).collect();
            Some(d)
        }
        _ => None,
    };
    render(&form_page(&state, &auth, &uri, None, 0, input, 0, Reporter::default(), document, ValidationErrors::default()).await?, lang)
}

/// What an incident form sends.
struct Submitted {
    input: IncidentInput,
    level: i64,
    reporter: Reporter,
    document: Option<i64>,
    csrf: String,
    version: i64,
    errors: ValidationErrors,
}

fn parse_form(body: &[u8]) -> Submitted {
    let mut s = Submitted { input: IncidentInput::default(), level: 0, reporter: Reporter::default(), document: None, csrf: String::new(), version: 0, errors: ValidationErrors::default() };
    let opt = |v: &str| if v.trim().is_empty() { None } else { Some(v.trim().to_string()) };
    for (k, v) in form_urlencoded::parse(body) {
        let v = v.into_owned();
        match k.as_ref() {
            "csrf" => s.csrf = v,
            "version" => s.version = v.parse().unwrap_or(0),
            "title" => s.input.title = v,
            "description" => s.input.description = v,
            "occurred_at" => s.input.occurred_at = v,
            "region" => s.input.region = opt(&v),
            "district" => s.input.district = opt(&v),
            "category" => s.input.category = v,
            "source" => s.input.source = v,
            "groups" if !v.is_empty() => s.input.groups.push(v),
            "level" => match v.trim().parse() {
                Ok(n) => s.level = n,
                Err(_) => s.errors.push("level", "err-number-format"),
            },
            "reporter_name" => s.reporter.name = v,
            "reporter_contact" => s.reporter.contact = v,
            "document_id" => s.document = v.trim().parse().ok(),
            "lat" | "lon" => {
                let parsed = match v.trim() {
                    "" => None,
                    t => match t.replace(',', ".").parse::<f64>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            s.errors.push(&k, "err-number-format");
                            None
                        }
                    },
                };
                if k == "lat" {
                    s.input.lat = parsed
                } else {
                    s.input.lon = parsed
                }
            }
            _ => {}
        }
    }
    s
}

pub async fn create(State(state): State<AppState>, auth: Auth, uri: Uri, body: Bytes) -> Result<Response, PageError> {
    let lang = auth.lang;
    let s = parse_form(&body);
    auth.check_csrf(&s.csrf).page(lang)?;
    auth.require(access::can_write_incident(&auth.principal, s.input.region.as_deref())).page(lang)?;
    let reporter = (!s.reporter.name.trim().is_empty() || !s.reporter.contact.trim().is_empty()).then(|| s.reporter.clone());
    let new = NewIncident { input: s.input.clone(), level: s.level, reporter, documents: s.document.into_iter().collect(), is_demo: false };
    let result = if s.errors.is_empty() { incidents::create(&state.store, &auth.actor(), &new, &kelisim_store::now_utc()).await.map_err(AppError::from) } else { Err(AppError::Invalid(s.errors.clone())) };
    match result {
        Ok(done) => Ok(Redirect::to(&format!("/incidents/{}", done.id)).into_response()),
        Err(AppError::Invalid(errs)) => {
            let document = match s.document {
                Some(id) => documents::get(&state.store, id).await.ok(),
                None => None,
            };
            let page = form_page(&state, &auth, &uri, None, 0, s.input, s.level, s.reporter, document, errs).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e, lang }),
    }
}

/// One entry of the card's timeline: a change or a response action.
pub struct TimelineEntry {
    pub at: String,
    pub event: Option<IncidentEvent>,
    pub action: Option<IncidentAction>,
}

#[derive(Template)]
#[template(path = "incident_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    inc: Incident,
    timeline: Vec<TimelineEntry>,
    linked: Vec<(i64, String, i64, String)>,
    documents: Vec<(Document, Vec<(String, Option<String>)>)>,
    document_ids: Vec<i64>,
    reporter_recorded: bool,
    can_write: bool,
    can_respond: bool,
    can_read_reporter: bool,
    errors: ValidationErrors,
    form: String,
    now_local: String,
}

impl DetailPage {
    fn event_text(&self, e: &IncidentEvent) -> String {
        let ctx = &self.ctx;
        let v = |x: &Option<String>| x.clone().unwrap_or_default();
        match e.kind.as_str() {
            "created" => ctx.ta("event-created", "level", &ctx.level_name(&v(&e.to_value).parse().unwrap_or(0))),
            "level" => format!("{} → {}", ctx.level_name(&v(&e.from_value).parse().unwrap_or(0)), ctx.level_name(&v(&e.to_value).parse().unwrap_or(0))),
            "verification" => format!("{} → {}", ctx.word("verification", &v(&e.from_value)), ctx.word("verification", &v(&e.to_value))),
            "stage" => format!("{} → {}", ctx.word("stage", &v(&e.from_value)), ctx.word("stage", &v(&e.to_value))),
            "merged" => ctx.ta("event-merged", "id", &v(&e.to_value)),
            "absorbed" => ctx.ta("event-absorbed", "id", &v(&e.to_value)),
            "linked" => ctx.ta("event-linked", "what", &v(&e.to_value)),
            _ => ctx.t("event-edited"),
        }
    }
    fn err_for(&self, form: &str, field: &str) -> String {
        if self.form == form {
            self.ctx.err(&self.errors, field)
        } else {
            String::new()
        }
    }
}

async fn detail_page(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors, form: &str) -> Result<DetailPage, PageError> {
    let lang = auth.lang;
    let inc = crate::api::incidents::readable(state, auth, id).await.page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let store = &state.store;
    let mut timeline: Vec<TimelineEntry> = incidents::events(store, id).await.page(lang)?.into_iter().map(|e| TimelineEntry { at: e.at.clone(), event: Some(e), action: None }).collect();
    timeline.extend(incidents::actions(store, id).await.page(lang)?.into_iter().map(|a| TimelineEntry { at: a.at.clone(), event: None, action: Some(a) }));
    timeline.sort_by(|a, b| a.at.cmp(&b.at));
    let document_ids = incidents::document_ids(store, id).await.page(lang)?;
    let mut docs = Vec::new();
    if access::can_read_document_texts(&auth.principal) {
        for d in &document_ids {
            let doc = documents::get(store, *d).await.page(lang)?;
            let pieces = highlight(doc.text.as_deref().unwrap_or(""), &doc);
            docs.push((doc, pieces));
        }
    }
    Ok(DetailPage {
        can_write: access::can_write_incident(&auth.principal, Some(&inc.region)),
        can_respond: access::can_record_response(&auth.principal, Some(&inc.region)),
        can_read_reporter: access::can_read_reporter(&auth.principal),
        linked: incidents::linked(store, id).await.page(lang)?,
        reporter_recorded: incidents::has_reporter(store, id).await.page(lang)?,
        documents: docs,
        document_ids,
        timeline,
        inc,
        ctx,
        errors,
        form: form.to_string(),
        now_local: rules::local_input_value(&kelisim_store::now_utc()),
    })
}

pub async fn detail(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let page = detail_page(&state, &auth, &uri, id, ValidationErrors::default(), "").await?;
    render(&page, auth.lang)
}

pub async fn edit_form(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let inc = crate::api::incidents::readable(&state, &auth, id).await.page(lang)?;
    auth.require(access::can_write_incident(&auth.principal, Some(&inc.region))).page(lang)?;
    render(&form_page(&state, &auth, &uri, Some(id), inc.version, inc.to_input(), inc.level, Reporter::default(), None, ValidationErrors::default()).await?, lang)
}

pub async fn update(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, body: Bytes) -> Result<Response, PageError> {
    let lang = auth.lang;
    let s = parse_form(&body);
    auth.check_csrf(&s.csrf).page(lang)?;
    let inc = crate::api::incidents::readable(&state, &auth, id).await.page(lang)?;
    auth.require(access::can_write_incident(&auth.principal, Some(&inc.region)) && access::can_write_incident(&auth.principal, s.input.region.as_deref())).page(lang)?;
    let result = if s.errors.is_empty() { incidents::update(&state.store, &auth.actor(), id, &s.input, s.version, &kelisim_store::now_utc()).await.map_err(AppError::from) } else { Err(AppError::Invalid(s.errors.clone())) };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/incidents/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = form_page(&state, &auth, &uri, Some(id), s.version, s.input, inc.level, Reporter::default(), None, errs).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(AppError::Conflict(_)) => {
            let mut errs = ValidationErrors::default();
            errs.push("version", "err-conflict");
            let page = form_page(&state, &auth, &uri, Some(id), inc.version, s.input, inc.level, Reporter::default(), None, errs).await?;
            Ok((StatusCode::CONFLICT, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e, lang }),
    }
}

/// The small forms of the card.
#[derive(Deserialize, Default)]
pub struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    verification: Option<String>,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    at: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    incident_id: Option<String>,
    #[serde(default)]
    document_id: Option<String>,
    #[serde(default)]
    into: Option<String>,
}

/// Applies one change of the card; on invalid input the card again with the reasons, 422.
async fn change(state: AppState, auth: Auth, uri: Uri, id: i64, form: ChangeForm, which: &str) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let inc = crate::api::incidents::readable(&state, &auth, id).await.page(lang)?;
    let allowed = if which == "action" { access::can_record_response(&auth.principal, Some(&inc.region)) } else { access::can_write_incident(&auth.principal, Some(&inc.region)) };
    auth.require(allowed).page(lang)?;
    let now = kelisim_store::now_utc();
    let store = &state.store;
    let actor = auth.actor();
    let number = |v: &Option<String>, field: &str| -> Result<i64, kelisim_store::StoreError> { v.as_deref().unwrap_or("").trim().parse().map_err(|_| kelisim_store::StoreError::field(field, "err-number-format")) };
    let result: Result<(), kelisim_store::StoreError> = match which {
        "level" => match number(&form.level, "level") {
            Ok(level) => incidents::change_level(store, &actor, id, level, &form.reason, &now).await.map(|_| ()),
            Err(e) => Err(e),
        },
        "verification" => incidents::change_verification(store, &actor, id, form.verification.as_deref().unwrap_or(""), &form.reason, &now).await.map(|_| ()),
        "stage" => incidents::change_stage(store, &actor, id, form.stage.as_deref().unwrap_or(""), &form.reason, &now).await,
        "action" => {
            let input = ActionInput { kind: form.kind.clone(), at: form.at.clone(), actor: form.actor.clone(), description: form.description.clone(), result: form.result.clone() };
            incidents::add_action(store, &actor, id, &input, &now).await.map(|_| ())
        }
        "link" => match (form.incident_id.as_deref().filter(|s| !s.trim().is_empty()), form.document_id.as_deref().filter(|s| !s.trim().is_empty())) {
            (Some(_), None) => match number(&form.incident_id, "incident_id") {
                Ok(other) => match crate::api::incidents::readable(&state, &auth, other).await {
                    Ok(_) => incidents::link_incident(store, &actor, id, other, &now).await,
                    Err(_) => Err(kelisim_store::StoreError::field("incident_id", "err-not-found")),
                },
                Err(e) => Err(e),
            },
            (None, Some(_)) => match number(&form.document_id, "document_id") {
                Ok(doc) => incidents::link_document(store, &actor, id, doc, &now).await,
                Err(e) => Err(e),
            },
            _ => Err(kelisim_store::StoreError::field("incident_id", "err-one-of")),
        },
        "merge" => match number(&form.into, "into") {
            Ok(into) => {
                if let Ok(target) = incidents::get(store, into).await {
                    auth.require(access::can_write_incident(&auth.principal, Some(&target.region))).page(lang)?;
                }
                incidents::merge(store, &actor, id, into, &form.reason, &now).await
            }
            Err(e) => Err(e),
        },
        _ => Err(kelisim_store::StoreError::NotFound),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/incidents/{id}#timeline")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let page = detail_page(&state, &auth, &uri, id, errs, which).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

pub async fn level(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<ChangeForm>) -> Result<Response, PageError> {
    change(state, auth, uri, id, form, "level").await
}

pub async fn verification(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<ChangeForm>) -> Result<Response, PageError> {
    change(state, auth, uri, id, form, "verification").await
}

pub async fn stage(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<ChangeForm>) -> Result<Response, PageError> {
    change(state, auth, uri, id, form, "stage").await
}

pub async fn action(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<ChangeForm>) -> Result<Response, PageError> {
    change(state, auth, uri, id, form, "action").await
}

pub async fn link(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<ChangeForm>) -> Result<Response, PageError> {
    change(state, auth, uri, id, form, "link").await
}

pub async fn merge(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<ChangeForm>) -> Result<Response, PageError> {
    change(state, auth, uri, id, form, "merge").await
}

#[derive(Template)]
#[template(path = "incident_reporter.html")]
struct ReporterPage {
    ctx: PageCtx,
    id: i64,
    reporter: Option<Reporter>,
}

/// The reporter of an incident (admins; the read is audited).
pub async fn reporter(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    auth.require(access::can_read_reporter(&auth.principal)).page(lang)?;
    crate::api::incidents::readable(&state, &auth, id).await.page(lang)?;
    let reporter = incidents::read_reporter(&state.store, &auth.actor(), id).await.page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    render(&ReporterPage { ctx, id, reporter }, lang)
}
