//! The one place where the core's byte offsets, article names and [`Loc`]s become LSP
//! positions, ranges, URIs and locations, and back; and where LSP edits are applied to ropes.
//!
//! Columns are counted in the negotiated position encoding: UTF-16 code units (the LSP
//! default) unless the client offered UTF-8 in `general.positionEncodings`. Lines end at `\n`,
//! `\r\n` or a lone `\r`, as LSP defines them and as [`crate::text::LineIndex`] counts them; the
//! ropes are built with ropey's `cr_lines` and without its Unicode line breaks (U+2028, NEL…)
//! so that both agree. Positions past the
//! end of a line clamp to the line's end; a column inside a character (half a surrogate pair)
//! moves back to the character's start; a line past the end of the text clamps to the end for
//! edits and gives "nothing here" for queries. Nothing here panics on client input.

use super::settings::ConfigProblem;
use crate::analysis::query::Loc;
use crate::analysis::Snapshot;
use crate::corpus::Article;
use crate::text::{Encoding, LineCol, LineIndex};
use ropey::Rope;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tower_lsp_server::ls_types::{
    ClientCapabilities, Location, Position, PositionEncodingKind, Range,
    TextDocumentContentChangeEvent, Uri,
};

/// The position encoding to use with a client: UTF-8 if it offers it, else UTF-16.
pub(crate) fn negotiate(caps: &ClientCapabilities) -> Encoding {
    let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

pub(crate) fn encoding_kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
    }
}

// ---------------------------------------------------------------------------------------------
// Names and URIs. Articles on disk are keyed by their absolute path (so that the core's file
// name fallbacks see a decoded name); documents of other schemes (untitled:) by their URI.

/// The key (article name) of a document URI.
pub(crate) fn key_of(uri: &Uri) -> String {
    match path_of(uri) {
        Some(p) => p.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}

/// The file path of a `file:` URI.
pub(crate) fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let p = uri.to_file_path()?.into_owned();
    p.is_absolute().then_some(p)
}

/// The key of a file path.
pub(crate) fn key_of_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The URI of an article name (a key).
pub(crate) fn uri_of(name: &str) -> Option<Uri> {
    let path = Path::new(name);
    if path.is_absolute() {
        return Uri::from_file_path(path);
    }
    Uri::from_str(name).ok()
}

pub(crate) fn uri_of_path(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

// ---------------------------------------------------------------------------------------------
// Offsets of analysed articles.

pub(crate) fn position(article: &Article, offset: usize, enc: Encoding) -> Position {
    let lc = article.line_col(offset, enc);
    Position { line: lc.line, character: lc.col }
}

pub(crate) fn range(article: &Article, span: &std::ops::Range<usize>, enc: Encoding) -> Range {
    // a reversed span is read as empty at its start rather than ending before it begins
    let (start, end) = article.span_line_cols(&(span.start..span.end.max(span.start)), enc);
    Range {
        start: Position { line: start.line, character: start.col },
        end: Position { line: end.line, character: end.col },
    }
}

/// The byte offset of a client position in an analysed article; `None` when the line does not
/// exist (a column past the line's end clamps to the line's end).
pub(crate) fn offset(article: &Article, pos: Position, enc: Encoding) -> Option<usize> {
    article.offset(LineCol { line: pos.line, col: pos.character }, enc)
}

pub(crate) fn location(snap: &Snapshot, loc: &Loc, enc: Encoding) -> Option<Location> {
    let a = snap.articles.get(loc.article)?;
    Some(Location { uri: uri_of(&a.article.name)?, range: range(&a.article, &loc.span, enc) })
}

// ---------------------------------------------------------------------------------------------
// Offsets of other texts (crosswire.json), with their own line index.

pub(crate) fn text_position(
    text: &str,
    index: &LineIndex,
    offset: usize,
    enc: Encoding,
) -> Position {
    let lc = index.line_col(text, offset, enc);
    Position { line: lc.line, character: lc.col }
}

pub(crate) fn text_range(
    text: &str,
    index: &LineIndex,
    span: &std::ops::Range<usize>,
    enc: Encoding,
) -> Range {
    Range {
        start: text_position(text, index, span.start, enc),
        end: text_position(text, index, span.end.max(span.start), enc),
    }
}

/// Where a configuration problem is, in the file's text: at least one column wide, so that an
/// editor shows it even at the end of the file.
pub(crate) fn problem_range(p: &ConfigProblem, enc: Encoding) -> Range {
    let mut r = text_range(&p.text, &LineIndex::new(&p.text), &p.span, enc);
    if r.end == r.start {
        r.end.character += 1;
    }
    r
}

// ---------------------------------------------------------------------------------------------
// Ropes (open documents).

/// Builds the rope of a document text.
pub(crate) fn rope(text: &str) -> Rope {
    Rope::from_str(text)
}

/// The char index of a client position in a rope (clamped: past a line's end to the line's end,
/// past the last line to the end of the text).
pub(crate) fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    // `\r\n` or a lone `\r`: the terminator is not part of the line
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let want = pos.character as usize;
    let within = match enc {
        Encoding::Utf16 => {
            if want >= slice.char_to_utf16_cu(len) {
                len
            } else {
                slice.utf16_cu_to_char(want)
            }
        }
        Encoding::Utf8 => {
            if want >= slice.char_to_byte(len) {
                len
            } else {
                slice.byte_to_char(want)
            }
        }
    };
    start + within.min(len)
}

