//! Figures: every numeric expression of an article, turned into an interval with a qualifier,
//! a kind (only counts and amounts are compared; dates, times, durations, identifiers never are),
//! and what it counts (noun, predicate, place), from which the quantity key is made that groups
//! figures of the same quantity across outlets.
//!
//! Pipeline, linear in the text: [`dates_and_identifiers`] finds dates, times and identifiers with regular
//! expressions; [`tokens`] splits the rest into words, digit numbers and punctuation; [`read`]
//! reads each expression (qualifier, number via [`number`], unit, kind, interval); [`context`]
//! finds what it counts and makes the key. Word lists live in [`lexicon`].
//!
//! Zero: "no injuries were reported", "no one was killed" are a toll of 0. Comparison treats "more
//! than v" as excluding v, and "nearly v" too (`findings::compare`).
//!
//! Intervals: exact [v, v]; about/around/some/an estimated v ± 7% (narrow, so that "an estimated
//! 250,000" does not cover 275,000); more than/over/at least [v, ∞); nearly/almost [0.9 v, v];
//! less than/under [0, v]; as many as/up to [v / 2, v]; ranges as written; vague amounts as in
//! [`read`] ("hundreds of thousands" [200,000, 999,999], `value` the lower end).
//!
//! Keys (`counted class:predicate class[:place][:incident][:era]`), only for counts and magnitudes:
//! - counted classes: people (people, civilians, residents, lives, ...), combatants (rebels,
//!   fighters, militants, ...), troops, police, children, women, workers, ...; a count with no
//!   noun is of people only when a killed/injured/displaced predicate stands beside it;
//! - predicate classes: killed, injured, displaced (compared); living and holding-out (compared,
//!   and only with a place: `people:living:aleppo`); arrested, missing, evacuated (never keyed);
//! - incident: a side event nearest the figure (convoy, strike, blast, attack, shooting); the war
//!   or disaster that is the story adds nothing;
//! - era: an earlier event named by year or month ("in 2003", "In February"); aftershocks and
//!   unnamed earlier events ("two years ago") get no key at all.
//!
//! - things: the noun (a model name before it is the more specific: "seven AK-47 assault rifles"
//!   count "ak47"; shots, bullets and rounds are "shot"; ships and vessels "ship") and the
//!   clause's verb, also after a list ("six rifles, 12 magazines and 300 rounds were found"), or
//!   a participle before the noun ("355 damaged shops"); "shot seven times" counts shots that
//!   hit; occurrences ("at least four aftershocks") need no verb;
//! - populations: "home to", "a population of", ", which has N residents", keyed by the place
//!   they are said of ("the island" is the island the article names);
//! - measures: distances from a place (a conversion in brackets shares its figure's frame),
//!   falls, sizes ("a 10-metre dhow"), calibres by weapon, magnitudes; lengths and durations are
//!   compared in the base unit of their dimension (metres; seconds; days), a unit converted
//!   with rounding (feet, miles, months) read as "about" (± 7%); percent changes by what changed and which way
//!   ("percent change:fall of stock"), whose differences are shown as information.
//!
//! Figures with unknown nouns ("three jurors"), small vague amounts ("a few"), parts of a
//! coordination ("two women and one man") and non-integers get no key: a missed contradiction is
//! better than a false one.

mod ascii;
mod context;
mod dates_and_identifiers;
pub mod frame;
mod lexicon;
mod model;
mod number;
mod read;
mod sharing;
mod tokens;

pub use frame::{Frame, KeyView, Measured, Place, PlaceLevel, QuantityKey, Scope, When};
pub use model::*;
pub use read::{ABOUT, AS_MANY_AS_FLOOR, NEARLY_FLOOR};

use crate::text::{overlaps_any, Span};
use tokens::TokKind;

/// Which figures [`extract_only`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every figure: dates, times, durations and the rest as well as counts.
    All,
    /// Only the figures that are compared across outlets: a comparable kind with a quantity key.
    /// What `check` reads; the others are still read (they decide where expressions start and
    /// end) but their context is not searched and they are not kept.
    Compared,
}

/// Every figure of one article, in text order. `excluded` are byte ranges to skip.
pub fn extract(text: &str, excluded: &[Span]) -> Vec<Figure> {
    extract_only(text, excluded, Keep::All)
}

