//! A small tokenizer for figure reading: words (lowercased), numbers written in digits, single
//! punctuation marks, and barriers (dates, times, identifiers and excluded regions) that no
//! expression may cross.

use super::ascii::letter_run;
use super::lexicon::Shape;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// Digits, with thousands separators and a decimal part: "250,000", "3.5", ".08", "40 000".
    Num,
    Punct,
    /// A region already classified (date, time, identifier) or excluded.
    Barrier,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: TokKind,
    /// Lowercase form of words, empty for other tokens: borrowed from the word itself, from the
    /// text lowered as ASCII, or (for the few words with capitals outside ASCII) from the arena
    /// the tokenizer is given. (A `Cow` made every token 8 bytes larger and every look at the
    /// form a branch.)
    pub lower: &'a str,
    /// `Shape::of(lower)` for words, the bucket of the word tables, found while the word's
    /// bytes are at hand: the gate that every word meets asks only this (the default for other
    /// tokens).
    pub shape: Shape,
}

impl Token<'_> {
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == TokKind::Word && self.lower == w
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokKind::Punct && self.text == p
    }
    pub fn is_dash(&self) -> bool {
        self.kind == TokKind::Punct && matches!(self.text, "-" | "–" | "—" | "‐" | "‑")
    }
    /// Whether the word starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.kind == TokKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// "1,234,567.89"; a comma group must have exactly three digits.
static COMMA_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?").unwrap());
/// "40 000", "1 234 567" with spaces, no-break or narrow no-break spaces.
static SPACE_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:[ \u{00A0}\u{202F}]\d{3})+(?:\.\d+)?").unwrap());
/// "2, 000ft": a thousands group after a comma and a stray space, as copied text often has it.
/// Only a group opening with a zero, which no number standing alone does ("450, 312" is a list).
static STRAY_SPACE_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:, 0\d{2})+").unwrap());
static PLAIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+)?").unwrap());
static LEADING_POINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\.\d+").unwrap());

/// Tokens of `text` outside `barriers` (sorted, non-overlapping), which become barrier tokens.
/// `lowered` is `text.to_ascii_lowercase()` (same offsets): the lowercase form of an ASCII word
/// is borrowed from it, so that capitalised words cost no allocation each; the lowercase forms
/// it cannot hold are put in `arena`.
///
/// Read byte by byte between barriers, ASCII first: nearly all of an English article, and `char`
/// decoding and the Unicode tables cost more than the rest. The tests hold it to the plain
/// char-by-char reading (`tokenize_char_by_char`).
pub fn tokenize<'a>(
    text: &'a str,
    lowered: &'a str,
    barriers: &[Span],
    arena: &'a bumpalo::Bump,
) -> Vec<Token<'a>> {
    debug_assert_eq!(text.len(), lowered.len());
    // about five bytes a token in news text, a little less where figures are dense: room enough
    // that the vector is not copied as it grows
    let mut out = Vec::with_capacity(text.len() / 4 + 16);
    let mut pos = 0;
    for b in barriers {
        if b.end <= pos {
            continue;
        }
        tokenize_between(text, lowered, arena, pos, b.start.max(pos), &mut out);
        // an empty barrier only cuts the text
        if !b.is_empty() {
            out.push(Token {
                span: b.clone(),
                text: &text[b.clone()],
                kind: TokKind::Barrier,
                lower: "",
                shape: Shape::default(),
            });
        }
        pos = b.end;
    }
    tokenize_between(text, lowered, arena, pos, text.len(), &mut out);
    out
}

