//! Boilerplate: the parts of a page that are not the story (comment prompts, legal footers,
//! editorial addresses, "Article online" blocks, bylines and header stamps). They are kept out of
//! the analysis so that "483 Green Lanes" or "Reg. No. 7442619" never reach the figures, and the
//! publisher's staff are never taken for actors of the story.

use crate::text::Span;
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// Lines from which everything to the end of the article is page furniture.
const FOOTER_STARTS: &[&str] = &[
    r"(?i)^be the first to comment",
    r"(?i)^(write|leave|post|add) (a|your) (comment|reply)",
    r"(?i)^\d*\s*comments?\s*$",
    r"(?i)^article online:?\s*$",
    r"(?i)^editorial (office|program)",
    r"(?i)^exemption from liability",
    r"(?i)^(related|read more|more on this|recommended)( (articles|stories|coverage))?:?\s*$",
    r"(?i)^(share|share this|follow us)( (article|story|on .*))?:?\s*$",
    r"(?i)^(©|\(c\)|copyright)\s",
    r"(?i)^this site uses akismet",
];

/// Single lines that are page furniture wherever they appear.
const FURNITURE_LINES: &[&str] = &[
    r"(?i)^(published|updated|posted|last updated)\s*:",
    r"(?i)^beat\s*:",
    r"^[-–—•]\s*[-–—]?\s*(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\s*$",
    r"^[A-Z][A-Z .]{2,40}, [A-Z][A-Z .]{2,40}, \d{1,2}\.\d{1,2}\.\d{4}",
    r"(?i)^additional reporting by ",
    r"(?i)^(photo|image|picture)( credit)?\s*:",
    r"(?i)^(contact|e-?mail)\s*(\(at\)|:)",
    r"(?i)^learn how your comment data",
];

/// Both lists in one search: most lines are neither, and one search a line tells so. The few
/// that are something are then asked which (the footers are the first patterns of the set; one
/// set compiled, not two).
static PAGE_LINES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([FOOTER_STARTS, FURNITURE_LINES].concat()).expect("page furniture patterns")
});

/// A byline, "by Jane Doe" or "- by Jane Doe" (lowercase "by": "By" starts sentences), page
/// furniture too. Kept out of [`PAGE_LINES`] and asked only of lines that start so
/// ([`may_be_byline`]): its four copies of the Unicode word class were half the set's
/// compilation, paid on every run, for a line few texts have.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-–—•]?\s*by [A-Z][\w’'.-]+( [A-Z][\w’'.-]+){0,3}\s*$").expect("byline pattern")
});

/// Whether `content` (a trimmed line) starts as every [`BYLINE`] does: an optional dash,
/// spaces, "by " and a capital.
fn may_be_byline(content: &str) -> bool {
    let after_dash = content.strip_prefix(['-', '–', '—', '•']).unwrap_or(content);
    after_dash
        .trim_start()
        .strip_prefix("by ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// What every line of [`PAGE_LINES`] starts with, as far as its patterns spell it out, in any
/// ASCII case; the patterns that start otherwise (a digit, a dash, a dateline in capitals:
/// [`dateline_shape`]) are [`may_be_page_line`]'s.
const PAGE_LINE_STARTS: &[&str] = &[
    "be the first to comment",
    "write ",
    "leave ",
    "post",
    "add ",
    "comment",
    "article online",
    "editorial ",
    "exemption from liability",
    "related",
    "read more",
    "more on this",
    "recommended",
    "share",
    "follow us",
    "(c)",
    "copyright",
    "this site uses akismet",
    "published",
    "updated",
    "last updated",
    "beat",
    "additional reporting by ",
    "photo",
    "image",
    "picture",
    "contact",
    "e-mail",
    "email",
    "learn how your comment data",
];

/// The longest of [`PAGE_LINE_STARTS`], in bytes, and then some.
const PAGE_LINE_HEAD: usize = 32;

static PAGE_LINE_STARTS_SEARCH: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(PAGE_LINE_STARTS)
        .expect("page line starts")
});

