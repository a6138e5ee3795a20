//! One pass over the normalised text for every lexicon: the stems of the
//! ethnic groups, the places and the districts are patterns of one
//! Aho-Corasick automaton (a DFA), and each hit is handed to the module that
//! owns its pattern (`groups`, `places`), which decides whether it counts.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Which lexicon a pattern comes from, and its index there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Group(usize),
    Place(usize),
    District(usize),
}

/// A pattern found at `start..end` of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub source: Source,
}

struct Scanner {
    automaton: AhoCorasick,
    sources: Vec<Source>,
}

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut sources = Vec::new();
        for (i, (_, stem)) in crate::groups::patterns().iter().enumerate() {
            patterns.push(stem.text);
            sources.push(Source::Group(i));
        }
        for (i, p) in crate::places::PLACES.iter().enumerate() {
            patterns.push(p.0);
            sources.push(Source::Place(i));
        }
        for (i, d) in crate::places::DISTRICTS.iter().enumerate() {
            patterns.push(d.0);
            sources.push(Source::District(i));
        }
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).kind(Some(AhoCorasickKind::DFA)).build(&patterns).expect("lexicon automaton");
        Scanner { automaton, sources }
    })
}

/// Every pattern of every lexicon, in the automaton's order.
pub fn patterns() -> Vec<&'static str> {
    let groups = crate::groups::patterns().iter().map(|(_, s)| s.text);
    groups.chain(crate::places::PLACES.iter().map(|p| p.0)).chain(crate::places::DISTRICTS.iter().map(|d| d.0)).collect()
}

/// Every hit of every lexicon in a normalised text, overlapping, in order of end.
pub fn scan(text: &str) -> Vec<Hit> {
    let s = scanner();
    s.automaton.find_overlapping_iter(text).map(|m| Hit { start: m.start(), end: m.end(), source: s.sources[m.pattern().as_usize()] }).collect()
}
