//! Alerts (SPEC §3.4, "Alerts": rules — level ≥ 3 incident, spike, campaign,
//! risk level up — notify the responders of the region in the app, by e-mail
//! and by webhook; acknowledgement and actions are recorded).
//!
//! The rules that raise an alert live with what they watch
//! ([`super::incident::reaches_alert_level`], [`super::spike::test_day`],
//! [`super::campaign::is_campaign`], [`super::risk::level_went_up`]); this
//! module says what an alert is, who receives it, and how deliveries are
//! retried.

use serde::{Deserialize, Serialize};

use crate::role::Role;

/// What raised the alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// An incident reached level 3 (conflict situation) or above.
    Incident,
    /// A spike of ethnically hostile documents in a region.
    Spike,
    /// A coordinated campaign of near-identical texts.
    Campaign,
    /// A region's risk level went up.
    Risk,
    /// An assignment on control falls due in 7, 3 or 1 days (execution
    /// control of decisions, `governance::control::reminder_due`).
    Reminder,
}

impl AlertKind {
    pub const ALL: [AlertKind; 5] = [AlertKind::Incident, AlertKind::Spike, AlertKind::Campaign, AlertKind::Risk, AlertKind::Reminder];

    pub fn slug(self) -> &'static str {
        match self {
            AlertKind::Incident => "incident",
            AlertKind::Spike => "spike",
            AlertKind::Campaign => "campaign",
            AlertKind::Risk => "risk",
            AlertKind::Reminder => "reminder",
        }
    }

    pub fn from_slug(s: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.slug() == s)
    }
}

/// The key that makes raising an alert idempotent: the same event (seen by
/// two nodes, or by a detector run twice) raises one alert.
pub fn dedupe_key(kind: AlertKind, subject: &str) -> String {
    format!("{}:{subject}", kind.slug())
}

/// Who receives an alert of a region in the app and by e-mail: the region's
/// responders (the liaisons of state bodies who act, SPEC §1) and its
/// regional secretariat, the analysts of that region and the national ones,
/// and the Secretariat. An alert with no region goes to the national roles.
pub fn is_recipient(role: Role, user_region: Option<&str>, alert_region: Option<&str>) -> bool {
    match role {
        Role::Admin => true,
        Role::Analyst => user_region.is_none() || user_region == alert_region,
        Role::Responder | Role::RegionalAdmin => alert_region.is_some() && user_region == alert_region,
        _ => false,
    }
}

/// Who receives an alert of `kind`: a reminder of an assignment goes to those
/// who run the assembly's governance — the Secretariat and the regional
/// secretariat of the assignment's region — never silently to nobody (the
/// Secretariat always receives it); the monitoring's alerts as [`is_recipient`].
pub fn is_recipient_of(kind: AlertKind, role: Role, user_region: Option<&str>, alert_region: Option<&str>) -> bool {
    match kind {
        AlertKind::Reminder => match role {
            Role::Admin => true,
            Role::RegionalAdmin => alert_region.is_some() && user_region == alert_region,
            _ => false,
        },
        _ => is_recipient(role, user_region, alert_region),
    }
}

/// Whether an alert of `kind` also goes to the webhooks and addresses of
/// `alert_channels` (the monitoring's channels); reminders go to people only.
pub fn goes_to_channels(kind: AlertKind) -> bool {
    kind != AlertKind::Reminder
}

/// Channels an alert is delivered through.
pub const CHANNELS: &[&str] = &["email", "webhook"];

/// Attempts before a delivery is given up as failed (and shown so).
pub const MAX_ATTEMPTS: i64 = 6;

/// Seconds to wait before attempt `attempt + 1` after `attempt` failures:
/// 30 s, 2 min, 10 min, 30 min, 2 h.
pub fn retry_delay_seconds(failures: i64) -> i64 {
    match failures {
        i64::MIN..=1 => 30,
        2 => 120,
        3 => 600,
        4 => 1800,
        _ => 7200,
    }
}

/// A delivery's state after an attempt: `sent`, `retrying` or `failed` (no
/// attempts left).
pub fn delivery_status_after(ok: bool, attempts: i64) -> &'static str {
    if ok {
        "sent"
    } else if attempts >= MAX_ATTEMPTS {
        "failed"
    } else {
        "retrying"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALMATY: &str = "750000000";
    const ASTANA: &str = "710000000";

    #[test]
    fn spec_3_4_alerts_go_to_the_responders_of_the_region() {
        assert!(is_recipient(Role::Responder, Some(ALMATY), Some(ALMATY)));
        assert!(!is_recipient(Role::Responder, Some(ASTANA), Some(ALMATY)));
        assert!(is_recipient(Role::RegionalAdmin, Some(ALMATY), Some(ALMATY)));
        assert!(is_recipient(Role::Analyst, None, Some(ALMATY)), "national analysts");
        assert!(is_recipient(Role::Analyst, Some(ALMATY), Some(ALMATY)));
        assert!(!is_recipient(Role::Analyst, Some(ASTANA), Some(ALMATY)));
        assert!(is_recipient(Role::Admin, None, Some(ALMATY)));
        for role in [Role::Mediator, Role::OrgEditor, Role::Citizen] {
            assert!(!is_recipient(role, Some(ALMATY), Some(ALMATY)), "{role:?}");
        }
        assert!(!is_recipient(Role::Responder, Some(ALMATY), None), "a national alert is not a region's");
    }

    #[test]
    fn a_reminder_goes_to_the_secretariats_not_to_responders_or_webhooks() {
        assert!(is_recipient_of(AlertKind::Reminder, Role::Admin, None, Some(ALMATY)));
        assert!(is_recipient_of(AlertKind::Reminder, Role::Admin, None, None), "a reminder of the republic's assembly");
        assert!(is_recipient_of(AlertKind::Reminder, Role::RegionalAdmin, Some(ALMATY), Some(ALMATY)));
        assert!(!is_recipient_of(AlertKind::Reminder, Role::RegionalAdmin, Some(ASTANA), Some(ALMATY)));
        assert!(!is_recipient_of(AlertKind::Reminder, Role::Responder, Some(ALMATY), Some(ALMATY)));
        assert!(!is_recipient_of(AlertKind::Reminder, Role::Analyst, None, Some(ALMATY)));
        assert!(is_recipient_of(AlertKind::Spike, Role::Responder, Some(ALMATY), Some(ALMATY)), "the monitoring's alerts as before");
        assert!(!goes_to_channels(AlertKind::Reminder) && goes_to_channels(AlertKind::Incident));
    }

    #[test]
    fn issue_4_deliveries_are_retried_then_shown_as_failed() {
        assert_eq!(delivery_status_after(true, 1), "sent");
        assert_eq!(delivery_status_after(false, 1), "retrying");
        assert_eq!(delivery_status_after(false, MAX_ATTEMPTS), "failed");
        let mut last = 0;
        for f in 1..MAX_ATTEMPTS {
            assert!(retry_delay_seconds(f) > last, "back-off grows");
            last = retry_delay_seconds(f);
        }
    }

    #[test]
    fn the_same_event_raises_one_alert() {
        assert_eq!(dedupe_key(AlertKind::Spike, "750000000:2026-11-20"), "spike:750000000:2026-11-20");
        assert_ne!(dedupe_key(AlertKind::Incident, "7"), dedupe_key(AlertKind::Campaign, "7"));
        assert_eq!(AlertKind::from_slug("risk"), Some(AlertKind::Risk));
    }
}
