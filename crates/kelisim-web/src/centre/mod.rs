//! The monitoring centre's work outside a request: the detectors and the
//! risk index run on a timer (`jobs`), alerts delivered by e-mail and webhook
//! (`delivery`), and the words of an alert in each language (`messages`).
//!
//! The rules are `kelisim_core::monitoring`'s, the data `kelisim_store`'s;
//! this module schedules and sends.

pub mod delivery;
pub mod jobs;
pub mod messages;
