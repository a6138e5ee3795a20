//! Sessions of an assembly and meetings of its Council (issue 5, SPEC §3.2):
//! announcement, the roll, attendance, questions put to open or secret
//! votes, and the numbered points of the decision. The rules are
//! `kelisim_core::governance` (seed 004 p.8-9); this module records what
//! they allow and refuses what they do not, naming the field.
//!
//! Who is on a body's roll (the quorum's "all members"), on the day the
//! session opens:
//! - a session of the Assembly of People of Kazakhstan: the people whose
//!   Assembly membership file stands at `member`;
//! - a session of a regional or district assembly: the people with an active
//!   `member` or `leader` role in it;
//! - a Council meeting: the people with an active `council_member` role in
//!   the assembly (p.9: the Council is formed by the Chairman's decision).
//!
//! The roll is fixed when the session opens, so later changes of membership
//! do not move its quorum. A secret vote keeps only who voted
//! (`gov_secret_voters`) and the counts on the question: no row, and no audit
//! entry, links a choice to a voter.

use kelisim_core::governance::{council, session as rules};
use kelisim_core::organisation::is_iso_date;
use kelisim_core::ValidationErrors;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::db::{col, Store};
use crate::error::{Result, StoreError};

/// Which body meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Session,
    Council,
}

impl Body {
    pub fn slug(self) -> &'static str {
        match self {
            Body::Session => "session",
            Body::Council => "council",
        }
    }
    pub fn from_slug(s: &str) -> Option<Body> {
        [Body::Session, Body::Council].into_iter().find(|b| b.slug() == s)
    }
}

/// Organisation types whose sessions the system keeps.
pub const ASSEMBLY_TYPES: &[&str] = &["republican_assembly", "regional_assembly", "district_assembly"];

/// What announcing a session takes.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct SessionInput {
    pub organisation_id: i64,
    /// `session` or `council`.
    pub body: String,
    /// `regular` or `extraordinary` (sessions only).
    pub kind: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub opens_on: String,
    pub place: String,
    /// `YYYY-MM-DD`: the day the date, place and draft agenda were announced.
    pub announced_on: String,
    pub draft_agenda: String,
    /// Extraordinary: `chairman_initiative` or `members_request`.
    #[serde(default)]
    pub convened_on: Option<String>,
    /// Extraordinary: the day of the decision to convene.
    #[serde(default)]
    pub decided_on: Option<String>,
    /// Extraordinary at the members' request: who signed it (people ids).
    #[serde(default)]
    pub signatories: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: i64,
    pub organisation_id: i64,
    pub body: String,
    pub kind: String,
    pub number: i64,
    pub title: String,
    pub opens_on: String,
    pub place: String,
    pub announced_on: String,
    pub draft_agenda: String,
    pub convened_on: Option<String>,
    pub decided_on: Option<String>,
    /// `announced`, `open` or `closed`.
    pub state: String,
    /// All members on the roll (fixed when the session opened; 0 before).
    pub members_total: i64,
    pub created_by: String,
    pub created_at: String,
    pub version: i64,
}

/// Attendance and the quorum by the Regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Attendance {
    pub members_total: i64,
    pub present: i64,
    /// Members present needed for the quorum (sessions) — two thirds of all.
    pub quorum_needed: i64,
    pub quorum: bool,
}

/// A question put to the vote and its counts.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Question {
    pub id: i64,
    pub session_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: String,
    /// `open` or `secret`.
    pub method: String,
    /// `voting` or `closed`.
    pub state: String,
    pub votes_for: i64,
    pub votes_against: i64,
    pub votes_abstain: i64,
    /// Members present when the vote closed.
    pub present: Option<i64>,
    pub passed: Option<bool>,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

/// One numbered point of a session's decision.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DecisionPoint {
    pub id: i64,
    pub session_id: i64,
    pub question_id: i64,
    pub point: i64,
    pub text: String,
}

/// A vote's choice.
pub const CHOICES: &[&str] = &["for", "against", "abstain"];

/// The count a choice adds to (questions and polls keep the same three).
fn counter_column(choice: &str) -> &'static str {
    match choice {
        "for" => "votes_for",
        "against" => "votes_against",
        _ => "votes_abstain",
    }
}

fn date(s: &str) -> Option<Date> {
    is_iso_date(s).then(|| Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()).flatten()
}

