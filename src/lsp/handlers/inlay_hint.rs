//! `textDocument/inlayHint`: after each hedged figure, the range it was read as; after the
//! text a note with a verdict applies to, the verdict.

use super::{on_article, span_of};
use crate::analysis::Snapshot;
use crate::figures::Qualifier;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use std::ops::Range;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(crate) async fn handle(
    state: &GlobalState,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let range = params.range;
    on_article(state, "inlayHint", &params.text_document.uri, move |p, i| {
        let span = span_of(&p.snapshot.articles[i].article, range, p.encoding);
        inlay_hints(&p.snapshot, i, span, p.encoding)
    })
    .await
}

/// Inlay hints after hedged figures (not exact) whose text is not already their range.
pub(crate) fn inlay_hints(
    snap: &Snapshot,
    article: usize,
    span: Range<usize>,
    enc: Encoding,
) -> Option<Vec<InlayHint>> {
    let a = snap.articles.get(article)?;
    let mut hints: Vec<InlayHint> = a
        .figures
        .iter()
        .filter(|f| f.span.end >= span.start && f.span.start <= span.end)
        .filter(|f| f.qualifier != Qualifier::Exact)
        .filter_map(|f| {
            let range = f.describe_range();
            if range == f.text || f.text.ends_with(&range) && f.qualifier == Qualifier::Range {
                return None;
            }
            Some(InlayHint {
                position: convert::position(&a.article, f.span.end, enc),
                label: InlayHintLabel::String(format!("≈ {range}")),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "“{}” read as {range} ({})",
                    f.text,
                    f.qualifier.as_str().replace('_', " ")
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect();
    hints.extend(verdict_hints(snap, article, &span, enc));
    hints.sort_by_key(|h| (h.position.line, h.position.character));
    Some(hints)
}

/// The verdict of each note with one, after every stretch it applies to in `span`.
fn verdict_hints(
    snap: &Snapshot,
    article: usize,
    span: &Range<usize>,
    enc: Encoding,
) -> Vec<InlayHint> {
    let Some(a) = snap.articles.get(article) else { return Vec::new() };
    let uses = crate::analysis::notes::resolve(snap);
    let mut out = Vec::new();
    for u in uses.iter() {
        let note = &snap.config.notes[u.index];
        let Some(verdict) = &note.verdict else { continue };
        for p in u.places.iter().filter(|p| p.article == article) {
            if p.span.end < span.start || p.span.start > span.end {
                continue;
            }
            out.push(InlayHint {
                position: convert::position(&a.article, p.span.end, enc),
                label: InlayHintLabel::String(format!("⚑ {verdict}")),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "Note {}: {}",
                    u.index + 1,
                    if note.note.is_empty() { "(no text yet)" } else { &note.note }
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
    }
    out
}
