//! Execution control of decisions (issue 5 §5; SPEC §3.2): each point of a
//! decision becomes assignments to an executor (and co-executors "by
//! agreement", «по согласованию»), with a deadline; the executors report;
//! the secretariat keeps each assignment on control until it is executed or
//! taken off control.
//!
//! States: `on_control` → `executed`; `on_control` → `extended` (a new,
//! later deadline, with the reason) → `executed`; any open one → `taken_off`
//! (with the reason and who decided). `overdue` is not stored: an open
//! assignment whose deadline has passed *is* overdue, on the day after its
//! deadline, whoever looks — so no job has to run for it to show.

use serde::{Deserialize, Serialize};
use time::Date;

/// Where an assignment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ControlState {
    OnControl,
    Extended,
    Overdue,
    Executed,
    TakenOff,
}

impl ControlState {
    pub fn slug(self) -> &'static str {
        match self {
            ControlState::OnControl => "on_control",
            ControlState::Extended => "extended",
            ControlState::Overdue => "overdue",
            ControlState::Executed => "executed",
            ControlState::TakenOff => "taken_off",
        }
    }
    pub fn from_slug(s: &str) -> Option<ControlState> {
        [ControlState::OnControl, ControlState::Extended, ControlState::Overdue, ControlState::Executed, ControlState::TakenOff].into_iter().find(|c| c.slug() == s)
    }
    /// Still to be done (on control, extended or overdue).
    pub fn is_open(self) -> bool {
        matches!(self, ControlState::OnControl | ControlState::Extended | ControlState::Overdue)
    }
}

/// The state as shown on `today`: an open assignment past its deadline is overdue.
pub fn state_on(stored: ControlState, deadline: Date, today: Date) -> ControlState {
    if stored.is_open() && today > deadline {
        ControlState::Overdue
    } else {
        stored
    }
}