/// The people on a body's roll on `on` (see the module doc).
pub async fn roll_of(store: &Store, organisation_id: i64, body: Body, on: &str) -> Result<Vec<i64>> {
    let org_type: Option<(String,)> = sqlx::query_as("SELECT org_type FROM organisations WHERE id = $1").bind(organisation_id).fetch_optional(&store.pool).await?;
    let Some((org_type,)) = org_type else { return Err(StoreError::NotFound) };
    let rows: Vec<(i64,)> = match (body, org_type.as_str()) {
        (Body::Session, "republican_assembly") => sqlx::query_as("SELECT DISTINCT person_id FROM memberships WHERE state = 'member' ORDER BY person_id").fetch_all(&store.pool).await?,
        (Body::Session, _) => {
            sqlx::query_as("SELECT DISTINCT person_id FROM person_roles WHERE organisation_id = $1 AND role IN ('member', 'leader') AND started_on <= $2 AND (ended_on IS NULL OR ended_on > $2) ORDER BY person_id")
                .bind(organisation_id)
                .bind(on)
                .fetch_all(&store.pool)
                .await?
        }
        (Body::Council, _) => {
            sqlx::query_as("SELECT DISTINCT person_id FROM person_roles WHERE organisation_id = $1 AND role = 'council_member' AND started_on <= $2 AND (ended_on IS NULL OR ended_on > $2) ORDER BY person_id")
                .bind(organisation_id)
                .bind(on)
                .fetch_all(&store.pool)
                .await?
        }
    };
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The roll of a body with names, in name order: who may sign a request for
/// an extraordinary session, or answer a poll.
pub async fn roll_of_named(store: &Store, organisation_id: i64, body: Body, on: &str) -> Result<Vec<(i64, String)>> {
    let ids = roll_of(store, organisation_id, body, on).await?;
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        // Integers from the database itself, written into the statement (no binding limit).
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows: Vec<(i64, String)> = sqlx::query_as(&format!("SELECT id, full_name FROM people WHERE id IN ({list})")).fetch_all(&store.pool).await?;
        out.extend(rows);
    }
    out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(out)
}

/// Checks an announcement against the Regulation; answers the body and the
/// parsed days.
async fn validate(store: &Store, input: &SessionInput) -> Result<Body> {
    let mut errs = ValidationErrors::default();
    let org_type: Option<(String,)> = sqlx::query_as("SELECT org_type FROM organisations WHERE id = $1").bind(input.organisation_id).fetch_optional(&store.pool).await?;
    match org_type {
        None => errs.push("organisation_id", "err-not-found"),
        Some((t,)) if !ASSEMBLY_TYPES.contains(&t.as_str()) => errs.push("organisation_id", "err-not-an-assembly"),
        _ => {}
    }
    let body = Body::from_slug(&input.body);
    if body.is_none() {
        errs.push("body", "err-unknown-value");
    }
    let kind = match input.kind.as_str() {
        "regular" => Some(rules::SessionKind::Regular),
        "extraordinary" if body == Some(Body::Session) => Some(rules::SessionKind::Extraordinary),
        _ => {
            errs.push("kind", "err-unknown-value");
            None
        }
    };
    if input.title.trim().is_empty() {
        errs.push("title", "err-required");
    }
    if input.place.trim().is_empty() {
        errs.push("place", "err-required");
    }
    if input.draft_agenda.trim().is_empty() {
        errs.push("draft_agenda", "err-required");
    }
    let opens = date(&input.opens_on);
    if opens.is_none() {
        errs.push("opens_on", "err-date-format");
    }
    let announced = date(&input.announced_on);
    if announced.is_none() {
        errs.push("announced_on", "err-date-format");
    }
    if let (Some(kind), Some(opens), Some(announced)) = (kind, opens, announced) {
        if announced > opens {
            errs.push("announced_on", "err-after-opening");
        } else if body == Some(Body::Session) && !rules::notice_is_enough(kind, announced, opens) {
            // (A Council meeting is convened «по мере необходимости» (p.9): no notice term.)
            // p.8: «объявляются за месяц до начала ее работы».
            errs.push("opens_on", "err-notice-too-short");
        }
    }
    if kind == Some(rules::SessionKind::Extraordinary) {
        match input.decided_on.as_deref().and_then(date) {
            None => errs.push("decided_on", "err-date-format"),
            Some(decided) => {
                if let Some(opens) = opens {
                    if !rules::extraordinary_in_time(decided, opens) {
                        // p.8: «проводится в месячный срок со дня принятия решения».
                        errs.push("opens_on", "err-extraordinary-not-within-month");
                    }
                }
            }
        }
        match input.convened_on.as_deref() {
            Some("chairman_initiative") => {}
            Some("members_request") => {
                if let (Some(opens), Some(Body::Session)) = (opens, body) {
                    if errs.for_field("organisation_id").is_none() {
                        let roll = roll_of(store, input.organisation_id, Body::Session, &opens.to_string()).await?;
                        let mut signed: Vec<i64> = input.signatories.clone();
                        signed.sort_unstable();
                        signed.dedup();
                        if signed.iter().any(|p| !roll.contains(p)) {
                            errs.push("signatories", "err-not-a-member");
                        } else if !rules::request_is_enough(signed.len() as u32, roll.len() as u32) {
                            // p.8: «по просьбе не менее одной трети от общего числа членов».
                            errs.push("signatories", "err-request-too-few");
                        }
                    }
                }
            }
            _ => errs.push("convened_on", "err-unknown-value"),
        }
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    Ok(body.expect("checked"))
}

/// Announces a session (or a Council meeting); answers its id.
pub async fn announce(store: &Store, actor: &str, input: &SessionInput, now: &str) -> Result<i64> {
    let body = validate(store, input).await?;
    let extraordinary = input.kind == "extraordinary";
    let mut tx = store.begin_write(actor).await?;
    let (number,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(number), 0) + 1 FROM gov_sessions WHERE organisation_id = $1 AND body = $2")
        .bind(input.organisation_id)
        .bind(body.slug())
        .fetch_one(tx.conn())
        .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO gov_sessions (organisation_id, body, kind, number, title, opens_on, place, announced_on, draft_agenda, convened_on, decided_on, state, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'announced', $12, $13, $13) RETURNING id",
    )
    .bind(input.organisation_id)
    .bind(body.slug())
    .bind(&input.kind)
    .bind(number)
    .bind(input.title.trim())
    .bind(&input.opens_on)
    .bind(input.place.trim())
    .bind(&input.announced_on)
    .bind(input.draft_agenda.trim())
    .bind(if extraordinary { input.convened_on.clone() } else { None })
    .bind(if extraordinary { input.decided_on.clone() } else { None })
    .bind(actor)
    .bind(now)
    .fetch_one(tx.conn())
    .await?;
    if extraordinary && input.convened_on.as_deref() == Some("members_request") {
        let mut signed = input.signatories.clone();
        signed.sort_unstable();
        signed.dedup();
        for person in &signed {
            sqlx::query("INSERT INTO gov_request_signatories (session_id, person_id) VALUES ($1, $2)").bind(id).bind(person).execute(tx.conn()).await?;
        }
    }
    let after = serde_json::json!({ "organisation_id": input.organisation_id, "body": body.slug(), "kind": input.kind, "number": number, "opens_on": input.opens_on, "announced_on": input.announced_on, "signatories": input.signatories.len() });
    tx.audit("announce", "session", &id.to_string(), None, Some(&after)).await?;
    tx.commit().await?;
    Ok(id)
}