/// The tokens of `text[pos..limit]`, a stretch without barriers, appended to `out`.
fn tokenize_between<'a>(
    text: &'a str,
    lowered: &'a str,
    arena: &'a bumpalo::Bump,
    mut pos: usize,
    limit: usize,
    out: &mut Vec<Token<'a>>,
) {
    let bytes = &text.as_bytes()[..limit];
    while pos < limit {
        let b = bytes[pos];
        let (len, kind) = match b {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => {
                pos += 1;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                // words of ASCII letters one after another, each with the space after it, as
                // most of a text is, read in this inner loop without the dispatch above
                let continued = loop {
                    let run = letter_run(&bytes[pos..]);
                    let end = pos + run;
                    // an apostrophe or a letter outside ASCII may continue the word
                    if matches!(bytes.get(end), Some(b'\'' | 0x80..)) {
                        break Some(run);
                    }
                    let (word, lower) = ascii_pieces(text, lowered, pos..end);
                    out.push(Token {
                        span: pos..end,
                        text: word,
                        kind: TokKind::Word,
                        lower,
                        shape: Shape::of_ascii_letters(run, bytes[pos], bytes[end - 1]),
                    });
                    // the space after a word, as most words have
                    pos = end + usize::from(bytes.get(end) == Some(&b' '));
                    if !bytes.get(pos).is_some_and(u8::is_ascii_alphabetic) {
                        break None;
                    }
                };
                // a word that goes on past its ASCII letters, from their run on
                let Some(run) = continued else { continue };
                (run + word_len(&text[pos + run..limit]), TokKind::Word)
            }
            b'0'..=b'9' => (number_len(&text[pos..limit]), TokKind::Num),
            b'.' if (pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric())
                && bytes.get(pos + 1).is_some_and(|&n| n.is_ascii_digit() || n >= 0x80) =>
            {
                match LEADING_POINT.find(&text[pos..limit]) {
                    Some(m) => (m.end(), TokKind::Num),
                    None => (1, TokKind::Punct),
                }
            }
            0..=0x7F => {
                let span = pos..pos + 1;
                out.push(Token {
                    span: span.clone(),
                    text: ascii_piece(text, span),
                    kind: TokKind::Punct,
                    lower: "",
                    shape: Shape::default(),
                });
                pos += 1;
                continue;
            }
            _ => {
                let c = text[pos..limit].chars().next().unwrap_or_default();
                if c.is_whitespace() {
                    pos += c.len_utf8();
                    continue;
                }
                if is_letter(c) {
                    (word_len(&text[pos..limit]), TokKind::Word)
                } else {
                    (c.len_utf8(), TokKind::Punct)
                }
            }
        };
        let span = pos..pos + len;
        let word = &text[span.clone()];
        let lower = match kind {
            // ASCII letters lowered, and characters outside ASCII that lowercase to themselves
            // (the curly apostrophe of "Syria’s"): `lowered` holds the word's lowercase form
            TokKind::Word if word.chars().all(lowers_to_itself_outside_ascii) => {
                &lowered[span.clone()]
            }
            TokKind::Word if word.chars().any(char::is_uppercase) => {
                &*arena.alloc_str(&word.to_lowercase())
            }
            TokKind::Word => word,
            _ => "",
        };
        let shape = if kind == TokKind::Word { Shape::of(lower) } else { Shape::default() };
        out.push(Token { span, text: word, kind, lower, shape });
        pos += len;
    }
}

/// `s[span]`, for a span whose first and last bytes are ASCII (asserted): both its ends are then
/// character boundaries (a byte after an ASCII byte starts a character, or is the end). Cheaper
/// than the checked slice's boundary tests.
#[inline(always)]
fn ascii_piece(s: &str, span: Span) -> &str {
    let bytes = s.as_bytes();
    assert!(
        span.start < span.end
            && span.end <= bytes.len()
            && bytes[span.start].is_ascii()
            && bytes[span.end - 1].is_ascii()
    );
    // SAFETY: `span` lies inside `s` and both its ends are character boundaries, as asserted:
    // it starts at an ASCII byte and ends just after one.
    unsafe { s.get_unchecked(span) }
}

/// [`ascii_piece`] of `text` and of `lowered`, strings of one length, for one span: asserted
/// together, each test a branch of one condition.
#[inline(always)]
fn ascii_pieces<'a>(text: &'a str, lowered: &'a str, span: Span) -> (&'a str, &'a str) {
    let (t, l) = (text.as_bytes(), lowered.as_bytes());
    assert!(
        span.start < span.end
            && span.end <= t.len()
            && t.len() == l.len()
            && (t[span.start] | t[span.end - 1] | l[span.start] | l[span.end - 1]).is_ascii()
    );
    // SAFETY: `span` lies inside both strings (of one length) and both its ends are character
    // boundaries of each, as asserted: it starts at an ASCII byte and ends just after one.
    unsafe { (text.get_unchecked(span.clone()), lowered.get_unchecked(span)) }
}

/// The length of the number at the start of `rest`, as [`number_len_by_patterns`] reads it. Most
/// numbers are a run of ASCII digits that none of the grouped forms can extend: those are read
/// without the patterns.
fn number_len(rest: &str) -> usize {
    number_len_with(rest, number_len_grouped)
}

/// [`number_len`], with `grouped` reading the numbers a plain run of ASCII digits cannot.
fn number_len_with(rest: &str, grouped: fn(&str) -> usize) -> usize {
    let bytes = rest.as_bytes();
    let run = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    match bytes.get(run) {
        // a decimal part, a thousands group, or a character outside ASCII (a no-break space, a
        // digit of another script): the patterns decide
        Some(b'.' | 0x80..) => grouped(rest),
        Some(b',' | b' ') if run <= 3 => grouped(rest),
        _ => run,
    }
}

