//! The monitoring centre over the API (issue 4 §3, §5), as a regional
//! secretariat, a responder, an analyst and the Secretariat use it, on both
//! backends: an incident from the report to the settlement, its alert to the
//! acknowledgement, and the alert's deliveries by webhook (to a real HTTP
//! receiver, signature checked) and e-mail (to a real SMTP listener), retried
//! and shown when they fail.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::{apps, apps_with, Client, TestApp};
use hmac::{Hmac, Mac};
use kelisim_store::users;
use kelisim_web::centre::delivery::{deliver_due, DeliveryConfig, MailConfig};
use kelisim_web::WebConfig;
use serde_json::{json, Value};

const ALMATY: &str = "750000000";
const ASTANA: &str = "710000000";

fn user(app: &TestApp, login: &'static str, role: &'static str, region: Option<&'static str>) -> String {
    let s = app.store.clone();
    app.block_on(async move {
        users::create(&s, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
        users::create_api_token(&s, "setup", login).await.unwrap()
    })
}

fn incident(title: &str, region: &str, level: i64) -> Value {
    json!({
        "title": title,
        "description": "Спор соседей о границе участка",
        "occurred_at": "2026-11-20T09:30",
        "region": region,
        "lat": 43.26, "lon": 76.81,
        "category": "land_water_dispute",
        "source": "council_report",
        "groups": ["kazakh", "uyghur"],
        "level": level,
        "reporter": {"name": "Асқар Сәрсенов", "contact": "+7 700 000 00 00"}
    })
}

fn fields(r: &common::Resp) -> Vec<(String, String)> {
    r.json()["fields"].as_array().map(|a| a.iter().map(|f| (f["field"].as_str().unwrap_or("").to_string(), f["reason"].as_str().unwrap_or("").to_string())).collect()).unwrap_or_default()
}

#[test]
fn issue_4_an_incident_from_the_report_to_the_settlement_with_its_alert_acknowledged() {
    for app in apps("centre_incident") {
        let mut almaty = Client::with_token(&app.base, &user(&app, "almaty.secretariat", "regional_admin", Some(ALMATY)));
        let mut responder = Client::with_token(&app.base, &user(&app, "responder", "responder", Some(ALMATY)));
        let mut astana = Client::with_token(&app.base, &user(&app, "astana.secretariat", "regional_admin", Some(ASTANA)));
        let mut analyst = Client::with_token(&app.base, &user(&app, "analyst", "analyst", None));
        let mut admin = Client::with_token(&app.base, &user(&app, "admin", "admin", None));
        let mut citizen = Client::with_token(&app.base, &user(&app, "citizen", "citizen", None));

        // Bad input: every field named, nothing stored.
        let mut bad = incident("", ALMATY, 7);
        bad["category"] = json!("fight");
        bad["occurred_at"] = json!("2099-01-01T10:00");
        let r = almaty.json("POST", "/api/v1/incidents", &bad);
        assert_eq!(r.status, 422, "{}", r.body);
        let f = fields(&r);
        for (field, reason) in [("title", "err-required"), ("category", "err-unknown-value"), ("occurred_at", "err-time-in-future")] {
            assert!(f.contains(&(field.to_string(), reason.to_string())), "{field}: {f:?}");
        }
        assert_eq!(almaty.get("/api/v1/incidents").json()["total"], 0);

        // SPEC §1 regional scope: a regional secretariat registers in its own region only.
        assert_eq!(astana.json("POST", "/api/v1/incidents", &incident("Спор", ALMATY, 1)).status, 403);
        assert_eq!(citizen.json("POST", "/api/v1/incidents", &incident("Спор", ALMATY, 1)).status, 403);
        let r = almaty.json("POST", "/api/v1/incidents", &incident("Спор соседей из-за участка", ALMATY, 1));
        assert_eq!(r.status, 201, "{}", r.body);
        let id = r.json()["id"].as_i64().unwrap();
        assert!(r.json()["alert_id"].is_null(), "level 1 raises no alert");

        // The reporter is hidden from all but admins (issue 4 §3); an admin's read is audited.
        let detail = almaty.get(&format!("/api/v1/incidents/{id}"));
        assert_eq!(detail.status, 200);
        assert_eq!(detail.json()["reporter_recorded"], true);
        assert!(!detail.body.contains("Асқар"), "the reporter's name is not in the incident");
        assert_eq!(almaty.get(&format!("/api/v1/incidents/{id}/reporter")).status, 403);
        assert_eq!(analyst.get(&format!("/api/v1/incidents/{id}/reporter")).status, 403);
        let r = admin.get(&format!("/api/v1/incidents/{id}/reporter"));
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["name"], "Асқар Сәрсенов");
        let s = app.store.clone();
        let audited = app.block_on(async move {
            let rows: Vec<(String, String)> = sqlx::query_as("SELECT action, entity FROM audit_log WHERE entity = 'incident_reporter' OR action = 'read_reporter'").fetch_all(&s.pool).await.unwrap();
            rows
        });
        assert!(!audited.is_empty(), "the admin's read of the reporter is in the audit log");

        // Another region does not see it.
        assert_eq!(astana.get(&format!("/api/v1/incidents/{id}")).status, 403);
        assert_eq!(astana.get("/api/v1/incidents").json()["total"], 0);
        assert_eq!(astana.get(&format!("/api/v1/incidents?region={ALMATY}")).status, 403);
        assert_eq!(analyst.get("/api/v1/incidents").json()["total"], 1, "the analyst sees every region");

        // Escalation needs a reason; level 3 raises the region's alert.
        let r = almaty.json("POST", &format!("/api/v1/incidents/{id}/level"), &json!({"level": 3, "reason": " "}));
        assert_eq!(r.status, 422);
        assert!(fields(&r).contains(&("reason".into(), "err-required".into())));
        assert_eq!(responder.json("POST", &format!("/api/v1/incidents/{id}/level"), &json!({"level": 3, "reason": "Драка"})).status, 403, "a responder reports actions, not levels");
        let r = almaty.json("POST", &format!("/api/v1/incidents/{id}/level"), &json!({"level": 3, "reason": "Массовая драка, двое пострадавших"}));
        assert_eq!(r.status, 200, "{}", r.body);
        let alert_id = r.json()["alert_id"].as_i64().expect("level 3 raised an alert");
        let r = almaty.json("POST", &format!("/api/v1/incidents/{id}/level"), &json!({"level": 3, "reason": "again"}));
        assert!(fields(&r).contains(&("level".into(), "err-level-unchanged".into())));

        // The alert: for the region's people and the national ones, in the app for each.
        let alerts = responder.get("/api/v1/alerts?status=open").json();
        assert_eq!(alerts["total"], 1, "{alerts}");
        assert_eq!(alerts["items"][0]["kind"], "incident");
        assert!(alerts["items"][0]["message"].as_str().unwrap().contains("level 3"), "{alerts}");
        assert_eq!(astana.get("/api/v1/alerts").json()["total"], 0);
        assert_eq!(astana.get(&format!("/api/v1/alerts/{alert_id}")).status, 403);
        let detail = analyst.get(&format!("/api/v1/alerts/{alert_id}")).json();
        let targets: Vec<&str> = detail["deliveries"].as_array().unwrap().iter().filter(|d| d["channel"] == "in_app").map(|d| d["target"].as_str().unwrap()).collect();
        for login in ["almaty.secretariat", "responder", "analyst", "admin"] {
            assert!(targets.contains(&login), "{login} gets it in the app: {targets:?}");
        }
        assert!(!targets.contains(&"astana.secretariat") && !targets.contains(&"citizen"));

        // The responder acknowledges it once and records what was done.
        assert_eq!(responder.json("POST", &format!("/api/v1/alerts/{alert_id}/acknowledge"), &json!({"note": "Выезжаем"})).status, 204);
        assert_eq!(responder.json("POST", &format!("/api/v1/alerts/{alert_id}/acknowledge"), &json!({})).status, 409);
        assert_eq!(responder.json("POST", &format!("/api/v1/alerts/{alert_id}/actions"), &json!({"text": "Созвонились с акимом района"})).status, 204);
        let detail = analyst.get(&format!("/api/v1/alerts/{alert_id}")).json();
        assert_eq!(detail["acknowledged_by"], "responder");
        let texts: Vec<&str> = detail["actions"].as_array().unwrap().iter().map(|a| a["text"].as_str().unwrap()).collect();
        assert_eq!(texts, ["Выезжаем", "Созвонились с акимом района"], "the note of the acknowledgement, then the action");
        assert_eq!(responder.get("/api/v1/alerts?status=open").json()["total"], 0);

        // Response actions on the timeline: who, what, when, result.
        let action = json!({"kind": "mediation", "at": "2026-11-20T18:00", "actor": "Центр медиации АНК", "description": "Встреча сторон", "result": "Стороны согласились на переговоры"});
        let r = responder.json("POST", &format!("/api/v1/incidents/{id}/actions"), &action);
        assert!(r.status == 201 || r.status == 200, "{}", r.body);
        let r = responder.json("POST", &format!("/api/v1/incidents/{id}/actions"), &json!({"kind": "prayer", "at": "x", "actor": "", "description": ""}));
        let f = fields(&r);
        for (field, reason) in [("kind", "err-unknown-value"), ("at", "err-datetime-format"), ("actor", "err-required"), ("description", "err-required")] {
            assert!(f.contains(&(field.to_string(), reason.to_string())), "{field}: {f:?}");
        }

        // SPEC §3.4 post-conflict settlement: only for a verified incident with a response on record.
        let r = almaty.json("POST", &format!("/api/v1/incidents/{id}/stage"), &json!({"stage": "settlement", "reason": "Стороны примирились"}));
        assert!(fields(&r).contains(&("stage".into(), "err-settlement-unverified".into())), "{}", r.body);
        assert_eq!(almaty.json("POST", &format!("/api/v1/incidents/{id}/verification"), &json!({"verification": "verified", "reason": "Подтверждено полицией"})).status, 200);
        assert_eq!(almaty.json("POST", &format!("/api/v1/incidents/{id}/stage"), &json!({"stage": "settlement", "reason": "Стороны примирились"})).status, 200);

        // A duplicate report is merged into it.
        let dup = almaty.json("POST", "/api/v1/incidents", &incident("Драка (сообщение полиции)", ALMATY, 2)).json()["id"].as_i64().unwrap();
        assert!(fields(&almaty.json("POST", &format!("/api/v1/incidents/{dup}/merge"), &json!({"into": dup, "reason": "same"}))).contains(&("into".into(), "err-merge-self".into())));
        assert_eq!(almaty.json("POST", &format!("/api/v1/incidents/{dup}/merge"), &json!({"into": id, "reason": "То же событие"})).status, 200);
        let merged = almaty.get(&format!("/api/v1/incidents/{dup}")).json();
        assert_eq!(merged["incident"]["verification"], "duplicate");
        assert_eq!(merged["incident"]["merged_into"], id);
        assert!(fields(&almaty.json("POST", &format!("/api/v1/incidents/{dup}/level"), &json!({"level": 3, "reason": "x"}))).contains(&("level".into(), "err-merged".into())));

        // Closed; the whole story is on the timeline with its reasons and actors.
        assert_eq!(almaty.json("POST", &format!("/api/v1/incidents/{id}/stage"), &json!({"stage": "closed", "reason": "Повторных инцидентов нет"})).status, 200);
        let d = analyst.get(&format!("/api/v1/incidents/{id}")).json();
        assert_eq!(d["incident"]["stage"], "closed");
        assert_eq!(d["incident"]["level"], 3);
        let kinds: Vec<&str> = d["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["created", "level", "verification", "stage", "absorbed", "stage"], "{d}");
        assert_eq!(d["events"][1]["reason"], "Массовая драка, двое пострадавших");
        assert_eq!(d["events"][1]["actor"], "almaty.secretariat");
        assert_eq!(d["actions"][0]["result"], "Стороны согласились на переговоры");
        assert_eq!(d["actions"][0]["recorded_by"], "responder");
    }
}

/// A request the receiver got: headers (lower-case names) and body.
type Received = Arc<Mutex<Vec<(Vec<(String, String)>, String)>>>;

/// A real HTTP server answering 200 to every POST and keeping what it got.
fn webhook_receiver() -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let got: Received = Arc::default();
    let keep = got.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = vec![];
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
                if let Some((k, v)) = line.trim_end().split_once(':') {
                    headers.push((k.trim().to_lowercase(), v.trim().to_string()));
                }
            }
            let len: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            keep.lock().unwrap().push((headers, String::from_utf8(body).unwrap()));
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (url, got)
}

