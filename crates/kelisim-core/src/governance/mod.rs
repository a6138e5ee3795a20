//! Governance of the Assembly (SPEC §3.2): sessions and the Council by the
//! rules of the Regulation on the Assembly (seed 004, p.8 and p.9). The
//! rules only: counts, dates and instants come in, answers go out (and the
//! execution control of decisions, `control.rs`); storing
//! sessions, attendance, ballots and polls is `kelisim-store`'s.

pub mod control;
pub mod council;
pub mod session;
