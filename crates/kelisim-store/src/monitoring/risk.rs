//! The weekly risk index of each region (SPEC §3.4, "Risk index") and its
//! backtest.
//!
//! [`RiskHistory`] loads what the index is computed from — every incident's
//! timeline (level and verification as they changed, from
//! `incident_events`), the daily totals of the information field, the spikes
//! and the campaigns — and answers the index's inputs for any region as of
//! any instant, as that instant knew them. The formula is
//! `kelisim_core::monitoring::risk`; this module only gathers.
//!
//! [`compute_week`] stores a week's index (the current week as of now,
//! recomputed as data arrives; a past week as of its end) and raises a risk
//! alert when a region's level went up. [`backtest`] replays the stored
//! history week by week and scores the index's forecasts of "an incident of
//! level ≥ 3 in the region within the next 30 days" next to two baselines.

use std::collections::HashMap;

use kelisim_core::monitoring::alert::AlertKind;
use kelisim_core::monitoring::calendar::{add_days, day_of_instant, day_start_instant, epoch_seconds, week_of};
use kelisim_core::monitoring::incident::{counts_in_figures, EscalationLevel, ALERT_LEVEL};
use kelisim_core::monitoring::risk::{self as rules, Contribution, RiskInputs, RiskLevel, FIELD_DAYS, HORIZON_DAYS, PRIOR_DAYS, RECENT_DAYS};
use kelisim_core::monitoring::ALL_GROUPS;
use kelisim_core::reference::{composition::composition, ethnic_groups::group_by_slug, REGIONS};
use serde::Serialize;

use super::alerts::{self, NewAlert};
use crate::db::{col, Store};
use crate::error::Result;

const DAY: i64 = 86_400;

/// One incident as it changed over time.
#[derive(Debug, Clone, Default)]
struct Timeline {
    region: String,
    occurred: i64,
    /// (time, kind, value), oldest first.
    events: Vec<(i64, String, String)>,
}

/// An incident's state at an instant: known then, its level and verification.
struct State {
    level: EscalationLevel,
    verification: String,
}

impl Timeline {
    fn state_at(&self, t: i64) -> Option<State> {
        let mut state: Option<State> = None;
        for (at, kind, value) in &self.events {
            if *at > t {
                break;
            }
            match kind.as_str() {
                "created" => state = Some(State { level: level(value), verification: "unverified".into() }),
                "level" => {
                    if let Some(s) = state.as_mut() {
                        s.level = level(value);
                    }
                }
                "verification" => {
                    if let Some(s) = state.as_mut() {
                        s.verification = value.clone();
                    }
                }
                "merged" => {
                    if let Some(s) = state.as_mut() {
                        s.verification = "duplicate".into();
                    }
                }
                _ => {}
            }
        }
        state
    }

    /// The highest level it stood at by `t` (known then).
    fn peak_at(&self, t: i64) -> EscalationLevel {
        self.events.iter().take_while(|e| e.0 <= t).filter(|e| matches!(e.1.as_str(), "created" | "level")).map(|e| level(&e.2)).max().unwrap_or(EscalationLevel::Signal)
    }

    /// When it first stood at level 3 or above, if ever, and it was not refuted or merged in the end.
    fn alert_time(&self) -> Option<i64> {
        let last = self.state_at(i64::MAX)?;
        if !counts_in_figures(&last.verification) {
            return None;
        }
        self.events.iter().find(|(_, kind, value)| matches!(kind.as_str(), "created" | "level") && level(value) >= ALERT_LEVEL).map(|e| e.0)
    }
}

fn level(v: &str) -> EscalationLevel {
    v.parse().ok().and_then(EscalationLevel::from_i64).unwrap_or(EscalationLevel::Signal)
}

/// What the index is computed from (see the module doc).
pub struct RiskHistory {
    incidents: Vec<Timeline>,
    /// region → day → (documents, flagged).
    totals: HashMap<String, HashMap<String, (i64, i64)>>,
    /// region → spike days.
    spikes: HashMap<String, Vec<String>>,
    /// region → start of each campaign (epoch seconds).
    campaigns: HashMap<String, Vec<i64>>,
    /// region → (diversity, compact share).
    structural: HashMap<String, (f64, f64)>,
    /// The earliest day any data is from.
    pub first_day: Option<String>,
}

