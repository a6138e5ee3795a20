//! Comparisons of short strings on the hot path (endings, stems, group ids)
//! written out byte by byte. `==` and `starts_with` on strings of a length
//! unknown at compile time call libc's `memcmp`, whose call and set-up cost
//! more than comparing a few bytes, most of which differ at the first or
//! second byte: per mention, that was 3 % of the pipeline on Russian posts.

/// Whether `text` starts with `prefix`.
#[inline]
pub fn starts_with(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    if text.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `text` without `prefix`, if it starts with it.
#[inline]
pub fn strip_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    // The prefix ends at a character boundary of `text`: it is a whole string.
    starts_with(text, prefix).then(|| &text[prefix.len()..])
}

/// Whether `a` and `b` are the same string.
#[inline]
pub fn eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || starts_with(a, b))
}

/// Whether `text` is one of `list`.
#[inline]
pub fn one_of(text: &str, list: &[&str]) -> bool {
    list.iter().any(|s| eq(text, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_standard_library() {
        let words = ["", "а", "ов", "казах", "казахи", "kazakh", "kazak", "қазақ", "ab", "a"];
        for a in words {
            for b in words {
                assert_eq!(starts_with(a, b), a.starts_with(b), "{a} {b}");
                assert_eq!(strip_prefix(a, b), a.strip_prefix(b), "{a} {b}");
                assert_eq!(eq(a, b), a == b, "{a} {b}");
            }
            assert_eq!(one_of(a, &words[3..6]), words[3..6].contains(&a), "{a}");
        }
        let owned = String::from("kazakh");
        assert!(eq(&owned, "kazakh") && !eq(&owned, "german"), "equal strings at other addresses");
    }
}
