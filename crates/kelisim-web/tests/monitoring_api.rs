//! The information field over the API (issue 4 §1-2), as a crawler and an
//! analyst use it, on both backends.

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

const HOSTILE: &str = "Всех казахов надо выгнать из Алматы, чурки проклятые";
const FRIENDLY: &str = "Казахи и русские вместе провели праздник в Алматы";

#[test]
fn a_crawler_sends_a_batch_bad_documents_are_named_and_the_rest_is_stored_once() {
    for app in apps("api_ingest") {
        let mut crawler = Client::with_token(&app.base, &token(&app, "crawler", "analyst", None));
        let batch = serde_json::json!([
            {"source": "telegram", "external_id": "100", "author": "@aibek", "published_at": "2026-11-20T10:00:00+05:00", "text": HOSTILE},
            {"source": "telegram", "external_id": "101", "author": "@dana", "published_at": "2026-11-20T11:00:00+05:00", "text": FRIENDLY, "region": "750000000"},
            {"source": "telegram", "external_id": "102", "published_at": "not a time", "text": "x"},
            "not an object"
        ]);
        let r = crawler.json("POST", "/api/v1/monitoring/documents", &batch);
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        assert_eq!((v["received"].as_u64(), v["stored"].as_u64(), v["duplicates"].as_u64()), (Some(4), Some(2), Some(0)));
        let rejected = v["rejected"].as_array().unwrap();
        assert_eq!(rejected.len(), 2);
        assert_eq!(rejected[0]["index"], 2);
        assert_eq!(rejected[0]["external_id"], "102");
        assert_eq!(rejected[0]["problems"][0]["field"], "published_at");
        assert_eq!(rejected[0]["problems"][0]["reason"], "err-instant-format");
        assert_eq!(rejected[1]["index"], 3);
        assert_eq!(rejected[1]["problems"][0]["reason"], "err-not-object");

        // The same documents again, as NDJSON: nothing stored twice.
        let ndjson = format!(
            "{}\n\n{}\n{{broken\n",
            serde_json::json!({"source": "telegram", "external_id": "100", "published_at": "2026-11-20T10:00:00+05:00", "text": HOSTILE}),
            serde_json::json!({"source": "telegram", "external_id": "101", "published_at": "2026-11-20T11:00:00+05:00", "text": FRIENDLY})
        );
        let r = crawler.send("POST", "/api/v1/monitoring/documents", Some("application/x-ndjson"), ndjson.as_bytes(), &[]);
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        assert_eq!((v["stored"].as_u64(), v["duplicates"].as_u64()), (Some(0), Some(2)));
        assert_eq!(v["rejected"][0]["index"], 2);
        assert_eq!(v["rejected"][0]["problems"][0]["reason"], "err-invalid-json");

        // The analyst reads the flagged feed: the hostile post, its groups and region from the text, no handle.
        let mut analyst = Client::with_token(&app.base, &token(&app, "ipei", "analyst", None));
        let feed = analyst.get("/api/v1/monitoring/flagged?region=750000000").json();
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{feed}");
        let doc = &items[0];
        assert_eq!(doc["external_id"], "100");
        assert_eq!(doc["region"], "750000000");
        assert_eq!(doc["region_from"], "text");
        assert_eq!(doc["day"], "2026-11-20");
        assert_eq!(doc["published_at"], "2026-11-20T05:00:00Z");
        assert!(doc["groups"].as_array().unwrap().iter().any(|g| g["group"] == "kazakh" && g["attitude"] == "negative"), "{doc}");
        assert!(!doc.to_string().contains("aibek"), "the handle is never stored");
        assert_eq!(doc["author_key"].as_str().unwrap().len(), 32);

        // The counts of the day: two documents in Almaty, one flagged.
        let day = analyst.get("/api/v1/monitoring/daily?from=2026-11-20&to=2026-11-20&region=750000000&group=*").json();
        assert_eq!(day["items"][0]["mentions"], 2, "{day}");
        assert_eq!(day["items"][0]["ethnic_hostile"], 1);
    }
}

#[test]
fn issue_4_texts_are_for_analysts_and_admins_and_counts_follow_the_regional_scope() {
    for app in apps("api_monitoring_access") {
        let mut crawler = Client::with_token(&app.base, &token(&app, "crawler", "analyst", None));
        let doc = serde_json::json!([{"source": "vk", "external_id": "1", "published_at": "2026-11-20T10:00:00Z", "text": HOSTILE}]);
        assert_eq!(crawler.json("POST", "/api/v1/monitoring/documents", &doc).status, 200);
        let mut responder = Client::with_token(&app.base, &token(&app, "police.almaty", "responder", Some("750000000")));
        assert_eq!(responder.get("/api/v1/monitoring/flagged").status, 403, "no texts for responders");
        assert_eq!(responder.get("/api/v1/monitoring/documents/1").status, 403);
        assert_eq!(responder.json("POST", "/api/v1/monitoring/documents", &doc).status, 403, "responders do not ingest");
        let own = responder.get("/api/v1/monitoring/daily?from=2026-11-01&to=2026-11-30");
        assert_eq!(own.status, 200);
        assert!(own.json()["items"].as_array().unwrap().iter().all(|c| c["region"] == "750000000"));
        assert_eq!(responder.get("/api/v1/monitoring/daily?from=2026-11-01&to=2026-11-30&region=710000000").status, 403, "another region");
        let bad = responder.get("/api/v1/monitoring/daily?from=2026-11-30&to=2026-11-01");
        assert_eq!(bad.status, 422);
        assert_eq!(bad.json()["fields"][0]["field"], "to");
        let mut mediator = Client::with_token(&app.base, &token(&app, "mediator", "mediator", Some("750000000")));
        assert_eq!(mediator.get("/api/v1/monitoring/daily?from=2026-11-01&to=2026-11-30").status, 403);
        assert_eq!(Client::new(&app.base).json("POST", "/api/v1/monitoring/documents", &doc).status, 401);
        // A body that is not JSON at all is refused whole.
        assert_eq!(crawler.send("POST", "/api/v1/monitoring/documents", Some("application/json"), b"[1, 2", &[]).status, 400);
    }
}
