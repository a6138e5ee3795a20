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
