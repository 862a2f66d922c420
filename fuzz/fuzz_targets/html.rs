#![no_main]
//! Web page extraction on arbitrary UTF-8: nothing panics; the text's every offset maps into the
//! page and back into the text, ranges never run backwards; the page analysed as an article
//! keeps every position inside its file.
use crosswire::corpus::html;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    if let Ok(page) = html::extract(source) {
        assert_eq!(page.map.text_len(), page.text.len());
        let mut last = 0;
        for (i, _) in page.text.char_indices().chain(std::iter::once((page.text.len(), ' '))) {
            let s = page.map.to_source_start(i);
            assert!(s <= source.len() && source.is_char_boundary(s));
            assert!(s >= last, "source offsets in text order");
            last = s;
            let back = page.map.to_text(s);
            assert!(back <= page.text.len() && page.text.is_char_boundary(back));
            let span = page.map.to_source(&(0..i));
            assert!(span.start <= span.end && span.end <= source.len());
        }
    }
    // as a page, and as a single-file archive (MIME around a page)
    for name in ["page.html", "page.mhtml"] {
        let analysis = crosswire::analysis::analyze(name, Arc::from(source), &Default::default());
        assert!(analysis.failures.is_empty(), "{:?}", analysis.failures);
        let article = &analysis.article;
        for m in &analysis.actors.mentions {
            let span = article.file_span(&m.span);
            assert!(span.start <= span.end && span.end <= source.len());
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        }
    }
});
