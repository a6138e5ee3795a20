//! Incidents that could take an ethnic dimension (SPEC §3.4, "Incidents"), and
//! the rules of their life: the escalation scale, verification, the stages up
//! to post-conflict settlement, merging duplicates.
//!
//! The Concept to 2030 (seed 000, section 5, direction 2) asks for "совместная
//! работа с правоохранительными органами по оперативному реагированию на
//! инциденты, способные перерасти в этническую плоскость" — joint work with law
//! enforcement on a rapid response to incidents that could grow into an
//! ethnic dimension. The register keeps each such incident with its level, the
//! reason of every change of level, the response actions and the settlement.

use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::reference::{ETHNIC_GROUPS, REGIONS};

/// The escalation scale of SPEC §3.4 (0 signal … 4 crisis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "i64", try_from = "i64")]
pub enum EscalationLevel {
    /// 0: unverified information.
    Signal = 0,
    /// 1: negative discourse, complaints, no open dispute.
    LatentTension = 1,
    /// 2: open dispute or threats between groups, local.
    PreConflict = 2,
    /// 3: incident with a group dimension (fight, vandalism, mobilisation).
    Conflict = 3,
    /// 4: mass disorder or violence, spreading beyond the locality.
    Crisis = 4,
}

impl EscalationLevel {
    pub const ALL: [EscalationLevel; 5] = [EscalationLevel::Signal, EscalationLevel::LatentTension, EscalationLevel::PreConflict, EscalationLevel::Conflict, EscalationLevel::Crisis];

    pub fn from_i64(n: i64) -> Option<EscalationLevel> {
        EscalationLevel::ALL.into_iter().find(|l| *l as i64 == n)
    }

    pub fn value(self) -> i64 {
        self as i64
    }

    /// The i18n key of the level's name (`level-3` = "conflict situation").
    pub fn key(self) -> String {
        format!("level-{}", self as i64)
    }
}

impl From<EscalationLevel> for i64 {
    fn from(l: EscalationLevel) -> i64 {
        l as i64
    }
}

impl TryFrom<i64> for EscalationLevel {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        EscalationLevel::from_i64(n).ok_or_else(|| format!("escalation level {n} is not 0-4"))
    }
}

/// The level from which an incident alerts the region's responders (issue 4
/// §5: "an incident reaching level ≥ 3"): a conflict situation.
pub const ALERT_LEVEL: EscalationLevel = EscalationLevel::Conflict;

/// An incident raises an alert when it reaches [`ALERT_LEVEL`]: created at it
/// (`before` is `None`) or raised to it from below. Raising 3 → 4 does not
/// raise a second alert (the first is still open), lowering never does.
pub fn reaches_alert_level(before: Option<EscalationLevel>, after: EscalationLevel) -> bool {
    after >= ALERT_LEVEL && before.is_none_or(|b| b < ALERT_LEVEL)
}

/// Verification status of SPEC §3.4.
pub const VERIFICATION: &[&str] = &["unverified", "verified", "refuted", "duplicate"];

/// Categories of SPEC §3.4.
pub const CATEGORIES: &[&str] = &["household_dispute", "mass_brawl", "labour_conflict", "land_water_dispute", "vandalism", "online_hate", "protest", "other"];

/// Where the information came from (SPEC §3.4).
pub const SOURCES: &[&str] = &["police", "akimat", "media", "social_media", "council_report", "citizen", "monitoring"];

/// Kinds of response action (SPEC §3.4: mediation, information-explanatory
/// group, council of elders, law enforcement; the Concept's "информационные
/// группы" of direction 4).
pub const ACTION_KINDS: &[&str] = &["mediation", "info_group", "elders_council", "mothers_council", "law_enforcement", "akimat", "other"];

/// The stages of an incident: `open` while the response goes on, `settlement`
/// for the post-conflict settlement of SPEC §3.4 (постконфликтное
/// урегулирование / жанжалдан кейінгі реттеу), `closed` when nothing is left to do.
pub const STAGES: &[&str] = &["open", "settlement", "closed"];

