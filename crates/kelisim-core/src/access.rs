//! Who may read and write what in the Registry (SPEC §1): role × region × organisation.
//!
//! One function per rule. The web layer asks these functions on every HTML and
//! JSON route; it never decides access itself. A record's region is the
//! region of the organisation (or, for a person, of the person's registration).
//!
//! Restricted records are personal data: people and their roles, Assembly
//! membership files. Organisations are a public register: every staff role
//! reads every region's organisations, citizens read active ones; writes are
//! scoped.

use crate::role::Role;

/// The signed-in user (or the anonymous citizen) as the rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: Option<i64>,
    pub role: Role,
    /// KATO code of the user's region (`regional_admin`, `responder`; optional otherwise).
    pub region: Option<String>,
    /// The organisation an `org_editor` leads.
    pub organisation: Option<i64>,
}

impl Principal {
    pub fn anonymous() -> Self {
        Principal { user_id: None, role: Role::Citizen, region: None, organisation: None }
    }

    fn in_region(&self, region: Option<&str>) -> bool {
        match (&self.region, region) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

/// What the rules need to know about an organisation.
#[derive(Debug, Clone, Copy)]
pub struct OrgScope<'a> {
    pub id: Option<i64>,
    pub region: Option<&'a str>,
    /// Archived or suspended organisations are not shown on the public portal.
    pub active: bool,
}

/// Reading an organisation card: public register for every staff role;
/// citizens see active organisations only.
pub fn can_read_organisation(p: &Principal, org: OrgScope<'_>) -> bool {
    if p.role.is_staff() {
        return true;
    }
    org.active
}

/// Creating or changing an organisation: admins anywhere; a regional admin in
/// their region; an org editor their own organisation only (never create).
pub fn can_write_organisation(p: &Principal, org: OrgScope<'_>) -> bool {
    match p.role {
        Role::Admin => true,
        Role::RegionalAdmin => p.in_region(org.region),
        Role::OrgEditor => org.id.is_some() && org.id == p.organisation,
        _ => false,
    }
}

/// Creating a new organisation (no id yet) in a region.
pub fn can_create_organisation(p: &Principal, region: Option<&str>) -> bool {
    match p.role {
        Role::Admin => true,
        Role::RegionalAdmin => p.in_region(region),
        _ => false,
    }
}

/// Reading a person (personal data, restricted): admins; the regional admin of
/// the person's region; the org editor of an organisation the person has a role in.
pub fn can_read_person(p: &Principal, person_region: Option<&str>, person_orgs: &[i64]) -> bool {
    match p.role {
        Role::Admin => true,
        Role::RegionalAdmin => p.in_region(person_region),
        Role::OrgEditor => p.organisation.is_some_and(|o| person_orgs.contains(&o)),
        _ => false,
    }
}

/// Which people a principal may list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleScope {
    All,
    Region(String),
    Organisation(i64),
}

/// The list of people a role sees: admins everyone, a regional admin their
/// region, an org editor their organisation's people; others none.
pub fn people_scope(p: &Principal) -> Option<PeopleScope> {
    match p.role {
        Role::Admin => Some(PeopleScope::All),
        Role::RegionalAdmin => p.region.clone().map(PeopleScope::Region),
        Role::OrgEditor => p.organisation.map(PeopleScope::Organisation),
        _ => None,
    }
}

/// Which membership files a principal may list: `None` none, `Some(None)` all,
/// `Some(Some(region))` one region.
pub fn membership_scope(p: &Principal) -> Option<Option<String>> {
    match p.role {
        Role::Admin => Some(None),
        Role::RegionalAdmin => p.region.clone().map(Some),
        _ => None,
    }
}

/// Changing a person: the same people who may read them.
pub fn can_write_person(p: &Principal, person_region: Option<&str>, person_orgs: &[i64]) -> bool {
    can_read_person(p, person_region, person_orgs)
}

/// Assembly membership files (nomination → Council → Chairman): restricted,
/// kept by the Secretariat (admin) and by the regional secretariat for its region.
pub fn can_read_membership(p: &Principal, region: Option<&str>) -> bool {
    match p.role {
        Role::Admin => true,
        Role::RegionalAdmin => p.in_region(region),
        _ => false,
    }
}

