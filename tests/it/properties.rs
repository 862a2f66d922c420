//! Property tests: position conversions round-trip; analysis is deterministic and independent of
//! file order and of how the corpus is split across threads.

use crosswire::analysis::Workspace;
use crosswire::config::Config;
use crosswire::text::{Encoding, LineCol, LineIndex};
use proptest::prelude::*;
use std::sync::Arc;

/// Text with the characters that break naive column arithmetic: curly quotes, dashes, astral
/// characters, CRLF and lone CR.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a"),
            Just("Z"),
            Just(" "),
            Just("’"),
            Just("—"),
            Just("é"),
            Just("😀"),
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just("250,000")
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn byte_offsets_round_trip_through_both_encodings(text in tricky_text()) {
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let pos = idx.line_col(&text, offset, enc);
                let back = idx.offset(&text, pos, enc).expect("line exists");
                // a position inside a CRLF terminator clamps to the line end
                let line_end = idx.line_span(&text, pos.line as usize).unwrap().end;
                prop_assert!(back == offset || (offset > line_end && back == line_end), "offset {offset} → {pos:?} → {back}");
            }
        }
    }

    #[test]
    fn any_position_maps_inside_the_text_on_a_char_boundary(text in tricky_text(), line in 0u32..20, col in 0u32..200) {
        let idx = LineIndex::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let off = idx.offset_clamped(&text, LineCol { line, col }, enc);
            prop_assert!(off <= text.len());
            prop_assert!(text.is_char_boundary(off));
        }
    }
}

fn seeds() -> Vec<(String, Arc<str>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut out: Vec<(String, Arc<str>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                Arc::from(std::fs::read_to_string(&p).unwrap()),
            )
        })
        .collect();
    out.sort();
    out
}

/// A comparable digest of a snapshot: actors with their mentions, findings with their locations.
fn digest(ws: &Workspace) -> String {
    let snap = ws.snapshot();
    let mut s = String::new();
    for a in &snap.linked.actors {
        s.push_str(&format!("{}|{:?}|{:?}\n", a.name, a.kind, a.members));
    }
    for f in &snap.findings {
        s.push_str(&format!("{:?}|{:?}|{}|{:?}\n", f.code, f.at, f.message, f.related));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn analysis_ignores_file_order_and_thread_split(order in Just(seeds()).prop_shuffle(), threads in 1usize..4) {
        let reference = {
            let mut ws = Workspace::new(Config::default());
            for (n, t) in seeds() { ws.set(&n, t); }
            digest(&ws)
        };
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let files: Vec<crosswire::corpus::SourceFile> = order.iter().map(|(n, t)| crosswire::corpus::SourceFile { path: n.into(), display: n.clone(), text: t.clone() }).collect();
        let ws = pool.install(|| Workspace::from_files(files, Config::default()));
        prop_assert_eq!(digest(&ws), reference);
    }
}
