//! Dates, times, URLs, phone numbers and IP addresses, found by regular expressions over the whole
//! text before numbers are read, so that "15.10.2016" or "03:01" never become quantities.

use super::ascii::{first_letter, letter_run, letter_run_before, next_digit};
use super::FigureKind;
use crate::text::Span;
use regex_automata::meta::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const WEEKDAY: &str = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?";

/// The patterns of identifiers, dates and times, in order of priority.
fn patterns() -> [String; 3] {
    let url = r"(?i:(?-u:\b)(?:https?://|www\.)[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)";
    let [ids, dates, times] = patterns_without_urls();
    [format!("{url}|{ids}"), dates, times]
}

/// [`patterns`] without web and e-mail addresses: what a text without '@', "http" and "www."
/// can match.
fn patterns_without_urls() -> [String; 3] {
    let ip = r"(?-u:\b)\d{1,3}(?:\.\d{1,3}){3}(?-u:\b)";
    // "+1-222-2222", "(020) 7946 0958", "555-123-4567"
    let phone = r"\+\d[\d\s().\-/]{6,}\d|\(\d{2,5}\)\s?\d[\d\s-]{4,}\d|(?-u:\b)\d{3}[-.]\d{3}[-.]\d{4}(?-u:\b)";
    let numeric_date =
        r"(?-u:\b)\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?-u:\b)|(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b)";
    let date = format!(
        r"(?-u:\b){WEEKDAY}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?(?:\s+\d{{4}}(?-u:\b))?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+\d{{4}}(?-u:\b))?|{MONTH},?\s+\d{{4}}(?-u:\b))"
    );
    // "03:01", "11:45pm", "3 p.m.", "0900 GMT"
    let time = r"(?i:(?-u:\b)\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m(?-u:\b)\.?)?|(?-u:\b)\d{1,2}(?:\.\d{2})?\s?[ap]\.m\.|(?-u:\b)\d{1,2}\s?[ap]m(?-u:\b)|(?-u:\b)[0-2]\d[0-5]\d\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|local time|hrs|hours GMT)(?-u:\b)|(?-u:\b)\d{1,2}\s+o'clock(?-u:\b))";
    [format!("{ip}|{phone}"), format!("{numeric_date}|{date}"), time.to_string()]
}

/// The patterns the stretches ([`stretches`]) are searched with: [`patterns_without_urls`]
/// with ASCII digits. A text is searched by stretches only when it holds no address and no
/// digit of another script, so these find what [`patterns`] find there; and they compile in a
/// fifth of the time (the Unicode `\d`, repeated some sixty times forwards and backwards, was
/// most of the compilation, and the compilation a tenth of `check` at 1,000 articles).
fn stretch_patterns() -> [String; 3] {
    // `[0-9]` inside a class ("[\d\s]") becomes a nested class, which is the same union
    patterns_without_urls().map(|p| p.replace(r"\d", "[0-9]"))
}

/// What each pattern of [`patterns`] finds.
const KINDS: [FigureKind; 3] = [FigureKind::Identifier, FigureKind::Date, FigureKind::Time];

/// All of them in one search, so that the text is scanned once. Leftmost-first over several
/// patterns is the alternation of the patterns in order, and the pattern that matched names the
/// kind: no capture groups, so matches are found by the fast engine alone (captures cost a
/// backtracking pass over every match, a tenth of `check`). Compiled on the first text that
/// must be searched whole (see [`stretches`]): news with neither addresses nor digits of other
/// scripts never needs it.
static PATTERN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new_many(&patterns()).expect("valid figure patterns"));

/// [`PATTERN`] for the stretches: [`stretch_patterns`], in the same order.
static STRETCH_PATTERN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new_many(&stretch_patterns()).expect("valid figure patterns"));

/// Spans of dates, times and identifiers, in text order and without overlaps. `lowered` is
/// `text.to_ascii_lowercase()`.
///
/// The search runs only over the stretches of text around digits (see [`stretches`]): the
/// automaton reads a byte in about six cycles, and most of an article is words.
pub fn find(text: &str, lowered: &str) -> Vec<(Span, FigureKind)> {
    let mut out = Vec::new();
    match stretches(text, lowered) {
        Some(stretches) => stretches
            .into_iter()
            .filter(|s| s.has_word || may_match(&text.as_bytes()[s.span.clone()]))
            .for_each(|s| search(&STRETCH_PATTERN, &STRETCH_CACHE, text, s.span, &mut out)),
        None => search(&PATTERN, &CACHE, text, 0..text.len(), &mut out),
    }
    out
}