const COLUMNS: &str = "id, organisation_id, body, kind, number, title, opens_on, place, announced_on, draft_agenda, convened_on, decided_on, state, members_total, created_by, created_at, version";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Session> {
    Ok(Session {
        id: col(r, "id")?,
        organisation_id: col(r, "organisation_id")?,
        body: col(r, "body")?,
        kind: col(r, "kind")?,
        number: col(r, "number")?,
        title: col(r, "title")?,
        opens_on: col(r, "opens_on")?,
        place: col(r, "place")?,
        announced_on: col(r, "announced_on")?,
        draft_agenda: col(r, "draft_agenda")?,
        convened_on: col(r, "convened_on")?,
        decided_on: col(r, "decided_on")?,
        state: col(r, "state")?,
        members_total: col(r, "members_total")?,
        created_by: col(r, "created_by")?,
        created_at: col(r, "created_at")?,
        version: col(r, "version")?,
    })
}

pub async fn get(store: &Store, id: i64) -> Result<Session> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM gov_sessions WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// The sessions of an organisation (or of every one), newest first.
pub async fn list(store: &Store, organisation_id: Option<i64>) -> Result<Vec<Session>> {
    let rows = match organisation_id {
        Some(o) => sqlx::query(&format!("SELECT {COLUMNS} FROM gov_sessions WHERE organisation_id = $1 ORDER BY opens_on DESC, id DESC")).bind(o).fetch_all(&store.pool).await?,
        None => sqlx::query(&format!("SELECT {COLUMNS} FROM gov_sessions ORDER BY opens_on DESC, id DESC")).fetch_all(&store.pool).await?,
    };
    rows.iter().map(from_row).collect()
}

