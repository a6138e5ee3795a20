//! The trained model: three linear heads over the hashed features of
//! [`crate::features`], packed side by side in one table so that one look-up
//! per feature serves every head.
//!
//! | column | head | features |
//! |---|---|---|
//! | 0 | hostility (text is hostile) | text part |
//! | 1 | ethnic hostility (text is hostile to some ethnic group) | text part |
//! | 2–4 | attitude toward one group: negative, neutral, positive | text part + target part |
//!
//! The two binary heads are calibrated on cross-validated scores, so they
//! read as probabilities: hostility by Platt scaling of its score; ethnic
//! hostility by a mix of its own score and the strongest negative attitude
//! toward a named group (stacking: the head knows the words of hate, the
//! attitude knows at whom they are aimed), see `training`.
//!
//! The attitude of the linear head is refined by [`crate::refine`] when the
//! model carries its trees (every model trained with cross-validation does).
//!
//! The file format (`.kmodel`) is small and explicit, little-endian:
//! magic `KELISIM-TEXT-MODEL/7\n`, `u32` hash bits, `u32` columns,
//! `u32` length + UTF-8 description (what it learned from and its figures),
//! per column `f32` scale, `f32` bias and the three `f32` of its calibration
//! (weight of the score, weight of the group term, intercept), then the
//! weights as `i8` (`weight = i8 × scale`), slot-major; the word table
//! (`u32` count, 8 `f32` scales, then per word its `u64` key and 8 `i8`
//! values, by key); the attitude trees of [`crate::refine`] (`u32` count,
//! 0 when there are none, then `u32` features and depth, per tree per level
//! `u32` feature and `f32` threshold and the leaves' `f32` values, the
//! decision offsets, the prior rates, `u32` count + per group `u32` length,
//! its id and three `f32` rates); and a closing `u64` FNV-1a checksum of
//! everything before it. Files of earlier versions are refused by name
//! (their features differ: train again).

use std::sync::OnceLock;

use crate::embeddings::{Embeddings, EMBEDDING_DIM};
use crate::features::{target_part, text_part, window_slot, word_part, word_slots, Features, Sink, Token, BITS, DIM, TEXT_VECTOR, TEXT_VECTOR_PRIOR, VECTOR_WEIGHT, WINDOW_VECTOR};
use crate::groups::Mention;
use crate::file::Reader;
use crate::linear::Linear;
use crate::refine::Refiner;
use crate::word_memo::{with_memo, WordMemo, WordScore};

pub const COLUMNS: usize = 5;
pub const HOSTILITY: usize = 0;
pub const ETHNIC: usize = 1;
pub const ATTITUDE: usize = 2;

const MAGIC: &[u8] = b"KELISIM-TEXT-MODEL/7\n";
/// Files of earlier versions are named as such: their weights belong to
/// other features (the first had no word table, the second no trees, and up
/// to the third a Kazakh text was read like any other, see
/// [`crate::features::read_as`]; up to the fourth no word of enmity had its
/// kind, see [`crate::hostile_words`]; up to the fifth the text's mean word
/// vector was not drawn in, see [`crate::features::TEXT_VECTOR_PRIOR`]; up
/// to the sixth a window's words were also read by side, distance and pairs,
/// see [`crate::features::target_part`]), so they cannot score right.
const EARLIER: [&[u8]; 6] = [b"KELISIM-TEXT-MODEL/1\n", b"KELISIM-TEXT-MODEL/2\n", b"KELISIM-TEXT-MODEL/3\n", b"KELISIM-TEXT-MODEL/4\n", b"KELISIM-TEXT-MODEL/5\n", b"KELISIM-TEXT-MODEL/6\n"];

/// Attitude of a text toward a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attitude {
    Negative,
    Neutral,
    Positive,
}

impl Attitude {
    pub const ALL: [Attitude; 3] = [Attitude::Negative, Attitude::Neutral, Attitude::Positive];

    pub fn code(self) -> &'static str {
        match self {
            Attitude::Negative => "negative",
            Attitude::Neutral => "neutral",
            Attitude::Positive => "positive",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// From `negative|neutral|positive` or the RuEthnoHate codes `-1|0|1`.
    pub fn parse(s: &str) -> Option<Attitude> {
        match s.trim() {
            "negative" | "-1" => Some(Attitude::Negative),
            "neutral" | "0" => Some(Attitude::Neutral),
            "positive" | "1" => Some(Attitude::Positive),
            _ => None,
        }
    }
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a Kelisim text model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

#[derive(Debug, Clone)]
pub struct Model {
    /// Which model this is, for the per-thread word memo
    /// ([`crate::word_memo`]): a fresh id for every model built or read
    /// (a clone shares it: its weights are the same, and they never change
    /// once built).
    id: u64,
    /// What the model learned from and how it scored, in words.
    pub description: String,
    /// `DIM × COLUMNS`, slot-major, quantised: a weight is `table × scale`
    /// of its column (1.3 MB, so that more of it stays in cache).
    table: Vec<i8>,
    scale: [f32; COLUMNS],
    bias: [f32; COLUMNS],
    /// Calibration per column (used by the binary heads).
    calibration: [Calibration; COLUMNS],
    /// Each known word's share of the scores through the word vectors.
    words: Vocabulary,
    /// The attitude's second stage ([`crate::refine`]), when it was trained.
    refiner: Option<Refiner>,
    /// Whether the ethnic-hostility head learnt anything (a model trained
    /// on files with no ethnic label has it at zero, and its 0.5 means
    /// nothing); known from the weights, see [`Model::ethnic_learnt`].
    ethnic_learnt: bool,
}

/// Models equal in everything they score with (their ids aside).
impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.description == other.description
            && self.table == other.table
            && self.scale == other.scale
            && self.bias == other.bias
            && self.calibration == other.calibration
            && self.words == other.words
            && self.refiner == other.refiner
    }
}

