//! The sentence around a byte offset, segmenting as little as possible: figure reading asks for
//! the sentences of a few figures, and UAX #29 segmentation (a table search and a state machine
//! per character) was a fifth of `crosswire check`.
//!
//! Two shortcuts, both exact (the result is always that of [`super::sentences`]):
//! - **Windows.** A line is cut at *safe breaks*: a capital A–Z after a full stop, question or
//!   exclamation mark, closing quotes or brackets, and at least one space ("… died.” The"). The
//!   segmenter breaks there whatever surrounds the pattern (rule SB11; SB6–SB10 cannot hold), and
//!   what it decides inside a window never depends on text outside it: looking back, every rule
//!   stops at the capital; looking ahead (SB8), the search stops at the next capital. So a window
//!   segmented alone gives the line's sentences within it. The safe breaks and line starts of
//!   a text are found once, in one pass; a lookup is then a binary search for its window.
//! - **Plain windows.** A window with no sentence terminal or paragraph separator in its body,
//!   only a trailing `[.!?]+ Close* Sp* \r? \n?`, is one sentence: UAX #29 breaks only after a
//!   terminal or a separator. Most windows are one plain sentence, and are never handed to the
//!   segmenter.

use super::segment::line_sentences;
use super::Span;

/// The sentence that holds an offset, segmenting only the windows asked about.
pub struct SentenceLookup<'a> {
    text: &'a str,
    /// Where the windows start, in order: the text's start, every line's start (after a line
    /// break) and every safe break. Found once, in one pass over the text; a window ends where
    /// the next starts (or at the text's end).
    starts: Vec<usize>,
    /// The sentences of the windows segmented so far, and where each window's are among them
    /// (by its index in `starts`): a later lookup in the same window is a search, not a rescan
    /// (one 10 MB line with thousands of figures and no safe break must not cost thousands of
    /// scans).
    windows: std::cell::RefCell<Segmented>,
}

/// The sentences of the windows segmented so far, and for each window (by its index), where its
/// sentences are among them, once it has been segmented.
type Segmented = (Vec<Span>, Vec<Option<(u32, u32)>>);

impl<'a> SentenceLookup<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        // line starts and safe breaks, each in order, merged (a safe break never spans a line
        // break, as Sp holds none, and never falls at a line's start)
        // a window starts about every 80 bytes of news text: room enough that the vector is
        // rarely copied as it grows
        let mut starts = Vec::with_capacity(text.len() / 64 + 4);
        starts.push(0);
        let mut breaks = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
            .filter_map(|t| safe_break_after(bytes, t));
        let mut next_break = breaks.next();
        for line_start in memchr::memchr_iter(b'\n', bytes).map(|i| i + 1) {
            while let Some(b) = next_break.filter(|&b| b < line_start) {
                starts.push(b);
                next_break = breaks.next();
            }
            starts.push(line_start);
        }
        starts.extend(next_break);
        starts.extend(breaks);
        debug_assert!(starts.windows(2).all(|w| w[0] < w[1]));
        // room for the sentences of a few windows, as most texts ask about
        let windows = std::cell::RefCell::new((Vec::with_capacity(16), vec![None; starts.len()]));
        SentenceLookup { text, starts, windows }
    }

    /// The sentence that holds byte `pos`, or the empty span `pos..pos` when `pos` lies between
    /// sentences. Equal to finding `pos` in [`sentences`](super::sentences)`(text)`.
    pub fn sentence_of(&self, pos: usize) -> Span {
        let pos = pos.min(self.text.len());
        // `starts[0]` is 0, so some window starts at or before `pos`
        let w = self.starts.partition_point(|&b| b <= pos) - 1;
        let mut windows = self.windows.borrow_mut();
        let (all, segmented) = &mut *windows;
        let (from, to) = *segmented[w].get_or_insert_with(|| {
            let end = self.starts.get(w + 1).copied().unwrap_or(self.text.len());
            let from = all.len();
            segment_window(self.text, self.starts[w]..end, all);
            (from as u32, all.len() as u32)
        });
        let spans = &all[from as usize..to as usize];
        let i = spans.partition_point(|s| s.end <= pos);
        spans.get(i).filter(|s| s.start <= pos).cloned().unwrap_or(pos..pos)
    }
}

