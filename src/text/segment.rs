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
        line_sentences(para_start, para, &mut out);
    }
    out
}

/// The sentences of one line starting at byte `base`, appended to `out`.
fn line_sentences(base: usize, line: &str, out: &mut Vec<Span>) {
    for (i, s) in line.split_sentence_bound_indices() {
        let trimmed = s.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if trimmed.trim().is_empty() {
            continue;
        }
        let start = base + i + lead;
        out.push(start..base + i + trimmed.len());
    }
}

/// The sentence around a byte offset, segmenting only the lines asked about. Sentences never
/// cross a line break (see [`sentences`]), so a line can be segmented alone; figure reading
/// needs the sentences of the few lines that hold a figure, not of the whole text.
pub struct SentenceLookup<'a> {
    text: &'a str,
    /// Segmented lines: line start → (line end, with its line break; its sentences). Kept in
    /// order so that a later lookup in the same line is a search, not a rescan of the line:
    /// one 10 MB line with thousands of figures must not cost thousands of scans.
    lines: std::cell::RefCell<std::collections::BTreeMap<usize, (usize, Vec<Span>)>>,
}

impl<'a> SentenceLookup<'a> {
    pub fn new(text: &'a str) -> Self {
        SentenceLookup { text, lines: Default::default() }
    }

    /// The sentence that holds byte `pos`, or the empty span `pos..pos` when `pos` lies between
    /// sentences. Equal to finding `pos` in [`sentences`]`(text)`.
    pub fn sentence_of(&self, pos: usize) -> Span {
        let pos = pos.min(self.text.len());
        let mut lines = self.lines.borrow_mut();
        let cached = lines.range(..=pos).next_back().filter(|(_, (end, _))| pos < *end).map(|(_, (_, spans))| spans);
        let spans = match cached {
            Some(spans) => spans,
            None => {
                let bytes = self.text.as_bytes();
                let start = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1);
                let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(self.text.len(), |i| pos + i + 1);
                let mut spans = Vec::new();
                line_sentences(start, &self.text[start..end], &mut spans);
                // `pos` at the very end of the text is past every line's extent: found by a rescan
                &lines.entry(start).or_insert((end, spans)).1
            }
        };
        let i = spans.partition_point(|s| s.end <= pos);
        spans.get(i).filter(|s| s.start <= pos).cloned().unwrap_or(pos..pos)
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
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let s = start;
        start += line.len();
        (s, line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lookup_finds_what_the_full_segmentation_finds() {
        let text = "Headline here\n\nMr. Kerry said 250,000 people. Lavrov agreed!  \r\nA third line… with “quotes” 12.\n  \nlast";
        let all = sentences(text);
        let lookup = SentenceLookup::new(text);
        for pos in 0..=text.len() {
            let i = all.partition_point(|s| s.end <= pos);
            let want = all.get(i).filter(|s| s.start <= pos).cloned().unwrap_or(pos..pos);
            assert_eq!(lookup.sentence_of(pos), want, "at {pos}");
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
