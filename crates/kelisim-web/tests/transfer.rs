//! SPEC §3.1 / §4: registry files round-trip, and a bad file is rejected
//! whole with a report of every problem (row, column, reason), nothing written.

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

const GOOD: &str = "id,org_type,parent_id,region,district,name_kk,name_ru,name_en,phone,email,website,address,lat,lon,founded_on,status,member_count,ethnic_groups,languages
901,house_of_friendship,,750000000,,Достық үйі,Дом дружбы,House of Friendship,+7 727 000 0000,dom@example.kz,https://example.kz,\"Алматы, ул. Абая, 1\",43.24,76.89,2001-05-01,active,,,
902,ethnocultural_association,901,750000000,,Корей орталығы,\"Корейский центр \"\"Ари\"\"\",Korean Centre,,,,,,,2010-01-01,active,150,korean,ko
903,media_outlet,901,750000000,,Газет,Газета,Newspaper,,,,,,,,active,,,kk;ru
";

#[test]
fn csv_and_xlsx_round_trip_through_import_and_export() {
    for app in apps("transfer_roundtrip") {
        let mut c = Client::with_token(&app.base, &token(&app, "importer", "admin", None));
        let r = c.send("POST", "/api/v1/organisations/import", Some("text/csv"), GOOD.as_bytes(), &[]);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["created"], 3);
        // Parents inside the file were remapped to the new ids.
        let orgs = c.get("/api/v1/organisations?per_page=10").json();
        let house = orgs["items"].as_array().unwrap().iter().find(|o| o["org_type"] == "house_of_friendship").unwrap()["id"].clone();
        let assoc = orgs["items"].as_array().unwrap().iter().find(|o| o["org_type"] == "ethnocultural_association").unwrap().clone();
        assert_eq!(assoc["parent_id"], house);
        assert_eq!(assoc["name"]["ru"], "Корейский центр \"Ари\"");
        assert_eq!(assoc["languages"], serde_json::json!(["ko"]));

        for (path, format, ctype) in [("/registry/export.csv", "csv", "text/csv"), ("/registry/export.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")] {
            let exported = c.get(path);
            assert_eq!(exported.status, 200);
            assert!(exported.header("content-type").unwrap().starts_with(ctype));
            let before = c.get("/api/v1/organisations?per_page=10").json();
            // Importing the export changes nothing but versions: every row updates itself.
            let r = c.send("POST", &format!("/api/v1/organisations/import?format={format}"), Some(ctype), &exported.bytes, &[]);
            assert_eq!(r.status, 200, "{format}: {}", r.body);
            assert_eq!(r.json()["updated"], 3, "{format}");
            let after = c.get("/api/v1/organisations?per_page=10").json();
            for (b, a) in before["items"].as_array().unwrap().iter().zip(after["items"].as_array().unwrap()) {
                for field in ["org_type", "parent_id", "region", "name", "phone", "email", "website", "address", "lat", "lon", "founded_on", "status", "member_count", "ethnic_groups", "languages"] {
                    assert_eq!(b[field], a[field], "{format} round trip changed {field}");
                }
            }
        }
    }
}

#[test]
fn a_bad_file_is_rejected_whole_with_row_column_and_reason() {
    for app in apps("transfer_bad") {
        let mut c = Client::with_token(&app.base, &token(&app, "importer", "admin", None));
        let bad = "org_type,region,name_kk,name_ru,email,lat,lon,parent_id,ethnic_groups
house_of_friendship,750000000,Дом,Дом,,,,,
club,750000000,Клуб,Клуб,,,,,
house_of_friendship,999,,Дом,not-mail,abc,76.9,,
ethnocultural_association,750000000,Бірлестік,Объединение,,,,555,
";
        let r = c.send("POST", "/api/v1/organisations/import", Some("text/csv"), bad.as_bytes(), &[]);
        assert_eq!(r.status, 422);
        let errors: Vec<(u64, String, String)> =
            r.json()["errors"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap().into(), e["reason"].as_str().unwrap().into())).collect();
        for expected in [
            (3, "org_type", "err-unknown-type"),
            (4, "region", "err-unknown-region"),
            (4, "name_kk", "err-required"),
            (4, "email", "err-email-format"),
            (4, "lat", "err-number-format"),
            (5, "parent_id", "err-unknown-parent"),
            (5, "ethnic_groups", "err-association-needs-group"),
        ] {
            assert!(errors.contains(&(expected.0, expected.1.into(), expected.2.into())), "{expected:?} not in {errors:?}");
        }
        assert_eq!(c.get("/api/v1/organisations").json()["total"], 0, "nothing half-written: row 2 was valid but is not stored");
    }
}

#[test]
fn a_regional_secretariat_imports_only_its_own_region() {
    for app in apps("transfer_scope") {
        let mut c = Client::with_token(&app.base, &token(&app, "almaty", "regional_admin", Some("750000000")));
        let file = "org_type,region,name_kk,name_ru\nhouse_of_friendship,750000000,А,А\nhouse_of_friendship,710000000,Б,Б\n";
        let r = c.send("POST", "/api/v1/organisations/import", Some("text/csv"), file.as_bytes(), &[]);
        assert_eq!(r.status, 422);
        assert_eq!(r.json()["errors"][0]["row"], 3);
        assert_eq!(r.json()["errors"][0]["reason"], "err-forbidden-region");
        assert_eq!(c.get("/api/v1/organisations").json()["total"], 0);
    }
}
