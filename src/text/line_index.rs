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
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(line_terminator_ends(text));
        LineIndex { line_starts, len: text.len() }
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
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        LineCol { line: line as u32, col: col as u32 }
    }

    /// Byte offset of a line and column. A column past the end of its line is clamped to the
    /// line's end (before `\r\n`), as LSP asks; a column inside a character (half of a UTF-16
    /// surrogate pair, the middle of a UTF-8 sequence) moves back to the character's start.
    /// `None` when the line does not exist.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> Option<usize> {
        let span = self.line_span(text, pos.line as usize)?;
        let line = &text[span.clone()];
        let want = pos.col as usize;
        let mut units = 0;
        for (i, ch) in line.char_indices() {
            let w = match enc {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units + w > want {
                return Some(span.start + i);
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

/// Offsets just after each line terminator (`\n`, `\r\n`, or `\r` not followed by `\n`).
fn line_terminator_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "ab\rcd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_col(text, 3, Encoding::Utf16), LineCol { line: 1, col: 0 });
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 9 }, Encoding::Utf16), Some(2));
    }
}
