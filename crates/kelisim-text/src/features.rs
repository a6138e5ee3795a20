//! Features for the statistical model: hashed, sparse, deterministic.
//!
//! - text features: word unigrams and bigrams, character 3- and 4-grams of
//!   words (they carry morphology and survive spelling games), and lexicon
//!   signals (a slur, how many groups are named);
//! - target features, for the attitude toward one group: the words around
//!   each mention of that group with their side and distance, how the group
//!   was named (slur or not), whether other groups share the text — this is
//!   what tells "казахи и русские вместе провели праздник" from hate at a
//!   group, and praise of one group from an attack on another.
//!
//! Each feature is a namespaced string hashed (FNV-1a) into `2^BITS` slots;
//! values are scaled so that a feature vector has unit length.

use crate::groups::Mention;

pub const BITS: u32 = 18;
pub const DIM: usize = 1 << BITS;

/// A sparse feature vector.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

impl Features {
    fn add(&mut self, namespace: &str, parts: &[&str]) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in namespace.bytes().chain(parts.iter().flat_map(|p| std::iter::once(0x1f).chain(p.bytes()))) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.idx.push((h as u32) & (DIM as u32 - 1));
        self.val.push(1.0);
    }

    /// Merges equal slots and scales to unit length.
    fn finish(mut self) -> Features {
        let mut pairs: Vec<(u32, f32)> = self.idx.drain(..).zip(self.val.drain(..)).collect();
        pairs.sort_by_key(|p| p.0);
        let mut out = Features::default();
        for (i, v) in pairs {
            if out.idx.last() == Some(&i) {
                *out.val.last_mut().expect("value") += v;
            } else {
                out.idx.push(i);
                out.val.push(v);
            }
        }
        let norm = out.val.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-6);
        out.val.iter_mut().for_each(|v| *v /= norm);
        out
    }
}

/// Words of a normalised text with their byte starts.
pub fn tokens(norm: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in norm.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &norm[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &norm[s..]));
    }
    out
}

fn text_part(toks: &[(usize, &str)], mentions: &[Mention], f: &mut Features) {
    for (k, (_, w)) in toks.iter().enumerate() {
        f.add("u", &[w]);
        if let Some((hostile, stem)) = crate::cues::cue(w) {
            f.add(if hostile { "hostile" } else { "friendly" }, &[]);
            f.add("cue", &[stem]);
        }
        if let Some((_, next)) = toks.get(k + 1) {
            f.add("b", &[w, next]);
        }
        let chars: Vec<char> = format!("<{w}>").chars().collect();
        for n in [3usize, 4] {
            for gram in chars.windows(n) {
                let g: String = gram.iter().collect();
                f.add("c", &[&g]);
            }
        }
    }
    let mut groups: Vec<&str> = mentions.iter().map(|m| m.group).collect();
    groups.sort();
    groups.dedup();
    f.add("ngroups", &[&groups.len().min(4).to_string()]);
    for m in mentions.iter().filter(|m| m.slur) {
        f.add("slur", &[m.group]);
        f.add("slur", &[]);
    }
}

/// Features of a whole text (hostility, ethnic hostility).
pub fn text_features(norm: &str, mentions: &[Mention]) -> Features {
    let toks = tokens(norm);
    let mut f = Features::default();
    text_part(&toks, mentions, &mut f);
    f.add("bias", &[]);
    f.finish()
}

fn distance_bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 | 3 => "2",
        _ => "4",
    }
}

/// Features of the attitude of a text toward `group` (whose mentions are
/// those of `mentions` with that id; none when the text only implies it).
pub fn target_features(norm: &str, mentions: &[Mention], group: Option<&str>) -> Features {
    let toks = tokens(norm);
    let mut f = Features::default();
    text_part(&toks, mentions, &mut f);
    let mine: Vec<&Mention> = mentions.iter().filter(|m| Some(m.group) == group).collect();
    if mine.is_empty() {
        f.add("target", &["absent"]);
    }
    let others = mentions.iter().filter(|m| Some(m.group) != group).count();
    f.add("others", &[&others.min(3).to_string()]);
    for m in &mine {
        if m.slur {
            f.add("target", &["slur"]);
        }
        let Some(at) = toks.iter().position(|(s, _)| *s == m.norm_start) else { continue };
        for k in at.saturating_sub(6)..(at + 7).min(toks.len()) {
            if k == at {
                continue;
            }
            let w = toks[k].1;
            let side = if k < at { "l" } else { "r" };
            f.add("win", &[w]);
            f.add("winpos", &[side, distance_bucket(at.abs_diff(k) - 1), w]);
            if let Some((hostile, _)) = crate::cues::cue(w) {
                let kind = if hostile { "hostile" } else { "friendly" };
                f.add("wincue", &[kind]);
                f.add("wincue", &[kind, side, distance_bucket(at.abs_diff(k) - 1)]);
            }
            if toks.get(k + 1).is_some_and(|_| k + 1 != at && (k + 1).abs_diff(at) <= 6) {
                f.add("winbi", &[w, toks[k + 1].1]);
            }
        }
        // Another group right next to this one ("казахи и русские") reads as together.
        if mentions.iter().any(|o| Some(o.group) != group && o.norm_start.abs_diff(m.norm_end) < 6) {
            f.add("target", &["paired"]);
        }
    }
    f.add("bias", &[]);
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{groups, normalize};

    #[test]
    fn features_are_deterministic_unit_length_and_target_aware() {
        let n = normalize("Казахи и русские вместе провели праздник");
        let m = groups::find(&n);
        let a = target_features(&n.text, &m, Some("kazakh"));
        let b = target_features(&n.text, &m, Some("kazakh"));
        assert_eq!(a, b);
        let len: f32 = a.val.iter().map(|v| v * v).sum();
        assert!((len - 1.0).abs() < 1e-4);
        assert_ne!(a, target_features(&n.text, &m, Some("russian")), "the window differs per target");
        assert!(a.idx.windows(2).all(|w| w[0] < w[1]));
    }
}