/// Applies one content change (a ranged edit, or the whole text) to a rope.
pub(crate) fn apply_change(
    rope: &mut Rope,
    change: &TextDocumentContentChangeEvent,
    enc: Encoding,
) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(r) => {
            let mut a = rope_char(rope, r.start, enc);
            let mut b = rope_char(rope, r.end, enc);
            if b < a {
                std::mem::swap(&mut a, &mut b);
            }
            if a < b {
                rope.remove(a..b);
            }
            if !change.text.is_empty() {
                rope.insert(a, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn article(text: &str) -> Article {
        Article::new("/tmp/x/001_test.txt", Arc::from(text), &Config::default())
    }

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    fn edit(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent { range, range_length: None, text: text.to_string() }
    }

    #[test]
    fn curly_quote_is_one_utf16_unit() {
        let text = "Lavrov’s counterpart\nhis Russian counterpart Sergei Lavrov’s";
        let a = article(text);
        let off = text.rfind("Lavrov").unwrap();
        let p = position(&a, off, Encoding::Utf16);
        assert_eq!(p, pos(1, 31));
        assert_eq!(offset(&a, p, Encoding::Utf16), Some(off));
        let p8 = position(&a, off, Encoding::Utf8);
        assert_eq!(p8, pos(1, 31));
        let after = text.find("s counterpart").unwrap();
        assert_eq!(position(&a, after, Encoding::Utf16), pos(0, 7));
        assert_eq!(position(&a, after, Encoding::Utf8), pos(0, 9));
    }

    #[test]
    fn astral_crlf_and_past_end() {
        let text = "a😀b\r\nsecond";
        let a = article(text);
        assert_eq!(position(&a, 5, Encoding::Utf16), pos(0, 3));
        assert_eq!(offset(&a, pos(0, 2), Encoding::Utf16), Some(1));
        assert_eq!(offset(&a, pos(0, 99), Encoding::Utf16), Some(6));
        assert_eq!(offset(&a, pos(7, 0), Encoding::Utf16), None);
        let mut r = rope(text);
        assert_eq!(rope_char(&r, pos(0, 99), Encoding::Utf16), 3);
        assert_eq!(rope_char(&r, pos(0, 3), Encoding::Utf16), 2);
        assert_eq!(rope_char(&r, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(rope_char(&r, pos(9, 9), Encoding::Utf16), r.len_chars());
        apply_change(
            &mut r,
            &edit(Some(Range { start: pos(0, 4), end: pos(1, 0) }), " "),
            Encoding::Utf16,
        );
        assert_eq!(r.to_string(), "a😀b second");
    }

    #[test]
    fn lone_cr_breaks_lines_and_unicode_separators_do_not() {
        let text = "a\rb\u{2028}c\nd\r\ne";
        let r = rope(text);
        assert_eq!(r.len_lines(), 4);
        assert_eq!(crate::text::LineIndex::new(text).line_count(), 4);
    }

    fn utf16_col_to_byte(line: &str, col: usize) -> usize {
        let mut units = 0;
        for (i, ch) in line.char_indices() {
            if units + ch.len_utf16() > col {
                return i;
            }
            units += ch.len_utf16();
        }
        line.len()
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a".to_string()),
                Just("é".to_string()),
                Just("’".to_string()),
                Just("😀".to_string()),
                Just("𝔸".to_string()),
                Just("\r\n".to_string()),
                Just("\n".to_string()),
                Just("\r".to_string()),
                Just(" ".to_string()),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        /// offset → position → offset is the identity on character boundaries, both encodings.
        #[test]
        fn position_round_trips(text in text_strategy(), pick in 0usize..200) {
            let a = article(&text);
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
            let off = boundaries[pick % boundaries.len()];
            // offsets between \r and \n are not addressable; skip them
            prop_assume!(!(off > 0 && text.as_bytes()[off - 1] == b'\r' && matches!(text.as_bytes().get(off), Some(b'\n') | None)));
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                let p = position(&a, off, enc);
                prop_assert_eq!(offset(&a, p, enc), Some(off));
            }
        }

        /// Any position, even past a line's end or the text's end, maps without panicking, and
        /// the rope and the line index agree on where it lands.
        #[test]
        fn rope_and_line_index_agree(text in text_strategy(), line in 0u32..12, col in 0u32..30) {
            let a = article(&text);
            let r = rope(&text);
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                let p = pos(line, col);
                let c = rope_char(&r, p, enc);
                let byte = r.char_to_byte(c);
                match offset(&a, p, enc) {
                    Some(o) => prop_assert_eq!(o, byte),
                    None => prop_assert_eq!(byte, text.len()),
                }
            }
        }

        /// A ranged edit on the rope gives the same text as splicing the string directly.
        #[test]
        fn edits_match_string_splice(text in text_strategy(), l1 in 0u32..8, c1 in 0u32..20, l2 in 0u32..8, c2 in 0u32..20, ins in text_strategy()) {
            let mut r = rope(&text);
            let (s, e) = if (l1, c1) <= (l2, c2) { (pos(l1, c1), pos(l2, c2)) } else { (pos(l2, c2), pos(l1, c1)) };
            apply_change(&mut r, &edit(Some(Range { start: s, end: e }), &ins), Encoding::Utf16);
            // the expected text, computed from line spans and UTF-16 columns by hand
            let idx = crate::text::LineIndex::new(&text);
            let to_byte = |p: Position| -> usize {
                match idx.line_span(&text, p.line as usize) {
                    None => text.len(),
                    Some(span) => span.start + utf16_col_to_byte(&text[span.clone()], p.character as usize),
                }
            };
            let (bs, be) = (to_byte(s), to_byte(e));
            let (bs, be) = (bs.min(be), bs.max(be));
            let expected = format!("{}{}{}", &text[..bs], ins, &text[be..]);
            prop_assert_eq!(r.to_string(), expected);
        }
    }
}