/// The figures of one article that `keep` asks for, in text order. With [`Keep::Compared`] the
/// result is exactly `extract(..)` with every figure that has no key (or is of a kind never
/// compared) left out.
pub fn extract_only(text: &str, excluded: &[Span], keep: Keep) -> Vec<Figure> {
    extract_with(text, excluded, keep, read::reading_at)
}

/// [`extract`] without the shortcut that skips tokens which cannot start a figure: every token
/// read in full. The specification that `tests/figures_exact.rs` holds the shortcut to; too slow
/// for anything else.
#[doc(hidden)]
pub fn extract_reading_every_token(text: &str, excluded: &[Span]) -> Vec<Figure> {
    extract_with(text, excluded, Keep::All, read::reading_at_every_token)
}

fn extract_with(
    text: &str,
    excluded: &[Span],
    keep: Keep,
    reading_at: impl Fn(&[tokens::Token], usize) -> Option<read::Reading>,
) -> Vec<Figure> {
    let sentences = crate::text::SentenceLookup::new(text);
    let lowered = text.to_ascii_lowercase();
    let specials: Vec<(Span, FigureKind)> = dates_and_identifiers::find(text, &lowered)
        .into_iter()
        .filter(|(s, _)| !overlaps_any(s, excluded))
        .collect();
    let barriers = crate::text::merge_spans(
        excluded.iter().cloned().chain(specials.iter().map(|(s, _)| s.clone())).collect(),
    );
    // the lowercase forms of words with capitals outside ASCII (rare: nothing is allocated
    // until one is met)
    let arena = bumpalo::Bump::new();
    let toks = tokens::tokenize(text, &lowered, &barriers, &arena);
    // Token index ranges of sentences, for the context search. Figures are visited in text
    // order and most sentences hold several: the last sentence found is asked first (sentences
    // do not overlap, so a position inside it has it as its sentence).
    let mut last_sentence: (Span, std::ops::Range<usize>) = (0..0, 0..0);
    let mut tok_sentence = |k: usize| -> std::ops::Range<usize> {
        let pos = toks[k].span.start;
        if !(last_sentence.0.start <= pos && pos < last_sentence.0.end) {
            let s = sentences.sentence_of(pos);
            // The tokens starting in `s`, found from token `k` out: the sentence holds `pos`
            // (or is empty at it), so they are the tokens around `k`, a sentence's worth read
            // once (two binary searches over the article's tokens missed the cache at each
            // step). Equal to `partition_point(start < s.start)..partition_point(start < s.end)`.
            let mut a = k;
            while a > 0 && toks[a - 1].span.start >= s.start {
                a -= 1;
            }
            let mut b = k;
            while b < toks.len() && toks[b].span.start < s.end {
                b += 1;
            }
            last_sentence = (s, a..b);
        }
        last_sentence.1.clone()
    };

    // The lead: the tokens of the first sentences (headline and first paragraph).
    // Lines with hardly a lower-case word ("PUBLISHED: THURSDAY, MAY 2", "Published May 03,
    // 2013", a byline) are metadata, not the story: they stay in the lead but do not use up its
    // sentences, so the first paragraph is still read.
    let lead_end = {
        let (mut end, mut counted, mut seen) = (0, 0, 0);
        while counted < context::Lead::SENTENCES && seen < context::Lead::MAX_LINES {
            if end >= toks.len() {
                break;
            }
            let next = tok_sentence(end).end.max(end + 1);
            let prose = toks[end..next]
                .iter()
                .filter(|x| x.kind == TokKind::Word && !x.is_capitalised())
                .count()
                >= 3;
            counted += usize::from(prose);
            seen += 1;
            end = next;
        }
        end
    };
    let lead = context::Lead::new(&toks, lead_end);
    // dates, times and identifiers are never compared
    let kept_specials = if keep == Keep::All { specials } else { Vec::new() };
    // room for a figure every hundred bytes, about as dense as news has them: a figure-dense
    // article otherwise copied its figures into a larger vector over and over (the caller keeps
    // what it needs of the room)
    let mut out: Vec<Figure> = Vec::with_capacity(kept_specials.len() + text.len() / 100);
    out.extend(kept_specials.into_iter().map(|(span, kind)| Figure {
        text: text[span.clone()].to_string(),
        kind,
        low: 0.0,
        high: 0.0,
        value: 0.0,
        conversion: None,
        qualifier: Qualifier::Exact,
        subject: None,
        keyed: false,
        attributed: false,
        span,
    }));
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == TokKind::Barrier {
            i += 1;
            continue;
        }
        let Some(r) = reading_at(&toks, i).filter(|r| {
            r.end > r.start && !toks[r.start..r.end].iter().any(|x| x.kind == TokKind::Barrier)
        }) else {
            i += 1;
            continue;
        };
        // Only counts, money, percentages, measures and durations are ever given a key (`context::context`).
        if keep == Keep::Compared
            && !matches!(
                r.kind,
                FigureKind::Count
                    | FigureKind::Measure
                    | FigureKind::Money
                    | FigureKind::Percent
                    | FigureKind::Duration
            )
        {
            i = r.end;
            continue;
        }
        let span = toks[r.start].span.start..toks[r.end - 1].span.end;
        let sent = tok_sentence(r.start);
        let c = context::context(&toks, &r, sent, &lead, keep == Keep::All);
        if keep == Keep::Compared && !(c.keyed && r.kind.is_compared()) {
            i = r.end;
            continue;
        }
        let (low, high) = in_base_unit(&r, c.scale);
        out.push(Figure {
            text: text[span.clone()].to_string(),
            kind: r.kind,
            low: tidy(low),
            high: tidy(high),
            value: tidy(r.value),
            conversion: c.scale.map(|u| Conversion { dimension: u.dimension, factor: u.factor }),
            qualifier: r.qualifier,
            subject: sharing::shared(Subject {
                counts: c.counts,
                predicate: c.predicate.map(frame::Slot::Borrowed),
                place: c.place,
                frame: c.frame,
            }),
            keyed: c.keyed,
            attributed: c.attributed,
            span,
        });
        i = r.end;
    }
    out.sort_by_key(|f| (f.span.start, f.span.end));
    out
}