/// Whether a stretch ([`stretches`]) whose words are none of the patterns' ([`Stretch`]) can
/// hold a match, from what every match of a date, a time, a phone number or an IP address holds
/// besides digits and words (the stretches exclude the rest): a '+' or '(' (phone numbers), or a
/// digit, one of `. / : -` and a digit (IP addresses, numeric dates, clock times, phone numbers).
/// Most stretches in news are a number and the noun it counts ("1,120 people"): not searched.
fn may_match(stretch: &[u8]) -> bool {
    stretch.iter().enumerate().any(|(i, &b)| match b {
        b'+' | b'(' => true,
        b'.' | b'/' | b':' | b'-' => {
            i > 0
                && stretch[i - 1].is_ascii_digit()
                && stretch.get(i + 1).is_some_and(u8::is_ascii_digit)
        }
        _ => false,
    })
}

/// The first three letters of every month's name, as the date pattern spells them.
const MONTH_PREFIXES: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// A stretch of text to search ([`stretches`]), and whether a word in it can be part of a
/// match: a word of the patterns' vocabulary ("May", "pm", "GMT", "of", "o'clock"), or a
/// month's name at the start of a longer word ("15 May" in "15 Mayor"). Every date holds a
/// month's name and every time that [`may_match`] does not see a word of the vocabulary.
struct Stretch {
    span: Span,
    has_word: bool,
}

thread_local! {
    /// The searches' scratch space, one per thread and pattern: a pattern's own pool of caches
    /// serves the thread that made it first and makes the others take a lock, once per stretch.
    static CACHE: std::cell::RefCell<regex_automata::meta::Cache> =
        std::cell::RefCell::new(PATTERN.create_cache());
    static STRETCH_CACHE: std::cell::RefCell<regex_automata::meta::Cache> =
        std::cell::RefCell::new(STRETCH_PATTERN.create_cache());
}

type CacheKey = std::thread::LocalKey<std::cell::RefCell<regex_automata::meta::Cache>>;

/// The matches of `pattern` (with its `cache`) within `span` of `text`, appended to `out`;
/// assertions at its ends see the text around it. What `find_iter` gives: no pattern matches
/// the empty string, so each search starts where the last match ended.
fn search(
    pattern: &Regex,
    cache: &'static CacheKey,
    text: &str,
    span: Span,
    out: &mut Vec<(Span, FigureKind)>,
) {
    cache.with_borrow_mut(|cache| {
        let mut input = regex_automata::Input::new(text).span(span);
        while let Some(m) = pattern.search_with(cache, &input) {
            debug_assert!(!m.is_empty());
            out.push((m.range(), KINDS[m.pattern().as_usize()]));
            input.set_start(m.end());
        }
    })
}

/// The stretches of text that hold every match, or `None` when the whole text must be searched.
///
/// Why this is exact. Without an e-mail address ('@'), a web address ("http", "www.") or a
/// letter that folds to an ASCII one under `(?i)` (the long s, the Kelvin sign), every match is a date, a time, a phone number
/// or an IP address: it holds a digit, begins at a word boundary (or at '+' or '('), and each
/// run of ASCII letters inside it is a word of the patterns' vocabulary ([`vocabulary_word`]),
/// whole, except that the match may end inside a longer run ("15 May" in "15 Mayor"). So no
/// match runs across the end of a run of letters that is not such a word: those ends cut the
/// text into pieces no match crosses, and only the pieces that hold a digit are searched.
/// Digits of other scripts (`\d` is Unicode) are not looked for: a text with one is searched
/// whole. (So the stretches are searched with ASCII digits and without addresses:
/// [`STRETCH_PATTERN`].)
fn stretches(text: &str, lowered: &str) -> Option<Vec<Stretch>> {
    // built once: a search built for each article cost as much as the search
    static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"http"));
    static WWW: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"www."));
    let bytes = text.as_bytes();
    let lower = lowered.as_bytes();
    let whole = memchr::memchr(b'@', bytes).is_some()
        || HTTP.find(lower).is_some()
        || WWW.find(lower).is_some()
        || non_ascii_chars(text).any(|c| c.is_numeric() || matches!(c, '\u{17f}' | '\u{212a}'));
    if whole {
        return None;
    }
    let mut out: Vec<Stretch> = Vec::new();
    let mut at = 0;
    while let Some(d) = next_digit(bytes, at) {
        let ((start, word_before), (end, word_after)) =
            (cut_before(lower, d), cut_after(bytes, lower, d));
        debug_assert_eq!(start, (1..=d).rev().find(|&p| is_cut(lower, p)).unwrap_or(0));
        debug_assert_eq!(
            end,
            (d + 1..=bytes.len()).find(|&p| is_cut(lower, p)).unwrap_or(bytes.len())
        );
        let has_word = word_before || word_after;
        match out.last_mut() {
            Some(last) if start <= last.span.end => {
                last.span.end = end;
                last.has_word |= has_word;
            }
            _ => out.push(Stretch { span: start..end, has_word }),
        }
        at = end;
    }
    Some(out)
}

