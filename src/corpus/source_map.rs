//! The map between an article's analysed text and the file it came from, for articles whose
//! text is not the file's (saved web pages): every byte offset of the text maps to a byte offset
//! of the source and back, so that positions reported to users land on the characters they see
//! in the file they have open.
//!
//! The text is built from pieces of the source, in source order: a *verbatim* piece is a run of
//! source bytes copied as they are (offsets inside it map one to one), a *replaced* piece is
//! text that stands for a source run of another length (an entity such as `&amp;`, a run of
//! white space collapsed to one space, a line break between two blocks). Offsets inside a
//! replaced piece map to its start (or, for the end of a range, to its end), so a range never
//! splits an entity.

use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text: usize,
    text_len: usize,
    source: usize,
    source_len: usize,
    verbatim: bool,
}

/// Pieces sorted by text offset and, because text is built in source order, by source offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    text_len: usize,
    source_len: usize,
}

impl SourceMap {
    /// An empty map over a source of `source_len` bytes.
    pub fn new(source_len: usize) -> SourceMap {
        SourceMap { pieces: Vec::new(), text_len: 0, source_len }
    }

    /// Appends `len` bytes of text copied from `source..source + len`.
    pub fn push_verbatim(&mut self, source: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            // contiguous copies merge: most text nodes become one piece
            if last.verbatim
                && last.text + last.text_len == self.text_len
                && last.source + last.source_len == source
            {
                last.text_len += len;
                last.source_len += len;
                self.text_len += len;
                return;
            }
        }
        self.push(Piece {
            text: self.text_len,
            text_len: len,
            source,
            source_len: len,
            verbatim: true,
        });
    }

    /// Appends `text_len` bytes of text standing for the source bytes `source`.
    pub fn push_replaced(&mut self, text_len: usize, source: Span) {
        if text_len == 0 {
            return;
        }
        self.push(Piece {
            text: self.text_len,
            text_len,
            source: source.start,
            source_len: source.end.saturating_sub(source.start),
            verbatim: false,
        });
    }

    fn push(&mut self, piece: Piece) {
        // source order is what makes the reverse lookup a binary search; a piece out of order
        // (a bug in the extractor) is pinned where the previous one ended rather than breaking it
        let floor = self.pieces.last().map_or(0, |p| p.source + p.source_len);
        let piece = if piece.source < floor {
            Piece { source: floor, source_len: 0, verbatim: false, ..piece }
        } else {
            piece
        };
        self.text_len += piece.text_len;
        self.pieces.push(piece);
    }

    /// The length of the text the map covers.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// The source offset where the text character at `offset` starts (`offset` = the text's
    /// length maps to the end of the last piece).
    pub fn to_source_start(&self, offset: usize) -> usize {
        let Some(i) = self.piece_at_text(offset) else {
            return self.pieces.last().map_or(0, |p| p.source + p.source_len);
        };
        let p = &self.pieces[i];
        if p.verbatim {
            p.source + (offset - p.text)
        } else {
            p.source
        }
    }

    /// The source offset where a text range ending (exclusively) at `offset` ends.
    pub fn to_source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.pieces.first().map_or(0, |p| p.source);
        }
        let Some(i) = self.piece_at_text(offset - 1) else {
            return self.pieces.last().map_or(0, |p| p.source + p.source_len);
        };
        let p = &self.pieces[i];
        if p.verbatim {
            p.source + (offset - p.text)
        } else {
            p.source + p.source_len
        }
    }

    /// A text span's source span.
    pub fn to_source(&self, span: &Span) -> Span {
        let start = self.to_source_start(span.start);
        start..self.to_source_end(span.end).max(start)
    }

    /// The text offset of a source offset: inside a verbatim piece the same character, inside a
    /// replaced one its start; in source that yields no text (markup, a skipped region), the
    /// text that follows it.
    pub fn to_text(&self, source: usize) -> usize {
        let after = self.pieces.partition_point(|p| p.source <= source);
        if after == 0 {
            return 0;
        }
        let p = &self.pieces[after - 1];
        if source < p.source + p.source_len {
            if p.verbatim {
                p.text + (source - p.source)
            } else {
                p.text
            }
        } else {
            p.text + p.text_len
        }
    }

    /// The length of the source the map was built over.
    pub fn source_len(&self) -> usize {
        self.source_len
    }

    /// This map followed by `outer`, a map from this map's source to another: for a text
    /// extracted from a page that was itself decoded from a file (the HTML inside an MHTML
    /// archive), the map from the text to the file.
    pub fn then(&self, outer: &SourceMap) -> SourceMap {
        let mut composed = SourceMap::new(outer.source_len);
        for p in &self.pieces {
            if !p.verbatim || p.source_len == 0 {
                let span = outer.to_source(&(p.source..p.source + p.source_len));
                let span = if p.source_len == 0 { span.start..span.start } else { span };
                composed.push_replaced(p.text_len, span);
                continue;
            }
            // a verbatim piece runs through the outer pieces it covers
            let (start, end) = (p.source, p.source + p.source_len);
            let mut at = start;
            while at < end {
                let Some(i) = outer.piece_at_text(at) else { break };
                let q = &outer.pieces[i];
                let until = end.min(q.text + q.text_len).max(at + 1);
                if q.verbatim {
                    composed.push_verbatim(q.source + (at - q.text), until - at);
                } else {
                    composed.push_replaced(until - at, q.source..q.source + q.source_len);
                }
                at = until;
            }
        }
        composed
    }

    fn piece_at_text(&self, offset: usize) -> Option<usize> {
        if offset >= self.text_len {
            return None;
        }
        Some(self.pieces.partition_point(|p| p.text <= offset).saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_compose() {
        // file "a=3Db&amp;" decodes to the page "a=b&amp;", whose text is "a=b&"
        let mut decoded = SourceMap::new(10);
        decoded.push_verbatim(0, 1); // a
        decoded.push_replaced(1, 1..4); // = for =3D
        decoded.push_verbatim(4, 6); // b&amp;
        let mut text = SourceMap::new(8);
        text.push_verbatim(0, 3); // a=b
        text.push_replaced(1, 3..8); // & for &amp;
        let both = text.then(&decoded);
        assert_eq!(both.text_len(), 4);
        assert_eq!(both.to_source(&(0..1)), 0..1);
        assert_eq!(both.to_source(&(1..2)), 1..4);
        assert_eq!(both.to_source(&(2..3)), 4..5);
        assert_eq!(both.to_source(&(3..4)), 5..10);
        assert_eq!(both.to_text(2), 1);
        assert_eq!(both.to_text(6), 3);
    }

    #[test]
    fn verbatim_and_replaced_pieces_map_both_ways() {
        // source: "<p>A &amp; B</p>", text: "A & B"
        let mut m = SourceMap::new(16);
        m.push_verbatim(3, 2); // "A "
        m.push_replaced(1, 5..10); // "&" for "&amp;"
        m.push_verbatim(10, 2); // " B"
        assert_eq!(m.text_len(), 5);
        assert_eq!(m.to_source(&(0..1)), 3..4);
        assert_eq!(m.to_source(&(2..3)), 5..10);
        assert_eq!(m.to_source(&(4..5)), 11..12);
        assert_eq!(m.to_source(&(0..5)), 3..12);
        assert_eq!(m.to_text(3), 0);
        assert_eq!(m.to_text(7), 2);
        assert_eq!(m.to_text(11), 4);
        // markup before and after the text
        assert_eq!(m.to_text(0), 0);
        assert_eq!(m.to_text(14), 5);
    }
}
