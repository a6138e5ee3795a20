//! The `kelisim` binary as an operator uses it.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_kelisim")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kelisim-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .env("KELISIM_DATA_DIR", dir)
        .env_remove("KELISIM_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kelisim");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn users_tokens_and_a_clear_error_for_bad_input() {
    let dir = temp_dir("users");
    let o = run(&dir, &["migrate"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(dir.join("kelisim.db").exists(), "the database is created in the data folder");
    let o = run(&dir, &["user", "add", "--login", "almaty.sec", "--role", "regional_admin", "--region", "750000000", "--password-stdin"], Some("long-enough-pass\n"));
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&dir, &["user", "add", "--login", "x", "--role", "regional_admin", "--password-stdin"], Some("short\n"));
    assert!(!o.status.success());
    let msg = text(&o);
    assert!(msg.contains("login:") && msg.contains("region: Required.") && msg.contains("password: The password must have at least 10 characters."), "{msg}");
    let o = run(&dir, &["user", "list"], None);
    assert!(text(&o).contains("almaty.sec") && text(&o).contains("750000000"));
    let o = run(&dir, &["token", "create", "--user", "almaty.sec"], None);
    let token = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(token.starts_with("kls_") && token.len() == 68, "{token}");
    let o = run(&dir, &["user", "passwd", "--login", "almaty.sec", "--password-stdin"], Some("another-long-pass\n"));
    assert!(o.status.success());
    let o = run(&dir, &["user", "disable", "--login", "almaty.sec"], None);
    assert!(o.status.success());
    assert!(text(&run(&dir, &["user", "list"], None)).lines().any(|l| l.starts_with("almaty.sec") && l.split_whitespace().nth(5) == Some("true")));
    // Alerts by e-mail: an address is checked, set, and cleared.
    let o = run(&dir, &["user", "email", "--login", "almaty.sec", "--email", "not-an-address"], None);
    assert!(!o.status.success() && text(&o).contains("email:"), "{}", text(&o));
    assert!(run(&dir, &["user", "email", "--login", "almaty.sec", "--email", "duty@almaty.kz"], None).status.success());
    assert!(text(&run(&dir, &["user", "list"], None)).contains("duty@almaty.kz"));
    assert!(run(&dir, &["user", "email", "--login", "almaty.sec"], None).status.success());
    assert!(!text(&run(&dir, &["user", "list"], None)).contains("duty@almaty.kz"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn import_export_and_audit_verify_names_the_tampered_entry() {
    let dir = temp_dir("audit");
    let good = dir.join("good.csv");
    std::fs::write(&good, "org_type,region,name_kk,name_ru\nhouse_of_friendship,750000000,Достық үйі,Дом дружбы\nelders_council,710000000,Ақсақалдар кеңесі,Совет аксакалов\n").unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "org_type,region,name_kk,name_ru\nhouse_of_friendship,750000000,А,А\nhouse_of_friendship,12,,Б\n").unwrap();
    let o = run(&dir, &["import", "registry", bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let msg = text(&o);
    assert!(msg.contains("nothing was written") && msg.contains("row 3, column region: Unknown region") && msg.contains("row 3, column name_kk: Required."), "{msg}");
    let o = run(&dir, &["import", "registry", good.to_str().unwrap()], None);
    assert!(text(&o).contains("2 created"), "{}", text(&o));
    let out = dir.join("out.xlsx");
    let o = run(&dir, &["export", "registry", "--format", "xlsx", "--out", out.to_str().unwrap()], None);
    assert!(o.status.success() && std::fs::metadata(&out).unwrap().len() > 1000, "{}", text(&o));
    let o = run(&dir, &["import", "registry", out.to_str().unwrap()], None);
    assert!(text(&o).contains("2 updated"), "{}", text(&o));

    let o = run(&dir, &["audit", "verify"], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("audit log intact: 4 entries"), "{}", text(&o));
    // Change a row behind the application's back.
    let url = format!("sqlite://{}/kelisim.db", dir.display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = kelisim_store::Store::connect(&url).await.unwrap();
        sqlx::query("UPDATE audit_log SET after_json = '{}' WHERE seq = 2").execute(&store.pool).await.unwrap();
        store.close().await;
    });
    let o = run(&dir, &["audit", "verify"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("audit log broken at entry 2"), "{}", text(&o));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn demo_first_start_loads_spec_scale_data_and_second_start_reuses_it() {
    let dir = temp_dir("demo");
    let (mut child, url, lines) = common::start_demo(&dir);
    let out = lines.join("");
    for role in ["admin", "regional_admin", "analyst", "mediator", "org_editor", "responder", "citizen"] {
        assert!(out.contains(&format!("  {role} ")), "an account for {role}: {out}");
    }
    // Staff see every structure; the public sees active ones only.
    let token = String::from_utf8_lossy(&run(&dir, &["token", "create", "--user", "analyst"], None).stdout).trim().to_string();
    let get = |path: &str| -> serde_json::Value { ureq::get(&format!("{url}{path}")).set("Authorization", &format!("Bearer {token}")).call().unwrap().into_json().unwrap() };
    for (kind, expected) in [("elders_council", 1263), ("mothers_council", 1697), ("house_of_friendship", 36), ("mediation_centre", 21), ("mediation_council", 21), ("theatre", 4), ("regional_assembly", 20)] {
        assert_eq!(get(&format!("/api/v1/organisations?type={kind}&per_page=1"))["total"], expected, "{kind}");
    }
    let associations = get("/api/v1/organisations?type=ethnocultural_association&per_page=1")["total"].as_i64().unwrap();
    assert!((1000..1100).contains(&associations), "{associations}");
    let page = ureq::get(&format!("{url}/registry?type=ethnocultural_association")).call().unwrap().into_string().unwrap();
    assert!(page.contains("badge demo"), "generated data is marked as demo");

    // Issue 4 §7: the staged episode in Almaty (38 days ago, so past the
    // signal lists' default window of 30 days), from the first posts to the settlement.
    let campaigns = get("/api/v1/monitoring/campaigns?region=750000000&from=2000-01-01");
    let campaign = campaigns["items"].as_array().unwrap().iter().find(|c| c["authors"].as_i64() >= Some(20)).unwrap_or_else(|| panic!("the bot campaign: {campaigns}"));
    assert!(campaign["groups"].to_string().contains("uyghur"), "{campaign}");
    assert!(get("/api/v1/monitoring/spikes?region=750000000&from=2000-01-01")["total"].as_i64() >= Some(1), "the spike");
    let incidents = get("/api/v1/incidents?region=750000000&per_page=100");
    let episode = incidents["items"].as_array().unwrap().iter().find(|i| i["title"].as_str().unwrap_or("").starts_with("Спор соседей из-за земельного участка")).expect("the staged incident");
    let id = episode["id"].as_i64().unwrap();
    assert_eq!(episode["stage"], "closed");
    let detail = get(&format!("/api/v1/incidents/{id}"));
    let levels: Vec<String> = detail["events"].as_array().unwrap().iter().filter(|e| e["kind"] == "level" || e["kind"] == "created").map(|e| e["to_value"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(levels, ["1", "2", "3", "2", "1"], "from 1 to 3 and down: {detail}");
    assert!(detail["actions"].as_array().unwrap().len() >= 6, "the response actions: {detail}");
    assert!(detail["events"].to_string().contains("\"settlement\""), "the settlement stage");
    assert!(!detail["document_ids"].as_array().unwrap().is_empty(), "the campaign's posts are linked");
    // The reporter is hidden from the analyst and shown to the admin (SPEC §3.4).
    assert!(!detail.to_string().contains("совета аксакалов (демо)"), "no reporter in the analyst's view");
    let hidden = ureq::get(&format!("{url}/api/v1/incidents/{id}/reporter")).set("Authorization", &format!("Bearer {token}")).call();
    assert!(matches!(hidden, Err(ureq::Error::Status(403, _))), "the analyst may not read the reporter");
    let admin = String::from_utf8_lossy(&run(&dir, &["token", "create", "--user", "admin"], None).stdout).trim().to_string();
    let reporter: serde_json::Value = ureq::get(&format!("{url}/api/v1/incidents/{id}/reporter")).set("Authorization", &format!("Bearer {admin}")).call().unwrap().into_json().unwrap();
    assert_eq!(reporter["name"], "Председатель совета аксакалов (демо)");
    let alerts = get("/api/v1/alerts?kind=incident&region=750000000&per_page=100");
    let alert = alerts["items"].as_array().unwrap().iter().find(|a| a["subject_id"] == id).expect("the level 3 alert");
    assert_eq!(alert["acknowledged_by"], "responder");
    for kind in ["spike", "campaign", "risk"] {
        assert!(get(&format!("/api/v1/alerts?kind={kind}&per_page=1"))["total"].as_i64() >= Some(1), "a {kind} alert");
    }
    assert!(get("/api/v1/monitoring/risk")["items"].as_array().unwrap().len() == 20, "the risk index of every region");
    // The backtest replays that history: one JSON line with the index and both baselines.
    let o = run(&dir, &["risk", "backtest"], None);
    assert!(o.status.success(), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON line");
    for key in ["index", "baseline_rate", "baseline_persistence"] {
        let brier = report[key]["brier"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&brier) && report[key]["average_precision"].as_f64().is_some(), "{report}");
    }
    assert!(report["weeks"].as_i64() >= Some(40) && report["events"].as_i64() >= Some(1), "{report}");
    // Issue 5: Almaty's assembly held a session; its decision is on control, one item overdue first.
    let sessions = get("/api/v1/sessions");
    assert_eq!(sessions["total"], 2, "{sessions}");
    let held = sessions["items"].as_array().unwrap().iter().find(|s| s["state"] == "closed").expect("the held session");
    let detail = get(&format!("/api/v1/sessions/{}", held["id"]));
    assert_eq!(detail["decisions"].as_array().unwrap().len(), 3, "{detail}");
    assert!(detail["attendance"]["quorum"].as_bool().unwrap());
    let board = get("/api/v1/control");
    let states: Vec<&str> = board["items"].as_array().unwrap().iter().map(|a| a["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["overdue", "on_control", "extended", "executed"], "{board}");
    // The minutes of the held session print; Almaty's reports on the action plan show in its execution.
    let minutes = ureq::get(&format!("{url}/api/v1/sessions/{}/minutes?lang=kk", held["id"])).set("Authorization", &format!("Bearer {token}")).call().unwrap();
    assert_eq!(minutes.content_type(), "application/pdf");
    let year = time::OffsetDateTime::now_utc().year().min(2026);
    let execution = get(&format!("/api/v1/plans/concept-2022-2026/execution?year={year}&region=750000000"));
    assert!(execution["reported"].as_i64() >= Some(10) && execution["overdue"].as_i64() >= Some(1), "{}", execution["reported"]);
    let session_item = execution["rows"].as_array().unwrap().iter().find(|r| r["item"]["code"] == "2").unwrap();
    let item = get(&format!("/api/v1/plan-items/{}", session_item["item"]["id"]));
    assert!(item["reports"].as_array().unwrap().iter().any(|r| r["files"].as_array().is_some_and(|f| !f.is_empty())), "the minutes attached: {item}");
    child.kill().unwrap();
    child.wait().unwrap();

    let (mut child, url, lines) = common::start_demo(&dir);
    assert!(lines.join("").contains("already loaded"), "{lines:?}");
    let total: serde_json::Value =
        ureq::get(&format!("{url}/api/v1/organisations?type=elders_council&per_page=1")).set("Authorization", &format!("Bearer {token}")).call().unwrap().into_json().unwrap();
    assert_eq!(total["total"], 1263, "nothing loaded twice");
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn ingest_streams_a_file_names_bad_lines_and_stores_nothing_twice() {
    let dir = temp_dir("ingest");
    let file = dir.join("posts.jsonl");
    let mut lines = Vec::new();
    for n in 0..9_000 {
        let text = if n % 3 == 0 { "Всех казахов надо выгнать из Алматы" } else { "Қазақтар мен орыстар бірге мереке өткізді" };
        lines.push(serde_json::json!({"external_id": n.to_string(), "author": format!("@u{}", n % 50), "published_at": "2026-11-20T09:00:00Z", "text": text}).to_string());
    }
    lines.insert(4_500, "{\"external_id\": \"bad\", \"published_at\": \"2026-13-40\", \"text\": \"x\"}".into());
    lines.insert(10, "not json".into());
    std::fs::write(&file, lines.join("\n")).unwrap();
    let o = run(&dir, &["ingest", file.to_str().unwrap(), "--source", "telegram"], None);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "lines were rejected: {out}");
    assert!(out.contains("9002 document(s) read, 9000 stored, 0 already stored, 2 rejected"), "{out}");
    assert!(out.contains("line 11: document: Not valid JSON (expected ident at line 1 column 2)"), "{out}");
    assert!(out.contains("line 4502 (external_id bad): published_at: Not a valid time"), "{out}");
    // Running the file again (after an interruption, say) stores nothing twice.
    let o = run(&dir, &["ingest", file.to_str().unwrap(), "--source", "telegram"], None);
    assert!(text(&o).contains("0 stored, 9000 already stored, 2 rejected"), "{}", text(&o));
    // Without --source, a line that names none is refused for it.
    std::fs::write(&file, "{\"external_id\": \"z\", \"published_at\": \"2026-11-20T09:00:00Z\", \"text\": \"x\"}\n").unwrap();
    let o = run(&dir, &["ingest", file.to_str().unwrap()], None);
    assert!(text(&o).contains("line 1 (external_id z): source: Required."), "{}", text(&o));
}

#[test]
fn bench_monitoring_prints_ingest_rates_and_query_latencies_as_one_json_line() {
    let dir = temp_dir("bench");
    let o = run(&dir, &["bench", "monitoring", "--docs", "3000", "--http-docs", "1000"], None);
    assert!(o.status.success(), "{}", text(&o));
    let line = String::from_utf8_lossy(&o.stdout);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    assert_eq!(v["docs"], 3000);
    assert_eq!(v["backend"], "sqlite");
    assert!(v["ingest_cli_docs_per_s"].as_f64().unwrap() > 0.0);
    assert!(v["ingest_http_docs_per_s"].as_f64().unwrap() > 0.0);
    // The centre's jobs ran as a server's would: the queue through the detectors, incidents, the risk index.
    assert!(v["jobs"]["signals_docs_per_s"].as_f64().unwrap() > 0.0, "{v}");
    assert_eq!(v["jobs"]["incidents"], 50);
    assert!(v["jobs"]["risk_week_ms"].as_f64().is_some(), "{v}");
    for q in ["map_regions_week", "region_trend_by_group_quarter", "flagged_feed_region", "flagged_feed_national", "document_by_id", "risk_map_week", "risk_region_year", "spikes_national_year", "campaigns_national_year", "incidents_region_page_1", "incidents_national_level_2_quarter", "incidents_search", "alerts_open", "alerts_failing"] {
        let p95 = v["queries"][q]["p95_ms"].as_f64().unwrap_or_else(|| panic!("{q} missing: {v}"));
        assert!(p95 >= v["queries"][q]["p50_ms"].as_f64().unwrap(), "{q}");
    }
}
