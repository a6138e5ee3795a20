//! Features for the statistical model: hashed, sparse, deterministic.
//!
//! Two parts, each of unit length on its own, so that the part that
//! belongs to the whole text is computed once and shared by every head of
//! the model and by every group the text mentions:
//!
//! - the **text part**: word unigrams and bigrams, character 3- and 4-grams
//!   of words (they carry morphology and survive spelling games), and lexicon
//!   signals (a slur, how many groups are named);
//! - the **target part**, for the attitude toward one group: the words around
//!   each mention of that group (each word alone, as in the text part's
//!   unigrams; a word of enmity's kind also by its side and distance), how the group
//!   was named (slur or not), whether other groups share the text and stand
//!   right beside it — this is what tells "казахи и русские вместе провели
//!   праздник" from hate at a group, and praise of one group from an attack
//!   on another.
//!
//! Each feature is a namespaced byte string hashed (FNV-1a; character grams
//! by a mix of their packed characters — both stable across platforms) into
//! `2^BITS` slots; each part is scaled by `1/√n` of its
//! feature count. Nothing here allocates per word or sorts.

use crate::embeddings::{Embeddings, EMBEDDING_DIM};
use crate::groups::Mention;
use crate::hash::{mix, pair};
use crate::lang::{Letters, CYRILLIC_MARKS, NOT_ASCII_LETTER};
use crate::short::eq as same;

pub const BITS: u32 = 18;
pub const DIM: usize = 1 << BITS;

/// Where the dense word-vector features sit, after the hashed slots: the
/// text's mean word vector, then the mean vector of the target's window
/// (see [`with_word_vectors`]). The linear model trains on `SLOTS` inputs.
pub const TEXT_VECTOR: usize = DIM;
pub const WINDOW_VECTOR: usize = DIM + EMBEDDING_DIM;
pub const SLOTS: usize = DIM + 2 * EMBEDDING_DIM;

/// The weight of a mean word vector beside the hashed part (whose length is
/// 1; a mean of navec vectors is 2–3 long). Chosen by cross-validation
/// (0.5, 1, 1.5, 2, 4; and apart for text and window: no better).
pub const VECTOR_WEIGHT: f32 = 1.0;

/// The text's mean word vector is drawn toward zero as if this many words of
/// no meaning stood beside the text's known words: sum / (known + 2).
///
/// A mean of many words is short (their vectors point many ways), but the
/// mean of one word is that word's whole vector, as long as a vector gets: a
/// text of one or two words was scored as if its word were all a long text
/// says, and ordinary replies read as hostile ("согласен" 0.91, "Структура"
/// 0.97; docs/text-engine.md, "Ordinary Russian"). Chosen by cross-validation and the
/// UI's Russian strings (1, 2, 4: 2 the middle, the RuEthnoHate figures
/// within their noise at each). The window's mean is left as it is: a
/// mention has words on both sides, and drawing it in too moved the figures
/// within their noise only.
pub const TEXT_VECTOR_PRIOR: f32 = 2.0;

/// A sparse feature vector: one entry per feature occurrence (a slot may
/// repeat: the model is linear, so repeats simply add), each valued
/// `1/√n`, so that a text's vector has the same weight whatever its length.
///
/// Beside them, the words whose mean vector is a feature: `text_words` (the
/// whole text) and `window_words` (around the target's mentions), as
/// [`word_key`]s. Training turns them into dense inputs
/// ([`with_word_vectors`]); a built model looks each word's share up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
    pub text_words: Vec<u64>,
    pub window_words: Vec<u64>,
}

impl Features {
    /// `a + b` (the model is linear: scoring the sum is scoring each).
    pub fn sum(a: &Features, b: &Features) -> Features {
        let mut out = a.clone();
        out.idx.extend_from_slice(&b.idx);
        out.val.extend_from_slice(&b.val);
        out.text_words.extend_from_slice(&b.text_words);
        out.window_words.extend_from_slice(&b.window_words);
        out
    }
}

/// The key of a normalised word: the one the word-vector vocabulary and the
/// model's word table are keyed by (the unigram feature's full hash).
#[inline]
pub fn word_key(word: &str) -> u64 {
    Fnv::new(NS_UNIGRAM).part(word.as_bytes()).0
}

/// The hashed features plus the mean word vectors as dense inputs at
/// [`TEXT_VECTOR`] (drawn in by [`TEXT_VECTOR_PRIOR`]) and [`WINDOW_VECTOR`],
/// each scaled by [`VECTOR_WEIGHT`] (what the linear model trains on).
pub fn with_word_vectors(f: &Features, vectors: &Embeddings) -> Features {
    let mut out = Features { idx: f.idx.clone(), val: f.val.clone(), ..Features::default() };
    for (at, words, prior) in [(TEXT_VECTOR, &f.text_words, TEXT_VECTOR_PRIOR), (WINDOW_VECTOR, &f.window_words, 0.0)] {
        if words.is_empty() {
            continue;
        }
        for (j, v) in vectors.shrunk_mean(words, prior).into_iter().enumerate() {
            if v != 0.0 {
                out.idx.push((at + j) as u32);
                out.val.push(v * VECTOR_WEIGHT);
            }
        }
    }
    out
}

/// FNV-1a over a namespace and parts separated by a unit separator.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(namespace: u8) -> Fnv {
        Fnv(crate::hash::OFFSET).byte(namespace)
    }
    #[inline]
    fn byte(mut self, b: u8) -> Fnv {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(crate::hash::PRIME);
        self
    }
    #[inline]
    fn part(self, bytes: &[u8]) -> Fnv {
        bytes.iter().fold(self.byte(0x1f), |h, b| h.byte(*b))
    }
    fn slot(self) -> u32 {
        // Fold the high bits in: FNV's low bits alone mix poorly.
        ((self.0 ^ (self.0 >> 32)) as u32) & (DIM as u32 - 1)
    }
}

