//! People and their roles in organisations (SPEC §3.1). Personal data: who may
//! see a person is decided in `access`.

use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::organisation::{is_email, is_iso_date, ReferenceSet};

/// The roles a person can hold in an organisation.
pub const PERSON_ROLES: &[&str] = &["leader", "member", "council_member", "mediator", "expert", "volunteer", "patron"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonInput {
    pub full_name: String,
    /// Region KATO code of the person's registration (decides who may see them).
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
}

pub fn validate_person(input: &PersonInput, refs: &ReferenceSet) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    let name = input.full_name.trim();
    if name.is_empty() {
        errs.push("full_name", "err-required");
    } else if name.chars().count() > 200 {
        errs.push("full_name", "err-too-long");
    }
    match input.region.as_deref().filter(|r| !r.is_empty()) {
        None => errs.push("region", "err-required"),
        Some(r) if !refs.regions.contains(r) => errs.push("region", "err-unknown-region"),
        _ => {}
    }
    if let Some(e) = input.email.as_deref().filter(|e| !e.is_empty()) {
        if !is_email(e) {
            errs.push("email", "err-email-format");
        }
    }
    errs
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonRoleInput {
    pub organisation_id: i64,
    /// One of `leader`, `member`, `mediator`, `expert`, `volunteer`, `patron`.
    pub role: String,
    /// `YYYY-MM-DD`
    pub started_on: String,
    #[serde(default)]
    pub ended_on: Option<String>,
}

pub fn validate_person_role(input: &PersonRoleInput) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    if !PERSON_ROLES.contains(&input.role.as_str()) {
        errs.push("role", "err-unknown-role");
    }
    if !is_iso_date(&input.started_on) {
        errs.push("started_on", "err-date-format");
    }
    if let Some(end) = input.ended_on.as_deref().filter(|e| !e.is_empty()) {
        if !is_iso_date(end) {
            errs.push("ended_on", "err-date-format");
        } else if end < input.started_on.as_str() {
            errs.push("ended_on", "err-end-before-start");
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_end_cannot_precede_start() {
        let r = PersonRoleInput { organisation_id: 1, role: "leader".into(), started_on: "2024-05-01".into(), ended_on: Some("2023-01-01".into()) };
        assert_eq!(validate_person_role(&r).for_field("ended_on"), Some("err-end-before-start"));
        let r = PersonRoleInput { role: "king".into(), ..r };
        assert_eq!(validate_person_role(&r).for_field("role"), Some("err-unknown-role"));
    }

    #[test]
    fn person_needs_a_name_and_a_known_region() {
        let mut refs = ReferenceSet::default();
        refs.regions.insert("710000000".into());
        let p = PersonInput { full_name: "".into(), region: Some("1".into()), ..Default::default() };
        let e = validate_person(&p, &refs);
        assert_eq!(e.for_field("full_name"), Some("err-required"));
        assert_eq!(e.for_field("region"), Some("err-unknown-region"));
    }
}