/// Nominating: a regional assembly's session nominates in its own region (the
/// regional secretariat records it); the Secretariat records any nomination.
pub fn can_nominate_member(p: &Principal, region: Option<&str>) -> bool {
    can_read_membership(p, region)
}

/// The Council's review, the Chairman's decision, removal: recorded by the
/// Secretariat (working body) only — Regulation §4 p.14-15 gives these steps
/// to the Council and the Chairman of the republican Assembly.
pub fn can_decide_membership(p: &Principal) -> bool {
    p.role == Role::Admin
}

/// Accreditation of associations is decided by the republican Secretariat and
/// the regional secretariats for their region.
pub fn can_accredit(p: &Principal, region: Option<&str>) -> bool {
    match p.role {
        Role::Admin => true,
        Role::RegionalAdmin => p.in_region(region),
        _ => false,
    }
}

/// User accounts and the audit log are the Secretariat's.
pub fn can_manage_users(p: &Principal) -> bool {
    p.role == Role::Admin
}

/// Bulk import of the register: admins (whole country) and regional admins
/// (each row must then be in their region).
pub fn can_import_registry(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::RegionalAdmin)
}

/// Sending documents of the information field (crawlers' API tokens, the
/// operator's `kelisim ingest`): the Secretariat and the analysts (IPEI), whose
/// accounts the collectors run under.
pub fn can_ingest_documents(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::Analyst)
}

/// Sessions, Council meetings, polls, decisions and their execution control
/// (issue 5 §8: "a regional assembly runs its own sessions and plan"): read
/// by the Secretariat and the analysts everywhere, by a regional secretariat
/// for the assemblies of its region (`region`: the assembly's; the Assembly of
/// People of Kazakhstan itself has none).
pub fn can_read_governance(p: &Principal, region: Option<&str>) -> bool {
    match p.role {
        Role::Admin | Role::Analyst => true,
        Role::RegionalAdmin => region.is_some() && p.in_region(region),
        _ => false,
    }
}

/// Whether a principal reads any assembly's governance at all (the menu, the
/// lists, which then show only what [`can_read_governance`] allows).
pub fn reads_governance(p: &Principal) -> bool {
    can_read_governance(p, None) || can_read_governance(p, p.region.as_deref())
}

/// Announcing and holding sessions and meetings, running polls, putting
/// decisions on control: the Secretariat (working body) for every assembly, a
/// regional secretariat for the assemblies of its region.
pub fn can_run_governance(p: &Principal, region: Option<&str>) -> bool {
    match p.role {
        Role::Admin => true,
        Role::RegionalAdmin => region.is_some() && p.in_region(region),
        _ => false,
    }
}

/// Reading a plan: the republic's (`None`) by whoever reads governance; a
/// region's own plan as that region's governance. A report on a plan is read
/// by the same rule, by the region it is for.
pub fn can_read_plan(p: &Principal, plan_region: Option<&str>) -> bool {
    match plan_region {
        None => reads_governance(p),
        Some(_) => can_read_governance(p, plan_region),
    }
}

/// Creating a plan and adding its directions and items: the Secretariat for
/// the republic's and every region's, a regional secretariat for its region's
/// (a regional assembly runs its own plan).
pub fn can_manage_plan(p: &Principal, plan_region: Option<&str>) -> bool {
    can_run_governance(p, plan_region)
}

/// Reading the execution of an action plan for `region` (`None`: the whole
/// republic): the Secretariat and analysts everywhere, a regional
/// secretariat for its own region only.
pub fn can_read_plan_execution(p: &Principal, region: Option<&str>) -> bool {
    can_read_governance(p, region)
}

/// Filing a report on an action-plan item for `region` (`None`: the
/// republic's executors): the Secretariat for any, a regional secretariat
/// for its own region (a regional assembly runs its own part of the plan).
pub fn can_report_plan(p: &Principal, region: Option<&str>) -> bool {
    can_run_governance(p, region)
}

/// An executor's report on an assignment: whoever runs its assembly's
/// governance, or the editor of the executing structure.
pub fn can_report_assignment(p: &Principal, region: Option<&str>, executor_organisation: Option<i64>) -> bool {
    can_run_governance(p, region) || (p.role == Role::OrgEditor && executor_organisation.is_some() && p.organisation == executor_organisation)
}

