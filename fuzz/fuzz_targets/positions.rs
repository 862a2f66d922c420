#![no_main]
//! Position conversion round trips on arbitrary text and positions.
use crosswire::text::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, u32, u32)| {
    let (text, line, col) = input;
    let idx = LineIndex::new(&text);
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        let off = idx.offset_clamped(&text, LineCol { line, col }, enc);
        assert!(off <= text.len() && text.is_char_boundary(off));
        let pos = idx.line_col(&text, off, enc);
        assert_eq!(idx.offset(&text, pos, enc), Some(off));
    }
});
