//! Finding a text anchor again in an article that may have changed since the note was made:
//! the quote where its context still matches, else the quote where the context matches best,
//! else the text between the context the quote stood in (the quote itself was edited), else
//! the stretch most like the quote, within a bounded amount of work. Nothing found is reported
//! (a stale note), never guessed.

use super::model::TextAnchor;
use crate::text::Span;
use memchr::memmem;

/// How an anchor was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Found {
    /// The quote, with the context it was recorded with.
    Exact,
    /// The quote, whose surroundings changed (or which repeats, and the context chose one).
    Moved,
    /// Text that is no longer the quote: between the recorded context, or most like the quote.
    Rewritten,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub span: Span,
    pub how: Found,
}

/// How much context a new anchor records on each side, at most (bytes, cut to a character).
pub const CONTEXT_BYTES: usize = 40;

/// The similarity (normalised Levenshtein, 0–1) a stretch needs to stand for an edited quote.
const FUZZY_MIN_SIMILARITY: f64 = 0.8;

/// The most character comparisons the fuzzy searches of one resolution may make together (word
/// starts × quote length², summed over the notes searched): about a tenth of a second. Past it,
/// an anchor is reported stale rather than searched for, so that a crosswire.json of thousands
/// of stale notes cannot stall the analysis.
pub const FUZZY_BUDGET: usize = 60_000_000;

impl TextAnchor {
    /// An anchor on `span` of `text`, with up to [`CONTEXT_BYTES`] of context on each side
    /// (never across a line break, so that it reads well in crosswire.json).
    pub fn capture(article: &str, text: &str, span: Span) -> TextAnchor {
        let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let mut from = span.start.saturating_sub(CONTEXT_BYTES).max(line_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let line_end = text[span.end..].find(['\n', '\r']).map_or(text.len(), |i| span.end + i);
        let mut to = (span.end + CONTEXT_BYTES).min(line_end);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        TextAnchor {
            article: file_name(article).to_string(),
            quote: text[span.clone()].to_string(),
            before: text[from..span.start].to_string(),
            after: text[span.end..to].to_string(),
        }
    }
}

/// The last component of an article's name (a path or a URI), percent-decoded: what a text
/// anchor's `article` names.
pub fn file_name(name: &str) -> std::borrow::Cow<'_, str> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if !last.contains('%') {
        return last.into();
    }
    let b = last.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).and_then(|&c| hex(c)), b.get(i + 2).and_then(|&c| hex(c))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_or(last.into(), Into::into)
}

/// Where `anchor` stands in `text` now, if anywhere.
pub fn locate(text: &str, anchor: &TextAnchor) -> Option<Located> {
    locate_within(text, anchor, &mut FUZZY_BUDGET.clone())
}

/// [`locate`], its fuzzy search spending at most `budget` comparisons (and deducting them).
pub fn locate_within(text: &str, anchor: &TextAnchor, budget: &mut usize) -> Option<Located> {
    let quote = anchor.quote.as_str();
    if quote.is_empty() {
        return None;
    }
    let best = memmem::find_iter(text.as_bytes(), quote.as_bytes())
        .filter(|&at| text.is_char_boundary(at) && text.is_char_boundary(at + quote.len()))
        .map(|at| (context_score(text, at..at + quote.len(), anchor), at))
        // the best context; among equals, the first
        .max_by_key(|&(score, at)| (score, std::cmp::Reverse(at)));
    if let Some((score, at)) = best {
        let full = anchor.before.len() + anchor.after.len();
        let how = if score == full { Found::Exact } else { Found::Moved };
        return Some(Located { span: at..at + quote.len(), how });
    }
    between_context(text, anchor)
        .or_else(|| most_like(text, quote, budget))
        .map(|span| Located { span, how: Found::Rewritten })
}

