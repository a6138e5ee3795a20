//! Issue 4 §8: "Two `kelisim serve` nodes on one PostgreSQL ingesting the
//! same and different batches at once lose nothing and store nothing twice."
//! Two real server processes on one fresh PostgreSQL database, each sent its
//! own batches and the shared ones (in the opposite order) at the same time;
//! then the documents, the daily counts, and what both nodes' detectors made
//! of a campaign hidden in the shared batches: one campaign, one alert.
//! (The ordinary posts are one announcement with a number changed, reposted by
//! 2,970 accounts: a campaign too, but a friendly one, which raises no alert;
//! see `kelisim_core::monitoring::campaign::is_hostile`.)
//! Runs when KELISIM_TEST_POSTGRES_URL is set (as `.ci/run` sets).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kelisim_store::testing;
use serde_json::{json, Value};

fn kelisim(url: &str, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .args(args)
        .env("KELISIM_DATABASE_URL", url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "kelisim {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

struct Node {
    child: Child,
    url: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(database_url: &str) -> Node {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("KELISIM_DATABASE_URL", database_url)
        .env("KELISIM_DATA_DIR", std::env::temp_dir().join(format!("kelisim-two-nodes-{}", std::process::id())))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let url = loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "serve exited");
        if let Some(rest) = line.split("serving at ").nth(1) {
            break rest.split_whitespace().next().unwrap().trim_end_matches('/').to_string();
        }
    };
    std::thread::spawn(move || for _ in reader.lines() {});
    Node { child, url }
}

/// 3,000 documents of one day in Almaty (00:00-19:00 UTC, one Kazakhstan day): ordinary ones, and among the shared
/// middle third one text posted by 30 accounts within two hours.
fn documents(day: &str) -> Vec<Value> {
    (0..3000)
        .map(|n| {
            let (text, minute) = if (1400..1430).contains(&n) {
                ("Хватит терпеть, уйгуры захватили наш район, гнать их надо из Алматы! Все на площадь вечером".to_string(), 10 + (n - 1400) * 4)
            } else {
                (format!("В Алматы прошёл {n}-й вечер дружбы: казахи, русские и уйгуры вместе готовили угощение"), n % 1140)
            };
            json!({"source": "telegram", "external_id": format!("post-{n}"), "author": format!("@user{n}"),
                   "published_at": format!("{day}T{:02}:{:02}:00Z", minute / 60, minute % 60), "text": text, "region": "750000000"})
        })
        .collect()
}

fn post(node: &str, token: &str, batch: &[Value]) -> (usize, usize) {
    let r: Value = ureq::post(&format!("{node}/api/v1/monitoring/documents")).set("Authorization", &format!("Bearer {token}")).send_json(Value::Array(batch.to_vec())).unwrap().into_json().unwrap();
    assert!(r["rejected"].as_array().unwrap().is_empty(), "{r}");
    (r["stored"].as_u64().unwrap() as usize, r["duplicates"].as_u64().unwrap() as usize)
}

fn get(node: &str, token: &str, path: &str) -> Value {
    ureq::get(&format!("{node}{path}")).set("Authorization", &format!("Bearer {token}")).call().unwrap().into_json().unwrap()
}

#[test]
fn two_serve_nodes_on_one_postgres_lose_nothing_and_store_nothing_twice() {
    let Some(server) = testing::postgres_url() else {
        eprintln!("two-node test skipped: KELISIM_TEST_POSTGRES_URL not set");
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (url, db) = rt.block_on(testing::create_postgres_db(&server, "two_serve_nodes"));
    kelisim(&url, &["migrate"], None);
    kelisim(&url, &["user", "add", "--login", "crawler", "--role", "analyst", "--password-stdin"], Some("crawler-password-1\n"));
    let token = kelisim(&url, &["token", "create", "--user", "crawler"], None).trim().to_string();
    let (a, b) = (serve(&url), serve(&url));

    let day = kelisim_core::monitoring::calendar::add_days(&kelisim_store::today_utc(), -1);
    let all = documents(&day);
    // Node A: 0..2000; node B: 1000..3000, last batch first; the middle third
    // reaches both at once.
    let mut to_a: Vec<Vec<Value>> = all[..2000].chunks(200).map(<[Value]>::to_vec).collect();
    let mut to_b: Vec<Vec<Value>> = all[1000..].chunks(200).map(<[Value]>::to_vec).collect();
    to_b.reverse();
    to_a.iter_mut().for_each(|batch| batch.reverse());
    let send = |node: String, batches: Vec<Vec<Value>>, token: String| {
        std::thread::spawn(move || batches.iter().fold((0, 0), |(s, d), batch| {
            let (s2, d2) = post(&node, &token, batch);
            (s + s2, d + d2)
        }))
    };
    let (ta, tb) = (send(a.url.clone(), to_a, token.clone()), send(b.url.clone(), to_b, token.clone()));
    let ((stored_a, dup_a), (stored_b, dup_b)) = (ta.join().unwrap(), tb.join().unwrap());
    assert_eq!(stored_a + stored_b, 3000, "every document stored by exactly one node");
    assert_eq!(dup_a + dup_b, 1000, "the shared third acknowledged as duplicates by the node that came second");

    // What both nodes read back: the same counts, once.
    for node in [&a.url, &b.url] {
        let daily = get(node, &token, &format!("/api/v1/monitoring/daily?region=750000000&from={day}&to={day}&group=*"));
        assert_eq!(daily["items"][0]["mentions"], 3000, "{daily}");
    }
    let stored = rt.block_on(async {
        let store = kelisim_store::Store::connect(&url).await.unwrap();
        let n = kelisim_store::monitoring::documents::count(&store).await.unwrap();
        store.close().await;
        n
    });
    assert_eq!(stored, 3000);

    // Both nodes' detectors run every 15 s over the same queue: the campaign
    // is found once and alerted once.
    let deadline = Instant::now() + Duration::from_secs(120);
    let from = kelisim_core::monitoring::calendar::add_days(&day, -1);
    let campaigns_path = format!("/api/v1/monitoring/campaigns?region=750000000&from={from}");
    loop {
        let c = get(&a.url, &token, &campaigns_path);
        if c["items"].as_array().unwrap().iter().any(|c| c["authors"] == 30) {
            break;
        }
        assert!(Instant::now() < deadline, "no campaign of 30 accounts detected: {c}");
        std::thread::sleep(Duration::from_millis(500));
    }
    std::thread::sleep(Duration::from_secs(16)); // one more round of both detectors
    for node in [&a.url, &b.url] {
        let campaigns = get(node, &token, &campaigns_path);
        let items = campaigns["items"].as_array().unwrap();
        let hostile: Vec<&Value> = items.iter().filter(|c| c["flagged"].as_i64() > Some(0)).collect();
        assert_eq!(hostile.len(), 1, "the hostile campaign, found once: {campaigns}");
        assert_eq!((hostile[0]["authors"].as_i64(), hostile[0]["documents"].as_i64(), hostile[0]["flagged"].as_i64()), (Some(30), Some(30), Some(30)), "{campaigns}");
        // The friendly announcement reposted by the other accounts is recorded
        // as a campaign too, once, but it warns of nothing.
        assert_eq!(items.len(), 2, "{campaigns}");
        let alerts = get(node, &token, "/api/v1/alerts?kind=campaign&per_page=10");
        assert_eq!(alerts["total"], 1, "one alert, for the hostile campaign only: {alerts}");
        assert_eq!(alerts["items"][0]["subject_id"], hostile[0]["id"]);
    }

    drop((a, b));
    rt.block_on(testing::drop_postgres_db(&server, &db));
}
