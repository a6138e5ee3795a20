//! Spikes of the information field (issue 4 §2): a day on which a region's
//! count of ethnically hostile documents stands well above the region's own
//! trailing baseline, with a minimum count so that small regions do not flicker.
//!
//! The rule, for a region and a day with `count` flagged documents, given the
//! counts of the [`BASELINE_DAYS`] days before it (days without documents count 0):
//! - `mean` and `sd` of those days; the spread is at least the Poisson spread
//!   `√mean` (a count of rare events varies at least that much) and at least 1;
//! - the threshold is the largest of [`MIN_COUNT`], `mean + Z · sd` and
//!   `RATIO · mean`;
//! - the day is a spike when `count ≥ threshold`.
//!
//! So a quiet region needs [`MIN_COUNT`] flagged documents in a day, a busy one
//! needs several spreads above its ordinary day, and a steadily noisy one at
//! least twice its mean.

use serde::Serialize;

/// Days of trailing baseline.
pub const BASELINE_DAYS: usize = 28;
/// No spike below this many flagged documents in a day.
pub const MIN_COUNT: i64 = 8;
/// Spreads above the mean.
pub const Z: f64 = 3.0;
/// At least this many times the mean.
pub const RATIO: f64 = 2.0;

/// A day's verdict against its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpikeTest {
    pub count: i64,
    pub baseline: f64,
    pub threshold: f64,
    pub is_spike: bool,
}

/// Applies the rule of the module doc. `trailing` holds up to
/// [`BASELINE_DAYS`] daily counts before the day (missing days as 0: pass
/// exactly the days, zeros included).
pub fn test_day(count: i64, trailing: &[i64]) -> SpikeTest {
    let n = trailing.len().max(1) as f64;
    let mean = trailing.iter().sum::<i64>() as f64 / n;
    let var = trailing.iter().map(|&c| (c as f64 - mean).powi(2)).sum::<f64>() / n;
    let sd = var.sqrt().max(mean.sqrt()).max(1.0);
    let threshold = (MIN_COUNT as f64).max(mean + Z * sd).max(RATIO * mean).ceil();
    SpikeTest { count, baseline: (mean * 100.0).round() / 100.0, threshold, is_spike: count as f64 >= threshold }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_4_a_small_region_does_not_flicker_below_the_minimum_count() {
        // Zero for four weeks, then 5 flagged posts: five times nothing, but too few.
        let t = test_day(5, &[0; BASELINE_DAYS]);
        assert!(!t.is_spike);
        assert_eq!(t.threshold, MIN_COUNT as f64);
        assert!(test_day(MIN_COUNT, &[0; BASELINE_DAYS]).is_spike, "the minimum itself counts");
    }

    #[test]
    fn issue_4_a_day_well_above_the_regions_own_baseline_is_a_spike() {
        // A busy region: 17..23 a day (mean 20) → threshold 2 × 20 = 40.
        let trailing: Vec<i64> = (0..BASELINE_DAYS).map(|i| 17 + (i % 7) as i64).collect();
        let ordinary = test_day(26, &trailing);
        assert!(!ordinary.is_spike, "{ordinary:?}");
        let spike = test_day(45, &trailing);
        assert!(spike.is_spike, "{spike:?}");
        assert_eq!(spike.baseline, 20.0);
        assert_eq!(spike.threshold, 40.0, "twice the mean");
        // The same 26 is a spike for a region whose ordinary day is 2.
        assert!(test_day(26, &[2; BASELINE_DAYS]).is_spike);
    }

    #[test]
    fn a_noisy_baseline_raises_the_bar() {
        let noisy: Vec<i64> = (0..BASELINE_DAYS).map(|i| if i % 2 == 0 { 0 } else { 20 }).collect();
        // mean 10, sd 10 → threshold 40.
        let t = test_day(35, &noisy);
        assert!(!t.is_spike);
        assert_eq!(t.threshold, 40.0);
    }
}