/// Where the features of a part go: collected into a [`Features`] vector
/// (training, see [`Bag`]), or scored on the spot by a model (analysis: no
/// vector is built). Every feature occurrence of a part is worth `1/√n`.
pub trait Sink {
    /// One occurrence of a hashed feature.
    fn slot(&mut self, slot: u32);
    /// A word whose vector is part of the part's mean word vector.
    fn word(&mut self, key: u64);
    /// Word `k` of the text (whose vector key is `key`) in a target's
    /// window: a [`Sink::word`], which a scorer that holds the text's word
    /// shares may take from there.
    #[inline]
    fn window_word(&mut self, _k: usize, key: u64) {
        self.word(key);
    }
    /// Word `k` of the text in a target's window, whose slot there is
    /// `slot` ([`window_slot`] of its feature key): a [`Sink::slot`], which a
    /// scorer that holds the text's word shares may take from there.
    #[inline]
    fn window_unigram(&mut self, _k: usize, slot: u32) {
        self.slot(slot);
    }
    /// The words of the text part, each with its vector, its unigram and its
    /// character grams ([`word_part`]). All of them depend on the word alone,
    /// so a scorer may remember their sum per word.
    fn text_words(&mut self, toks: &[Token])
    where
        Self: Sized,
    {
        for tok in toks {
            word_part(tok, self);
        }
    }
}

/// The features of one word of the text part: its vector, its unigram and
/// its character grams.
#[inline]
pub fn word_part(tok: &Token, sink: &mut impl Sink) {
    if let Some(key) = tok.vector_key() {
        sink.word(key);
    }
    word_slots(tok, sink);
}

/// The hashed features of one word of the text part: its unigram and its
/// character grams.
#[inline]
pub fn word_slots(tok: &Token, sink: &mut impl Sink) {
    add(sink, Fnv(tok.feature_key()));
    if let Some(bridge) = tok.bridged_too() {
        add(sink, Fnv(bridge));
    }
    if let Some(kind) = tok.hostile {
        sink.slot(keyed(salt(NS_HOSTILE, 0), kind as u64));
    }
    char_grams(tok.gram_text(), tok.kazakh_text, sink);
}

/// The most slots [`word_part`] gives one word: its unigram (and its
/// bridged Russian word's, and its kind of enmity's), and the grams of at most `GRAM_CHARS` (62)
/// characters between `<` and `>` (3-, 4- and, in a Kazakh text, 5-grams).
pub const MAX_WORD_SLOTS: usize = 3 + 3 * (GRAM_CHARS + 2) - 9;

/// Slots and words collected before scaling.
#[derive(Default)]
pub struct Bag {
    slots: Vec<u32>,
    words: Vec<u64>,
}

impl Sink for Bag {
    #[inline]
    fn slot(&mut self, slot: u32) {
        self.slots.push(slot);
    }
    #[inline]
    fn word(&mut self, key: u64) {
        self.words.push(key);
    }
}

impl Bag {
    /// Scales each occurrence by `1/√n`; the words go to `text_words`
    /// (`window` false) or `window_words`.
    fn finish(self, window: bool) -> Features {
        let v = 1.0 / (self.slots.len().max(1) as f32).sqrt();
        let val = vec![v; self.slots.len()];
        let (text_words, window_words) = if window { (Vec::new(), self.words) } else { (self.words, Vec::new()) };
        Features { idx: self.slots, val, text_words, window_words }
    }
}

/// A hash's feature slot.
#[inline]
fn add(sink: &mut impl Sink, h: Fnv) {
    sink.slot(h.slot());
}

/// A word of a normalised text (a run of letters and digits): where it
/// starts, its text, its [`word_key`] and what its letters say about the
/// language ([`crate::lang::Letters`]). Every stage after normalisation reads
/// the words from here: the key is computed once a word, not once a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub text: &'a str,
    pub key: u64,
    pub letters: Letters,
    /// Whether the word is read as part of a Kazakh text ([`read_as`]).
    pub kazakh_text: bool,
    /// The key of the Russian word this one reads as ([`read_as`]): too, for
    /// a word of the Kazakh bridge ([`crate::bridge`]); instead, for a word
    /// of the English glossary (`gloss` ≠ 0); 0 for none.
    pub bridge: u64,
    /// What the word does to a group, if it is a word of the language of
    /// enmity ([`crate::hostile_words`]): a Russian word's own kind, a
    /// bridged or glossed word's Russian word's; none for another word of a
    /// Kazakh text ([`read_as`]).
    pub hostile: Option<crate::hostile_words::Kind>,
    /// The number of the Russian word this English word reads as
    /// ([`crate::bridge::english`], [`read_as`]); 0 for none.
    pub gloss: u16,
}

const _: () = assert!(std::mem::size_of::<Token>() == 48, "the gloss's number fits in the padding");

impl<'a> Token<'a> {
    /// A word as cut from a normalised text, not yet read in any language's
    /// way ([`read_as`] sets the rest).
    #[inline]
    fn cut(start: usize, text: &'a str, key: u64, marks: u8) -> Token<'a> {
        Token { start, text, key, letters: Letters::from_marks(marks), kazakh_text: false, bridge: 0, hostile: None, gloss: 0 }
    }

    /// Where the word ends in the normalised text.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The key the model's features know the word by (the memo's is [`Token::memo_key`]): its
    /// [`word_key`], in a Kazakh text a key of its own, and for a word of
    /// the English glossary its Russian word's ([`read_as`]).
    #[inline]
    pub fn feature_key(&self) -> u64 {
        if self.gloss != 0 {
            self.bridge
        } else if self.kazakh_text {
            self.key ^ KAZAKH_KEYS
        } else {
            self.key
        }
    }

    /// The key the word's vector (and its share in the model's word table)
    /// is found by: a bridged word's Russian word's; else in a Kazakh text
    /// none, since the vectors are Russian ([`read_as`]).
    #[inline]
    pub fn vector_key(&self) -> Option<u64> {
        if self.bridge != 0 {
            Some(self.bridge)
        } else {
            (!self.kazakh_text).then_some(self.key)
        }
    }

    /// The key of the Russian word a word of the Kazakh bridge reads as
    /// beside itself (a glossed English word reads as its Russian word
    /// alone: that is its [`Token::feature_key`]).
    #[inline]
    pub fn bridged_too(&self) -> Option<u64> {
        (self.bridge != 0 && self.gloss == 0).then_some(self.bridge)
    }

    /// The key the word memo knows the word by: its [`Token::feature_key`],
    /// but a glossed English word's own key, since its walk through the
    /// lexicon's patterns is its own ([`crate::word_memo::WordScore::no_hit`]).
    #[inline]
    pub fn memo_key(&self) -> u64 {
        if self.gloss != 0 {
            self.key ^ ENGLISH_KEYS
        } else {
            self.feature_key()
        }
    }

    /// The text whose character grams the word's features hold: a glossed
    /// English word's Russian word's.
    #[inline]
    pub fn gram_text(&self) -> &'a str {
        if self.gloss != 0 {
            &crate::bridge::gloss(self.gloss).text
        } else {
            self.text
        }
    }
}