/// The first byte from `from` on that `wanted` accepts. Blocks of 32 bytes are tested at once
/// (the compiler makes one vector comparison of each): characters outside ASCII are a few bytes
/// in a hundred.
fn next_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + 32) {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            break;
        }
        i += 32;
    }
    bytes[i.min(bytes.len())..].iter().position(|&b| wanted(b)).map(|k| i + k)
}

/// The characters of `text` outside ASCII.
fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        // a character outside ASCII starts with a byte of 0xC0 or more
        let i = next_byte(text.as_bytes(), at, |b| b >= 0xC0)?;
        let c = text[i..].chars().next()?;
        at = i + c.len_utf8();
        Some(c)
    })
}

/// The last cut ([`is_cut`]) at or before the digit at `d`, or 0, a word at a time back; and
/// whether a word of the vocabulary lies between (see [`Stretch`]). `lower` is the text's bytes
/// lowered as ASCII (the same letters where the text has letters).
fn cut_before(lower: &[u8], d: usize) -> (usize, bool) {
    let (mut p, mut has_word) = (d, false);
    while let Some(last) = lower[..p].iter().rposition(u8::is_ascii_alphabetic) {
        let run_end = last + 1;
        let run_start = run_end - letter_run_before(lower, run_end);
        if !vocabulary_word(&lower[run_start..run_end]) {
            return (run_end, has_word);
        }
        (p, has_word) = (run_start, true);
    }
    (0, has_word)
}

/// The first cut ([`is_cut`]) after the digit at `d`, or the end, a word at a time; and whether
/// a word of the vocabulary or one that starts with a month's name lies between (see
/// [`Stretch`]). `lower` is `bytes` lowered as ASCII.
fn cut_after(bytes: &[u8], lower: &[u8], d: usize) -> (usize, bool) {
    let (mut p, mut has_word) = (d + 1, false);
    while let Some(first) = first_letter(&lower[p.min(lower.len())..]) {
        let run_start = p + first;
        let run_end = run_start + letter_run(&lower[run_start..]);
        if !vocabulary_word(&lower[run_start..run_end]) {
            // the pattern spells a month's name capitalised (most words after digits are
            // not: the capital is asked first)
            let run = &bytes[run_start..run_end];
            let month = run[0].is_ascii_uppercase()
                && run.get(..3).is_some_and(|head| MONTH_PREFIXES.contains(&head));
            return (run_end, has_word || month);
        }
        (p, has_word) = (run_end, true);
    }
    (bytes.len(), has_word)
}

/// Whether `p` ends a run of ASCII letters that is no word of the patterns (see [`stretches`]),
/// in `bytes` lowered as ASCII.
fn is_cut(bytes: &[u8], p: usize) -> bool {
    if p == 0
        || !bytes[p - 1].is_ascii_alphabetic()
        || bytes.get(p).is_some_and(u8::is_ascii_alphabetic)
    {
        return false;
    }
    let start = bytes[..p].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |i| i + 1);
    !vocabulary_word(&bytes[start..p])
}

