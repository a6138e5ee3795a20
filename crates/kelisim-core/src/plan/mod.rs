//! The action plan and its items (SPEC §3.3): the rules only — how an
//! item's periodicity is read and when it falls due (`periodicity.rs`), and
//! where a due date stands (`execution.rs`).

pub mod execution;
pub mod periodicity;
