#![no_main]
//! Figure extraction on arbitrary text: spans inside the text on character boundaries, in
//! order, intervals well formed.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for f in crosswire::figures::extract(&text, &[]) {
        assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert!(f.span.start >= last, "figures in text order");
        last = f.span.start;
        assert!(!(f.low > f.high), "low {} > high {} for {:?}", f.low, f.high, f.text);
        assert_eq!(&text[f.span.clone()], f.text);
    }
});
