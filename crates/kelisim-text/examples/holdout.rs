//! Held-out figures for the attitude model on RuEthnoHate: texts split by
//! `text_id` (one in five held out, by a hash of the id), trained on the
//! rest, measured on the held-out instances.
//!
//! cargo run --release -p kelisim-text --example holdout [PATH]

use std::collections::HashMap;

use kelisim_text::features::{target_features, Features};
use kelisim_text::groups::{find, resolve};
use kelisim_text::linear::{Linear, TrainConfig};
use kelisim_text::normalize;

fn held_out(text_id: u64) -> bool {
    (text_id.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) % 5 == 0
}

fn macro_f1(pred: &[usize], gold: &[usize], k: usize) -> f64 {
    (0..k)
        .map(|c| {
            let tp = pred.iter().zip(gold).filter(|(p, g)| **p == c && **g == c).count() as f64;
            let fp = pred.iter().zip(gold).filter(|(p, g)| **p == c && **g != c).count() as f64;
            let fn_ = pred.iter().zip(gold).filter(|(p, g)| **p != c && **g == c).count() as f64;
            if tp == 0.0 { 0.0 } else { 2.0 * tp / (2.0 * tp + fp + fn_) }
        })
        .sum::<f64>()
        / k as f64
}

fn average_precision(scores: &[f64], labels: &[bool]) -> f64 {
    let mut pairs: Vec<(f64, bool)> = scores.iter().copied().zip(labels.iter().copied()).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = labels.iter().filter(|l| **l).count() as f64;
    let (mut hits, mut sum) = (0.0, 0.0);
    for (i, (_, l)) in pairs.iter().enumerate() {
        if *l {
            hits += 1.0;
            sum += hits / (i + 1) as f64;
        }
    }
    sum / positives.max(1.0)
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/ruethnohate/train.jsonl".into());
    let data = std::fs::read_to_string(&path).expect("read the RuEthnoHate file");
    let mut train: Vec<(Features, usize, f32)> = vec![];
    let mut test: Vec<(u64, Features, usize)> = vec![];
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let id = v["text_id"].as_u64().unwrap_or(0);
        let class = match v["class"].as_i64().unwrap_or(0) { -1 => 0, 0 => 1, _ => 2 };
        let norm = normalize(v["text"].as_str().unwrap_or(""));
        let mentions = find(&norm);
        let f = target_features(&norm.text, &mentions, resolve(v["ethnic_group"].as_str().unwrap_or("")));
        if held_out(id) { test.push((id, f, class)) } else { train.push((f, class, 1.0)) }
    }
    let counts = (0..3).map(|c| train.iter().filter(|t| t.1 == c).count() as f32).collect::<Vec<_>>();
    let total: f32 = counts.iter().sum();
    for t in train.iter_mut() {
        t.2 = total / (3.0 * counts[t.1]);
    }
    let started = std::time::Instant::now();
    let model = Linear::train(3, &train, TrainConfig { epochs: 6, learning_rate: 0.1, l2: 1e-5, ..TrainConfig::default() });
    let pred: Vec<usize> = test.iter().map(|(_, f, _)| { let p = model.predict(f); (0..3).max_by(|a, b| p[*a].total_cmp(&p[*b])).unwrap() }).collect();
    let gold: Vec<usize> = test.iter().map(|t| t.2).collect();
    // Text level: a text is ethnically hostile when any instance is negative; score = max P(negative).
    let mut by_text: HashMap<u64, (f64, bool)> = HashMap::new();
    for (id, f, y) in &test {
        let e = by_text.entry(*id).or_insert((0.0, false));
        e.0 = e.0.max(model.predict(f)[0] as f64);
        e.1 |= *y == 0;
    }
    let (scores, labels): (Vec<f64>, Vec<bool>) = by_text.values().copied().unzip();
    println!(
        "{{\"train_instances\": {}, \"test_instances\": {}, \"test_texts\": {}, \"attitude_macro_f1\": {:.4}, \"text_ethnic_hostility_ap\": {:.4}, \"train_seconds\": {:.1}}}",
        train.len(), test.len(), by_text.len(), macro_f1(&pred, &gold, 3), average_precision(&scores, &labels), started.elapsed().as_secs_f64()
    );
}