/// A new model's id (never 0).
fn fresh_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Values a word carries: its share of every column through the text's mean
/// vector, then of the three attitude columns through the window's.
pub const WORD_VALUES: usize = COLUMNS + 3;

/// The word vectors folded into the model: for each known word, its vector
/// times the learned weights of the dense inputs (the model is linear, so
/// the mean of these is the score of the mean vector), `i8`-quantised per
/// value. Looked up by [`crate::features::word_key`] in an open-addressing
/// table (one cache line a probe).
#[derive(Debug, Clone, PartialEq)]
struct Vocabulary {
    scale: [f32; WORD_VALUES],
    /// `(key, values)`, key 0 = empty slot; a power of two long.
    slots: Vec<(u64, [i8; WORD_VALUES])>,
    len: usize,
}

impl Vocabulary {
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (self.slots.len() - 1)
    }

    fn build(scale: [f32; WORD_VALUES], entries: &[(u64, [i8; WORD_VALUES])]) -> Vocabulary {
        let size = (entries.len() * 2 + 1).next_power_of_two();
        let mut v = Vocabulary { scale, slots: vec![(0, [0; WORD_VALUES]); size], len: entries.len() };
        for &(key, values) in entries {
            let mut i = v.home(key);
            while v.slots[i].0 != 0 && v.slots[i].0 != key {
                i = (i + 1) & (size - 1);
            }
            v.slots[i] = (key, values);
        }
        v
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[i8; WORD_VALUES]> {
        let mut i = self.home(key);
        loop {
            let (k, values) = &self.slots[i];
            if *k == key {
                return Some(values);
            }
            if *k == 0 {
                return None;
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }

    /// Entries sorted by key (what the file holds).
    fn entries(&self) -> Vec<(u64, [i8; WORD_VALUES])> {
        let mut e: Vec<_> = self.slots.iter().filter(|s| s.0 != 0).copied().collect();
        e.sort_by_key(|s| s.0);
        e
    }

}

/// `σ(w₀·score + w₁·group_term + b)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    pub score: f32,
    pub group: f32,
    pub intercept: f32,
}

impl Calibration {
    pub const IDENTITY: Calibration = Calibration { score: 1.0, group: 0.0, intercept: 0.0 };

    pub fn probability(&self, score: f32, group_term: f32) -> f32 {
        sigmoid(self.score * score + self.group * group_term + self.intercept)
    }
}

/// A head learnt something when its bias or one of its weights is not zero
/// (an untrained head stays at zero).
fn column_learnt(table: &[i8], bias: [f32; COLUMNS], column: usize) -> bool {
    bias[column] != 0.0 || table.iter().skip(column).step_by(COLUMNS).any(|w| *w != 0)
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// Packs trained heads (binary heads as 2-class, attitude as 3-class
    /// softmax) into a model, quantised as it will be stored.
    /// The word vectors' learned weights are folded into a word table over
    /// `vectors`' vocabulary.
    pub fn from_heads(description: String, hostility: &Linear, ethnic: &Linear, attitude: &Linear, vectors: &Embeddings) -> Model {
        assert!(hostility.classes == 2 && ethnic.classes == 2 && attitude.classes == 3, "head shapes");
        let column_weights = |slot: usize| -> [f32; COLUMNS] {
            let a = &attitude.weights[slot * 3..slot * 3 + 3];
            [hostility.weights[slot * 2 + 1] - hostility.weights[slot * 2], ethnic.weights[slot * 2 + 1] - ethnic.weights[slot * 2], a[0], a[1], a[2]]
        };
        let mut raw = vec![0f32; DIM * COLUMNS];
        for slot in 0..DIM {
            raw[slot * COLUMNS..(slot + 1) * COLUMNS].copy_from_slice(&column_weights(slot));
        }
        let words = fold_word_vectors(vectors, &column_weights);
        let bias = [
            hostility.bias[1] - hostility.bias[0],
            ethnic.bias[1] - ethnic.bias[0],
            attitude.bias[0],
            attitude.bias[1],
            attitude.bias[2],
        ];
        let mut scale = [0f32; COLUMNS];
        for (c, s) in scale.iter_mut().enumerate() {
            let max = (0..DIM).map(|slot| raw[slot * COLUMNS + c].abs()).fold(0f32, f32::max);
            *s = if max == 0.0 { 1.0 } else { max / 127.0 };
        }
        let table: Vec<i8> = raw.iter().enumerate().map(|(k, w)| (w / scale[k % COLUMNS]).round().clamp(-127.0, 127.0) as i8).collect();
        let ethnic_learnt = column_learnt(&table, bias, ETHNIC);
        Model { id: fresh_id(), description, table, scale, bias, calibration: [Calibration::IDENTITY; COLUMNS], words, refiner: None, ethnic_learnt }
    }

    /// Sets (or takes away) the attitude's second stage.
    pub fn set_refiner(&mut self, r: Option<Refiner>) {
        self.refiner = r;
    }

    pub fn refiner(&self) -> Option<&Refiner> {
        self.refiner.as_ref()
    }

    /// Sets the calibration of a binary head.
    pub fn set_calibration(&mut self, column: usize, c: Calibration) {
        self.calibration[column] = c;
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(DIM * COLUMNS + 1024);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&(COLUMNS as u32).to_le_bytes());
        out.extend_from_slice(&(self.description.len() as u32).to_le_bytes());
        out.extend_from_slice(self.description.as_bytes());
        for c in 0..COLUMNS {
            let cal = self.calibration[c];
            for v in [self.scale[c], self.bias[c], cal.score, cal.group, cal.intercept] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend(self.table.iter().map(|w| *w as u8));
        let entries = self.words.entries();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for s in self.words.scale {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for (key, values) in entries {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend(values.iter().map(|v| *v as u8));
        }
        match &self.refiner {
            Some(r) => r.write(&mut out),
            None => out.extend_from_slice(&0u32.to_le_bytes()),
        }
        crate::file::close(out)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let err = |m: &str| ModelError(m.to_string());
        if EARLIER.iter().any(|m| bytes.starts_with(m)) {
            return Err(err("the model was made for an earlier version of the engine, whose features differ: train it again with `kelisim text train`"));
        }
        let mut r = Reader::open(bytes, MAGIC, "model").map_err(ModelError)?;
        if r.u32("sizes").map_err(ModelError)? != BITS || r.u32("sizes").map_err(ModelError)? != COLUMNS as u32 {
            return Err(err("the model was made for another version of the engine (hash size or heads differ)"));
        }
        let len = r.u32("description").map_err(ModelError)? as usize;
        let description = String::from_utf8(r.take(len, "description").map_err(ModelError)?.to_vec()).map_err(|_| err("the description is not UTF-8"))?;
        let mut floats = [0f32; COLUMNS * 5];
        for f in floats.iter_mut() {
            *f = r.f32("scales").map_err(ModelError)?;
        }
        let weights = r.take(DIM * COLUMNS, "weights").map_err(ModelError)?;
        let count = r.u32("word table").map_err(ModelError)? as usize;
        let mut word_scale = [0f32; WORD_VALUES];
        for s in word_scale.iter_mut() {
            *s = r.f32("word table").map_err(ModelError)?;
        }
        let entry = 8 + WORD_VALUES;
        let raw = r.take(count.checked_mul(entry).ok_or_else(|| err("the word table has the wrong size"))?, "word table").map_err(ModelError)?;
        let entries: Vec<(u64, [i8; WORD_VALUES])> =
            raw.chunks_exact(entry).map(|e| (u64::from_le_bytes(e[..8].try_into().expect("8 bytes")), std::array::from_fn(|k| e[8 + k] as i8))).collect();
        if entries.iter().any(|e| e.0 == 0) || entries.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(err("the word table is not in order"));
        }
        let words = Vocabulary::build(word_scale, &entries);
        let refiner = Refiner::read(&mut r).map_err(ModelError)?;
        if !r.rest().is_empty() {
            return Err(err("the file has bytes after the model"));
        }
        let mut model = Model { id: fresh_id(), description, table: Vec::new(), scale: [0.0; COLUMNS], bias: [0.0; COLUMNS], calibration: [Calibration::IDENTITY; COLUMNS], words, refiner, ethnic_learnt: false };
        for c in 0..COLUMNS {
            let f = &floats[c * 5..c * 5 + 5];
            model.scale[c] = f[0];
            model.bias[c] = f[1];
            model.calibration[c] = Calibration { score: f[2], group: f[3], intercept: f[4] };
        }
        model.table = weights.iter().map(|w| *w as i8).collect();
        model.ethnic_learnt = column_learnt(&model.table, model.bias, ETHNIC);
        Ok(model)
    }

    /// The model built into the binary: trained on the data named in its
    /// description (see the README for the sets and their citations).
    pub fn builtin() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(include_bytes!("../model/default.kmodel")).expect("the built-in model is valid"))
    }

    /// Adds `features · weights` to `scores` (all columns).
    pub fn accumulate(&self, f: &Features, scores: &mut [f32; COLUMNS]) {
        let mut sum = [0f32; COLUMNS];
        for (&i, &v) in f.idx.iter().zip(&f.val) {
            let row = row(&self.table, i);
            for (s, w) in sum.iter_mut().zip(row) {
                *s += *w as f32 * v;
            }
        }
        for c in 0..COLUMNS {
            scores[c] += sum[c] * self.scale[c];
        }
        for (words, from) in [(&f.text_words, 0), (&f.window_words, COLUMNS)] {
            let mut shares = WordShares::default();
            for key in words {
                shares.add(&self.words, *key);
            }
            shares.finish(&self.words, from, scores);
        }
    }

    /// Scores of the text part alone, bias included, straight from the
    /// tokens (what [`Model::text_scores`] gives for [`crate::features::text_features`],
    /// with no feature vector built).
    pub fn score_text(&self, toks: &[Token], mentions: &[Mention]) -> [f32; COLUMNS] {
        self.score_text_with(toks, &self.word_scores(toks), mentions)
    }

    /// Every word's share of the text part (its unigram, character grams and
    /// word-table values), in token order: from this thread's memo, or
    /// computed and remembered. With what the memo knows of each word's scan.
    pub fn word_scores(&self, toks: &[Token]) -> Vec<WordScore> {
        with_memo(self.id, |memo| {
            let mut words = vec![WordScore::default(); toks.len()];
            self.each_word_score(memo, toks, |k, score| words[k] = *score);
            words
        })
    }

    /// [`Model::score_text`] with the words' shares already taken
    /// ([`Model::word_scores`] of the same tokens).
    pub fn score_text_with(&self, toks: &[Token], words: &[WordScore], mentions: &[Mention]) -> [f32; COLUMNS] {
        debug_assert_eq!(toks.len(), words.len());
        let mut scorer = Scorer::new(self, Some(words));
        text_part(toks, mentions, &mut scorer);
        let mut s = self.bias;
        scorer.finish(0, &mut s);
        s
    }

    /// Notes in this thread's memo that the words of these keys start no
    /// lexicon pattern (what [`crate::scan::scan_skipping`] learned).
    pub fn remember_no_hits(&self, keys: impl Iterator<Item = u64>) {
        with_memo(self.id, |memo| keys.for_each(|key| memo.mark_no_hit(key)));
    }

    /// Each word's score to `f` (with the word's index), from `memo` or
    /// computed and remembered. In phases, so that the memory reads of one
    /// phase do not wait on each other: the remembered words first (all the
    /// look-ups made before any is used), then the word table for the
    /// others, then their grams; a chunk of words at a time, so that nothing
    /// is allocated.
    fn each_word_score(&self, memo: &mut WordMemo, toks: &[Token], mut f: impl FnMut(usize, &WordScore)) {
        const CHUNK: usize = 64;
        for (c, chunk) in toks.chunks(CHUNK).enumerate() {
            let base = c * CHUNK;
            // Each word's memo key once (it depends on how the word is read).
            let mut keys = [0u64; CHUNK];
            for (key, tok) in keys.iter_mut().zip(chunk) {
                *key = tok.memo_key();
            }
            let mut found = [0u8; CHUNK];
            for (place, key) in found.iter_mut().zip(&keys[..chunk.len()]) {
                *place = memo.find(*key);
            }
            let mut missing = [0u8; CHUNK];
            let mut count = 0;
            for (k, (key, &place)) in keys[..chunk.len()].iter().zip(&found).enumerate() {
                if place == 0 {
                    missing[count] = k as u8;
                    count += 1;
                } else {
                    f(base + k, memo.at(*key, place));
                }
            }
            let mut values = [None; CHUNK];
            for (v, &k) in values.iter_mut().zip(&missing[..count]) {
                *v = chunk[k as usize].vector_key().and_then(|key| self.words.get(key));
            }
            for (&k, values) in missing[..count].iter().zip(values) {
                let tok = &chunk[k as usize];
                // A word the text repeats was remembered at its first occurrence.
                let key = keys[k as usize];
                let score = match memo.peek(key) {
                    Some(score) => *score,
                    None => {
                        let score = self.word_score(tok, values);
                        memo.put(key, score);
                        score
                    }
                };
                f(base + k as usize, &score);
            }
        }
    }

    /// What one word of the text part contributes: its slots' rows summed
    /// as they come, and its values in the word table (`values`, looked up
    /// by the caller).
    fn word_score(&self, tok: &Token, values: Option<&[i8; WORD_VALUES]>) -> WordScore {
        let mut rows = RowSum { table: &self.table, sums: [0; COLUMNS], slots: 0 };
        word_slots(tok, &mut rows);
        let r = row(&self.table, window_slot(tok.feature_key()));
        let window = [r[ATTITUDE], r[ATTITUDE + 1], r[ATTITUDE + 2]];
        WordScore { sums: rows.sums, slots: rows.slots, known: values.is_some(), values: values.copied().unwrap_or([0; WORD_VALUES]), window, no_hit: false }
    }

    /// Attitude probabilities toward `group` from the text scores plus the
    /// target part, straight from the tokens (as [`Model::attitude`] of
    /// [`crate::features::target_features`]).
    pub fn score_target(&self, text_scores: &[f32; COLUMNS], toks: &[Token], mentions: &[Mention], group: Option<&str>) -> [f32; 3] {
        self.score_target_with(text_scores, toks, &self.word_scores(toks), mentions, group)
    }

    /// [`Model::score_target`] with the words' shares already taken
    /// ([`Model::word_scores`] of the same tokens, as the text part took
    /// them): the window's words' values are read from them by index.
    pub fn score_target_with(&self, text_scores: &[f32; COLUMNS], toks: &[Token], words: &[WordScore], mentions: &[Mention], group: Option<&str>) -> [f32; 3] {
        debug_assert_eq!(toks.len(), words.len());
        let mut scorer = Scorer::new(self, Some(words));
        target_part(toks, mentions, group, &mut scorer);
        let mut s = *text_scores;
        scorer.finish(COLUMNS, &mut s);
        softmax([s[ATTITUDE], s[ATTITUDE + 1], s[ATTITUDE + 2]])
    }

    /// Scores of the text part alone, bias included.
    pub fn text_scores(&self, text: &Features) -> [f32; COLUMNS] {
        let mut s = self.bias;
        self.accumulate(text, &mut s);
        s
    }

    /// Whether the ethnic-hostility head learnt from any label: false for a
    /// model trained on files that give none, whose `ethnic_hostility` is
    /// then 0.5 whatever the text.
    pub fn ethnic_learnt(&self) -> bool {
        self.ethnic_learnt
    }

    /// Calibrated probability of a binary head from its score and, for
    /// ethnic hostility, the group term ([`group_term`]).
    pub fn probability(&self, column: usize, score: f32, group_term: f32) -> f32 {
        self.calibration[column].probability(score, group_term)
    }

    /// Attitude probabilities (negative, neutral, positive) from the text
    /// scores plus the target part.
    pub fn attitude(&self, text_scores: &[f32; COLUMNS], target: &Features) -> [f32; 3] {
        let mut s = *text_scores;
        self.accumulate(target, &mut s);
        softmax([s[ATTITUDE], s[ATTITUDE + 1], s[ATTITUDE + 2]])
    }
}

