//! An organisation of the register (SPEC §3.1) and the checks its input must pass.
//!
//! `validate_organisation` is the one place that decides whether a form, an
//! API body or an import row is a valid organisation; each failed check names
//! the field and gives an i18n reason key.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::org_type::OrgType;

/// Status of an organisation in the register.
pub const STATUSES: &[&str] = &["active", "suspended", "archived"];

/// What the checks know of the reference tables (loaded from the database).
#[derive(Debug, Clone, Default)]
pub struct ReferenceSet {
    pub regions: HashSet<String>,
    /// district KATO → region KATO
    pub districts: std::collections::HashMap<String, String>,
    pub ethnic_groups: HashSet<String>,
    pub languages: HashSet<String>,
}

/// The fields of an organisation as a user or a file gives them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrganisationInput {
    pub org_type: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Region KATO code.
    #[serde(default)]
    pub region: Option<String>,
    /// District KATO code.
    #[serde(default)]
    pub district: Option<String>,
    pub name_kk: String,
    #[serde(default)]
    pub name_ru: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// `YYYY-MM-DD`
    #[serde(default)]
    pub founded_on: Option<String>,
    #[serde(default = "default_status")]
    pub status: String,
    #[serde(default)]
    pub member_count: Option<i64>,
    /// Ethnic group slugs an association represents.
    #[serde(default)]
    pub ethnic_groups: Vec<String>,
    /// Language codes (media outlets, Sunday schools, courses).
    #[serde(default)]
    pub languages: Vec<String>,
}

fn default_status() -> String {
    "active".to_string()
}

/// Kazakhstan's bounding box, with a margin: coordinates outside are a typo.
pub(crate) const LAT_RANGE: (f64, f64) = (40.0, 56.0);
pub(crate) const LON_RANGE: (f64, f64) = (46.0, 88.0);

/// Checks an organisation's fields. `today` is `YYYY-MM-DD` (a founding date
/// cannot be in the future).
pub fn validate_organisation(input: &OrganisationInput, refs: &ReferenceSet, today: &str) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    let kind = OrgType::from_slug(input.org_type.trim());
    if kind.is_none() {
        errs.push("org_type", "err-unknown-type");
    }
    if input.name_kk.trim().is_empty() {
        errs.push("name_kk", "err-required");
    }
    if input.name_ru.trim().is_empty() {
        errs.push("name_ru", "err-required");
    }
    for (field, value) in [("name_kk", &input.name_kk), ("name_ru", &input.name_ru), ("name_en", &input.name_en)] {
        if value.chars().count() > 300 {
            errs.push(field, "err-too-long");
        }
    }
    check_place(input, kind, refs, &mut errs);
    check_contacts(input, &mut errs);
    if let Some(d) = input.founded_on.as_deref().filter(|d| !d.is_empty()) {
        if !is_iso_date(d) {
            errs.push("founded_on", "err-date-format");
        } else if d > today {
            errs.push("founded_on", "err-date-in-future");
        }
    }
    if !STATUSES.contains(&input.status.as_str()) {
        errs.push("status", "err-unknown-status");
    }
    if input.member_count.is_some_and(|n| !(0..=10_000_000).contains(&n)) {
        errs.push("member_count", "err-out-of-range");
    }
    if input.ethnic_groups.iter().any(|g| !refs.ethnic_groups.contains(g)) {
        errs.push("ethnic_groups", "err-unknown-ethnic-group");
    }
    if kind == Some(OrgType::EthnoculturalAssociation) && input.ethnic_groups.is_empty() {
        errs.push("ethnic_groups", "err-association-needs-group");
    }
    if input.languages.iter().any(|l| !refs.languages.contains(l)) {
        errs.push("languages", "err-unknown-language");
    }
    if kind.is_some_and(|k| k.has_languages()) && input.languages.is_empty() {
        errs.push("languages", "err-outlet-needs-language");
    }
    errs
}

