//! A real Kelisim server on 127.0.0.1:0 over a fresh database, for each
//! backend (SQLite always; PostgreSQL when KELISIM_TEST_POSTGRES_URL is set),
//! and a small HTTP client that keeps cookies.
#![allow(dead_code)]

use std::collections::HashMap;
use std::future::Future;

use kelisim_store::testing;
use kelisim_store::Store;
use kelisim_web::{AppState, WebConfig};

pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub backend: &'static str,
    rt: tokio::runtime::Runtime,
    cleanup: Option<(String, String)>,
    dir: Option<std::path::PathBuf>,
}

impl TestApp {
    pub fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let store = self.store.clone();
        self.rt.block_on(async move { store.close().await });
        if let Some((server, db)) = self.cleanup.take() {
            self.rt.block_on(testing::drop_postgres_db(&server, &db));
        }
        if let Some(dir) = self.dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn start(name: &str, postgres: bool, config: WebConfig) -> TestApp {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let (store, cleanup, dir) = rt.block_on(async {
        if postgres {
            let server = testing::postgres_url().expect("postgres url");
            let (url, db) = testing::create_postgres_db(&server, name).await;
            let store = Store::connect(&url).await.expect("connect");
            kelisim_store::migrate::migrate(&store).await.expect("migrate");
            (store, Some((server, db)), None)
        } else {
            let (store, dir) = testing::sqlite_store(name).await;
            (store, None, Some(dir))
        }
    });
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = kelisim_web::app(AppState::new(store.clone(), config));
    rt.spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.expect("serve");
    });
    TestApp { base: format!("http://{addr}"), store, backend: if postgres { "postgres" } else { "sqlite" }, rt, cleanup, dir }
}

/// One app per backend under test.
pub fn apps(name: &str) -> Vec<TestApp> {
    apps_with(name, || WebConfig { secure_cookies: false, ..Default::default() })
}

pub fn apps_with(name: &str, config: impl Fn() -> WebConfig) -> Vec<TestApp> {
    let mut out = vec![start(name, false, config())];
    if testing::postgres_url().is_some() {
        out.push(start(name, true, config()));
    } else {
        eprintln!("[{name}] postgres skipped: KELISIM_TEST_POSTGRES_URL not set");
    }
    out
}

/// An HTTP response as the tests look at it.
pub struct Resp {
    pub status: u16,
    pub body: String,
    pub bytes: Vec<u8>,
    pub headers: HashMap<String, Vec<String>>,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)]))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.first()).map(|s| s.as_str())
    }
}

/// A client that keeps cookies, like a browser, and does not follow redirects.
pub struct Client {
    pub base: String,
    agent: ureq::Agent,
    pub cookies: HashMap<String, String>,
    pub bearer: Option<String>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client { base: base.to_string(), agent: ureq::AgentBuilder::new().redirects(0).build(), cookies: HashMap::new(), bearer: None }
    }

    pub fn with_token(base: &str, token: &str) -> Client {
        let mut c = Client::new(base);
        c.bearer = Some(token.to_string());
        c
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    pub fn send(&mut self, method: &str, path: &str, content_type: Option<&str>, body: &[u8], extra: &[(&str, &str)]) -> Resp {
        let mut req = self.agent.request(method, &format!("{}{}", self.base, path));
        if !self.cookies.is_empty() {
            req = req.set("Cookie", &self.cookie_header());
        }
        if let Some(t) = &self.bearer {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        if let Some(ct) = content_type {
            req = req.set("Content-Type", ct);
        }
        for (k, v) in extra {
            req = req.set(k, v);
        }
        let result = if method == "GET" { req.call() } else { req.send_bytes(body) };
        let resp = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        let status = resp.status();
        let mut headers: HashMap<String, Vec<String>> = HashMap::new();
        for name in resp.headers_names() {
            let values: Vec<String> = resp.all(&name).iter().map(|s| s.to_string()).collect();
            headers.insert(name.to_lowercase(), values);
        }
        for c in headers.get("set-cookie").cloned().unwrap_or_default() {
            let pair = c.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() || c.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut resp.into_reader(), &mut bytes).expect("body");
        Resp { status, body: String::from_utf8_lossy(&bytes).to_string(), bytes, headers }
    }

    pub fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, None, b"", &[])
    }

    pub fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send("POST", path, Some("application/x-www-form-urlencoded"), body.as_bytes(), &[])
    }

    pub fn json(&mut self, method: &str, path: &str, value: &serde_json::Value) -> Resp {
        self.send(method, path, Some("application/json"), value.to_string().as_bytes(), &[])
    }

    /// The CSRF token of the current page's forms.
    pub fn csrf_of(page: &str) -> String {
        let marker = "name=\"csrf\" value=\"";
        page.find(marker).map(|i| page[i + marker.len()..].split('"').next().unwrap_or("").to_string()).unwrap_or_default()
    }

    /// Signs in through the login form (and the TOTP step when asked).
    pub fn sign_in(&mut self, login: &str, password: &str, totp_secret: Option<&str>) -> Resp {
        let page = self.get("/login");
        let csrf = Client::csrf_of(&page.body);
        let resp = self.post_form("/login", &[("login", login), ("password", password), ("csrf", &csrf), ("next", "/")]);
        if resp.status == 303 && resp.header("location").is_some_and(|l| l.starts_with("/login/totp")) {
            let page = self.get("/login/totp");
            let csrf = Client::csrf_of(&page.body);
            let code = kelisim_web::totp::current_code(totp_secret.expect("totp secret"), login).expect("code");
            return self.post_form("/login/totp", &[("code", &code), ("csrf", &csrf), ("next", "/")]);
        }
        resp
    }
}

/// The text of a PDF as `pdftotext` reads it (poppler-utils), so a test checks what
/// a reader of the printed document sees. Where `pdftotext` is absent the check is
/// skipped with a message — except in CI (`CI` set), where `.ci/run` installs it.
#[allow(dead_code)]
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("kelisim-pdf-{}-{}", std::process::id(), rand_suffix()));
    std::fs::write(&dir, bytes).expect("write the PDF");
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&dir).arg("-").output();
    let _ = std::fs::remove_file(&dir);
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).to_string()),
        Ok(o) => panic!("pdftotext refused the PDF: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "pdftotext (poppler-utils) is needed in CI: {e}");
            eprintln!("skipped: pdftotext not found ({e}); the PDF's text is not checked");
            None
        }
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
