//! The centre's timers (run by `kelisim serve` and `kelisim demo` on every
//! node; the store's job rows make the nodes take turns):
//! - every [`SIGNALS_EVERY`]: the detectors read what was ingested
//!   (`signals::run`), then the current week's risk index is recomputed when
//!   something new arrived, or at least every [`RISK_EVERY`];
//! - every [`DELIVERIES_EVERY`]: the alert deliveries that are due are sent;
//! - every [`REMINDERS_EVERY`]: the reminders of assignments on control due
//!   today in Kazakhstan (7, 3 and 1 days before the deadline) are raised as
//!   alerts, once each (`control::take_reminders`), and go out with the deliveries.
//!
//! [`refresh`] is the same work once, for the CLI after `kelisim ingest` and
//! for the demo.

use std::time::{Duration, Instant};

use kelisim_core::monitoring::calendar::{add_days, day_start_instant};
use kelisim_store::monitoring::signals::{self, SignalsOutcome};
use kelisim_store::monitoring::risk;
use kelisim_store::Store;

use super::delivery::{deliver_due, DeliveryConfig};

pub const SIGNALS_EVERY: Duration = Duration::from_secs(15);
pub const RISK_EVERY: Duration = Duration::from_secs(300);
pub const DELIVERIES_EVERY: Duration = Duration::from_secs(10);
pub const REMINDERS_EVERY: Duration = Duration::from_secs(3600);

/// Raises the reminders due today (in Kazakhstan) as of `now`; answers how many.
pub async fn remind(store: &Store, now: time::OffsetDateTime) -> kelisim_store::error::Result<usize> {
    let today = kelisim_core::monitoring::document::local_day(now);
    let instant = kelisim_core::monitoring::document::instant_text(now);
    Ok(kelisim_store::control::take_reminders(store, &today, &instant).await?.len())
}

/// What one refresh did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Refreshed {
    pub signals: SignalsOutcome,
    pub risk_alerts: usize,
}

/// Runs the detectors, then the risk index of the week of `now` (and closes
/// the week before as of its end, once).
pub async fn refresh(store: &Store, now: &str, is_demo: bool) -> kelisim_store::error::Result<Refreshed> {
    let signals = signals::run(store, now, is_demo).await?;
    let risk_alerts = recompute_risk(store, now, is_demo).await?;
    Ok(Refreshed { signals, risk_alerts })
}

/// The current week as of `now`; the previous week as of its end if it was last computed before that.
pub async fn recompute_risk(store: &Store, now: &str, is_demo: bool) -> kelisim_store::error::Result<usize> {
    let week = risk::week_of_instant(now);
    let previous = add_days(&week, -7);
    let mut raised = 0;
    let prev_rows = risk::week(store, &previous).await?;
    let week_start = day_start_instant(&week);
    if prev_rows.is_empty() || prev_rows.iter().any(|r| r.computed_at < week_start) {
        raised += risk::compute_week(store, &previous, now, is_demo).await?.1;
    }
    raised += risk::compute_week(store, &week, now, is_demo).await?.1;
    Ok(raised)
}

/// Starts the timers on the current runtime.
pub fn spawn(store: Store, cfg: DeliveryConfig) {
    let s = store.clone();
    tokio::spawn(async move {
        let mut last_risk: Option<Instant> = None;
        let mut tick = tokio::time::interval(SIGNALS_EVERY);
        loop {
            tick.tick().await;
            let now = kelisim_store::now_utc();
            match signals::run(&s, &now, false).await {
                Ok(out) => {
                    if out.documents > 0 {
                        tracing::info!(documents = out.documents, spikes = out.spikes_new, campaigns = out.campaigns_new, alerts = out.alerts, "signals");
                    }
                    if out.documents > 0 || last_risk.is_none_or(|t| t.elapsed() >= RISK_EVERY) {
                        match recompute_risk(&s, &now, false).await {
                            Ok(n) => {
                                last_risk = Some(Instant::now());
                                if n > 0 {
                                    tracing::info!(alerts = n, "risk level went up");
                                }
                            }
                            Err(e) => tracing::error!(error = %e, "risk index"),
                        }
                    }
                }
                Err(e) => tracing::error!(error = %e, "signal detectors"),
            }
        }
    });
    let r = store.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(REMINDERS_EVERY);
        loop {
            tick.tick().await;
            match remind(&r, time::OffsetDateTime::now_utc()).await {
                Ok(n) if n > 0 => tracing::info!(reminders = n, "reminders of deadlines raised"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "reminders of deadlines"),
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(DELIVERIES_EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = deliver_due(&store, &cfg, &kelisim_store::now_utc()).await {
                tracing::error!(error = %e, "alert deliveries");
            }
        }
    });
}
