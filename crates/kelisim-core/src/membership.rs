//! Membership of the Assembly: the procedure of the Regulation on the Assembly
//! (seed 004, section 4 "Принятие в состав и вывод из состава Ассамблеи").
//!
//! p.14: «Кандидаты в члены Ассамблеи по предложениям национально-культурных
//! центров выдвигаются решениями сессии малых ассамблей, от региональных и
//! республиканских общественных объединений рекомендуются решениями их высших
//! органов. Все кандидатуры в члены Ассамблеи рассматриваются на заседании
//! Совета Ассамблеи и представляются заместителями Председателя Ассамблеи на
//! утверждение Председателю Ассамблеи. Председатель Ассамблеи вправе отклонить
//! предложенные кандидатуры и ввести в состав Ассамблеи по своему усмотрению
//! других лиц.»
//!
//! p.15: «Председатель Ассамблеи ... может вывести из состава Ассамблеи любого
//! ее члена в случае: изменения места работы члена Ассамблеи государственного
//! служащего, входившего в состав Ассамблеи по своей должности; освобождения
//! от выборной должности лица, входившего в состав Ассамблеи по своей
//! должности; по иным основаниям.»
//!
//! Voluntary exit is not in the Regulation; SPEC §3.1 adds it.

use serde::{Deserialize, Serialize};

/// Where a membership file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipState {
    /// Nominated by a small assembly's session or an association's highest body.
    Nominated,
    /// Reviewed at a Council meeting; presented to the Chairman.
    CouncilReviewed,
    /// Approved by the Chairman (or introduced at the Chairman's discretion).
    Member,
    /// The Chairman declined the candidate.
    Rejected,
    /// Removed by the Chairman on one of the grounds of p.15.
    Removed,
    /// Left of their own will.
    Exited,
}

impl MembershipState {
    pub fn slug(self) -> &'static str {
        match self {
            MembershipState::Nominated => "nominated",
            MembershipState::CouncilReviewed => "council_reviewed",
            MembershipState::Member => "member",
            MembershipState::Rejected => "rejected",
            MembershipState::Removed => "removed",
            MembershipState::Exited => "exited",
        }
    }
    pub fn from_slug(s: &str) -> Option<Self> {
        [Self::Nominated, Self::CouncilReviewed, Self::Member, Self::Rejected, Self::Removed, Self::Exited]
            .into_iter()
            .find(|m| m.slug() == s)
    }
}

/// Who nominated a candidate (p.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NominatingBody {
    /// A decision of the session of a small (regional) assembly.
    RegionalAssemblySession,
    /// A decision of the highest body of a regional or republican association.
    AssociationHighestBody,
}

/// Grounds for removal (p.15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemovalGround {
    /// A civil servant, member by post, changed post.
    ChangeOfPost,
    /// A member by elected office was released from it.
    EndOfElectedOffice,
    /// Other grounds (stated in the note).
    Other,
}

/// One step of the procedure, as recorded with its date and actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum MembershipStep {
    Nominate { body: NominatingBody, organisation_id: i64, decision: String },
    CouncilReview { recommended: bool },
    ChairmanApprove,
    ChairmanReject,
    /// p.14: the Chairman "вправе ... ввести в состав Ассамблеи по своему усмотрению других лиц".
    ChairmanAppoint,
    Remove { ground: RemovalGround },
    VoluntaryExit,
}

impl MembershipStep {
    pub fn slug(&self) -> &'static str {
        match self {
            MembershipStep::Nominate { .. } => "nominate",
            MembershipStep::CouncilReview { .. } => "council_review",
            MembershipStep::ChairmanApprove => "chairman_approve",
            MembershipStep::ChairmanReject => "chairman_reject",
            MembershipStep::ChairmanAppoint => "chairman_appoint",
            MembershipStep::Remove { .. } => "remove",
            MembershipStep::VoluntaryExit => "voluntary_exit",
        }
    }
}

/// Why a step was refused (an i18n key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MembershipError {
    #[error("err-membership-step-out-of-order")]
    OutOfOrder,
    #[error("err-membership-note-required")]
    NoteRequired,
    #[error("err-membership-date-before-previous")]
    DateBeforePrevious,
    #[error("err-membership-decision-required")]
    DecisionRequired,
}

impl MembershipError {
    pub const ALL: [MembershipError; 4] = [MembershipError::OutOfOrder, MembershipError::NoteRequired, MembershipError::DateBeforePrevious, MembershipError::DecisionRequired];
}