/// Marks the words as read in a text of language `lang`.
///
/// Kazakh and Russian share the Cyrillic letters, so the same word or
/// character gram can mean different things in each, and what the Russian
/// texts taught about a gram blurred what the Kazakh ones did. The words of
/// a Kazakh text therefore have features of their own: unigram, bigrams,
/// window words, character grams (5-grams too: Kazakh words carry long
/// chains of endings), and no share through the word vectors (which are
/// Russian). What the lexicon finds (groups, slurs) is read alike in every
/// language. Five-fold cross-validation (docs/text-engine.md): the Kazakh set's ROC-AUC
/// 0.982 -> 0.985, the Russian figures within their noise (shared grams
/// beside the Kazakh ones scored 0.986 at twice the grams; 5-grams in
/// Russian too lowered the attitude). Every other text, mixed
/// Kazakh-Russian ones too, is read the shared way.
///
/// A word of [`crate::bridge`] also reads as the Russian word it names
/// (unigram, window features and vector): in a Kazakh text any of its forms,
/// in any other (a Kazakh phrase inside a Russian post) only a word with a
/// letter only Kazakh uses, which no Russian word has ("ит", dog, is also
/// Russian "ИТ"). A word of an English text ([`reads_english`]) that is in
/// the English glossary reads as its Russian word, wholly ([`Token::gloss`]: "thieves" as "воры",
/// unigram, grams, vector and kind), and the text's other words are not read
/// ([`model_reads`]); in any other text an English word is read as it is
/// (a Russian post's link or quote: the Russian texts taught the model so).
/// What a word reads as thus depends on the word and on whether its text is
/// Kazakh or English, as the word memo's key does ([`Token::memo_key`]).
///
/// Each word also gets its kind of enmity ([`Token::hostile`]); returns how
/// many words have one.
pub fn read_as(toks: &mut [Token], lang: crate::lang::Lang) -> usize {
    let kazakh = lang == crate::lang::Lang::Kk;
    let english = may_read_english(toks, lang);
    let words = crate::hostile_words::table();
    let mut hostile = 0;
    for t in toks.iter_mut() {
        t.kazakh_text = kazakh;
        t.gloss = if english && t.letters.ascii { crate::bridge::english(t.text).unwrap_or(0) } else { 0 };
        if t.gloss != 0 {
            let gloss = crate::bridge::gloss(t.gloss);
            (t.bridge, t.hostile) = (gloss.key, gloss.kind);
            hostile += usize::from(t.hostile.is_some());
            continue;
        }
        let bridged = if kazakh || t.letters.kazakh { crate::bridge::russian(t.text) } else { None };
        (t.bridge, t.hostile) = match bridged {
            Some(russian) => russian,
            None if kazakh => (0, None),
            None => (0, words.get(t.text)),
        };
        hostile += usize::from(t.hostile.is_some());
    }
    hostile
}

/// Whether [`read_as`] looks a text's words up in the English glossary: the
/// text is detected as English and has no word in Cyrillic letters (a
/// Kazakh or Russian post full of a link's words with its punctuation
/// stripped, "http www fileflyer com view it", can read as English by its
/// letters, as [`link_end`] cannot tell them; its words are read as they
/// are, as the model learnt them).
fn may_read_english(toks: &[Token], lang: crate::lang::Lang) -> bool {
    lang == crate::lang::Lang::En && !toks.iter().any(|t| t.letters.cyrillic)
}

/// Whether a text's words, as [`read_as`] read them, are read the English
/// way ([`model_reads`]): some word is glossed. An English text with no
/// word of the glossary ("Jews mark Hanukkah", a headline of names) is read
/// as it is, as a text of another language is: read through its glossed
/// words alone, it would be nothing but the groups it names, which the
/// model takes for hostility (10 of 30 such headlines read `hostility`
/// 0.52 or more; docs/text-engine.md, "English slogans").
pub fn reads_english(toks: &[Token]) -> bool {
    toks.iter().any(|t| t.gloss != 0)
}

/// Whether the model reads a word of a text: every word, but of a text read
/// the English way ([`reads_english`]) only those of the English glossary
/// ([`crate::bridge::english`]; `read_as` glosses them). The model learnt no
/// English: any other English word's features are rows that Russian and
/// Kazakh words taught, met by chance of the hash, and in a short post their
/// noise drowned what the glossed words say ("Kazakhs are filthy animals"
/// read 0.16 with every word, docs/text-engine.md, "English").
#[inline]
pub fn model_reads(tok: &Token, english: bool) -> bool {
    !english || tok.gloss != 0
}

/// [`CYRILLIC_MARKS`] of the Cyrillic letters, 0 for U+0482..U+0489 (a
/// sign and combining marks, which end a word): every letter's marks have
/// [`crate::lang::CYRILLIC`], so 0 means no letter.
pub(crate) const LETTER_MARKS: [u8; 256] = {
    let mut t = CYRILLIC_MARKS;
    let mut k = 0x82;
    while k <= 0x89 {
        t[k] = 0;
        k += 1;
    }
    t
};