/// [`number_len_by_patterns`], without the patterns where they can only read ASCII.
fn number_len_grouped(rest: &str) -> usize {
    number_len_ascii(rest).unwrap_or_else(|| number_len_by_patterns(rest))
}

/// [`number_len_by_patterns`] without the patterns, where they can only read ASCII: when every
/// byte up to the last one looked at is ASCII, no pattern can have met a Unicode digit or a
/// no-break space, and the forms below are the patterns' own. The patterns were a few percent of
/// `check` on figure-dense text ("1,120 people"); a proptest holds this to them. `None` where
/// the patterns must decide.
fn number_len_ascii(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    // one past the last byte looked at
    let seen = std::cell::Cell::new(0);
    let byte = |k: usize| {
        seen.set(seen.get().max(k + 1));
        bytes.get(k).copied()
    };
    let is_digit_at = |k: usize| byte(k).is_some_and(|d| d.is_ascii_digit());
    let digits_from = |k: usize| (k..).take_while(|&j| is_digit_at(j)).count();
    let lead = digits_from(0);
    // `(?:\.\d+)?` from `k`
    let decimal = |k: usize| {
        if byte(k) == Some(b'.') && is_digit_at(k + 1) {
            k + 1 + digits_from(k + 1)
        } else {
            k
        }
    };
    // `^\d{1,3}(?:SEP\d{3})+`: the end of the groups, if at least one follows the leading digits
    let groups = |sep: &[u8], digits: &dyn Fn(usize) -> bool| -> Option<usize> {
        if !(1..=3).contains(&lead) {
            return None;
        }
        let mut k = lead;
        while sep.iter().enumerate().all(|(j, &c)| byte(k + j) == Some(c)) && digits(k + sep.len())
        {
            k += sep.len() + 3;
        }
        (k > lead).then_some(k)
    };
    let three_digits = |k: usize| (k..k + 3).all(&is_digit_at);
    let zero_and_two_digits =
        |k: usize| byte(k) == Some(b'0') && is_digit_at(k + 1) && is_digit_at(k + 2);
    let len = groups(b",", &three_digits)
        .map(decimal)
        .filter(|&e| !is_digit_at(e))
        .or_else(|| groups(b" ", &three_digits).map(decimal).filter(|&e| !is_digit_at(e)))
        .or_else(|| groups(b", ", &zero_and_two_digits).filter(|&e| !is_digit_at(e)))
        .unwrap_or_else(|| if lead == 0 { 1 } else { decimal(lead) });
    let looked_at = seen.get().min(bytes.len());
    bytes[..looked_at].is_ascii().then_some(len)
}

/// The length of the number at the start of `rest`: grouped by commas or spaces, else plain.
fn number_len_by_patterns(rest: &str) -> usize {
    let next_is_digit = |n: usize| rest[n..].chars().next().is_some_and(|c| c.is_ascii_digit());
    for re in [&*COMMA_GROUPED, &*SPACE_GROUPED, &*STRAY_SPACE_GROUPED] {
        if let Some(m) = re.find(rest) {
            if !next_is_digit(m.end()) {
                return m.end();
            }
        }
    }
    PLAIN.find(rest).map_or(1, |m| m.end())
}