/// How many bytes of the recorded context still stand next to `span`.
fn context_score(text: &str, span: Span, anchor: &TextAnchor) -> usize {
    let before = common_suffix(&text.as_bytes()[..span.start], anchor.before.as_bytes());
    let after = common_prefix(&text.as_bytes()[span.end..], anchor.after.as_bytes());
    before + after
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The text between the recorded `before` and `after` context, when both still stand close
/// together (the quote between them was edited: "275,000" became "280,000").
fn between_context(text: &str, anchor: &TextAnchor) -> Option<Span> {
    // a context of a few characters would be found anywhere
    const MIN_CONTEXT: usize = 8;
    if anchor.before.len() < MIN_CONTEXT || anchor.after.len() < MIN_CONTEXT {
        return None;
    }
    let longest = anchor.quote.len() * 2 + 16;
    let found: Vec<Span> = memmem::find_iter(text.as_bytes(), anchor.before.as_bytes())
        .filter_map(|b| {
            let start = b + anchor.before.len();
            let window = text.get(start..(start + longest + anchor.after.len()).min(text.len()))?;
            let gap = window.find(anchor.after.as_str())?;
            (gap > 0 && window[..gap].trim() == &window[..gap]).then_some(start..start + gap)
        })
        .collect();
    // two places would be a guess
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The stretch of `text` most like `quote` (starting at a word, as long as the quote in
/// characters), if it is like enough and no other stretch is as like it.
fn most_like(text: &str, quote: &str, budget: &mut usize) -> Option<Span> {
    let quote_chars: Vec<char> = quote.chars().collect();
    let n = quote_chars.len();
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && text[..i].chars().next_back().is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i)
        .collect();
    let cost = starts.len().saturating_mul(n).saturating_mul(n);
    if n == 0 || cost > *budget {
        return None;
    }
    *budget -= cost;
    let mut best: Option<(f64, Span)> = None;
    let mut tied = false;
    for &s in &starts {
        let end = text[s..].char_indices().nth(n).map_or(text.len(), |(i, _)| s + i);
        let similarity = strsim::normalized_levenshtein(&text[s..end], quote);
        if similarity < FUZZY_MIN_SIMILARITY {
            continue;
        }
        match &best {
            Some((b, _)) if similarity < *b => {}
            Some((b, _)) if similarity == *b => tied = true,
            _ => {
                best = Some((similarity, s..end));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, span)| trim_span(text, span))
}

/// `span` without whitespace at its ends.
fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Aleppo, where the United Nations says 275,000 civilians still live and 8,000 rebels hold out.\nLater: 275,000 again.";

    fn anchor_on(quote: &str) -> TextAnchor {
        let at = TEXT.find(quote).unwrap();
        TextAnchor::capture("dir/002.txt", TEXT, at..at + quote.len())
    }

    #[test]
    fn capture_keeps_the_line_and_the_file_name() {
        let a = anchor_on("275,000 civilians");
        assert_eq!(a.article, "002.txt");
        assert_eq!(a.before, "Aleppo, where the United Nations says ");
        assert_eq!(a.after, " still live and 8,000 rebels hold out.");
        assert_eq!(file_name("file:///tmp/a%20b/c%20d.txt"), "c d.txt");
    }

    #[test]
    fn found_exactly_then_after_an_edit_before_it() {
        let a = anchor_on("275,000");
        assert_eq!(locate(TEXT, &a).map(|l| l.how), Some(Found::Exact));
        // an edit before the anchor: still found, at its new place, by its context
        let edited = format!("BREAKING. {TEXT}");
        let l = locate(&edited, &a).unwrap();
        assert_eq!(&edited[l.span.clone()], "275,000");
        assert_eq!(l.span.start, TEXT.find("275,000").unwrap() + "BREAKING. ".len());
        assert_eq!(l.how, Found::Exact);
        // the repeated quote: the context picks the first one, not "Later: 275,000"
        let second = TEXT.rfind("275,000").unwrap();
        let b = TextAnchor::capture("002.txt", TEXT, second..second + 7);
        assert_eq!(locate(TEXT, &b).unwrap().span.start, second);
    }

    #[test]
    fn an_edited_quote_is_found_between_its_context_or_by_likeness() {
        let a = anchor_on("275,000 civilians");
        let edited = TEXT.replace("275,000 civilians", "280,000 civilians");
        let l = locate(&edited, &a).unwrap();
        assert_eq!((&edited[l.span.clone()], l.how), ("280,000 civilians", Found::Rewritten));
        // context gone too: found by likeness
        let rewritten = "Totally new lead. About 275,000 civilian still live there.";
        let l = locate(rewritten, &a).unwrap();
        assert_eq!(&rewritten[l.span], "275,000 civilian");
    }

    #[test]
    fn the_fuzzy_search_spends_a_shared_budget_and_stops_when_it_is_spent() {
        let a = anchor_on("275,000 civilians");
        let rewritten = "Totally new lead. About 275,000 civilian still live there.";
        let mut budget = FUZZY_BUDGET;
        assert!(locate_within(rewritten, &a, &mut budget).is_some());
        assert!(budget < FUZZY_BUDGET, "spent");
        let mut spent = 0;
        assert_eq!(
            locate_within(rewritten, &a, &mut spent),
            None,
            "none left: stale, not searched"
        );
    }

    #[test]
    fn removed_text_is_not_found() {
        let a = anchor_on("275,000 civilians");
        assert_eq!(locate("Aleppo, where the UN counts nobody at all.", &a), None);
    }
}