pub(crate) fn softmax(z: [f32; 3]) -> [f32; 3] {
    let max = z.iter().copied().fold(f32::MIN, f32::max);
    let e = z.map(|x| (x - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|x| x / sum)
}

/// The table row of `slot`: its weight in every column.
#[inline]
fn row(table: &[i8], slot: u32) -> &[i8; COLUMNS] {
    let at = slot as usize * COLUMNS;
    table[at..at + COLUMNS].try_into().expect("a row")
}

/// Slots a [`Scorer`] holds before it looks them up.
const BATCH: usize = 256;

/// Scores one part of the features as they are produced: the table rows of
/// its slots and the word table's values of its words, summed as integers
/// (the part's `1/√n` and the columns' scales applied once at the end).
struct Scorer<'m> {
    model: &'m Model,
    /// The words' shares, when they were taken before ([`Model::word_scores`];
    /// none: the text part's words are summed afresh, the window's values
    /// looked up).
    given: Option<&'m [WordScore]>,
    /// Slots not yet summed: looked up in batches, so that the table's
    /// memory is read many rows at a time rather than between hashes.
    pending: [u32; BATCH],
    len: usize,
    /// As `i64`: no text is long enough to overflow it.
    sum: [i64; COLUMNS],
    n: u64,
    words: WordShares,
}

