//! How often the lexicon finds, in a RuEthnoHate text, the group the
//! annotators named (for the lemmas it resolves). Reads
//! `../shared/data/ruethnohate/train.jsonl` where present (as in CI) and says
//! it skipped where not.

use kelisim_text::groups::{find, resolve};
use kelisim_text::normalize;

#[test]
fn finds_the_annotated_group_in_ruethnohate_texts() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ruethnohate/train.jsonl");
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not present");
        return;
    };
    let (mut resolved, mut found, mut total) = (0usize, 0usize, 0usize);
    let mut misses: std::collections::BTreeMap<String, usize> = Default::default();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let lemma = v["ethnic_group"].as_str().unwrap_or("");
        let text = v["text"].as_str().unwrap_or("");
        total += 1;
        let Some(group) = resolve(lemma) else { continue };
        resolved += 1;
        if find(&normalize(text)).iter().any(|m| m.group == group) {
            found += 1;
        } else {
            *misses.entry(lemma.to_string()).or_default() += 1;
        }
    }
    let recall = found as f64 / resolved as f64;
    eprintln!("lemmas resolved for {resolved} of {total} instances; group found in the text for {found} ({:.3})", recall);
    let mut worst: Vec<_> = misses.into_iter().collect();
    worst.sort_by_key(|w| std::cmp::Reverse(w.1));
    eprintln!("most missed: {:?}", &worst[..worst.len().min(15)]);
    assert!(recall >= 0.9, "recall {recall:.3}");
}
