//! The register of organisations as CSV and XLSX.
//!
//! - a row whose `id` exists updates that organisation; a row with an unknown
//!   or empty `id` creates one, and `parent_id`s that point at other rows'
//!   ids of the same file are remapped to the new ids (so a register moves
//!   from one installation to another whole);
//! - list columns (`ethnic_groups`, `languages`) are separated by `;`.

use std::collections::{HashMap, HashSet};

use kelisim_core::access::{self, Principal};
use kelisim_core::organisation::{validate_organisation, OrganisationInput};
use kelisim_store::organisations::{self, Organisation};
use kelisim_store::Store;

use super::{cell, row_error, Format, ImportReport, RowError};
use crate::error::AppError;

pub const COLUMNS: [&str; 19] = [
    "id", "org_type", "parent_id", "region", "district", "name_kk", "name_ru", "name_en", "phone", "email", "website", "address", "lat", "lon", "founded_on",
    "status", "member_count", "ethnic_groups", "languages",
];

fn cells(o: &Organisation) -> [String; 19] {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        o.id.to_string(),
        o.org_type.clone(),
        o.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        opt(&o.region),
        opt(&o.district),
        o.name.kk.clone(),
        o.name.ru.clone(),
        o.name.en.clone(),
        opt(&o.phone),
        opt(&o.email),
        opt(&o.website),
        opt(&o.address),
        num(o.lat),
        num(o.lon),
        opt(&o.founded_on),
        o.status.clone(),
        o.member_count.map(|n| n.to_string()).unwrap_or_default(),
        o.ethnic_groups.join(";"),
        o.languages.join(";"),
    ]
}

pub fn export_csv(items: &[Organisation]) -> Result<Vec<u8>, AppError> {
    super::write_csv(&COLUMNS, items.iter().map(|o| cells(o).to_vec()))
}

pub fn export_xlsx(items: &[Organisation]) -> Result<Vec<u8>, AppError> {
    super::write_xlsx("organisations", &COLUMNS, items.iter().map(|o| cells(o).to_vec()))
}

/// Every organisation matching nothing in particular: the whole register, in id order.
pub async fn all_organisations(store: &Store, filter: &organisations::OrganisationFilter) -> Result<Vec<Organisation>, AppError> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let (items, total) = organisations::list(store, filter, " ORDER BY o.id", page, 1000).await?;
        let n = items.len();
        out.extend(items);
        if n == 0 || out.len() as i64 >= total {
            break;
        }
        page += 1;
    }
    Ok(out)
}

/// A parsed data row: its number, the id it carries, the input.
struct ParsedRow {
    row: usize,
    file_id: Option<i64>,
    input: OrganisationInput,
}

fn parse_row(row: usize, header: &[String], cells: &[String], errors: &mut Vec<RowError>) -> ParsedRow {
    let get = |name: &str| cell(header, cells, name);
    let opt = |name: &str| Some(get(name)).filter(|s| !s.is_empty());
    let int = |name: &str, errors: &mut Vec<RowError>| -> Option<i64> {
        let v = get(name);
        if v.is_empty() {
            return None;
        }
        v.parse().map_err(|_| errors.push(row_error(row, name, "err-number-format"))).ok()
    };
    let file_id = int("id", errors);
    let parent_id = int("parent_id", errors);
    let member_count = int("member_count", errors);
    let mut float = |name: &str| -> Option<f64> {
        let v = get(name);
        if v.is_empty() {
            return None;
        }
        v.replace(',', ".").parse().map_err(|_| errors.push(row_error(row, name, "err-number-format"))).ok()
    };
    let lat = float("lat");
    let lon = float("lon");
    let list = |name: &str| get(name).split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let status = get("status");
    let input = OrganisationInput {
        org_type: get("org_type"),
        parent_id,
        region: opt("region"),
        district: opt("district"),
        name_kk: get("name_kk"),
        name_ru: get("name_ru"),
        name_en: get("name_en"),
        phone: opt("phone"),
        email: opt("email"),
        website: opt("website"),
        address: opt("address"),
        lat,
        lon,
        founded_on: opt("founded_on"),
        status: if status.is_empty() { "active".into() } else { status },
        member_count,
        ethnic_groups: list("ethnic_groups"),
        languages: list("languages"),
    };
    ParsedRow { row, file_id, input }
}

