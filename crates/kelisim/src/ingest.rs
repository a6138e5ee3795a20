//! `kelisim ingest FILE.jsonl [--source NAME]`: streams a file of documents
//! (one JSON object per line, the API's fields) into the information field.
//!
//! Two stages run at once: a thread reads, checks and analyses the next batch
//! (the text engine is CPU work) while the database stores the previous one.
//! Each batch is stored in one transaction, so an interrupted run leaves whole
//! batches; running the file again stores only what is missing (documents are
//! keyed by `source` + `external_id`). A bad line is reported with its line
//! number and reasons; the rest is stored.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use kelisim_store::monitoring::documents::{self, NewDocument};
use kelisim_store::Store;
use kelisim_web::ingest::{prepare, Rejected};

/// Lines per batch: large enough that a transaction's cost is spread thin,
/// small enough that a batch is analysed in a few tens of milliseconds.
pub const BATCH_LINES: usize = 4_000;

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Totals {
    pub lines: usize,
    pub stored: usize,
    pub duplicates: usize,
    pub rejected: usize,
}

/// One analysed batch on its way to the database.
struct Prepared {
    docs: Vec<NewDocument>,
    rejected: Vec<Rejected>,
    /// File line number of each non-empty line of the batch.
    line_numbers: Vec<usize>,
    bytes_read: u64,
}

/// Ingests `path`; rejected lines go to `report` as they are found.
pub async fn run(store: &Store, actor: &str, path: &Path, source: Option<&str>, report: &mut dyn Write) -> anyhow::Result<Totals> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let total_bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let key = kelisim_store::monitoring::authors::installation_key(store).await?;
    let source = source.map(String::from);
    let (send, mut receive) = tokio::sync::mpsc::channel::<anyhow::Result<Prepared>>(2);
    let reader = std::thread::spawn(move || read_batches(file, source, key, |batch| send.blocking_send(batch).is_ok()));
    let mut progress = Progress::new(total_bytes);
    let mut totals = Totals::default();
    while let Some(batch) = receive.recv().await {
        let batch = batch?;
        let outcome = documents::ingest(store, actor, &batch.docs).await?;
        totals.lines += batch.line_numbers.len();
        totals.stored += outcome.stored.len();
        totals.duplicates += outcome.duplicates;
        totals.rejected += batch.rejected.len();
        for r in &batch.rejected {
            let line = batch.line_numbers[r.index];
            let id = r.external_id.as_deref().map(|id| format!(" (external_id {id})")).unwrap_or_default();
            let problems: Vec<String> = r.problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect();
            writeln!(report, "line {line}{id}: {}", problems.join("; "))?;
        }
        progress.show(batch.bytes_read, &totals);
    }
    reader.join().map_err(|_| anyhow::anyhow!("the reading thread failed"))??;
    progress.finish();
    Ok(totals)
}

/// Reads, checks and analyses the file batch by batch, handing each to `deliver`
/// (false: the receiver is gone, stop).
fn read_batches(file: std::fs::File, source: Option<String>, key: Vec<u8>, mut deliver: impl FnMut(anyhow::Result<Prepared>) -> bool) -> anyhow::Result<()> {
    let read = Arc::new(AtomicU64::new(0));
    let mut lines = BufReader::with_capacity(1 << 20, CountingReader { inner: file, count: read.clone() }).lines();
    let mut line_no = 0;
    loop {
        let mut values = Vec::with_capacity(BATCH_LINES);
        let mut line_numbers = Vec::with_capacity(BATCH_LINES);
        for line in lines.by_ref() {
            line_no += 1;
            let line = match line {
                Ok(l) => l,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    values.push(Err("the line is not UTF-8 text".to_string()));
                    line_numbers.push(line_no);
                    continue;
                }
                Err(e) => {
                    deliver(Err(anyhow::anyhow!("reading line {line_no}: {e}")));
                    return Ok(());
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            values.push(serde_json::from_str(&line).map_err(|e| e.to_string()));
            line_numbers.push(line_no);
            if values.len() == BATCH_LINES {
                break;
            }
        }
        if values.is_empty() {
            return Ok(());
        }
        let (docs, rejected) = prepare(values, source.as_deref(), time::OffsetDateTime::now_utc(), &key);
        let bytes_read = read.load(Ordering::Relaxed);
        if !deliver(Ok(Prepared { docs, rejected, line_numbers, bytes_read })) {
            return Ok(());
        }
    }
}

/// Counts the bytes read from the file, for the progress bar.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A progress bar on standard error when it is a terminal.
struct Progress {
    total_bytes: u64,
    started: Instant,
    last: Option<Instant>,
    terminal: bool,
}

impl Progress {
    fn new(total_bytes: u64) -> Self {
        Progress { total_bytes, started: Instant::now(), last: None, terminal: std::io::stderr().is_terminal() }
    }

    fn show(&mut self, bytes: u64, t: &Totals) {
        if !self.terminal || self.last.is_some_and(|l| l.elapsed().as_millis() < 200) {
            return;
        }
        self.last = Some(Instant::now());
        let share = if self.total_bytes == 0 { 1.0 } else { (bytes as f64 / self.total_bytes as f64).min(1.0) };
        let width = 30;
        let filled = (share * width as f64) as usize;
        let rate = t.lines as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        eprint!(
            "\r[{}{}] {:>5.1}%  {} lines, {} stored, {} duplicates, {} rejected, {:.0} docs/s ",
            "#".repeat(filled),
            "-".repeat(width - filled),
            share * 100.0,
            t.lines,
            t.stored,
            t.duplicates,
            t.rejected,
            rate
        );
    }

    fn finish(&self) {
        if self.terminal && self.last.is_some() {
            eprintln!();
        }
    }
}
