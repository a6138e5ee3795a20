//! Starting the real `kelisim demo` for the binary's tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `kelisim demo`, stopped when dropped (also when a test fails
/// half-way, so no server outlives its test).
pub struct Demo(Child);

impl std::ops::Deref for Demo {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Demo {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `kelisim demo` on a free port over `dir`; returns the server, the
/// URL it printed and everything it printed up to "Press Ctrl-C" (the rest
/// of its output is drained in the background).
pub fn start_demo(dir: &Path) -> (Demo, String, Vec<String>) {
    let child = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .args(["demo", "--bind", "127.0.0.1:0"])
        .env("KELISIM_DATA_DIR", dir)
        // A smaller information field than the demo's million documents: the
        // same year, episodes and code paths, in a test's time.
        .env("KELISIM_DEMO_DOCUMENTS", std::env::var("KELISIM_DEMO_DOCUMENTS").unwrap_or_else(|_| "20000".into()))
        .env_remove("KELISIM_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn kelisim demo");
    let mut demo = Demo(child);
    let mut reader = BufReader::new(demo.0.stdout.take().expect("stdout"));
    let mut lines = vec![];
    let mut url = None;
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).expect("read") > 0, "demo exited: {lines:?}");
        if let Some(rest) = line.split("serving at ").nth(1) {
            url = rest.split_whitespace().next().map(|u| u.trim_end_matches('/').to_string());
        }
        let done = line.starts_with("Press Ctrl-C");
        lines.push(line);
        if done {
            break;
        }
    }
    std::thread::spawn(move || for _ in reader.lines() {});
    (demo, url.expect("the demo printed its URL"), lines)
}