/// What a word's key is mixed with in a Kazakh text (any odd constant).
const KAZAKH_KEYS: u64 = 0x6b6b_5f77_6f72_6473;
/// What a glossed English word's key is mixed with in the word memo: the
/// same word in a text not English is not glossed ([`read_as`]).
const ENGLISH_KEYS: u64 = 0x656e_5f67_6c6f_7373;

/// The words of a normalised text, each read in one pass over its bytes
/// that also hashes it into its key and notes its letters. ASCII is classed
/// from its byte and Cyrillic from its two (the characters led by
/// `D0`..`D3`, of which only U+0482..U+0489 are not letters) without the
/// general UTF-8 decoder; every class is [`crate::chars::is_alphanumeric`]'s.
pub fn tokens(norm: &str) -> Vec<Token<'_>> {
    let bytes = norm.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let unigram = Fnv::new(NS_UNIGRAM).byte(0x1f);
    let mut i = 0;
    while i < bytes.len() {
        // Spaces and punctuation between the words, at once.
        while bytes.get(i).is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric()) {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        let (mut key, mut marks) = (unigram, 0u8);
        loop {
            // Cyrillic letters, the bulk of the text, first and in a tight loop.
            for pair in bytes[i..].chunks_exact(2) {
                let (lead, second) = (pair[0], pair[1]);
                let m = if lead & 0xfc == 0xd0 { LETTER_MARKS[crate::chars::cyrillic_offset(lead, second)] } else { 0 };
                if m == 0 {
                    break;
                }
                marks |= m;
                key = key.byte(lead).byte(second);
                i += 2;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                marks |= if b.is_ascii_alphabetic() { 0 } else { NOT_ASCII_LETTER };
                key = key.byte(b);
                i += 1;
            } else {
                let c = norm[i..].chars().next().expect("a character");
                if (0xd0..=0xd3).contains(&b) || !crate::chars::is_alphanumeric(c) {
                    break;
                }
                marks |= NOT_ASCII_LETTER;
                for &x in &bytes[i..i + c.len_utf8()] {
                    key = key.byte(x);
                }
                i += c.len_utf8();
            }
        }
        if i > start {
            out.push(Token::cut(start, &norm[start..i], key.0, marks));
        } else {
            // Not a word character: skip it.
            i += if bytes[i] < 0x80 { 1 } else { norm[i..].chars().next().expect("a character").len_utf8() };
        }
    }
    out
}

/// The words of a normalised text: those normalisation cut while writing
/// it ([`WordCutter`], the plain path), or else read off the text ([`tokens`]).
pub fn tokens_of(norm: &crate::normalize::Normalized) -> Vec<Token<'_>> {
    match &norm.cuts {
        Some(cuts) => cuts.iter().map(|c| Token::cut(c.start as usize, &norm.text[c.start as usize..c.end as usize], c.key, c.marks)).collect(),
        None => tokens(&norm.text),
    }
}

/// A word as [`WordCutter`] cut it: where it starts and ends in the
/// normalised text, its [`word_key`] and its letters' marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    start: u32,
    end: u32,
    key: u64,
    marks: u8,
}

/// Cuts the words of a text while it is written, a character at a time,
/// with their keys and letters: what [`tokens`] reads off the finished text
/// (the tests hold the two equal), so that the plain normalisation path,
/// which reads every character anyway, hands the words over and the text is
/// not read a second time. Each character is given with the place it is
/// written at; a character that is not a word's ends the word being cut.
#[derive(Debug, Clone)]
pub struct WordCutter {
    cuts: Vec<Cut>,
    /// Whether a word is being cut, and from where, its key so far and marks.
    open: bool,
    start: usize,
    key: Fnv,
    marks: u8,
    /// Set when the text was taken back into a word being cut (never on
    /// the plain path, where a word taken back to be folded starts after a
    /// character that is not a word's): [`WordCutter::finish`] then gives
    /// nothing and the words are read off the text.
    spoiled: bool,
}

impl WordCutter {
    /// For a text of about `len` bytes.
    pub fn with_capacity(len: usize) -> WordCutter {
        WordCutter { cuts: Vec::with_capacity(len / 6), open: false, start: 0, key: Fnv(0), marks: 0, spoiled: false }
    }

    /// A word character written at `at`, with its marks: the word goes on,
    /// or starts there.
    #[inline(always)]
    fn go_on(&mut self, at: usize, marks: u8) {
        if !self.open {
            (self.open, self.start, self.key, self.marks) = (true, at, Fnv::new(NS_UNIGRAM).byte(0x1f), 0);
        }
        self.marks |= marks;
    }

    /// A character of U+0400..U+04FF written at `at`, as its two bytes.
    #[inline(always)]
    pub fn cyrillic(&mut self, at: usize, lead: u8, second: u8) {
        let m = LETTER_MARKS[crate::chars::cyrillic_offset(lead, second)];
        if m == 0 {
            self.end(at);
            return;
        }
        self.go_on(at, m);
        self.key = self.key.byte(lead).byte(second);
    }

    /// An ASCII character written at `at`.
    #[inline(always)]
    pub fn ascii(&mut self, at: usize, b: u8) {
        if !b.is_ascii_alphanumeric() {
            self.end(at);
            return;
        }
        self.go_on(at, if b.is_ascii_alphabetic() { 0 } else { NOT_ASCII_LETTER });
        self.key = self.key.byte(b);
    }

    /// Any character written at `at`.
    #[inline]
    pub fn char(&mut self, at: usize, ch: char) {
        let mut buf = [0u8; 4];
        let bytes = ch.encode_utf8(&mut buf).as_bytes();
        match *bytes {
            [b] => self.ascii(at, b),
            [lead @ 0xd0..=0xd3, second] => self.cyrillic(at, lead, second),
            _ if crate::chars::is_alphanumeric(ch) => {
                self.go_on(at, NOT_ASCII_LETTER);
                self.key = Fnv(crate::hash::extend(self.key.0, bytes));
            }
            _ => self.end(at),
        }
    }

    /// The key and marks of the word being cut, for a loop that goes on
    /// with it to keep in registers and give back ([`WordCutter::go_on_with`]).
    /// The word must be open (the cutter is spoiled if it is not).
    #[inline(always)]
    pub fn open_word(&mut self) -> (u64, u8) {
        self.spoiled |= !self.open;
        (self.key.0, self.marks)
    }

