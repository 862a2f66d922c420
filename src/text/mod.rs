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

/// `s.trim()`, its ASCII ends read as bytes: only an end at a character outside ASCII is left
/// to the standard trim (which decodes characters from both ends, and was much of reading a
/// line of page furniture or a header). Equal to `s.trim()` (a test holds it so).
pub fn trim(s: &str) -> &str {
    // `char::is_whitespace` of an ASCII character: U+0009 to U+000D and the space
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && space(b[end - 1]) {
        end -= 1;
    }
    let mut start = 0;
    while start < end && space(b[start]) {
        start += 1;
    }
    // both ends are character boundaries: only ASCII bytes were passed
    let inner = &s[start..end];
    if start < end && (b[start] >= 0x80 || b[end - 1] >= 0x80) {
        inner.trim()
    } else {
        inner
    }
}

/// The byte offset of `part`, a slice of `whole`, within it.
pub fn offset_in(whole: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    assert!(offset <= whole.len() && offset + part.len() <= whole.len(), "not a slice of it");
    offset
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_the_standard_trim() {
        let pieces = [
            "", " ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{1c}", "\u{1f}", "\u{85}", "\u{a0}",
            "\u{2003}", "\u{3000}", "a", "Z", "é", "’", "“", "—", "x y", ".",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}{a}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                    if !s.trim().is_empty() {
                        let lead = s.len() - s.trim_start().len();
                        assert_eq!(offset_in(&s, trim(&s)), lead, "{s:?}");
                    }
                }
            }
        }
    }
}