/// A real SMTP listener (enough of RFC 5321 for one client) keeping each message's data.
fn smtp_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let got: Arc<Mutex<Vec<String>>> = Arc::default();
    let keep = got.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let _ = stream.write_all(b"220 test ESMTP\r\n");
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                match verb.as_str() {
                    "EHLO" | "HELO" => {
                        let _ = stream.write_all(b"250-test\r\n250 8BITMIME\r\n");
                    }
                    "DATA" => {
                        let _ = stream.write_all(b"354 go on\r\n");
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                                break;
                            }
                            data.push_str(&line);
                        }
                        keep.lock().unwrap().push(data);
                        let _ = stream.write_all(b"250 queued\r\n");
                    }
                    "QUIT" => {
                        let _ = stream.write_all(b"221 bye\r\n");
                        break;
                    }
                    _ => {
                        let _ = stream.write_all(b"250 OK\r\n");
                    }
                }
            }
        }
    });
    (url, got)
}

fn config(smtp: Option<String>) -> DeliveryConfig {
    DeliveryConfig { mail: smtp.map(|url| MailConfig { url, from: "Kelisim <alerts@kelisim.test>".into() }), public_url: "https://kelisim.example.kz".into(), timeout: std::time::Duration::from_secs(5) }
}

fn deliveries(analyst: &mut Client, alert: i64) -> Vec<Value> {
    analyst.get(&format!("/api/v1/alerts/{alert}")).json()["deliveries"].as_array().unwrap().clone()
}

