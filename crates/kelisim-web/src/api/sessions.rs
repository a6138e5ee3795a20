//! Sessions and Council meetings over JSON (issue 5 §1-3): announce, open
//! (the roll), attendance, agenda, questions and votes, decisions, close;
//! written polls of the Council. Who may: `kelisim_core::access`
//! (`can_read_governance`, `can_run_governance`), by the assembly's region.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use kelisim_core::access;
use kelisim_store::governance::{self, AgendaItem, Attendance, DecisionPoint, Poll, Question, Session, SessionInput};
use serde::{Deserialize, Serialize};

use super::{Created, ListOf};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

async fn region_of(state: &AppState, organisation_id: i64) -> Result<Option<String>, AppError> {
    Ok(governance::assembly_region(&state.store, organisation_id).await?)
}

async fn readable(state: &AppState, auth: &Auth, id: i64) -> Result<Session, AppError> {
    let s = governance::get(&state.store, id).await?;
    auth.require(access::can_read_governance(&auth.principal, region_of(state, s.organisation_id).await?.as_deref()))?;
    Ok(s)
}

async fn runnable(state: &AppState, auth: &Auth, id: i64) -> Result<Session, AppError> {
    let s = governance::get(&state.store, id).await?;
    auth.require(access::can_run_governance(&auth.principal, region_of(state, s.organisation_id).await?.as_deref()))?;
    Ok(s)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SessionQuery {
    /// The assembly's organisation id.
    pub organisation_id: Option<i64>,
}

/// Sessions and meetings the caller may read, newest first.
#[utoipa::path(get, path = "/sessions", tag = "governance", params(SessionQuery), responses((status = 200, body = ListOf<Session>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<SessionQuery>) -> ApiResult<Json<ListOf<Session>>> {
    auth.require(access::reads_governance(&auth.principal))?;
    let mut out = Vec::new();
    for s in governance::list(&state.store, q.organisation_id).await? {
        if access::can_read_governance(&auth.principal, region_of(&state, s.organisation_id).await?.as_deref()) {
            out.push(s);
        }
    }
    Ok(Json(ListOf::all(out)))
}

