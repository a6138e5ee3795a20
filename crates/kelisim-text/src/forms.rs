//! A table of normalised word forms, each matched as a whole word or as the
//! beginning of one (its endings follow), with a value: the shape of the
//! Kazakh bridge ([`crate::bridge`]) and of the words of enmity
//! ([`crate::hostile_words`]).
//!
//! Forms are found by their first four bytes (two Cyrillic letters: every
//! form has them): a bit for them first, which most words do not have, then
//! one binary search over a few hundred numbers.

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
    /// Bit [`head_bit`] set for every form's first four bytes: a word
    /// without its bit begins no form, and needs no search (every word of a
    /// Kazakh text is looked up in the bridge).
    heads: [u64; HEAD_BITS / 64],
}

/// Bits of [`Forms::heads`].
const HEAD_BITS: usize = 1 << 12;

/// The bit of a word's first four bytes, by a multiply-shift hash.
#[inline]
fn head_bit(head: u32) -> usize {
    (head.wrapping_mul(0x9E37_79B1) >> (32 - HEAD_BITS.trailing_zeros())) as usize
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
        let mut heads = [0u64; HEAD_BITS / 64];
        for e in &entries {
            let bit = head_bit(e.0);
            heads[bit / 64] |= 1 << (bit % 64);
        }
        Forms { entries, heads }
    }

    /// The value of the first form that `word` (normalised) is or begins with.
    pub fn get(&self, word: &str) -> Option<V> {
        let h = head(word)?;
        let bit = head_bit(h);
        if self.heads[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
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
