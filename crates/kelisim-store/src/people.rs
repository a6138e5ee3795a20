//! People and their roles in organisations. Personal data: callers decide
//! who may see whom (`kelisim_core::access`), this module filters lists by the
//! scope it is given.

use kelisim_core::access::PeopleScope;
use kelisim_core::person::{validate_person, validate_person_role, PersonInput, PersonRoleInput};
use kelisim_core::text::search_fold;
use serde::Serialize;

use crate::db::{col, Store, WriteTx};
use crate::error::{Result, StoreError};
use crate::reference::Names;
use crate::sql::Sql;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonRole {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: Names,
    pub role: String,
    pub started_on: String,
    pub ended_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Person {
    pub id: i64,
    pub full_name: String,
    pub region: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub position: Option<String>,
    pub is_demo: bool,
    pub archived: bool,
    pub roles: Vec<PersonRole>,
}

impl Person {
    pub fn organisation_ids(&self) -> Vec<i64> {
        self.roles.iter().map(|r| r.organisation_id).collect()
    }
    pub fn to_input(&self) -> PersonInput {
        PersonInput { full_name: self.full_name.clone(), region: self.region.clone(), email: self.email.clone(), phone: self.phone.clone(), position: self.position.clone() }
    }
}

fn push_scope(sql: &mut Sql, scope: &PeopleScope) {
    match scope {
        PeopleScope::All => {}
        PeopleScope::Region(r) => {
            sql.push(" AND p.region_kato = ").bind(r.clone());
        }
        PeopleScope::Organisation(o) => {
            sql.push(" AND EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = p.id AND pr.organisation_id = ").bind(*o).push(")");
        }
    }
}

/// Filters of the people list.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleFilter {
    /// Words of the name.
    #[serde(default)]
    pub q: Option<String>,
    /// Region KATO code.
    #[serde(default)]
    pub region: Option<String>,
    /// People with a role in this organisation.
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// Include archived people.
    #[serde(default)]
    pub archived: Option<bool>,
}

fn push_filter(sql: &mut Sql, f: &PeopleFilter) {
    if let Some(r) = f.region.as_deref().filter(|r| !r.is_empty()) {
        sql.push(" AND p.region_kato = ").bind(r.to_string());
    }
    if let Some(o) = f.organisation_id {
        sql.push(" AND EXISTS (SELECT 1 FROM person_roles r2 WHERE r2.person_id = p.id AND r2.organisation_id = ").bind(o).push(")");
    }
    if !f.archived.unwrap_or(false) {
        sql.push(" AND p.archived = 0");
    }
    if let Some(q) = f.q.as_deref().filter(|q| !q.trim().is_empty()) {
        for word in search_fold(q).split_whitespace().take(6) {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            sql.push(" AND p.search_text LIKE ").bind(format!("%{escaped}%")).push(" ESCAPE '\\'");
        }
    }
}

const COLUMNS: &str = "p.id, p.full_name, p.region_kato, p.email, p.phone, p.position, p.is_demo, p.archived";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Person> {
    Ok(Person {
        id: col(row, "id")?,
        full_name: col(row, "full_name")?,
        region: col(row, "region_kato")?,
        email: col(row, "email")?,
        phone: col(row, "phone")?,
        position: col(row, "position")?,
        is_demo: col::<i64>(row, "is_demo")? != 0,
        archived: col::<i64>(row, "archived")? != 0,
        roles: Vec::new(),
    })
}

pub async fn list(store: &Store, scope: &PeopleScope, filter: &PeopleFilter, page: i64, per_page: i64) -> Result<(Vec<Person>, i64)> {
    let mut count = Sql::new("SELECT COUNT(*) AS n FROM people p WHERE 1 = 1");
    push_scope(&mut count, scope);
    push_filter(&mut count, filter);
    let total: i64 = col(&count.query().fetch_one(&store.pool).await?, "n")?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM people p WHERE 1 = 1"));
    push_scope(&mut sql, scope);
    push_filter(&mut sql, filter);
    sql.push(" ORDER BY p.full_name, p.id LIMIT ").bind(per_page).push(" OFFSET ").bind((page - 1).max(0) * per_page);
    let rows = sql.query().fetch_all(&store.pool).await?;
    let mut people = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    for p in &mut people {
        p.roles = roles(store, p.id).await?;
    }
    Ok((people, total))
}

pub async fn get(store: &Store, id: i64) -> Result<Person> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM people p WHERE p.id = $1")).bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    let mut p = from_row(&row)?;
    p.roles = roles(store, id).await?;
    Ok(p)
}

async fn roles(store: &Store, person_id: i64) -> Result<Vec<PersonRole>> {
    let rows: Vec<(i64, i64, String, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT r.id, r.organisation_id, o.name_kk, o.name_ru, o.name_en, r.role, r.started_on, r.ended_on \
         FROM person_roles r JOIN organisations o ON o.id = r.organisation_id WHERE r.person_id = $1 ORDER BY r.started_on DESC, r.id DESC",
    )
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, organisation_id, kk, ru, en, role, started_on, ended_on)| PersonRole {
            id,
            organisation_id,
            organisation_name: Names { kk, ru, en },
            role,
            started_on,
            ended_on,
        })
        .collect())
}

