//! `kelisim bench monitoring --docs N`: the monitoring centre at scale (issue 4
//! §8). Generates N documents of the synthetic information field
//! (`demo::field`, one year ending today) into a fresh database, ingests them
//! through `kelisim ingest`'s own path, then a further set through the HTTP
//! API of a server started in-process, runs the centre's jobs as a server
//! would (the signal detectors over the whole queue, incidents registered
//! over the year, the risk index of the last 52 weeks), then times each
//! dashboard query with the N documents stored. Prints one JSON line:
//! `{"docs", "backend", "ingest_cli_docs_per_s", "ingest_http_docs_per_s",
//! "jobs": {"signals_docs_per_s", "spikes", "campaigns", "incidents",
//! "risk_week_ms"}, "queries": {"<name>": {"p50_ms", "p95_ms"}}}`.
//!
//! The fresh database is a SQLite file in a temporary folder, or, with
//! `--database-url postgres://…/DB`, a new database `kelisim_bench_<pid>` on
//! that server; both are removed at the end unless `--keep`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use kelisim_core::monitoring::incident::IncidentInput;
use kelisim_store::monitoring::{alerts, daily, documents, incidents, risk, signals};
use kelisim_store::{users, Backend, Store};
use serde_json::{json, Value};

use crate::demo::field::{local_time, FieldGenerator, FieldSettings};

/// Documents per HTTP batch, and clients sending at once.
const HTTP_BATCH: usize = 1_000;
const HTTP_CLIENTS: usize = 2;
/// Runs of each query (after two to warm the caches).
const QUERY_RUNS: usize = 40;

pub struct BenchArgs {
    pub docs: usize,
    pub http_docs: usize,
    pub database_url: Option<String>,
    pub keep: bool,
}

