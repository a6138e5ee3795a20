//! A table of normalised word forms, each matched as a whole word or as the
//! beginning of one (its endings follow), with a value: the shape of the
//! Kazakh bridge ([`crate::bridge`]) and of the words of enmity
//! ([`crate::hostile_words`]).
//!
//! Forms are found by their first four bytes (two Cyrillic letters: every
//! form has them) with a binary search over a few hundred numbers. Before
//! it, a bit for the first bytes every form of the table has (up to eight:
//! the words of enmity have three letters, six bytes; the bridge has "ит",
//! four) says whether some form may begin so: most words cost one bit read.
//! Every word of a Russian text is looked up in the words of enmity and
//! every word of a Kazakh text in the bridge (2026-12-06: the binary search
//! for every word cost 4.9 % of the engine's instructions over the bench
//! texts, the bit first 1.6 %; 2026-12-07, the bridge's bit: −1.0 %).

/// How a form is matched: the whole word, or its beginning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    Word,
    Prefix,
}

/// The forms, by their first four bytes.
pub struct Forms<V> {
    /// (first four bytes, form, how it matches, value), sorted by the bytes;
    /// forms that share them keep the order they were given in.
    entries: Vec<(u32, String, Match, V)>,
    /// How many first bytes [`Forms::starts`] is keyed by: the shortest
    /// form's length, at most eight.
    start_len: usize,
    /// Bit [`start_bit`] set for every form's first `start_len` bytes.
    starts: Vec<u64>,
}

/// Bits of [`Forms::starts`] (4 KiB).
const START_BITS: u32 = 15;

/// The bit of a word's first `len` bytes, by a multiply-shift hash; none for
/// a shorter word.
#[inline]
fn start_bit(word: &str, len: usize) -> Option<usize> {
    let b = word.as_bytes();
    let key = match b.get(..8) {
        // Most words: eight bytes read at once, the rest masked off.
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")) & (u64::MAX >> (64 - 8 * len)),
        None => b.get(..len)?.iter().rev().fold(0u64, |k, x| (k << 8) | u64::from(*x)),
    };
    Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - START_BITS)) as usize)
}

/// A word's first four bytes, as a number; none for a shorter word.
fn head(word: &str) -> Option<u32> {
    word.as_bytes().get(..4).map(|b| u32::from_be_bytes(b.try_into().expect("four bytes")))
}

impl<V: Copy> Forms<V> {
    /// The table of `forms` (normalised); a form given twice keeps its first
    /// value. Panics on a form shorter than four bytes (a list's mistake).
    pub fn new(forms: impl IntoIterator<Item = (String, Match, V)>) -> Forms<V> {
        let mut entries: Vec<(u32, String, Match, V)> = Vec::new();
        for (form, how, value) in forms {
            let h = head(&form).unwrap_or_else(|| panic!("form {form:?} is shorter than two letters"));
            if !entries.iter().any(|e| e.1 == form) {
                entries.push((h, form, how, value));
            }
        }
        entries.sort_by_key(|e| e.0);
        let start_len = entries.iter().map(|e| e.1.len()).min().unwrap_or(4).min(8);
        let mut starts = vec![0u64; (1 << START_BITS) / 64];
        for e in &entries {
            let bit = start_bit(&e.1, start_len).expect("every form is as long");
            starts[bit / 64] |= 1 << (bit % 64);
        }
        Forms { entries, start_len, starts }
    }

    /// The value of the first form that `word` (normalised) is or begins with.
    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        let bit = start_bit(word, self.start_len)?;
        if self.starts[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.find(word)
    }

    /// [`Forms::get`] past the first bit, kept out of line: inlined into
    /// `features::read_as`'s loop over every word, the search cost 3M more
    /// instructions a warm pass over the bench texts (539.7M against 536.6M).
    #[inline(never)]
    fn find(&self, word: &str) -> Option<V> {
        let h = head(word)?;
        let from = self.entries.partition_point(|e| e.0 < h);
        self.entries[from..]
            .iter()
            .take_while(|e| e.0 == h)
            .find(|e| match e.2 {
                Match::Word => word == e.1,
                Match::Prefix => word.starts_with(e.1.as_str()),
            })
            .map(|e| e.3)
    }

    /// The forms (patterns of the engine's lexicons).
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.1.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_matches_a_whole_form_or_begins_with_a_prefix_and_the_first_value_given_stays() {
        let forms = Forms::new([("ит".to_string(), Match::Word, 1), ("иттер".to_string(), Match::Prefix, 2), ("ит".to_string(), Match::Word, 3), ("шошқа".to_string(), Match::Prefix, 4)]);
        assert_eq!([forms.get("ит"), forms.get("иттерді"), forms.get("итальян"), forms.get("шошқалар"), forms.get("и"), forms.get("шош")], [Some(1), Some(2), None, Some(4), None, None]);
        assert_eq!(forms.forms().count(), 3);
        // A word whose first two letters begin no form ends at their bit.
        assert_eq!([forms.get("қазақтар"), forms.get("ата")], [None, None]);
    }
}
