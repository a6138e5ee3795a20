//! The execution of an action plan (SPEC §3.3): where a due date of an item
//! stands. A due date with a report is `reported`; without one it is `due`
//! up to and on the day, and `overdue` from the day after — the same reading
//! of a deadline as the execution control of decisions
//! (`governance::control::state_on`).

use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    Reported,
    Due,
    Overdue,
}

impl DueState {
    pub fn slug(self) -> &'static str {
        match self {
            DueState::Reported => "reported",
            DueState::Due => "due",
            DueState::Overdue => "overdue",
        }
    }
}

/// Where one due date stands on `today`.
pub fn due_state(reported: bool, due_on: Date, today: Date) -> DueState {
    if reported {
        DueState::Reported
    } else if today > due_on {
        DueState::Overdue
    } else {
        DueState::Due
    }
}

/// The share of due dates up to `today` that have their report, in percent
/// (`None` when nothing has fallen due yet).
pub fn executed_percent(states: &[DueState]) -> Option<f64> {
    let fallen: Vec<&DueState> = states.iter().filter(|s| **s != DueState::Due).collect();
    if fallen.is_empty() {
        return None;
    }
    let done = fallen.iter().filter(|s| ***s == DueState::Reported).count();
    Some((done as f64 * 1000.0 / fallen.len() as f64).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_due_date_is_overdue_from_the_day_after() {
        let due = date!(2026 - 05 - 01);
        assert_eq!(due_state(false, due, date!(2026 - 05 - 01)), DueState::Due, "on the day it is still due");
        assert_eq!(due_state(false, due, date!(2026 - 05 - 02)), DueState::Overdue);
        assert_eq!(due_state(true, due, date!(2026 - 06 - 02)), DueState::Reported);
        assert_eq!(due_state(true, due, date!(2026 - 01 - 02)), DueState::Reported, "a report ahead of time counts");
    }

    #[test]
    fn the_executed_share_counts_only_what_has_fallen_due() {
        use DueState::*;
        assert_eq!(executed_percent(&[Due, Due]), None);
        assert_eq!(executed_percent(&[Reported, Overdue, Overdue, Due]), Some(33.3));
        assert_eq!(executed_percent(&[Reported, Reported]), Some(100.0));
    }
}
