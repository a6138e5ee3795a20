//! The monitoring centre's tables (SPEC §3.4): documents of the information
//! field with their analysis (`documents`), the per region × day × group
//! counts kept up to date as they arrive (`daily`), the pseudonymisation of
//! authors (`authors`), the spikes and campaigns found in them (`signals`),
//! incidents and their timeline (`incidents`), the weekly risk index and its
//! backtest (`risk`), alerts and their deliveries (`alerts`).
//!
//! This module stores what it is given and applies the rules of
//! `kelisim_core::monitoring`: the analysis comes from the text engine
//! through the ingestion pipeline of `kelisim-web`.

pub mod alerts;
pub mod authors;
pub mod daily;
pub mod documents;
pub mod incidents;
pub mod risk;
pub mod signals;
