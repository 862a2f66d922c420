//! Text primitives shared by every layer: the line index that maps byte offsets to lines and
//! columns (UTF-8 or UTF-16), and segmentation into sentences and words.
//!
//! Everything in the analysis core speaks byte offsets into the article text; only this module
//! knows about lines and code units, so a column is computed in exactly one place.

mod fold;
mod line_index;
mod segment;
mod sentence_lookup;

pub use fold::fold;
pub use line_index::{Encoding, LazyLineIndex, LineCol, LineIndex};
pub use segment::{lines_inclusive, sentences, words, Word};
pub use sentence_lookup::SentenceLookup;

/// A half-open byte range into an article's text.
pub type Span = std::ops::Range<usize>;

/// False only when `s` holds no decimal digit of any script (what `\d` matches in a Unicode
/// pattern): a cheap test before a pattern that needs one.
pub fn may_hold_digit(s: &str) -> bool {
    // one pass: ASCII bytes as they are, other characters decoded (is_numeric is a superset of \d)
    s.chars().any(|c| if c.is_ascii() { c.is_ascii_digit() } else { c.is_numeric() })
}

/// True when `span` overlaps any of the (sorted or unsorted) `regions`.
pub fn overlaps_any(span: &Span, regions: &[Span]) -> bool {
    regions.iter().any(|r| r.start < span.end && span.start < r.end)
}

/// Sorts spans and merges those that overlap or touch, for sets of excluded regions.
pub fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}