/// The word table's values of a part's words, summed, and how many were
/// known: their mean is the part's share through the word vectors.
#[derive(Default)]
struct WordShares {
    /// As `i64`: no text is long enough to overflow it.
    sum: [i64; WORD_VALUES],
    found: i64,
}

impl WordShares {
    #[inline]
    fn add(&mut self, table: &Vocabulary, key: u64) {
        if let Some(values) = table.get(key) {
            self.add_values(values);
        }
    }

    #[inline]
    fn add_values(&mut self, values: &[i8; WORD_VALUES]) {
        for (s, x) in self.sum.iter_mut().zip(values) {
            *s += *x as i64;
        }
        self.found += 1;
    }

    /// Adds the mean of values `from..` to `scores` (0: the text's, to every
    /// column, drawn in by [`TEXT_VECTOR_PRIOR`] as in training; [`COLUMNS`]:
    /// the window's, to the attitude columns).
    fn finish(&self, table: &Vocabulary, from: usize, scores: &mut [f32; COLUMNS]) {
        if self.found == 0 {
            return;
        }
        let (to, count) = if from == 0 { (0, self.found as f32 + TEXT_VECTOR_PRIOR) } else { (ATTITUDE, self.found as f32) };
        for (k, o) in scores[to..].iter_mut().enumerate() {
            *o += self.sum[from + k] as f32 * table.scale[from + k] / count;
        }
    }
}

