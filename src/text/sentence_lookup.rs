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
//!   segmented alone gives the line's sentences within it.
//! - **Plain windows.** A window with no sentence terminal or paragraph separator in its body,
//!   only a trailing `[.!?]+ Close* Sp* \r? \n?`, is one sentence: UAX #29 breaks only after a
//!   terminal or a separator. Most windows are one plain sentence, and are never handed to the
//!   segmenter.

use super::segment::line_sentences;
use super::Span;

/// The sentence that holds an offset, segmenting only the windows asked about.
pub struct SentenceLookup<'a> {
    text: &'a str,
    /// Segmented windows: window start → (window end; its sentences). Kept in order so that a
    /// later lookup in the same window is a search, not a rescan: one 10 MB line with thousands
    /// of figures and no safe break must not cost thousands of scans.
    windows: std::cell::RefCell<std::collections::BTreeMap<usize, (usize, Vec<Span>)>>,
}

impl<'a> SentenceLookup<'a> {
    pub fn new(text: &'a str) -> Self {
        SentenceLookup { text, windows: Default::default() }
    }

    /// The sentence that holds byte `pos`, or the empty span `pos..pos` when `pos` lies between
    /// sentences. Equal to finding `pos` in [`sentences`](super::sentences)`(text)`.
    pub fn sentence_of(&self, pos: usize) -> Span {
        let pos = pos.min(self.text.len());
        let mut windows = self.windows.borrow_mut();
        let cached = windows
            .range(..=pos)
            .next_back()
            .filter(|(_, (end, _))| pos < *end)
            .map(|(_, (_, spans))| spans);
        let spans = match cached {
            Some(spans) => spans,
            None => {
                let window = window_around(self.text, pos);
                let mut spans = Vec::new();
                segment_window(self.text, window.clone(), &mut spans);
                // `pos` at the very end of the text is past every window's extent: found by a rescan
                &windows.entry(window.start).or_insert((window.end, spans)).1
            }
        };
        let i = spans.partition_point(|s| s.end <= pos);
        spans.get(i).filter(|s| s.start <= pos).cloned().unwrap_or(pos..pos)
    }
}

/// The window that holds `pos`: from the last safe break at or before it (or the line's start)
/// to the first safe break after it (or the line's end, line break included). Safe breaks are
/// found from the terminals before them, which memchr finds fast. Both searches look no further
/// than they must, in chunks that double: finding the line's ends first would cost a scan of the
/// whole line per window, quadratic on a text that is one long line of short sentences.
fn window_around(text: &str, pos: usize) -> Span {
    let bytes = text.as_bytes();
    let start = last_break_at_or_before(bytes, pos);
    // a terminal just before `pos` may still open a break after it ("died.  |  The"); a line
    // break is neither a space nor a closing mark, so this stops at the line's start
    let mut from = pos;
    while from > 0 && (is_space(bytes[from - 1]) || close_before(bytes, 0, from).is_some()) {
        from -= close_before(bytes, 0, from).unwrap_or(1);
    }
    from -= usize::from(from > 0 && matches!(bytes[from - 1], b'.' | b'!' | b'?'));
    let end = first_break_after(bytes, from, pos);
    start..end
}

/// The first chunk a search looks at; each next one is twice as long.
const FIRST_CHUNK: usize = 256;

/// The last safe break at or before `pos` on its line, or the line's start.
fn last_break_at_or_before(bytes: &[u8], pos: usize) -> usize {
    let (mut hi, mut len) = (pos, FIRST_CHUNK);
    loop {
        let lo = hi.saturating_sub(len);
        let line_start = memchr::memrchr(b'\n', &bytes[lo..hi]).map(|i| lo + i + 1);
        let from = line_start.unwrap_or(lo);
        // a safe break never spans a line break (Sp holds no line break), so the whole text can
        // be read past the terminal
        let found = memchr::memrchr3_iter(b'.', b'!', b'?', &bytes[from..hi])
            .filter_map(|t| safe_break_after(bytes, from + t))
            .find(|&i| i <= pos);
        match (found, line_start) {
            (Some(i), _) => return i,
            (None, Some(line_start)) => return line_start,
            (None, None) if lo == 0 => return 0,
            (None, None) => (hi, len) = (lo, len * 2),
        }
    }
}

/// The first safe break after `pos` that a terminal at or after `from` opens, or the line's
/// end, its line break included.
fn first_break_after(bytes: &[u8], from: usize, pos: usize) -> usize {
    let (mut lo, mut len) = (from, FIRST_CHUNK);
    loop {
        let hi = (lo + len).min(bytes.len());
        let line_end = memchr::memchr(b'\n', &bytes[lo..hi]).map(|i| lo + i + 1);
        let to = line_end.unwrap_or(hi);
        let found = memchr::memchr3_iter(b'.', b'!', b'?', &bytes[lo..to])
            .filter_map(|t| safe_break_after(bytes, lo + t))
            .find(|&i| i > pos);
        match (found, line_end) {
            (Some(i), _) => return i,
            (None, Some(line_end)) => return line_end,
            (None, None) if hi == bytes.len() => return hi,
            (None, None) => (lo, len) = (hi, len * 2),
        }
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
    if tail.first().is_some_and(|b| CLOSE_ASCII.contains(b)) {
        return Some(1);
    }
    CLOSE_CURLY.iter().find(|c| tail.starts_with(c)).map(|c| c.len())
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
    // the ASCII terminals and separators first, fast; then the rest character by character
    let ascii_break = memchr::memchr3(b'.', b'!', b'?', body.as_bytes())
        .or_else(|| memchr::memchr2(b'\r', b'\n', body.as_bytes()));
    ascii_break.is_none() && (body.is_ascii() || body.chars().all(is_neutral))
}

/// Characters that can neither end a sentence nor a paragraph (UAX #29: not STerm, ATerm, Sep,
/// CR or LF), among those the shortcut knows; the rest go to the segmenter.
fn is_neutral(c: char) -> bool {
    if c.is_ascii() {
        return !matches!(c, '.' | '!' | '?' | '\r' | '\n');
    }
    c.is_alphabetic() || matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '\u{a0}')
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
