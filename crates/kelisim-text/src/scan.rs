//! Every lexicon at once: the stems of the ethnic groups, the places and the
//! districts are patterns of one Aho-Corasick automaton (a contiguous NFA:
//! compact, so that more of the states the walks pass stay in cache), and
//! each hit is handed to the module that owns its pattern (`groups`,
//! `places`), which decides whether it counts.
//!
//! A hit counts only where a word starts (every pattern starts with a letter
//! or digit, a test holds it), so the automaton is not run over every byte:
//! it is started, anchored, at each word's start (the text's tokens) and
//! walked until no pattern can continue, which for most words is a letter
//! or two. The states near the root, which every walk uses, stay in cache.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::features::{handle_end, Token};

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
    automaton: NFA,
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
        for (i, p) in crate::places::places().0.iter().enumerate() {
            patterns.push(p.0);
            sources.push(Source::Place(i));
        }
        for (i, d) in crate::places::districts().0.iter().enumerate() {
            patterns.push(d.0);
            sources.push(Source::District(i));
        }
        let automaton = NFA::builder().match_kind(MatchKind::Standard).build(&patterns).expect("lexicon automaton");
        Scanner { automaton, sources }
    })
}

/// Every pattern of every lexicon, in the automaton's order.
pub fn patterns() -> Vec<&'static str> {
    let groups = crate::groups::patterns().iter().map(|(_, s)| s.text);
    groups.chain(crate::places::places().0.iter().map(|p| p.0)).chain(crate::places::districts().0.iter().map(|d| d.0)).collect()
}

/// Every hit of every lexicon that starts a word of a normalised text
/// (`toks` are its [`crate::features::tokens`]), in order of start, then
/// of end; none in an @handle ([`handle_end`]).
pub fn scan(text: &str, toks: &[Token]) -> Vec<Hit> {
    scan_skipping(text, toks, |_| false).0
}

/// [`scan`], not walking the words `known_no_hit` (by index) says start no
/// pattern; also the indices of the words whose walk ended inside them with
/// no pattern found. Such a walk depends on the word's letters alone (one
/// that reaches the word's end depends on what follows, and does not count),
/// so the caller may remember it per word and skip the word next time.
pub fn scan_skipping(text: &str, toks: &[Token], known_no_hit: impl Fn(usize) -> bool) -> (Vec<Hit>, Vec<usize>) {
    let s = scanner();
    let automaton = &s.automaton;
    let root = automaton.start_state(Anchored::Yes).expect("the automaton is built for anchored searches");
    let bytes = text.as_bytes();
    // Room for a text's usual hits at once (a Russian post has eight or so).
    let (mut hits, mut no_hit) = (Vec::with_capacity(16), Vec::new());
    // Where the @handle being passed over ends.
    let mut handle_to = 0;
    'words: for (k, t) in toks.iter().enumerate() {
        if t.start < handle_to || known_no_hit(k) {
            continue;
        }
        if let Some(end) = handle_end(bytes, t) {
            handle_to = end;
            continue;
        }
        let (mut sid, found) = (root, hits.len());
        for (at, &b) in bytes.iter().enumerate().skip(t.start) {
            sid = automaton.next_state(Anchored::Yes, sid, b);
            if !automaton.is_special(sid) {
                continue;
            }
            if automaton.is_dead(sid) {
                if at < t.end() && hits.len() == found {
                    no_hit.push(k);
                }
                continue 'words;
            }
            // A match state also holds the patterns that end here but start
            // later (suffixes of this one): only those starting here count.
            for m in 0..automaton.match_len(sid) {
                let pattern = automaton.match_pattern(sid, m);
                if at + 1 == t.start + automaton.pattern_len(pattern) {
                    hits.push(Hit { start: t.start, end: at + 1, source: s.sources[pattern.as_usize()] });
                }
            }
        }
    }
    (hits, no_hit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::tokens;

    #[test]
    fn every_pattern_starts_with_a_letter_or_digit() {
        for p in patterns() {
            assert!(p.chars().next().is_some_and(crate::chars::is_alphanumeric), "{p:?} would start where no word starts");
        }
    }

    #[test]
    fn the_walk_from_each_word_finds_what_a_full_scan_finds_at_word_starts() {
        let full = aho_corasick::AhoCorasick::builder().match_kind(MatchKind::Standard).build(patterns()).unwrap();
        let sources: Vec<Source> = scanner().sources.clone();
        for text in [
            "биржан щщщ северо",
            "биржан сал ауданы, северо-казахстанская",
            "казахи и русские в шымкенте, северо-казахстанская область; узбекистан узбеки өзбектерге",
            "ақмола облысы целиноградский район, алматы алматинской области карагандинская",
            "qazaqtar men orystar, uyghurs and koreans; чуркидзе чурки",
            "",
        ] {
            let toks = tokens(text);
            let key = |h: &Hit| (h.start, h.end, format!("{:?}", h.source));
            let mut want: Vec<_> = full
                .find_overlapping_iter(text)
                .filter(|m| toks.iter().any(|t| t.start == m.start()))
                .map(|m| key(&Hit { start: m.start(), end: m.end(), source: sources[m.pattern().as_usize()] }))
                .collect();
            want.sort();
            let mut got: Vec<_> = scan(text, &toks).iter().map(key).collect();
            got.sort();
            assert_eq!(got, want, "{text}");
            // Skipping the words whose walk ended inside them with nothing finds the same.
            let (_, no_hit) = scan_skipping(text, &toks, |_| false);
            let mut again: Vec<_> = scan_skipping(text, &toks, |k| no_hit.contains(&k)).0.iter().map(key).collect();
            again.sort();
            assert_eq!(again, want, "{text}, skipping {no_hit:?}");
            if text == "биржан щщщ северо" {
                assert_eq!(no_hit, vec![1], "only «щщщ» ends inside itself: «биржан …» and «северо-…» go on");
            }
            assert!(text.is_empty() || text == "биржан щщщ северо" || !got.is_empty(), "{text} names groups and places");
        }
    }
}
