//! Pretrained Russian word vectors: what the words mean beyond the few
//! thousand annotated texts the model learns from.
//!
//! The vectors are navec's news embeddings (Kukushkin, the Natasha project,
//! MIT licence: `embeddings/LICENSE.navec`), 300 dimensions, kept for the
//! 100,000 most frequent Russian words in navec's own product-quantised form
//! (100 bytes a word). `embeddings/make_navec.py` says how the file was made.
//!
//! They serve **training**: a text's mean word vector and the mean vector of
//! the words around a group's mentions are dense features beside the hashed
//! ones. The model is linear, so a trained model does not need the vectors
//! at all: each word's share of the score (its vector times the learned
//! weights) is computed once per word when the model is built and stored in
//! the model (`model::Vocabulary`); analysis then looks a word up once.
//!
//! File format (`.kemb`), little-endian: magic `KELISIM-EMBEDDINGS/1\n`,
//! `u32` dimensions, `u32` sub-vectors, `u32` centroids, the codebook
//! (`f32`, sub-vector × centroid × sub-dimension), `u32` word count, the
//! words (`u8` length + UTF-8 each, most frequent first), the codes (one byte
//! per sub-vector per word), a closing `u64` FNV-1a checksum.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::features::tokens;
use crate::file::Reader;
use crate::model::ModelError;
use crate::normalize::normalize;

/// Dimensions of a word vector.
pub const EMBEDDING_DIM: usize = 300;

const MAGIC: &[u8] = b"KELISIM-EMBEDDINGS/1\n";

pub struct Embeddings {
    subvectors: usize,
    centroids: usize,
    /// `subvectors × centroids × sub_dim`.
    codebook: Vec<f32>,
    /// Word key (see [`word_key`]) → word number.
    index: HashMap<u64, u32>,
    /// Word number → its key (0: not one token once normalised), most frequent first.
    keys: Vec<u64>,
    /// `words × subvectors`.
    codes: Vec<u8>,
}

impl std::fmt::Debug for Embeddings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Embeddings({} words)", self.keys.len())
    }
}

impl Embeddings {
    pub fn from_bytes(bytes: &[u8]) -> Result<Embeddings, ModelError> {
        let err = |m: &str| ModelError(format!("word vectors: {m}"));
        let mut r = Reader::open(bytes, MAGIC, "word-vector").map_err(|m| err(&m))?;
        let u32_at = |r: &mut Reader, what: &str| r.u32(what).map(|v| v as usize).map_err(|m| err(&m));
        let (dim, subvectors, centroids) = (u32_at(&mut r, "shape")?, u32_at(&mut r, "shape")?, u32_at(&mut r, "shape")?);
        if dim != EMBEDDING_DIM || subvectors == 0 || dim % subvectors != 0 || centroids != 256 {
            return Err(err("the vectors have another shape than the engine's (300 dimensions, byte codes)"));
        }
        let codebook = r.take(subvectors * centroids * (dim / subvectors) * 4, "codebook").map_err(|m| err(&m))?.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
        let count = u32_at(&mut r, "words")?;
        let mut keys = Vec::with_capacity(count);
        let mut index = HashMap::with_capacity(count);
        for n in 0..count {
            let len = r.take(1, "words").map_err(|m| err(&m))?[0] as usize;
            let word = std::str::from_utf8(r.take(len, "words").map_err(|m| err(&m))?).map_err(|_| err("a word is not UTF-8"))?;
            // The key of the word as the engine will meet it: normalised, one token.
            let norm = normalize(word);
            let toks = tokens(&norm.text);
            let key = match toks.as_slice() {
                [t] => t.key,
                _ => 0,
            };
            if key != 0 {
                index.entry(key).or_insert(n as u32);
            }
            keys.push(key);
        }
        let codes = r.take(count * subvectors, "codes").map_err(|m| err(&m))?.to_vec();
        if !r.rest().is_empty() {
            return Err(err("the file has bytes after the codes"));
        }
        Ok(Embeddings { subvectors, centroids, codebook, index, keys, codes })
    }

