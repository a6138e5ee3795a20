//! Kelisim's domain: the types and rules of the Assembly of People of Kazakhstan,
//! written once and used by every other crate.
//!
//! This crate does no I/O: no database, no HTTP, no clock reads (callers pass
//! "today" in). Every rule taken from the seed documents is one function here,
//! with a test that quotes the clause it implements.

pub mod access;
pub mod error;
pub mod governance;
pub mod membership;
pub mod monitoring;
pub mod org_type;
pub mod organisation;
pub mod person;
pub mod plan;
pub mod reference;
pub mod role;
pub mod text;

pub use error::{FieldError, ValidationErrors};
pub use org_type::OrgType;
pub use role::Role;
