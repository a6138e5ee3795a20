//! Sessions on pages (issue 5 §1-2): the list, the announcement form (the
//! Regulation's terms checked by the store, refused fields named), and the
//! session desk — the roll with attendance and the live quorum, the agenda,
//! questions put to open or secret votes with each present member's vote,
//! the decision's points, closing. Who may: `access::can_read_governance` /
//! `can_run_governance`, by the assembly's region.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kelisim_core::access;
use kelisim_core::ValidationErrors;
use kelisim_store::governance::{self, AgendaItem, Attendance, DecisionPoint, Question, RollMember, Session, SessionInput, ASSEMBLY_TYPES};
use kelisim_store::organisations::{self, Organisation, OrganisationFilter};
use kelisim_store::StoreError;
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::auth::Auth;
use crate::error::PageError;
use crate::state::AppState;

/// The assemblies whose sessions the viewer may announce.
async fn runnable_assemblies(state: &AppState, auth: &Auth) -> Result<Vec<Organisation>, StoreError> {
    let mut out = Vec::new();
    for t in ASSEMBLY_TYPES {
        let (orgs, _) = organisations::list(&state.store, &OrganisationFilter { org_type: Some(t.to_string()), ..Default::default() }, organisations::order_by("name", auth.lang.code()), 1, 500).await?;
        out.extend(orgs.into_iter().filter(|o| access::can_run_governance(&auth.principal, o.region.as_deref())));
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "sessions_list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<(Session, String)>,
    can_announce: bool,
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    auth.require(ctx.sees_governance()).page(lang)?;
    let mut items = Vec::new();
    for s in governance::list(&state.store, None).await.page(lang)? {
        let org = organisations::get(&state.store, s.organisation_id).await.page(lang)?;
        if access::can_read_governance(&auth.principal, org.region.as_deref()) {
            items.push((s, ctx.name(&org.name).to_string()));
        }
    }
    let can_announce = !runnable_assemblies(&state, &auth).await.page(lang)?.is_empty();
    render(&ListPage { ctx, items, can_announce }, lang)
}

#[derive(Deserialize, Default, Clone)]
pub struct AnnounceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub organisation_id: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub announced_on: String,
    #[serde(default)]
    pub draft_agenda: String,
    #[serde(default)]
    pub convened_on: String,
    #[serde(default)]
    pub decided_on: String,
    /// The members who signed the request (checked on the roll; filled from
    /// the repeated `signatories` fields, which serde's form reader cannot take).
    #[serde(skip)]
    pub signatories: Vec<i64>,
}

/// Reads the announcement form: every field, and each checked signatory.
fn read_announce_form(raw: &[u8]) -> Result<AnnounceForm, String> {
    let mut signatories = Vec::new();
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(raw) {
        if k == "signatories" {
            signatories.extend(v.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).filter_map(|s| s.parse::<i64>().ok()));
        } else {
            rest.append_pair(&k, &v);
        }
    }
    let mut form: AnnounceForm = serde_urlencoded::from_str(&rest.finish()).map_err(|e| e.to_string())?;
    form.signatories = signatories;
    Ok(form)
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    organisation_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "session_form.html")]
struct FormPage {
    ctx: PageCtx,
    assemblies: Vec<Organisation>,
    /// The chosen assembly's members (id, name), to tick who signed a request.
    members: Vec<(i64, String)>,
    input: AnnounceForm,
    errors: ValidationErrors,
}

impl FormPage {
    fn signed(&self, id: i64) -> bool {
        self.input.signatories.contains(&id)
    }
}

/// The members of the assembly the form is for (the one chosen, or the only one).
async fn members_of(state: &AppState, assemblies: &[Organisation], chosen: Option<i64>) -> Result<Vec<(i64, String)>, StoreError> {
    let id = chosen.filter(|c| assemblies.iter().any(|a| a.id == *c)).or_else(|| (assemblies.len() == 1).then(|| assemblies[0].id));
    match id {
        Some(id) => governance::roll_of_named(&state.store, id, governance::Body::Session, &kelisim_store::today_utc()).await,
        None => Ok(Vec::new()),
    }
}

