//! SPEC §1: "Every permission is role × region (× organisation). A regional
//! user never sees another region's restricted records."
//!
//! The matrix: every role × (own region, other region) × route × (read,
//! write), over the JSON API (bearer tokens) and the HTML pages (signed-in
//! sessions, admin with TOTP). The expectations are written out by hand here,
//! not computed by the code under test.

mod common;

use common::{apps, Client, TestApp};
use kelisim_core::membership::{MembershipStep, NominatingBody};
use kelisim_core::organisation::OrganisationInput;
use kelisim_core::person::{PersonInput, PersonRoleInput};
use kelisim_store::{membership, organisations, people, users};

const OWN: &str = "750000000"; // Almaty
const OTHER: &str = "710000000"; // Astana
const TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

struct Fixture {
    org_own: i64,
    org_other: i64,
    person_own: i64,
    person_other: i64,
    tokens: Vec<(&'static str, String)>,
}

fn association(region: &str, name: &str) -> OrganisationInput {
    OrganisationInput {
        org_type: "ethnocultural_association".into(),
        region: Some(region.into()),
        name_kk: format!("{name} kk"),
        name_ru: name.into(),
        name_en: format!("{name} en"),
        status: "active".into(),
        ethnic_groups: vec!["tatar".into()],
        ..Default::default()
    }
}

fn setup(app: &TestApp) -> Fixture {
    let s = app.store.clone();
    app.block_on(async move {
        let org_own = organisations::create(&s, "setup", &association(OWN, "Own region association")).await.unwrap();
        let org_other = organisations::create(&s, "setup", &association(OTHER, "Other region association")).await.unwrap();
        let mut ids = vec![];
        for (region, org) in [(OWN, org_own), (OTHER, org_other)] {
            let p = people::create(&s, "setup", &PersonInput { full_name: format!("Person of {region}"), region: Some(region.into()), ..Default::default() }).await.unwrap();
            people::add_role(&s, "setup", p, &PersonRoleInput { organisation_id: org, role: "leader".into(), started_on: "2020-01-01".into(), ended_on: None }).await.unwrap();
            let nominate = MembershipStep::Nominate { body: NominatingBody::RegionalAssemblySession, organisation_id: org, decision: "№ 1".into() };
            membership::record_step(&s, "setup", p, &nominate, "2024-01-10", "").await.unwrap();
            ids.push(p);
        }
        let accounts: [(&str, &str, Option<&str>, Option<i64>); 7] = [
            ("admin", "admin", None, None),
            ("regional", "regional_admin", Some(OWN), None),
            ("analyst", "analyst", None, None),
            ("mediator", "mediator", Some(OWN), None),
            ("editor", "org_editor", Some(OWN), Some(org_own)),
            ("responder", "responder", Some(OWN), None),
            ("citizen", "citizen", None, None),
        ];
        let mut tokens = vec![];
        for (login, role, region, org) in accounts {
            users::create(&s, "setup", &users::NewUser { login, role, region, organisation_id: org, password: "password-123456" }).await.unwrap();
            tokens.push((login, users::create_api_token(&s, "setup", login).await.unwrap()));
        }
        let admin = users::find_by_login(&s, "admin").await.unwrap().unwrap();
        users::set_totp(&s, "setup", admin.id, Some(TOTP), true).await.unwrap();
        Fixture { org_own, org_other, person_own: ids[0], person_other: ids[1], tokens }
    })
}

/// Hand-written expectations: (login, may write own-region org, may write other-region org,
/// may read/write own-region person, may read/write other-region person, may list memberships).
const EXPECT: [(&str, bool, bool, bool, bool, bool); 8] = [
    ("admin", true, true, true, true, true),
    ("regional", true, false, true, false, true),
    ("analyst", false, false, false, false, false),
    ("mediator", false, false, false, false, false),
    ("editor", true, false, true, false, false),
    ("responder", false, false, false, false, false),
    ("citizen", false, false, false, false, false),
    ("anonymous", false, false, false, false, false),
];

fn denied_status(login: &str) -> u16 {
    if login == "anonymous" {
        401
    } else {
        403
    }
}

fn org_body(region: &str, name: &str) -> serde_json::Value {
    serde_json::to_value(association(region, name)).unwrap()
}

#[test]
fn api_matrix_role_by_region_by_route() {
    for app in apps("matrix_api") {
        let fx = setup(&app);
        for (login, w_org_own, w_org_other, p_own, p_other, m_list) in EXPECT {
            let mut c = match fx.tokens.iter().find(|(l, _)| *l == login) {
                Some((_, t)) => Client::with_token(&app.base, t),
                None => Client::new(&app.base),
            };
            let ctx = format!("[{}] {login}", app.backend);
            // Read an organisation: the register is public.
            for org in [fx.org_own, fx.org_other] {
                assert_eq!(c.get(&format!("/api/v1/organisations/{org}")).status, 200, "{ctx} reads organisation {org}");
            }
            // Write an organisation.
            for (org, region, allowed) in [(fx.org_own, OWN, w_org_own), (fx.org_other, OTHER, w_org_other)] {
                let r = c.json("PUT", &format!("/api/v1/organisations/{org}"), &org_body(region, &format!("Renamed by {login}")));
                assert_eq!(r.status, if allowed { 200 } else { denied_status(login) }, "{ctx} writes organisation in {region}: {}", r.body);
            }
            // Read and write a person (personal data).
            for (person, region, allowed) in [(fx.person_own, OWN, p_own), (fx.person_other, OTHER, p_other)] {
                let r = c.get(&format!("/api/v1/people/{person}"));
                assert_eq!(r.status, if allowed { 200 } else { denied_status(login) }, "{ctx} reads person of {region}");
                if !allowed {
                    assert!(!r.body.contains("Person of"), "{ctx}: a refusal must not leak the record");
                }
                let body = serde_json::json!({"full_name": format!("Person of {region}"), "region": region, "position": format!("edited by {login}")});
                let r = c.json("PUT", &format!("/api/v1/people/{person}"), &body);
                assert_eq!(r.status, if allowed { 200 } else { denied_status(login) }, "{ctx} writes person of {region}");
            }
            // Membership files: listed only within scope.
            let r = c.get("/api/v1/memberships");
            if m_list {
                assert_eq!(r.status, 200, "{ctx} lists memberships");
                let regions: Vec<String> = r.json()["items"].as_array().unwrap().iter().map(|m| m["region"].as_str().unwrap_or("").to_string()).collect();
                assert!(regions.contains(&OWN.to_string()), "{ctx} sees own region's file");
                assert_eq!(regions.contains(&OTHER.to_string()), login == "admin", "{ctx}: other region's file visible only to admin");
            } else {
                assert_eq!(r.status, denied_status(login), "{ctx} lists memberships");
            }
            // People list is filtered by scope.
            let r = c.get("/api/v1/people");
            if p_own {
                let names: Vec<String> = r.json()["items"].as_array().unwrap().iter().map(|p| p["full_name"].as_str().unwrap().to_string()).collect();
                assert_eq!(names.contains(&format!("Person of {OTHER}")), p_other, "{ctx} people list scope");
            } else {
                assert_eq!(r.status, denied_status(login), "{ctx} people list");
            }
        }
        // Nothing a refused write tried is in the database.
        let org = app.block_on(organisations::get(&app.store, fx.org_other)).unwrap();
        assert!(org.name.ru == "Renamed by admin", "[{}] only the admin's rename of the other region's organisation landed: {}", app.backend, org.name.ru);
    }
}

#[test]
fn html_matrix_role_by_region_by_page() {
    for app in apps("matrix_html") {
        let fx = setup(&app);
        for (login, w_org_own, w_org_other, p_own, p_other, _) in EXPECT {
            let mut c = Client::new(&app.base);
            let ctx = format!("[{}] {login}", app.backend);
            if login != "anonymous" {
                let r = c.sign_in(login, "password-123456", Some(TOTP));
                assert_eq!(r.status, 303, "{ctx} signs in: {}", r.body);
                assert!(c.cookies.contains_key("kelisim_session"), "{ctx} has a session");
            }
            for org in [fx.org_own, fx.org_other] {
                assert_eq!(c.get(&format!("/registry/{org}")).status, 200, "{ctx} reads organisation card");
            }
            for (person, allowed) in [(fx.person_own, p_own), (fx.person_other, p_other)] {
                let r = c.get(&format!("/people/{person}"));
                let expected = if allowed { 200 } else if login == "anonymous" { 303 } else { 403 };
                assert_eq!(r.status, expected, "{ctx} opens person {person}");
            }
            for (org, region, allowed) in [(fx.org_own, OWN, w_org_own), (fx.org_other, OTHER, w_org_other)] {
                let page = c.get(&format!("/registry/{org}"));
                let csrf = Client::csrf_of(&page.body);
                let current = app.block_on(organisations::get(&app.store, org)).unwrap();
                let version = current.version.to_string();
                let name = format!("Edited on page by {login}");
                let r = c.post_form(
                    &format!("/registry/{org}/edit"),
                    &[("csrf", &csrf), ("version", &version), ("org_type", "ethnocultural_association"), ("region", region), ("name_kk", &name), ("name_ru", &name), ("status", "active"), ("ethnic_groups", "tatar")],
                );
                let expected = if allowed { 303 } else if login == "anonymous" { 400 } else { 403 };
                assert_eq!(r.status, expected, "{ctx} edits organisation in {region}: {}", &r.body[..r.body.len().min(200)]);
            }
        }
    }
}

/// The monitoring centre (issue 4 §3, §5; SPEC §1 regional scope), written
/// out by hand: (login, lists incidents, reads the other region's incident,
/// registers an incident in its own region, records a response action in its
/// own region, reads the reporter, lists alerts, manages alert channels).
const EXPECT_CENTRE: [(&str, bool, bool, bool, bool, bool, bool, bool); 8] = [
    ("admin", true, true, true, true, true, true, true),
    ("regional", true, false, true, true, false, true, false),
    ("analyst", true, true, true, true, false, true, false),
    ("mediator", false, false, false, false, false, false, false),
    ("editor", false, false, false, false, false, false, false),
    ("responder", true, false, false, true, false, true, false),
    ("citizen", false, false, false, false, false, false, false),
    ("anonymous", false, false, false, false, false, false, false),
];

fn incident_body(region: &str, title: &str) -> serde_json::Value {
    serde_json::json!({"title": title, "occurred_at": "2026-11-20T10:00", "region": region, "category": "household_dispute", "source": "police", "level": 1})
}

#[test]
fn api_matrix_of_the_monitoring_centre() {
    use kelisim_core::monitoring::incident::IncidentInput;
    use kelisim_store::monitoring::incidents::{self, NewIncident, Reporter};
    for app in apps("matrix_centre") {
        let fx = setup(&app);
        let s = app.store.clone();
        let (own, other) = app.block_on(async move {
            let mut ids = vec![];
            for region in [OWN, OTHER] {
                let input = IncidentInput { title: format!("Incident of {region}"), occurred_at: "2026-11-20T10:00".into(), region: Some(region.into()), category: "household_dispute".into(), source: "citizen".into(), ..Default::default() };
                let new = NewIncident { input, level: 1, reporter: Some(Reporter { name: "Hidden Reporter".into(), contact: String::new() }), ..Default::default() };
                ids.push(incidents::create(&s, "setup", &new, &kelisim_store::now_utc()).await.unwrap().id);
            }
            (ids[0], ids[1])
        });
        for (login, list, read_other, create_own, act_own, reporter, alerts, channels) in EXPECT_CENTRE {
            let mut c = match fx.tokens.iter().find(|(l, _)| *l == login) {
                Some((_, t)) => Client::with_token(&app.base, t),
                None => Client::new(&app.base),
            };
            let ctx = format!("[{}] {login}", app.backend);
            let code = |allowed: bool, ok: u16| if allowed { ok } else { denied_status(login) };
            let r = c.get("/api/v1/incidents");
            assert_eq!(r.status, code(list, 200), "{ctx} lists incidents");
            if list {
                let titles = r.body.clone();
                assert!(titles.contains(&format!("Incident of {OWN}")), "{ctx} sees its region's incident");
                assert_eq!(titles.contains(&format!("Incident of {OTHER}")), read_other, "{ctx}: another region's incident only for national roles");
            }
            let r = c.get(&format!("/api/v1/incidents/{other}"));
            assert_eq!(r.status, code(read_other, 200), "{ctx} reads the other region's incident");
            if !read_other {
                assert!(!r.body.contains("Incident of"), "{ctx}: a refusal does not leak the record");
            }
            let r = c.json("POST", "/api/v1/incidents", &incident_body(OWN, &format!("Registered by {login}")));
            assert_eq!(r.status, code(create_own, 201), "{ctx} registers in its region: {}", r.body);
            let action = serde_json::json!({"kind": "mediation", "at": "2026-11-20T12:00", "actor": "Mediation centre", "description": format!("by {login}")});
            let r = c.json("POST", &format!("/api/v1/incidents/{own}/actions"), &action);
            assert_eq!(r.status, code(act_own, 201), "{ctx} records a response action: {}", r.body);
            let r = c.get(&format!("/api/v1/incidents/{own}/reporter"));
            assert_eq!(r.status, code(reporter, 200), "{ctx} reads the reporter");
            assert_eq!(r.body.contains("Hidden Reporter"), reporter, "{ctx}: the reporter's name only for admins");
            assert_eq!(c.get("/api/v1/alerts").status, code(alerts, 200), "{ctx} lists alerts");
            assert_eq!(c.get("/api/v1/alert-channels").status, code(channels, 200), "{ctx} lists alert channels");
        }
        // Refused writes left nothing behind.
        let (list, _) = app.block_on(incidents::list(&app.store, &Default::default(), 1, 100)).unwrap();
        let mut by: Vec<String> = list.iter().filter_map(|i| i.title.strip_prefix("Registered by ").map(String::from)).collect();
        by.sort();
        assert_eq!(by, ["admin", "analyst", "regional"], "[{}] only permitted registrations landed", app.backend);
    }
}

/// Hand-written expectations for governance and the action plan (issue 5 §8): (login,
/// reads sessions and control, reads the plan's execution in its own region, in the other
/// region, creates its region's plan, reports for its region, reports for the other region,
/// enters an indicator's fact).
const EXPECT_GOVERNANCE: [(&str, bool, bool, bool, bool, bool, bool, bool); 8] = [
    ("admin", true, true, true, true, true, true, true),
    ("regional", true, true, false, true, true, false, false),
    ("analyst", true, true, true, false, false, false, true),
    ("mediator", false, false, false, false, false, false, false),
    ("editor", false, false, false, false, false, false, false),
    ("responder", false, false, false, false, false, false, false),
    ("citizen", false, false, false, false, false, false, false),
    ("anonymous", false, false, false, false, false, false, false),
];

#[test]
fn api_matrix_of_governance_and_the_action_plan() {
    for app in apps("matrix_governance") {
        let fx = setup(&app);
        let mut admin = Client::with_token(&app.base, &fx.tokens.iter().find(|(l, _)| *l == "admin").unwrap().1);
        let plan = admin.get("/api/v1/plans/concept-2022-2026").json();
        let item = plan["items"].as_array().unwrap().iter().find(|i| i["code"] == "2").unwrap()["id"].as_i64().unwrap();
        for (login, sessions, exec_own, exec_other, create_plan, report_own, report_other, fact) in EXPECT_GOVERNANCE {
            let mut c = match fx.tokens.iter().find(|(l, _)| *l == login) {
                Some((_, t)) => Client::with_token(&app.base, t),
                None => Client::new(&app.base),
            };
            let ctx = format!("[{}] {login}", app.backend);
            let code = |allowed: bool, ok: u16| if allowed { ok } else { denied_status(login) };
            assert_eq!(c.get("/api/v1/sessions").status, code(sessions, 200), "{ctx} lists sessions");
            assert_eq!(c.get("/api/v1/control").status, code(sessions, 200), "{ctx} reads the control dashboard");
            assert_eq!(c.get(&format!("/api/v1/plans/concept-2022-2026/execution?year=2026&region={OWN}")).status, code(exec_own, 200), "{ctx} reads its region's execution");
            assert_eq!(c.get(&format!("/api/v1/plans/concept-2022-2026/execution?year=2026&region={OTHER}")).status, code(exec_other, 200), "{ctx} reads the other region's execution");
            let r = c.json("POST", "/api/v1/plans", &serde_json::json!({"title": format!("Plan by {login}"), "from_year": 2027, "to_year": 2028, "region": OWN}));
            assert_eq!(r.status, code(create_plan, 201), "{ctx} creates its region's plan: {}", r.body);
            let report = |region: &str| serde_json::json!({"due_on": "2026-05-01", "region": region, "text": format!("by {login}")});
            assert_eq!(c.json("POST", &format!("/api/v1/plan-items/{item}/reports"), &report(OWN)).status, code(report_own, 201), "{ctx} reports for its region");
            assert_eq!(c.json("POST", &format!("/api/v1/plan-items/{item}/reports"), &report(OTHER)).status, code(report_other, 201), "{ctx} reports for the other region");
            let r = c.json("PUT", "/api/v1/indicators/c2030-1/facts", &serde_json::json!({"year": 2026, "value": 80.0, "source": format!("survey by {login}")}));
            assert_eq!(r.status, code(fact, 204), "{ctx} enters an indicator's fact");
        }
        // Refused writes left nothing behind: the plans made are the admin's and the regional secretariat's.
        let mut made: Vec<String> = admin.get("/api/v1/plans").json()["items"].as_array().unwrap().iter().filter_map(|p| p["title"]["ru"].as_str().and_then(|t| t.strip_prefix("Plan by ")).map(String::from)).collect();
        made.sort();
        assert_eq!(made, ["admin", "regional"], "[{}]", app.backend);
    }
}