impl<'m> Scorer<'m> {
    fn new(model: &'m Model, given: Option<&'m [WordScore]>) -> Scorer<'m> {
        Scorer { model, given, pending: [0; BATCH], len: 0, sum: [0; COLUMNS], n: 0, words: WordShares::default() }
    }

    /// Sums the pending slots' rows.
    #[inline]
    fn flush(&mut self) {
        let table = &self.model.table;
        // A batch's sum fits 32 bits (BATCH rows of ±127), which add faster.
        let mut batch = [0i32; COLUMNS];
        for &slot in &self.pending[..self.len] {
            let row = row(table, slot);
            for (s, w) in batch.iter_mut().zip(row) {
                *s += *w as i32;
            }
        }
        for (s, b) in self.sum.iter_mut().zip(batch) {
            *s += b as i64;
        }
        self.n += self.len as u64;
        self.len = 0;
    }

    /// Adds the part's scores to `scores`: every column from the slots, and
    /// from the words the values `from..` (0: the text's, to every column;
    /// [`COLUMNS`]: the window's, to the attitude columns).
    fn finish(mut self, from: usize, scores: &mut [f32; COLUMNS]) {
        self.flush();
        let v = 1.0 / (self.n.max(1) as f32).sqrt();
        for ((o, sum), scale) in scores.iter_mut().zip(self.sum).zip(self.model.scale) {
            *o += sum as f32 * v * scale;
        }
        self.words.finish(&self.model.words, from, scores);
    }
}

impl Sink for Scorer<'_> {
    #[inline]
    fn slot(&mut self, slot: u32) {
        if self.len == BATCH {
            self.flush();
        }
        self.pending[self.len] = slot;
        self.len += 1;
    }
    #[inline]
    fn word(&mut self, key: u64) {
        self.words.add(&self.model.words, key);
    }
    #[inline]
    fn window_word(&mut self, k: usize, key: u64) {
        match self.given {
            // `words[k]` holds the word table's values of token `k`'s vector
            // key: what the look-up would find.
            Some(words) => {
                if words[k].known {
                    self.words.add_values(&words[k].values);
                }
            }
            None => self.word(key),
        }
    }
    #[inline]
    fn window_unigram(&mut self, k: usize, slot: u32) {
        match self.given {
            // `words[k].window` holds the attitude columns of the row of
            // token `k`'s window slot: what the look-up would find, where
            // the target part is read.
            Some(words) => {
                for (s, w) in self.sum[ATTITUDE..].iter_mut().zip(words[k].window) {
                    *s += w as i64;
                }
                self.n += 1;
            }
            None => self.slot(slot),
        }
    }
    #[inline]
    fn text_words(&mut self, toks: &[Token]) {
        if let Some(words) = self.given {
            // Summed in 32 bits a stretch of words at a time (a stretch's sums
            // fit: 4,096 words of at most MAX_WORD_SLOTS rows of ±127), which add faster.
            for stretch in words.chunks(4096) {
                let (mut sums, mut values, mut found, mut slots) = ([0i32; COLUMNS], [0i32; WORD_VALUES], 0i64, 0u64);
                for score in stretch {
                    for (s, w) in sums.iter_mut().zip(score.sums) {
                        *s += w as i32;
                    }
                    slots += score.slots as u64;
                    if score.known {
                        for (s, x) in values.iter_mut().zip(score.values) {
                            *s += x as i32;
                        }
                        found += 1;
                    }
                }
                for (s, w) in self.sum.iter_mut().zip(sums) {
                    *s += w as i64;
                }
                for (s, x) in self.words.sum.iter_mut().zip(values) {
                    *s += x as i64;
                }
                self.n += slots;
                self.words.found += found;
            }
            return;
        }
        for tok in toks {
            word_part(tok, self);
        }
    }
}