/// Verification statuses that take an incident out of the figures (risk
/// index, counts): refuted information and duplicates of another incident.
pub fn counts_in_figures(verification: &str) -> bool {
    !matches!(verification, "refuted" | "duplicate")
}

/// What a user sends to register or edit an incident.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IncidentInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// When it happened: `YYYY-MM-DDTHH:MM` (Kazakhstan time) or RFC 3339.
    pub occurred_at: String,
    /// Region KATO code.
    pub region: Option<String>,
    /// District KATO code (within the region).
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    pub category: String,
    pub source: String,
    /// Ethnic-group ids involved.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// Checks an incident's fields; `occurred` is `occurred_at` as parsed by the
/// caller (`None` when it could not be read), `now` the current instant in the
/// same form (`YYYY-MM-DDTHH:MM:SSZ`), so that an incident cannot be dated in
/// the future.
pub fn validate_incident(input: &IncidentInput, occurred: Option<&str>, now: &str, district_region: Option<Option<&str>>) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    let title = input.title.trim();
    if title.is_empty() {
        errs.push("title", "err-required");
    } else if title.chars().count() > 300 {
        errs.push("title", "err-too-long");
    }
    if input.description.chars().count() > 20_000 {
        errs.push("description", "err-too-long");
    }
    match occurred {
        None if input.occurred_at.trim().is_empty() => errs.push("occurred_at", "err-required"),
        None => errs.push("occurred_at", "err-datetime-format"),
        Some(t) if t > now => errs.push("occurred_at", "err-time-in-future"),
        Some(_) => {}
    }
    match input.region.as_deref() {
        None | Some("") => errs.push("region", "err-required"),
        Some(r) if !REGIONS.iter().any(|x| x.kato == r) => errs.push("region", "err-unknown-region"),
        Some(_) => {}
    }
    // `district_region`: None when no district was given; Some(None) when the
    // district is unknown; Some(Some(region)) its region.
    match district_region {
        Some(None) => errs.push("district", "err-unknown-district"),
        Some(Some(r)) if input.region.as_deref() != Some(r) => errs.push("district", "err-district-not-in-region"),
        _ => {}
    }
    match (input.lat, input.lon) {
        (None, None) => {}
        (Some(lat), Some(lon)) => {
            let (lat_range, lon_range) = (crate::organisation::LAT_RANGE, crate::organisation::LON_RANGE);
            if !(lat_range.0..=lat_range.1).contains(&lat) {
                errs.push("lat", "err-outside-kazakhstan");
            }
            if !(lon_range.0..=lon_range.1).contains(&lon) {
                errs.push("lon", "err-outside-kazakhstan");
            }
        }
        (None, Some(_)) => errs.push("lat", "err-required"),
        (Some(_), None) => errs.push("lon", "err-required"),
    }
    if !CATEGORIES.contains(&input.category.as_str()) {
        errs.push("category", if input.category.is_empty() { "err-required" } else { "err-unknown-value" });
    }
    if !SOURCES.contains(&input.source.as_str()) {
        errs.push("source", if input.source.is_empty() { "err-required" } else { "err-unknown-value" });
    }
    if input.groups.iter().any(|g| !ETHNIC_GROUPS.iter().any(|x| x.slug == g)) {
        errs.push("groups", "err-unknown-ethnic-group");
    }
    errs
}

/// A change of escalation level needs its reason (issue 4 §3: "escalation
/// level 0-4 with the reason for each change"), and must change the level.
pub fn check_level_change(before: EscalationLevel, after: EscalationLevel, reason: &str) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    if before == after {
        errs.push("level", "err-level-unchanged");
    }
    if reason.trim().is_empty() {
        errs.push("reason", "err-required");
    }
    errs
}

/// A change of verification status: a known status, a reason, and not
/// `duplicate` (an incident becomes a duplicate only by being merged).
pub fn check_verification_change(before: &str, after: &str, reason: &str) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    if !VERIFICATION.contains(&after) {
        errs.push("verification", "err-unknown-value");
    } else if after == "duplicate" {
        errs.push("verification", "err-duplicate-by-merge");
    } else if before == after {
        errs.push("verification", "err-unchanged");
    }
    if before == "duplicate" {
        errs.push("verification", "err-merged");
    }
    if reason.trim().is_empty() {
        errs.push("reason", "err-required");
    }
    errs
}

