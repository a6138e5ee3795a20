//! FNV-1a, 64-bit: the one stable hash of the engine (feature slots,
//! signatures, the model file's checksum). Same bytes, same hash, on every
//! platform and version.

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

#[cfg(test)]
mod tests {
    #[test]
    fn known_values() {
        assert_eq!(super::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::extend(super::fnv1a(b"ab"), b"c"), super::fnv1a(b"abc"));
    }
}