/// The safe break that the terminal at `t` opens, if it opens one: `[.!?] Close* Sp+ [A-Z]`,
/// the capital's offset. A sentence starts there whatever the text around.
fn safe_break_after(line: &[u8], t: usize) -> Option<usize> {
    let mut j = t + 1;
    while let Some(len) = close_at(line, j) {
        j += len;
    }
    let spaces = line[j..].iter().take_while(|&&b| is_space(b)).count();
    let i = j + spaces;
    (spaces > 0 && line.get(i).is_some_and(u8::is_ascii_uppercase)).then_some(i)
}

/// The ASCII characters of UAX #29's Sp (the no-break space is Sp too, but left to the segmenter).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0B | 0x0C)
}

/// Closing marks of UAX #29 (class Close) that the shortcuts know: ASCII quotes and brackets, and
/// the curly quotes of news text.
const CLOSE_ASCII: &[u8] = b"\"'()[]{}";
const CLOSE_CURLY: [&[u8]; 4] = ["‘".as_bytes(), "’".as_bytes(), "“".as_bytes(), "”".as_bytes()];

/// The length of the closing mark that ends just before `j`, if one does.
fn close_before(bytes: &[u8], line_start: usize, j: usize) -> Option<usize> {
    let head = &bytes[line_start..j];
    if head.last().is_some_and(|b| CLOSE_ASCII.contains(b)) {
        return Some(1);
    }
    CLOSE_CURLY.iter().find(|c| head.ends_with(c)).map(|c| c.len())
}

/// The length of the closing mark that starts at `j`, if one does.
fn close_at(bytes: &[u8], j: usize) -> Option<usize> {
    let tail = bytes.get(j..)?;
    match tail.first()? {
        b if CLOSE_ASCII.contains(b) => Some(1),
        // every curly quote starts with this byte; most terminals are followed by a space
        0xE2 => CLOSE_CURLY.iter().find(|c| tail.starts_with(c)).map(|c| c.len()),
        _ => None,
    }
}

/// The sentences of `window`, appended to `spans`: one without asking the segmenter when the
/// window is plain, else the segmenter's.
fn segment_window(text: &str, window: Span, spans: &mut Vec<Span>) {
    let part = &text[window.clone()];
    if is_plain_sentence(part) {
        line_sentences(window.start, part, spans, |s| std::iter::once((0, s)));
    } else {
        line_sentences(
            window.start,
            part,
            spans,
            unicode_segmentation::UnicodeSegmentation::split_sentence_bound_indices,
        );
    }
}

/// A body of characters that are neither sentence terminals nor paragraph separators, then only
/// `[.!?]+ Close* Sp* \r? \n?`: UAX #29 finds no break inside.
fn is_plain_sentence(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    // the tail, from the back
    end -= usize::from(end > 0 && bytes[end - 1] == b'\n');
    end -= usize::from(end > 0 && bytes[end - 1] == b'\r');
    while end > 0 && is_space(bytes[end - 1]) {
        end -= 1;
    }
    while let Some(len) = close_before(bytes, 0, end) {
        end -= len;
    }
    while end > 0 && matches!(bytes[end - 1], b'.' | b'!' | b'?') {
        end -= 1;
    }
    let body = &s[..end];
    let b = body.as_bytes();
    // the ASCII terminals and separators first, fast; then the rest character by character
    let ascii_break = memchr::memchr2(b'!', b'?', b).is_some()
        || memchr::memchr2(b'\r', b'\n', b).is_some()
        || !memchr::memchr_iter(b'.', b).all(|i| full_stop_continues(b, i));
    !ascii_break && (body.is_ascii() || body.chars().all(is_neutral))
}

/// Whether UAX #29 finds no break after the full stop at `i` of a window's body, in the forms
/// the shortcut knows: before a lower-case ASCII letter or an ASCII digit ("e.g", "3.5": SB8,
/// SB6), between ASCII letters with the capital after ("U.S": SB7), or before spaces and then a
/// lower-case ASCII letter ("U.S. and": SB9 and SB10 keep the spaces, SB8 the letter). A full
/// stop before spaces and a capital is a safe break, so never inside a body. Abbreviations put
/// a window in three to the segmenter, at a fifth of the lookups' cost.
fn full_stop_continues(b: &[u8], i: usize) -> bool {
    match b.get(i + 1) {
        Some(n) if n.is_ascii_lowercase() || n.is_ascii_digit() => true,
        Some(n) if n.is_ascii_uppercase() => i > 0 && b[i - 1].is_ascii_alphabetic(),
        Some(b' ') => {
            let spaces = b[i + 1..].iter().take_while(|&&c| c == b' ').count();
            b.get(i + 1 + spaces).is_some_and(u8::is_ascii_lowercase)
        }
        _ => false,
    }
}