/// The state a file reaches by `step` from `current` (`None`: no file yet).
///
/// Regulation p.14: nomination → review by the Council → the Chairman's
/// approval or rejection; or the Chairman's own appointment. p.15: removal of a
/// member on a stated ground. SPEC §3.1: voluntary exit of a member.
pub fn next_membership_state(current: Option<MembershipState>, step: &MembershipStep) -> Result<MembershipState, MembershipError> {
    use MembershipState as S;
    use MembershipStep as T;
    match (current, step) {
        (None | Some(S::Rejected | S::Removed | S::Exited), T::Nominate { decision, .. }) => {
            if decision.trim().is_empty() {
                Err(MembershipError::DecisionRequired)
            } else {
                Ok(S::Nominated)
            }
        }
        (None | Some(S::Rejected | S::Removed | S::Exited), T::ChairmanAppoint) => Ok(S::Member),
        (Some(S::Nominated), T::CouncilReview { .. }) => Ok(S::CouncilReviewed),
        (Some(S::CouncilReviewed), T::ChairmanApprove) => Ok(S::Member),
        (Some(S::CouncilReviewed), T::ChairmanReject) => Ok(S::Rejected),
        (Some(S::Member), T::Remove { .. }) => Ok(S::Removed),
        (Some(S::Member), T::VoluntaryExit) => Ok(S::Exited),
        _ => Err(MembershipError::OutOfOrder),
    }
}

/// A removal "по иным основаниям" (other grounds) must say which: the note is required.
pub fn removal_needs_note(step: &MembershipStep, note: &str) -> Result<(), MembershipError> {
    match step {
        MembershipStep::Remove { ground: RemovalGround::Other } if note.trim().is_empty() => Err(MembershipError::NoteRequired),
        _ => Ok(()),
    }
}

/// Steps are recorded in the order they happened: a step's date (`YYYY-MM-DD`)
/// is not before the previous step's.
pub fn step_date_in_order(previous: Option<&str>, date: &str) -> Result<(), MembershipError> {
    match previous {
        Some(prev) if date < prev => Err(MembershipError::DateBeforePrevious),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MembershipState as S;

    fn nominate() -> MembershipStep {
        MembershipStep::Nominate { body: NominatingBody::RegionalAssemblySession, organisation_id: 1, decision: "№ 3 от 12.03.2026".into() }
    }

    #[test]
    fn regulation_p14_nomination_then_council_then_chairman() {
        let s = next_membership_state(None, &nominate()).unwrap();
        assert_eq!(s, S::Nominated);
        let s = next_membership_state(Some(s), &MembershipStep::CouncilReview { recommended: true }).unwrap();
        assert_eq!(s, S::CouncilReviewed);
        assert_eq!(next_membership_state(Some(s), &MembershipStep::ChairmanApprove), Ok(S::Member));
        assert_eq!(next_membership_state(Some(s), &MembershipStep::ChairmanReject), Ok(S::Rejected));
    }

    #[test]
    fn regulation_p14_chairman_cannot_approve_before_council_review() {
        assert_eq!(next_membership_state(Some(S::Nominated), &MembershipStep::ChairmanApprove), Err(MembershipError::OutOfOrder));
        assert_eq!(next_membership_state(None, &MembershipStep::ChairmanApprove), Err(MembershipError::OutOfOrder));
    }

    #[test]
    fn regulation_p14_nomination_cites_the_decision() {
        let step = MembershipStep::Nominate { body: NominatingBody::AssociationHighestBody, organisation_id: 1, decision: " ".into() };
        assert_eq!(next_membership_state(None, &step), Err(MembershipError::DecisionRequired));
    }

    #[test]
    fn regulation_p14_chairman_may_introduce_other_persons() {
        assert_eq!(next_membership_state(None, &MembershipStep::ChairmanAppoint), Ok(S::Member));
    }

    #[test]
    fn regulation_p15_removal_only_of_a_member_and_other_grounds_stated() {
        let other = MembershipStep::Remove { ground: RemovalGround::Other };
        assert_eq!(next_membership_state(Some(S::Member), &other), Ok(S::Removed));
        assert_eq!(next_membership_state(Some(S::Nominated), &other), Err(MembershipError::OutOfOrder));
        assert_eq!(removal_needs_note(&other, ""), Err(MembershipError::NoteRequired));
        assert_eq!(removal_needs_note(&MembershipStep::Remove { ground: RemovalGround::ChangeOfPost }, ""), Ok(()));
    }

    #[test]
    fn spec_3_1_voluntary_exit_of_a_member() {
        assert_eq!(next_membership_state(Some(S::Member), &MembershipStep::VoluntaryExit), Ok(S::Exited));
        assert_eq!(next_membership_state(Some(S::Exited), &MembershipStep::VoluntaryExit), Err(MembershipError::OutOfOrder));
        assert_eq!(next_membership_state(Some(S::Exited), &nominate()), Ok(S::Nominated));
    }

    #[test]
    fn steps_are_dated_in_order() {
        assert_eq!(step_date_in_order(Some("2026-03-01"), "2026-02-01"), Err(MembershipError::DateBeforePrevious));
        assert_eq!(step_date_in_order(Some("2026-03-01"), "2026-03-01"), Ok(()));
        assert_eq!(step_date_in_order(None, "2000-01-01"), Ok(()));
    }
}