impl RiskHistory {
    /// Loads the history from `since` (a day) on; incidents whole.
    pub async fn load(store: &Store, since: &str) -> Result<RiskHistory> {
        let mut by_id: HashMap<i64, Timeline> = HashMap::new();
        for (id, region, occurred, at, kind, value) in super::incidents::history(store).await? {
            let t = by_id.entry(id).or_insert_with(|| Timeline { region, occurred: epoch_seconds(&occurred), events: Vec::new() });
            t.events.push((epoch_seconds(&at), kind, value));
        }
        let mut incidents: Vec<Timeline> = by_id.into_values().collect();
        incidents.sort_by_key(|t| t.occurred);
        let rows: Vec<(String, String, i64, i64)> =
            sqlx::query_as("SELECT region, day, mentions, ethnic_hostile FROM monitoring_daily WHERE group_id = $1 AND day >= $2").bind(ALL_GROUPS).bind(since).fetch_all(&store.pool).await?;
        let mut first_day: Option<String> = None;
        let mut totals: HashMap<String, HashMap<String, (i64, i64)>> = HashMap::new();
        for (region, day, docs, flagged) in rows {
            if first_day.as_ref().is_none_or(|f| &day < f) {
                first_day = Some(day.clone());
            }
            totals.entry(region).or_default().insert(day, (docs, flagged));
        }
        if let Some(first_incident) = incidents.first() {
            let d = day_of_instant(&kelisim_core::monitoring::instant_text(time::OffsetDateTime::from_unix_timestamp(first_incident.occurred).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)));
            if first_day.as_ref().is_none_or(|f| &d < f) {
                first_day = Some(d);
            }
        }
        let mut spikes: HashMap<String, Vec<String>> = HashMap::new();
        for (region, day) in sqlx::query_as::<_, (String, String)>("SELECT region, day FROM monitoring_spikes WHERE day >= $1").bind(since).fetch_all(&store.pool).await? {
            spikes.entry(region).or_default().push(day);
        }
        let mut campaigns: HashMap<String, Vec<i64>> = HashMap::new();
        // Only hostile campaigns weigh in (kelisim_core::monitoring::campaign::is_hostile).
        for (region, first_at, flagged, documents) in
            sqlx::query_as::<_, (String, String, i64, i64)>("SELECT region, first_at, flagged, documents FROM monitoring_campaigns WHERE region IS NOT NULL AND first_at >= $1")
                .bind(day_start_instant(since))
                .fetch_all(&store.pool)
                .await?
        {
            if kelisim_core::monitoring::campaign::is_hostile(flagged, documents) {
                campaigns.entry(region).or_default().push(epoch_seconds(&first_at));
            }
        }
        let structural = REGIONS
            .iter()
            .map(|r| (r.kato.to_string(), rules::structural_shares(composition(r.kato), |g| group_by_slug(g).and_then(|x| x.census_share))))
            .collect();
        Ok(RiskHistory { incidents, totals, spikes, campaigns, structural, first_day })
    }

    /// The inputs of `region` as of `as_of` (a stored instant). `live`: the
    /// day of `as_of` counts with what it has so far (the current week);
    /// otherwise only whole days before it count (a past week, the backtest).
    pub fn inputs(&self, region: &str, as_of: &str, live: bool) -> RiskInputs {
        let t = epoch_seconds(as_of);
        let today = day_of_instant(as_of);
        let last_day = if live { today.clone() } else { add_days(&today, -1) };
        let mut x = RiskInputs::default();
        for inc in self.incidents.iter().filter(|i| i.region == region && i.occurred < t && i.occurred >= t - (RECENT_DAYS + PRIOR_DAYS) * DAY) {
            let Some(state) = inc.state_at(t) else { continue };
            if !counts_in_figures(&state.verification) {
                continue;
            }
            if inc.occurred >= t - RECENT_DAYS * DAY {
                // The highest level it reached: a conflict brought down last week
                // still marks the region's month.
                x.recent_levels.push(inc.peak_at(t).max(state.level));
            } else {
                x.prior_incidents += 1;
            }
        }
        if let Some(days) = self.totals.get(region) {
            for k in 0..FIELD_DAYS {
                if let Some((docs, flagged)) = days.get(&add_days(&last_day, -k)) {
                    x.documents += docs;
                    x.flagged += flagged;
                }
            }
        }
        let first_recent = add_days(&last_day, -(RECENT_DAYS - 1));
        x.spikes = self.spikes.get(region).map_or(0, |days| days.iter().filter(|d| d.as_str() >= first_recent.as_str() && d.as_str() <= last_day.as_str()).count() as i64);
        x.campaigns = self.campaigns.get(region).map_or(0, |starts| starts.iter().filter(|s| **s < t && **s >= t - RECENT_DAYS * DAY).count() as i64);
        let (diversity, compact) = self.structural.get(region).copied().unwrap_or((0.0, 0.0));
        x.diversity = diversity;
        x.compact_share = compact;
        x
    }

    /// Whether an incident of `region` first stood at level ≥ 3 within `days` after `from` (an instant).
    pub fn event_within(&self, region: &str, from: &str, days: i64) -> bool {
        let t = epoch_seconds(from);
        self.incidents.iter().filter(|i| i.region == region).filter_map(Timeline::alert_time).any(|a| a >= t && a < t + days * DAY)
    }
}

