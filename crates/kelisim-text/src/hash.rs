//! The engine's hashes, stable across platforms and versions: FNV-1a,
//! 64-bit, over bytes (words, feature names, the model file's checksum),
//! and SplitMix64's finaliser over keys already hashed (word pairs).

pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub const PRIME: u64 = 0x0000_0100_0000_01b3;

/// Continues a hash `h` over more bytes.
#[inline]
pub fn extend(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ *b as u64).wrapping_mul(PRIME))
}

/// The FNV-1a hash of `bytes`.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    extend(OFFSET, bytes)
}

/// The SplitMix64 finaliser: a cheap, well-mixed hash of a 64-bit key (the
/// features and signatures made from word keys).
#[inline]
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Two keys as one, in order.
#[inline]
pub fn pair(first: u64, second: u64) -> u64 {
    first.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29) ^ second
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_values() {
        assert_eq!(super::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::extend(super::fnv1a(b"ab"), b"c"), super::fnv1a(b"abc"));
    }
}