/// The summed table rows of one word's slots (at most
/// [`crate::features::MAX_WORD_SLOTS`]: the sums fit [`WordScore`]'s).
struct RowSum<'m> {
    table: &'m [i8],
    sums: [i16; COLUMNS],
    slots: u8,
}

impl Sink for RowSum<'_> {
    #[inline]
    fn slot(&mut self, slot: u32) {
        let row = row(self.table, slot);
        for (s, w) in self.sums.iter_mut().zip(row) {
            *s += *w as i16;
        }
        self.slots += 1;
    }
    fn word(&mut self, _key: u64) {}
}

/// Each known word's share of the scores: `VECTOR_WEIGHT × vector ·
/// weights` of the text's dense inputs (every column) and of the window's
/// (the attitude columns), quantised. Empty when the heads learned nothing
/// from the vectors.
fn fold_word_vectors(vectors: &Embeddings, column_weights: &dyn Fn(usize) -> [f32; COLUMNS]) -> Vocabulary {
    let text: Vec<[f32; COLUMNS]> = (0..EMBEDDING_DIM).map(|j| column_weights(TEXT_VECTOR + j)).collect();
    let window: Vec<[f32; COLUMNS]> = (0..EMBEDDING_DIM).map(|j| column_weights(WINDOW_VECTOR + j)).collect();
    if text.iter().chain(&window).all(|w| w.iter().all(|x| *x == 0.0)) {
        return Vocabulary::build([1.0; WORD_VALUES], &[]);
    }
    let raw: Vec<(u64, [f32; WORD_VALUES])> = vectors
        .each()
        .map(|(key, v)| {
            let mut r = [0f32; WORD_VALUES];
            for (j, x) in v.iter().enumerate() {
                for c in 0..COLUMNS {
                    r[c] += x * text[j][c];
                }
                for a in 0..3 {
                    r[COLUMNS + a] += x * window[j][ATTITUDE + a];
                }
            }
            (key, r.map(|x| x * VECTOR_WEIGHT))
        })
        .collect();
    let mut scale = [1f32; WORD_VALUES];
    for (k, s) in scale.iter_mut().enumerate() {
        let max = raw.iter().map(|r| r.1[k].abs()).fold(0f32, f32::max);
        if max > 0.0 {
            *s = max / 127.0;
        }
    }
    let mut entries: Vec<(u64, [i8; WORD_VALUES])> = raw.iter().map(|(key, r)| (*key, std::array::from_fn(|k| (r[k] / scale[k]).round().clamp(-127.0, 127.0) as i8))).collect();
    entries.sort_by_key(|e| e.0);
    Vocabulary::build(scale, &entries)
}

/// The group term of ethnic hostility: the log-odds of the strongest
/// negative attitude toward a named group (bounded: no group named reads as
/// a 1 % chance).
pub fn group_term(max_negative: f32) -> f32 {
    let p = max_negative.clamp(0.01, 0.99);
    (p / (1.0 - p)).ln()
}