/// Characters that can neither end a sentence nor a paragraph (UAX #29: not STerm, ATerm, Sep,
/// CR or LF), among those the shortcut knows; the rest go to the segmenter.
fn is_neutral(c: char) -> bool {
    if c.is_ascii() {
        return !matches!(c, '.' | '!' | '?' | '\r' | '\n');
    }
    // the marks first: the letter tables cost a few hundred instructions a character
    matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '\u{a0}') || c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn reference(text: &str, pos: usize) -> Span {
        let all = super::super::sentences(text);
        let i = all.partition_point(|s| s.end <= pos);
        all.get(i).filter(|s| s.start <= pos).cloned().unwrap_or(pos..pos)
    }

    fn assert_same_everywhere(text: &str) {
        let lookup = SentenceLookup::new(text);
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            assert_eq!(lookup.sentence_of(pos), reference(text, pos), "at {pos} of {text:?}");
        }
    }

    #[test]
    fn the_lookup_finds_what_the_full_segmentation_finds() {
        assert_same_everywhere("Headline here\n\nMr. Kerry said 250,000 people. Lavrov agreed!  \r\nA third line… with “quotes” 12.\n  \nlast");
        assert_same_everywhere("He said: “They died.” The U.S. envoy (e.g. Mr. Kerry) left. (Reuters) Then? No! ‘Yes.’ A. b. C 3.5 c.");
        // full stops inside a window that the segmenter passes over, and some it breaks at
        assert_same_everywhere("But both U.S. and Russian officials, e.g.the U.N.'s envoy, said 3.5 was 2.x.Y or 5.A, a.  b. 4 U.S.-led. z");
    }

    /// Every character the plain-window shortcut takes as neutral is neither a terminal nor a
    /// separator for the segmenter: "x{c} Y" stays one sentence.
    #[test]
    fn neutral_characters_are_neutral_for_the_segmenter() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_neutral(c)) {
            let text = format!("x{c} Y");
            assert_eq!(text.split_sentence_bounds().count(), 1, "{c:?} U+{:04X}", c as u32);
        }
    }

    /// The closing marks of the shortcuts stay with the terminal before them for the segmenter
    /// ("x.” Y" breaks once, before Y), as Close (or Sp) does.
    #[test]
    fn closing_marks_are_close_for_the_segmenter() {
        let curly =
            CLOSE_CURLY.iter().map(|c| std::str::from_utf8(c).unwrap().chars().next().unwrap());
        for c in CLOSE_ASCII.iter().map(|&b| b as char).chain(curly) {
            let kept: Vec<String> =
                format!("x.{c} Y").split_sentence_bounds().map(str::to_string).collect();
            assert_eq!(kept, [format!("x.{c} "), "Y".to_string()], "{c:?}");
        }
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just(". "),
            Just("! "),
            Just("? "),
            Just("?! "),
            Just("."),
            Just(".” "),
            Just(".’ "),
            Just(".) "),
            Just(".\" "),
            Just(".' "),
            Just(". ("),
            Just(". ”"),
            Just("Mr. "),
            Just("U.S. "),
            Just("e.g. "),
            Just("The"),
            Just("the"),
            Just("A"),
            Just("a"),
            Just("Z"),
            Just("250,000"),
            Just("3.5"),
            Just(".5"),
            Just("’"),
            Just("”"),
            Just("“"),
            Just("‘"),
            Just("("),
            Just(")"),
            Just("["),
            Just("…"),
            Just("—"),
            Just("–"),
            Just(" "),
            Just("  "),
            Just("\t"),
            Just("\u{b}"),
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just("\u{85}"),
            Just("\u{2028}"),
            Just("\u{301}"),
            Just("\u{200d}"),
            Just("\u{ad}"),
            Just("é"),
            Just("É"),
            Just("。"),
            Just("؟"),
            Just("\u{a0}"),
            Just("x"),
            Just("X"),
            Just(", "),
            Just(": "),
            Just("; "),
            Just("-"),
            Just("said"),
            Just("Kerry"),
            Just("1"),
            Just("日本")
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        #[test]
        fn windows_and_plain_sentences_change_no_sentence(parts in prop::collection::vec(piece(), 0..40)) {
            let text: String = parts.concat();
            let lookup = SentenceLookup::new(&text);
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                prop_assert_eq!(lookup.sentence_of(pos), reference(&text, pos), "at {} of {:?}", pos, text);
            }
        }
    }
}
