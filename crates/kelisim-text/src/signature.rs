//! Near-duplicate signature: a 64-bit SimHash of the normalised text, so that
//! the monitoring layer can group near-identical texts posted by many
//! accounts (coordinated campaigns). Texts that differ by a few words differ
//! in a few bits; unrelated texts in about half of them.
//!
//! Features are word pairs (shingles) of the normalised text's words (its
//! [`tokens`], whose keys are computed once for every stage) with numbers,
//! links and @handles blanked, so that a campaign that varies only those
//! stays together; a one-word text uses its character trigrams. The hashes
//! are [`crate::hash`]'s: stable across platforms and versions.

use crate::features::{tokens, words_past_links, Token};
use crate::hash::{fnv1a, mix, pair};

/// The key that stands for a number, a link or a handle.
const BLANK: u64 = 0x5bd1_e995_0000_0001;

/// The salt of a word pair's hash.
const PAIR_SALT: u64 = 0x27d4_eb2f_1656_67c5;

/// The keys of the words that carry the text, in order, to `each` (with the
/// word): a number, a link, an @handle and an e-mail address (to the next
/// space, [`crate::features::link_end`]) each become one [`BLANK`].
fn word_keys<'t>(normalized: &str, toks: &[Token<'t>], mut each: impl FnMut(u64, &Token<'t>)) {
    for (t, link) in words_past_links(normalized.as_bytes(), toks) {
        if link || t.text.bytes().all(|b| b.is_ascii_digit()) {
            each(BLANK, t);
        } else {
            each(t.key, t);
        }
    }
}

/// Byte `b` spread over eight byte lanes: lane `i` holds bit `i` of `b`.
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            t[b] |= (((b >> i) & 1) as u64) << (8 * i);
            i += 1;
        }
        b += 1;
    }
    t
};

/// How many of the added hashes have each bit set, counted eight bits to a
/// word (byte lanes, emptied into the totals before they can overflow).
struct BitVotes {
    lanes: [u64; 8],
    pending: u32,
    ones: [u32; 64],
    total: u32,
}

impl BitVotes {
    fn new() -> BitVotes {
        BitVotes { lanes: [0; 8], pending: 0, ones: [0; 64], total: 0 }
    }

