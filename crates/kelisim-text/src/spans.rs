//! Where each character of a normalised text came from in the original,
//! kept compactly.
//!
//! Almost every character of a normalised text is a character of the
//! original at the same length (a letter lower-cased, `ё` made `е`, a word
//! copied), one after the other; only what normalisation reshaped (white
//! space made one space, markup gone, look-alikes folded, entities decoded)
//! breaks the run. So the spans are anchors, in output order: a *copied*
//! anchor says that from its output offset on, until the next anchor, output
//! byte `k` is original byte `start + (k - out)`; an *explicit* anchor gives
//! one character's original range. One anchor per run instead of a pair per
//! byte: the plain path checks that a character continues the run and
//! writes nothing.

/// One anchor (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    out: u32,
    start: u32,
    /// The character's original end; [`COPIED`] for a copied run.
    end: u32,
}

/// The `end` of a copied run's anchor.
const COPIED: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    anchors: Vec<Anchor>,
    /// `start - out` of the copied run the last anchor opened ([`NO_RUN`]
    /// when it is explicit): a character continues the run when its own
    /// `start - out` is this and its length is its original's.
    run: i64,
}

const NO_RUN: i64 = i64::MIN;

impl Default for Spans {
    fn default() -> Spans {
        Spans { anchors: Vec::new(), run: NO_RUN }
    }
}

impl Spans {
    /// No anchors yet, with room for `n`.
    pub fn with_capacity(n: usize) -> Spans {
        Spans { anchors: Vec::with_capacity(n), run: NO_RUN }
    }

    /// The character of `len` bytes at output offset `out` (the end of the
    /// output so far) came from original bytes `start..end`.
    #[inline]
    pub fn push(&mut self, out: usize, len: usize, start: u32, end: u32) {
        let same_length = end.wrapping_sub(start) as usize == len;
        let delta = start as i64 - out as i64;
        if same_length && self.run == delta {
            return;
        }
        let end = if same_length { COPIED } else { end };
        self.anchors.push(Anchor { out: out as u32, start, end });
        self.run = if same_length { delta } else { NO_RUN };
    }

    /// The run the last anchor opens, if it is a copied one.
    fn last_run(&self) -> i64 {
        match self.anchors.last() {
            Some(a) if a.end == COPIED => a.start as i64 - a.out as i64,
            _ => NO_RUN,
        }
    }

    /// The anchor that covers output byte `at`.
    #[inline]
    fn anchor(&self, at: usize) -> &Anchor {
        &self.anchors[self.anchors.partition_point(|a| a.out as usize <= at) - 1]
    }

    /// The original range of the character of `len` bytes at output offset `out`.
    pub fn char_span(&self, out: usize, len: usize) -> (u32, u32) {
        let a = self.anchor(out);
        if a.end == COPIED {
            let from = a.start + (out as u32 - a.out);
            (from, from + len as u32)
        } else {
            (a.start, a.end)
        }
    }

    /// The last character, of one byte at output offset `out`, now spans to
    /// original byte `end` if that is further (a run of white space made
    /// one space).
    pub fn widen_last(&mut self, out: usize, end: u32) {
        let (start, old_end) = self.char_span(out, 1);
        if end <= old_end {
            return;
        }
        match self.anchors.last_mut() {
            Some(a) if a.out as usize == out => *a = Anchor { out: out as u32, start, end },
            _ => self.anchors.push(Anchor { out: out as u32, start, end }),
        }
        self.run = NO_RUN;
    }

    /// Forgets the characters from output offset `out` on.
    pub fn truncate(&mut self, out: usize) {
        let keep = self.anchors.partition_point(|a| (a.out as usize) < out);
        self.anchors.truncate(keep);
        self.run = self.last_run();
    }

    /// Where output offset `at` (the start of a character) starts in the original.
    pub fn start_of(&self, at: usize) -> u32 {
        let a = self.anchor(at);
        if a.end == COPIED {
            a.start + (at as u32 - a.out)
        } else {
            a.start
        }
    }

    /// Where the character ending at output offset `at` ends in the original.
    pub fn end_of(&self, at: usize) -> u32 {
        let a = self.anchor(at - 1);
        if a.end == COPIED {
            a.start + (at as u32 - a.out)
        } else {
            a.end
        }
    }

    /// Per output byte of a text `len` bytes long, the original range of
    /// its character (what the anchors stand for; tests compare it).
    #[cfg(test)]
    pub fn per_byte(&self, text: &str) -> Vec<(u32, u32)> {
        text.char_indices().flat_map(|(k, c)| std::iter::repeat_n(self.char_span(k, c.len_utf8()), c.len_utf8())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_give_back_every_characters_span() {
        // (character, original start, original end), pushed in order.
        let chars: [(char, u32, u32); 9] =
            [('к', 0, 2), ('а', 2, 4), (' ', 4, 9), ('з', 9, 11), ('a', 11, 12), ('а', 12, 13), ('х', 20, 22), ('и', 22, 24), ('.', 24, 25)];
        let mut spans = Spans::default();
        let mut text = String::new();
        for (c, s, e) in chars {
            spans.push(text.len(), c.len_utf8(), s, e);
            text.push(c);
        }
        let want: Vec<(u32, u32)> = chars.iter().flat_map(|&(c, s, e)| std::iter::repeat_n((s, e), c.len_utf8())).collect();
        assert_eq!(spans.per_byte(&text), want);
        assert!(spans.anchors.len() < chars.len(), "runs share an anchor: {:?}", spans.anchors);
        assert_eq!((spans.start_of(0), spans.end_of(4)), (0, 4));
        assert_eq!((spans.start_of(5), spans.end_of(text.len())), (9, 25));
        // Truncating and pushing again, and widening a space, as the plain path does.
        spans.truncate(5);
        text.truncate(5);
        spans.push(5, 2, 9, 11);
        text.push('з');
        spans.push(7, 1, 11, 12);
        text.push(' ');
        spans.widen_last(7, 15);
        assert_eq!(spans.per_byte(&text), vec![(0, 2), (0, 2), (2, 4), (2, 4), (4, 9), (9, 11), (9, 11), (11, 15)]);
    }
}
