//! The information field's counting rules: when a document counts as hostile
//! and as carrying ethnic hostility (the "language of enmity", тіл араздығы /
//! язык вражды, that the Concept to 2030 asks to monitor).
//!
//! The text engine gives calibrated probabilities; the monitoring counts a
//! document at probability ≥ 0.5, the point where hostile is more likely than
//! not. One threshold for the counts, the flagged feed and the alerts, so the
//! figures on every screen agree.

/// The probability from which a document is counted.
pub const COUNT_THRESHOLD: f64 = 0.5;

/// The document carries ethnic hostility: it goes to the analysts' flagged
/// feed and to the ethnic-hostility counts.
pub fn is_flagged(ethnic_hostility: f64) -> bool {
    ethnic_hostility >= COUNT_THRESHOLD
}

/// The document is hostile (toward anyone).
pub fn is_hostile(hostility: f64) -> bool {
    hostility >= COUNT_THRESHOLD
}

/// The region key of documents that name no region and were sent without one.
pub const NO_REGION: &str = "-";

/// The group key of the per-region-and-day totals (every document, with or
/// without a group).
pub const ALL_GROUPS: &str = "*";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_counts_from_one_half() {
        assert!(is_flagged(0.5));
        assert!(!is_flagged(0.4999));
        assert!(is_hostile(0.97));
        assert!(!is_hostile(0.1));
    }
}