/// People with a role in an organisation (for its card).
pub async fn of_organisation(store: &Store, org_id: i64) -> Result<Vec<(i64, String, String, String, Option<String>)>> {
    let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.full_name, r.role, r.started_on, r.ended_on FROM person_roles r JOIN people p ON p.id = r.person_id \
         WHERE r.organisation_id = $1 ORDER BY r.ended_on IS NOT NULL, r.role, p.full_name",
    )
    .bind(org_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows)
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub async fn insert(tx: &mut WriteTx, input: &PersonInput, is_demo: bool) -> Result<i64> {
    let now = crate::now_utc();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO people (full_name, region_kato, email, phone, position, is_demo, archived, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $8) RETURNING id",
    )
    .bind(input.full_name.trim())
    .bind(clean(&input.region))
    .bind(clean(&input.email))
    .bind(clean(&input.phone))
    .bind(clean(&input.position))
    .bind(is_demo as i64)
    .bind(search_fold(&input.full_name))
    .bind(&now)
    .fetch_one(tx.conn())
    .await?;
    tx.audit("create", "person", &id.to_string(), None, Some(&serde_json::to_value(input).unwrap_or_default())).await?;
    Ok(id)
}

pub async fn create(store: &Store, actor: &str, input: &PersonInput) -> Result<i64> {
    let refs = crate::reference::reference_set(store).await?;
    let errs = validate_person(input, &refs);
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let id = insert(&mut tx, input, false).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(store: &Store, actor: &str, id: i64, input: &PersonInput) -> Result<()> {
    let before = get(store, id).await?;
    let refs = crate::reference::reference_set(store).await?;
    let errs = validate_person(input, &refs);
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    apply_update(&mut tx, &before, input).await?;
    tx.commit().await
}

/// Writes a validated change of a person's fields.
pub async fn apply_update(tx: &mut WriteTx, before: &Person, input: &PersonInput) -> Result<()> {
    sqlx::query("UPDATE people SET full_name = $1, region_kato = $2, email = $3, phone = $4, position = $5, search_text = $6, updated_at = $7 WHERE id = $8")
        .bind(input.full_name.trim())
        .bind(clean(&input.region))
        .bind(clean(&input.email))
        .bind(clean(&input.phone))
        .bind(clean(&input.position))
        .bind(search_fold(&input.full_name))
        .bind(crate::now_utc())
        .bind(before.id)
        .execute(tx.conn())
        .await?;
    tx.audit("update", "person", &before.id.to_string(), Some(&serde_json::to_value(before.to_input()).unwrap_or_default()), Some(&serde_json::to_value(input).unwrap_or_default()))
        .await
}

/// Archives a person (personal data stays out of lists, history is kept).
pub async fn archive(store: &Store, actor: &str, id: i64) -> Result<()> {
    get(store, id).await?;
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE people SET archived = 1, updated_at = $1 WHERE id = $2").bind(crate::now_utc()).bind(id).execute(tx.conn()).await?;
    tx.audit("archive", "person", &id.to_string(), Some(&serde_json::json!({"archived": false})), Some(&serde_json::json!({"archived": true}))).await?;
    tx.commit().await
}

pub async fn insert_role(tx: &mut WriteTx, person_id: i64, input: &PersonRoleInput) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as("INSERT INTO person_roles (person_id, organisation_id, role, started_on, ended_on) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(person_id)
        .bind(input.organisation_id)
        .bind(&input.role)
        .bind(&input.started_on)
        .bind(clean(&input.ended_on))
        .fetch_one(tx.conn())
        .await?;
    tx.audit("add_role", "person", &person_id.to_string(), None, Some(&serde_json::to_value(input).unwrap_or_default())).await?;
    Ok(id)
}

pub async fn add_role(store: &Store, actor: &str, person_id: i64, input: &PersonRoleInput) -> Result<i64> {
    get(store, person_id).await?;
    let mut errs = validate_person_role(input);
    if crate::organisations::get(store, input.organisation_id).await.is_err() {
        errs.push("organisation_id", "err-unknown-organisation");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let mut tx = store.begin_write(actor).await?;
    let id = insert_role(&mut tx, person_id, input).await?;
    tx.commit().await?;
    Ok(id)
}

/// Ends a role on a date (the history stays).
pub async fn end_role(store: &Store, actor: &str, person_id: i64, role_id: i64, ended_on: &str) -> Result<()> {
    let row: Option<(String,)> = sqlx::query_as("SELECT started_on FROM person_roles WHERE id = $1 AND person_id = $2").bind(role_id).bind(person_id).fetch_optional(&store.pool).await?;
    let (started_on,) = row.ok_or(StoreError::NotFound)?;
    if !kelisim_core::organisation::is_iso_date(ended_on) {
        return Err(StoreError::field("ended_on", "err-date-format"));
    }
    if ended_on < started_on.as_str() {
        return Err(StoreError::field("ended_on", "err-end-before-start"));
    }
    let mut tx = store.begin_write(actor).await?;
    set_role_end(&mut tx, person_id, role_id, ended_on).await?;
    tx.commit().await
}

/// Writes the end date of a role (checked by the caller).
pub async fn set_role_end(tx: &mut WriteTx, person_id: i64, role_id: i64, ended_on: &str) -> Result<()> {
    sqlx::query("UPDATE person_roles SET ended_on = $1 WHERE id = $2").bind(ended_on).bind(role_id).execute(tx.conn()).await?;
    tx.audit("end_role", "person", &person_id.to_string(), None, Some(&serde_json::json!({"role_id": role_id, "ended_on": ended_on}))).await
}