/// Fits a calibration `σ(w₀·x₀ + w₁·x₁ + b)` to inputs and labels by
/// Newton's method, with Platt's target smoothing (so that separable data
/// stays finite) and a touch of ridge (so that an unused input stays 0).
/// It starts from no weights (every input at the base rate) and halves a
/// step until the loss does not grow: a full Newton step from a point where
/// the sigmoid is flat can overshoot to weights so large that every output
/// is 0 or 1.
pub fn fit_calibration(inputs: &[[f32; 2]], labels: &[bool]) -> Calibration {
    let positives = labels.iter().filter(|l| **l).count() as f64;
    let negatives = labels.len() as f64 - positives;
    let hi = (positives + 1.0) / (positives + 2.0);
    let lo = 1.0 / (negatives + 2.0);
    let target = |l: bool| if l { hi } else { lo };
    let z = |w: &[f64; 3], x: &[f32; 2]| w[0] * x[0] as f64 + w[1] * x[1] as f64 + w[2];
    let loss = |w: &[f64; 3]| -> f64 {
        let data: f64 = inputs
            .iter()
            .zip(labels)
            .map(|(x, l)| {
                let z = z(w, x);
                // −[t·ln σ(z) + (1−t)·ln σ(−z)], in a form that does not overflow.
                let softplus = |v: f64| if v > 0.0 { v + (-v).exp().ln_1p() } else { v.exp().ln_1p() };
                let t = target(*l);
                t * softplus(-z) + (1.0 - t) * softplus(z)
            })
            .sum();
        data + 0.5e-6 * w.iter().map(|v| v * v).sum::<f64>()
    };
    let mut w = [0f64; 3];
    let mut current = loss(&w);
    for _ in 0..100 {
        let mut g = [0f64; 3];
        let mut h = [[0f64; 3]; 3];
        for (x, l) in inputs.iter().zip(labels) {
            let p = 1.0 / (1.0 + (-z(&w, x)).exp());
            let x = [x[0] as f64, x[1] as f64, 1.0];
            for i in 0..3 {
                g[i] += (p - target(*l)) * x[i];
                for j in 0..3 {
                    h[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for (i, row) in h.iter_mut().enumerate() {
            row[i] += 1e-6;
            g[i] += 1e-6 * w[i];
        }
        let Some(step) = solve3(h, g) else { break };
        let mut t = 1.0;
        let (next, l) = loop {
            let next = [w[0] - t * step[0], w[1] - t * step[1], w[2] - t * step[2]];
            let l = loss(&next);
            if l <= current || t < 1e-6 {
                break (next, l);
            }
            t *= 0.5;
        };
        let moved = (0..3).map(|i| (next[i] - w[i]).abs()).sum::<f64>();
        if l > current {
            break;
        }
        (w, current) = (next, l);
        if moved < 1e-9 {
            break;
        }
    }
    Calibration { score: w[0] as f32, group: w[1] as f32, intercept: w[2] as f32 }
}

/// Solves `a·x = b` for a 3×3 system (Gaussian elimination with pivoting).
fn solve3(mut a: [[f64; 3]; 3], mut b: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let pivot = (col..3).max_by(|i, j| a[*i][col].abs().total_cmp(&a[*j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..3 {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; 3];
    for row in (0..3).rev() {
        x[row] = (b[row] - (row + 1..3).map(|k| a[row][k] * x[k]).sum::<f64>()) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_round_trips_and_damage_is_named() {
        let mut h = Linear::new(2);
        h.weights[10] = 0.5;
        h.weights[11] = -0.25;
        let a = Linear::new(3);
        let mut m = Model::from_heads("test model".into(), &h, &h, &a, Embeddings::builtin());
        m.set_calibration(HOSTILITY, Calibration { score: 2.0, group: 0.5, intercept: -1.0 });
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), m);
        let mut damaged = bytes.clone();
        damaged[100] ^= 1;
        assert!(Model::from_bytes(&damaged).unwrap_err().0.contains("checksum"));
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(Model::from_bytes(b"hello").unwrap_err().0.contains("header"));
    }

    #[test]
    fn a_model_knows_whether_its_ethnic_head_learnt_and_a_file_keeps_it() {
        let mut h = Linear::new(2);
        h.weights[10] = 0.5;
        let a = Linear::new(3);
        let untrained = Model::from_heads(String::new(), &h, &Linear::new(2), &a, Embeddings::builtin());
        assert!(!untrained.ethnic_learnt(), "an ethnic head at zero learnt nothing");
        assert!(!Model::from_bytes(&untrained.to_bytes()).unwrap().ethnic_learnt());
        let trained = Model::from_heads(String::new(), &h, &h, &a, Embeddings::builtin());
        assert!(trained.ethnic_learnt());
        assert!(Model::from_bytes(&trained.to_bytes()).unwrap().ethnic_learnt());
        assert!(Model::builtin().ethnic_learnt());
    }

    #[test]
    fn a_model_of_an_earlier_version_is_refused_with_the_way_out_and_trailing_bytes_are_refused() {
        let h = Linear::new(2);
        let a = Linear::new(3);
        let m = Model::from_heads("old model".into(), &h, &h, &a, Embeddings::builtin());
        let now = m.to_bytes();
        for magic in EARLIER {
            // A file as the earlier version wrote it: its magic, the same layout.
            let mut old = magic.to_vec();
            old.extend_from_slice(&now[MAGIC.len()..now.len() - 8]);
            let e = Model::from_bytes(&crate::file::close(old)).unwrap_err().0;
            assert!(e.contains("earlier version") && e.contains("kelisim text train"), "{e}");
        }
        let mut trailing = now[..now.len() - 8].to_vec();
        trailing.push(0);
        assert!(Model::from_bytes(&crate::file::close(trailing)).unwrap_err().0.contains("after the model"));
    }

    #[test]
    fn the_word_table_scores_as_the_word_vectors_it_was_folded_from() {
        // Dense weights on the text vector (hostility) and the window vector (attitude).
        let mut h = Linear::new(2);
        let mut a = Linear::new(3);
        for j in 0..EMBEDDING_DIM {
            h.weights[(TEXT_VECTOR + j) * 2 + 1] = ((j * 7919) % 13) as f32 / 13.0 - 0.5;
            a.weights[(WINDOW_VECTOR + j) * 3] = ((j * 104_729) % 11) as f32 / 11.0 - 0.5;
        }
        let vectors = Embeddings::builtin();
        let m = Model::from_heads(String::new(), &h, &Linear::new(2), &a, vectors);
        let m = Model::from_bytes(&m.to_bytes()).expect("round trip");
        let n = crate::normalize("Казахи и узбеки живут дружно, а соседи пекут лепёшки");
        let mentions = crate::groups::find(&n);
        let toks = crate::features::tokens(&n.text);
        let text = crate::features::text_features(&toks, &mentions);
        let target = crate::features::target_features(&toks, &mentions, Some("uzbek"));
        let dense = |f: &Features, at: usize, w: &dyn Fn(usize) -> f32| -> f32 {
            let d = crate::features::with_word_vectors(f, vectors);
            d.idx.iter().zip(&d.val).filter(|(i, _)| (at..at + EMBEDDING_DIM).contains(&(**i as usize))).map(|(i, v)| v * w(*i as usize)).sum()
        };
        let want_h = dense(&text, TEXT_VECTOR, &|i| h.weights[i * 2 + 1]);
        let got_h = m.text_scores(&text)[HOSTILITY];
        assert!(want_h.abs() > 0.05 && (got_h - want_h).abs() < 0.02 * want_h.abs() + 1e-3, "text: {got_h} vs {want_h}");
        let want_a = dense(&target, WINDOW_VECTOR, &|i| a.weights[i * 3]);
        let mut got_a = [0f32; COLUMNS];
        m.accumulate(&target, &mut got_a);
        assert!(want_a.abs() > 0.05 && (got_a[ATTITUDE] - want_a).abs() < 0.02 * want_a.abs() + 1e-3, "window: {} vs {want_a}", got_a[ATTITUDE]);
        assert_eq!(got_a[..ATTITUDE], [0.0, 0.0], "the window speaks only to the attitude");
        // A text of one word: its vector drawn in by TEXT_VECTOR_PRIOR on both paths.
        let one = crate::features::text_features(&crate::features::tokens("спасибо"), &[]);
        let (want, got) = (dense(&one, TEXT_VECTOR, &|i| h.weights[i * 2 + 1]), m.text_scores(&one)[HOSTILITY]);
        assert!(want.abs() > 0.05 && (got - want).abs() < 0.02 * want.abs() + 1e-3, "one word: {got} vs {want}");
    }

    #[test]
    fn calibration_of_confident_overlapping_scores_stays_a_probability() {
        // Scores far from 0 on both sides, each side right four times in five:
        // the calibrated probabilities must read 0.8 and 0.2, not 1 and 0 (a
        // full Newton step from flat ground used to land there).
        let mut scores = Vec::new();
        let mut labels = Vec::new();
        for i in 0..500 {
            let side = if i % 2 == 0 { 30.0 } else { -30.0 };
            scores.push([side, 0.0]);
            labels.push((side > 0.0) == (i % 10 < 8));
        }
        let c = fit_calibration(&scores, &labels);
        let (high, low) = (c.probability(30.0, 0.0), c.probability(-30.0, 0.0));
        assert!((high - 0.8).abs() < 0.02 && (low - 0.2).abs() < 0.02, "{high} {low} from {c:?}");
    }

    #[test]
    fn calibration_recovers_a_known_slope_and_ignores_an_unused_input() {
        // Labels drawn so that P(true | z) = σ(2z − 1), deterministically.
        let mut scores: Vec<[f32; 2]> = vec![];
        let mut labels = vec![];
        for i in 0..400 {
            let z = (i % 40) as f32 / 10.0 - 2.0;
            let p = sigmoid(2.0 * z - 1.0);
            scores.push([z, 0.0]);
            labels.push(((i / 40) as f32 + 0.5) / 10.0 < p);
        }
        let c = fit_calibration(&scores, &labels);
        assert!((c.score - 2.0).abs() < 0.6 && (c.intercept + 1.0).abs() < 0.5 && c.group == 0.0, "{c:?}");
    }

    #[test]
    fn scoring_from_the_tokens_equals_scoring_the_feature_vectors() {
        let m = Model::builtin();
        for text in ["Казахи и узбеки живут дружно, а соседи пекут лепёшки", "Эти чурки понаехали, гнать их", "Qazaqtar men orystar birge", "", "ок"] {
            let n = crate::normalize(text);
            let mentions = crate::groups::find(&n);
            let toks = crate::features::tokens(&n.text);
            let via_vectors = m.text_scores(&crate::features::text_features(&toks, &mentions));
            let direct = m.score_text(&toks, &mentions);
            for c in 0..COLUMNS {
                assert!((via_vectors[c] - direct[c]).abs() < 1e-4, "{text}: column {c}: {} vs {}", via_vectors[c], direct[c]);
            }
            for group in [Some("kazakh"), Some("central_asian"), None] {
                let a = m.attitude(&via_vectors, &crate::features::target_features(&toks, &mentions, group));
                let b = m.score_target(&direct, &toks, &mentions, group);
                assert!(a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-5), "{text} {group:?}: {a:?} vs {b:?}");
            }
        }
    }

    /// The text part scored afresh, without the word memo.
    fn text_scores_afresh(m: &Model, toks: &[Token], mentions: &[Mention]) -> [f32; COLUMNS] {
        let mut scorer = Scorer::new(m, None);
        text_part(toks, mentions, &mut scorer);
        let mut s = m.bias;
        scorer.finish(0, &mut s);
        s
    }

    #[test]
    fn remembered_words_score_exactly_as_words_scored_afresh_whichever_model_asks() {
        let builtin = Model::builtin();
        // A second model with other weights, used in turns on the same thread.
        let mut other = builtin.clone();
        other.id = fresh_id();
        other.table.iter_mut().for_each(|w| *w = w.saturating_neg());
        let texts = ["Казахи и узбеки живут дружно, казахи и узбеки", "Эти чурки понаехали, гнать их, эти чурки", "Qazaqtar men orystar birge", "ок ок ок"];
        for round in 0..3 {
            for m in [builtin, &other] {
                for text in texts {
                    let n = crate::normalize(text);
                    let mentions = crate::groups::find(&n);
                    let toks = crate::features::tokens(&n.text);
                    let scores = m.score_text(&toks, &mentions);
                    assert_eq!(scores, text_scores_afresh(m, &toks, &mentions), "round {round}: {text}");
                    for group in [Some("kazakh"), Some("central_asian"), None] {
                        let mut scorer = Scorer::new(m, None);
                        target_part(&toks, &mentions, group, &mut scorer);
                        let mut s = scores;
                        scorer.finish(COLUMNS, &mut s);
                        let afresh = softmax([s[ATTITUDE], s[ATTITUDE + 1], s[ATTITUDE + 2]]);
                        assert_eq!(m.score_target(&scores, &toks, &mentions, group), afresh, "round {round}: {text} {group:?}");
                        let words = m.word_scores(&toks);
                        assert_eq!(m.score_target_with(&scores, &toks, &words, &mentions, group), afresh, "round {round}: {text} {group:?}, the window's values from the word shares");
                    }
                }
            }
        }
        assert_ne!(builtin.score_text(&crate::features::tokens("чурки"), &[]), other.score_text(&crate::features::tokens("чурки"), &[]));
    }

    #[test]
    fn the_builtin_model_loads_and_says_what_it_learned_from() {
        let m = Model::builtin();
        assert!(m.description.contains("RuEthnoHate"), "{}", m.description);
    }
}