/// The people who signed the request for an extraordinary session.
pub async fn signatories(store: &Store, id: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT person_id FROM gov_request_signatories WHERE session_id = $1 ORDER BY person_id").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Opens the session: fixes its roll (everyone on the body's roll that day)
/// so that attendance can be registered.
pub async fn open(store: &Store, actor: &str, id: i64, now: &str) -> Result<Attendance> {
    let s = get(store, id).await?;
    if s.state != "announced" {
        return Err(StoreError::field("state", "err-session-not-announced"));
    }
    let body = Body::from_slug(&s.body).unwrap_or(Body::Session);
    let roll = roll_of(store, s.organisation_id, body, &s.opens_on).await?;
    if roll.is_empty() {
        return Err(StoreError::field("roll", "err-roll-empty"));
    }
    let mut tx = store.begin_write(actor).await?;
    let changed = sqlx::query("UPDATE gov_sessions SET state = 'open', members_total = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND state = 'announced'")
        .bind(roll.len() as i64)
        .bind(now)
        .bind(id)
        .execute(tx.conn())
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(StoreError::Conflict("state".into()));
    }
    for person in &roll {
        sqlx::query("INSERT INTO gov_roll (session_id, person_id, present) VALUES ($1, $2, 0)").bind(id).bind(person).execute(tx.conn()).await?;
    }
    tx.audit("open", "session", &id.to_string(), None, Some(&serde_json::json!({ "members_total": roll.len() }))).await?;
    tx.commit().await?;
    attendance(store, id).await
}

/// Registers a member of the roll as present (or withdraws the registration).
pub async fn register(store: &Store, actor: &str, id: i64, person_id: i64, present: bool, now: &str) -> Result<Attendance> {
    let s = get(store, id).await?;
    if s.state != "open" {
        return Err(StoreError::field("state", "err-session-not-open"));
    }
    let mut tx = store.begin_write(actor).await?;
    let changed = sqlx::query("UPDATE gov_roll SET present = $1, registered_at = $2 WHERE session_id = $3 AND person_id = $4")
        .bind(present as i64)
        .bind(now)
        .bind(id)
        .bind(person_id)
        .execute(tx.conn())
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(StoreError::field("person_id", "err-not-on-roll"));
    }
    tx.audit(if present { "register" } else { "unregister" }, "session", &id.to_string(), None, Some(&serde_json::json!({ "person_id": person_id }))).await?;
    tx.commit().await?;
    attendance(store, id).await
}

/// The roll's size, who is present, and the quorum (p.8 for sessions; a
/// Council decides by two thirds of all its members, so its "quorum" shown is
/// the same two thirds).
pub async fn attendance(store: &Store, id: i64) -> Result<Attendance> {
    let s = get(store, id).await?;
    let (present,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM gov_roll WHERE session_id = $1 AND present = 1").bind(id).fetch_one(&store.pool).await?;
    let total = s.members_total.max(0) as u32;
    Ok(Attendance { members_total: s.members_total, present, quorum_needed: rules::quorum_needed(total) as i64, quorum: rules::has_quorum(present as u32, total) })
}

/// Who is on the roll: (person id, present).
pub async fn roll(store: &Store, id: i64) -> Result<Vec<(i64, bool)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT person_id, present FROM gov_roll WHERE session_id = $1 ORDER BY person_id").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(p, present)| (p, present == 1)).collect())
}

