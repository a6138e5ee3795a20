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

#[test]
fn people_register_round_trips_with_roles_and_respects_the_region() {
    for app in apps("transfer_people") {
        let mut admin = Client::with_token(&app.base, &token(&app, "importer", "admin", None));
        let org = admin.json("POST", "/api/v1/organisations", &serde_json::json!({"org_type": "house_of_friendship", "region": "750000000", "name_kk": "Д", "name_ru": "Д"})).json()["id"].as_i64().unwrap();
        let file = format!("full_name,region,email,position,roles\nСерікбаев Ерлан,750000000,erlan@example.kz,Директор,{org}:leader:2020-01-01\nКим Анна,750000000,,,{org}:volunteer:2024-03-01:2024-12-31; {org}:member:2025-01-01\n");
        let r = admin.send("POST", "/api/v1/people/import", Some("text/csv"), file.as_bytes(), &[]);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["created"], 2);
        let listed = admin.get("/api/v1/people").json();
        let kim = listed["items"].as_array().unwrap().iter().find(|p| p["full_name"] == "Ким Анна").unwrap().clone();
        assert_eq!(kim["roles"].as_array().unwrap().len(), 2);

        for (path, ctype) in [("/people/export.csv", "text/csv"), ("/people/export.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")] {
            let exported = admin.get(path);
            assert_eq!(exported.status, 200);
            let r = admin.send("POST", "/api/v1/people/import", Some(ctype), &exported.bytes, &[]);
            assert_eq!(r.status, 200, "{path}: {}", r.body);
            assert_eq!(r.json()["updated"], 2, "{path}");
            let after = admin.get("/api/v1/people").json();
            for (b, a) in listed["items"].as_array().unwrap().iter().zip(after["items"].as_array().unwrap()) {
                for field in ["full_name", "region", "email", "phone", "position"] {
                    assert_eq!(b[field], a[field], "{path} changed {field}");
                }
                assert_eq!(b["roles"].as_array().unwrap().len(), a["roles"].as_array().unwrap().len(), "{path}: roles not duplicated");
            }
        }

        let mut region = Client::with_token(&app.base, &token(&app, "astana", "regional_admin", Some("710000000")));
        let bad = format!("full_name,region,roles\nНовый человек,710000000,{org}:leader\n,710000000,\nЧужой,750000000,\n");
        let r = region.send("POST", "/api/v1/people/import", Some("text/csv"), bad.as_bytes(), &[]);
        assert_eq!(r.status, 422);
        let errors: Vec<(u64, String)> = r.json()["errors"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["reason"].as_str().unwrap().to_string())).collect();
        assert!(errors.contains(&(2, "err-roles-format".into())), "{errors:?}");
        assert!(errors.contains(&(3, "err-required".into())), "{errors:?}");
        assert!(errors.contains(&(4, "err-forbidden-region".into())), "{errors:?}");
        assert_eq!(admin.get("/api/v1/people").json()["total"], 2, "nothing written");
        // The regional export holds only its own region's people.
        assert_eq!(region.get("/people/export.csv").body.lines().count(), 1, "header only");
    }
}

fn multipart(csrf: &str, file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----kelisimtestboundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").as_bytes());
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn the_import_page_lists_every_problem_in_the_users_language() {
    for app in apps("transfer_page") {
        token(&app, "almaty", "regional_admin", Some("750000000"));
        let mut c = Client::new(&app.base);
        c.sign_in("almaty", "password-123456", None);
        let page = c.get("/registry/import");
        assert_eq!(page.status, 200);
        let csrf = Client::csrf_of(&page.body);
        let (ctype, body) = multipart(&csrf, "bad.csv", "org_type,region,name_kk,name_ru\nhouse_of_friendship,750000000,,Дом\n".as_bytes());
        let r = c.send("POST", "/registry/import", Some(&ctype), &body, &[]);
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Файл қабылданбады") && r.body.contains("Міндетті өріс.") && r.body.contains("<code>name_kk</code>"), "{}", r.body);
        let (ctype, body) = multipart(&csrf, "good.csv", "org_type,region,name_kk,name_ru\nhouse_of_friendship,750000000,Достық үйі,Дом\n".as_bytes());
        let r = c.send("POST", "/registry/import", Some(&ctype), &body, &[]);
        assert_eq!(r.status, 200);
        assert!(r.body.contains("1 құрылды"), "{}", r.body);
        let (ctype, body) = multipart("wrong", "good.csv", b"org_type,region,name_kk,name_ru\n");
        assert_eq!(c.send("POST", "/registry/import", Some(&ctype), &body, &[]).status, 400, "CSRF checked on uploads too");
        let mut analyst = Client::new(&app.base);
        token(&app, "reader", "analyst", None);
        analyst.sign_in("reader", "password-123456", None);
        assert_eq!(analyst.get("/registry/import").status, 403);
    }
}