/// The stage moves the incident forward or reopens it, always with a reason:
/// - `open` → `settlement`: the response is over and the post-conflict
///   settlement begins; only for a verified incident that had at least one
///   response action (there was something to settle, and something was done);
/// - `open` or `settlement` → `closed`;
/// - `settlement` or `closed` → `open`: reopened (the situation flared up again).
///
/// A merged duplicate stays closed.
pub fn check_stage_change(before: &str, after: &str, verification: &str, actions: usize, reason: &str) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    if !STAGES.contains(&after) {
        errs.push("stage", "err-unknown-value");
        return errs;
    }
    if verification == "duplicate" {
        errs.push("stage", "err-merged");
    }
    let allowed = matches!((before, after), ("open", "settlement") | ("open", "closed") | ("settlement", "closed") | ("settlement", "open") | ("closed", "open"));
    if !allowed {
        errs.push("stage", "err-stage-transition");
    } else if after == "settlement" {
        if verification != "verified" {
            errs.push("stage", "err-settlement-unverified");
        }
        if actions == 0 {
            errs.push("stage", "err-settlement-no-action");
        }
    }
    if reason.trim().is_empty() {
        errs.push("reason", "err-required");
    }
    errs
}

/// Merging a duplicate into another incident: not into itself, not into an
/// incident that is itself a merged duplicate, not twice.
pub fn check_merge(id: i64, into: i64, own_verification: &str, target_verification: Option<&str>, reason: &str) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    if id == into {
        errs.push("into", "err-merge-self");
    }
    match target_verification {
        None => errs.push("into", "err-not-found"),
        Some("duplicate") => errs.push("into", "err-merged"),
        Some(_) => {}
    }
    if own_verification == "duplicate" {
        errs.push("into", "err-merged");
    }
    if reason.trim().is_empty() {
        errs.push("reason", "err-required");
    }
    errs
}

/// A response action on the timeline: who, what, when, result (issue 4 §3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActionInput {
    /// One of [`ACTION_KINDS`].
    pub kind: String,
    /// When: `YYYY-MM-DDTHH:MM` (Kazakhstan time) or RFC 3339.
    pub at: String,
    /// Who acted (a body, a council, a person).
    pub actor: String,
    /// What was done.
    pub description: String,
    /// What came of it (may be filled later).
    #[serde(default)]
    pub result: String,
}

/// Checks a response action; `at` as parsed by the caller.
pub fn validate_action(input: &ActionInput, at: Option<&str>, now: &str) -> ValidationErrors {
    let mut errs = ValidationErrors::default();
    if !ACTION_KINDS.contains(&input.kind.as_str()) {
        errs.push("kind", if input.kind.is_empty() { "err-required" } else { "err-unknown-value" });
    }
    match at {
        None if input.at.trim().is_empty() => errs.push("at", "err-required"),
        None => errs.push("at", "err-datetime-format"),
        Some(t) if t > now => errs.push("at", "err-time-in-future"),
        Some(_) => {}
    }
    for (field, value, max) in [("actor", &input.actor, 300), ("description", &input.description, 5_000)] {
        if value.trim().is_empty() {
            errs.push(field, "err-required");
        } else if value.chars().count() > max {
            errs.push(field, "err-too-long");
        }
    }
    if input.result.chars().count() > 5_000 {
        errs.push("result", "err-too-long");
    }
    errs
}

/// Reads a time a user typed: RFC 3339, or `YYYY-MM-DDTHH:MM[:SS]` /
/// `YYYY-MM-DD HH:MM` taken as Kazakhstan time (a date-time input of a form);
/// answers it as stored, `YYYY-MM-DDTHH:MM:SSZ` in UTC.
pub fn parse_local_instant(s: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let s = s.trim();
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Some(super::instant_text(t));
    }
    let s = s.replacen(' ', "T", 1);
    let offset = time::UtcOffset::from_hms(super::KAZAKHSTAN_UTC_OFFSET_HOURS, 0, 0).ok()?;
    let local = time::PrimitiveDateTime::parse(&s, format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"))
        .or_else(|_| time::PrimitiveDateTime::parse(&s, format_description!("[year]-[month]-[day]T[hour]:[minute]")))
        .ok()?;
    Some(super::instant_text(local.assume_offset(offset)))
}

