//! Sentence and word segmentation (Unicode UAX #29 via `unicode-segmentation`), returned as byte
//! spans so that callers never slice text themselves.

use super::Span;
use unicode_segmentation::UnicodeSegmentation;

/// A word: a run of letters, digits and word-internal punctuation (UAX #29 word boundaries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
}

/// Sentence spans, trimmed of surrounding whitespace. Blank lines also end a sentence, because
/// headlines and datelines carry no full stop.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for (para_start, para) in paragraphs(text) {
        line_sentences(
            para_start,
            para,
            &mut out,
            UnicodeSegmentation::split_sentence_bound_indices,
        );
    }
    out
}

/// The sentences of one line starting at byte `base`, appended to `out`, as `split` cuts it
/// (UAX #29's `split_sentence_bound_indices`, or a shortcut that gives the same pieces).
pub(super) fn line_sentences<'a, I: Iterator<Item = (usize, &'a str)>>(
    base: usize,
    line: &'a str,
    out: &mut Vec<Span>,
    split: impl FnOnce(&'a str) -> I,
) {
    for (i, s) in split(line) {
        let trimmed = s.trim_end();
        // (without trailing white space, the piece is blank when its start is)
        let body = trimmed.trim_start();
        if body.is_empty() {
            continue;
        }
        let start = base + i + trimmed.len() - body.len();
        out.push(start..base + i + trimmed.len());
    }
}

/// Words of `text` (only segments that hold a letter or digit), with byte spans offset by `base`.
pub fn words(text: &str, base: usize) -> impl Iterator<Item = Word<'_>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(|c| c.is_alphanumeric()))
        .map(move |(i, w)| Word { span: base + i..base + i + w.len(), text: w })
}

/// Paragraphs: runs of text separated by a line that holds only whitespace, or by a single line
/// break (articles here are one paragraph per line, and a line is never a sentence's middle).
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    lines_inclusive(text)
}

/// The lines of `text`, each with its `\n` and its start offset: `str::split_inclusive('\n')`
/// with offsets, the breaks found by memchr (on lines of a paragraph each, the standard
/// library's search was a quarter of the boilerplate pass).
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = breaks.next().map_or(text.len(), |i| i + 1);
        let line = (start, &text[start..end]);
        start = end;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "x\r\ny\r\n", "’\n“”"]
        {
            let mut start = 0;
            let want: Vec<(usize, &str)> = text
                .split_inclusive('\n')
                .map(|l| {
                    let s = start;
                    start += l.len();
                    (s, l)
                })
                .collect();
            assert_eq!(lines_inclusive(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn headlines_and_sentences_are_separate() {
        let text = "US close to ending talks\n\nThe US said so. Kerry agreed.\n";
        let got: Vec<_> = sentences(text).into_iter().map(|s| &text[s]).collect();
        assert_eq!(got, ["US close to ending talks", "The US said so.", "Kerry agreed."]);
    }

    #[test]
    fn words_keep_curly_apostrophes_inside() {
        let text = "Bashar Ja’afari’s view";
        let got: Vec<_> = words(text, 0).map(|w| w.text).collect();
        assert_eq!(got, ["Bashar", "Ja’afari’s", "view"]);
    }
}