/// Whether `line` starts as the dateline pattern of [`FURNITURE_LINES`] does,
/// `[A-Z][A-Z .]{2,40}, ` (case-sensitive): ',' is not in the class, so the run of the class
/// after the capital must be all of it, of 2 to 40 bytes, and ", " must follow. Sentences that
/// start "A US official" or "UN envoy" fail at the first lowercase letter.
fn dateline_shape(line: &[u8]) -> bool {
    let run =
        line.iter().skip(1).take(41).take_while(|b| matches!(b, b'A'..=b'Z' | b' ' | b'.')).count();
    (2..=40).contains(&run) && line[1 + run..].starts_with(b", ")
}

/// Whether `content` (a trimmed line) can be one of [`PAGE_LINES`]: a line that is not is
/// known for a few bytes, where a search of the set costs a few hundred instructions a line
/// (a tenth of reading an article). Exact: every pattern is anchored at the line's start, and
/// the line starts with one of [`PAGE_LINE_STARTS`] (the `(?i)` patterns' letters fold to
/// ASCII ones only from ASCII letters, the long s and the Kelvin sign, and a head with a
/// character outside ASCII is passed on), a digit ("12 comments"), a dash or a character outside
/// ASCII (a dash, "©"), or a dateline in capitals ([`dateline_shape`]).
fn may_be_page_line(content: &str) -> bool {
    let bytes = content.as_bytes();
    let head = &bytes[..bytes.len().min(PAGE_LINE_HEAD)];
    match bytes.first() {
        None => false,
        Some(b'0'..=b'9' | b'-') => true,
        Some(b'A'..=b'Z') if dateline_shape(bytes) => true,
        _ if !head.is_ascii() => true,
        _ => PAGE_LINE_STARTS_SEARCH
            .is_match(aho_corasick::Input::new(head).anchored(aho_corasick::Anchored::Yes)),
    }
}

/// What a line is, by [`PAGE_LINES`].
enum PageLine {
    Footer,
    Furniture,
    Story,
}

fn page_line(content: &str) -> PageLine {
    if !may_be_page_line(content) || !PAGE_LINES.is_match(content) {
        PageLine::Story
    } else if PAGE_LINES.matches(content).iter().any(|i| i < FOOTER_STARTS.len()) {
        PageLine::Footer
    } else {
        PageLine::Furniture
    }
}

/// A registration number anywhere in a line: "Reg. No. 7442619". The one pattern not anchored
/// at the line's start, so kept out of [`PAGE_LINES`]: alone, it is found by its literal "reg"
/// (with the others, every line was scanned to its end). An ASCII word boundary: a Unicode one falls back to
/// the slow engine on every line with a curly quote.
static REGISTRATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)reg\.? no\.? ?\d").expect("registration pattern"));

/// Where "reg" stands in a text, in any case: every [`REGISTRATION`] holds it (no letter
/// outside ASCII folds to 'r', 'e' or 'g'), and most lines do not. Found in one search of the
/// whole text, not one a line; the lines are then asked in order.
struct RegSearch {
    /// Start of each "reg", in order.
    hits: Vec<usize>,
    next: usize,
}

impl RegSearch {
    /// By its rarest letter: a 'g' is a byte in fifty of news text, an 'r' one in sixteen (an
    /// aho-corasick search of "reg" stopped at every 'r', and cost more than searching each
    /// line for its 'g's).
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let hits = memchr::memchr2_iter(b'g', b'G', bytes)
            .filter(|&g| g >= 2 && bytes[g - 2..g].eq_ignore_ascii_case(b"re"))
            .map(|g| g - 2)
            .collect();
        RegSearch { hits, next: 0 }
    }

    /// Whether a "reg" lies within `span` (spans asked in text order): a match of three
    /// letters lies within a trimmed line or outside it.
    fn within(&mut self, span: &Span) -> bool {
        while self.hits.get(self.next).is_some_and(|&h| h < span.start) {
            self.next += 1;
        }
        self.hits.get(self.next).is_some_and(|&h| h + 3 <= span.end)
    }
}

