//! The risk index of a region and week (SPEC §3.4, "Risk index"; the Concept
//! to 2030, seed 000, section 5, direction 5: "внедрению новых эффективных
//! инструментов оценки рисков, прогнозирования и разработки решений").
//!
//! An explainable score from 0 to 100: each factor is scaled to 0..1 by a
//! rule written here, multiplied by its weight (the weights add up to 100),
//! and the contributions are summed. The screen lists each contribution, so
//! the colour of a region can always be traced to what made it.
//!
//! | factor | scaled as | weight |
//! |---|---|---|
//! | `incidents` | `1 − e^(−Σw/8)`, `w` by level 0..4 = 0.5, 1, 3, 8, 15, over the last 28 days | 25 |
//! | `max_level` | highest level those incidents reached (by the time of the index) / 4 | 15 |
//! | `incident_trend` | `(n − p/2) / (p/2 + 2)`, clipped to 0..1: the last 28 days against the 56 before | 10 |
//! | `hostility_share` | `(s − 2 %) / 8 %`, clipped: the share of flagged documents over the last 14 days (from 30 documents) | 15 |
//! | `spikes` | `1 − e^(−n/1.5)`, spike days of the last 28 days | 10 |
//! | `campaigns` | `1 − e^(−n)`, campaigns of the last 28 days | 10 |
//! | `diversity` | fractionalisation `1 − Σ share²` / 0.6, clipped | 8 |
//! | `compact_settlement` | share of people in compactly settled groups / 0.2, clipped | 7 |
//!
//! Levels: green below 20, yellow from 20, orange from 35, red from 50.
//!
//! Incidents count unless refuted or merged as duplicates, at the level they
//! had at the start of the week. Survey indicators (tolerance, social
//! well-being) join when the surveys module exists; migration is not yet a
//! data set of the system.

use serde::{Deserialize, Serialize};

use super::incident::EscalationLevel;

/// Days of "recent" incidents, spikes and campaigns.
pub const RECENT_DAYS: i64 = 28;
/// Days before those, for the incident trend.
pub const PRIOR_DAYS: i64 = 56;
/// Days of documents for the hostility share.
pub const FIELD_DAYS: i64 = 14;
/// Fewer documents than this and the share is not read (too few to mean anything).
pub const MIN_DOCUMENTS: i64 = 30;
/// Outcome window of the backtest (SPEC §3.4: "in the next 30 days").
pub const HORIZON_DAYS: i64 = 30;

/// The factors, in the order the screens list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Incidents,
    MaxLevel,
    IncidentTrend,
    HostilityShare,
    Spikes,
    Campaigns,
    Diversity,
    CompactSettlement,
}

impl Factor {
    pub const ALL: [Factor; 8] = [Factor::Incidents, Factor::MaxLevel, Factor::IncidentTrend, Factor::HostilityShare, Factor::Spikes, Factor::Campaigns, Factor::Diversity, Factor::CompactSettlement];

    /// The factor's weight: its most points out of 100.
    pub fn weight(self) -> f64 {
        match self {
            Factor::Incidents => 25.0,
            Factor::MaxLevel => 15.0,
            Factor::IncidentTrend => 10.0,
            Factor::HostilityShare => 15.0,
            Factor::Spikes => 10.0,
            Factor::Campaigns => 10.0,
            Factor::Diversity => 8.0,
            Factor::CompactSettlement => 7.0,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Factor::Incidents => "incidents",
            Factor::MaxLevel => "max_level",
            Factor::IncidentTrend => "incident_trend",
            Factor::HostilityShare => "hostility_share",
            Factor::Spikes => "spikes",
            Factor::Campaigns => "campaigns",
            Factor::Diversity => "diversity",
            Factor::CompactSettlement => "compact_settlement",
        }
    }
}

/// The four colours of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Green,
    Yellow,
    Orange,
    Red,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [RiskLevel::Green, RiskLevel::Yellow, RiskLevel::Orange, RiskLevel::Red];

    pub fn slug(self) -> &'static str {
        match self {
            RiskLevel::Green => "green",
            RiskLevel::Yellow => "yellow",
            RiskLevel::Orange => "orange",
            RiskLevel::Red => "red",
        }
    }

    pub fn from_slug(s: &str) -> Option<RiskLevel> {
        RiskLevel::ALL.into_iter().find(|l| l.slug() == s)
    }

    /// The lowest score of each level.
    pub fn floor(self) -> f64 {
        match self {
            RiskLevel::Green => 0.0,
            RiskLevel::Yellow => 20.0,
            RiskLevel::Orange => 35.0,
            RiskLevel::Red => 50.0,
        }
    }
}

/// The level of a score.
pub fn level_of(score: f64) -> RiskLevel {
    RiskLevel::ALL.into_iter().rev().find(|l| score >= l.floor()).unwrap_or(RiskLevel::Green)
}

