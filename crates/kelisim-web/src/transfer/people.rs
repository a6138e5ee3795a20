//! The register of people (personal data) as CSV and XLSX.
//!
//! Roles travel in one column, `roles`: entries `ORGANISATION_ID:ROLE:SINCE`
//! or `ORGANISATION_ID:ROLE:SINCE:UNTIL`, separated by `;`. On import a row
//! whose `id` exists updates that person, adds the roles it does not have yet
//! and records end dates; other rows create people. Only people in the
//! caller's scope are exported, and an import may touch only people the
//! caller may change (`kelisim_core::access::can_write_person`).

use std::collections::HashSet;

use kelisim_core::access::{self, PeopleScope, Principal};
use kelisim_core::person::{validate_person, validate_person_role, PersonInput, PersonRoleInput};
use kelisim_store::people::{self, PeopleFilter, Person};
use kelisim_store::Store;

use super::{cell, row_error, Format, ImportReport, RowError};
use crate::error::AppError;

pub const COLUMNS: [&str; 7] = ["id", "full_name", "region", "email", "phone", "position", "roles"];

fn role_cell(r: &kelisim_store::people::PersonRole) -> String {
    match &r.ended_on {
        Some(end) => format!("{}:{}:{}:{}", r.organisation_id, r.role, r.started_on, end),
        None => format!("{}:{}:{}", r.organisation_id, r.role, r.started_on),
    }
}

fn cells(p: &Person) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![p.id.to_string(), p.full_name.clone(), opt(&p.region), opt(&p.email), opt(&p.phone), opt(&p.position), p.roles.iter().map(role_cell).collect::<Vec<_>>().join("; ")]
}

/// Everyone in the caller's scope, in id order.
pub async fn all_people(store: &Store, scope: &PeopleScope) -> Result<Vec<Person>, AppError> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let (items, total) = people::list(store, scope, &PeopleFilter::default(), page, 1000).await?;
        let n = items.len();
        out.extend(items);
        if n == 0 || out.len() as i64 >= total {
            break;
        }
        page += 1;
    }
    out.sort_by_key(|p| p.id);
    Ok(out)
}

pub fn export(format: Format, items: &[Person]) -> Result<Vec<u8>, AppError> {
    match format {
        Format::Csv => super::write_csv(&COLUMNS, items.iter().map(cells)),
        Format::Xlsx => super::write_xlsx("people", &COLUMNS, items.iter().map(cells)),
    }
}

struct ParsedRow {
    row: usize,
    file_id: Option<i64>,
    input: PersonInput,
    roles: Vec<PersonRoleInput>,
}

fn parse_roles(row: usize, text: &str, errors: &mut Vec<RowError>) -> Vec<PersonRoleInput> {
    let mut out = vec![];
    for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let parts: Vec<&str> = entry.split(':').map(str::trim).collect();
        let org = parts.first().and_then(|o| o.parse::<i64>().ok());
        match (org, parts.len()) {
            (Some(organisation_id), 3 | 4) => out.push(PersonRoleInput {
                organisation_id,
                role: parts[1].to_string(),
                started_on: parts[2].to_string(),
                ended_on: parts.get(3).map(|s| s.to_string()).filter(|s| !s.is_empty()),
            }),
            _ => errors.push(row_error(row, "roles", "err-roles-format")),
        }
    }
    out
}

/// Checks the whole file, then writes it in one transaction.
pub async fn import(store: &Store, actor: &str, principal: &Principal, format: Format, bytes: &[u8]) -> Result<ImportReport, AppError> {
    let (header, data) = match super::read_table(format, bytes, &["full_name", "region"]) {
        Ok(t) => t,
        Err(report) => return Ok(report),
    };
    let (header, data) = (&header, &data);
    let mut errors = Vec::new();
    let refs = kelisim_store::reference::reference_set(store).await?;
    let mut rows = vec![];
    for (i, cells) in data.iter().enumerate().filter(|(_, c)| c.iter().any(|v| !v.trim().is_empty())) {
        let row = i + 2;
        let get = |name: &str| cell(header, cells, name);
        let opt = |name: &str| Some(get(name)).filter(|s| !s.is_empty());
        let file_id = match get("id").as_str() {
            "" => None,
            s => s.parse().map_err(|_| errors.push(row_error(row, "id", "err-number-format"))).ok(),
        };
        let input = PersonInput { full_name: get("full_name"), region: opt("region"), email: opt("email"), phone: opt("phone"), position: opt("position") };
        let roles = parse_roles(row, &get("roles"), &mut errors);
        rows.push(ParsedRow { row, file_id, input, roles });
    }
    let org_ids: Vec<i64> = rows.iter().flat_map(|r| r.roles.iter().map(|x| x.organisation_id)).collect();
    let orgs = kelisim_store::organisations::existing_ids(store, &org_ids).await?;
    let mut seen = HashSet::new();
    let mut existing: Vec<Option<Person>> = vec![];
    for r in &rows {
        for e in validate_person(&r.input, &refs).0 {
            errors.push(row_error(r.row, &e.field, &e.reason));
        }
        for role in &r.roles {
            for e in validate_person_role(role).0 {
                errors.push(row_error(r.row, "roles", &e.reason));
            }
            if !orgs.contains(&role.organisation_id) {
                errors.push(row_error(r.row, "roles", "err-unknown-organisation"));
            }
        }
        if let Some(id) = r.file_id {
            if !seen.insert(id) {
                errors.push(row_error(r.row, "id", "err-duplicate-id"));
            }
        }
        let before = match r.file_id {
            Some(id) => people::get(store, id).await.ok(),
            None => None,
        };
        let role_orgs: Vec<i64> = r.roles.iter().map(|x| x.organisation_id).chain(before.iter().flat_map(|p| p.organisation_ids())).collect();
        let creates_allowed = matches!(principal.role, kelisim_core::Role::Admin | kelisim_core::Role::RegionalAdmin);
        let in_scope = access::can_write_person(principal, r.input.region.as_deref(), &role_orgs)
            && before.as_ref().is_none_or(|b| access::can_write_person(principal, b.region.as_deref(), &b.organisation_ids()))
            && (before.is_some() || creates_allowed);
        if !in_scope {
            errors.push(row_error(r.row, "region", "err-forbidden-region"));
        }
        existing.push(before);
    }
    errors.sort_by(|a, b| a.row.cmp(&b.row));
    if !errors.is_empty() {
        return Ok(ImportReport::rejected(rows.len(), errors));
    }
    let (mut created, mut updated) = (0, 0);
    let mut tx = store.begin_write(actor).await?;
    for (r, before) in rows.iter().zip(existing) {
        let (id, current) = match before {
            Some(b) => {
                people::apply_update(&mut tx, &b, &r.input).await?;
                updated += 1;
                (b.id, b.roles)
            }
            None => {
                created += 1;
                (people::insert(&mut tx, &r.input, false).await?, vec![])
            }
        };
        for role in &r.roles {
            let same = current.iter().find(|c| c.organisation_id == role.organisation_id && c.role == role.role && c.started_on == role.started_on);
            match (same, &role.ended_on) {
                (None, _) => {
                    people::insert_role(&mut tx, id, role).await?;
                }
                (Some(c), Some(end)) if c.ended_on.as_deref() != Some(end.as_str()) => people::set_role_end(&mut tx, id, c.id, end).await?,
                _ => {}
            }
        }
    }
    tx.commit().await?;
    Ok(ImportReport { rows: rows.len(), created, updated, errors: Vec::new() })
}
