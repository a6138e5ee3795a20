//! `kelisim text bench`: the engine's throughput on one core, next to a bare
//! Aho-Corasick scan for all of its lexicon patterns over the same texts in
//! the same run — the floor below which no engine that reads its lexicon
//! can go. `ratio` = pipeline / scan. The pipeline's first pass, with the
//! engine's word memo emptied, is reported beside its steady figure.
//!
//! The scan is the `aho-corasick` crate's default automaton for these
//! patterns (a contiguous NFA: the crate builds a DFA only for a hundred
//! patterns or fewer). The same patterns in the crate's full DFA scan
//! about three times as fast (a larger table); that scan is printed too
//! (`scan_dfa_mb_per_s`, `ratio_dfa`), so that the ratio can be read
//! against the fastest floor the crate offers as well.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anyhow::{bail, Context};
use kelisim_text::Model;
use serde_json::{json, Value};

use super::analyze::{parse_line, Input};

/// Runs `pass` over all texts until `seconds` have passed (at least once);
/// returns (passes, elapsed).
fn measure(seconds: f64, mut pass: impl FnMut()) -> (u32, Duration) {
    let started = Instant::now();
    let mut passes = 0;
    while passes == 0 || started.elapsed().as_secs_f64() < seconds {
        pass();
        passes += 1;
    }
    (passes, started.elapsed())
}

pub fn run(model: &Model, input: &Path, seconds: f64) -> anyhow::Result<Value> {
    let data = std::fs::read_to_string(input).with_context(|| format!("cannot read {}", input.display()))?;
    let mut docs: Vec<Input> = Vec::new();
    for (n, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        docs.push(parse_line(line).map_err(|(_, e)| anyhow::anyhow!("{}: line {}: {e}", input.display(), n + 1))?);
    }
    if docs.is_empty() {
        bail!("{}: no texts", input.display());
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let targets: Vec<Vec<&str>> = docs.iter().map(|d| d.targets.iter().map(String::as_str).collect()).collect();
    let automaton = |kind| AhoCorasick::builder().match_kind(MatchKind::Standard).kind(kind).build(kelisim_text::lexicon_patterns()).context("lexicon automaton");
    let (scan, scan_dfa) = (automaton(None)?, automaton(Some(AhoCorasickKind::DFA))?);
    // Warm up: build the engine's automata and touch the model once.
    for d in docs.iter().take(100) {
        black_box(model.analyze(&d.text, d.lang, &[]));
    }
    // One pass with the word memo emptied first: every word is new to the
    // engine at first (what a stream of new texts meets); then the passes the
    // steady figure is measured on, with the words the texts repeat remembered.
    kelisim_text::word_memo::forget();
    let (_, first_pass) = measure(0.0, || {
        for (d, t) in docs.iter().zip(&targets) {
            black_box(model.analyze(&d.text, d.lang, t));
        }
    });
    let (pipeline_passes, pipeline_time) = measure(seconds, || {
        for (d, t) in docs.iter().zip(&targets) {
            black_box(model.analyze(&d.text, d.lang, t));
        }
    });
    let mb = bytes as f64 / 1e6;
    let scan_throughput = |scan: &AhoCorasick| {
        let (passes, time) = measure(seconds, || {
            for d in &docs {
                black_box(scan.find_overlapping_iter(&d.text).count());
            }
        });
        mb * passes as f64 / time.as_secs_f64()
    };
    let pipeline_mb_per_s = mb * pipeline_passes as f64 / pipeline_time.as_secs_f64();
    let (scan_mb_per_s, scan_dfa_mb_per_s) = (scan_throughput(&scan), scan_throughput(&scan_dfa));
    let r = |x: f64| (x * 1000.0).round() / 1000.0;
    Ok(json!({
        "docs": docs.len(),
        "bytes": bytes,
        "threads": 1,
        "pipeline_mb_per_s": r(pipeline_mb_per_s),
        "pipeline_docs_per_s": r(docs.len() as f64 * pipeline_passes as f64 / pipeline_time.as_secs_f64()),
        "pipeline_first_pass_mb_per_s": r(mb / first_pass.as_secs_f64()),
        "scan_mb_per_s": r(scan_mb_per_s),
        "ratio": r(pipeline_mb_per_s / scan_mb_per_s),
        "scan_dfa_mb_per_s": r(scan_dfa_mb_per_s),
        "ratio_dfa": r(pipeline_mb_per_s / scan_dfa_mb_per_s),
        "patterns": kelisim_text::lexicon_patterns().len(),
    }))
}
