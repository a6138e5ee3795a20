//! The text engine behind the information-field monitoring (SPEC §3.4).
//!
//! Pure and deterministic: no I/O, no database, no async, no clock. It knows
//! nothing of HTTP or storage; the monitoring layer calls it.
//!
//! Stages (each its own module):
//! 1. [`normalize`] — markup and entities out, NFKC, case folding, `ё`→`е`,
//!    look-alike letters and digits-as-letters folded to the word's script,
//!    emphatic repeats collapsed, Kazakh Latin (2021 alphabet and informal
//!    spellings) to Cyrillic — keeping, for every byte of the normalised text,
//!    the span of the original text it came from.
//!
//! Work in progress (issue 3): districts, the trained hostility
//! and attitude model, the `kelisim text`
//! commands.

pub mod cues;
pub mod features;
pub mod groups;
pub mod lang;
pub mod lexicon;
pub mod linear;
pub mod morph;
pub mod normalize;
pub mod places;
pub mod signature;
pub mod translit;

pub use normalize::{normalize, Normalized};
