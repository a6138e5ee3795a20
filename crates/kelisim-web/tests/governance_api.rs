//! Governance over the JSON API (issue 5): the target indicators as a
//! citizen reads them and as an analyst enters a fact; on both backends.

mod common;

use common::{apps, Client};
use kelisim_store::users;

fn token(app: &common::TestApp, login: &'static str, role: &'static str, region: Option<&'static str>) -> String {
    let s = app.store.clone();
    app.block_on(async move {
        users::create(&s, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
        users::create_api_token(&s, "setup", login).await.unwrap()
    })
}

#[test]
fn issue_5_indicators_answer_as_the_issue_says_and_facts_are_entered_by_analysts() {
    for app in apps("api_indicators") {
        // Public, in the shape of issue 5 §7.
        let mut public = Client::new(&app.base);
        let v = public.get("/api/v1/indicators").json();
        let items = v["items"].as_array().unwrap();
        assert_eq!(items.len(), 8);
        let first = &items[0];
        for key in ["code", "name", "unit", "source", "values"] {
            assert!(first.get(key).is_some(), "{key}: {first}");
        }
        assert_eq!(first["code"], "c2030-1");
        assert_eq!(first["name"]["ru"], "Уровень эффективности реализации государственной политики по укреплению межэтнического согласия");
        assert!(first["name"]["kk"].as_str().unwrap().len() > 10 && first["name"]["en"].as_str().unwrap().len() > 10);
        assert_eq!(first["values"][0], serde_json::json!({"year": 2024, "kind": "fact", "value": 73.2, "source": "Концепция развития Ассамблеи народа Казахстана до 2030 года, раздел 6"}));
        assert_eq!(first["values"][1]["kind"], "estimate");
        assert_eq!(first["values"].as_array().unwrap().iter().filter(|x| x["kind"] == "plan").count(), 5);

        // A responder may not enter facts; an analyst may; bad input names the field.
        let mut responder = Client::with_token(&app.base, &token(&app, "police", "responder", Some("750000000")));
        let fact = serde_json::json!({"year": 2026, "value": 82.7, "source": "Исследование ИПМ, 2026"});
        assert_eq!(responder.json("PUT", "/api/v1/indicators/c2030-1/facts", &fact).status, 403);
        let mut analyst = Client::with_token(&app.base, &token(&app, "ipei", "analyst", None));
        let r = analyst.json("PUT", "/api/v1/indicators/c2030-1/facts", &serde_json::json!({"year": 2026, "value": 182.7, "source": ""}));
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("\"value\"") && r.body.contains("\"source\""), "{}", r.body);
        assert_eq!(analyst.json("PUT", "/api/v1/indicators/nope/facts", &fact).status, 404);
        assert_eq!(analyst.json("PUT", "/api/v1/indicators/c2030-1/facts", &fact).status, 204);
        let table = public.get("/api/v1/indicators/c2030-1").json();
        let y2026 = table["years"].as_array().unwrap().iter().find(|y| y["year"] == 2026).unwrap().clone();
        assert_eq!((y2026["plan"].as_f64(), y2026["fact"].as_f64(), y2026["deviation"].as_f64()), (Some(82.0), Some(82.7), Some(0.7)), "{table}");
        // In the OpenAPI document.
        let doc = public.get("/api/v1/openapi.json").json();
        for p in ["/indicators", "/indicators/{code}", "/indicators/{code}/facts"] {
            assert!(doc["paths"].get(p).is_some(), "{p}");
        }
    }
}