/// The runs of letters a match can hold (any case, given lowered): month and weekday names,
/// "15th", "of", "a.m.", "o'clock", time zones, "local time", "hrs"; and "http", "www" for
/// completeness. Asked of the lowered text, so that no run is copied to be lowered.
fn vocabulary_word(lower_run: &[u8]) -> bool {
    matches!(
        lower_run,
        b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sept"
            | b"sep"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"st"
            | b"nd"
            | b"rd"
            | b"th"
            | b"of"
            | b"a"
            | b"p"
            | b"m"
            | b"am"
            | b"pm"
            | b"gmt"
            | b"utc"
            | b"bst"
            | b"cet"
            | b"cest"
            | b"est"
            | b"edt"
            | b"pst"
            | b"pdt"
            | b"ist"
            | b"local"
            | b"time"
            | b"hrs"
            | b"hours"
            | b"o"
            | b"clock"
            | b"http"
            | b"https"
            | b"www"
    )
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

    fn found(text: &str) -> Vec<(Span, FigureKind)> {
        find(text, &text.to_ascii_lowercase())
    }

    /// Every word of the patterns, in several cases and glued to others, beside digits,
    /// separators, words that are not theirs, and what sends a text to the whole search.
    fn word() -> impl Strategy<Value = String> {
        const WORDS: &[&str] = &[
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "Jun",
            "Jul",
            "Aug",
            "Sept",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "st",
            "nd",
            "rd",
            "th",
            "of",
            "a",
            "p",
            "m",
            "am",
            "pm",
            "a.m.",
            "p.m",
            "GMT",
            "UTC",
            "BST",
            "CET",
            "CEST",
            "EST",
            "EDT",
            "PST",
            "PDT",
            "IST",
            "local",
            "time",
            "local time",
            "hrs",
            "hours",
            "hours GMT",
            "o'clock",
            "Mayor",
            "Octobers",
            "the",
            "people",
            "km",
            "x",
            "_",
            "Mon",
            "day",
            "Satur",
        ];
        (prop::sample::select(WORDS), 0u8..4).prop_map(|(w, case)| match case {
            0 => w.to_uppercase(),
            1 => w.to_lowercase(),
            _ => w.to_string(),
        })
    }

    /// A date or time built from the patterns' words, so that each word is tried where it
    /// belongs: "Monday, 15 of May 2016", "Sept. 3rd, 2016", "9 o'clock", "0900 hours GMT".
    fn dated() -> impl Strategy<Value = String> {
        const MONTHS: &[&str] = &[
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "Jun",
            "Jul",
            "Aug",
            "Sept",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ];
        const DAYS: &[&str] = &[
            "Monday, ",
            "Tuesday ",
            "Wednesday, ",
            "Thursday ",
            "Friday, ",
            "Saturday ",
            "Sunday, ",
            "",
        ];
        const SUFFIXES: &[&str] = &["", "st", "nd", "rd", "th"];
        const ZONES: &[&str] = &[
            "GMT",
            "UTC",
            "BST",
            "CET",
            "CEST",
            "EST",
            "EDT",
            "PST",
            "PDT",
            "IST",
            "local time",
            "hrs",
            "hours GMT",
        ];
        const MERIDIEMS: &[&str] = &["am", "pm", "a.m.", "p.m", "AM", "P.M."];
        // letters that fold to ASCII ones under (?i): "hourſ", "o'clocK"
        const FOLDED: &[&str] = &["0900 hourſ GMT", "0900 Eſt", "9 o'cloc\u{212a}", "0900 hrſ"];
        let year = prop::sample::select(&[", 2016", ". 2016", " 2016", ""][..]);
        (
            prop::sample::select(MONTHS),
            prop::sample::select(DAYS),
            prop::sample::select(SUFFIXES),
            prop::sample::select(ZONES),
            prop::sample::select(MERIDIEMS),
            year,
            0u8..8,
        )
            .prop_map(|(month, day, suffix, zone, meridiem, year, form)| match form {
                0 => format!("{day}15{suffix} of {month}{year}"),
                1 => format!("{day}15{suffix} {month}{year}"),
                2 => format!("{day}{month} 3{suffix}{year}"),
                3 => format!("{month}{year}"),
                4 => format!("0900 {zone}"),
                5 => format!("11:45 {meridiem}"),
                6 => "9 o'clock".to_string(),
                _ => FOLDED[suffix.len() % FOLDED.len()].to_string(),
            })
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            2 => dated(),
            3 => word(),
            2 => prop::sample::select(&[
                "15.10.2016", "15/10/16", "2016-10-15", "192.168.1.2", "03:01", "11:45pm", "3 p.m.", "0900 GMT", "9 o'clock", "+1-222-2222",
                "(020) 7946 0958", "555-123-4567", "1", "15", "2016", "250,000", "3.5", "1st", "15th", "0900",
            ][..]).prop_map(str::to_string),
            4 => prop::sample::select(&[" ", " ", "  ", "\n", "\t", "\u{a0}", "-", ".", ",", ":", "(", ")", "/", "+", "’", "é", ""][..]).prop_map(str::to_string),
            1 => prop::sample::select(&["@", "a.b@c.org", "www.example.org", "HTTP://x.org/a?b=1", "ſ", "\u{212a}", "٣", "Ⅻ"][..]).prop_map(str::to_string),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]
        #[test]
        fn searching_the_stretches_finds_what_searching_everything_finds(parts in prop::collection::vec(piece(), 0..40)) {
            let text: String = parts.concat();
            // the pattern's own iterator over the whole text
            let whole: Vec<(Span, FigureKind)> = PATTERN
                .find_iter(&text)
                .map(|m| (m.range(), KINDS[m.pattern().as_usize()]))
                .collect();
            prop_assert_eq!(found(&text), whole, "{:?}", text);
        }

        #[test]
        fn the_multi_pattern_search_is_the_grouped_expression(parts in prop::collection::vec(piece(), 0..30)) {
            let text: String = parts.concat();
            prop_assert_eq!(found(&text), find_by_groups(&text), "{:?}", text);
        }
    }

    #[test]
    fn the_seeds_read_the_same() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(found(&text), find_by_groups(&text));
        }
    }

    #[test]
    fn a_match_ending_inside_a_longer_word_is_found() {
        assert_eq!(found("on 15 Mayor Smith said"), [(3..9, FigureKind::Date)]);
        assert_eq!(found("the talks 15 Octobers ago"), [(10..20, FigureKind::Date)]);
    }
}
