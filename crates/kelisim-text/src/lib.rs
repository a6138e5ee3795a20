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

pub mod analyze;
pub mod chars;
pub mod features;
pub mod groups;
pub mod lang;
pub mod lexicon;
pub mod linear;
pub mod metrics;
pub mod model;
pub mod morph;
pub mod normalize;
pub mod places;
pub mod scan;
pub mod signature;
pub mod training;
pub mod translit;

pub use analyze::{Analysis, GroupAttitude, Span, TargetAttitude};
pub use lang::Lang;
pub use model::{Attitude, Model};
pub use normalize::{normalize, Normalized};

/// Every pattern of the engine's lexicons (group stems, slurs, places and
/// districts): what a bare Aho-Corasick scan would have to look for to do
/// the engine's matching without the rest of the pipeline (`kelisim text bench`).
pub fn lexicon_patterns() -> Vec<&'static str> {
    scan::patterns()
}