/// Announces a session (regular: at least a month ahead; extraordinary: within a month of the decision, at the Chairman's initiative or at the request of a third of the members) or a Council meeting.
#[utoipa::path(post, path = "/sessions", tag = "governance", request_body = SessionInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn announce(State(state): State<AppState>, auth: Auth, Json(input): Json<SessionInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    let region = match governance::assembly_region(&state.store, input.organisation_id).await {
        Ok(r) => r,
        Err(kelisim_store::StoreError::NotFound) => return Err(kelisim_store::StoreError::field("organisation_id", "err-not-found").into()),
        Err(e) => return Err(e.into()),
    };
    auth.require(access::can_run_governance(&auth.principal, region.as_deref()))?;
    let id = governance::announce(&state.store, &auth.actor(), &input, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A session with everything about it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionDetail {
    #[serde(flatten)]
    pub session: Session,
    pub attendance: Attendance,
    pub signatories: Vec<i64>,
    pub agenda: Vec<AgendaItem>,
    pub questions: Vec<Question>,
    /// The numbered points of the decision.
    pub decisions: Vec<DecisionPoint>,
}

#[utoipa::path(get, path = "/sessions/{id}", tag = "governance", params(("id" = i64, Path)), responses((status = 200, body = SessionDetail), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<SessionDetail>> {
    let session = readable(&state, &auth, id).await?;
    Ok(Json(SessionDetail {
        attendance: governance::attendance(&state.store, id).await?,
        signatories: governance::signatories(&state.store, id).await?,
        agenda: governance::agenda(&state.store, id).await?,
        questions: governance::questions(&state.store, id).await?,
        decisions: governance::decisions(&state.store, id).await?,
        session,
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MinutesQuery {
    /// `kk`, `ru` or `en`; the caller's language when absent.
    pub lang: Option<String>,
}

/// The minutes (protocol) of the session or meeting as PDF: attendance and the quorum, the agenda, each vote with its counts and result, the numbered decision points. Preliminary until the session is closed.
#[utoipa::path(get, path = "/sessions/{id}/minutes", tag = "governance", params(("id" = i64, Path), MinutesQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn minutes(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Query(q): Query<MinutesQuery>) -> ApiResult<axum::response::Response> {
    let session = readable(&state, &auth, id).await?;
    let lang = super::report_lang(&auth, q.lang.as_deref())?;
    let data = crate::reports::minutes_data(&state.store, id, lang, &kelisim_store::now_utc()).await?;
    let pdf = crate::reports::pdf::render(&crate::reports::minutes::minutes(lang, &data)).map_err(AppError::Internal)?;
    Ok(crate::reports::pdf_response(pdf, &format!("minutes-{}-{}", session.id, lang.code())))
}

/// Opens the session: fixes the roll of all members, for attendance and the quorum.
#[utoipa::path(post, path = "/sessions/{id}/open", tag = "governance", params(("id" = i64, Path)), responses((status = 200, body = Attendance), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn open(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Attendance>> {
    auth.check_api_write()?;
    runnable(&state, &auth, id).await?;
    Ok(Json(governance::open(&state.store, &auth.actor(), id, &kelisim_store::now_utc()).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AttendanceInput {
    pub person_id: i64,
    pub present: bool,
}

/// Registers a member of the roll as present (or not); answers the attendance and the quorum.
#[utoipa::path(post, path = "/sessions/{id}/attendance", tag = "governance", params(("id" = i64, Path)), request_body = AttendanceInput,
    responses((status = 200, body = Attendance), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn attendance(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<AttendanceInput>) -> ApiResult<Json<Attendance>> {
    auth.check_api_write()?;
    runnable(&state, &auth, id).await?;
    Ok(Json(governance::register(&state.store, &auth.actor(), id, input.person_id, input.present, &kelisim_store::now_utc()).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AgendaInput {
    pub title: String,
    #[serde(default)]
    pub speaker: String,
}

/// Adds an item at the end of the agenda.
#[utoipa::path(post, path = "/sessions/{id}/agenda", tag = "governance", params(("id" = i64, Path)), request_body = AgendaInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn add_agenda_item(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<AgendaInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    runnable(&state, &auth, id).await?;
    let item = governance::add_agenda_item(&state.store, &auth.actor(), id, &input.title, &input.speaker).await?;
    Ok((StatusCode::CREATED, Json(Created { id: item })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct QuestionInput {
    pub text: String,
    /// `open` or `secret`.
    pub method: String,
}

/// Puts a question to the vote (a session only with its quorum present).
#[utoipa::path(post, path = "/sessions/{id}/questions", tag = "governance", params(("id" = i64, Path)), request_body = QuestionInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn put_question(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<QuestionInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    runnable(&state, &auth, id).await?;
    let q = governance::put_question(&state.store, &auth.actor(), id, &input.text, &input.method, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(Created { id: q })))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct VoteInput {
    pub person_id: i64,
    /// `for`, `against` or `abstain`.
    pub choice: String,
}

/// Records a member's vote, once (a secret ballot is counted, not linked to the voter).
#[utoipa::path(post, path = "/questions/{id}/votes", tag = "governance", params(("id" = i64, Path)), request_body = VoteInput,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn vote(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<VoteInput>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    let q = governance::question(&state.store, id).await?;
    runnable(&state, &auth, q.session_id).await?;
    governance::cast(&state.store, &auth.actor(), id, input.person_id, &input.choice, &kelisim_store::now_utc()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Closes the vote: the result by the Regulation (p.8 more than half of those present; p.9 two thirds of the Council).
#[utoipa::path(post, path = "/questions/{id}/close", tag = "governance", params(("id" = i64, Path)), responses((status = 200, body = Question), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn close_question(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Question>> {
    auth.check_api_write()?;
    let q = governance::question(&state.store, id).await?;
    runnable(&state, &auth, q.session_id).await?;
    Ok(Json(governance::close_question(&state.store, &auth.actor(), id, &kelisim_store::now_utc()).await?))
}

/// Closes the session.
#[utoipa::path(post, path = "/sessions/{id}/close", tag = "governance", params(("id" = i64, Path)), responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn close(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    auth.check_api_write()?;
    runnable(&state, &auth, id).await?;
    governance::close(&state.store, &auth.actor(), id, &kelisim_store::now_utc()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct PollInput {
    /// The assembly whose Council is polled.
    pub organisation_id: i64,
    pub text: String,
    /// RFC 3339 instant.
    pub deadline: String,
}

/// Starts a written poll of a Council (p.9), run by the working body.
#[utoipa::path(post, path = "/polls", tag = "governance", request_body = PollInput,
    responses((status = 201, body = Created), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn start_poll(State(state): State<AppState>, auth: Auth, Json(input): Json<PollInput>) -> ApiResult<(StatusCode, Json<Created>)> {
    auth.check_api_write()?;
    auth.require(access::can_run_governance(&auth.principal, region_of(&state, input.organisation_id).await?.as_deref()))?;
    let id = governance::start_poll(&state.store, &auth.actor(), input.organisation_id, &input.text, &input.deadline, &kelisim_store::now_utc()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A poll and its tally (closed by the rule once two thirds are for, or its deadline passed).
#[utoipa::path(get, path = "/polls/{id}", tag = "governance", params(("id" = i64, Path)), responses((status = 200, body = Poll), (status = 403, body = crate::error::ErrorBody)))]
pub async fn poll(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Poll>> {
    let p = governance::poll(&state.store, id).await?;
    auth.require(access::can_read_governance(&auth.principal, region_of(&state, p.organisation_id).await?.as_deref()))?;
    Ok(Json(p))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AnswerInput {
    pub person_id: i64,
    /// `for`, `against` or `abstain`.
    pub choice: String,
    /// When the answer reached the working body (RFC 3339; default now).
    #[serde(default)]
    pub answered_at: Option<String>,
}

/// Records a Council member's written answer (counted once, by the deadline).
#[utoipa::path(post, path = "/polls/{id}/answers", tag = "governance", params(("id" = i64, Path)), request_body = AnswerInput,
    responses((status = 200, body = Poll), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn answer(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, Json(input): Json<AnswerInput>) -> ApiResult<Json<Poll>> {
    auth.check_api_write()?;
    let p = governance::poll(&state.store, id).await?;
    auth.require(access::can_run_governance(&auth.principal, region_of(&state, p.organisation_id).await?.as_deref()))?;
    let now = kelisim_store::now_utc();
    let at = input.answered_at.unwrap_or_else(|| now.clone());
    // An answer is not dated in the future.
    if at > now {
        return Err(kelisim_store::StoreError::field("answered_at", "err-time-in-future").into());
    }
    Ok(Json(governance::answer_poll(&state.store, &auth.actor(), id, input.person_id, &input.choice, &at).await?))
}

/// Closes the poll with its tally if the rule allows it now (otherwise answers it unchanged).
#[utoipa::path(post, path = "/polls/{id}/close", tag = "governance", params(("id" = i64, Path)), responses((status = 200, body = Poll), (status = 403, body = crate::error::ErrorBody)))]
pub async fn close_poll(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>) -> ApiResult<Json<Poll>> {
    auth.check_api_write()?;
    let p = governance::poll(&state.store, id).await?;
    auth.require(access::can_run_governance(&auth.principal, region_of(&state, p.organisation_id).await?.as_deref()))?;
    Ok(Json(governance::close_poll(&state.store, &auth.actor(), id, &kelisim_store::now_utc()).await?))
}
