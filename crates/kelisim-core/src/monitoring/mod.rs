//! The monitoring and early-warning centre (SPEC §3.4): the rules of the
//! information field, spikes and campaigns, incidents, the risk index and
//! alerts.
//!
//! Like the rest of this crate it does no I/O and reads no clock: callers pass
//! "now". The text engine (`kelisim-text`) is not known here; the documents'
//! analysis arrives as plain values.

pub mod alert;
pub mod calendar;
pub mod campaign;
pub mod document;
pub mod field;
pub mod incident;
pub mod risk;
pub mod spike;

pub use document::{instant_text, local_day, parse_document, ValidDocument, DOCUMENT_LANGS, KAZAKHSTAN_UTC_OFFSET_HOURS};
pub use field::{is_flagged, is_hostile, ALL_GROUPS, NO_REGION};