/// A region's index for a week.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RegionRisk {
    pub region: String,
    /// The week's Monday.
    pub week: String,
    pub score: f64,
    /// `green`, `yellow`, `orange` or `red`.
    pub level: String,
    /// Each factor's part of the score.
    pub factors: Vec<Contribution>,
    pub computed_at: String,
}

impl RegionRisk {
    pub fn level(&self) -> RiskLevel {
        RiskLevel::from_slug(&self.level).unwrap_or(RiskLevel::Green)
    }
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<RegionRisk> {
    let factors: String = col(r, "factors")?;
    Ok(RegionRisk { region: col(r, "region")?, week: col(r, "week")?, score: col(r, "score")?, level: col(r, "level")?, factors: serde_json::from_str(&factors).unwrap_or_default(), computed_at: col(r, "computed_at")? })
}

/// Computes and stores the week of `week` (a Monday) for every region: as of
/// `now` when the week is still running, else as of its end; raises a risk
/// alert for each region whose level went up since it was last shown.
/// Answers the stored rows and how many alerts were raised.
pub async fn compute_week(store: &Store, week: &str, now: &str, is_demo: bool) -> Result<(Vec<RegionRisk>, usize)> {
    let end = day_start_instant(&add_days(week, 7));
    let (as_of, live) = if now < end.as_str() { (now.to_string(), true) } else { (end, false) };
    let history = RiskHistory::load(store, &add_days(week, -(RECENT_DAYS + PRIOR_DAYS + 7))).await?;
    // The levels shown in the weeks the alert rule remembers (this week's, if
    // already computed, included).
    let mut recent: HashMap<String, Vec<RiskLevel>> = HashMap::new();
    for (region, level) in sqlx::query_as::<_, (String, String)>("SELECT region, level FROM monitoring_risk WHERE week <= $1 AND week >= $2 ORDER BY week")
        .bind(week)
        .bind(add_days(week, -7 * rules::ALERT_MEMORY_WEEKS))
        .fetch_all(&store.pool)
        .await?
    {
        recent.entry(region).or_default().extend(RiskLevel::from_slug(&level));
    }
    let mut tx = store.begin_write("risk").await?;
    // Two nodes computing the same week queue here (the job's row).
    sqlx::query("UPDATE monitoring_jobs SET last_run_at = $1 WHERE name = 'risk'").bind(now).execute(tx.conn()).await?;
    let mut out = Vec::new();
    let mut raised = 0;
    for region in REGIONS {
        let s = rules::score(&history.inputs(region.kato, &as_of, live));
        let factors = serde_json::to_string(&s.contributions).unwrap_or_else(|_| "[]".into());
        sqlx::query(
            "INSERT INTO monitoring_risk (region, week, score, level, factors, computed_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (region, week) DO UPDATE SET score = excluded.score, level = excluded.level, factors = excluded.factors, computed_at = excluded.computed_at",
        )
            .bind(region.kato)
            .bind(week)
            .bind(s.score)
            .bind(s.level.slug())
            .bind(&factors)
            .bind(&as_of)
            .execute(tx.conn())
            .await?;
        let shown = recent.get(region.kato).map(Vec::as_slice).unwrap_or(&[]);
        if rules::level_went_up(shown, s.level) {
            let before = shown.last(); // the level last shown
            let facts = serde_json::json!({ "region": region.kato, "week": week, "from": before.map(|b| b.slug()), "to": s.level.slug(), "score": s.score });
            let alert = NewAlert { kind: AlertKind::Risk, subject: format!("{}:{week}:{}", region.kato, s.level.slug()), region: Some(region.kato.to_string()), subject_id: None, facts, raised_at: as_of.clone(), is_demo };
            if alerts::raise(&mut tx, &alert).await?.is_some() {
                raised += 1;
            }
        }
        out.push(RegionRisk { region: region.kato.to_string(), week: week.to_string(), score: s.score, level: s.level.slug().to_string(), factors: s.contributions, computed_at: as_of.clone() });
    }
    tx.commit().await?;
    Ok((out, raised))
}

/// The week of an instant (its Kazakhstan day's Monday).
pub fn week_of_instant(instant: &str) -> String {
    week_of(&day_of_instant(instant))
}

/// Every region's index of one week.
pub async fn week(store: &Store, week: &str) -> Result<Vec<RegionRisk>> {
    let rows = sqlx::query("SELECT region, week, score, level, factors, computed_at FROM monitoring_risk WHERE week = $1 ORDER BY region").bind(week).fetch_all(&store.pool).await?;
    rows.iter().map(from_row).collect()
}

/// The latest week that has an index (None when none was computed yet).
pub async fn latest_week(store: &Store) -> Result<Option<String>> {
    let (w,): (Option<String>,) = sqlx::query_as("SELECT MAX(week) FROM monitoring_risk").fetch_one(&store.pool).await?;
    Ok(w)
}

/// One region's weeks from `from` on, oldest first.
pub async fn region_weeks(store: &Store, region: &str, from: &str) -> Result<Vec<RegionRisk>> {
    let rows = sqlx::query("SELECT region, week, score, level, factors, computed_at FROM monitoring_risk WHERE region = $1 AND week >= $2 ORDER BY week")
        .bind(region)
        .bind(from)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Brier score and average precision of one forecaster.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ForecastScores {
    pub brier: f64,
    pub average_precision: f64,
}

/// The backtest's figures (issue 4 §4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestReport {
    pub index: ForecastScores,
    /// Each region's historical rate of such weeks, from the weeks known by then.
    pub baseline_rate: ForecastScores,
    /// Last period's state: 1 when the region had such an incident in the 30 days before, else 0.
    pub baseline_persistence: ForecastScores,
    pub weeks: usize,
    /// Region-weeks followed by an incident of level ≥ 3 within 30 days.
    pub events: usize,
    pub regions: usize,
    pub from: String,
    pub to: String,
}

/// Replays the history week by week (see the module doc): each Monday whose
/// 30 days have passed by `today`, each region's index as of that Monday
/// (from what was known then), its probability by a logistic calibration
/// fitted on the weeks whose outcome was already known then, and the two
/// baselines.
pub async fn backtest(store: &Store, today: &str) -> Result<BacktestReport> {
    let history = RiskHistory::load(store, "0000-01-01").await?;
    let empty = ForecastScores { brier: 0.0, average_precision: 0.0 };
    let Some(first_day) = history.first_day.clone() else {
        return Ok(BacktestReport { index: empty, baseline_rate: empty, baseline_persistence: empty, weeks: 0, events: 0, regions: REGIONS.len(), from: String::new(), to: String::new() });
    };
    // From the first Monday of the data on: the early weeks have a shorter past, as a new installation has.
    let mut w = week_of(&add_days(&first_day, 6));
    let last = add_days(today, -HORIZON_DAYS);
    let mut weeks: Vec<String> = Vec::new();
    while w.as_str() <= last.as_str() {
        weeks.push(w.clone());
        w = add_days(&w, 7);
    }
    // (week index, region index, score, outcome, had an event in the 30 days before)
    let mut rows: Vec<(usize, usize, f64, bool, bool)> = Vec::new();
    for (wi, week) in weeks.iter().enumerate() {
        let start = day_start_instant(week);
        for (ri, region) in REGIONS.iter().enumerate() {
            let score = rules::score(&history.inputs(region.kato, &start, false)).score;
            let outcome = history.event_within(region.kato, &start, HORIZON_DAYS);
            let before = history.event_within(region.kato, &kelisim_core::monitoring::calendar::add_seconds(&start, -HORIZON_DAYS * DAY), HORIZON_DAYS);
            rows.push((wi, ri, score, outcome, before));
        }
    }
    // A week's outcome is known ceil(30/7) = 5 weeks later.
    let lag = (HORIZON_DAYS as usize).div_ceil(7);
    let (mut p_index, mut p_rate, mut p_persist, mut ys) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (wi, _) in weeks.iter().enumerate() {
        let known: Vec<&(usize, usize, f64, bool, bool)> = rows.iter().filter(|r| r.0 + lag <= wi).collect();
        let fit = rules::fit_logistic(&known.iter().map(|r| r.2).collect::<Vec<_>>(), &known.iter().map(|r| r.3).collect::<Vec<_>>());
        let pooled = (known.iter().filter(|r| r.3).count() as f64 + 0.5) / (known.len() as f64 + 1.0);
        for r in rows.iter().filter(|r| r.0 == wi) {
            let own: Vec<&&(usize, usize, f64, bool, bool)> = known.iter().filter(|k| k.1 == r.1).collect();
            let k = own.iter().filter(|k| k.3).count() as f64;
            p_index.push(rules::probability(r.2, fit));
            p_rate.push((k + 2.0 * pooled) / (own.len() as f64 + 2.0));
            p_persist.push(if r.4 { 1.0 } else { 0.0 });
            ys.push(r.3);
        }
    }
    let scores = |ps: &[f64]| ForecastScores { brier: round4(rules::brier(ps, &ys)), average_precision: round4(rules::average_precision(ps, &ys)) };
    Ok(BacktestReport {
        index: scores(&p_index),
        baseline_rate: scores(&p_rate),
        baseline_persistence: scores(&p_persist),
        weeks: weeks.len(),
        events: ys.iter().filter(|y| **y).count(),
        regions: REGIONS.len(),
        from: weeks.first().cloned().unwrap_or_default(),
        to: weeks.last().cloned().unwrap_or_default(),
    })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
