//! The Registry over the JSON API and the pages, as a client uses it.

mod common;

use common::{apps, Client};
use kelisim_store::users;

fn admin_token(app: &common::TestApp) -> String {
    let s = app.store.clone();
    app.block_on(async move {
        users::create(&s, "setup", &users::NewUser { login: "api.admin", role: "admin", region: None, organisation_id: None, password: "password-123456" }).await.unwrap();
        users::create_api_token(&s, "setup", "api.admin").await.unwrap()
    })
}

#[test]
fn regions_list_the_twenty_with_kato_codes() {
    for app in apps("api_regions") {
        let mut c = Client::new(&app.base);
        let r = c.get("/api/v1/regions");
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["total"], 20);
        assert_eq!(v["items"].as_array().unwrap().len(), 20);
        let astana = v["items"].as_array().unwrap().iter().find(|r| r["kato"] == "710000000").expect("Astana");
        assert_eq!(astana["name"]["kk"], "Астана қаласы");
        assert_eq!(astana["name"]["ru"], "город Астана");
        assert_eq!(astana["name"]["en"], "Astana");
    }
}

#[test]
fn organisations_create_filter_by_type_and_region_paginate_update_archive() {
    for app in apps("api_orgs") {
        let mut c = Client::with_token(&app.base, &admin_token(&app));
        let mut ids = vec![];
        for (i, (kind, region)) in [("house_of_friendship", "750000000"), ("house_of_friendship", "710000000"), ("elders_council", "750000000"), ("house_of_friendship", "750000000")].iter().enumerate() {
            let body = serde_json::json!({"org_type": kind, "region": region, "name_kk": format!("Ұйым {i}"), "name_ru": format!("Организация {i}"), "name_en": format!("Org {i}")});
            let r = c.json("POST", "/api/v1/organisations", &body);
            assert_eq!(r.status, 201, "{}", r.body);
            ids.push(r.json()["id"].as_i64().unwrap());
        }
        let r = c.get("/api/v1/organisations?type=house_of_friendship&region=750000000&per_page=1&page=2");
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["total"], 2, "{v}");
        assert_eq!(v["page"], 2);
        assert_eq!(v["per_page"], 1);
        assert_eq!(v["items"].as_array().unwrap().len(), 1);
        assert_eq!(v["items"][0]["id"], ids[3]);
        assert_eq!(c.get("/api/v1/organisations?type=not_a_type").status, 400);

        // Update with the version read: ok; with a stale one: 409.
        let org = c.get(&format!("/api/v1/organisations/{}", ids[0])).json();
        let mut body = org.clone();
        body["name_kk"] = org["name"]["kk"].clone();
        body["name_ru"] = serde_json::json!("Новое имя");
        body["name_en"] = org["name"]["en"].clone();
        let version = org["version"].to_string();
        let r = c.send("PUT", &format!("/api/v1/organisations/{}", ids[0]), Some("application/json"), body.to_string().as_bytes(), &[("If-Match", &version)]);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["name"]["ru"], "Новое имя");
        let r = c.send("PUT", &format!("/api/v1/organisations/{}", ids[0]), Some("application/json"), body.to_string().as_bytes(), &[("If-Match", &version)]);
        assert_eq!(r.status, 409);

        let r = c.json("POST", &format!("/api/v1/organisations/{}/archive", ids[0]), &serde_json::json!({}));
        assert_eq!(r.json()["status"], "archived");
        // The public (anonymous) list no longer shows it; staff still do.
        let mut public = Client::new(&app.base);
        assert_eq!(public.get("/api/v1/organisations?type=house_of_friendship&region=750000000").json()["total"], 1);
        assert_eq!(public.get(&format!("/api/v1/organisations/{}", ids[0])).status, 404);
        assert_eq!(c.get("/api/v1/organisations?type=house_of_friendship&region=750000000").json()["total"], 2);
    }
}

