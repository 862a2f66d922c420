//! Byte offset ↔ (line, column) conversion. Columns are counted in the code units of an
//! [`Encoding`]: UTF-8 bytes or UTF-16 code units (LSP's default, and our JSON output's).
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them; the terminator is never
//! counted in a column a caller can reach through [`LineIndex::offset`].

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A 0-based line and a 0-based column in the units of some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of one text, built once per text version.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Vec<usize>,
    /// UTF-16 columns remembered along lines longer than [`CHECKPOINT_STRIDE`], in text order.
    checkpoints: Vec<Checkpoint>,
    len: usize,
}

/// Converting a column reads at most about this many bytes, however long the line: without
/// checkpoints, every figure on a 10 MB line would rescan the line from its start.
const CHECKPOINT_STRIDE: usize = 1024;

/// A character boundary inside a long line, and its UTF-16 column.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
}

/// The [`LineIndex`] of a text, built the first time it is asked for (through `Deref`). An
/// article's lines are needed only where something in it is shown: `check` reports on about one
/// article in six of a large corpus, and building every index was a fiftieth of its work.
#[derive(Debug, Clone)]
pub struct LazyLineIndex {
    text: std::sync::Arc<str>,
    index: std::sync::OnceLock<LineIndex>,
}

impl LazyLineIndex {
    pub fn new(text: std::sync::Arc<str>) -> Self {
        LazyLineIndex { text, index: std::sync::OnceLock::new() }
    }
}

impl std::ops::Deref for LazyLineIndex {
    type Target = LineIndex;

    fn deref(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(&self.text))
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // sized first (two vectorised counts): growing by doubling copied the vector a few
        // times for every article
        let bytes = text.as_bytes();
        let most = 1
            + memchr::memchr_iter(b'\n', bytes).count()
            + memchr::memchr_iter(b'\r', bytes).count();
        let mut line_starts = Vec::with_capacity(most);
        line_starts.push(0);
        line_starts.extend(line_terminator_ends(text));
        let mut checkpoints = Vec::new();
        let ends = line_starts.iter().skip(1).copied().chain(std::iter::once(text.len()));
        for (start, end) in line_starts.iter().copied().zip(ends) {
            if end - start > CHECKPOINT_STRIDE {
                add_checkpoints(text, start..end, &mut checkpoints);
            }
        }
        LineIndex { line_starts, checkpoints, len: text.len() }
    }

    /// The last checkpoint inside `part` (a line, or its start up to some offset) whose column
    /// in `enc` is at most `max_col`, as (byte, column); the start of `part` when there is none.
    fn resume_point(
        &self,
        part: std::ops::Range<usize>,
        max_col: usize,
        enc: Encoding,
    ) -> (usize, usize) {
        let lo = self.checkpoints.partition_point(|c| c.byte <= part.start);
        let hi = self.checkpoints.partition_point(|c| c.byte <= part.end);
        let col = |c: &Checkpoint| match enc {
            Encoding::Utf8 => c.byte - part.start,
            Encoding::Utf16 => c.utf16,
        };
        let here = &self.checkpoints[lo..hi];
        match here.partition_point(|c| col(c) <= max_col) {
            0 => (part.start, 0),
            n => (here[n - 1].byte, col(&here[n - 1])),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of line `line`, without its terminator (`\n` or `\r\n`).
    pub fn line_span(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let mut end = self.line_starts.get(line + 1).map_or(self.len, |next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// The 0-based line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Line and column of byte `offset`. An offset inside a multi-byte character is moved back
    /// to that character's start; an offset past the end is clamped to the end.
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                let (from, col) = self.resume_point(start..offset, usize::MAX, enc);
                col + utf16_len(&text[from..offset])
            }
        };
        LineCol { line: line as u32, col: col as u32 }
    }

    /// [`line_col`](Self::line_col) of both ends of `span`. When no line break lies inside the
    /// span, the end is on the start's line, and its column is the start's plus the span's own
    /// length: the JSON report converts tens of thousands of spans, and counting each end from
    /// its line's start read every line twice.
    pub fn span_line_cols(
        &self,
        text: &str,
        span: &std::ops::Range<usize>,
        enc: Encoding,
    ) -> (LineCol, LineCol) {
        let start = self.line_col(text, span.start, enc);
        let (from, to) = (span.start, span.end.min(text.len()));
        let same_line = from <= to
            && text.is_char_boundary(from)
            && text.is_char_boundary(to)
            && memchr::memchr2(b'\n', b'\r', &text.as_bytes()[from..to]).is_none();
        if !same_line {
            return (start, self.line_col(text, span.end, enc));
        }
        let width = match enc {
            Encoding::Utf8 => to - from,
            Encoding::Utf16 => utf16_len(&text[from..to]),
        };
        (start, LineCol { line: start.line, col: start.col + width as u32 })
    }

    /// Byte offset of a line and column. A column past the end of its line is clamped to the
    /// line's end (before `\r\n`), as LSP asks; a column inside a character (half of a UTF-16
    /// surrogate pair, the middle of a UTF-8 sequence) moves back to the character's start.
    /// `None` when the line does not exist.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> Option<usize> {
        let span = self.line_span(text, pos.line as usize)?;
        let want = pos.col as usize;
        let (from, mut units) = self.resume_point(span.clone(), want, enc);
        for (i, ch) in text[from..span.end].char_indices() {
            let w = match enc {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units + w > want {
                return Some(from + i);
            }
            units += w;
        }
        Some(span.end)
    }

    /// Like [`offset`](Self::offset) but a line past the end maps to the end of the text, for
    /// clients that address "the end of the document" loosely.
    pub fn offset_clamped(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        if pos.line as usize >= self.line_count() {
            return text.len();
        }
        self.offset(text, pos, enc).unwrap_or(text.len())
    }
}

