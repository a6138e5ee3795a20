//! Time of each stage of the pipeline over a JSON Lines file of texts, on
//! one core, each stage run alone over every text (its inputs prepared
//! before), best of several passes: where the whole pipeline's time goes,
//! in milliseconds a pass, beside `Model::analyze` over the same texts.
//!
//! cargo run --release -p kelisim-text --example stage_times -- FILE [PASSES]
mod texts;

use std::hint::black_box;
use std::time::Instant;

use kelisim_text::features::{read_as, tokens};
use kelisim_text::{groups, lang, normalize, places, scan, signature, Model};

fn best(passes: usize, mut f: impl FnMut()) -> f64 {
    (0..passes)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: stage_times FILE.jsonl [PASSES]");
    let passes: usize = args.next().map_or(10, |s| s.parse().expect("passes"));
    let texts = texts::read(&path);
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let model = Model::builtin();
    for t in &texts {
        model.analyze(t, None, &[]);
    }
    let norms: Vec<_> = texts.iter().map(|t| normalize(t)).collect();
    let (toks, kazakh): (Vec<_>, Vec<bool>) = norms
        .iter()
        .map(|n| {
            let mut t = tokens(&n.text);
            let detected = lang::detect_words(&n.text, &t);
            read_as(&mut t, detected);
            (t, detected == lang::Lang::Kk)
        })
        .unzip();
    let words: Vec<_> = toks.iter().map(|t| model.word_scores(t)).collect();
    let hits: Vec<_> = norms.iter().zip(&toks).zip(&words).map(|((n, t), w)| scan::scan_skipping(&n.text, t, |k| w[k].no_hit).0).collect();
    let mentions: Vec<_> = norms.iter().zip(&hits).zip(&kazakh).map(|((n, h), k)| groups::from_hits(n, h, *k)).collect();
    let scores: Vec<_> = toks.iter().zip(&words).zip(&mentions).map(|((t, w), m)| model.score_text_with(t, w, m)).collect();
    let whole = best(passes, || texts.iter().for_each(|t| drop(black_box(model.analyze(t, None, &[])))));
    let rows = [
        ("normalize", best(passes, || texts.iter().for_each(|t| drop(black_box(normalize(t)))))),
        ("tokens", best(passes, || norms.iter().for_each(|n| drop(black_box(tokens(&n.text)))))),
        ("language", best(passes, || norms.iter().zip(&toks).for_each(|(n, t)| { black_box(lang::detect_words(&n.text, t)); }))),
        ("word shares (memo)", best(passes, || toks.iter().for_each(|t| drop(black_box(model.word_scores(t)))))),
        ("scan", best(passes, || norms.iter().zip(&toks).zip(&words).for_each(|((n, t), w)| drop(black_box(scan::scan_skipping(&n.text, t, |k| w[k].no_hit)))))),
        ("groups", best(passes, || norms.iter().zip(&hits).zip(&kazakh).for_each(|((n, h), k)| drop(black_box(groups::from_hits(n, h, *k)))))),
        ("places", best(passes, || norms.iter().zip(&hits).zip(&kazakh).for_each(|((n, h), k)| drop(black_box(places::from_hits(n, h, *k)))))),
        ("text part", best(passes, || toks.iter().zip(&words).zip(&mentions).for_each(|((t, w), m)| { black_box(model.score_text_with(t, w, m)); }))),
        (
            "target parts",
            best(passes, || {
                for (((t, w), m), s) in toks.iter().zip(&words).zip(&mentions).zip(&scores) {
                    let mut seen: Vec<&str> = Vec::new();
                    for g in m.iter().map(|m| m.group) {
                        if !seen.contains(&g) {
                            seen.push(g);
                            black_box(model.score_target_with(s, t, w, m, Some(g)));
                        }
                    }
                }
            }),
        ),
        ("signature", best(passes, || norms.iter().zip(&toks).for_each(|(n, t)| { black_box(signature::simhash_words(&n.text, t)); }))),
    ];
    let sum: f64 = rows.iter().map(|r| r.1).sum();
    println!("{} texts, {:.2} MB; whole pipeline {:.1} ms a pass ({:.1} MB/s)", texts.len(), mb, whole, mb / whole * 1e3);
    for (name, ms) in rows {
        println!("{name:>20} {ms:7.2} ms {:5.1} %", ms / whole * 100.0);
    }
    println!("{:>20} {sum:7.2} ms {:5.1} % (the rest: trees, the groups' bookkeeping, allocation)", "stages", sum / whole * 100.0);
}