/// Letters, with apostrophes inside ("Ja’afari’s") and dots of abbreviations left out; from any
/// position (each character's fate depends on it and the next one only).
fn word_len(rest: &str) -> usize {
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            matches!(c, '\'' | '’') && chars.peek().is_some_and(|&(_, n)| is_letter(n));
        if is_letter(c) || inner_apostrophe {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Whether `c` is ASCII or its lowercase form is itself (no case, or lowercase already): a word
/// of such characters lowercases as `to_ascii_lowercase` lowers it. Outside ASCII the marks of
/// [`is_letter`]'s range are answered without the case tables.
fn lowers_to_itself_outside_ascii(c: char) -> bool {
    c.is_ascii() || ('\u{2010}'..='\u{2027}').contains(&c) || {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    }
}

/// `char::is_alphabetic`, answered without the Unicode tables for the punctuation news text
/// writes outside ASCII (U+2010 to U+2027: dashes, curly quotes, bullets, the ellipsis), none of
/// it a letter: the tables' search cost a few hundred instructions a character.
fn is_letter(c: char) -> bool {
    !('\u{2010}'..='\u{2027}').contains(&c) && c.is_alphabetic()
}

/// The numeric value of a digit token: separators dropped.
pub fn digits_value(text: &str) -> f64 {
    // Digits and thousands separators only, as nearly all numbers are ("1,120", "40 000"): at
    // most 15 digits are an integer below 2^53, exactly the float that parsing them gives. (The
    // parse cost a figure-dense text more than reading its numbers otherwise did.)
    let (mut whole, mut digits) = (0u64, 0usize);
    let mut point = false;
    for &b in text.as_bytes() {
        if b.is_ascii_digit() {
            whole = whole.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            digits += 1;
        } else if b == b'.' {
            point = true;
            break;
        }
    }
    if !point && digits <= 15 {
        return whole as f64;
    }
    // on the stack: a figure's digits fit, and this is asked for every number read
    let mut buf = [0u8; 64];
    let mut len = 0;
    for &b in text.as_bytes().iter().filter(|b| b.is_ascii_digit() || **b == b'.') {
        let Some(slot) = buf.get_mut(len) else { return digits_value_long(text) };
        *slot = b;
        len += 1;
    }
    std::str::from_utf8(&buf[..len]).ok().and_then(|s| s.parse().ok()).unwrap_or(0.0)
}

/// [`digits_value`] of a number longer than its buffer.
#[cold]
fn digits_value_long(text: &str) -> f64 {
    let clean: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    clean.parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The characters [`is_letter`] answers without the tables are no letters (nor spaces, which
    /// the tokenizer asks first).
    #[test]
    fn general_punctuation_is_no_letter() {
        for c in '\u{2010}'..='\u{2027}' {
            assert!(!c.is_alphabetic() && !c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    /// The tokenizer's specification: one `char` at a time, Unicode tables for everything, the
    /// patterns for every number. The fast one must give the same tokens.
    fn tokenize_char_by_char<'a>(
        text: &'a str,
        barriers: &[Span],
        arena: &'a bumpalo::Bump,
    ) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut next_barrier = 0;
        while pos < text.len() {
            while next_barrier < barriers.len() && barriers[next_barrier].end <= pos {
                next_barrier += 1;
            }
            if let Some(b) = barriers.get(next_barrier).filter(|b| b.start <= pos) {
                out.push(Token {
                    span: b.clone(),
                    text: &text[b.clone()],
                    kind: TokKind::Barrier,
                    lower: "",
                    shape: Shape::default(),
                });
                pos = b.end;
                continue;
            }
            let limit = barriers.get(next_barrier).map_or(text.len(), |b| b.start);
            let rest = &text[pos..limit];
            let c = rest.chars().next().unwrap();
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            let (len, kind) = if c.is_ascii_digit() {
                (number_len_by_patterns(rest), TokKind::Num)
            } else if c == '.'
                && (pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric())
                && LEADING_POINT.is_match(rest)
            {
                (LEADING_POINT.find(rest).unwrap().end(), TokKind::Num)
            } else if c.is_alphabetic() {
                (word_len(rest), TokKind::Word)
            } else {
                (c.len_utf8(), TokKind::Punct)
            };
            let span = pos..pos + len;
            let word = &text[span.clone()];
            let lower = match kind {
                TokKind::Word if word.chars().any(char::is_uppercase) => {
                    &*arena.alloc_str(&word.to_lowercase())
                }
                TokKind::Word => word,
                _ => "",
            };
            let shape = if kind == TokKind::Word { Shape::of(lower) } else { Shape::default() };
            out.push(Token { span: span.clone(), text: &text[span], kind, lower, shape });
            pos += len;
        }
        out
    }

    fn same(a: &[Token], b: &[Token]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.span == y.span
                    && x.kind == y.kind
                    && x.text == y.text
                    && x.lower == y.lower
                    && x.shape == y.shape
            })
    }

    #[test]
    fn ascii_whitespace_is_the_unicode_whitespace_of_ascii() {
        for b in 0u8..0x80 {
            let text = format!("a{}b", b as char);
            assert!(
                same(
                    &tokenize(&text, &text.to_ascii_lowercase(), &[], &Default::default()),
                    &tokenize_char_by_char(&text, &[], &Default::default())
                ),
                "byte {b:#x}"
            );
        }
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("Ja’afari’s"),
            Just("O'Neil"),
            Just("rock'n'roll"),
            Just("'quoted'"),
            Just("’"),
            Just("Ärzte"),
            Just("ÉLAN"),
            Just("İstanbul"),
            Just("straße"),
            Just("ǅemal"),
            Just("word"),
            Just("Word"),
            Just("WORD"),
            Just("250,000"),
            Just("40\u{a0}000"),
            Just("1 234"),
            Just(".5"),
            Just("3.5"),
            Just("a.b"),
            Just(" "),
            Just("\u{a0}"),
            Just("\u{2003}"),
            Just("\u{85}"),
            Just("\u{1c}"),
            Just("\t"),
            Just("\r\n"),
            Just("—"),
            Just("-"),
            Just("“"),
            Just("€"),
            Just("日本"),
            Just("😀"),
            Just("x\u{301}"),
            Just("ﬁ"),
            Just("Σ"),
            Just("1"),
            Just("12"),
            Just("1234"),
            Just("12,34"),
            Just("1,234,567.8"),
            Just(","),
            Just("."),
            Just("1\u{202f}000"),
            Just("٣"),
            Just("12."),
            Just("0.5.6")
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]
        /// Numbers read without the patterns are read as the patterns read them: strings of
        /// digits, separators, Unicode digits and no-break spaces, starting with a digit.
        #[test]
        fn numbers_without_patterns_are_the_patterns_numbers(first in 0u8..10, rest in prop::collection::vec(prop_oneof![
            Just("0"), Just("1"), Just("5"), Just("9"), Just(","), Just("."), Just(" "), Just(", 0"),
            Just("\u{a0}"), Just("\u{202f}"), Just("٣"), Just("a"), Just("-")
        ], 0..16)) {
            let text = format!("{first}{}", rest.concat());
            if let Some(len) = number_len_ascii(&text) {
                prop_assert_eq!(len, number_len_by_patterns(&text), "{:?}", text);
            }
            // what `number_len` gave before it read grouped numbers without the patterns
            let by_patterns = number_len_with(&text, number_len_by_patterns);
            prop_assert_eq!(number_len(&text), by_patterns, "{:?}", text);
        }
    }

    /// A digit token's value as the specification gives it: its digits and points, parsed.
    fn parsed(text: &str) -> f64 {
        let clean: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        clean.parse().unwrap_or(0.0)
    }

    #[test]
    fn values_of_digits_are_those_parsed() {
        for text in [
            "0",
            "7",
            "007",
            "1120",
            "999999999999999",
            "9999999999999999",
            "1,120",
            "3.5",
            "1.2.3",
            "",
            "40\u{a0}000",
            "1,234,567,890,123",
            "1,234,567,890,123,456",
            "99,999,999,999,999,999,999",
            ",",
            "٣,5",
        ] {
            assert_eq!(digits_value(text).to_bits(), parsed(text).to_bits(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        /// Strings of digits, separators and points are valued as their digits and points parsed.
        #[test]
        fn values_of_digit_strings_are_those_parsed(parts in prop::collection::vec(prop_oneof![
            Just("0"), Just("1"), Just("5"), Just("9"), Just(","), Just("."), Just(" "),
            Just("\u{a0}"), Just("٣"), Just("123"), Just("999")
        ], 0..24)) {
            let text = parts.concat();
            prop_assert_eq!(digits_value(&text).to_bits(), parsed(&text).to_bits(), "{:?}", text);
        }
    }

    #[test]
    fn grouped_numbers_are_read_without_the_patterns_when_ascii() {
        for (text, len) in [
            ("1,120 people", 5),
            ("1,194.5m", 7),
            ("40 000 km", 6),
            ("2, 000ft", 6),
            ("12,34", 2),
            ("1,2345", 1),
            ("3.5.6", 3),
            ("450, 312", 3),
        ] {
            assert_eq!(number_len_ascii(text), Some(len), "{text}");
            assert_eq!(number_len_by_patterns(text), len, "{text}");
        }
        assert_eq!(number_len_ascii("40\u{a0}000"), None);
        assert_eq!(number_len_ascii("1,23٣"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn fast_tokens_are_the_char_by_char_tokens(parts in prop::collection::vec(piece(), 0..40), cuts in prop::collection::vec((0usize..200, 0usize..8), 0..4)) {
            let text: String = parts.concat();
            // up to three barriers on character boundaries, sorted, not overlapping; empty ones too
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut spans: Vec<Span> = cuts.iter().map(|&(cut, width)| {
                let i = cut % bounds.len();
                bounds[i]..bounds[(i + width).min(bounds.len() - 1)]
            }).collect();
            spans.sort_by_key(|s| (s.start, s.end));
            let mut barriers: Vec<Span> = Vec::new();
            for s in spans {
                if barriers.last().is_none_or(|l| l.end <= s.start) {
                    barriers.push(s);
                }
            }
            let lowered = text.to_ascii_lowercase();
            let (arena, spec_arena) = (bumpalo::Bump::new(), bumpalo::Bump::new());
            prop_assert!(same(&tokenize(&text, &lowered, &barriers, &arena), &tokenize_char_by_char(&text, &barriers, &spec_arena)), "{:?} {:?}", text, barriers);
        }
    }
}