/// What a change of an assignment asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlChange<'a> {
    /// The executor's report accepted: executed.
    Execute,
    /// A new deadline, with the reason.
    Extend { new_deadline: Date, reason: &'a str },
    /// Taken off control, with the reason (who decided is the actor).
    TakeOff { reason: &'a str },
}

/// Checks a change against the current state and deadline; answers the new
/// stored state, or the field and i18n reason of the refusal.
pub fn apply(current: ControlState, deadline: Date, change: &ControlChange<'_>) -> Result<ControlState, (&'static str, &'static str)> {
    if !current.is_open() {
        return Err(("state", "err-assignment-closed"));
    }
    match change {
        ControlChange::Execute => Ok(ControlState::Executed),
        ControlChange::Extend { new_deadline, reason } => {
            if reason.trim().is_empty() {
                Err(("reason", "err-required"))
            } else if *new_deadline <= deadline {
                Err(("deadline", "err-extension-not-later"))
            } else {
                Ok(ControlState::Extended)
            }
        }
        ControlChange::TakeOff { reason } => {
            if reason.trim().is_empty() {
                Err(("reason", "err-required"))
            } else {
                Ok(ControlState::TakenOff)
            }
        }
    }
}

/// Days before a deadline on which the executor is reminded.
pub const REMINDER_DAYS: [i64; 3] = [7, 3, 1];

/// A reminder is due on `today` for an open assignment with this deadline:
/// answers the days left (7, 3 or 1).
pub fn reminder_due(state: ControlState, deadline: Date, today: Date) -> Option<i64> {
    let left = (deadline - today).whole_days();
    (state.is_open() && REMINDER_DAYS.contains(&left)).then_some(left)
}

/// The control dashboard's order: overdue first (the longest overdue at the
/// top), then open ones by the nearest deadline, then the closed ones.
pub fn control_order(state: ControlState, deadline: Date) -> (u8, i32) {
    let rank = match state {
        ControlState::Overdue => 0,
        ControlState::OnControl | ControlState::Extended => 1,
        ControlState::Executed | ControlState::TakenOff => 2,
    };
    let days = deadline.to_julian_day();
    (rank, if rank == 2 { -days } else { days })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn issue_5_an_open_assignment_is_overdue_the_day_after_its_deadline() {
        let deadline = date!(2026 - 06 - 30);
        assert_eq!(state_on(ControlState::OnControl, deadline, date!(2026 - 06 - 30)), ControlState::OnControl, "on the deadline itself");
        assert_eq!(state_on(ControlState::OnControl, deadline, date!(2026 - 07 - 01)), ControlState::Overdue);
        assert_eq!(state_on(ControlState::Extended, deadline, date!(2026 - 07 - 01)), ControlState::Overdue);
        assert_eq!(state_on(ControlState::Executed, deadline, date!(2026 - 07 - 01)), ControlState::Executed);
    }

    #[test]
    fn issue_5_extension_needs_a_later_deadline_and_a_reason_taking_off_a_reason() {
        let d = date!(2026 - 06 - 30);
        assert_eq!(apply(ControlState::OnControl, d, &ControlChange::Extend { new_deadline: date!(2026 - 09 - 30), reason: "Перенос форума" }), Ok(ControlState::Extended));
        assert_eq!(apply(ControlState::OnControl, d, &ControlChange::Extend { new_deadline: d, reason: "x" }), Err(("deadline", "err-extension-not-later")));
        assert_eq!(apply(ControlState::OnControl, d, &ControlChange::Extend { new_deadline: date!(2026 - 09 - 30), reason: " " }), Err(("reason", "err-required")));
        assert_eq!(apply(ControlState::Overdue, d, &ControlChange::TakeOff { reason: "Утратило актуальность" }), Ok(ControlState::TakenOff));
        assert_eq!(apply(ControlState::OnControl, d, &ControlChange::TakeOff { reason: "" }), Err(("reason", "err-required")));
        assert_eq!(apply(ControlState::Overdue, d, &ControlChange::Execute), Ok(ControlState::Executed), "executed late is executed");
        assert_eq!(apply(ControlState::Executed, d, &ControlChange::Execute), Err(("state", "err-assignment-closed")));
        assert_eq!(apply(ControlState::TakenOff, d, &ControlChange::Extend { new_deadline: date!(2027 - 01 - 01), reason: "x" }), Err(("state", "err-assignment-closed")));
    }

    #[test]
    fn issue_5_reminders_seven_three_and_one_day_before() {
        let d = date!(2026 - 06 - 30);
        assert_eq!(reminder_due(ControlState::OnControl, d, date!(2026 - 06 - 23)), Some(7));
        assert_eq!(reminder_due(ControlState::OnControl, d, date!(2026 - 06 - 27)), Some(3));
        assert_eq!(reminder_due(ControlState::Extended, d, date!(2026 - 06 - 29)), Some(1));
        assert_eq!(reminder_due(ControlState::OnControl, d, date!(2026 - 06 - 28)), None);
        assert_eq!(reminder_due(ControlState::Executed, d, date!(2026 - 06 - 29)), None);
    }

    #[test]
    fn issue_5_the_control_dashboard_shows_overdue_items_first() {
        let mut items = [
            (ControlState::OnControl, date!(2026 - 08 - 01)),
            (ControlState::Executed, date!(2026 - 05 - 01)),
            (ControlState::Overdue, date!(2026 - 06 - 15)),
            (ControlState::OnControl, date!(2026 - 07 - 10)),
            (ControlState::Overdue, date!(2026 - 03 - 01)),
        ];
        items.sort_by_key(|(s, d)| control_order(*s, *d));
        assert_eq!(items.map(|i| i.1), [date!(2026 - 03 - 01), date!(2026 - 06 - 15), date!(2026 - 07 - 10), date!(2026 - 08 - 01), date!(2026 - 05 - 01)]);
    }
}
