//! Governance on the pages (issue 5): the target indicators' plan/fact, as a
//! citizen reads it and as an analyst enters a fact; kk/ru/en; both backends.

mod common;

use common::{apps, Client};
use kelisim_store::users;

#[test]
fn issue_5_the_indicators_page_shows_plan_and_fact_and_takes_a_fact_with_its_source() {
    for app in apps("pages_indicators") {
        // Anyone: both Concepts, every indicator with its chart and table.
        let mut public = Client::new(&app.base);
        let page = public.get("/indicators");
        assert_eq!(page.status, 200);
        for code in ["c2030-1", "c2030-5", "c2022-1", "c2022-3"] {
            assert!(page.body.contains(&format!("id=\"{code}\"")), "{code}");
        }
        assert_eq!(page.body.matches("<svg").count(), 8, "a chart per indicator");
        assert!(page.body.contains("Қазақстан этностары арасындағы толеранттылық деңгейі"), "Kazakh by default");
        assert!(!page.body.contains("fact-form"), "no form for the public");
        // The 2024 fact of the first indicator against no plan, 2025 an estimate.
        let table = page.body.split("id=\"table-c2030-1\"").nth(1).unwrap().split("</table>").next().unwrap();
        assert!(table.contains("<td>2024</td>") && table.contains("73.2"), "{table}");

        let s = app.store.clone();
        app.block_on(async move { users::create(&s, "setup", &users::NewUser { login: "ipei", role: "analyst", region: None, organisation_id: None, password: "password-123456" }).await.unwrap() });
        let mut analyst = Client::new(&app.base);
        assert_eq!(analyst.sign_in("ipei", "password-123456", None).status, 303);
        let page = analyst.get("/lang/ru?next=/indicators");
        assert!(page.status == 303 || page.status == 200);
        let page = analyst.get("/indicators");
        assert!(page.body.contains("Уровень эффективности реализации государственной политики"), "Russian names");
        let csrf = Client::csrf_of(&page.body);
        // A bad form comes back naming its fields, with what was typed.
        let r = analyst.post_form("/indicators/c2030-1/facts", &[("csrf", &csrf), ("year", "2026"), ("value", "восемьдесят"), ("source", "")]);
        assert_eq!(r.status, 422);
        let form = r.body.split("action=\"/indicators/c2030-1/facts\"").nth(1).unwrap().split("</form>").next().unwrap();
        assert!(form.contains("value=\"восемьдесят\"") && form.contains("Не число"), "{form}");
        // A fact of 2026 with its source: the deviation from the plan (82 %) is shown.
        let r = analyst.post_form("/indicators/c2030-1/facts", &[("csrf", &csrf), ("year", "2026"), ("value", "81,4"), ("source", "Исследование ИПМ, 2026")]);
        assert_eq!(r.status, 303, "{}", r.body);
        let page = analyst.get("/indicators");
        let table = page.body.split("id=\"table-c2030-1\"").nth(1).unwrap().split("</table>").next().unwrap();
        let row = table.split("data-year=\"2026\"").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(row.contains("81.4") && row.contains("deviation-below") && row.contains("-0.6"), "{row}");
    }
}

