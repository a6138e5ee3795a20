//! A real browser (Debian's Chromium through chromedriver) against a real
//! `kelisim demo`: sign in, switch the language, find an association by
//! search, open it. Runs when KELISIM_BROWSER_TESTS=1 (as `.ci/run` sets);
//! says it skipped otherwise.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    base: String,
    session: String,
    process: Child,
}

impl Driver {
    fn start() -> Driver {
        let port = 9515 + (std::process::id() % 400) as u16;
        let process = Command::new("chromedriver").arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("chromedriver (apt-get install chromium-driver)");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = std::env::temp_dir().join(format!("kelisim-chromium-{}", std::process::id()));
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     format!("--user-data-dir={}", profile.display())]
        }}}});
        let resp: Value = ureq::post(&format!("{base}/session")).send_json(caps).expect("new session").into_json().unwrap();
        let session = resp["value"]["sessionId"].as_str().expect("session id").to_string();
        Driver { base, session, process }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{}", self.base, self.session, path);
        let req = ureq::request(method, &url);
        let resp = match body {
            Some(b) => req.send_json(b),
            None => req.call(),
        };
        match resp {
            Ok(r) => r.into_json::<Value>().unwrap()["value"].clone(),
            Err(ureq::Error::Status(code, r)) => panic!("webdriver {method} {path}: {code} {}", r.into_string().unwrap_or_default()),
            Err(e) => panic!("webdriver {method} {path}: {e}"),
        }
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = format!("{}/session/{}/element", self.base, self.session);
            if let Ok(r) = ureq::post(&url).send_json(json!({"using": "css selector", "value": css})) {
                return r.into_json::<Value>().unwrap()["value"][ELEMENT].as_str().unwrap().to_string();
            }
            assert!(Instant::now() < deadline, "no element {css}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css);
        self.call("POST", &format!("/element/{el}/clear"), Some(json!({})));
        self.call("POST", &format!("/element/{el}/value"), Some(json!({"text": text})));
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        self.call("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    fn text(&self, css: &str) -> String {
        let el = self.find(css);
        self.call("GET", &format!("/element/{el}/text"), None).as_str().unwrap_or("").to_string()
    }

    fn source(&self) -> String {
        self.call("GET", "/source", None).as_str().unwrap_or("").to_string()
    }

    fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !check(&self.source()) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[test]
fn sign_in_switch_language_search_and_open_an_association() {
    if std::env::var("KELISIM_BROWSER_TESTS").ok().as_deref() != Some("1") {
        eprintln!("browser test skipped: set KELISIM_BROWSER_TESTS=1 (with chromium and chromium-driver installed)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("kelisim-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut demo, url, _) = common::start_demo(&dir);
    let d = Driver::start();

    // Sign in as the regional secretariat of Almaty.
    d.go(&format!("{url}/login"));
    assert!(d.source().contains("lang=\"kk\""), "Kazakh by default");
    d.type_into("#login", "almaty.secretariat");
    d.type_into("#password", "demo-region-2026");
    d.click("#sign-in");
    d.wait_for("the dashboard, signed in", |s| s.contains("almaty.secretariat") && s.contains("Ассамблея құрылымдары"));

    // Switch to Russian.
    d.click("#lang-ru");
    d.wait_for("the Russian interface", |s| s.contains("lang=\"ru\"") && s.contains("Структуры Ассамблеи"));

    // Find an association by search and open it.
    d.go(&format!("{url}/registry"));
    d.type_into("#q", "Корейский этнокультурный");
    d.click("#search-button");
    d.wait_for("search results", |s| s.contains("Найдено:") && s.contains("Корейский этнокультурный центр"));
    let count = d.text("#result-count");
    assert!(!count.ends_with(": 0"), "{count}");
    d.click("#registry-table tbody tr:first-child td a");
    d.wait_for("the association's card", |s| s.contains("id=\"org-name\""));
    let name = d.text("#org-name");
    assert!(name.starts_with("Корейский этнокультурный центр"), "{name}");
    assert!(d.source().contains("Общественная аккредитация"), "the card shows the accreditation history");

    drop(d);
    let _ = demo.kill();
    let _ = demo.wait();
    let _ = std::fs::remove_dir_all(dir);
}
