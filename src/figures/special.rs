//! Dates, times, URLs, phone numbers and IP addresses, found by regular expressions over the whole
//! text before numbers are read, so that "15.10.2016" or "03:01" never become quantities.

use super::FigureKind;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const WEEKDAY: &str = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";

static PATTERNS: LazyLock<Vec<(Regex, FigureKind)>> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).expect("valid figure pattern");
    vec![
        (r(r"(?i)\b(?:https?://|www\.)[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), FigureKind::Identifier),
        (r(r"\b\d{1,3}(?:\.\d{1,3}){3}\b"), FigureKind::Identifier),
        // "+1-222-2222", "(020) 7946 0958", "555-123-4567"
        (r(r"\+\d[\d\s().\-/]{6,}\d|\(\d{2,5}\)\s?\d[\d\s-]{4,}\d|\b\d{3}[-.]\d{3}[-.]\d{4}\b"), FigureKind::Identifier),
        (r(r"\b\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b"), FigureKind::Date),
        (
            r(&format!(
                r"\b{WEEKDAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?(?:\s+\d{{4}}\b)?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?|{MONTH},?\s+\d{{4}}\b)"
            )),
            FigureKind::Date,
        ),
        // "03:01", "11:45pm", "3 p.m.", "0900 GMT"
        (
            r(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?|\b\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|\b\d{1,2}\s?[ap]m\b|\b[0-2]\d[0-5]\d\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|local time|hrs|hours GMT)\b|\b\d{1,2}\s+o'clock\b"),
            FigureKind::Time,
        ),
    ]
});

/// Spans of dates, times and identifiers, sorted and without overlaps (earlier, longer first).
pub fn find(text: &str) -> Vec<(Span, FigureKind)> {
    let mut found: Vec<(Span, FigureKind)> = Vec::new();
    for (re, kind) in PATTERNS.iter() {
        for m in re.find_iter(text) {
            found.push((m.range(), *kind));
        }
    }
    found.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out: Vec<(Span, FigureKind)> = Vec::new();
    for (span, kind) in found {
        if out.last().is_some_and(|(last, _)| span.start < last.end) {
            continue;
        }
        out.push((span, kind));
    }
    out
}