    /// The vectors built into the binary.
    pub fn builtin() -> &'static Embeddings {
        static E: OnceLock<Embeddings> = OnceLock::new();
        E.get_or_init(|| Embeddings::from_bytes(include_bytes!("../embeddings/ru-navec-news-100k.kemb")).expect("the built-in word vectors are valid"))
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds word number `n`'s vector to `out`.
    fn add_vector(&self, n: usize, out: &mut [f32]) {
        let sub = EMBEDDING_DIM / self.subvectors;
        for (q, code) in self.codes[n * self.subvectors..(n + 1) * self.subvectors].iter().enumerate() {
            let c = &self.codebook[(q * self.centroids + *code as usize) * sub..][..sub];
            for (o, v) in out[q * sub..(q + 1) * sub].iter_mut().zip(c) {
                *o += v;
            }
        }
    }

    /// The vector of the word with key `key`, if it is known.
    pub fn vector(&self, key: u64) -> Option<Vec<f32>> {
        let n = *self.index.get(&key)? as usize;
        let mut out = vec![0.0; EMBEDDING_DIM];
        self.add_vector(n, &mut out);
        Some(out)
    }

    /// The sum of the known words' vectors among `keys` over their count
    /// plus `prior` (zero when none is known): with `prior` 0 their mean, else
    /// their mean drawn toward zero as if `prior` more words of no meaning
    /// stood beside them (see [`crate::features::TEXT_VECTOR_PRIOR`]).
    pub fn shrunk_mean(&self, keys: &[u64], prior: f32) -> Vec<f32> {
        let mut out = vec![0.0; EMBEDDING_DIM];
        let mut found = 0usize;
        for key in keys {
            if let Some(n) = self.index.get(key) {
                self.add_vector(*n as usize, &mut out);
                found += 1;
            }
        }
        if found > 0 {
            out.iter_mut().for_each(|v| *v /= found as f32 + prior);
        }
        out
    }

    /// Every distinct known word: its key and vector (for building a model's
    /// vocabulary).
    pub fn each(&self) -> impl Iterator<Item = (u64, Vec<f32>)> + '_ {
        self.keys.iter().enumerate().filter(|(n, key)| **key != 0 && self.index.get(*key) == Some(&(*n as u32))).map(|(n, key)| {
            let mut v = vec![0.0; EMBEDDING_DIM];
            self.add_vector(n, &mut v);
            (*key, v)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::word_key;

    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let n = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        dot / (n(a) * n(b))
    }

    #[test]
    fn the_builtin_vectors_know_russian_words_in_the_engines_spelling() {
        let e = Embeddings::builtin();
        assert!(e.len() >= 100_000 - 10, "{}", e.len());
        let v = |w: &str| e.vector(word_key(w)).unwrap_or_else(|| panic!("{w} is known"));
        // Related words lie closer than unrelated ones.
        assert!(cosine(&v("казахи"), &v("узбеки")) > cosine(&v("казахи"), &v("телефон")) + 0.2);
        // 'ё' is folded by the engine, and the vectors follow.
        assert!(e.vector(word_key("еще")).is_some());
        assert!(e.vector(word_key("qwxz")).is_none());
        assert_eq!(e.shrunk_mean(&[word_key("qwxz")], 2.0), vec![0.0; EMBEDDING_DIM]);
    }

    #[test]
    fn damaged_vectors_are_refused_by_name() {
        let bytes = include_bytes!("../embeddings/ru-navec-news-100k.kemb");
        let mut damaged = bytes[..4096].to_vec();
        damaged.extend_from_slice(&[0; 8]);
        assert!(Embeddings::from_bytes(&damaged).unwrap_err().0.contains("checksum"));
        assert!(Embeddings::from_bytes(b"KELISIM-TEXT-MODEL/1\n........").unwrap_err().0.contains("header"));
    }
}
