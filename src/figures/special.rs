//! Dates, times, URLs, phone numbers and IP addresses, found by regular expressions over the whole
//! text before numbers are read, so that "15.10.2016" or "03:01" never become quantities.

use super::FigureKind;
use crate::text::Span;
use regex_automata::meta::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const WEEKDAY: &str = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";

/// The patterns of identifiers, dates and times, in order of priority.
fn patterns() -> [String; 3] {
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
    [format!("{url}|{ip}|{phone}"), format!("{numeric_date}|{date}"), time.to_string()]
}

/// What each pattern of [`patterns`] finds.
const KINDS: [FigureKind; 3] = [FigureKind::Identifier, FigureKind::Date, FigureKind::Time];

/// All of them in one search, so that the text is scanned once. Leftmost-first over several
/// patterns is the alternation of the patterns in order, and the pattern that matched names the
/// kind: no capture groups, so matches are found by the fast engine alone (captures cost a
/// backtracking pass over every match, a tenth of `check`).
static PATTERN: LazyLock<Regex> = LazyLock::new(|| Regex::new_many(&patterns()).expect("valid figure patterns"));

/// Spans of dates, times and identifiers, in text order and without overlaps.
pub fn find(text: &str) -> Vec<(Span, FigureKind)> {
    PATTERN.find_iter(text).map(|m| (m.range(), KINDS[m.pattern().as_usize()])).collect()
}


#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The one expression with a named group per kind, as `find` was written before: the
    /// specification of the multi-pattern search.
    fn find_by_groups(text: &str) -> Vec<(Span, FigureKind)> {
        static GROUPED: LazyLock<regex::Regex> = LazyLock::new(|| {
            let [id, date, time] = patterns();
            regex::Regex::new(&format!("(?P<id>{id})|(?P<date>{date})|(?P<time>{time})")).unwrap()
        });
        GROUPED
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

    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("15.10.2016"), Just("15/10/16"), Just("2016-10-15"), Just("192.168.1.2"), Just("03:01"), Just("11:45pm"), Just("3 p.m."),
            Just("0900 GMT"), Just("9 o'clock"), Just("+1-222-2222"), Just("(020) 7946 0958"), Just("555-123-4567"), Just("www.example.org"),
            Just("https://x.org/a?b=1"), Just("a.b@c.org"), Just("Saturday, "), Just("15 October"), Just("October 15"), Just("Oct."), Just(", 2016"),
            Just(" 2016"), Just("15th of May"), Just("May"), Just("12"), Just("250,000"), Just("3.5"), Just(" "), Just("\n"), Just("-"), Just("."),
            Just(":"), Just("é"), Just("’"), Just("AM"), Just("pm"), Just("hrs"), Just("x"), Just("@"), Just("("), Just(")")
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        #[test]
        fn the_multi_pattern_search_is_the_grouped_expression(parts in prop::collection::vec(piece(), 0..30)) {
            let text: String = parts.concat();
            prop_assert_eq!(find(&text), find_by_groups(&text), "{:?}", text);
        }
    }

    #[test]
    fn the_seeds_read_the_same() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(find(&text), find_by_groups(&text));
        }
    }
}
