//! Throughput of the whole pipeline over a JSON Lines file of texts, on one
//! core, for profiling the engine without building the whole application:
//!
//! cargo run --release -p kelisim-text --example throughput -- FILE [SECONDS]
//!
//! `passes=N` instead of SECONDS runs exactly N passes: under
//! `valgrind --tool=cachegrind` the difference between two and one pass is
//! the instruction count of a warm pass, a figure the machine's noise does
//! not move (`tools/instructions.sh`).
mod texts;

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput FILE.jsonl [SECONDS]");
    let arg = args.next().unwrap_or_else(|| "3".to_string());
    let (seconds, exact): (f64, Option<u32>) = match arg.strip_prefix("passes=") {
        Some(n) => (0.0, Some(n.parse().expect("passes=N"))),
        None => (arg.parse().expect("seconds"), None),
    };
    let texts = texts::read(&path);
    let bytes: usize = texts.iter().map(String::len).sum();
    let model = kelisim_text::Model::builtin();
    // Passes until `seconds` have gone; the fastest pass is reported beside
    // the mean (on a shared machine the fastest is the steadier figure).
    let started = Instant::now();
    let (mut passes, mut best) = (0u32, f64::MAX);
    while passes == 0 && exact != Some(0) || exact.map_or(started.elapsed().as_secs_f64() < seconds, |n| passes < n) {
        let pass = Instant::now();
        for t in &texts {
            black_box(model.analyze(t, None, &[]));
        }
        best = best.min(pass.elapsed().as_secs_f64());
        passes += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!("mean {:.2} MB/s, best pass {:.2} MB/s, {:.0} docs/s", mb * passes as f64 / secs, mb / best, texts.len() as f64 * passes as f64 / secs);
}