/// An Almaty assembly with 30 members (the first 21 also on its Council); answers (organisation, people).
fn almaty_assembly(app: &common::TestApp) -> (i64, Vec<i64>) {
    use kelisim_core::organisation::OrganisationInput;
    use kelisim_core::person::{PersonInput, PersonRoleInput};
    use kelisim_store::{organisations, people};
    let s = app.store.clone();
    app.block_on(async move {
        let org = organisations::create(&s, "t", &OrganisationInput { org_type: "regional_assembly".into(), region: Some("750000000".into()), name_kk: "Алматы қаласы ассамблеясы".into(), name_ru: "Ассамблея города Алматы".into(), name_en: "Almaty city assembly".into(), status: "active".into(), ..Default::default() }).await.unwrap();
        let mut ids = vec![];
        for n in 0..30 {
            let p = people::create(&s, "t", &PersonInput { full_name: format!("Член {n}"), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
            people::add_role(&s, "t", p, &PersonRoleInput { organisation_id: org, role: "member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
            if n < 21 {
                people::add_role(&s, "t", p, &PersonRoleInput { organisation_id: org, role: "council_member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
            }
            ids.push(p);
        }
        (org, ids)
    })
}

#[test]
fn issue_5_a_regional_secretariat_holds_its_session_by_the_regulation() {
    for app in apps("api_sessions") {
        let (org, members) = almaty_assembly(&app);
        let mut sec = Client::with_token(&app.base, &token(&app, "almaty.sec", "regional_admin", Some("750000000")));
        let mut other = Client::with_token(&app.base, &token(&app, "astana.sec", "regional_admin", Some("710000000")));
        let mut responder = Client::with_token(&app.base, &token(&app, "police", "responder", Some("750000000")));
        let today = time::OffsetDateTime::now_utc().date();
        let day = |d: i64| (today + time::Duration::days(d)).to_string();
        let session = |announced: String, opens: String| serde_json::json!({"organisation_id": org, "body": "session", "kind": "regular", "title": "XII сессия", "opens_on": opens, "place": "Дом дружбы", "announced_on": announced, "draft_agenda": "1. Об итогах года"});

        // A regular session announced twenty days ahead is refused, naming the rule's field.
        let r = sec.json("POST", "/api/v1/sessions", &session(day(0), day(20)));
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("err-notice-too-short") && r.body.contains("opens_on"), "{}", r.body);
        // Another region's secretariat and a responder may not announce it.
        assert_eq!(other.json("POST", "/api/v1/sessions", &session(day(-40), day(0))).status, 403);
        assert_eq!(responder.json("POST", "/api/v1/sessions", &session(day(-40), day(0))).status, 403);
        let r = sec.json("POST", "/api/v1/sessions", &session(day(-40), day(0)));
        assert_eq!(r.status, 201, "{}", r.body);
        let id = r.json()["id"].as_i64().unwrap();
        assert_eq!(other.get(&format!("/api/v1/sessions/{id}")).status, 403, "another region's session");

        assert_eq!(sec.json("POST", &format!("/api/v1/sessions/{id}/agenda"), &serde_json::json!({"title": "О плане мероприятий на 2027 год", "speaker": "Секретариат"})).status, 201);
        let a = sec.json("POST", &format!("/api/v1/sessions/{id}/open"), &serde_json::json!({})).json();
        assert_eq!((a["members_total"].as_i64(), a["quorum_needed"].as_i64()), (Some(30), Some(20)));
        for p in &members[..20] {
            assert_eq!(sec.json("POST", &format!("/api/v1/sessions/{id}/attendance"), &serde_json::json!({"person_id": p, "present": true})).status, 200);
        }
        let r = sec.json("POST", &format!("/api/v1/sessions/{id}/questions"), &serde_json::json!({"text": "Утвердить план мероприятий на 2027 год", "method": "secret"}));
        assert_eq!(r.status, 201, "{}", r.body);
        let q = r.json()["id"].as_i64().unwrap();
        for (k, p) in members[..20].iter().enumerate() {
            let r = sec.json("POST", &format!("/api/v1/questions/{q}/votes"), &serde_json::json!({"person_id": p, "choice": if k < 11 { "for" } else { "against" }}));
            assert_eq!(r.status, 204, "{}", r.body);
        }
        let twice = sec.json("POST", &format!("/api/v1/questions/{q}/votes"), &serde_json::json!({"person_id": members[0], "choice": "for"}));
        assert_eq!(twice.status, 422);
        assert!(twice.body.contains("err-already-voted"), "{}", twice.body);
        let closed = sec.json("POST", &format!("/api/v1/questions/{q}/close"), &serde_json::json!({})).json();
        assert_eq!((closed["votes_for"].as_i64(), closed["present"].as_i64(), closed["passed"].as_bool()), (Some(11), Some(20), Some(true)), "{closed}");
        assert_eq!(sec.json("POST", &format!("/api/v1/sessions/{id}/close"), &serde_json::json!({})).status, 204);
        let detail = sec.get(&format!("/api/v1/sessions/{id}")).json();
        assert_eq!(detail["state"], "closed");
        assert_eq!(detail["decisions"][0]["point"], 1);
        assert_eq!(detail["agenda"][0]["title"], "О плане мероприятий на 2027 год");
        assert_eq!(detail["attendance"]["quorum"], true);

        // The minutes print what was decided, in Kazakh and Russian (issue 5 §4).
        let pdf = sec.get(&format!("/api/v1/sessions/{id}/minutes?lang=ru"));
        assert_eq!(pdf.status, 200, "{}", pdf.body);
        assert_eq!(pdf.header("content-type"), Some("application/pdf"));
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        if let Some(text) = common::pdf_text(&pdf.bytes) {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for expected in ["ПРОТОКОЛ", "XII сессия", "Всего членов: 30", "Присутствовали: 20", "О плане мероприятий на 2027 год", "тайное 11 9 0 20 11 принято", "ПОСТАНОВИЛИ", "1. Утвердить план мероприятий на 2027 год (вопрос 1)"] {
                assert!(text.contains(expected), "{expected:?} not in the minutes: {text}");
            }
        }
        let kk = sec.get(&format!("/api/v1/sessions/{id}/minutes?lang=kk"));
        assert_eq!(kk.status, 200);
        if let Some(text) = common::pdf_text(&kk.bytes) {
            assert!(text.contains("ХАТТАМА") && text.contains("ҚАУЛЫ ЕТТІ"), "{text}");
        }
        assert_eq!(other.get(&format!("/api/v1/sessions/{id}/minutes")).status, 403, "another region's minutes");
        let bad = sec.get(&format!("/api/v1/sessions/{id}/minutes?lang=de"));
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("\"lang\""), "{}", bad.body);

        // The decision's point goes on control; the dashboard shows the overdue one first.
        let decision = detail["decisions"][0]["id"].as_i64().unwrap();
        let assignment = |text: &str, deadline: String| serde_json::json!({"text": text, "executor": "Управление общественного развития города Алматы", "region": "750000000", "deadline": deadline, "co_executors": [{"name": "РГУ «Қоғамдық келісім»", "by_agreement": true}]});
        assert_eq!(other.json("POST", &format!("/api/v1/decisions/{decision}/assignments"), &assignment("x", day(10))).status, 403);
        let r = sec.json("POST", &format!("/api/v1/decisions/{decision}/assignments"), &assignment("Провести форум", day(30)));
        assert_eq!(r.status, 201, "{}", r.body);
        let forum = r.json()["id"].as_i64().unwrap();
        let late = sec.json("POST", &format!("/api/v1/decisions/{decision}/assignments"), &assignment("Представить отчёт", day(-1))).json()["id"].as_i64().unwrap();
        let board = sec.get("/api/v1/control").json();
        let ids: Vec<i64> = board["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![late, forum]);
        assert_eq!(board["items"][0]["state"], "overdue");
        assert_eq!(other.get("/api/v1/control").json()["total"], 0, "another region's dashboard");
        assert_eq!(sec.json("POST", &format!("/api/v1/assignments/{forum}/reports"), &serde_json::json!({"text": "Форум подготовлен"})).status, 204);
        let v = sec.get(&format!("/api/v1/assignments/{late}")).json()["version"].as_i64().unwrap();
        let r = sec.json("POST", &format!("/api/v1/assignments/{late}/change"), &serde_json::json!({"action": "extend", "deadline": day(14), "reason": "", "version": v}));
        assert_eq!(r.status, 422);
        assert!(r.body.contains("\"reason\""), "{}", r.body);
        let r = sec.json("POST", &format!("/api/v1/assignments/{late}/change"), &serde_json::json!({"action": "extend", "deadline": day(14), "reason": "Ждём данные исследования", "version": v}));
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["state"], "extended");
        assert_eq!(sec.json("POST", &format!("/api/v1/assignments/{late}/change"), &serde_json::json!({"action": "execute", "version": v})).status, 409, "a stale version");
        let history = sec.get(&format!("/api/v1/assignments/{late}")).json();
        assert_eq!(history["events"][1]["text"], "Ждём данные исследования");
        assert_eq!(sec.get(&format!("/api/v1/assignments/{forum}")).json()["events"][1]["kind"], "report");

        // A written poll of the Council: 14 of 21 is two thirds.
        let deadline = format!("{}T18:00:00Z", day(3));
        let r = sec.json("POST", "/api/v1/polls", &serde_json::json!({"organisation_id": org, "text": "Рекомендовать кандидатуры", "deadline": deadline}));
        assert_eq!(r.status, 201, "{}", r.body);
        let poll = r.json()["id"].as_i64().unwrap();
        for p in &members[..14] {
            assert_eq!(sec.json("POST", &format!("/api/v1/polls/{poll}/answers"), &serde_json::json!({"person_id": p, "choice": "for"})).status, 200);
        }
        let future = sec.json("POST", &format!("/api/v1/polls/{poll}/answers"), &serde_json::json!({"person_id": members[15], "choice": "for", "answered_at": format!("{}T10:00:00Z", day(2))}));
        assert_eq!(future.status, 422, "an answer is not dated ahead");
        let p = sec.json("POST", &format!("/api/v1/polls/{poll}/close"), &serde_json::json!({})).json();
        assert_eq!((p["state"].as_str(), p["members_total"].as_i64(), p["votes_for"].as_i64()), (Some("adopted"), Some(21), Some(14)), "{p}");
        assert_eq!(other.get(&format!("/api/v1/polls/{poll}")).status, 403);
        // The analysts read every region's sessions.
        let mut analyst = Client::with_token(&app.base, &token(&app, "ipei", "analyst", None));
        assert_eq!(analyst.get("/api/v1/sessions").json()["total"], 1);
        assert_eq!(other.get("/api/v1/sessions").json()["total"], 0);
        assert_eq!(responder.get("/api/v1/sessions").status, 403);
    }
}

#[test]
fn issue_5_the_action_plan_reports_with_attachments_and_the_execution_report() {
    for app in apps("api_plan") {
        let mut almaty = Client::with_token(&app.base, &token(&app, "almaty.sec", "regional_admin", Some("750000000")));
        let mut astana = Client::with_token(&app.base, &token(&app, "astana.sec", "regional_admin", Some("710000000")));
        let mut analyst = Client::with_token(&app.base, &token(&app, "ipei", "analyst", None));
        let mut responder = Client::with_token(&app.base, &token(&app, "police", "responder", Some("750000000")));
        assert_eq!(analyst.get("/api/v1/plans").json()["total"], 2);
        assert_eq!(responder.get("/api/v1/plans").status, 403);
        let plan = analyst.get("/api/v1/plans/concept-2022-2026").json();
        assert_eq!(plan["items"].as_array().unwrap().len(), 70);
        let item = plan["items"].as_array().unwrap().iter().find(|i| i["code"] == "2").unwrap().clone();
        let id = item["id"].as_i64().unwrap();
        assert_eq!(item["term"], "жыл сайын, 1 мамырға дейін");

        use base64::Engine;
        let content = b"%PDF-1.7 the minutes of the XXXV session";
        let report = |due: &str, region: &str| serde_json::json!({"due_on": due, "region": region, "text": "XXXV сессия өтті", "files": [{"name": "хаттама.pdf", "content_type": "application/pdf", "content_base64": base64::engine::general_purpose::STANDARD.encode(content)}]});
        assert_eq!(astana.json("POST", &format!("/api/v1/plan-items/{id}/reports"), &report("2026-05-01", "750000000")).status, 403, "another region's report");
        let bad = almaty.json("POST", &format!("/api/v1/plan-items/{id}/reports"), &report("2026-05-02", "750000000"));
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("\"due_on\"") && bad.body.contains("err-not-a-due-date"), "{}", bad.body);
        let r = almaty.json("POST", &format!("/api/v1/plan-items/{id}/reports"), &report("2026-05-01", "750000000"));
        assert_eq!(r.status, 201, "{}", r.body);

        let detail = almaty.get(&format!("/api/v1/plan-items/{id}")).json();
        assert_eq!(detail["due_dates"].as_array().unwrap().len(), 5, "one a year, 2022-2026: {detail}");
        let file = detail["reports"][0]["files"][0]["id"].as_i64().unwrap();
        assert_eq!(astana.get(&format!("/api/v1/plan-items/{id}")).json()["reports"].as_array().unwrap().len(), 0, "another region's reports are not shown");
        let got = almaty.get(&format!("/api/v1/plan-files/{file}"));
        assert_eq!((got.status, got.bytes.as_slice()), (200, content.as_slice()));
        assert!(got.header("content-disposition").unwrap().starts_with("attachment;"));
        assert_eq!(astana.get(&format!("/api/v1/plan-files/{file}")).status, 403);

        // The execution of 2026: a regional secretariat sees its own region.
        let e = almaty.get("/api/v1/plans/concept-2022-2026/execution?year=2026").json();
        assert_eq!(e["region"], "750000000");
        let row = e["rows"].as_array().unwrap().iter().find(|r| r["item"]["code"] == "2").unwrap().clone();
        assert_eq!(row["due"][0], serde_json::json!({"due_on": "2026-05-01", "state": "reported", "reports": 1}));
        assert_eq!(astana.get("/api/v1/plans/concept-2022-2026/execution?year=2026&region=750000000").status, 403);
        let whole = analyst.get("/api/v1/plans/concept-2022-2026/execution?year=2026").json();
        assert_eq!(whole["region"], serde_json::Value::Null);
        assert_eq!(whole["reported"], 1);

        // As XLSX and PDF.
        let x = almaty.get("/api/v1/plans/concept-2022-2026/execution?year=2026&format=xlsx&lang=ru");
        assert_eq!(x.status, 200);
        assert!(x.bytes.starts_with(b"PK"));
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(x.bytes.clone())).unwrap();
        let sheet = book.worksheet_range("2026").unwrap();
        let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()).collect();
        assert!(cells.iter().any(|c| c == "ҚХА-ның жыл сайынғы сессиясын дайындау және өткізу"), "the item's title");
        assert!(cells.iter().any(|c| c.contains("2026-05-01 — отчёт представлен (1)")), "{cells:?}");
        let pdf = almaty.get("/api/v1/plans/concept-2022-2026/execution?year=2026&format=pdf&lang=kk");
        assert_eq!(pdf.header("content-type"), Some("application/pdf"));
        if let Some(text) = common::pdf_text(&pdf.bytes) {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains("Іс-шаралар жоспарының орындалуы — 2026"), "{text}");
            assert!(text.contains("есеп берілді"), "{text}");
        }
        assert_eq!(almaty.get("/api/v1/plans/concept-2022-2026/execution?format=docx").status, 422);
        let unknown = analyst.get("/api/v1/plans/concept-2022-2026/execution?region=123");
        assert!(unknown.status == 422 && unknown.body.contains("\"region\""), "{}", unknown.body);
        let doc = analyst.get("/api/v1/openapi.json").json();
        for p in ["/plans", "/plans/{code}", "/plans/{code}/execution", "/plan-items/{id}", "/plan-items/{id}/reports", "/plan-files/{id}", "/sessions/{id}/minutes"] {
            assert!(doc["paths"].get(p).is_some(), "{p}");
        }
    }
}