/// "- in World Media": a byline's place, of at most 40 letters and spaces after the capital.
/// Kept out of [`PAGE_LINES`], with the length counted here: `[\w ]{1,40}` compiles to forty copies of
/// the Unicode word class (17 ms, the largest part of the start-up cost of `check`).
static BYLINE_PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–—•]\s*in [A-Z]([\w ]+)$").expect("byline place pattern"));
const BYLINE_PLACE_MAX_CHARS: usize = 40;

fn is_byline_place(content: &str) -> bool {
    content.starts_with(['-', '–', '—', '•'])
        && BYLINE_PLACE
            .captures(content)
            .is_some_and(|c| c[1].chars().count() <= BYLINE_PLACE_MAX_CHARS)
}

/// What a trimmed line is: [`page_line`], and the furniture kept out of [`PAGE_LINES`].
/// `holds_reg`: whether the line holds "reg" in any case ([`RegSearch`]).
fn line_kind(content: &str, holds_reg: bool) -> PageLine {
    match page_line(content) {
        PageLine::Story
            if (holds_reg && REGISTRATION.is_match(content))
                || is_byline_place(content)
                || (may_be_byline(content) && BYLINE.is_match(content)) =>
        {
            PageLine::Furniture
        }
        kind => kind,
    }
}

/// Byte spans of boilerplate lines (line text only, without the line break).
pub fn boilerplate_regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut reg = RegSearch::new(text);
    for (start, line) in crate::text::lines_inclusive(text) {
        let content = crate::text::trim(line);
        if content.is_empty() {
            continue;
        }
        let lead = crate::text::offset_in(line, content);
        let span = start + lead..start + lead + content.len();
        let furniture = match line_kind(content, reg.within(&span)) {
            PageLine::Footer => {
                out.push(span.start..text.len());
                break;
            }
            PageLine::Furniture => true,
            PageLine::Story => false,
        };
        if furniture {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn excluded(text: &str) -> Vec<&str> {
        boilerplate_regions(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn comment_prompt_ends_the_story() {
        let text = "Story 250,000.\n\nBe the first to comment at \"X\"\n\nWrite your comment\n";
        let got = excluded(text);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("Be the first") && got[0].ends_with("comment\n"));
    }

    #[test]
    fn a_byline_place_has_at_most_forty_letters() {
        let place = |n: usize| format!("- in W{}", "o".repeat(n));
        assert_eq!(excluded(&format!("{}\n", place(40))).len(), 1);
        assert!(excluded(&format!("{}\n", place(41))).is_empty());
        assert_eq!(excluded("• in Cœur Wörld Média\n"), ["• in Cœur Wörld Média"]);
        assert!(excluded("- in world media\n").is_empty());
        assert!(excluded("- in World, Media\n").is_empty());
    }

    #[test]
    fn byline_place_is_the_counted_pattern() {
        let counted = Regex::new(r"^[-–—•]\s*in [A-Z][\w ]{1,40}$").unwrap();
        let heads = ["- in ", "• in ", "—  in ", "-in ", "- In ", "in ", "- in  ", "– in"];
        let tails =
            ["W", "World Media", "Cœur", "é", "x y", "A.B", "Ab_9 ", "Wörld Média", "A\u{2003}B"];
        for head in heads {
            for tail in tails {
                for n in [1, 10, 39, 40, 41] {
                    let line = format!("{head}{}", tail.repeat(n));
                    assert_eq!(is_byline_place(&line), counted.is_match(&line), "{line:?}");
                }
            }
        }
    }

    /// The furniture patterns as they were, in one list: the byline among them.
    fn furniture_lines() -> Vec<&'static str> {
        let byline = r"^[-–—•]?\s*by [A-Z][\w’'.-]+( [A-Z][\w’'.-]+){0,3}\s*$";
        let registration = r"(?i)(?-u:\b)reg\.? no\.? ?\d";
        [FURNITURE_LINES, &[byline, registration]].concat()
    }

    /// The decision of every pattern asked of every line, without the shortcuts.
    fn kind_by_patterns(line: &str) -> &'static str {
        static FOOTERS: LazyLock<RegexSet> =
            LazyLock::new(|| RegexSet::new(FOOTER_STARTS).unwrap());
        static FURNITURE: LazyLock<RegexSet> =
            LazyLock::new(|| RegexSet::new(furniture_lines()).unwrap());
        if FOOTERS.is_match(line) {
            "footer"
        } else if FURNITURE.is_match(line) || is_byline_place(line) {
            "furniture"
        } else {
            "story"
        }
    }

    fn kind(line: &str) -> &'static str {
        let mut reg = RegSearch::new(line);
        match line_kind(line, reg.within(&(0..line.len()))) {
            PageLine::Footer => "footer",
            PageLine::Furniture => "furniture",
            PageLine::Story => "story",
        }
    }

    /// Lines built from the patterns' words, in any case, glued to others, with the letters
    /// that fold to ASCII ones, dashes and digits.
    fn line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => prop::sample::select(PAGE_LINE_STARTS).prop_map(str::to_string),
            2 => prop::sample::select(&[
                "by ", "By ", "- ", "• ", "— ", "in ", "Jane", "Doe", "Reg. No. 7", "reg no 1", "REG.", "rEg",
                "A", "US", "UN envoy", "A US official", "AB", "ABC DEF", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP",
                "LAUSANNE", ", ", "15.10.2016", "Oct 20, 2016", ":", " ", "  ", "\u{a0}", "12", "a", "B",
                "ſ", "\u{212a}", "é", "©", "(at)", "articles", "stories", "on Twitter", "this", "your",
                "comment", "reply", "office", "credit", ".", "’",
            ][..]).prop_map(str::to_string),
        ];
        (prop::collection::vec(piece, 1..7), 0u8..3).prop_map(|(parts, case)| {
            let line = parts.concat();
            let line = match case {
                0 => line.to_uppercase(),
                1 => line,
                _ => line.replace('s', "ſ"),
            };
            line.trim().to_string()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        #[test]
        fn the_shortcuts_decide_as_every_pattern(line in line()) {
            prop_assert_eq!(kind(&line), kind_by_patterns(&line), "{:?}", line);
        }
    }

    /// A line is a footer exactly when a footer pattern matches, and furniture exactly when
    /// only a furniture pattern does.
    #[test]
    fn one_search_decides_as_the_two_lists() {
        let lines = [
            "Be the first to comment",
            "12 comments",
            "Comments",
            "Published: today",
            "PUBLISHED : Saturday, 15 October, 2016, 11:45pm",
            "- by Virginia Carter",
            "By John Smith",
            "- — Oct 20, 2016",
            "LAUSANNE, SWITZERLAND, 15.10.2016, 03:01",
            "Share this article",
            "© 2016 Reuters",
            "(c) AFP",
            "Copyright 2016",
            "Photo: AP",
            "E-mail: x@y.z",
            "Read more",
            "Related stories:",
            "Follow us on Twitter",
            "This site uses Akismet",
            "Learn how your comment data is processed",
            "Beat: News",
            "The talks ended.",
            "By then it was over",
            "comments are closed",
            "Related coverage of the talks",
            "",
        ];
        for line in lines {
            assert_eq!(kind(line), kind_by_patterns(line), "{line:?}");
        }
    }

    #[test]
    fn bylines_and_stamps_are_furniture() {
        let text = "Title\n- by Virginia Carter\n- in World Media\n- — Oct 20, 2016\nPUBLISHED : Saturday, 15 October, 2016, 11:45pm\nBody.\n";
        assert_eq!(
            excluded(text),
            [
                "- by Virginia Carter",
                "- in World Media",
                "- — Oct 20, 2016",
                "PUBLISHED : Saturday, 15 October, 2016, 11:45pm"
            ]
        );
    }
}