#[test]
fn invalid_input_is_answered_422_naming_each_field() {
    for app in apps("api_invalid") {
        let mut c = Client::with_token(&app.base, &admin_token(&app));
        let body = serde_json::json!({"org_type": "ethnocultural_association", "region": "123", "name_kk": "", "name_ru": "X", "email": "nope", "lat": 10.0, "lon": 70.0});
        let r = c.json("POST", "/api/v1/organisations", &body);
        assert_eq!(r.status, 422);
        let v = r.json();
        assert_eq!(v["error"], "err-invalid");
        let fields: Vec<(String, String)> = v["fields"].as_array().unwrap().iter().map(|f| (f["field"].as_str().unwrap().into(), f["reason"].as_str().unwrap().into())).collect();
        for (field, reason) in [("region", "err-unknown-region"), ("name_kk", "err-required"), ("email", "err-email-format"), ("lat", "err-outside-kazakhstan"), ("ethnic_groups", "err-association-needs-group")] {
            assert!(fields.contains(&(field.into(), reason.into())), "{field}: {fields:?}");
        }
        assert_eq!(c.get("/api/v1/organisations").json()["total"], 0, "nothing written");
    }
}

#[test]
fn openapi_document_describes_every_route() {
    for app in apps("api_openapi") {
        let mut c = Client::new(&app.base);
        let doc = c.get("/api/v1/openapi.json").json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for p in ["/regions", "/districts", "/ethnic-groups", "/languages", "/organisations", "/organisations/{id}", "/organisations/{id}/archive", "/organisations/{id}/accreditations", "/organisations/import", "/people", "/people/{id}", "/people/{id}/roles", "/memberships", "/people/{id}/membership-steps"] {
            assert!(paths.contains_key(p), "{p} missing from the OpenAPI document");
        }
        assert!(paths["/organisations"]["get"]["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "type"));
        assert!(doc["components"]["schemas"].as_object().unwrap().contains_key("OrganisationInput"));
    }
}

#[test]
fn health_readiness_and_metrics() {
    for app in apps("api_health") {
        let mut c = Client::new(&app.base);
        assert_eq!(c.get("/healthz").body, "ok");
        assert_eq!(c.get("/readyz").status, 200);
        let m = c.get("/metrics");
        assert!(m.header("content-type").unwrap().starts_with("text/plain"));
        assert!(m.body.contains("# TYPE kelisim_http_requests_total counter"));
        assert!(m.body.contains("kelisim_organisations 0"));
    }
}

#[test]
fn pages_search_filter_paginate_and_switch_language() {
    for app in apps("pages_registry") {
        let mut admin = Client::with_token(&app.base, &admin_token(&app));
        for i in 0..30 {
            let body = serde_json::json!({"org_type": "ethnocultural_association", "region": "750000000", "name_kk": format!("Корей орталығы {i}"), "name_ru": format!("Корейский центр {i}"), "ethnic_groups": ["korean"]});
            assert_eq!(admin.json("POST", "/api/v1/organisations", &body).status, 201);
        }
        let body = serde_json::json!({"org_type": "ethnocultural_association", "region": "710000000", "name_kk": "Неміс орталығы Ёлка", "name_ru": "Немецкий центр Ёлка", "ethnic_groups": ["german"]});
        assert_eq!(admin.json("POST", "/api/v1/organisations", &body).status, 201);

        let mut c = Client::new(&app.base);
        let page = c.get("/registry");
        assert!(page.body.contains("<html lang=\"kk\""), "Kazakh is the default");
        assert!(page.body.contains("Табылды: 31"));
        assert!(page.body.contains("?page=2"), "paginated");
        let found = c.get("/registry?q=%D0%B5%D0%BB%D0%BA%D0%B0");
        assert!(found.body.contains("Табылды: 1") && found.body.contains("Неміс орталығы Ёлка"), "search folds case and ё");
        let filtered = c.get("/registry?region=710000000&ethnic_group=german");
        assert!(filtered.body.contains("Табылды: 1"));
        let r = c.get("/lang/ru?next=%2Fregistry%3Fregion%3D710000000");
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location"), Some("/registry?region=710000000"));
        let ru = c.get("/registry?region=710000000");
        assert!(ru.body.contains("<html lang=\"ru\"") && ru.body.contains("Найдено: 1") && ru.body.contains("Немецкий центр Ёлка"));
        c.get("/lang/en?next=%2F");
        let home = c.get("/");
        assert!(home.body.contains("<html lang=\"en\"") && home.body.contains("Map of the regions"));
        // Open redirect refused.
        assert_eq!(c.get("/lang/en?next=%2F%2Fevil.example%2F").header("location"), Some("/"));
    }
}
