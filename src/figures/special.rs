//! Dates, times, URLs, phone numbers and IP addresses, found by regular expressions over the whole
//! text before numbers are read, so that "15.10.2016" or "03:01" never become quantities.

use super::FigureKind;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const WEEKDAY: &str = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";

/// One regular expression for all of them, so that the text is scanned once; the group that
/// matched names the kind.
static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let url = r"(?i:(?-u:\b)(?:https?://|www\.)[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)";
    let ip = r"(?-u:\b)\d{1,3}(?:\.\d{1,3}){3}(?-u:\b)";
    // "+1-222-2222", "(020) 7946 0958", "555-123-4567"
    let phone = r"\+\d[\d\s().\-/]{6,}\d|\(\d{2,5}\)\s?\d[\d\s-]{4,}\d|(?-u:\b)\d{3}[-.]\d{3}[-.]\d{4}(?-u:\b)";
    let numeric_date = r"(?-u:\b)\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?-u:\b)|(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b)";
    let date = format!(
        r"(?-u:\b){WEEKDAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?(?:\s+\d{{4}}(?-u:\b))?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+\d{{4}}(?-u:\b))?|{MONTH},?\s+\d{{4}}(?-u:\b))"
    );
    // "03:01", "11:45pm", "3 p.m.", "0900 GMT"
    let time = r"(?i:(?-u:\b)\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m(?-u:\b)\.?)?|(?-u:\b)\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|(?-u:\b)\d{1,2}\s?[ap]m(?-u:\b)|(?-u:\b)[0-2]\d[0-5]\d\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|local time|hrs|hours GMT)(?-u:\b)|(?-u:\b)\d{1,2}\s+o'clock(?-u:\b))";
    Regex::new(&format!("(?P<id>{url}|{ip}|{phone})|(?P<date>{numeric_date}|{date})|(?P<time>{time})")).expect("valid figure pattern")
});

/// Spans of dates, times and identifiers, in text order and without overlaps.
pub fn find(text: &str) -> Vec<(Span, FigureKind)> {
    PATTERN
        .captures_iter(text)
        .filter_map(|c| {
            let (m, kind) = if let Some(m) = c.name("id") {
                (m, FigureKind::Identifier)
            } else if let Some(m) = c.name("date") {
                (m, FigureKind::Date)
            } else {
                (c.name("time")?, FigureKind::Time)
            };
            Some((m.range(), kind))
        })
        .collect()
}