/// The value of a date-time input of a form (`YYYY-MM-DDTHH:MM`, Kazakhstan
/// time) for a stored instant.
pub fn local_input_value(stored: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    let Ok(t) = time::OffsetDateTime::parse(stored, &Rfc3339) else { return String::new() };
    let offset = time::UtcOffset::from_hms(super::KAZAKHSTAN_UTC_OFFSET_HOURS, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let l = t.to_offset(offset);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", l.year(), u8::from(l.month()), l.day(), l.hour(), l.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> IncidentInput {
        IncidentInput {
            title: "Драка у рынка".into(),
            occurred_at: "2026-11-20T14:30".into(),
            region: Some("310000000".into()),
            category: "mass_brawl".into(),
            source: "police".into(),
            groups: vec!["kazakh".into(), "dungan".into()],
            ..Default::default()
        }
    }

    const NOW: &str = "2026-12-01T10:00:00Z";

    #[test]
    fn spec_3_4_the_escalation_scale_has_five_levels_from_signal_to_crisis() {
        assert_eq!(EscalationLevel::ALL.len(), 5);
        assert_eq!(EscalationLevel::from_i64(0), Some(EscalationLevel::Signal));
        assert_eq!(EscalationLevel::from_i64(4), Some(EscalationLevel::Crisis));
        assert_eq!(EscalationLevel::from_i64(5), None);
        assert!(EscalationLevel::PreConflict < EscalationLevel::Conflict);
        assert_eq!(EscalationLevel::Conflict.key(), "level-3");
    }

    #[test]
    fn issue_4_an_incident_alerts_when_it_reaches_level_3_once() {
        use EscalationLevel::*;
        assert!(reaches_alert_level(None, Conflict));
        assert!(reaches_alert_level(None, Crisis));
        assert!(!reaches_alert_level(None, PreConflict));
        assert!(reaches_alert_level(Some(PreConflict), Conflict));
        assert!(reaches_alert_level(Some(LatentTension), Crisis));
        assert!(!reaches_alert_level(Some(Conflict), Crisis), "already alerted at 3");
        assert!(!reaches_alert_level(Some(Crisis), Conflict), "lowering never alerts");
    }

    #[test]
    fn an_incident_names_every_bad_field() {
        assert!(validate_incident(&input(), Some("2026-11-20T09:30:00Z"), NOW, None).is_empty());
        let bad = IncidentInput { title: " ".into(), region: Some("999".into()), category: "riot".into(), source: String::new(), groups: vec!["martian".into()], lat: Some(10.0), ..input() };
        let errs = validate_incident(&bad, None, NOW, Some(None));
        for (field, reason) in [
            ("title", "err-required"),
            ("occurred_at", "err-datetime-format"),
            ("region", "err-unknown-region"),
            ("district", "err-unknown-district"),
            ("lon", "err-required"),
            ("category", "err-unknown-value"),
            ("source", "err-required"),
            ("groups", "err-unknown-ethnic-group"),
        ] {
            assert_eq!(errs.for_field(field), Some(reason), "{field}: {errs}");
        }
        let future = validate_incident(&input(), Some("2026-12-02T00:00:00Z"), NOW, None);
        assert_eq!(future.for_field("occurred_at"), Some("err-time-in-future"));
        let other_region = validate_incident(&input(), Some("2026-11-20T09:30:00Z"), NOW, Some(Some("750000000")));
        assert_eq!(other_region.for_field("district"), Some("err-district-not-in-region"));
    }

    #[test]
    fn issue_4_every_change_of_level_has_its_reason() {
        use EscalationLevel::*;
        assert!(check_level_change(LatentTension, PreConflict, "Угрозы в адрес соседей").is_empty());
        assert_eq!(check_level_change(LatentTension, PreConflict, "  ").for_field("reason"), Some("err-required"));
        assert_eq!(check_level_change(Conflict, Conflict, "x").for_field("level"), Some("err-level-unchanged"));
    }

    #[test]
    fn a_duplicate_is_made_only_by_merging() {
        assert!(check_verification_change("unverified", "verified", "Подтверждено полицией").is_empty());
        assert_eq!(check_verification_change("unverified", "duplicate", "x").for_field("verification"), Some("err-duplicate-by-merge"));
        assert_eq!(check_verification_change("duplicate", "verified", "x").for_field("verification"), Some("err-merged"));
        assert_eq!(check_verification_change("verified", "verified", "x").for_field("verification"), Some("err-unchanged"));
        assert!(check_merge(5, 3, "unverified", Some("verified"), "Тот же случай").is_empty());
        assert_eq!(check_merge(5, 5, "unverified", Some("verified"), "x").for_field("into"), Some("err-merge-self"));
        assert_eq!(check_merge(5, 3, "unverified", Some("duplicate"), "x").for_field("into"), Some("err-merged"));
        assert_eq!(check_merge(5, 3, "unverified", None, "x").for_field("into"), Some("err-not-found"));
    }

    #[test]
    fn spec_3_4_post_conflict_settlement_follows_a_verified_response() {
        assert!(check_stage_change("open", "settlement", "verified", 2, "Стороны примирились").is_empty());
        assert_eq!(check_stage_change("open", "settlement", "unverified", 2, "x").for_field("stage"), Some("err-settlement-unverified"));
        assert_eq!(check_stage_change("open", "settlement", "verified", 0, "x").for_field("stage"), Some("err-settlement-no-action"));
        assert!(check_stage_change("settlement", "closed", "verified", 2, "Урегулировано").is_empty());
        assert!(check_stage_change("closed", "open", "verified", 2, "Новая вспышка").is_empty());
        assert_eq!(check_stage_change("closed", "settlement", "verified", 2, "x").for_field("stage"), Some("err-stage-transition"));
        assert_eq!(check_stage_change("open", "closed", "verified", 0, "").for_field("reason"), Some("err-required"));
        assert_eq!(check_stage_change("closed", "open", "duplicate", 0, "x").for_field("stage"), Some("err-merged"));
    }

    #[test]
    fn refuted_and_duplicate_incidents_leave_the_figures() {
        assert!(counts_in_figures("unverified"));
        assert!(counts_in_figures("verified"));
        assert!(!counts_in_figures("refuted"));
        assert!(!counts_in_figures("duplicate"));
    }

    #[test]
    fn a_response_action_says_who_what_when() {
        let ok = ActionInput { kind: "mediation".into(), at: "2026-11-21T10:00".into(), actor: "Центр медиации".into(), description: "Встреча сторон".into(), result: String::new() };
        assert!(validate_action(&ok, Some("2026-11-21T05:00:00Z"), NOW).is_empty());
        let bad = ActionInput { kind: "prayer".into(), actor: " ".into(), ..ok };
        let errs = validate_action(&bad, None, NOW);
        assert_eq!(errs.for_field("kind"), Some("err-unknown-value"));
        assert_eq!(errs.for_field("actor"), Some("err-required"));
        assert_eq!(errs.for_field("at"), Some("err-datetime-format"));
    }

    #[test]
    fn form_times_are_kazakhstan_time() {
        assert_eq!(parse_local_instant("2026-11-20T14:30").as_deref(), Some("2026-11-20T09:30:00Z"));
        assert_eq!(parse_local_instant("2026-11-20 14:30:15").as_deref(), Some("2026-11-20T09:30:15Z"));
        assert_eq!(parse_local_instant("2026-11-20T14:30:00+06:00").as_deref(), Some("2026-11-20T08:30:00Z"));
        assert_eq!(parse_local_instant("20.11.2026"), None);
        assert_eq!(local_input_value("2026-11-20T09:30:00Z"), "2026-11-20T14:30");
    }
}
