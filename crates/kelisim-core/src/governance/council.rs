//! The Council of the Assembly between sessions (seed 004, p.9), each rule
//! one function:
//!
//! «Решение Совета Ассамблеи является правомочным, если оно было принято не
//! менее двумя третями от общего числа членов Совета Ассамблеи. Решение
//! Совета Ассамблеи может быть принято опросным путем, проводимым рабочим
//! органом Ассамблеи. Заседание Совета Ассамблеи по мере необходимости
//! созывается совместно заместителями Председателя Ассамблеи по согласованию
//! с Председателем Ассамблеи.»
//!
//! The Regulation counts the Council's decisions against *all* its members,
//! at a meeting and in a written poll alike: a decision stands when at least
//! two thirds of the whole Council voted for it, however many took part.

use time::OffsetDateTime;

/// p.9: a Council decision stands when at least two thirds of all Council
/// members voted for it.
pub fn council_decision_valid(votes_for: u32, council_members: u32) -> bool {
    council_members > 0 && 3 * u64::from(votes_for) >= 2 * u64::from(council_members)
}

/// The least number of votes for that makes a Council decision.
pub fn council_votes_needed(council_members: u32) -> u32 {
    (2 * u64::from(council_members)).div_ceil(3) as u32
}

/// p.9, written poll («опросным путем, проводимым рабочим органом»): an
/// answer counts when it reached the working body by the poll's deadline.
pub fn poll_answer_counts(answered_at: OffsetDateTime, deadline: OffsetDateTime) -> bool {
    answered_at <= deadline
}

/// Where a written poll stands, given its tally and the instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollOutcome {
    /// The votes for make two thirds of all members: the decision is taken
    /// (more answers cannot undo it, so the poll may close at once).
    Adopted,
    /// Before the deadline and not yet two thirds for.
    Open,
    /// The deadline passed without two thirds for.
    NotAdopted,
}

/// p.9: the outcome of a written poll with `votes_for` answers "for" among
/// `council_members`, at `now` against its `deadline`.
pub fn poll_outcome(votes_for: u32, council_members: u32, now: OffsetDateTime, deadline: OffsetDateTime) -> PollOutcome {
    match (council_decision_valid(votes_for, council_members), now > deadline) {
        (true, _) => PollOutcome::Adopted,
        (false, false) => PollOutcome::Open,
        (false, true) => PollOutcome::NotAdopted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn seed_004_p9_a_council_decision_needs_two_thirds_of_all_council_members() {
        assert!(council_decision_valid(20, 30), "exactly two thirds");
        assert!(!council_decision_valid(19, 30));
        assert!(council_decision_valid(27, 40), "two thirds of 40 is 26.7: 27 needed");
        assert!(!council_decision_valid(26, 40));
        assert_eq!(council_votes_needed(40), 27);
        assert_eq!(council_votes_needed(30), 20);
        assert!(!council_decision_valid(0, 0));
    }

    #[test]
    fn seed_004_p9_a_written_poll_counts_the_answers_by_its_deadline() {
        let deadline = datetime!(2026-06-10 18:00 UTC);
        assert!(poll_answer_counts(datetime!(2026-06-10 18:00 UTC), deadline), "at the deadline");
        assert!(!poll_answer_counts(datetime!(2026-06-10 18:01 UTC), deadline));
        let before = datetime!(2026-06-09 12:00 UTC);
        let after = datetime!(2026-06-11 09:00 UTC);
        assert_eq!(poll_outcome(20, 30, before, deadline), PollOutcome::Adopted);
        assert_eq!(poll_outcome(19, 30, before, deadline), PollOutcome::Open);
        assert_eq!(poll_outcome(19, 30, after, deadline), PollOutcome::NotAdopted, "two thirds of all members, not of those who answered");
        assert_eq!(poll_outcome(20, 30, after, deadline), PollOutcome::Adopted);
    }
}
