//! Character classes on the hot path. `char::is_alphabetic` looks non-ASCII
//! letters up in a large table; almost every letter this engine meets is
//! ASCII or Cyrillic, so those two blocks are decided by range first.

/// Whether `c` is a letter, decided by range for ASCII and Cyrillic (`None`
/// for the rest of Unicode). U+0482..U+0489 are a sign and combining marks;
/// the rest of the Cyrillic blocks are letters.
#[inline]
fn fast_letter(c: char) -> Option<bool> {
    if c.is_ascii() {
        Some(c.is_ascii_alphabetic())
    } else if ('\u{400}'..='\u{52f}').contains(&c) {
        Some(!('\u{482}'..='\u{489}').contains(&c))
    } else {
        None
    }
}

/// Whether `c` is a letter (as `char::is_alphabetic`, faster for ASCII and Cyrillic).
#[inline]
pub fn is_letter(c: char) -> bool {
    fast_letter(c).unwrap_or_else(|| c.is_alphabetic())
}

/// Whether `c` is a letter or a digit (as `char::is_alphanumeric`).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_digit() || fast_letter(c).unwrap_or_else(|| c.is_alphanumeric())
}

/// Whether `c` is a combining mark (as `unicode_normalization`'s), with
/// ASCII and the Cyrillic letters decided without the table.
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    if c.is_ascii() || ('\u{400}'..='\u{482}').contains(&c) || ('\u{48a}'..='\u{52f}').contains(&c) {
        false
    } else {
        unicode_normalization::char::is_combining_mark(c)
    }
}

/// The offset in U+0400..U+04FF of the Cyrillic character whose two UTF-8
/// bytes are `lead` (`D0`..`D3`) and `second`: the index of the engine's
/// 256-entry Cyrillic tables.
#[inline]
pub fn cyrillic_offset(lead: u8, second: u8) -> usize {
    ((lead as usize & 0x03) << 6) | (second as usize & 0x3f)
}

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_the_standard_library_everywhere() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(super::is_combining_mark(c), unicode_normalization::char::is_combining_mark(c), "{c:?}");
        }
        for c in '\u{400}'..='\u{4ff}' {
            let mut b = [0; 2];
            c.encode_utf8(&mut b);
            assert_eq!(super::cyrillic_offset(b[0], b[1]), c as usize - 0x400, "{c:?}");
        }
    }
}