/// The interval of a reading in the base unit of its dimension (metres, seconds, days), as
/// measures of one dimension are compared. A unit that writers convert with rounding (feet,
/// miles, months) makes the figure "about" its value: "2,000 feet" is 610 m ± 7%, which "600
/// metres" meets, while "700 metres" does not.
/// Returns (low, high).
fn in_base_unit(r: &read::Reading, scale: Option<lexicon::UnitScale>) -> (f64, f64) {
    let Some(u) = scale else { return (r.low, r.high) };
    let (low, high, value) = (r.low * u.factor, r.high * u.factor, r.value * u.factor);
    if u.exact {
        return (low, high);
    }
    (low.min(value * (1.0 - ABOUT)), high.max(value * (1.0 + ABOUT)))
}

/// Rounds away float noise (250,000 × 0.93 = 232499.99999999997) to 12 significant digits.
fn tidy(x: f64) -> f64 {
    // A whole number under 10^12 is its own rounding: scaled by a power of ten to at most 10^12
    // (below 2^53) it stays an exact integer, and scaling back gives it again. Most values are
    // such, and the logarithm was a figure's dearest step in figure-dense text.
    if !x.is_finite() || x == 0.0 || (x.fract() == 0.0 && x.abs() < 1e12) {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let m = 10f64.powi(digits);
    (x * m).round() / m
}

#[cfg(test)]
mod tests {
    use super::tidy;

    /// The shortcut for whole numbers gives what the rounding gives.
    #[test]
    fn whole_numbers_are_tidy_already() {
        let rounded = |x: f64| {
            let digits = 12 - x.abs().log10().ceil() as i32;
            let m = 10f64.powi(digits);
            (x * m).round() / m
        };
        let mut x = 1.0f64;
        while x < 1e12 {
            for y in [x, x + 1.0, x - 1.0, 3.0 * x, 7.0 * x + 13.0, 999_999_999_999.0] {
                let y = y.round().min(999_999_999_999.0);
                if y != 0.0 {
                    assert_eq!(tidy(y), rounded(y), "{y}");
                    assert_eq!(tidy(-y), rounded(-y), "{y}");
                }
            }
            x *= 1.7;
        }
        assert_eq!(tidy(232_499.999_999_999_97), 232_500.0);
    }
}