/// Orders rows so that a parent in the file comes before its children.
fn parents_first(rows: Vec<ParsedRow>) -> Vec<ParsedRow> {
    let ids: HashSet<i64> = rows.iter().filter_map(|r| r.file_id).collect();
    let mut placed: HashSet<i64> = HashSet::new();
    let mut pending = rows;
    let mut out = Vec::new();
    while !pending.is_empty() {
        let before = pending.len();
        let (ready, rest): (Vec<_>, Vec<_>) =
            pending.into_iter().partition(|r| r.input.parent_id.map_or(true, |p| !ids.contains(&p) || placed.contains(&p) || Some(p) == r.file_id));
        for r in &ready {
            if let Some(id) = r.file_id {
                placed.insert(id);
            }
        }
        out.extend(ready);
        pending = rest;
        if pending.len() == before {
            // A cycle inside the file: keep the order; validation reports it.
            out.extend(pending);
            break;
        }
    }
    out
}

/// Checks the whole file, then writes it in one transaction.
pub async fn import(store: &Store, actor: &str, principal: &Principal, format: Format, bytes: &[u8]) -> Result<ImportReport, AppError> {
    let (header, data) = match super::read_table(format, bytes, &["org_type", "name_kk", "name_ru", "region"]) {
        Ok(t) => t,
        Err(report) => return Ok(report),
    };
    let (header, data) = (&header, &data);
    let mut errors = Vec::new();
    let rows: Vec<ParsedRow> = data
        .iter()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| parse_row(i + 2, header, cells, &mut errors))
        .collect();
    let refs = kelisim_store::reference::reference_set(store).await?;
    let today = kelisim_store::today_utc();
    let file_ids: Vec<i64> = rows.iter().filter_map(|r| r.file_id).collect();
    let parent_ids: Vec<i64> = rows.iter().filter_map(|r| r.input.parent_id).collect();
    let existing = organisations::existing_ids(store, &[file_ids.clone(), parent_ids].concat()).await?;
    let mut seen = HashSet::new();
    for r in &rows {
        for e in validate_organisation(&r.input, &refs, &today).0 {
            errors.push(row_error(r.row, &e.field, &e.reason));
        }
        if let Some(p) = r.input.parent_id {
            if !existing.contains(&p) && !file_ids.contains(&p) {
                errors.push(row_error(r.row, "parent_id", "err-unknown-parent"));
            }
            if Some(p) == r.file_id {
                errors.push(row_error(r.row, "parent_id", "err-parent-cycle"));
            }
        }
        if let Some(id) = r.file_id {
            if !seen.insert(id) {
                errors.push(row_error(r.row, "id", "err-duplicate-id"));
            }
        }
        // The row's region must be one the caller may create in.
        if !access::can_create_organisation(principal, r.input.region.as_deref()) {
            errors.push(row_error(r.row, "region", "err-forbidden-region"));
        }
    }
    // Rows that update: the current record must be in scope as well.
    for r in rows.iter().filter(|r| r.file_id.is_some_and(|id| existing.contains(&id))) {
        let id = r.file_id.unwrap_or_default();
        let before = organisations::get(store, id).await?;
        if !access::can_write_organisation(principal, crate::pages::registry::scope(&before)) {
            errors.push(row_error(r.row, "id", "err-forbidden-region"));
        }
    }
    errors.sort_by(|a, b| a.row.cmp(&b.row));
    let total = rows.len();
    if !errors.is_empty() {
        return Ok(ImportReport::rejected(total, errors));
    }

    let ordered = parents_first(rows);
    let mut new_ids: HashMap<i64, i64> = HashMap::new();
    let (mut created, mut updated) = (0, 0);
    let mut tx = store.begin_write(actor).await?;
    for mut r in ordered {
        if let Some(p) = r.input.parent_id {
            if let Some(mapped) = new_ids.get(&p) {
                r.input.parent_id = Some(*mapped);
            }
        }
        match r.file_id.filter(|id| existing.contains(id)) {
            Some(id) => {
                let before = organisations::get(store, id).await?;
                organisations::apply_update(&mut tx, &before, &r.input).await?;
                updated += 1;
            }
            None => {
                let id = organisations::insert(&mut tx, &r.input, false).await?;
                if let Some(fid) = r.file_id {
                    new_ids.insert(fid, id);
                }
                created += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(ImportReport { rows: total, created, updated, errors: Vec::new() })
}