pub async fn new_form(State(state): State<AppState>, auth: Auth, uri: Uri, axum::extract::Query(q): axum::extract::Query<NewQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let assemblies = runnable_assemblies(&state, &auth).await.page(lang)?;
    auth.require(!assemblies.is_empty()).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let members = members_of(&state, &assemblies, q.organisation_id).await.page(lang)?;
    let organisation_id = q.organisation_id.map(|o| o.to_string()).unwrap_or_default();
    let input = AnnounceForm { body: "session".into(), kind: "regular".into(), announced_on: kelisim_store::today_utc(), organisation_id, ..Default::default() };
    render(&FormPage { ctx, assemblies, members, input, errors: ValidationErrors::default() }, lang)
}

pub async fn announce(State(state): State<AppState>, auth: Auth, uri: Uri, axum::extract::RawForm(raw): axum::extract::RawForm) -> Result<Response, PageError> {
    let lang = auth.lang;
    let form = read_announce_form(&raw).map_err(crate::error::AppError::BadRequest).page(lang)?;
    auth.check_csrf(&form.csrf).page(lang)?;
    let assemblies = runnable_assemblies(&state, &auth).await.page(lang)?;
    let organisation_id = form.organisation_id.trim().parse::<i64>().ok();
    let mut errs = ValidationErrors::default();
    match organisation_id {
        Some(o) if assemblies.iter().any(|a| a.id == o) => {}
        _ => errs.push("organisation_id", "err-required"),
    }
    let result = if errs.is_empty() {
        let input = SessionInput {
            organisation_id: organisation_id.unwrap_or_default(),
            body: form.body.clone(),
            kind: form.kind.clone(),
            title: form.title.clone(),
            opens_on: form.opens_on.clone(),
            place: form.place.clone(),
            announced_on: form.announced_on.clone(),
            draft_agenda: form.draft_agenda.clone(),
            convened_on: Some(form.convened_on.clone()).filter(|c| !c.is_empty()),
            decided_on: Some(form.decided_on.clone()).filter(|d| !d.is_empty()),
            signatories: form.signatories.clone(),
        };
        governance::announce(&state.store, &auth.actor(), &input, &kelisim_store::now_utc()).await
    } else {
        Err(StoreError::Invalid(errs))
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/sessions/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let ctx = PageCtx::new(&auth, &uri, &state).await?;
            let members = members_of(&state, &assemblies, organisation_id).await.page(lang)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&FormPage { ctx, assemblies, members, input: form, errors }, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

/// A question on the desk with who has voted.
pub struct QuestionView {
    pub q: Question,
    /// (person, choice — `None` for a secret ballot)
    pub voted: Vec<(i64, Option<String>)>,
}

impl QuestionView {
    pub fn voted_of(&self, person: &i64) -> Option<String> {
        self.voted.iter().find(|v| v.0 == *person).map(|v| v.1.clone().unwrap_or_else(|| "secret".into()))
    }
}

#[derive(Template)]
#[template(path = "session_desk.html")]
struct DeskPage {
    ctx: PageCtx,
    s: Session,
    assembly: String,
    attendance: Attendance,
    roll: Vec<RollMember>,
    agenda: Vec<AgendaItem>,
    questions: Vec<QuestionView>,
    decisions: Vec<DecisionPoint>,
    signatories: Vec<i64>,
    can_run: bool,
    errors: ValidationErrors,
}

async fn desk(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors) -> Result<DeskPage, PageError> {
    let lang = auth.lang;
    let s = governance::get(&state.store, id).await.page(lang)?;
    let org = organisations::get(&state.store, s.organisation_id).await.page(lang)?;
    auth.require(access::can_read_governance(&auth.principal, org.region.as_deref())).page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let mut questions = Vec::new();
    for q in governance::questions(&state.store, id).await.page(lang)? {
        let voted = governance::voters(&state.store, q.id).await.page(lang)?;
        questions.push(QuestionView { q, voted });
    }
    Ok(DeskPage {
        assembly: ctx.name(&org.name).to_string(),
        attendance: governance::attendance(&state.store, id).await.page(lang)?,
        roll: governance::roll_named(&state.store, id).await.page(lang)?,
        agenda: governance::agenda(&state.store, id).await.page(lang)?,
        decisions: governance::decisions(&state.store, id).await.page(lang)?,
        signatories: governance::signatories(&state.store, id).await.page(lang)?,
        can_run: access::can_run_governance(&auth.principal, org.region.as_deref()),
        questions,
        s,
        ctx,
        errors,
    })
}

pub async fn detail(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    render(&desk(&state, &auth, &uri, id, ValidationErrors::default()).await?, auth.lang)
}

#[derive(Deserialize, Default)]
pub struct DeskForm {
    #[serde(default)]
    csrf: String,
    /// `open`, `attend`, `absent`, `agenda`, `question`, `vote`, `close_question`, `close`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    person_id: Option<i64>,
    #[serde(default)]
    question_id: Option<i64>,
    #[serde(default)]
    choice: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    speaker: String,
    /// `assign`: the decision point put on control, its executor, deadline and co-executor.
    #[serde(default)]
    decision_id: Option<i64>,
    #[serde(default)]
    executor: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    co_executor: String,
    #[serde(default)]
    by_agreement: Option<String>,
}

/// Every change on the desk: one form per step, answered by the desk again
/// (refused steps name their field and reason).
pub async fn act(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(f): axum::Form<DeskForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&f.csrf).page(lang)?;
    let s = governance::get(&state.store, id).await.page(lang)?;
    let region = governance::assembly_region(&state.store, s.organisation_id).await.page(lang)?;
    auth.require(access::can_run_governance(&auth.principal, region.as_deref())).page(lang)?;
    let (actor, now) = (auth.actor(), kelisim_store::now_utc());
    let store = &state.store;
    let person = f.person_id.unwrap_or_default();
    // A question acted on must be this session's.
    if let Some(q) = f.question_id {
        if governance::question(store, q).await.page(lang)?.session_id != id {
            return Err(PageError { error: StoreError::NotFound.into(), lang });
        }
    }
    let question = f.question_id.unwrap_or_default();
    let result: Result<(), StoreError> = match f.action.as_str() {
        "open" => governance::open(store, &actor, id, &now).await.map(|_| ()),
        "attend" => governance::register(store, &actor, id, person, true, &now).await.map(|_| ()),
        "absent" => governance::register(store, &actor, id, person, false, &now).await.map(|_| ()),
        "agenda" => governance::add_agenda_item(store, &actor, id, &f.text, &f.speaker).await.map(|_| ()),
        "question" => governance::put_question(store, &actor, id, &f.text, &f.method, &now).await.map(|_| ()),
        "vote" => governance::cast(store, &actor, question, person, &f.choice, &now).await,
        "close_question" => governance::close_question(store, &actor, question, &now).await.map(|_| ()),
        "close" => governance::close(store, &actor, id, &now).await,
        "assign" => {
            // Only this session's points; executed where the assembly is.
            let point = governance::decision(store, f.decision_id.unwrap_or_default()).await.page(lang)?;
            if point.session_id != id {
                return Err(PageError { error: StoreError::NotFound.into(), lang });
            }
            let co_executors = Some(f.co_executor.trim()).filter(|c| !c.is_empty()).map(|c| kelisim_store::control::CoExecutor { name: c.into(), by_agreement: f.by_agreement.is_some() }).into_iter().collect();
            let input = kelisim_store::control::AssignmentInput { text: f.text.clone(), executor: f.executor.clone(), region: region.clone(), deadline: f.deadline.clone(), co_executors, ..Default::default() };
            kelisim_store::control::assign(store, &actor, point.id, &input, &now).await.map(|_| ())
        }
        _ => Err(StoreError::field("action", "err-unknown-value")),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/sessions/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = desk(&state, &auth, &uri, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

/// The Council polls the viewer may read, with their assembly's name.
async fn readable_polls(state: &AppState, auth: &Auth, ctx: &PageCtx) -> Result<Vec<(governance::Poll, String)>, StoreError> {
    let mut out = Vec::new();
    for p in governance::polls(&state.store).await? {
        let org = organisations::get(&state.store, p.organisation_id).await?;
        if access::can_read_governance(&auth.principal, org.region.as_deref()) {
            out.push((p, ctx.name(&org.name).to_string()));
        }
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "polls.html")]
struct PollsPage {
    ctx: PageCtx,
    polls: Vec<(governance::Poll, String)>,
    assemblies: Vec<Organisation>,
    input: PollForm,
    errors: ValidationErrors,
}

#[derive(Deserialize, Default, Clone)]
pub struct PollForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub organisation_id: String,
    #[serde(default)]
    pub text: String,
    /// `YYYY-MM-DDTHH:MM`, Kazakhstan time.
    #[serde(default)]
    pub deadline: String,
}

pub async fn polls(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    auth.require(ctx.sees_governance()).page(lang)?;
    let polls = readable_polls(&state, &auth, &ctx).await.page(lang)?;
    let assemblies = runnable_assemblies(&state, &auth).await.page(lang)?;
    render(&PollsPage { ctx, polls, assemblies, input: PollForm::default(), errors: ValidationErrors::default() }, lang)
}

/// A local `YYYY-MM-DDTHH:MM` (Kazakhstan, UTC+5) as a stored instant.
fn local_to_instant(s: &str) -> Option<String> {
    kelisim_core::monitoring::calendar::parse_instant(&format!("{}:00+05:00", s.trim())).map(kelisim_core::monitoring::document::instant_text)
}

pub async fn start_poll(State(state): State<AppState>, auth: Auth, uri: Uri, axum::Form(form): axum::Form<PollForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let assemblies = runnable_assemblies(&state, &auth).await.page(lang)?;
    let org = form.organisation_id.trim().parse::<i64>().ok().filter(|o| assemblies.iter().any(|a| a.id == *o));
    let result = match (org, local_to_instant(&form.deadline)) {
        (None, _) => Err(StoreError::field("organisation_id", "err-required")),
        (_, None) => Err(StoreError::field("deadline", "err-instant-format")),
        (Some(o), Some(deadline)) => governance::start_poll(&state.store, &auth.actor(), o, &form.text, &deadline, &kelisim_store::now_utc()).await,
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/polls/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let ctx = PageCtx::new(&auth, &uri, &state).await?;
            let polls = readable_polls(&state, &auth, &ctx).await.page(lang)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&PollsPage { ctx, polls, assemblies, input: form, errors }, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

#[derive(Template)]
#[template(path = "poll_desk.html")]
struct PollDesk {
    ctx: PageCtx,
    poll: governance::Poll,
    assembly: String,
    roll: Vec<(i64, String, Option<String>)>,
    needed: u32,
    can_run: bool,
    errors: ValidationErrors,
}

async fn poll_desk(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors) -> Result<PollDesk, PageError> {
    let lang = auth.lang;
    let poll = governance::poll(&state.store, id).await.page(lang)?;
    let org = organisations::get(&state.store, poll.organisation_id).await.page(lang)?;
    auth.require(access::can_read_governance(&auth.principal, org.region.as_deref())).page(lang)?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    Ok(PollDesk {
        assembly: ctx.name(&org.name).to_string(),
        roll: governance::poll_roll(&state.store, id).await.page(lang)?,
        needed: kelisim_core::governance::council::council_votes_needed(poll.members_total as u32),
        can_run: access::can_run_governance(&auth.principal, org.region.as_deref()),
        poll,
        ctx,
        errors,
    })
}

pub async fn poll_detail(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    render(&poll_desk(&state, &auth, &uri, id, ValidationErrors::default()).await?, auth.lang)
}

#[derive(Deserialize, Default)]
pub struct PollAct {
    #[serde(default)]
    csrf: String,
    /// `answer` or `close`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    person_id: Option<i64>,
    #[serde(default)]
    choice: String,
}

pub async fn poll_act(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(f): axum::Form<PollAct>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&f.csrf).page(lang)?;
    let poll = governance::poll(&state.store, id).await.page(lang)?;
    let region = governance::assembly_region(&state.store, poll.organisation_id).await.page(lang)?;
    auth.require(access::can_run_governance(&auth.principal, region.as_deref())).page(lang)?;
    let now = kelisim_store::now_utc();
    let result = match f.action.as_str() {
        // The working body records the answer as it arrives: now.
        "answer" => governance::answer_poll(&state.store, &auth.actor(), id, f.person_id.unwrap_or_default(), &f.choice, &now).await.map(|_| ()),
        "close" => governance::close_poll(&state.store, &auth.actor(), id, &now).await.map(|_| ()),
        _ => Err(StoreError::field("action", "err-unknown-value")),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/polls/{id}")).into_response()),
        Err(StoreError::Invalid(errors)) => {
            let page = poll_desk(&state, &auth, &uri, id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}