/// What the index is computed from, for one region as of the start of a week.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskInputs {
    /// Levels (at the week's start) of the incidents of the last [`RECENT_DAYS`].
    pub recent_levels: Vec<EscalationLevel>,
    /// Incidents of the [`PRIOR_DAYS`] before those.
    pub prior_incidents: usize,
    /// Documents of the region in the last [`FIELD_DAYS`], and how many flagged.
    pub documents: i64,
    pub flagged: i64,
    /// Spike days of the last [`RECENT_DAYS`].
    pub spikes: i64,
    /// Campaigns of the region started in the last [`RECENT_DAYS`].
    pub campaigns: i64,
    /// Shares (0..1) of the region's groups (see [`structural_shares`]).
    pub diversity: f64,
    pub compact_share: f64,
}

/// One factor's part of a score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Contribution {
    #[schema(value_type = String)]
    pub factor: Factor,
    /// The factor scaled to 0..1.
    pub value: f64,
    /// Its points (value × weight).
    pub points: f64,
}

/// A region's score, its level and what made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskScore {
    pub score: f64,
    pub level: RiskLevel,
    pub contributions: Vec<Contribution>,
}

fn level_weight(l: EscalationLevel) -> f64 {
    match l {
        EscalationLevel::Signal => 0.5,
        EscalationLevel::LatentTension => 1.0,
        EscalationLevel::PreConflict => 3.0,
        EscalationLevel::Conflict => 8.0,
        EscalationLevel::Crisis => 15.0,
    }
}

/// A factor scaled to 0..1, by the rules of the module doc.
pub fn factor_value(f: Factor, x: &RiskInputs) -> f64 {
    let v = match f {
        Factor::Incidents => 1.0 - (-x.recent_levels.iter().map(|l| level_weight(*l)).sum::<f64>() / 8.0).exp(),
        Factor::MaxLevel => x.recent_levels.iter().max().map_or(0.0, |l| l.value() as f64 / 4.0),
        Factor::IncidentTrend => {
            let half = x.prior_incidents as f64 / 2.0;
            (x.recent_levels.len() as f64 - half) / (half + 2.0)
        }
        Factor::HostilityShare if x.documents < MIN_DOCUMENTS => 0.0,
        Factor::HostilityShare => (x.flagged as f64 / x.documents as f64 - 0.02) / 0.08,
        Factor::Spikes => 1.0 - (-(x.spikes as f64) / 1.5).exp(),
        Factor::Campaigns => 1.0 - (-(x.campaigns as f64)).exp(),
        Factor::Diversity => x.diversity / 0.6,
        Factor::CompactSettlement => x.compact_share / 0.2,
    };
    v.clamp(0.0, 1.0)
}

/// The index: every factor's contribution, their sum and its level.
pub fn score(x: &RiskInputs) -> RiskScore {
    let contributions: Vec<Contribution> = Factor::ALL
        .iter()
        .map(|&factor| {
            let value = factor_value(factor, x);
            Contribution { factor, value: round2(value), points: round2(value * factor.weight()) }
        })
        .collect();
    let score = round2(contributions.iter().map(|c| c.points).sum());
    RiskScore { score, level: level_of(score), contributions }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A group is compactly settled in a region when its share there is at
/// least [`COMPACT_FACTOR`] times its national share and at least
/// [`COMPACT_MIN_PERCENT`] of the region (Uzbeks in Turkistan, Uyghurs in
/// Almaty region, Dungans in Zhambyl, Russians in the north); the Concept
/// speaks of "местах компактного проживания этносов" (seed 000, section 5,
/// direction 2). The national majority is not counted.
pub const COMPACT_FACTOR: f64 = 3.0;
pub const COMPACT_MIN_PERCENT: f64 = 2.0;

/// (diversity, compact share) of a region from its composition (percent by
/// group) and the national shares (percent by group): diversity is the
/// fractionalisation `1 − Σ pᵢ²` (the chance that two people met at random
/// belong to different groups), the compact share the part of the region in
/// compactly settled groups.
pub fn structural_shares(regional: &[(&str, f64)], national: impl Fn(&str) -> Option<f64>) -> (f64, f64) {
    let known: f64 = regional.iter().map(|(_, p)| p).sum();
    // The rest of the region, below 1 % a group, is spread thin: count it as many small groups.
    let rest = ((100.0 - known) / 100.0).max(0.0);
    let diversity = 1.0 - regional.iter().map(|(_, p)| (p / 100.0).powi(2)).sum::<f64>() - rest * 0.01;
    let majority = regional.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|g| g.0);
    let compact = regional
        .iter()
        .filter(|(g, p)| Some(*g) != majority && *p >= COMPACT_MIN_PERCENT && national(g).is_some_and(|n| *p >= COMPACT_FACTOR * n))
        .map(|(_, p)| p / 100.0)
        .sum();
    (diversity.clamp(0.0, 1.0), compact)
}

