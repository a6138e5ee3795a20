//! What a word contributes to the text part, remembered per thread.
//!
//! A word's unigram, its character grams and its word vector depend on the
//! word alone, and words repeat (a few thousand make most of any stream), so
//! the scorer sums a word's table rows once and reuses the sum for the
//! word's later occurrences instead of hashing and looking up its twenty
//! or so grams each time. The sums are integers, so a remembered word
//! scores exactly as a word computed afresh (a test holds them equal).
//!
//! Beside its score, a word carries what the lexicon scan learned of it:
//! whether the walk from its start ends inside it with no pattern found
//! (most words), so that the scan need not walk it again.
//!
//! The memo is two-way set-associative by [`crate::features::Token::feature_key`]: a
//! word has two places, one cache line; a new word takes the first and moves
//! the word there to the second (whose word is forgotten). It belongs to one
//! model: a thread that scores with another model empties it first.

use std::cell::RefCell;

use crate::model::{COLUMNS, WORD_VALUES};

/// Sets of two places in the memo (64 bytes each: 4 MiB a thread). A
/// stream's vocabulary is far larger than the 32,768 places of an earlier
/// 1 MiB memo (the 9,445 bench texts alone have 61,000 distinct words):
/// 131,072 places hold its common words, and a look-up in the level-3 cache
/// still costs less than summing a new word's twenty or so table rows
/// (steady throughput +8 %, alternate runs of both sizes on 2026-12-06).
const SETS: usize = 1 << 16;

/// What one word contributes to the text part of a model's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordScore {
    /// Sum of the table rows of the word's slots (at most
    /// [`crate::features::MAX_WORD_SLOTS`] rows of ±127: fits).
    pub sums: [i16; COLUMNS],
    /// How many slots.
    pub slots: u8,
    /// Whether the word table knows the word, and its values there.
    pub known: bool,
    pub values: [i8; WORD_VALUES],
    /// The attitude columns of the word's row in a target's window
    /// ([`crate::features::window_slot`]): the window's words are the text's
    /// words, so their rows come from here, not from the table (the target
    /// part's other columns are never read).
    pub window: [i8; 3],
    /// Whether the lexicon scan's walk from the word's start is known to end
    /// inside the word with no pattern found (learned the first time the
    /// word is walked; see [`crate::scan::scan_skipping`]).
    pub no_hit: bool,
}

const _: () = assert!(crate::features::MAX_WORD_SLOTS * 127 <= i16::MAX as usize && crate::features::MAX_WORD_SLOTS <= u8::MAX as usize);

/// One place: the key of the word it holds (0: none) and its score.
#[derive(Clone, Copy, Default)]
struct Place {
    key: u64,
    score: WordScore,
}

/// The two places a word may be in, newer first: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Set([Place; 2]);

const _: () = assert!(std::mem::size_of::<Set>() == 64 && std::mem::size_of::<Place>() == 32, "two places a cache line");

pub struct WordMemo {
    /// The model the remembered scores belong to (0: none yet).
    model: u64,
    sets: Vec<Set>,
}

impl WordMemo {
    fn new() -> WordMemo {
        WordMemo { model: 0, sets: vec![Set::default(); SETS] }
    }

    /// Forgets every word.
    fn clear(&mut self) {
        self.sets.fill(Set::default());
    }

    /// Forgets every word if the memo belongs to another model.
    fn belong_to(&mut self, model: u64) {
        if self.model != model {
            self.clear();
            self.model = model;
        }
    }

    /// The score of the word of key `key` if it is remembered.
    #[inline]
    pub fn peek(&self, key: u64) -> Option<&WordScore> {
        let set = &self.sets[Self::set(key)];
        set.0.iter().find(|p| p.key == key && key != 0).map(|p| &p.score)
    }

    /// Where the word of key `key` is, without branching on it (so that the
    /// look-ups of many words can be under way at once): 0 not remembered,
    /// 1 or 2 its place in its set; see [`WordMemo::at`].
    #[inline]
    pub fn find(&self, key: u64) -> u8 {
        let set = &self.sets[Self::set(key)];
        let known = (key != 0) as u8;
        known & ((set.0[0].key == key) as u8 | ((set.0[1].key == key) as u8) << 1)
    }

    /// The score [`WordMemo::find`] found (`place` 1 or 2).
    #[inline]
    pub fn at(&self, key: u64, place: u8) -> &WordScore {
        &self.sets[Self::set(key)].0[(place >> 1) as usize].score
    }

    #[inline]
    fn set(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SETS.trailing_zeros())) as usize
    }

    /// Notes that the word of key `key`, if it is remembered, starts no
    /// lexicon pattern.
    pub fn mark_no_hit(&mut self, key: u64) {
        for place in self.sets[Self::set(key)].0.iter_mut() {
            if place.key == key && key != 0 {
                place.score.no_hit = true;
            }
        }
    }

    /// Remembers the score of the word of key `key` in its set's first place
    /// (the word there moves to the second).
    #[inline]
    pub fn put(&mut self, key: u64, score: WordScore) {
        let set = &mut self.sets[Self::set(key)];
        set.0 = [Place { key, score }, set.0[0]];
    }
}

thread_local! {
    static MEMO: RefCell<WordMemo> = RefCell::new(WordMemo::new());
}

/// Empties this thread's memo (for measuring the engine on words it has not
/// seen, as `kelisim text bench` does for its first pass).
pub fn forget() {
    MEMO.with(|m| {
        let mut memo = m.borrow_mut();
        memo.clear();
        memo.model = 0;
    });
}

/// Runs `f` with this thread's memo for `model` (an id from
/// [`crate::model::Model`]).
pub fn with_memo<R>(model: u64, f: impl FnOnce(&mut WordMemo) -> R) -> R {
    MEMO.with(|m| {
        let mut memo = m.borrow_mut();
        memo.belong_to(model);
        f(&mut memo)
    })
}