/// Puts a question to the vote. A session decides only when it is
/// competent (p.8, the quorum present); the method is the session's choice.
pub async fn put_question(store: &Store, actor: &str, id: i64, text: &str, method: &str, now: &str) -> Result<i64> {
    let s = get(store, id).await?;
    let mut errs = ValidationErrors::default();
    if text.trim().is_empty() {
        errs.push("text", "err-required");
    }
    if !["open", "secret"].contains(&method) {
        errs.push("method", "err-unknown-value");
    }
    if s.state != "open" {
        errs.push("state", "err-session-not-open");
    } else if s.body == "session" && !attendance(store, id).await?.quorum {
        // p.8: «Сессия Ассамблеи считается правомочной, если в ее работе принимают участие не менее двух третей».
        errs.push("quorum", "err-no-quorum");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let (qid,): (i64,) = sqlx::query_as("INSERT INTO gov_questions (session_id, text, method, state, opened_at) VALUES ($1, $2, $3, 'voting', $4) RETURNING id")
        .bind(id)
        .bind(text.trim())
        .bind(method)
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
    tx.audit("put_to_vote", "question", &qid.to_string(), None, Some(&serde_json::json!({ "session_id": id, "method": method }))).await?;
    tx.commit().await?;
    Ok(qid)
}

const QUESTION_COLUMNS: &str = "id, session_id, agenda_item_id, text, method, state, votes_for, votes_against, votes_abstain, present, passed, opened_at, closed_at";

fn question_from_row(r: &sqlx::any::AnyRow) -> Result<Question> {
    let passed: Option<i64> = col(r, "passed")?;
    Ok(Question {
        id: col(r, "id")?,
        session_id: col(r, "session_id")?,
        agenda_item_id: col(r, "agenda_item_id")?,
        text: col(r, "text")?,
        method: col(r, "method")?,
        state: col(r, "state")?,
        votes_for: col(r, "votes_for")?,
        votes_against: col(r, "votes_against")?,
        votes_abstain: col(r, "votes_abstain")?,
        present: col(r, "present")?,
        passed: passed.map(|p| p == 1),
        opened_at: col(r, "opened_at")?,
        closed_at: col(r, "closed_at")?,
    })
}

pub async fn question(store: &Store, qid: i64) -> Result<Question> {
    let row = sqlx::query(&format!("SELECT {QUESTION_COLUMNS} FROM gov_questions WHERE id = $1")).bind(qid).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    question_from_row(&row)
}

pub async fn questions(store: &Store, id: i64) -> Result<Vec<Question>> {
    let rows = sqlx::query(&format!("SELECT {QUESTION_COLUMNS} FROM gov_questions WHERE session_id = $1 ORDER BY id")).bind(id).fetch_all(&store.pool).await?;
    rows.iter().map(question_from_row).collect()
}

/// One member's vote. Only a member registered present votes, once. An open
/// vote records who voted how; a secret one records that the member voted
/// and adds the choice to the counts, and its audit entry names no choice.
pub async fn cast(store: &Store, actor: &str, qid: i64, person_id: i64, choice: &str, now: &str) -> Result<()> {
    let q = question(store, qid).await?;
    if !CHOICES.contains(&choice) {
        return Err(StoreError::field("choice", "err-unknown-value"));
    }
    if q.state != "voting" {
        return Err(StoreError::field("state", "err-vote-closed"));
    }
    let present: Option<(i64,)> = sqlx::query_as("SELECT present FROM gov_roll WHERE session_id = $1 AND person_id = $2").bind(q.session_id).bind(person_id).fetch_optional(&store.pool).await?;
    match present {
        None => return Err(StoreError::field("person_id", "err-not-on-roll")),
        Some((0,)) => return Err(StoreError::field("person_id", "err-not-registered")),
        _ => {}
    }
    let mut tx = store.begin_write(actor).await?;
    // Once only: the unique key answers a second vote, also from another node at the same instant.
    let first = if q.method == "secret" {
        sqlx::query_as::<_, (i64,)>("INSERT INTO gov_secret_voters (question_id, person_id) VALUES ($1, $2) ON CONFLICT (question_id, person_id) DO NOTHING RETURNING question_id")
            .bind(qid)
            .bind(person_id)
            .fetch_optional(tx.conn())
            .await?
    } else {
        sqlx::query_as::<_, (i64,)>("INSERT INTO gov_open_ballots (question_id, person_id, choice, cast_at) VALUES ($1, $2, $3, $4) ON CONFLICT (question_id, person_id) DO NOTHING RETURNING question_id")
            .bind(qid)
            .bind(person_id)
            .bind(choice)
            .bind(now)
            .fetch_optional(tx.conn())
            .await?
    };
    if first.is_none() {
        return Err(StoreError::field("person_id", "err-already-voted"));
    }
    let counter = counter_column(choice);
    sqlx::query(&format!("UPDATE gov_questions SET {counter} = {counter} + 1 WHERE id = $1 AND state = 'voting'")).bind(qid).execute(tx.conn()).await?;
    let after = if q.method == "secret" { serde_json::json!({ "person_id": person_id }) } else { serde_json::json!({ "person_id": person_id, "choice": choice }) };
    tx.audit("vote", "question", &qid.to_string(), None, Some(&after)).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the vote and records its result: a session's decision by more
/// than half of the members present (p.8), a Council's by two thirds of all
/// its members (p.9). A passed question becomes the next numbered point of
/// the decision.
pub async fn close_question(store: &Store, actor: &str, qid: i64, now: &str) -> Result<Question> {
    let q = question(store, qid).await?;
    if q.state != "voting" {
        return Err(StoreError::field("state", "err-vote-closed"));
    }
    let s = get(store, q.session_id).await?;
    let present = attendance(store, s.id).await?.present;
    let passed = if s.body == "council" { council::council_decision_valid(q.votes_for as u32, s.members_total as u32) } else { rules::decision_passes(q.votes_for as u32, present as u32) };
    let mut tx = store.begin_write(actor).await?;
    let changed = sqlx::query("UPDATE gov_questions SET state = 'closed', present = $1, passed = $2, closed_at = $3 WHERE id = $4 AND state = 'voting'")
        .bind(present)
        .bind(passed as i64)
        .bind(now)
        .bind(qid)
        .execute(tx.conn())
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(StoreError::Conflict("state".into()));
    }
    if passed {
        let (point,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(point), 0) + 1 FROM gov_decisions WHERE session_id = $1").bind(s.id).fetch_one(tx.conn()).await?;
        sqlx::query("INSERT INTO gov_decisions (session_id, question_id, point, text) VALUES ($1, $2, $3, $4)").bind(s.id).bind(qid).bind(point).bind(&q.text).execute(tx.conn()).await?;
    }
    let after = serde_json::json!({ "for": q.votes_for, "against": q.votes_against, "abstain": q.votes_abstain, "present": present, "passed": passed });
    tx.audit("close_vote", "question", &qid.to_string(), None, Some(&after)).await?;
    tx.commit().await?;
    question(store, qid).await
}

/// The numbered points of a session's decision.
pub async fn decisions(store: &Store, id: i64) -> Result<Vec<DecisionPoint>> {
    let rows: Vec<(i64, i64, i64, i64, String)> = sqlx::query_as("SELECT id, session_id, question_id, point, text FROM gov_decisions WHERE session_id = $1 ORDER BY point").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(id, session_id, question_id, point, text)| DecisionPoint { id, session_id, question_id, point, text }).collect())
}

