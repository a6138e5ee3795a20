//! Per-test databases for the test suites of every crate: each test gets a
//! fresh SQLite file, and a fresh PostgreSQL database when
//! `KELISIM_TEST_POSTGRES_URL` names a server (CI sets it). Not used by the
//! product itself.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::db::Store;

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(name: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("kt_{}_{}_{}", &clean[..clean.len().min(30)], std::process::id(), n)
}

/// The PostgreSQL server URL for tests, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("KELISIM_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty())
}

/// A fresh, migrated SQLite store in a temporary folder, and that folder.
pub async fn sqlite_store(name: &str) -> (Store, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(unique(name));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/kelisim.db", dir.display());
    let store = Store::connect(&url).await.expect("connect sqlite");
    crate::migrate::migrate(&store).await.expect("migrate sqlite");
    (store, dir)
}

/// Creates a fresh database on the test PostgreSQL server; returns its URL.
pub async fn create_postgres_db(server: &str, name: &str) -> (String, String) {
    let db = unique(name);
    let url = crate::db::create_postgres_database(server, &db).await.expect("create database");
    (url, db)
}

pub async fn drop_postgres_db(server: &str, db: &str) {
    let _ = crate::db::drop_postgres_database(server, db).await;
}

/// Runs `test` on a fresh SQLite store, then on a fresh PostgreSQL store when
/// one is configured. Each run is named in the output so that a failure says
/// which backend it was.
pub async fn each_backend<F, Fut>(name: &str, test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let (store, dir) = sqlite_store(name).await;
    eprintln!("[{name}] on sqlite");
    test(store.clone()).await;
    store.close().await;
    let _ = std::fs::remove_dir_all(dir);
    if let Some(server) = postgres_url() {
        let (url, db) = create_postgres_db(&server, name).await;
        let store = Store::connect(&url).await.expect("connect test database");
        crate::migrate::migrate(&store).await.expect("migrate postgres");
        eprintln!("[{name}] on postgres");
        test(store.clone()).await;
        store.close().await;
        drop_postgres_db(&server, &db).await;
    } else {
        eprintln!("[{name}] postgres skipped: KELISIM_TEST_POSTGRES_URL not set");
    }
}
