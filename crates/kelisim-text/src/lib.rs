//! The text engine behind the information-field monitoring (SPEC §3.4).
//!
//! Pure and deterministic: no I/O, no database, no async, no clock. It knows
//! nothing of HTTP or storage; the monitoring layer calls it.
//!
//! [`Model::analyze`] runs the pipeline on one text; the stages are modules:
//! [`normalize`](mod@normalize) (markup, Unicode, case, look-alikes, Kazakh Latin → one
//! spelling, with offsets back to the original), [`lang`], [`scan`] (one
//! automaton for every lexicon) feeding [`groups`] and [`places`],
//! [`features`], [`model`] (hostility, ethnic hostility, attitude per group),
//! [`refine`] (the attitude's second stage: boosted trees over its context),
//! [`signature`] (near duplicates). [`training`] learns a model from
//! annotated texts and measures it; [`metrics`] holds the figures.

pub mod analyze;
pub mod bridge;
pub mod chars;
pub mod embeddings;
pub mod features;
pub mod file;
pub mod forms;
pub mod groups;
pub mod hash;
pub mod hostile_words;
pub mod lang;
mod lang_endings;
pub mod lexicon;
pub mod linear;
pub mod metrics;
pub mod model;
pub mod morph;
pub mod normalize;
pub mod places;
pub mod refine;
pub mod scan;
pub mod short;
pub mod signature;
pub mod spans;
pub mod training;
pub mod translit;
pub mod word_memo;

pub use analyze::{Analysis, GroupAttitude, Span, TargetAttitude};
pub use lang::Lang;
pub use model::{Attitude, Model};
pub use normalize::{normalize, Normalized};

/// Every pattern of the engine's lexicons (group stems, slurs, places and
/// districts, the Kazakh bridge's forms, the words of enmity): what a bare Aho-Corasick scan would
/// have to look for to do the engine's matching without the rest of the
/// pipeline (`kelisim text bench`).
pub fn lexicon_patterns() -> Vec<&'static str> {
    let mut patterns = scan::patterns();
    patterns.extend(bridge::forms());
    patterns.extend(hostile_words::forms());
    patterns
}