#[test]
fn issue_5_the_control_dashboard_shows_the_regions_assignments_overdue_first() {
    use kelisim_core::organisation::OrganisationInput;
    use kelisim_core::person::{PersonInput, PersonRoleInput};
    use kelisim_store::control::{self, AssignmentInput, CoExecutor};
    use kelisim_store::governance::{self, SessionInput};
    use kelisim_store::{organisations, people};
    for app in apps("pages_control") {
        let s = app.store.clone();
        let (late, soon) = app.block_on(async move {
            let now = kelisim_store::now_utc();
            let today = time::OffsetDateTime::now_utc().date();
            let day = |d: i64| (today + time::Duration::days(d)).to_string();
            let org = organisations::create(&s, "t", &OrganisationInput { org_type: "regional_assembly".into(), region: Some("750000000".into()), name_kk: "Алматы қаласы ассамблеясы".into(), name_ru: "Ассамблея города Алматы".into(), name_en: "Almaty city assembly".into(), status: "active".into(), ..Default::default() }).await.unwrap();
            let mut members = vec![];
            for n in 0..3 {
                let p = people::create(&s, "t", &PersonInput { full_name: format!("Член {n}"), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
                people::add_role(&s, "t", p, &PersonRoleInput { organisation_id: org, role: "member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
                members.push(p);
            }
            let input = SessionInput { organisation_id: org, body: "session".into(), kind: "regular".into(), title: "XII сессия".into(), opens_on: day(-10), place: "Дом дружбы".into(), announced_on: day(-50), draft_agenda: "1. План".into(), ..Default::default() };
            let id = governance::announce(&s, "sec", &input, &now).await.unwrap();
            governance::open(&s, "sec", id, &now).await.unwrap();
            for p in &members {
                governance::register(&s, "sec", id, *p, true, &now).await.unwrap();
            }
            let q = governance::put_question(&s, "sec", id, "Утвердить план", "open", &now).await.unwrap();
            for p in &members {
                governance::cast(&s, "sec", q, *p, "for", &now).await.unwrap();
            }
            governance::close_question(&s, "sec", q, &now).await.unwrap();
            let decision = governance::decisions(&s, id).await.unwrap()[0].id;
            let a = |text: &str, deadline: String| AssignmentInput { text: text.into(), executor: "Управление общественного развития".into(), region: Some("750000000".into()), deadline, co_executors: vec![CoExecutor { name: "Акимат района".into(), by_agreement: true }], ..Default::default() };
            let soon = control::assign(&s, "sec", decision, &a("Провести форум", day(20)), &now).await.unwrap();
            let late = control::assign(&s, "sec", decision, &a("Представить отчёт", day(-2)), &now).await.unwrap();
            control::assign(&s, "sec", decision, &AssignmentInput { executor: "Совет матерей".into(), ..a("Провести круглый стол", day(3)) }, &now).await.unwrap();
            for (login, role, region) in [("almaty.sec", "regional_admin", Some("750000000")), ("astana.sec", "regional_admin", Some("710000000")), ("police", "responder", Some("750000000"))] {
                users::create(&s, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
            }
            (late, soon)
        });
        let mut sec = Client::new(&app.base);
        assert_eq!(sec.sign_in("almaty.sec", "password-123456", None).status, 303);
        let page = sec.get("/control");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("id=\"nav-control\""));
        let rows: Vec<&str> = page.body.split("data-id=\"").skip(1).map(|r| r.split('"').next().unwrap()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[0].to_string(), rows[2].to_string()), (late.to_string(), soon.to_string()), "overdue first, then by the nearest deadline");
        assert!(page.body.contains("3 күн қалды"), "due within the week: the days left");
        assert!(page.body.contains("id=\"overdue-count\"") && page.body.contains("Мерзімі өткен: 1"), "Kazakh by default");
        assert!(page.body.contains("келісім бойынша"), "co-executors by agreement");
        let soon_row = page.body.split(&format!("data-id=\"{soon}\"")).nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(!soon_row.contains("days-left"), "20 days ahead is beyond the week's reminders");
        // By executor: the one with an overdue assignment first, each name a filter.
        let summary = page.body.split("id=\"by-executor\"").nth(1).unwrap().split("</table>").next().unwrap();
        let lines: Vec<&str> = summary.split("<tr><td>").skip(1).collect();
        assert_eq!(lines.len(), 2, "{summary}");
        assert!(lines[0].contains("Управление общественного развития") && lines[0].contains("<b class=\"deviation-below\">1</b>"), "{}", lines[0]);
        assert!(lines[1].contains("Совет матерей") && lines[1].contains("executor=%D0%A1%D0%BE%D0%B2%D0%B5%D1%82"), "{}", lines[1]);
        let only_overdue = sec.get("/control?state=overdue");
        assert_eq!(only_overdue.body.matches("data-id=\"").count(), 1);
        let mut other = Client::new(&app.base);
        assert_eq!(other.sign_in("astana.sec", "password-123456", None).status, 303);
        assert_eq!(other.get("/control").body.matches("data-id=\"").count(), 0, "another region's decisions are not shown");
        let mut responder = Client::new(&app.base);
        assert_eq!(responder.sign_in("police", "password-123456", None).status, 303);
        let r = responder.get("/control");
        assert_eq!(r.status, 403);
        assert!(!r.body.contains("nav-control"));
    }
}

#[test]
fn issue_5_a_secretariat_announces_holds_and_closes_a_session_on_the_pages() {
    use kelisim_core::organisation::OrganisationInput;
    use kelisim_core::person::{PersonInput, PersonRoleInput};
    use kelisim_store::{organisations, people};
    for app in apps("pages_sessions") {
        let s = app.store.clone();
        let (org, members) = app.block_on(async move {
            let org = organisations::create(&s, "t", &OrganisationInput { org_type: "regional_assembly".into(), region: Some("750000000".into()), name_kk: "Алматы қаласы ассамблеясы".into(), name_ru: "Ассамблея города Алматы".into(), name_en: "Almaty city assembly".into(), status: "active".into(), ..Default::default() }).await.unwrap();
            let mut ids = vec![];
            for n in 0..30 {
                let p = people::create(&s, "t", &PersonInput { full_name: format!("Член ассамблеи {n:02}"), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
                people::add_role(&s, "t", p, &PersonRoleInput { organisation_id: org, role: "member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
                ids.push(p);
            }
            users::create(&s, "setup", &users::NewUser { login: "almaty.sec", role: "regional_admin", region: Some("750000000"), organisation_id: None, password: "password-123456" }).await.unwrap();
            (org, ids)
        });
        let today = time::OffsetDateTime::now_utc().date();
        let day = |d: i64| (today + time::Duration::days(d)).to_string();
        let mut sec = Client::new(&app.base);
        assert_eq!(sec.sign_in("almaty.sec", "password-123456", None).status, 303);
        let _ = sec.get("/lang/ru?next=/sessions");
        let list = sec.get("/sessions");
        assert!(list.body.contains("id=\"announce-session\""));
        let form = sec.get("/sessions/new");
        let csrf = Client::csrf_of(&form.body);
        let org_s = org.to_string();
        let fields = |announced: String, opens: String| -> Vec<(&'static str, String)> {
            vec![("csrf", csrf.clone()), ("organisation_id", org_s.clone()), ("body", "session".into()), ("kind", "regular".into()), ("title", "XII сессия".into()), ("opens_on", opens), ("announced_on", announced), ("place", "Дом дружбы".into()), ("draft_agenda", "1. Об итогах года".into())]
        };
        let as_refs = |v: &Vec<(&'static str, String)>| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
        // Twenty days' notice for a regular session: refused on the page, the rule named, the input kept.
        let f = fields(day(0), day(20));
        let r = sec.post_form("/sessions/new", &as_refs(&f).iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
        assert_eq!(r.status, 422);
        assert!(r.body.contains("не позднее чем за месяц") && r.body.contains(&format!("value=\"{}\"", day(20))), "the rule and the typed date");
        // An extraordinary session at the members' request: the signatories are ticked
        // on the assembly's roll; 9 of 30 is less than a third (seed 004 p.8), 10 is enough.
        assert_eq!(form.body.matches("name=\"signatories\"").count(), 30, "every member to tick");
        let extraordinary = |signed: &[i64]| -> Vec<(String, String)> {
            let mut v: Vec<(String, String)> = vec![("csrf".into(), csrf.clone()), ("organisation_id".into(), org_s.clone()), ("body".into(), "session".into()), ("kind".into(), "extraordinary".into()), ("title".into(), "Внеочередная сессия".into()), ("opens_on".into(), day(20)), ("announced_on".into(), day(0)), ("place".into(), "Дом дружбы".into()), ("draft_agenda".into(), "1. О ситуации".into()), ("convened_on".into(), "members_request".into()), ("decided_on".into(), day(0))];
            v.extend(signed.iter().map(|p| ("signatories".to_string(), p.to_string())));
            v
        };
        let nine = extraordinary(&members[..9]);
        let r = sec.post_form("/sessions/new", &nine.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>());
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.body.matches(" checked>").count(), 9, "the ticks are kept");
        let ten = extraordinary(&members[..10]);
        let r = sec.post_form("/sessions/new", &ten.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>());
        assert_eq!(r.status, 303, "{}", r.body);
        let desk = sec.get(r.header("location").unwrap());
        assert!(desk.body.contains("подписали 10"), "the request's signatories recorded");
        let f = fields(day(-40), day(0));
        let r = sec.post_form("/sessions/new", &as_refs(&f).iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
        assert_eq!(r.status, 303, "{}", r.body);
        let desk_path = r.header("location").unwrap().to_string();
        let id = desk_path.trim_start_matches("/sessions/").to_string();
        let act = format!("/sessions/{id}/desk");
        let post = |c: &mut Client, fields: &[(&str, &str)]| {
            let csrf = Client::csrf_of(&c.get(&desk_path).body);
            let mut all = vec![("csrf", csrf.as_str())];
            all.extend_from_slice(fields);
            c.post_form(&act, &all)
        };
        assert_eq!(post(&mut sec, &[("action", "open")]).status, 303);
        // 19 registered: no quorum, no vote.
        for p in &members[..19] {
            assert_eq!(post(&mut sec, &[("action", "attend"), ("person_id", &p.to_string())]).status, 303);
        }
        let desk = sec.get(&desk_path);
        assert!(desk.body.contains("кворума нет") && desk.body.contains("кворум от 20"), "the live quorum");
        let r = post(&mut sec, &[("action", "question"), ("text", "Утвердить план мероприятий"), ("method", "secret")]);
        assert_eq!(r.status, 422);
        assert!(r.body.contains("нет кворума"), "refused without quorum");
        assert_eq!(post(&mut sec, &[("action", "attend"), ("person_id", &members[19].to_string())]).status, 303);
        assert!(sec.get(&desk_path).body.contains("кворум есть"));
        assert_eq!(post(&mut sec, &[("action", "question"), ("text", "Утвердить план мероприятий"), ("method", "secret")]).status, 303);
        let desk = sec.get(&desk_path);
        let qid = desk.body.split("id=\"question-").nth(1).unwrap().split('"').next().unwrap().to_string();
        for (k, p) in members[..20].iter().enumerate() {
            let choice = if k < 11 { "for" } else { "against" };
            assert_eq!(post(&mut sec, &[("action", "vote"), ("question_id", &qid), ("person_id", &p.to_string()), ("choice", choice)]).status, 303);
        }
        let desk = sec.get(&desk_path);
        let question = desk.body.split(&format!("id=\"question-{qid}\"")).nth(1).unwrap();
        assert!(question.contains("проголосовал(а)") && !question.contains("vote-for\">"), "a secret ballot shows that each voted, not how, and no more buttons");
        let again = post(&mut sec, &[("action", "vote"), ("question_id", &qid), ("person_id", &members[0].to_string()), ("choice", "for")]);
        assert_eq!(again.status, 422, "once");
        assert_eq!(post(&mut sec, &[("action", "close_question"), ("question_id", &qid)]).status, 303);
        let desk = sec.get(&desk_path);
        assert!(desk.body.contains("за: <b>11</b>") && desk.body.contains("принято"), "11 of 20 present: adopted");
        let decision = desk.body.split("id=\"decisions\"").nth(1).unwrap();
        assert!(decision.contains("<li value=\"1\">Утвердить план мероприятий\n"), "point 1 of the decision");
        // The point goes on control from the desk; a missing executor is named.
        let point_id = decision.split("name=\"decision_id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let deadline = day(30);
        let r = post(&mut sec, &[("action", "assign"), ("decision_id", &point_id), ("text", "Провести форум"), ("executor", ""), ("deadline", &deadline)]);
        assert_eq!(r.status, 422);
        let r = post(&mut sec, &[("action", "assign"), ("decision_id", &point_id), ("text", "Провести форум"), ("executor", "Управление общественного развития"), ("deadline", &deadline), ("co_executor", "Акимат"), ("by_agreement", "1")]);
        assert_eq!(r.status, 303, "{}", r.body);
        let board = sec.get("/control");
        let link = board.body.split("href=\"/assignments/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let page_path = format!("/assignments/{link}");
        let page = sec.get(&page_path);
        assert!(page.body.contains("Акимат (по согласованию)"), "the co-executor by agreement");
        let csrf = Client::csrf_of(&page.body);
        let version = page.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let act_path = format!("{page_path}/act");
        assert_eq!(sec.post_form(&act_path, &[("csrf", &csrf), ("action", "report"), ("text", "Площадка согласована"), ("version", &version)]).status, 303);
        let refused = sec.post_form(&act_path, &[("csrf", &csrf), ("action", "extend"), ("deadline", &day(60)), ("reason", ""), ("version", &version)]);
        assert_eq!(refused.status, 422, "an extension needs its reason");
        assert_eq!(sec.post_form(&act_path, &[("csrf", &csrf), ("action", "extend"), ("deadline", &day(60)), ("reason", "Перенос по просьбе акимата"), ("version", &version)]).status, 303);
        let stale = sec.post_form(&act_path, &[("csrf", &csrf), ("action", "execute"), ("version", &version)]);
        assert_eq!(stale.status, 409, "a stale form is a conflict, not a lost change");
        let page = sec.get(&page_path);
        assert!(page.body.contains("id=\"assignment-state\">срок продлён") && page.body.contains(&format!("id=\"assignment-deadline\">{}", day(60))));
        assert!(page.body.contains("Перенос по просьбе акимата") && page.body.contains("Площадка согласована"), "the history");
        let version = page.body.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert_eq!(sec.post_form(&act_path, &[("csrf", &csrf), ("action", "execute"), ("version", &version)]).status, 303);
        assert!(sec.get(&page_path).body.contains("id=\"assignment-state\">исполнено"));

        assert_eq!(post(&mut sec, &[("action", "close")]).status, 303);
        let desk = sec.get(&desk_path);
        assert!(desk.body.contains("id=\"session-state\">закрыта"));
        assert!(!desk.body.contains("id=\"close-session\""));
    }
}

#[test]
fn issue_5_a_council_poll_is_run_on_the_pages_to_two_thirds_of_the_council() {
    use kelisim_core::organisation::OrganisationInput;
    use kelisim_core::person::{PersonInput, PersonRoleInput};
    use kelisim_store::{organisations, people};
    for app in apps("pages_polls") {
        let s = app.store.clone();
        let (org, members) = app.block_on(async move {
            let org = organisations::create(&s, "t", &OrganisationInput { org_type: "regional_assembly".into(), region: Some("750000000".into()), name_kk: "Алматы қаласы ассамблеясы".into(), name_ru: "Ассамблея города Алматы".into(), name_en: "Almaty city assembly".into(), status: "active".into(), ..Default::default() }).await.unwrap();
            let mut ids = vec![];
            for n in 0..21 {
                let p = people::create(&s, "t", &PersonInput { full_name: format!("Член совета {n:02}"), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
                people::add_role(&s, "t", p, &PersonRoleInput { organisation_id: org, role: "council_member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
                ids.push(p);
            }
            users::create(&s, "setup", &users::NewUser { login: "almaty.sec", role: "regional_admin", region: Some("750000000"), organisation_id: None, password: "password-123456" }).await.unwrap();
            (org, ids)
        });
        let mut sec = Client::new(&app.base);
        assert_eq!(sec.sign_in("almaty.sec", "password-123456", None).status, 303);
        let _ = sec.get("/lang/ru?next=/polls");
        let page = sec.get("/polls");
        let csrf = Client::csrf_of(&page.body);
        let org_s = org.to_string();
        let r = sec.post_form("/polls", &[("csrf", &csrf), ("organisation_id", &org_s), ("text", "Рекомендовать кандидатуры"), ("deadline", "2020-01-01T18:00")]);
        assert_eq!(r.status, 422);
        assert!(r.body.contains("должно быть в будущем"), "a deadline in the past");
        let deadline = (time::OffsetDateTime::now_utc() + time::Duration::days(3)).date().to_string() + "T18:00";
        let r = sec.post_form("/polls", &[("csrf", &csrf), ("organisation_id", &org_s), ("text", "Рекомендовать кандидатуры"), ("deadline", &deadline)]);
        assert_eq!(r.status, 303, "{}", r.body);
        let desk = r.header("location").unwrap().to_string();
        let act = format!("{desk}/desk");
        for p in &members[..13] {
            let r = sec.post_form(&act, &[("csrf", &csrf), ("action", "answer"), ("person_id", &p.to_string()), ("choice", "for")]);
            assert_eq!(r.status, 303);
        }
        // 13 of 21 before the deadline: the poll stays open.
        assert_eq!(sec.post_form(&act, &[("csrf", &csrf), ("action", "close")]).status, 303);
        assert!(sec.get(&desk).body.contains("id=\"poll-state\">идёт приём ответов"));
        let twice = sec.post_form(&act, &[("csrf", &csrf), ("action", "answer"), ("person_id", &members[0].to_string()), ("choice", "against")]);
        assert_eq!(twice.status, 422);
        assert_eq!(sec.post_form(&act, &[("csrf", &csrf), ("action", "answer"), ("person_id", &members[13].to_string()), ("choice", "for")]).status, 303);
        assert_eq!(sec.post_form(&act, &[("csrf", &csrf), ("action", "close")]).status, 303);
        let page = sec.get(&desk);
        assert!(page.body.contains("id=\"poll-state\">решение принято"), "14 of 21 is two thirds");
        assert!(page.body.contains("нужно 14 / 21"));
        assert!(sec.get("/polls").body.contains("решение принято"));
    }
}

/// A multipart form: text fields, then files as (field, name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----kelisimplanboundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (k, name, content) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn issue_5_a_regional_secretariat_follows_the_action_plan_and_files_a_report_with_an_attachment() {
    for app in apps("pages_plan") {
        let s = app.store.clone();
        app.block_on(async move { users::create(&s, "setup", &users::NewUser { login: "almaty.sec", role: "regional_admin", region: Some("750000000"), organisation_id: None, password: "password-123456" }).await.unwrap() });
        let mut sec = Client::new(&app.base);
        assert_eq!(sec.sign_in("almaty.sec", "password-123456", None).status, 303);
        sec.get("/lang/ru?next=/plan");
        let page = sec.get("/plan?year=2026");
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("id=\"nav-plan\""));
        assert!(page.body.contains("ҚХА-ның жыл сайынғы сессиясын дайындау және өткізу"), "items as printed, in Kazakh");
        let row = page.body.split("id=\"item-2\"").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(row.contains("plan-overdue") || row.contains("plan-due"), "{row}");
        assert!(page.body.contains("format=xlsx&amp;year=2026&amp;region=750000000"), "downloads for the secretariat's region");
        let item_id: i64 = row.split("/plan/items/").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let item = sec.get(&format!("/plan/items/{item_id}"));
        assert!(item.body.contains("id=\"report-form\""));
        assert!(!item.body.contains("<option value=\"\">"), "a regional secretariat reports for its region only");
        let csrf = Client::csrf_of(&item.body);
        // Without its text: refused, naming the field, what was chosen kept.
        let (ct, body) = multipart(&[("csrf", &csrf), ("due_on", "2026-05-01"), ("region", "750000000"), ("text", "")], &[]);
        let r = sec.send("POST", &format!("/plan/items/{item_id}"), Some(&ct), &body, &[]);
        assert_eq!(r.status, 422);
        assert!(r.body.contains("id=\"form-errors\"") && r.body.contains("text:"), "{}", r.body);
        let (ct, body) = multipart(&[("csrf", &csrf), ("due_on", "2026-05-01"), ("region", "750000000"), ("text", "Сессия проведена 28 апреля")], &[("files", "protocol.pdf", b"%PDF-1.7 protocol")]);
        let r = sec.send("POST", &format!("/plan/items/{item_id}"), Some(&ct), &body, &[]);
        assert_eq!(r.status, 303, "{}", r.body);
        let item = sec.get(&format!("/plan/items/{item_id}"));
        assert!(item.body.contains("Сессия проведена 28 апреля"));
        let link = item.body.split("class=\"attachment\"").next().unwrap().rsplit("href=\"").next().unwrap().split('"').next().unwrap().to_string();
        let file = sec.get(&link);
        assert_eq!(file.bytes, b"%PDF-1.7 protocol");
        let page = sec.get("/plan?year=2026");
        let row = page.body.split("id=\"item-2\"").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(row.contains("plan-reported"), "{row}");
        // The Concept to 2030: its six directions and no items yet.
        let c2030 = sec.get("/plan?plan=concept-2030");
        assert_eq!(c2030.body.matches("class=\"card plan-direction\"").count(), 6);
        assert!(c2030.body.contains("id=\"plan-no-items\""));
    }
}

#[test]
fn issue_5_a_regional_assembly_runs_its_own_plan_on_the_pages() {
    for app in apps("pages_own_plan") {
        let s = app.store.clone();
        let astana_token = app.block_on(async move {
            for (login, region) in [("almaty.sec", "750000000"), ("astana.sec", "710000000")] {
                users::create(&s, "setup", &users::NewUser { login, role: "regional_admin", region: Some(region), organisation_id: None, password: "password-123456" }).await.unwrap();
            }
            users::create_api_token(&s, "setup", "astana.sec").await.unwrap()
        });
        let mut sec = Client::new(&app.base);
        assert_eq!(sec.sign_in("almaty.sec", "password-123456", None).status, 303);
        sec.get("/lang/ru?next=/plan");
        let page = sec.get("/plan");
        assert!(page.body.contains("id=\"plan-form\""), "a regional secretariat may create its plan");
        assert!(!page.body.contains("id=\"item-form\""), "the printed plan takes no items");
        let csrf = Client::csrf_of(&page.body);
        let r = sec.post_form("/plan", &[("csrf", &csrf), ("action", "plan"), ("title", "План ассамблеи города Алматы на 2027-2028 годы"), ("from_year", "2027"), ("to_year", "2028"), ("region", "750000000")]);
        assert_eq!(r.status, 303, "{}", r.body);
        let location = r.header("location").unwrap().to_string();
        let code = location.split("plan=").nth(1).unwrap().to_string();
        assert_eq!(sec.post_form("/plan", &[("csrf", &csrf), ("action", "direction"), ("plan", &code), ("code", "1"), ("title", "Единство и согласие")]).status, 303);
        let bad = sec.post_form("/plan", &[("csrf", &csrf), ("action", "item"), ("plan", &code), ("direction", "1"), ("code", "1"), ("title", "Фестиваль «Достық»"), ("term", "когда-нибудь")]);
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("id=\"form-errors\"") && bad.body.contains("value=\"когда-нибудь\""), "the reason and what was typed");
        let ok = sec.post_form("/plan", &[("csrf", &csrf), ("action", "item"), ("plan", &code), ("direction", "1"), ("code", "1"), ("title", "Фестиваль «Достық»"), ("completion_form", "информация"), ("term", "ежегодно, до 1 мая"), ("responsible", "Управление общественного развития"), ("co_responsible", "Дом дружбы")]);
        assert_eq!(ok.status, 303, "{}", ok.body);
        let page = sec.get(&format!("/plan?plan={code}&year=2027"));
        let row = page.body.split("id=\"item-1\"").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(row.contains("2027-05-01") && row.contains("Дом дружбы"), "{row}");
        // Another region neither sees nor edits it.
        let mut astana = Client::with_token(&app.base, &astana_token);
        let list = astana.get("/api/v1/plans").json();
        assert!(list["items"].as_array().unwrap().iter().all(|p| p["code"] != code.as_str()), "{list}");
        assert_eq!(astana.get(&format!("/api/v1/plans/{code}")).status, 403);
        assert_eq!(astana.json("POST", &format!("/api/v1/plans/{code}/items"), &serde_json::json!({"direction": "1", "code": "2", "title": "x", "term": "ежегодно"})).status, 403);
    }
}
