//! Reference data that ships with the binary: regions and districts, ethnic
//! groups with their 2021 census shares, languages. Loaded into the database
//! by `migrate`; the code reads these tables, not these arrays, so that an
//! administrator's corrections are kept.

pub mod action_plan;
pub mod composition;
pub mod districts;
pub mod ethnic_groups;
pub mod indicators;
pub mod languages;
pub mod regions;

pub use districts::District;
pub use ethnic_groups::{EthnicGroup, ETHNIC_GROUPS};
pub use languages::{Language, LANGUAGES};
pub use regions::{Region, REGIONS};