#[test]
fn issue_4_alerts_go_out_by_signed_webhook_and_e_mail_and_failures_are_retried_and_shown() {
    let (hook, received) = webhook_receiver();
    let (smtp, mails) = smtp_server();
    let smtp_for_app = smtp.clone();
    for app in apps_with("centre_delivery", || WebConfig { secure_cookies: false, delivery: config(Some(smtp_for_app.clone())), ..Default::default() }) {
        received.lock().unwrap().clear();
        mails.lock().unwrap().clear();
        let mut admin = Client::with_token(&app.base, &user(&app, "admin", "admin", None));
        let mut analyst = Client::with_token(&app.base, &user(&app, "analyst", "analyst", None));
        let s = app.store.clone();
        app.block_on(async move {
            let u = users::find_by_login(&s, "analyst").await.unwrap().unwrap();
            users::set_email(&s, "setup", u.id, Some("analyst@kelisim.test")).await.unwrap();
        });

        // Channels are the Secretariat's; a webhook needs a real secret.
        assert_eq!(analyst.json("POST", "/api/v1/alert-channels", &json!({"kind": "webhook", "target": hook, "secret": "0123456789abcdef"})).status, 403);
        let r = admin.json("POST", "/api/v1/alert-channels", &json!({"kind": "webhook", "target": hook, "secret": "short"}));
        assert!(fields(&r).contains(&("secret".into(), "err-secret-too-short".into())), "{}", r.body);
        assert_eq!(admin.json("POST", "/api/v1/alert-channels", &json!({"kind": "webhook", "target": hook, "secret": "0123456789abcdef", "region": ALMATY})).status, 201);
        // A webhook that cannot be reached: nothing listens on port 9 of the loopback.
        assert_eq!(admin.json("POST", "/api/v1/alert-channels", &json!({"kind": "webhook", "target": "http://127.0.0.1:9/down", "secret": "fedcba9876543210"})).status, 201);
        // Another region's channel gets nothing from Almaty.
        assert_eq!(admin.json("POST", "/api/v1/alert-channels", &json!({"kind": "email", "target": "astana@kelisim.test", "region": ASTANA})).status, 201);

        let r = analyst.json("POST", "/api/v1/incidents", &incident("Массовая драка", ALMATY, 3));
        assert_eq!(r.status, 201, "{}", r.body);
        let alert = r.json()["alert_id"].as_i64().unwrap();

        let cfg = config(Some(smtp.clone()));
        let store = app.store.clone();
        let now = kelisim_store::now_utc();
        let (sent, failed) = app.block_on(async { deliver_due(&store, &cfg, &now).await.unwrap() });
        assert_eq!((sent, failed), (2, 1), "webhook and e-mail sent, the dead webhook failed");
        let (sent, failed) = app.block_on(async { deliver_due(&store, &cfg, &now).await.unwrap() });
        assert_eq!((sent, failed), (0, 0), "nothing is sent twice; the failed one waits for its retry");

        // The webhook: JSON with the alert and its link, signed with the channel's secret.
        let got = received.lock().unwrap().clone();
        assert_eq!(got.len(), 1);
        let (headers, body) = &got[0];
        let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let ts = header("x-kelisim-timestamp");
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"0123456789abcdef").unwrap();
        mac.update(format!("{ts}.{body}").as_bytes());
        assert_eq!(header("x-kelisim-signature"), format!("sha256={}", hex::encode(mac.finalize().into_bytes())));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["alert"]["id"], alert);
        assert_eq!(v["alert"]["kind"], "incident");
        assert_eq!(v["url"], format!("https://kelisim.example.kz/alerts/{alert}"));
        assert!(v["messages"]["ru"].as_str().unwrap().contains("Массовая драка"));

        // The e-mail went through the SMTP server to the analyst.
        let mail = mails.lock().unwrap().clone();
        assert_eq!(mail.len(), 1);
        assert!(mail[0].contains("analyst@kelisim.test") && mail[0].contains(&format!("/alerts/{alert}")), "{}", mail[0]);

        // The failure is shown, not silent: on the alert and in the failing list.
        let d = deliveries(&mut analyst, alert);
        let dead = d.iter().find(|x| x["target"] == "http://127.0.0.1:9/down").unwrap();
        assert_eq!(dead["status"], "retrying");
        assert_eq!(dead["attempts"], 1);
        assert!(!dead["last_error"].as_str().unwrap_or("").is_empty());
        assert!(!d.iter().any(|x| x["target"] == "astana@kelisim.test"));
        let failing = analyst.get("/api/v1/alerts/failing").json();
        assert!(failing.to_string().contains("127.0.0.1:9/down"), "{failing}");

        // Retried on its schedule, then given up after the last attempt, and still shown.
        for hours in 1..=8 {
            let later = kelisim_core::monitoring::calendar::add_seconds(&now, hours * 4 * 3600);
            app.block_on(async { deliver_due(&store, &cfg, &later).await.unwrap() });
        }
        let d = deliveries(&mut analyst, alert);
        let dead = d.iter().find(|x| x["target"] == "http://127.0.0.1:9/down").unwrap();
        assert_eq!(dead["status"], "failed");
        assert_eq!(dead["attempts"], kelisim_core::monitoring::alert::MAX_ATTEMPTS);
        assert!(analyst.get("/api/v1/alerts/failing").json().to_string().contains("127.0.0.1:9/down"));
        assert_eq!(received.lock().unwrap().len(), 1, "the good webhook was not sent again");
    }
}

#[test]
fn issue_4_without_an_smtp_server_e_mail_deliveries_fail_visibly() {
    for app in apps("centre_no_smtp") {
        let mut analyst = Client::with_token(&app.base, &user(&app, "analyst", "analyst", None));
        let s = app.store.clone();
        app.block_on(async move {
            let u = users::find_by_login(&s, "analyst").await.unwrap().unwrap();
            users::set_email(&s, "setup", u.id, Some("analyst@kelisim.test")).await.unwrap();
        });
        let alert = analyst.json("POST", "/api/v1/incidents", &incident("Массовая драка", ALMATY, 4)).json()["alert_id"].as_i64().unwrap();
        let store = app.store.clone();
        let now = kelisim_store::now_utc();
        app.block_on(async { deliver_due(&store, &config(None), &now).await.unwrap() });
        let d = deliveries(&mut analyst, alert);
        let mail = d.iter().find(|x| x["channel"] == "email").unwrap();
        assert_eq!(mail["status"], "retrying");
        assert!(mail["last_error"].as_str().unwrap().contains("no SMTP server"), "{mail}");
        assert!(analyst.get("/api/v1/alerts/failing").json().to_string().contains("analyst@kelisim.test"), "the failing e-mail is listed");
    }
}