/// Entering the facts of the target indicators (issue 5 §7): the Secretariat
/// and the analysts, who run the surveys the facts come from. The indicators
/// themselves, printed in the Concepts, are public.
pub fn can_enter_indicator_facts(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::Analyst)
}

/// Which regions' monitoring figures (counts, spikes, campaigns, risk) a
/// principal reads: `Some(None)` every region (the Secretariat and the
/// analysts, SPEC §1 "read all monitoring data"), `Some(Some(region))` their
/// own (the regional secretariat and the responders who act there), `None` none.
pub fn monitoring_scope(p: &Principal) -> Option<Option<String>> {
    match p.role {
        Role::Admin | Role::Analyst => Some(None),
        Role::RegionalAdmin | Role::Responder => p.region.clone().map(Some),
        _ => None,
    }
}

/// The texts of the information field (issue 4 §6: "texts visible to analyst
/// and admin roles only"): the flagged feed and the documents themselves.
pub fn can_read_document_texts(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::Analyst)
}

/// Whether a principal whose monitoring scope is `scope` (see
/// [`monitoring_scope`]) reads a record of `region`.
pub fn in_monitoring_scope(p: &Principal, region: Option<&str>) -> bool {
    match monitoring_scope(p) {
        Some(None) => true,
        Some(Some(own)) => region == Some(own.as_str()),
        None => false,
    }
}

/// Registering and editing incidents (their fields, level, verification,
/// stage, links and merges): the Secretariat anywhere, a regional
/// secretariat in its region, and the analysts (IPEI registers the signals it
/// finds in the information field, SPEC §1 "write analyses").
pub fn can_write_incident(p: &Principal, region: Option<&str>) -> bool {
    match p.role {
        Role::Admin | Role::Analyst => true,
        Role::RegionalAdmin => p.in_region(region),
        _ => false,
    }
}

/// Recording a response action on an incident's timeline: whoever may write
/// the incident, and the responders of its region (SPEC §1: the liaison of a
/// state body "receives alerts and reports actions").
pub fn can_record_response(p: &Principal, region: Option<&str>) -> bool {
    can_write_incident(p, region) || (p.role == Role::Responder && p.in_region(region))
}

/// A reporter's identity (SPEC §3.4: "Reporters' identities can be hidden";
/// issue 4: "hidden from all but admins"). Every read is written to the audit log.
pub fn can_read_reporter(p: &Principal) -> bool {
    p.role == Role::Admin
}

/// Acknowledging an alert and recording what was done about it: the people it
/// was raised for (see `monitoring::alert::is_recipient`).
pub fn can_handle_alert(p: &Principal, region: Option<&str>) -> bool {
    crate::monitoring::alert::is_recipient(p.role, p.region.as_deref(), region)
}