/// Weeks a shown level is remembered when deciding whether a rise is news.
pub const ALERT_MEMORY_WEEKS: i64 = 4;

/// A region's risk level went up (issue 4 §5: "a region's risk level going
/// up" alerts): above every level shown for it in the last
/// [`ALERT_MEMORY_WEEKS`] weeks (`recent`, empty when it was never computed).
/// The memory is the hysteresis: a region hovering at a threshold (yellow,
/// green, yellow) alerts once, not every other week. A region first computed
/// at orange or red alerts at once.
pub fn level_went_up(recent: &[RiskLevel], after: RiskLevel) -> bool {
    match recent.iter().max() {
        Some(highest) => after > *highest,
        None => after >= RiskLevel::Orange,
    }
}

/// A one-variable logistic regression `p = 1 / (1 + e^−(a + b·x))` fitted by
/// Newton's method with a light ridge on `b` (and `a` pulled toward the
/// base rate), for calibrating the score into a probability on past weeks
/// only. Answers `(a, b)`; with no data or one class only, the slope is 0 and
/// `a` the smoothed base rate's log-odds.
pub fn fit_logistic(xs: &[f64], ys: &[bool]) -> (f64, f64) {
    let n = xs.len() as f64;
    let positives = ys.iter().filter(|y| **y).count() as f64;
    let rate = (positives + 0.5) / (n + 1.0);
    let mut a = (rate / (1.0 - rate)).ln();
    let mut b = 0.0;
    if xs.is_empty() || positives == 0.0 || positives == n {
        return (a, 0.0);
    }
    // Scores are 0..100: work on x/10 so that the steps are well scaled.
    let ridge = 1e-2;
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, -ridge * b, 0.0, 0.0, ridge);
        for (x, y) in xs.iter().zip(ys) {
            let x = x / 10.0;
            let p = 1.0 / (1.0 + (-(a + b * x)).exp());
            let r = (*y as i64 as f64) - p;
            let w = (p * (1.0 - p)).max(1e-9);
            ga += r;
            gb += r * x;
            haa += w;
            hab += w * x;
            hbb += w * x * x;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a += da;
        b += db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a, b / 10.0)
}

/// The probability of a score under a fitted `(a, b)`.
pub fn probability(score: f64, (a, b): (f64, f64)) -> f64 {
    1.0 / (1.0 + (-(a + b * score)).exp())
}

/// Brier score of probabilities against outcomes (lower is better).
pub fn brier(ps: &[f64], ys: &[bool]) -> f64 {
    if ps.is_empty() {
        return 0.0;
    }
    ps.iter().zip(ys).map(|(p, y)| (p - (*y as i64 as f64)).powi(2)).sum::<f64>() / ps.len() as f64
}

