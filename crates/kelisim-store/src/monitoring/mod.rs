//! The monitoring centre's tables (SPEC §3.4): documents of the information
//! field with their analysis (`documents`), the per region × day × group
//! counts kept up to date as they arrive (`daily`), and the pseudonymisation
//! of authors (`authors`).
//!
//! This module stores what it is given: the analysis comes from the text
//! engine through the ingestion pipeline of `kelisim-web`, and the counting
//! rules from `kelisim_core::monitoring`.

pub mod authors;
pub mod daily;
pub mod documents;