/// The channels alerts go out by (e-mail addresses, webhooks) are the Secretariat's.
pub fn can_manage_alert_channels(p: &Principal) -> bool {
    p.role == Role::Admin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, region: Option<&str>, org: Option<i64>) -> Principal {
        Principal { user_id: Some(1), role, region: region.map(String::from), organisation: org }
    }

    const ASTANA: &str = "710000000";
    const ALMATY: &str = "750000000";

    #[test]
    fn spec_1_regional_admin_writes_own_region_only() {
        let p = principal(Role::RegionalAdmin, Some(ASTANA), None);
        let own = OrgScope { id: Some(1), region: Some(ASTANA), active: true };
        let other = OrgScope { id: Some(2), region: Some(ALMATY), active: true };
        assert!(can_write_organisation(&p, own));
        assert!(!can_write_organisation(&p, other));
        assert!(can_create_organisation(&p, Some(ASTANA)));
        assert!(!can_create_organisation(&p, Some(ALMATY)));
    }

    #[test]
    fn spec_1_regional_user_never_sees_other_regions_personal_data() {
        let p = principal(Role::RegionalAdmin, Some(ASTANA), None);
        assert!(can_read_person(&p, Some(ASTANA), &[]));
        assert!(!can_read_person(&p, Some(ALMATY), &[]));
        assert!(!can_read_membership(&p, Some(ALMATY)));
        let responder = principal(Role::Responder, Some(ASTANA), None);
        assert!(!can_read_person(&responder, Some(ASTANA), &[]));
    }

    #[test]
    fn spec_1_org_editor_edits_own_organisation_only() {
        let p = principal(Role::OrgEditor, Some(ASTANA), Some(7));
        assert!(can_write_organisation(&p, OrgScope { id: Some(7), region: Some(ASTANA), active: true }));
        assert!(!can_write_organisation(&p, OrgScope { id: Some(8), region: Some(ASTANA), active: true }));
        assert!(!can_create_organisation(&p, Some(ASTANA)));
        assert!(can_read_person(&p, Some(ALMATY), &[7]));
        assert!(!can_read_person(&p, Some(ASTANA), &[8]));
    }

    #[test]
    fn citizens_see_only_active_organisations() {
        let p = Principal::anonymous();
        assert!(can_read_organisation(&p, OrgScope { id: Some(1), region: None, active: true }));
        assert!(!can_read_organisation(&p, OrgScope { id: Some(1), region: None, active: false }));
        assert!(!can_write_organisation(&p, OrgScope { id: Some(1), region: None, active: true }));
    }

    #[test]
    fn issue_4_texts_of_the_information_field_are_for_admins_and_analysts_only() {
        assert!(can_read_document_texts(&principal(Role::Analyst, None, None)));
        assert!(can_read_document_texts(&principal(Role::Admin, None, None)));
        for role in [Role::RegionalAdmin, Role::Responder, Role::Mediator, Role::OrgEditor, Role::Citizen] {
            assert!(!can_read_document_texts(&principal(role, Some(ASTANA), None)), "{role:?}");
        }
        assert_eq!(monitoring_scope(&principal(Role::Analyst, None, None)), Some(None));
        assert_eq!(monitoring_scope(&principal(Role::Responder, Some(ASTANA), None)), Some(Some(ASTANA.to_string())));
        assert_eq!(monitoring_scope(&principal(Role::Mediator, Some(ASTANA), None)), None);
        assert!(can_ingest_documents(&principal(Role::Analyst, None, None)));
        assert!(!can_ingest_documents(&principal(Role::RegionalAdmin, Some(ASTANA), None)));
    }

    #[test]
    fn spec_1_incidents_are_kept_within_the_region_and_reporters_by_the_secretariat() {
        let regional = principal(Role::RegionalAdmin, Some(ASTANA), None);
        assert!(can_write_incident(&regional, Some(ASTANA)));
        assert!(!can_write_incident(&regional, Some(ALMATY)));
        assert!(in_monitoring_scope(&regional, Some(ASTANA)));
        assert!(!in_monitoring_scope(&regional, Some(ALMATY)));
        let responder = principal(Role::Responder, Some(ASTANA), None);
        assert!(!can_write_incident(&responder, Some(ASTANA)));
        assert!(can_record_response(&responder, Some(ASTANA)), "the liaison reports actions");
        assert!(!can_record_response(&responder, Some(ALMATY)));
        assert!(can_write_incident(&principal(Role::Analyst, None, None), Some(ALMATY)));
        for role in [Role::Mediator, Role::OrgEditor, Role::Citizen] {
            let p = principal(role, Some(ASTANA), None);
            assert!(!can_write_incident(&p, Some(ASTANA)) && !in_monitoring_scope(&p, Some(ASTANA)), "{role:?}");
        }
        assert!(can_read_reporter(&principal(Role::Admin, None, None)));
        for role in [Role::RegionalAdmin, Role::Analyst, Role::Responder] {
            assert!(!can_read_reporter(&principal(role, Some(ASTANA), None)), "{role:?}");
        }
        assert!(can_handle_alert(&responder, Some(ASTANA)));
        assert!(!can_handle_alert(&responder, Some(ALMATY)));
        assert!(can_manage_alert_channels(&principal(Role::Admin, None, None)));
        assert!(!can_manage_alert_channels(&principal(Role::Analyst, None, None)));
    }

    #[test]
    fn regulation_4_only_the_secretariat_records_council_and_chairman_steps() {
        assert!(can_decide_membership(&principal(Role::Admin, None, None)));
        assert!(!can_decide_membership(&principal(Role::RegionalAdmin, Some(ASTANA), None)));
        assert!(can_nominate_member(&principal(Role::RegionalAdmin, Some(ASTANA), None), Some(ASTANA)));
    }
}
