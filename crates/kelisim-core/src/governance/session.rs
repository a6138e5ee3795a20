//! Sessions of the Assembly by the Regulation on the Assembly (seed 004,
//! p.8), each rule one function:
//!
//! «8. Сессии Ассамблеи созываются Председателем Ассамблеи. Дата, место
//! проведения и предполагаемая повестка дня сессии Ассамблеи объявляются за
//! месяц до начала ее работы. Сессия созывается не реже одного раза в год.
//! Внеочередная сессия Ассамблеи созывается Председателем Ассамблеи по
//! собственной инициативе или по просьбе не менее одной трети от общего числа
//! членов Ассамблеи и проводится в месячный срок со дня принятия решения.
//! Сессия Ассамблеи считается правомочной, если в ее работе принимают участие
//! не менее двух третей от общего числа членов Ассамблеи. Решение сессии
//! считается принятым, если за него проголосовало более половины
//! присутствующих членов Ассамблеи. Способ голосования при принятии решения
//! определяет сессия Ассамблеи.»
//!
//! Decisions where the Regulation is silent, written here once:
//! - "за месяц" is one calendar month: a session opening on 31 March needs
//!   its announcement by 28 (29) February, the last day the month has;
//! - "не реже одного раза в год" is read per calendar year: a year with no
//!   regular session is a breach the control dashboard shows;
//! - the month's notice is checked for regular sessions (the reading:
//!   an extraordinary session is bound by its own month instead, from the
//!   decision to convene it).
//!
//! Counts are whole members and compared in integers: "at least two thirds"
//! is `3·present ≥ 2·total`, never a rounded fraction.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A session is regular (at least once a year) or extraordinary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Regular,
    Extraordinary,
}

/// Who asked for an extraordinary session (p.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConvenedOn {
    /// «по собственной инициативе» of the Chairman.
    ChairmanInitiative,
    /// «по просьбе не менее одной трети от общего числа членов Ассамблеи».
    MembersRequest,
}

/// The same day one calendar month later (or earlier, for negative
/// `months`), clamped to the last day of a shorter month.
pub fn add_months(date: Date, months: i32) -> Date {
    let index = date.year() * 12 + (date.month() as i32 - 1) + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    let month = Month::try_from(month0 as u8 + 1).expect("a month from 1 to 12");
    let last = month.length(year);
    Date::from_calendar_date(year, month, date.day().min(last)).expect("a valid day")
}

/// The last day the date, place and draft agenda of a regular session may
/// be announced: one calendar month before it opens (p.8, «объявляются за
/// месяц до начала ее работы»).
pub fn announcement_deadline(opens_on: Date) -> Date {
    add_months(opens_on, -1)
}

/// p.8: a regular session announced on `announced_on` may open on
/// `opens_on` (at least a month's notice). Extraordinary sessions are not
/// bound by it (see the module doc) and always answer true.
pub fn notice_is_enough(kind: SessionKind, announced_on: Date, opens_on: Date) -> bool {
    match kind {
        SessionKind::Regular => announced_on <= announcement_deadline(opens_on),
        SessionKind::Extraordinary => true,
    }
}

/// p.8: members' request for an extraordinary session carries when at least
/// one third of all members of the Assembly signed it.
pub fn request_is_enough(signatories: u32, total_members: u32) -> bool {
    total_members > 0 && 3 * u64::from(signatories) >= u64::from(total_members)
}

/// p.8: the last day an extraordinary session may open, «в месячный срок со
/// дня принятия решения».
pub fn extraordinary_deadline(decided_on: Date) -> Date {
    add_months(decided_on, 1)
}

/// p.8: an extraordinary session decided on `decided_on` may open on
/// `opens_on`: not before the decision, and within the month.
pub fn extraordinary_in_time(decided_on: Date, opens_on: Date) -> bool {
    opens_on >= decided_on && opens_on <= extraordinary_deadline(decided_on)
}

/// p.8: the calendar years from `from` to `to` (inclusive) with no regular
/// session held (`held`: the opening days of the regular sessions).
pub fn years_without_regular_session(held: &[Date], from: i32, to: i32) -> Vec<i32> {
    (from..=to).filter(|y| !held.iter().any(|d| d.year() == *y)).collect()
}

/// p.8: the session is competent (quorum) when at least two thirds of all
/// members of the Assembly take part.
pub fn has_quorum(present: u32, total_members: u32) -> bool {
    total_members > 0 && 3 * u64::from(present) >= 2 * u64::from(total_members)
}

