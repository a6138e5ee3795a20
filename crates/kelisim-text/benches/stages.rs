//! Criterion benchmark of the engine's stages on a mixed Kazakh/Russian
//! text, each next to the bare Aho-Corasick scan of the lexicons over the
//! same text (the baseline of `kelisim text bench`), so the ratios printed
//! by Criterion's throughput figures compare within one run.
//!
//! cargo bench -p kelisim-text --bench stages

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kelisim_text::features::{target_features, text_features, tokens};
use kelisim_text::{groups, lang, normalize, places, signature, Model};
use std::hint::black_box;

const SAMPLE: &str = "Вчера в Шымкенте прошёл праздник дружбы: <b>казахи</b>, узбеки, русские и уйгуры вместе готовили плов. \
Бірақ кейбір пікірлерде орыстарды және өзбектерді қорлайтын сөздер болды, оны Ассамблея айыптады. \
Qazaqtar men orystar birge turady. Эти ч у р к и понаехали — пишут в сети; полиция Алматинской области проверяет сообщения.";

fn text() -> String {
    SAMPLE.repeat(4)
}

fn stages(c: &mut Criterion) {
    let t = text();
    let model = Model::builtin();
    let scan = AhoCorasick::builder().match_kind(MatchKind::Standard).build(kelisim_text::lexicon_patterns()).unwrap();
    let norm = normalize(&t);
    let mentions = groups::find(&norm);
    let toks = tokens(&norm.text);
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(t.len() as u64));
    g.bench_function("baseline_bare_scan", |b| b.iter(|| black_box(scan.find_overlapping_iter(black_box(&t)).count())));
    g.bench_function("normalize", |b| b.iter(|| black_box(normalize(black_box(&t)))));
    g.bench_function("lang", |b| b.iter(|| black_box(lang::detect(&norm.text))));
    g.bench_function("groups", |b| b.iter(|| black_box(groups::find(&norm))));
    g.bench_function("places", |b| b.iter(|| black_box(places::regions(&norm))));
    g.bench_function("features", |b| b.iter(|| black_box((text_features(&toks, &mentions), target_features(&toks, &mentions, Some("kazakh"))))));
    g.bench_function("signature", |b| b.iter(|| black_box(signature::simhash(&norm.text))));
    g.bench_function("analyze_whole_pipeline", |b| b.iter(|| black_box(model.analyze(black_box(&t), None, &["казах"]))));
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