    #[inline]
    fn add(&mut self, h: u64) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[((h >> (8 * k)) & 0xff) as usize];
        }
        self.pending += 1;
        self.total += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            for i in 0..8 {
                self.ones[8 * k + i] += ((*lane >> (8 * i)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Bit `b` set where more than half of the hashes have it.
    fn majority(mut self) -> u64 {
        self.flush();
        self.ones.iter().enumerate().fold(0u64, |acc, (bit, ones)| if ones * 2 > self.total { acc | (1 << bit) } else { acc })
    }
}

/// The SimHash of a normalised text.
pub fn simhash(normalized: &str) -> u64 {
    simhash_words(normalized, &tokens(normalized))
}

/// The SimHash of a normalised text from its [`tokens`].
pub fn simhash_words(normalized: &str, toks: &[Token]) -> u64 {
    let mut votes = BitVotes::new();
    // Each word pair as it comes; the first word kept for a one-word text.
    let (mut count, mut prev, mut first) = (0usize, 0u64, None);
    word_keys(normalized, toks, |key, t| {
        if count == 0 {
            first = Some(if key == BLANK { "#" } else { t.text });
        } else {
            votes.add(mix(pair(prev, key) ^ PAIR_SALT));
        }
        (count, prev) = (count + 1, key);
    });
    match (count, first) {
        (1, Some(word)) => {
            // One word: its character trigrams (a word alone, however spelt).
            let chars: Vec<char> = word.chars().collect();
            for tri in chars.windows(3.min(chars.len())) {
                votes.add(fnv1a(tri.iter().collect::<String>().as_bytes()));
            }
        }
        (0, _) => return 0,
        _ => {}
    }
    votes.majority()
}

/// The signature as the `analyze` output carries it: 16 hex digits.
pub fn signature(normalized: &str) -> String {
    format!("{:016x}", simhash(normalized))
}

/// Bits in which two signatures differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_votes_count_as_the_plain_per_bit_sum() {
        let mut state = 1u64;
        for n in [1usize, 2, 3, 254, 255, 256, 511, 1000] {
            let mut votes = BitVotes::new();
            let mut weights = [0i32; 64];
            for _ in 0..n {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let h = state ^ (state >> 29);
                votes.add(h);
                for (bit, w) in weights.iter_mut().enumerate() {
                    *w += ((h >> bit) & 1) as i32 * 2 - 1;
                }
            }
            let want = weights.iter().enumerate().fold(0u64, |acc, (bit, w)| if *w > 0 { acc | (1 << bit) } else { acc });
            assert_eq!(votes.majority(), want, "{n} hashes");
        }
    }
    use crate::normalize;

    fn h(s: &str) -> u64 {
        simhash(&normalize(s).text)
    }

    #[test]
    fn near_identical_texts_are_close_and_others_far() {
        let a = h("Все на митинг в Жанаозене завтра в 10 утра, не молчите, поддержите наших! https://t.me/x1");
        let b = h("Все на митинг в Жанаозене завтра в 11 утра, не молчите, поддержите наших!! https://t.me/y2");
        let c = h("ВСЕ НА МИТИНГ в Жанаозене завтра в 10 утра, не молчите, поддержите всех наших!");
        let other = h("Сегодня в Доме дружбы прошёл концерт творческих коллективов этнокультурных объединений");
        assert!(distance(a, b) <= 3, "numbers and links do not matter: {}", distance(a, b));
        assert!(distance(a, c) <= 16, "one word added: {}", distance(a, c));
        assert!(distance(a, other) >= 20, "unrelated: {}", distance(a, other));
        assert_eq!(signature("x").len(), 16);
        assert_eq!(h("Один и тот же текст"), h("один  и тот же ТЕКСТ"), "normalisation first");
        // A link without `http` blanks too (its `www` folded to `w` by normalisation).
        let d = h("Все на митинг в Жанаозене завтра, не молчите, поддержите наших! www.nur.kz/news/q1-abc-dfg-hij");
        let e = h("Все на митинг в Жанаозене завтра, не молчите, поддержите наших! www.tengrinews.kz/kazakhstan/x9-opq-rst");
        assert_eq!(d, e, "links differing in every word read as one");
    }

    #[test]
    fn a_campaign_that_varies_only_its_handles_keeps_one_signature() {
        // Before handles kept their `@`, "@aidos_kz" read as the word
        // "aaidos" and these differed in 9 to 18 bits (3 make near-duplicates).
        let texts = ["@aidos_kz казахи понаехали, гнать их всех", "@Marat77 казахи понаехали, гнать их всех", "@qwerty казахи понаехали, гнать их всех"];
        let first = h(texts[0]);
        for t in texts {
            assert_eq!(h(t), first, "{t}");
        }
        assert_eq!(h("казахи понаехали, гнать их всех @user1"), h("казахи понаехали, гнать их всех @other_2"));
    }

    #[test]
    fn a_notice_that_varies_only_its_e_mail_address_keeps_one_signature() {
        // Before addresses kept their `@`, "info@kelisim.kz" read as the word
        // "infoakelisim" and the two differed.
        let a = h("Өтініштерді info@kelisim.kz поштасына жіберіңіз, жауап үш күнде беріледі");
        assert_eq!(a, h("Өтініштерді aliya.n@mail.ru поштасына жіберіңіз, жауап үш күнде беріледі"));
        assert_eq!(a, h("Өтініштерді QABYLDAU@gov.kz поштасына жіберіңіз, жауап үш күнде беріледі"));
    }
}