/// The least number of members present that makes the quorum.
pub fn quorum_needed(total_members: u32) -> u32 {
    (2 * u64::from(total_members)).div_ceil(3) as u32
}

/// p.8: a decision of the session passes when more than half of the members
/// present voted for it (abstentions and votes against count alike: they are
/// not "for").
pub fn decision_passes(votes_for: u32, present: u32) -> bool {
    present > 0 && 2 * u64::from(votes_for) > u64::from(present)
}

/// The least number of votes for that passes a decision with `present` members.
pub fn votes_needed(present: u32) -> u32 {
    present / 2 + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn seed_004_p8_a_regular_session_is_announced_a_month_before() {
        assert!(notice_is_enough(SessionKind::Regular, date!(2026 - 03 - 15), date!(2026 - 04 - 15)), "exactly a month");
        assert!(!notice_is_enough(SessionKind::Regular, date!(2026 - 03 - 16), date!(2026 - 04 - 15)), "a day short");
        assert!(notice_is_enough(SessionKind::Regular, date!(2026 - 01 - 10), date!(2026 - 04 - 15)));
        // A month before 31 March is the last day of February.
        assert_eq!(announcement_deadline(date!(2026 - 03 - 31)), date!(2026 - 02 - 28));
        assert_eq!(announcement_deadline(date!(2028 - 03 - 31)), date!(2028 - 02 - 29));
        assert_eq!(announcement_deadline(date!(2027 - 01 - 20)), date!(2026 - 12 - 20), "across the year");
        assert!(notice_is_enough(SessionKind::Extraordinary, date!(2026 - 04 - 14), date!(2026 - 04 - 15)), "bound by its own month");
    }

    #[test]
    fn seed_004_p8_an_extraordinary_session_at_the_request_of_a_third_of_the_members() {
        assert!(request_is_enough(100, 300), "exactly one third");
        assert!(!request_is_enough(99, 300));
        assert!(request_is_enough(34, 100), "one third of 100 is 33.3: 34 needed");
        assert!(!request_is_enough(33, 100));
        assert!(!request_is_enough(0, 0));
    }

    #[test]
    fn seed_004_p8_an_extraordinary_session_is_held_within_a_month_of_the_decision() {
        assert!(extraordinary_in_time(date!(2026 - 05 - 10), date!(2026 - 06 - 10)), "the last day of the month");
        assert!(!extraordinary_in_time(date!(2026 - 05 - 10), date!(2026 - 06 - 11)));
        assert!(!extraordinary_in_time(date!(2026 - 05 - 10), date!(2026 - 05 - 09)), "not before the decision");
        assert_eq!(extraordinary_deadline(date!(2026 - 01 - 31)), date!(2026 - 02 - 28));
    }

    #[test]
    fn seed_004_p8_a_session_is_convened_at_least_once_a_year() {
        let held = [date!(2024 - 04 - 27), date!(2026 - 04 - 29)];
        assert_eq!(years_without_regular_session(&held, 2024, 2026), vec![2025]);
        assert!(years_without_regular_session(&held, 2026, 2026).is_empty());
    }

    #[test]
    fn seed_004_p8_quorum_is_two_thirds_of_all_members() {
        assert!(has_quorum(200, 300), "exactly two thirds");
        assert!(!has_quorum(199, 300));
        assert!(has_quorum(67, 100), "two thirds of 100 is 66.7: 67 needed");
        assert!(!has_quorum(66, 100));
        assert_eq!(quorum_needed(100), 67);
        assert_eq!(quorum_needed(300), 200);
        assert!(!has_quorum(0, 0));
    }

    #[test]
    fn seed_004_p8_a_decision_needs_more_than_half_of_those_present() {
        assert!(!decision_passes(100, 200), "exactly half is not more than half");
        assert!(decision_passes(101, 200));
        assert!(decision_passes(101, 201), "101 of 201");
        assert!(!decision_passes(100, 201));
        assert_eq!(votes_needed(200), 101);
        assert_eq!(votes_needed(201), 101);
        assert!(!decision_passes(0, 0));
    }

    #[test]
    fn months_are_calendar_months() {
        assert_eq!(add_months(date!(2026 - 12 - 15), 1), date!(2027 - 01 - 15));
        assert_eq!(add_months(date!(2026 - 01 - 15), -1), date!(2025 - 12 - 15));
        assert_eq!(add_months(date!(2026 - 08 - 31), 1), date!(2026 - 09 - 30));
    }
}