    /// The word being cut goes on: its key and marks after the letters a
    /// loop added ([`WordCutter::open_word`]).
    #[inline(always)]
    pub fn go_on_with(&mut self, key: u64, marks: u8) {
        (self.key, self.marks) = (Fnv(key), marks);
    }

    /// A character that is no word's written at `at` (or the text's end).
    #[inline(always)]
    pub fn end(&mut self, at: usize) {
        if self.open {
            self.cuts.push(Cut { start: self.start as u32, end: at as u32, key: self.key.0, marks: self.marks });
            self.open = false;
        }
    }

    /// The text of `len` bytes is taken back to its first `at`: the words
    /// cut from there are dropped, and a word that ended at `at` (at a
    /// character taken back) goes on again.
    pub fn truncate(&mut self, at: usize, len: usize) {
        if at >= len {
            return;
        }
        if self.open {
            self.spoiled |= self.start < at;
            self.open = false;
        }
        while let Some(&c) = self.cuts.last() {
            if c.start as usize >= at {
                self.cuts.pop();
                continue;
            }
            if c.end as usize > at {
                self.spoiled = true;
            } else if c.end as usize == at {
                (self.open, self.start, self.key, self.marks) = (true, c.start as usize, Fnv(c.key), c.marks);
                self.cuts.pop();
            }
            break;
        }
    }

    /// The words of the text of `len` bytes, unless it was spoiled (or is
    /// longer than a cut's 32-bit places reach).
    pub fn finish(mut self, len: usize) -> Option<Vec<Cut>> {
        self.end(len);
        (!self.spoiled && u32::try_from(len).is_ok()).then_some(self.cuts)
    }
}

/// Where the link, @handle or e-mail address that word `t` begins ends (at
/// the next space): a link from a word that begins with `http`, or from
/// `www` before a dot (`https://t.me/x1`, `www.nur.kz/news`; normalisation
/// has folded the `www` to `w`, as any letter repeated for emphasis), and a handle
/// or an address as [`handle_end`] finds them. Their words are no text of a
/// language: the signature blanks them, and language detection does not
/// count them ("Бауырлар, мына видеоны көріңдер `https://www.youtube.com/watch`"
/// is Kazakh, not a Latin text).
#[inline]
pub fn link_end(normalized: &[u8], t: &Token) -> Option<usize> {
    // Links, handles and addresses are ASCII: a word that does not begin
    // with an ASCII letter or digit (most words) begins none of them.
    if t.text.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        ascii_link_end(normalized, t)
    } else {
        None
    }
}

/// The words of `toks`, each with whether it begins a link, handle or
/// address ([`link_end`]): that one's other words, to its end, are passed
/// over. What the signature blanks and language detection does not count.
#[inline]
pub fn words_past_links<'a, 't>(normalized: &'a [u8], toks: &'a [Token<'t>]) -> impl Iterator<Item = (&'a Token<'t>, bool)> + 'a {
    // Where the link or handle being passed over ends.
    let mut skip_to = 0;
    toks.iter().filter_map(move |t| {
        if t.start < skip_to {
            return None;
        }
        let end = link_end(normalized, t);
        if let Some(end) = end {
            skip_to = end;
        }
        Some((t, end.is_some()))
    })
}

/// [`link_end`] of a word that begins with an ASCII letter or digit (out of
/// line: few words are such).
#[inline(never)]
fn ascii_link_end(normalized: &[u8], t: &Token) -> Option<usize> {
    let link = t.text.starts_with("http") || (t.text == "w" && normalized.get(t.end()) == Some(&b'.'));
    if link {
        Some(normalized[t.start..].iter().position(|b| *b == b' ').map_or(normalized.len(), |p| t.start + p))
    } else {
        handle_end(normalized, t)
    }
}

/// Where the @handle or e-mail address that word `t` begins ends (at the
/// next space, so "@aidos_kz" and "aliya.n@mail.kz" are one each), when `t`
/// follows a handle's `@` (or underscores after it: "@_aidos") or begins the part before an address's (ASCII
/// letters, digits, `.`, `-` and `_` up to the `@`, a letter or digit just
/// before it): the only `@`s that
/// normalisation keeps (`crate::normalize`'s `starts_handle` and
/// `starts_email_domain`). The signature blanks a handle or an address, and
/// the lexicon scan does not read one ("@kazakh_news" and
/// "kazakh.tili@gov.kz" name no group).
#[inline]
pub fn handle_end(normalized: &[u8], t: &Token) -> Option<usize> {
    let rest = &normalized[t.start..];
    let address = || rest.iter().position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))).is_some_and(|p| rest[p] == b'@' && p > 0 && rest[p - 1].is_ascii_alphanumeric());
    // A handle's `@` right before the word, or before underscores before it
    // (`after_underscores_at`, out of line: this runs for every word).
    let after_at = || t.start > 0 && match normalized[t.start - 1] {
        b'@' => true,
        b'_' => after_underscores_at(normalized, t),
        _ => false,
    };
    (after_at() || address()).then(|| rest.iter().position(|b| *b == b' ').map_or(normalized.len(), |p| t.start + p))
}

/// Whether word `t`, after underscores, follows a handle's `@` ("@_aidos"):
/// only when the word is ASCII letters and digits (a lone `@` stays `@`
/// before "_казахи", which is no handle).
#[cold]
#[inline(never)]
fn after_underscores_at(normalized: &[u8], t: &Token) -> bool {
    let underscores = normalized[..t.start].iter().rev().take_while(|b| **b == b'_').count();
    underscores < t.start && normalized[t.start - underscores - 1] == b'@' && t.text.bytes().all(|b| b.is_ascii_alphanumeric())
}

const NS_UNIGRAM: u8 = b'u';
const NS_BIGRAM: u8 = b'b';
const NS_CHARS: u8 = b'c';
const NS_GROUPS: u8 = b'g';
const NS_SLUR: u8 = b's';
const NS_BIAS: u8 = b'1';
const NS_TARGET: u8 = b't';
const NS_WINDOW: u8 = b'w';
const NS_WINDOW_POS: u8 = b'p';
const NS_HOSTILE: u8 = b'h';