/// Writes `count` generated documents (ids from `first_id`, `source_suffix`
/// appended to each source) spread over the 365 days before today.
fn write_documents(path: &Path, first_id: u64, count: usize, source_suffix: &str, seed: u64) -> anyhow::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
    let mut generator = FieldGenerator::new(FieldSettings { seed, ..Default::default() });
    let today = (time::OffsetDateTime::now_utc().unix_timestamp() + 5 * 3600).div_euclid(86_400);
    for i in 0..count {
        // Evenly over the year up to yesterday, the newest last, at a second of the day that varies.
        let day = today - 365 + (i as i64 * 365 / count.max(1) as i64);
        let second = ((i as u64).wrapping_mul(2_654_435_761) % 86_400) as u32;
        let mut doc = generator.document(first_id + i as u64, &local_time(day, second), None, None, None);
        if !source_suffix.is_empty() {
            let source = format!("{}{source_suffix}", doc["source"].as_str().unwrap_or(""));
            doc["source"] = json!(source);
        }
        serde_json::to_writer(&mut out, &doc)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// A fresh database for the run and what to remove afterwards.
enum Fresh {
    Sqlite(PathBuf),
    Postgres { server: String, name: String },
}

async fn fresh_database(url: Option<&str>) -> anyhow::Result<(String, Fresh)> {
    match url {
        Some(u) if Backend::from_url(u) == Some(Backend::Postgres) => {
            let name = format!("kelisim_bench_{}", std::process::id());
            let url = kelisim_store::db::create_postgres_database(u, &name).await.context("creating the benchmark database")?;
            Ok((url, Fresh::Postgres { server: u.to_string(), name }))
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("kelisim-bench-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir)?;
            Ok((format!("sqlite://{}/kelisim.db", dir.display()), Fresh::Sqlite(dir)))
        }
    }
}

async fn remove(fresh: Fresh) {
    match fresh {
        Fresh::Sqlite(dir) => {
            let _ = std::fs::remove_dir_all(dir);
        }
        Fresh::Postgres { server, name } => {
            if let Err(e) = kelisim_store::db::drop_postgres_database(&server, &name).await {
                eprintln!("could not drop the benchmark database {name}: {e}");
            }
        }
    }
}

pub async fn monitoring(args: BenchArgs) -> anyhow::Result<Value> {
    let (url, fresh) = fresh_database(args.database_url.as_deref()).await?;
    let work = std::env::temp_dir().join(format!("kelisim-bench-files-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let result = run(&args, &url, &work).await;
    let _ = std::fs::remove_dir_all(&work);
    if args.keep {
        eprintln!("kept the benchmark database: {url}");
    } else {
        remove(fresh).await;
    }
    result
}

async fn run(args: &BenchArgs, url: &str, work: &Path) -> anyhow::Result<Value> {
    let store = Store::connect(url).await?;
    kelisim_store::migrate::migrate(&store).await?;
    eprintln!("generating {} documents …", args.docs);
    let cli_file = work.join("cli.jsonl");
    write_documents(&cli_file, 0, args.docs, "", 1)?;

    eprintln!("ingesting them with `kelisim ingest` …");
    let started = Instant::now();
    let totals = crate::ingest::run(&store, "bench", &cli_file, None, &mut std::io::sink()).await?;
    let cli_rate = totals.stored as f64 / started.elapsed().as_secs_f64();
    anyhow::ensure!(totals.stored == args.docs, "stored {} of {} documents ({} rejected)", totals.stored, args.docs, totals.rejected);
    let _ = std::fs::remove_file(&cli_file);

    eprintln!("sending {} more over HTTP …", args.http_docs);
    let http_rate = http_ingest(&store, work, args.http_docs).await?;

    let jobs = run_jobs(&store, args.docs).await?;

    eprintln!("timing the dashboard queries …");
    let queries = time_queries(&store).await?;
    store.close().await;
    Ok(json!({
        "docs": args.docs,
        "backend": Backend::from_url(url).map(|b| b.name()).unwrap_or("?"),
        "ingest_cli_docs_per_s": cli_rate.round(),
        "ingest_http_docs_per_s": http_rate.round(),
        "jobs": jobs,
        "queries": queries,
    }))
}

/// Serves the application on a free port and sends `count` documents in
/// batches from two clients; answers documents per second.
async fn http_ingest(store: &Store, work: &Path, count: usize) -> anyhow::Result<f64> {
    if count == 0 {
        return Ok(0.0);
    }
    let password = "bench-crawler-password";
    users::create(store, "bench", &users::NewUser { login: "bench.crawler", role: "analyst", region: None, organisation_id: None, password }).await?;
    let token = users::create_api_token(store, "bench", "bench.crawler").await?;
    let app = kelisim_web::app(kelisim_web::AppState::new(store.clone(), kelisim_web::WebConfig { secure_cookies: false, ..Default::default() }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}/api/v1/monitoring/documents", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await });
    let file = work.join("http.jsonl");
    write_documents(&file, 1_000_000_000, count, "-http", 2)?;
    let body = std::fs::read_to_string(&file)?;
    let batches: Vec<String> = body.lines().collect::<Vec<_>>().chunks(HTTP_BATCH).map(|c| c.join("\n")).collect();
    let started = Instant::now();
    let stored = tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..HTTP_CLIENTS)
                .map(|_| {
                    scope.spawn(|| -> anyhow::Result<usize> {
                        let agent = ureq::AgentBuilder::new().build();
                        let mut stored = 0;
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(batch) = batches.get(i) else { return Ok(stored) };
                            let answer: Value = agent
                                .post(&base)
                                .set("Authorization", &format!("Bearer {token}"))
                                .set("Content-Type", "application/x-ndjson")
                                .send_string(batch)
                                .map_err(|e| anyhow::anyhow!("batch {i}: {e}"))?
                                .into_json()?;
                            stored += answer["stored"].as_u64().unwrap_or(0) as usize;
                        }
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().map_err(|_| anyhow::anyhow!("a client thread failed"))?).sum()
        })
    })
    .await??;
    let rate = stored as f64 / started.elapsed().as_secs_f64();
    server.abort();
    anyhow::ensure!(stored == count, "stored {stored} of {count} documents sent over HTTP");
    Ok(rate)
}

/// What a server's timers do after ingestion: the signal detectors over the
/// whole queue (timed), one incident per 2,000 documents (at least 50, at
/// most 5,000) spread over the year and the regions, and the risk index of
/// the last 52 weeks (the last one timed).
async fn run_jobs(store: &Store, docs: usize) -> anyhow::Result<Value> {
    let now = kelisim_store::now_utc();
    eprintln!("running the signal detectors over the queue …");
    let started = Instant::now();
    let outcome = signals::run(store, &now, false).await?;
    let signals_rate = outcome.documents as f64 / started.elapsed().as_secs_f64().max(1e-9);

    let count = (docs / 2_000).clamp(50, 5_000);
    eprintln!("registering {count} incidents …");
    let regions = kelisim_core::reference::REGIONS;
    let today_epoch = time::OffsetDateTime::now_utc().unix_timestamp();
    for i in 0..count {
        let region = &regions[i % regions.len()];
        let at = time::OffsetDateTime::from_unix_timestamp(today_epoch - 86_400 * (1 + (i as i64 * 364 / count as i64)) - (i as i64 % 86_400)).expect("a past instant");
        let input = IncidentInput {
            title: format!("Benchmark incident {i}"),
            description: "A dispute between neighbours reported by the council of elders".into(),
            occurred_at: kelisim_core::monitoring::document::instant_text(at),
            region: Some(region.kato.to_string()),
            category: "land_water_dispute".into(),
            source: "council_report".into(),
            groups: vec!["kazakh".into(), if i % 2 == 0 { "russian".into() } else { "uyghur".into() }],
            ..Default::default()
        };
        let level = [0, 1, 1, 2, 2, 3][i % 6];
        incidents::create(store, "bench", &incidents::NewIncident { input, level, ..Default::default() }, &now).await?;
    }

    eprintln!("computing the risk index of 52 weeks …");
    let this_week = kelisim_core::monitoring::calendar::week_of(&kelisim_store::today_utc());
    let mut last_ms = 0.0;
    for back in (0..52).rev() {
        let started = Instant::now();
        risk::compute_week(store, &kelisim_core::monitoring::calendar::add_days(&this_week, -7 * back), &now, false).await?;
        last_ms = started.elapsed().as_secs_f64() * 1000.0;
    }
    Ok(json!({
        "signals_docs_per_s": signals_rate.round(),
        "spikes": outcome.spikes_new,
        "campaigns": outcome.campaigns_new,
        "incidents": count,
        "risk_week_ms": (last_ms * 100.0).round() / 100.0,
    }))
}

/// p50 and p95 of each dashboard query over [`QUERY_RUNS`] runs.
async fn time_queries(store: &Store) -> anyhow::Result<Value> {
    let today = kelisim_core::monitoring::local_day(time::OffsetDateTime::now_utc());
    let day = |days_back: i64| kelisim_core::monitoring::local_day(time::OffsetDateTime::now_utc() - time::Duration::days(days_back));
    let (week, quarter, year) = (day(6), day(89), day(364));
    let almaty = "750000000".to_string();
    let last_id = documents::last_id(store).await?;
    let mut out = serde_json::Map::new();
    macro_rules! timed {
        ($name:literal, $query:expr) => {{
            let mut ms = Vec::with_capacity(QUERY_RUNS);
            for run in 0..QUERY_RUNS + 2 {
                let started = Instant::now();
                let _ = $query.await?;
                if run >= 2 {
                    ms.push(started.elapsed().as_secs_f64() * 1000.0);
                }
            }
            ms.sort_by(f64::total_cmp);
            let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
            out.insert($name.to_string(), json!({ "p50_ms": (at(0.5) * 100.0).round() / 100.0, "p95_ms": (at(0.95) * 100.0).round() / 100.0 }));
        }};
    }
    timed!("map_regions_week", daily::region_totals(store, &week, &today));
    timed!("map_regions_year", daily::region_totals(store, &year, &today));
    timed!("region_trend_by_group_quarter", daily::read(store, &daily::DailyFilter { from: quarter.clone(), to: today.clone(), region: Some(almaty.clone()), group: None }));
    timed!("national_trend_year", daily::read(store, &daily::DailyFilter { from: year.clone(), to: today.clone(), region: None, group: Some("*".into()) }));
    timed!("flagged_feed_region", documents::flagged(store, Some(&almaty), 1, 50));
    timed!("flagged_feed_national", documents::flagged(store, None, 1, 50));
    timed!("flagged_feed_region_page_20", documents::flagged(store, Some(&almaty), 20, 50));
    timed!("document_by_id", documents::get(store, last_id.max(1)));
    let (year_start, tomorrow) = (kelisim_core::monitoring::calendar::day_start_instant(&year), kelisim_core::monitoring::calendar::day_start_instant(&kelisim_core::monitoring::calendar::add_days(&today, 1)));
    let this_week = kelisim_core::monitoring::calendar::week_of(&today);
    timed!("risk_map_week", risk::week(store, &this_week));
    timed!("risk_region_year", risk::region_weeks(store, &almaty, &year));
    timed!("spikes_national_year", signals::spikes(store, None, &year, &today));
    timed!("campaigns_national_year", signals::campaigns(store, None, &year_start, &tomorrow, 50));
    timed!("incidents_region_page_1", incidents::list(store, &incidents::IncidentFilter { region: Some(almaty.clone()), ..Default::default() }, 1, 50));
    timed!("incidents_national_level_2_quarter", incidents::list(store, &incidents::IncidentFilter { level_min: Some(2), from: Some(quarter.clone()), ..Default::default() }, 1, 50));
    timed!("incidents_search", incidents::list(store, &incidents::IncidentFilter { q: Some("neighbours".into()), ..Default::default() }, 1, 50));
    timed!("alerts_open", alerts::list(store, &alerts::AlertFilter { status: Some("open".into()), ..Default::default() }, 1, 50));
    timed!("alerts_failing", alerts::failing(store, None));
    Ok(Value::Object(out))
}