fn check_place(input: &OrganisationInput, kind: Option<OrgType>, refs: &ReferenceSet, errs: &mut ValidationErrors) {
    let region = input.region.as_deref().filter(|r| !r.is_empty());
    match region {
        None if !kind.is_some_and(|k| k.is_national()) => errs.push("region", "err-required"),
        Some(r) if !refs.regions.contains(r) => errs.push("region", "err-unknown-region"),
        _ => {}
    }
    if let Some(d) = input.district.as_deref().filter(|d| !d.is_empty()) {
        match refs.districts.get(d) {
            None => errs.push("district", "err-unknown-district"),
            Some(r) if Some(r.as_str()) != region => errs.push("district", "err-district-not-in-region"),
            _ => {}
        }
    }
    if kind == Some(OrgType::DistrictAssembly) && input.district.as_deref().unwrap_or("").is_empty() {
        errs.push("district", "err-required");
    }
    match (input.lat, input.lon) {
        (Some(lat), Some(lon)) => {
            if !(LAT_RANGE.0..=LAT_RANGE.1).contains(&lat) {
                errs.push("lat", "err-outside-kazakhstan");
            }
            if !(LON_RANGE.0..=LON_RANGE.1).contains(&lon) {
                errs.push("lon", "err-outside-kazakhstan");
            }
        }
        (None, None) => {}
        (None, Some(_)) => errs.push("lat", "err-required"),
        (Some(_), None) => errs.push("lon", "err-required"),
    }
}

fn check_contacts(input: &OrganisationInput, errs: &mut ValidationErrors) {
    if let Some(email) = input.email.as_deref().filter(|e| !e.is_empty()) {
        if !is_email(email) {
            errs.push("email", "err-email-format");
        }
    }
    if let Some(phone) = input.phone.as_deref().filter(|p| !p.is_empty()) {
        let digits = phone.chars().filter(|c| c.is_ascii_digit()).count();
        let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !allowed || !(10..=15).contains(&digits) {
            errs.push("phone", "err-phone-format");
        }
    }
    if let Some(site) = input.website.as_deref().filter(|w| !w.is_empty()) {
        if !(site.starts_with("https://") || site.starts_with("http://")) || site.contains(' ') {
            errs.push("website", "err-url-format");
        }
    }
}

/// `local@domain.tld`, no spaces: enough to catch typos, not an RFC parser.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !s.contains(char::is_whitespace) && !domain.contains('@')
}

/// `YYYY-MM-DD` naming a real calendar day.
pub fn is_iso_date(s: &str) -> bool {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    s.len() == 10 && time::Date::parse(s, fmt).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn refs() -> ReferenceSet {
        let mut r = ReferenceSet::default();
        r.regions.insert("710000000".into());
        r.regions.insert("750000000".into());
        r.districts.insert("711000000".into(), "710000000".into());
        r.ethnic_groups.insert("korean".into());
        r.languages.insert("ko".into());
        r
    }

    fn association() -> OrganisationInput {
        OrganisationInput {
            org_type: "ethnocultural_association".into(),
            region: Some("710000000".into()),
            name_kk: "Корей этномәдени бірлестігі".into(),
            name_ru: "Корейское этнокультурное объединение".into(),
            status: "active".into(),
            ethnic_groups: vec!["korean".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_association_is_valid() {
        assert!(validate_organisation(&association(), &refs(), "2026-01-01").is_empty());
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut o = association();
        o.org_type = "club".into();
        o.name_kk = " ".into();
        o.region = Some("999".into());
        o.email = Some("not-an-email".into());
        o.founded_on = Some("2031-02-30".into());
        o.lat = Some(10.0);
        o.lon = Some(70.0);
        let errs = validate_organisation(&o, &refs(), "2026-01-01");
        assert_eq!(errs.for_field("org_type"), Some("err-unknown-type"));
        assert_eq!(errs.for_field("name_kk"), Some("err-required"));
        assert_eq!(errs.for_field("region"), Some("err-unknown-region"));
        assert_eq!(errs.for_field("email"), Some("err-email-format"));
        assert_eq!(errs.for_field("founded_on"), Some("err-date-format"));
        assert_eq!(errs.for_field("lat"), Some("err-outside-kazakhstan"));
    }

    #[test]
    fn district_must_belong_to_the_region() {
        let mut o = association();
        o.region = Some("750000000".into());
        o.district = Some("711000000".into());
        let errs = validate_organisation(&o, &refs(), "2026-01-01");
        assert_eq!(errs.for_field("district"), Some("err-district-not-in-region"));
    }

    #[test]
    fn spec_3_1_association_represents_an_ethnic_group_and_outlet_has_languages() {
        let mut o = association();
        o.ethnic_groups.clear();
        assert_eq!(validate_organisation(&o, &refs(), "2026-01-01").for_field("ethnic_groups"), Some("err-association-needs-group"));
        o.org_type = "media_outlet".into();
        assert_eq!(validate_organisation(&o, &refs(), "2026-01-01").for_field("languages"), Some("err-outlet-needs-language"));
    }

    #[test]
    fn founding_date_not_in_future() {
        let mut o = association();
        o.founded_on = Some("2027-01-01".into());
        assert_eq!(validate_organisation(&o, &refs(), "2026-01-01").for_field("founded_on"), Some("err-date-in-future"));
    }
}