/// Longest word prefix (in characters) whose grams are taken.
const GRAM_CHARS: usize = 62;

/// The salt of a feature made from word keys: its namespace and a detail
/// (side and distance in the window).
const fn salt(namespace: u8, detail: u16) -> u64 {
    mix(((namespace as u64) << 16 | detail as u64) ^ 0x2545_f491_4f6c_dd1d)
}

/// The slot of a feature made from a word's key (the [`word_key`], computed
/// once per word): one mix, where hashing the word's bytes again would cost
/// a multiply per byte.
#[inline]
fn keyed(salt: u64, key: u64) -> u32 {
    (mix(key ^ salt) as u32) & (DIM as u32 - 1)
}

/// Character 3- and 4-grams of `<word>`, and 5-grams in a Kazakh text: a
/// character is at most 21 bits, so three pack into one 64-bit key (a fourth
/// and a fifth are mixed in), hashed once a gram. A Kazakh text's grams
/// (`kazakh`) go to slots of their own (see [`read_as`]).
fn char_grams(word: &str, kazakh: bool, sink: &mut impl Sink) {
    let mut chars = [0u64; GRAM_CHARS + 2];
    chars[0] = '<' as u64;
    let mut n = 1;
    for c in word.chars().take(GRAM_CHARS) {
        chars[n] = c as u64;
        n += 1;
    }
    chars[n] = '>' as u64;
    n += 1;
    let salt = (NS_CHARS as u64) << 56;
    // Multiply-shift hashing (the top bits of an odd multiple): one multiply a
    // gram, where a full mix costs three.
    // Another multiplier for a Kazakh text's grams: slots of their own.
    let multiplier = if kazakh { 0xD6E8_FEB8_6659_FD93u64 } else { 0x9E37_79B9_7F4A_7C15 };
    let mut gram = |key: u64| sink.slot((key.wrapping_mul(multiplier) >> (64 - BITS)) as u32);
    for s in 0..n.saturating_sub(2) {
        let three = (chars[s] << 42) | (chars[s + 1] << 21) | chars[s + 2];
        gram(three ^ salt);
        if s + 3 < n {
            let four = three.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ chars[s + 3];
            gram(four ^ (salt >> 1));
            // Five letters only in Kazakh (see `read_as`).
            if s + 4 < n && kazakh {
                gram(four.wrapping_mul(0xFF51_AFD7_ED55_8CCD) ^ chars[s + 4] ^ (salt >> 2));
            }
        }
    }
}

/// The text part: what the whole text says, whoever it is about.
/// `toks` are the [`tokens`] of the normalised text.
pub fn text_features(toks: &[Token], mentions: &[Mention]) -> Features {
    let mut bag = Bag { slots: Vec::with_capacity(toks.len() * 16), words: Vec::with_capacity(toks.len()) };
    text_part(toks, mentions, &mut bag);
    bag.finish(false)
}

/// The text part's features, into `sink`.
pub fn text_part(toks: &[Token], mentions: &[Mention], sink: &mut impl Sink) {
    sink.text_words(toks);
    // Each pair of neighbouring words (each word's key read once).
    let mut keys = toks.iter().map(Token::feature_key);
    if let Some(mut before) = keys.next() {
        for key in keys {
            sink.slot(keyed(salt(NS_BIGRAM, 0), pair(before, key)));
            before = key;
        }
    }
    let mut distinct = 0usize;
    for (i, m) in mentions.iter().enumerate() {
        if !mentions[..i].iter().any(|o| same(o.group, m.group)) {
            distinct += 1;
        }
        if m.slur {
            add(sink, Fnv::new(NS_SLUR));
            add(sink, Fnv::new(NS_SLUR).part(m.group.as_bytes()));
        }
    }
    add(sink, Fnv::new(NS_GROUPS).byte(distinct.min(4) as u8));
    add(sink, Fnv::new(NS_BIAS));
}

fn distance_bucket(d: usize) -> u8 {
    match d {
        0 => 0,
        1 => 1,
        2 | 3 => 2,
        _ => 4,
    }
}

/// The salt of a side (left, right) and distance bucket in a window
/// ([`distance_bucket`]: 0, 1, 2, 4; 3 is not one), computed once: where a
/// word of enmity stands from the mention.
const POSITIONS: [[u64; 5]; 2] = {
    let mut t = [[0u64; 5]; 2];
    let sides = [b'l', b'r'];
    let mut s = 0;
    while s < 2 {
        let mut d = 0;
        while d < 5 {
            t[s][d] = salt(NS_WINDOW_POS, u16::from_be_bytes([sides[s], d as u8]));
            d += 1;
        }
        s += 1;
    }
    t
};

/// The slot of a word (of feature key `key`) in a target's window: it
/// depends on the word alone, so a scorer may remember its row with the
/// word's other shares ([`Sink::window_unigram`]).
#[inline]
pub fn window_slot(key: u64) -> u32 {
    keyed(salt(NS_WINDOW, 0), key)
}

/// Words on each side of a mention that the target part looks at.
const WINDOW: usize = 6;

/// The window of mention `m`, as word indices: `WINDOW` words before it
/// (`from..left_end`) and after it (`right_start..to`). The word the
/// mention starts at, between the two, is not in it; where no word read
/// starts there (an English text reads its glossary's words alone,
/// [`model_reads`]: not "uzbeks"), the two sides meet where it would be.
#[derive(Clone, Copy)]
struct Window {
    from: usize,
    left_end: usize,
    right_start: usize,
    to: usize,
}

impl Window {
    #[inline]
    fn of(toks: &[Token], m: &Mention) -> Window {
        let (left_end, right_start) = match toks.binary_search_by_key(&m.norm_start, |t| t.start) {
            Ok(at) => (at, at + 1),
            Err(at) => (at, at),
        };
        Window { from: left_end.saturating_sub(WINDOW), left_end, right_start, to: (right_start + WINDOW).min(toks.len()) }
    }