/// Average precision (area under the precision-recall curve, step-wise):
/// the mean of the precision at each positive, ranked by probability; ties
/// are taken as a block (their precision is the block's).
pub fn average_precision(ps: &[f64], ys: &[bool]) -> f64 {
    let positives = ys.iter().filter(|y| **y).count();
    if positives == 0 {
        return 0.0;
    }
    let mut order: Vec<usize> = (0..ps.len()).collect();
    order.sort_by(|&i, &j| ps[j].total_cmp(&ps[i]));
    let (mut tp, mut seen, mut sum) = (0usize, 0usize, 0.0);
    let mut k = 0;
    while k < order.len() {
        let mut end = k;
        while end < order.len() && ps[order[end]] == ps[order[k]] {
            end += 1;
        }
        let block_pos = order[k..end].iter().filter(|&&i| ys[i]).count();
        tp += block_pos;
        seen += end - k;
        sum += block_pos as f64 * tp as f64 / seen as f64;
        k = end;
    }
    sum / positives as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use EscalationLevel::*;

    #[test]
    fn the_weights_add_up_to_one_hundred() {
        assert_eq!(Factor::ALL.iter().map(|f| f.weight()).sum::<f64>(), 100.0);
    }

    #[test]
    fn spec_3_4_a_quiet_region_is_green_and_a_conflict_with_a_campaign_is_red() {
        let quiet = RiskInputs { documents: 3000, flagged: 50, diversity: 0.3, compact_share: 0.0, ..Default::default() };
        let s = score(&quiet);
        assert_eq!(s.level, RiskLevel::Green, "{s:?}");
        let hot = RiskInputs { recent_levels: vec![LatentTension, PreConflict, Conflict], prior_incidents: 1, documents: 3000, flagged: 240, spikes: 2, campaigns: 1, diversity: 0.5, compact_share: 0.1 };
        let s = score(&hot);
        assert_eq!(s.level, RiskLevel::Red, "{s:?}");
        // Explainable: the contributions add up to the score, one per factor.
        assert_eq!(s.contributions.len(), Factor::ALL.len());
        let sum: f64 = s.contributions.iter().map(|c| c.points).sum();
        assert!((sum - s.score).abs() < 0.05);
        let of = |f: Factor| s.contributions.iter().find(|c| c.factor == f).unwrap().points;
        assert_eq!(of(Factor::MaxLevel), 11.25);
        assert!((of(Factor::HostilityShare) - 15.0 * (0.08 - 0.02) / 0.08).abs() < 0.01);
    }

    #[test]
    fn factor_scales_stay_within_zero_and_one() {
        let extreme = RiskInputs { recent_levels: vec![Crisis; 40], prior_incidents: 0, documents: 100, flagged: 100, spikes: 28, campaigns: 30, diversity: 0.9, compact_share: 0.6 };
        for f in Factor::ALL {
            let v = factor_value(f, &extreme);
            assert!((0.0..=1.0).contains(&v), "{f:?} {v}");
        }
        assert_eq!(score(&extreme).score, 100.0);
        let few = RiskInputs { documents: 10, flagged: 10, ..Default::default() };
        assert_eq!(factor_value(Factor::HostilityShare, &few), 0.0, "ten documents mean nothing");
        let falling = RiskInputs { recent_levels: vec![LatentTension], prior_incidents: 12, ..Default::default() };
        assert_eq!(factor_value(Factor::IncidentTrend, &falling), 0.0);
    }

    #[test]
    fn levels_cut_at_20_35_50() {
        assert_eq!(level_of(19.99), RiskLevel::Green);
        assert_eq!(level_of(20.0), RiskLevel::Yellow);
        assert_eq!(level_of(35.0), RiskLevel::Orange);
        assert_eq!(level_of(49.9), RiskLevel::Orange);
        assert_eq!(level_of(50.0), RiskLevel::Red);
    }

    #[test]
    fn compact_settlement_is_a_minority_far_above_its_national_share() {
        let national = |g: &str| match g {
            "kazakh" => Some(70.4),
            "russian" => Some(15.5),
            "uzbek" => Some(3.2),
            _ => None,
        };
        let (div, compact) = structural_shares(&[("kazakh", 72.0), ("uzbek", 21.0), ("russian", 1.0)], national);
        assert!((compact - 0.21).abs() < 1e-9, "Uzbeks of Turkistan");
        assert!(div > 0.4 && div < 0.45, "{div}");
        let (div, compact) = structural_shares(&[("kazakh", 96.0), ("russian", 1.5)], national);
        assert_eq!(compact, 0.0);
        assert!(div < 0.1);
    }

    #[test]
    fn issue_4_risk_alert_when_the_level_goes_up() {
        use RiskLevel::*;
        assert!(level_went_up(&[Yellow], Orange));
        assert!(!level_went_up(&[Orange], Orange));
        assert!(!level_went_up(&[Red], Orange));
        assert!(level_went_up(&[], Red), "first computed at orange or red");
        assert!(!level_went_up(&[], Yellow));
        // Hovering at a threshold: yellow, green, yellow alerts once.
        assert!(!level_went_up(&[Green, Yellow, Green], Yellow), "yellow was shown within the memory");
        assert!(level_went_up(&[Green, Yellow, Green], Orange), "a new height alerts");
    }

    #[test]
    fn the_calibration_follows_the_data() {
        // Outcomes become likely as the score grows.
        let xs: Vec<f64> = (0..200).map(|i| (i % 100) as f64).collect();
        let ys: Vec<bool> = xs.iter().map(|x| *x > 60.0).collect();
        let ab = fit_logistic(&xs, &ys);
        assert!(ab.1 > 0.0);
        assert!(probability(90.0, ab) > 0.9 && probability(10.0, ab) < 0.1);
        let (a, b) = fit_logistic(&[1.0, 2.0], &[false, false]);
        assert_eq!(b, 0.0);
        assert!(probability(50.0, (a, b)) < 0.3);
    }

    #[test]
    fn brier_and_average_precision() {
        assert_eq!(brier(&[1.0, 0.0], &[true, false]), 0.0);
        assert_eq!(brier(&[0.5, 0.5], &[true, false]), 0.25);
        assert_eq!(average_precision(&[0.9, 0.8, 0.1], &[true, true, false]), 1.0);
        assert!((average_precision(&[0.9, 0.8, 0.1], &[false, true, true]) - (0.5 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        // A constant forecast ranks nothing: its precision is the base rate.
        assert!((average_precision(&[0.3; 4], &[true, false, false, false]) - 0.25).abs() < 1e-9);
    }
}
