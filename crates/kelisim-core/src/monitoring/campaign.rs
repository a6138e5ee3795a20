//! Coordinated campaigns (SPEC §3.4: "group near-duplicate texts posted by
//! many accounts in a short time (coordinated campaigns, bots)").
//!
//! Two documents are near-duplicates when their signatures (the text engine's
//! 64-bit SimHash) differ in at most [`MAX_DISTANCE`] bits and they were
//! published within [`WINDOW_SECONDS`] of each other. Near-duplicates chain into
//! a cluster; a cluster is a campaign once it holds posts of at least
//! [`MIN_AUTHORS`] distinct authors. Only documents that name an ethnic group
//! are candidates: the centre watches campaigns about groups, not reposts of
//! the weather.
//!
//! Finding near neighbours: the 64 bits are cut into [`BANDS`] bands of 16 bits;
//! two signatures at most 3 bits apart agree exactly on at least one band
//! (3 differing bits touch at most 3 of the 4 bands), so looking up the four
//! band values of a document finds every neighbour (and some others, which the
//! exact distance then drops).

/// Most differing bits of two near-duplicates.
pub const MAX_DISTANCE: u32 = 3;
/// Near-duplicates are at most this far apart in time (6 hours).
pub const WINDOW_SECONDS: i64 = 6 * 3600;
/// Distinct authors that make a cluster a campaign.
pub const MIN_AUTHORS: usize = 8;
/// Bands of the signature for the neighbour look-up.
pub const BANDS: u32 = 4;
/// Share of a campaign's texts the engine flags as ethnically hostile from
/// which the campaign is a warning (an alert, a factor of the risk index).
pub const HOSTILE_SHARE: f64 = 0.5;

/// Bits in which two signatures differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Two documents are near-duplicates (see the module doc); times in seconds.
pub fn near_duplicates(sig_a: u64, at_a: i64, sig_b: u64, at_b: i64) -> bool {
    distance(sig_a, sig_b) <= MAX_DISTANCE && (at_a - at_b).abs() <= WINDOW_SECONDS
}

/// The band keys of a signature: band index in the top bits, the band's 16
/// bits below, so that keys of different bands never meet.
pub fn band_keys(signature: u64) -> [i64; BANDS as usize] {
    let mut keys = [0; BANDS as usize];
    for (i, key) in keys.iter_mut().enumerate() {
        let bits = (signature >> (16 * i)) & 0xffff;
        *key = ((i as i64) << 16) | bits as i64;
    }
    keys
}

/// A cluster is a campaign once this many distinct authors posted in it.
pub fn is_campaign(distinct_authors: usize) -> bool {
    distinct_authors >= MIN_AUTHORS
}

/// A campaign is a warning when at least [`HOSTILE_SHARE`] of its texts are
/// flagged. Many accounts reposting one friendly announcement (a holiday, a
/// festival of the Assembly) is still recorded as a campaign, for the analyst
/// to see, but it raises no alert and adds nothing to a region's risk: the
/// centre warns of coordinated hostility, not of coordinated news.
pub fn is_hostile(flagged: i64, documents: i64) -> bool {
    documents > 0 && flagged as f64 >= HOSTILE_SHARE * documents as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_3_4_a_campaign_warns_when_half_of_its_texts_are_hostile() {
        assert!(is_hostile(15, 30), "exactly half");
        assert!(!is_hostile(14, 30));
        assert!(!is_hostile(0, 2970), "a reposted friendly announcement");
        assert!(!is_hostile(0, 0));
    }

    #[test]
    fn spec_3_4_near_identical_texts_close_in_time_are_near_duplicates() {
        let a = 0xdead_beef_0123_4567u64;
        let b = a ^ 0b101 ^ (1 << 40); // three bits
        assert_eq!(distance(a, b), 3);
        assert!(near_duplicates(a, 0, b, 3600));
        assert!(!near_duplicates(a, 0, b, WINDOW_SECONDS + 1), "too far apart in time");
        assert!(!near_duplicates(a, 0, a ^ 0b1111, 0), "four bits differ");
    }

    #[test]
    fn every_neighbour_within_three_bits_shares_a_band() {
        let a = 0x0123_4567_89ab_cdefu64;
        // Flip three bits in three different bands, in every way over a grid of positions.
        for i in (0..64).step_by(5) {
            for j in (0..64).step_by(7) {
                for k in (0..64).step_by(11) {
                    let b = a ^ (1 << i) ^ (1 << j) ^ (1 << k);
                    if distance(a, b) > MAX_DISTANCE {
                        continue;
                    }
                    let (ka, kb) = (band_keys(a), band_keys(b));
                    assert!(ka.iter().zip(kb.iter()).any(|(x, y)| x == y), "{i} {j} {k}");
                }
            }
        }
        let keys = band_keys(a);
        assert_eq!(keys[0], 0xcdef);
        assert_eq!(keys[3], (3 << 16) | 0x0123);
    }

    #[test]
    fn spec_3_4_many_accounts_make_a_campaign() {
        assert!(!is_campaign(MIN_AUTHORS - 1));
        assert!(is_campaign(MIN_AUTHORS));
    }
}