    /// The window's words: index, and whether it stands after the mention.
    #[inline]
    fn words(self) -> impl Iterator<Item = (usize, bool)> {
        (self.from..self.left_end).map(|k| (k, false)).chain((self.right_start..self.to).map(|k| (k, true)))
    }

    /// How many words stand between word `k` of the window and the mention.
    #[inline]
    fn distance(self, k: usize) -> usize {
        if k < self.left_end {
            self.left_end - 1 - k
        } else {
            k - self.right_start
        }
    }
}

/// How many words of enmity ([`Token::hostile`]) stand in the window of
/// mention `m`, where the target part reads its words (not the word the
/// mention starts at). For the attitude's second stage.
pub fn hostile_near(toks: &[Token], m: &Mention) -> usize {
    Window::of(toks, m).words().filter(|&(k, _)| toks[k].hostile.is_some()).count()
}

/// The target part: how the text speaks of `group` (whose mentions are those
/// of `mentions` with that id; none when the text only implies the group).
pub fn target_features(toks: &[Token], mentions: &[Mention], group: Option<&str>) -> Features {
    let mut bag = Bag::default();
    target_part(toks, mentions, group, &mut bag);
    bag.finish(true)
}

/// Whether mention `m` is of `group`.
#[inline]
fn is(m: &Mention, group: Option<&str>) -> bool {
    group.is_some_and(|g| same(m.group, g))
}

