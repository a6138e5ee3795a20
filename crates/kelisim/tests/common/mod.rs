//! Starting the real `kelisim demo` for the binary's tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Starts `kelisim demo` on a free port over `dir`; returns the child, the
/// URL it printed and everything it printed up to "Press Ctrl-C" (the rest
/// of its output is drained in the background).
pub fn start_demo(dir: &Path) -> (Child, String, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kelisim"))
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
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
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
    (child, url.expect("the demo printed its URL"), lines)
}
