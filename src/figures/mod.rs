//! Figures: every numeric expression of an article, turned into an interval with a qualifier,
//! a kind (only counts and amounts are compared; dates, times, durations, identifiers never are),
//! and what it counts (noun, predicate, place), from which the quantity key is made that groups
//! figures of the same quantity across outlets.

mod model;

pub use model::*;

use crate::text::Span;

/// Every figure of one article, in text order. `excluded` are byte ranges to skip.
pub fn extract(text: &str, excluded: &[Span]) -> Vec<Figure> {
    let _ = (text, excluded);
    Vec::new()
}
