#![no_main]
//! Whole-article analysis on arbitrary UTF-8, twice (as two outlets), then linking and
//! comparison: nothing panics, every mention lies inside its text.
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut ws = crosswire::analysis::Workspace::new(Default::default());
    let (a, b) = text.split_at(text.char_indices().map(|(i, _)| i).nth(text.chars().count() / 2).unwrap_or(0));
    ws.set("a.md", Arc::from(a));
    ws.set("b.txt", Arc::from(b));
    let snap = ws.snapshot();
    for art in &snap.articles {
        assert!(art.failures.is_empty(), "{:?}", art.failures);
        for m in &art.actors.mentions {
            assert!(m.span.end <= art.article.text.len());
            assert!(art.article.text.is_char_boundary(m.span.start) && art.article.text.is_char_boundary(m.span.end));
            assert_eq!(&art.article.text[m.span.clone()], art.actors.text_of(m));
        }
    }
});
