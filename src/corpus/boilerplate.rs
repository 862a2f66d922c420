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
    r"^[-–—•]?\s*by [A-Z][\w’'.-]+( [A-Z][\w’'.-]+){0,3}\s*$",
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

/// What a line is, by [`PAGE_LINES`].
enum PageLine {
    Footer,
    Furniture,
    Story,
}

fn page_line(content: &str) -> PageLine {
    if !PAGE_LINES.is_match(content) {
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

/// Byte spans of boilerplate lines (line text only, without the line break).
pub fn boilerplate_regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for (start, line) in crate::text::lines_inclusive(text) {
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = start + lead..start + lead + content.len();
        let furniture = match page_line(content) {
            PageLine::Footer => {
                out.push(span.start..text.len());
                break;
            }
            PageLine::Furniture => true,
            PageLine::Story => REGISTRATION.is_match(content) || is_byline_place(content),
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

    /// A line is a footer exactly when a footer pattern matches, and furniture exactly when
    /// only a furniture pattern does.
    #[test]
    fn one_search_decides_as_the_two_lists() {
        let footers = regex::RegexSet::new(FOOTER_STARTS).unwrap();
        let furniture = regex::RegexSet::new(FURNITURE_LINES).unwrap();
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
            let want = if footers.is_match(line) {
                "footer"
            } else if furniture.is_match(line) {
                "furniture"
            } else {
                "story"
            };
            let got = match page_line(line) {
                PageLine::Footer => "footer",
                PageLine::Furniture => "furniture",
                PageLine::Story => "story",
            };
            assert_eq!(got, want, "{line:?}");
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