/// Checkpoints every [`CHECKPOINT_STRIDE`] bytes or so along one line, after its start.
fn add_checkpoints(text: &str, line: std::ops::Range<usize>, out: &mut Vec<Checkpoint>) {
    let mut utf16 = 0;
    let mut last = line.start;
    for (i, ch) in text[line.clone()].char_indices() {
        let byte = line.start + i;
        if byte - last >= CHECKPOINT_STRIDE {
            out.push(Checkpoint { byte, utf16 });
            last = byte;
        }
        utf16 += ch.len_utf16();
    }
}

/// The length of `s` in UTF-16 code units: one a character, two for those beyond the Basic
/// Multilingual Plane. Counted on bytes (every byte but a continuation byte starts a character;
/// a four-byte one needs two units), eight at a time: the JSON report converts tens of
/// thousands of columns on lines of a paragraph each.
fn utf16_len(s: &str) -> usize {
    // eight bytes at a time (a column is counted from its line's start, and news lines are
    // paragraphs), the tail byte by byte
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // a continuation byte is 10xxxxxx: its high bit set, the next one clear
        let continuations = w & !(w << 1) & HIGH;
        // a four-byte start is 11110xxx: its four high bits set (no byte above 0xF4 in UTF-8)
        let four_byte_starts = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
        units += 8 - continuations.count_ones() as usize + four_byte_starts.count_ones() as usize;
    }
    let tail = chunks.remainder();
    let continuations = tail.iter().filter(|&&b| (b as i8) < -0x40).count();
    let four_byte_starts = tail.iter().filter(|&&b| b >= 0xF0).count();
    units + tail.len() - continuations + four_byte_starts
}

/// Offsets just after each line terminator (`\n`, `\r\n`, or `\r` not followed by `\n`).
fn line_terminator_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(move |i| match bytes[i] {
        b'\r' if bytes.get(i + 1) == Some(&b'\n') => None,
        _ => Some(i + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Both ends of a span in one step are each end converted alone, in both encodings,
        /// on lines long enough to hold checkpoints and with every kind of line break.
        #[test]
        fn span_ends_in_one_step_are_each_end_alone(
            parts in proptest::collection::vec("[a-z’ ]{0,300}|\r\n|\n|\r|𝄞", 0..40),
            cuts in proptest::collection::vec((0usize..10_000, 0usize..200), 1..30),
        ) {
            let text = parts.concat();
            let idx = LineIndex::new(&text);
            for (start, len) in cuts {
                let start = start % (text.len() + 1);
                let span = start..start + len;
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    let alone = (idx.line_col(&text, span.start, enc), idx.line_col(&text, span.end, enc));
                    proptest::prop_assert_eq!(idx.span_line_cols(&text, &span, enc), alone, "{:?} of {:?}", span, text);
                }
            }
        }

        #[test]
        fn utf16_length_on_bytes_is_the_length_by_characters(s in "\\PC*") {
            proptest::prop_assert_eq!(utf16_len(&s), s.chars().map(char::len_utf16).sum::<usize>());
        }
    }

    #[test]
    fn curly_quotes_count_one_utf16_unit_and_three_bytes() {
        let text = "Syria’s war\nJa’afari said";
        let idx = LineIndex::new(text);
        let war = text.find("war").unwrap();
        assert_eq!(idx.line_col(text, war, Encoding::Utf16), LineCol { line: 0, col: 8 });
        assert_eq!(idx.line_col(text, war, Encoding::Utf8), LineCol { line: 0, col: 10 });
        let said = text.find("said").unwrap();
        assert_eq!(idx.line_col(text, said, Encoding::Utf16), LineCol { line: 1, col: 9 });
        assert_eq!(idx.offset(text, LineCol { line: 1, col: 9 }, Encoding::Utf16), Some(said));
    }

    #[test]
    fn astral_characters_take_two_utf16_units() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 5, Encoding::Utf16).col, 3);
        // the middle of the surrogate pair maps back to the emoji's start
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 2 }, Encoding::Utf16), Some(1));
    }

    #[test]
    fn crlf_and_past_end_columns_clamp_to_line_end() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16), Some(2));
        assert_eq!(idx.offset(text, LineCol { line: 1, col: 1 }, Encoding::Utf16), Some(5));
        assert_eq!(idx.offset(text, LineCol { line: 2, col: 0 }, Encoding::Utf16), None);
        assert_eq!(idx.offset_clamped(text, LineCol { line: 9, col: 0 }, Encoding::Utf16), 6);
    }

    /// Checkpoints along a long line give the columns a scan from the line's start gives.
    #[test]
    fn long_lines_convert_as_short_ones_do() {
        let unit = "Lavrov’s “ceasefire” 😀 — 250,000 é\r\n";
        let text = format!("{}\n{}", unit.trim_end().repeat(700), unit.repeat(3));
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        let plain = LineIndex { checkpoints: Vec::new(), ..idx.clone() };
        for offset in (0..=text.len()).step_by(7).chain([text.len()]) {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let lc = idx.line_col(&text, offset, enc);
                assert_eq!(lc, plain.line_col(&text, offset, enc), "line_col at {offset}");
                for col in [lc.col, lc.col + 1, lc.col.saturating_sub(1), u32::MAX] {
                    let pos = LineCol { line: lc.line, col };
                    assert_eq!(
                        idx.offset(&text, pos, enc),
                        plain.offset(&text, pos, enc),
                        "offset of {pos:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "ab\rcd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_col(text, 3, Encoding::Utf16), LineCol { line: 1, col: 0 });
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 9 }, Encoding::Utf16), Some(2));
    }
}