/// The target part's features, into `sink`.
pub fn target_part(toks: &[Token], mentions: &[Mention], group: Option<&str>, sink: &mut impl Sink) {
    // Mentions come in text order; `k` is each one's place among them.
    let mine = || mentions.iter().enumerate().filter(|(_, m)| is(m, group));
    if mine().next().is_none() {
        add(sink, Fnv::new(NS_TARGET).part(b"absent"));
    }
    // Who the group is: texts speak of some groups more harshly than of others.
    if let Some(g) = group {
        add(sink, Fnv::new(NS_TARGET).part(b"group").part(g.as_bytes()));
    }
    let others = mentions.iter().filter(|m| !is(m, group)).count();
    add(sink, Fnv::new(NS_TARGET).part(b"others").byte(others.min(3) as u8));
    for (k, m) in mine() {
        if m.slur {
            add(sink, Fnv::new(NS_TARGET).part(b"slur"));
        }
        let window = Window::of(toks, m);
        // Each word alone: its side and distance, and the pairs of words in
        // the window, were features too until 2026-12-07 and added nothing
        // (docs/text-engine.md, "The window's words alone").
        for (k, after) in window.words() {
            let tok = &toks[k];
            if let Some(vector) = tok.vector_key() {
                sink.window_word(k, vector);
            }
            sink.window_unigram(k, window_slot(tok.feature_key()));
            if let Some(bridge) = tok.bridged_too() {
                sink.slot(window_slot(bridge));
            }
            if let Some(kind) = tok.hostile {
                let position = POSITIONS[usize::from(after)][distance_bucket(window.distance(k)) as usize];
                sink.slot(keyed(salt(NS_HOSTILE, 1), kind as u64));
                sink.slot(keyed(position ^ salt(NS_HOSTILE, 2), kind as u64));
            }
        }
        // Another group right beside this one ("казахи и русские") reads as together.
        // (Only the nearest mentions can stand that close: a linear look per mention.)
        let near = &mentions[k.saturating_sub(2)..(k + 3).min(mentions.len())];
        if near.iter().any(|o| !is(o, group) && (o.norm_start.abs_diff(m.norm_end) < 6 || m.norm_start.abs_diff(o.norm_end) < 6)) {
            add(sink, Fnv::new(NS_TARGET).part(b"paired"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{groups, normalize};

    fn unit(f: &Features) -> bool {
        (f.val.iter().map(|v| v * v).sum::<f32>() - 1.0).abs() < 1e-4 && f.idx.len() == f.val.len()
    }

    #[test]
    fn features_are_deterministic_unit_length_and_target_aware() {
        let n = normalize("Казахи и русские вместе провели праздник");
        let m = groups::find(&n);
        let t = tokens(&n.text);
        let a = target_features(&t, &m, Some("kazakh"));
        assert_eq!(a, target_features(&t, &m, Some("kazakh")));
        assert!(unit(&a) && unit(&text_features(&t, &m)));
        assert_ne!(a, target_features(&t, &m, Some("russian")), "the window differs per target");
    }

    #[test]
    fn character_grams_cover_long_and_short_words() {
        for w in ["я", "ол", "казахи", &"а".repeat(200), "ﬁ"] {
            let chars = w.chars().count().min(GRAM_CHARS) + 2;
            let (three_four, five) = (chars.saturating_sub(2) + chars.saturating_sub(3), chars.saturating_sub(4));
            for (kazakh, slots) in [(false, three_four), (true, three_four + five)] {
                let mut bag = Bag::default();
                char_grams(w, kazakh, &mut bag);
                assert_eq!(bag.slots.len(), slots, "{w}");
            }
        }
        let word = "ә".repeat(200);
        let mut bag = Bag::default();
        word_slots(&tokens(&word)[0], &mut bag);
        assert!(bag.slots.len() <= MAX_WORD_SLOTS);
        // A bridged word of a Kazakh text has its Russian word's unigram too.
        let word = format!("шошқа{}", "ә".repeat(200));
        let mut long = tokens(&word);
        read_as(&mut long, crate::lang::Lang::Kk);
        assert_ne!(long[0].bridge, 0);
        let mut bag = Bag::default();
        word_slots(&long[0], &mut bag);
        assert_eq!(bag.slots.len(), MAX_WORD_SLOTS, "the longest bridged word fills the bound exactly");
    }

    #[test]
    fn a_kazakh_text_has_features_of_its_own_but_its_lexicon_signals_and_word_keys_stay() {
        let n = normalize("орыстар мен қазақтар бірге тойлады");
        let m = groups::find(&n);
        let plain = tokens(&n.text);
        let mut kazakh = plain.clone();
        read_as(&mut kazakh, crate::lang::Lang::Kk);
        assert!(kazakh.iter().zip(&plain).all(|(k, p)| k.key == p.key && k.feature_key() != p.feature_key()), "identity stays (signature, language), features move");
        let (a, b) = (text_features(&plain, &m), text_features(&kazakh, &m));
        let lexicon = text_features(&[], &m);
        assert!(!lexicon.idx.is_empty() && lexicon.idx.iter().all(|i| a.idx.contains(i) && b.idx.contains(i)), "groups and slurs read alike");
        let shared = a.idx.iter().filter(|i| b.idx.contains(i)).count();
        assert!(shared < lexicon.idx.len() + 3, "the words' features are Kazakh only (shared {shared}; slots may collide)");
        assert!(b.idx.len() > a.idx.len(), "with 5-grams");
        let mut back = kazakh.clone();
        read_as(&mut back, crate::lang::Lang::Mixed);
        assert_eq!(text_features(&back, &m), a, "a mixed text is read the shared way");
    }

    #[test]
    fn the_words_cut_while_a_text_is_written_are_the_words_read_off_it() {
        let write = |cutter: &mut WordCutter, text: &mut String, part: &str| {
            for ch in part.chars() {
                cutter.char(text.len(), ch);
                text.push(ch);
            }
        };
        let read = |text: &str, cuts: Vec<Cut>| -> Vec<(String, u64)> { cuts.iter().map(|c| (text[c.start as usize..c.end as usize].to_string(), c.key)).collect() };
        let want = |text: &str| -> Vec<(String, u64)> { tokens(text).iter().map(|t| (t.text.to_string(), t.key)).collect() };
        // Taken back at a character that is no word's: the word before it goes on.
        let (mut cutter, mut text) = (WordCutter::with_capacity(16), String::new());
        write(&mut cutter, &mut text, "қазақ'тар, 2021");
        cutter.truncate(10, text.len());
        text.truncate(10);
        write(&mut cutter, &mut text, "тар men");
        let cuts = cutter.finish(text.len()).expect("not spoiled");
        assert_eq!(text, "қазақтар men");
        assert_eq!(read(&text, cuts), want(&text));
        // Taken back into a word: given up (the words are then read off the text).
        let (mut cutter, mut text) = (WordCutter::with_capacity(16), String::new());
        write(&mut cutter, &mut text, "казахи");
        cutter.truncate(4, text.len());
        assert!(cutter.finish(4).is_none());
        // Normalisation's plain path hands over the words of what it wrote,
        // folded words and words with apostrophes among them.
        for text in ["Don't p0ccия, оооочень k@з@хи Aynurə бəрі", "«Казахи» и ҚАЗАҚТАР — 2021г.\nКавказцев", "ка\u{feff}зах @User info@mail.kz ❤ &#1082;"] {
            let n = crate::normalize::normalize(text);
            assert!(n.cuts.is_some(), "{text} goes the plain way");
            assert_eq!(tokens_of(&n), tokens(&n.text), "{text}");
        }
    }

    #[test]
    fn tokens_read_off_the_bytes_are_the_runs_of_letters_and_digits_with_their_keys_and_letters() {
        let reference = |norm: &str| -> Vec<(usize, String)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in norm.char_indices().chain([(norm.len(), ' ')]) {
                match (c.is_alphanumeric() && i < norm.len(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push((s, norm[s..i].to_string()));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        let every: String = ('\u{0}'..='\u{52f}').chain(['ä', '€', '😀', '中', '\u{301}']).collect();
        for text in [every.as_str(), "казахи, 2021 год — қазақтар men orystar҂ѓ҈x", "", "a", "конец. ", "!?", " —a"] {
            let toks = tokens(text);
            let got: Vec<(usize, String)> = toks.iter().map(|t| (t.start, t.text.to_string())).collect();
            assert_eq!(got, reference(text), "{text}");
            for t in toks {
                assert_eq!((t.key, t.letters), (word_key(t.text), Letters::of(t.text.as_bytes())), "{}", t.text);
            }
        }
    }

    #[test]
    fn the_text_mean_vector_is_drawn_in_by_the_prior_and_the_window_mean_is_not() {
        let vectors = Embeddings::builtin();
        let word = tokens("спасибо")[0].key;
        let whole = vectors.vector(word).expect("a frequent word has a vector");
        let f = Features { idx: vec![], val: vec![], text_words: vec![word], window_words: vec![word] };
        let d = with_word_vectors(&f, vectors);
        let at = |from: usize| -> Vec<f32> {
            let mut v = vec![0.0; EMBEDDING_DIM];
            for (i, x) in d.idx.iter().zip(&d.val).filter(|(i, _)| (from..from + EMBEDDING_DIM).contains(&(**i as usize))) {
                v[*i as usize - from] = *x;
            }
            v
        };
        let (text, window) = (at(TEXT_VECTOR), at(WINDOW_VECTOR));
        for j in 0..EMBEDDING_DIM {
            assert!((text[j] - whole[j] * VECTOR_WEIGHT / (1.0 + TEXT_VECTOR_PRIOR)).abs() < 1e-5, "one word's text mean is a third of its vector");
            assert!((window[j] - whole[j] * VECTOR_WEIGHT).abs() < 1e-5, "the window's mean is the word's vector");
        }
        // Many words: the prior weighs little.
        let many = Features { text_words: vec![word; 98], ..Features::default() };
        let d = with_word_vectors(&many, vectors);
        assert!((d.val[0] - whole[d.idx[0] as usize - TEXT_VECTOR] * 98.0 / 100.0).abs() < 1e-5);
    }

    #[test]
    fn sum_keeps_both_parts() {
        let a = Features { idx: vec![1, 5], val: vec![1.0, 2.0], text_words: vec![7], window_words: vec![] };
        let b = Features { idx: vec![5], val: vec![4.0], text_words: vec![], window_words: vec![9] };
        assert_eq!(Features::sum(&a, &b), Features { idx: vec![1, 5, 5], val: vec![1.0, 2.0, 4.0], text_words: vec![7], window_words: vec![9] });
    }
}