/// Closes the session (no vote may still be running).
pub async fn close(store: &Store, actor: &str, id: i64, now: &str) -> Result<()> {
    let s = get(store, id).await?;
    if s.state != "open" {
        return Err(StoreError::field("state", "err-session-not-open"));
    }
    if questions(store, id).await?.iter().any(|q| q.state == "voting") {
        return Err(StoreError::field("state", "err-vote-running"));
    }
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE gov_sessions SET state = 'closed', updated_at = $1, version = version + 1 WHERE id = $2").bind(now).bind(id).execute(tx.conn()).await?;
    tx.audit("close", "session", &id.to_string(), None, None).await?;
    tx.commit().await?;
    Ok(())
}

/// p.8 «не реже одного раза в год»: the calendar years from `from` to `to`
/// in which the organisation held no regular session.
pub async fn years_without_regular_session(store: &Store, organisation_id: i64, from: i32, to: i32) -> Result<Vec<i32>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT opens_on FROM gov_sessions WHERE organisation_id = $1 AND body = 'session' AND kind = 'regular' AND state <> 'announced'")
        .bind(organisation_id)
        .fetch_all(&store.pool)
        .await?;
    let held: Vec<Date> = rows.iter().filter_map(|r| date(&r.0)).collect();
    Ok(rules::years_without_regular_session(&held, from, to))
}

/// One item of a session's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub speaker: String,
}

/// Adds an item at the end of the agenda (before the session closes).
pub async fn add_agenda_item(store: &Store, actor: &str, id: i64, title: &str, speaker: &str) -> Result<i64> {
    let s = get(store, id).await?;
    if s.state == "closed" {
        return Err(StoreError::field("state", "err-session-closed"));
    }
    if title.trim().is_empty() {
        return Err(StoreError::field("title", "err-required"));
    }
    let mut tx = store.begin_write(actor).await?;
    let (position,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), 0) + 1 FROM gov_agenda_items WHERE session_id = $1").bind(id).fetch_one(tx.conn()).await?;
    let (item,): (i64,) = sqlx::query_as("INSERT INTO gov_agenda_items (session_id, position, title, speaker) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(id)
        .bind(position)
        .bind(title.trim())
        .bind(speaker.trim())
        .fetch_one(tx.conn())
        .await?;
    tx.audit("add_agenda_item", "session", &id.to_string(), None, Some(&serde_json::json!({ "position": position, "title": title.trim() }))).await?;
    tx.commit().await?;
    Ok(item)
}

pub async fn agenda(store: &Store, id: i64) -> Result<Vec<AgendaItem>> {
    let rows: Vec<(i64, i64, String, String)> = sqlx::query_as("SELECT id, position, title, speaker FROM gov_agenda_items WHERE session_id = $1 ORDER BY position").bind(id).fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(id, position, title, speaker)| AgendaItem { id, position, title, speaker }).collect())
}

/// A Council decision by written poll (p.9).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Poll {
    pub id: i64,
    pub organisation_id: i64,
    pub text: String,
    /// The instant answers stop counting (`YYYY-MM-DDTHH:MM:SSZ`).
    pub deadline: String,
    pub members_total: i64,
    pub votes_for: i64,
    pub votes_against: i64,
    pub votes_abstain: i64,
    /// `open`, `adopted` or `not_adopted`.
    pub state: String,
    pub started_by: String,
    pub started_at: String,
    pub closed_at: Option<String>,
}

impl Poll {
    /// Answers received.
    pub fn answered(&self) -> i64 {
        self.votes_for + self.votes_against + self.votes_abstain
    }
}

fn instant(s: &str) -> Option<time::OffsetDateTime> {
    kelisim_core::monitoring::calendar::parse_instant(s)
}

