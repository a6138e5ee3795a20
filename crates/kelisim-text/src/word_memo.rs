//! What a word contributes to the text part, remembered per thread.
//!
//! A word's unigram, its character grams and its word vector depend on the
//! word alone, and words repeat (a few thousand make most of any stream), so
//! the scorer sums a word's table rows once and reuses the sum for the
//! word's later occurrences instead of hashing and looking up its twenty
//! or so grams each time. The sums are integers, so a remembered word
//! scores exactly as a word computed afresh (a test holds them equal).
//!
//! The memo is direct-mapped by [`crate::features::word_key`] (a word that
//! lands on a taken place replaces it) and belongs to one model: a thread
//! that scores with another model empties it first.

use std::cell::RefCell;

use crate::model::{COLUMNS, WORD_VALUES};

/// Places in the memo (32 bytes each: 1 MiB a thread).
const PLACES: usize = 1 << 15;

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
}

const _: () = assert!(crate::features::MAX_WORD_SLOTS * 127 <= i16::MAX as usize && crate::features::MAX_WORD_SLOTS <= u8::MAX as usize);

/// One place: the key of the word it holds (0: none) and its score.
#[derive(Clone, Copy, Default)]
struct Place {
    key: u64,
    score: WordScore,
}

pub struct WordMemo {
    /// The model the remembered scores belong to (0: none yet).
    model: u64,
    places: Vec<Place>,
}

impl WordMemo {
    fn new() -> WordMemo {
        WordMemo { model: 0, places: vec![Place::default(); PLACES] }
    }

    /// Forgets every word if the memo belongs to another model.
    fn belong_to(&mut self, model: u64) {
        if self.model != model {
            self.places.fill(Place::default());
            self.model = model;
        }
    }

    /// The score of the word of key `key` if it is remembered.
    #[inline]
    pub fn peek(&self, key: u64) -> Option<&WordScore> {
        let place = &self.places[Self::place(key)];
        (place.key == key && key != 0).then_some(&place.score)
    }

    #[inline]
    fn place(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PLACES.trailing_zeros())) as usize
    }

    /// Remembers the score of the word of key `key` (in place of whichever
    /// word held its place).
    #[inline]
    pub fn put(&mut self, key: u64, score: WordScore) {
        self.places[Self::place(key)] = Place { key, score };
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
        memo.places.fill(Place::default());
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