/// Starts a written poll of the Council of `organisation_id` on `text`, open
/// until `deadline`; its roll is the Council's on the day it starts.
pub async fn start_poll(store: &Store, actor: &str, organisation_id: i64, text: &str, deadline: &str, now: &str) -> Result<i64> {
    let mut errs = ValidationErrors::default();
    if text.trim().is_empty() {
        errs.push("text", "err-required");
    }
    match (instant(deadline), instant(now)) {
        (Some(d), Some(n)) if d <= n => errs.push("deadline", "err-in-the-past"),
        (None, _) => errs.push("deadline", "err-instant-format"),
        _ => {}
    }
    let org_type: Option<(String,)> = sqlx::query_as("SELECT org_type FROM organisations WHERE id = $1").bind(organisation_id).fetch_optional(&store.pool).await?;
    match org_type {
        None => errs.push("organisation_id", "err-not-found"),
        Some((t,)) if !ASSEMBLY_TYPES.contains(&t.as_str()) => errs.push("organisation_id", "err-not-an-assembly"),
        _ => {}
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let roll = roll_of(store, organisation_id, Body::Council, &now[..10.min(now.len())]).await?;
    if roll.is_empty() {
        return Err(StoreError::field("roll", "err-roll-empty"));
    }
    let deadline = instant(deadline).map(kelisim_core::monitoring::instant_text).unwrap_or_default();
    let mut tx = store.begin_write(actor).await?;
    let (id,): (i64,) = sqlx::query_as("INSERT INTO gov_polls (organisation_id, text, deadline, members_total, state, started_by, started_at) VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id")
        .bind(organisation_id)
        .bind(text.trim())
        .bind(&deadline)
        .bind(roll.len() as i64)
        .bind(actor)
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
    for person in &roll {
        sqlx::query("INSERT INTO gov_poll_roll (poll_id, person_id) VALUES ($1, $2)").bind(id).bind(person).execute(tx.conn()).await?;
    }
    tx.audit("start_poll", "poll", &id.to_string(), None, Some(&serde_json::json!({ "organisation_id": organisation_id, "deadline": deadline, "members_total": roll.len() }))).await?;
    tx.commit().await?;
    Ok(id)
}

const POLL_COLUMNS: &str = "id, organisation_id, text, deadline, members_total, votes_for, votes_against, votes_abstain, state, started_by, started_at, closed_at";

fn poll_from_row(r: &sqlx::any::AnyRow) -> Result<Poll> {
    Ok(Poll {
        id: col(r, "id")?,
        organisation_id: col(r, "organisation_id")?,
        text: col(r, "text")?,
        deadline: col(r, "deadline")?,
        members_total: col(r, "members_total")?,
        votes_for: col(r, "votes_for")?,
        votes_against: col(r, "votes_against")?,
        votes_abstain: col(r, "votes_abstain")?,
        state: col(r, "state")?,
        started_by: col(r, "started_by")?,
        started_at: col(r, "started_at")?,
        closed_at: col(r, "closed_at")?,
    })
}

pub async fn poll(store: &Store, id: i64) -> Result<Poll> {
    let row = sqlx::query(&format!("SELECT {POLL_COLUMNS} FROM gov_polls WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    poll_from_row(&row)
}

/// A Council member's written answer, received at `at`; counted once, and
/// only by the deadline (p.9).
pub async fn answer_poll(store: &Store, actor: &str, id: i64, person_id: i64, choice: &str, at: &str) -> Result<Poll> {
    let p = poll(store, id).await?;
    if !CHOICES.contains(&choice) {
        return Err(StoreError::field("choice", "err-unknown-value"));
    }
    let (Some(at_t), Some(deadline)) = (instant(at), instant(&p.deadline)) else { return Err(StoreError::field("answered_at", "err-instant-format")) };
    if p.state != "open" || !council::poll_answer_counts(at_t, deadline) {
        return Err(StoreError::field("answered_at", "err-poll-closed"));
    }
    let on_roll: Option<(i64,)> = sqlx::query_as("SELECT person_id FROM gov_poll_roll WHERE poll_id = $1 AND person_id = $2").bind(id).bind(person_id).fetch_optional(&store.pool).await?;
    if on_roll.is_none() {
        return Err(StoreError::field("person_id", "err-not-on-roll"));
    }
    let mut tx = store.begin_write(actor).await?;
    let first: Option<(i64,)> = sqlx::query_as("INSERT INTO gov_poll_answers (poll_id, person_id, choice, answered_at) VALUES ($1, $2, $3, $4) ON CONFLICT (poll_id, person_id) DO NOTHING RETURNING poll_id")
        .bind(id)
        .bind(person_id)
        .bind(choice)
        .bind(at)
        .fetch_optional(tx.conn())
        .await?;
    if first.is_none() {
        return Err(StoreError::field("person_id", "err-already-voted"));
    }
    let counter = counter_column(choice);
    sqlx::query(&format!("UPDATE gov_polls SET {counter} = {counter} + 1 WHERE id = $1")).bind(id).execute(tx.conn()).await?;
    tx.audit("answer_poll", "poll", &id.to_string(), None, Some(&serde_json::json!({ "person_id": person_id, "choice": choice, "at": at }))).await?;
    tx.commit().await?;
    poll(store, id).await
}

/// Closes the poll with its tally: adopted as soon as two thirds of all the
/// Council's members answered "for", not adopted once the deadline passed
/// without them; before that an open poll stays open (answers `Ok(poll)`
/// unchanged).
pub async fn close_poll(store: &Store, actor: &str, id: i64, now: &str) -> Result<Poll> {
    let p = poll(store, id).await?;
    if p.state != "open" {
        return Ok(p);
    }
    let (Some(now_t), Some(deadline)) = (instant(now), instant(&p.deadline)) else { return Err(StoreError::field("now", "err-instant-format")) };
    let state = match council::poll_outcome(p.votes_for as u32, p.members_total as u32, now_t, deadline) {
        council::PollOutcome::Open => return Ok(p),
        council::PollOutcome::Adopted => "adopted",
        council::PollOutcome::NotAdopted => "not_adopted",
    };
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE gov_polls SET state = $1, closed_at = $2 WHERE id = $3 AND state = 'open'").bind(state).bind(now).bind(id).execute(tx.conn()).await?;
    let after = serde_json::json!({ "state": state, "for": p.votes_for, "against": p.votes_against, "abstain": p.votes_abstain, "members_total": p.members_total });
    tx.audit("close_poll", "poll", &id.to_string(), None, Some(&after)).await?;
    tx.commit().await?;
    poll(store, id).await
}

/// One point of a decision.
pub async fn decision(store: &Store, id: i64) -> Result<DecisionPoint> {
    let row: Option<(i64, i64, i64, i64, String)> = sqlx::query_as("SELECT id, session_id, question_id, point, text FROM gov_decisions WHERE id = $1").bind(id).fetch_optional(&store.pool).await?;
    let (id, session_id, question_id, point, text) = row.ok_or(StoreError::NotFound)?;
    Ok(DecisionPoint { id, session_id, question_id, point, text })
}

/// One member of a session's roll as the desk shows it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RollMember {
    pub person_id: i64,
    pub name: String,
    pub present: bool,
}

/// The roll with names, in name order.
pub async fn roll_named(store: &Store, id: i64) -> Result<Vec<RollMember>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as("SELECT r.person_id, p.full_name, r.present FROM gov_roll r JOIN people p ON p.id = r.person_id WHERE r.session_id = $1 ORDER BY p.full_name, r.person_id")
        .bind(id)
        .fetch_all(&store.pool)
        .await?;
    Ok(rows.into_iter().map(|(person_id, name, present)| RollMember { person_id, name, present: present == 1 }).collect())
}

/// Who has voted on a question: (person, their choice — `None` for a secret ballot).
pub async fn voters(store: &Store, qid: i64) -> Result<Vec<(i64, Option<String>)>> {
    let q = question(store, qid).await?;
    if q.method == "secret" {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT person_id FROM gov_secret_voters WHERE question_id = $1").bind(qid).fetch_all(&store.pool).await?;
        Ok(rows.into_iter().map(|r| (r.0, None)).collect())
    } else {
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT person_id, choice FROM gov_open_ballots WHERE question_id = $1").bind(qid).fetch_all(&store.pool).await?;
        Ok(rows.into_iter().map(|(p, c)| (p, Some(c))).collect())
    }
}

/// Written polls, newest first.
pub async fn polls(store: &Store) -> Result<Vec<Poll>> {
    let rows = sqlx::query(&format!("SELECT {POLL_COLUMNS} FROM gov_polls ORDER BY started_at DESC, id DESC")).fetch_all(&store.pool).await?;
    rows.iter().map(poll_from_row).collect()
}

/// A poll's roll with each member's answer, if any: (person, name, choice).
pub async fn poll_roll(store: &Store, id: i64) -> Result<Vec<(i64, String, Option<String>)>> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT r.person_id, p.full_name, a.choice FROM gov_poll_roll r JOIN people p ON p.id = r.person_id \
         LEFT JOIN gov_poll_answers a ON a.poll_id = r.poll_id AND a.person_id = r.person_id WHERE r.poll_id = $1 ORDER BY p.full_name, r.person_id",
    )
    .bind(id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows)
}

/// The region of an assembly (none for the Assembly of People of Kazakhstan),
/// which decides who may read and run its governance.
pub async fn assembly_region(store: &Store, organisation_id: i64) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT region_kato FROM organisations WHERE id = $1").bind(organisation_id).fetch_optional(&store.pool).await?;
    row.map(|r| r.0).ok_or(StoreError::NotFound)
}

/// The region of the assembly that held a session.
pub async fn session_region(store: &Store, session_id: i64) -> Result<Option<String>> {
    assembly_region(store, get(store, session_id).await?.organisation_id).await
}
