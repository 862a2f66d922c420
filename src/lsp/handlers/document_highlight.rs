//! Document highlight: the actor's mentions within the current article (the introduction as
//! a "write", the rest as "read"), or the figure itself.

use super::{offset_in, on_article};
use crate::analysis::{query, Snapshot, Target};
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams,
};

pub(crate) async fn handle(
    state: &GlobalState,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let tp = params.text_document_position_params;
    on_article(state, "documentHighlight", &tp.text_document.uri, move |p, i| {
        let off = offset_in(p, i, tp.position)?;
        let v = highlights(&p.snapshot, i, off, p.encoding);
        (!v.is_empty()).then_some(v)
    })
    .await
}

pub(crate) fn highlights(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    enc: Encoding,
) -> Vec<DocumentHighlight> {
    let Some(a) = snap.articles.get(article) else { return Vec::new() };
    match query::target_at(snap, article, offset) {
        Some(Target::Mention { actor, .. }) => {
            let intro = query::introduction_in(snap, actor, article).map(|l| l.span);
            query::mention_spans(snap, actor, article)
                .into_iter()
                .map(|s| DocumentHighlight {
                    range: convert::range(&a.article, &s, enc),
                    kind: Some(if intro.as_ref() == Some(&s) {
                        DocumentHighlightKind::WRITE
                    } else {
                        DocumentHighlightKind::READ
                    }),
                })
                .collect()
        }
        Some(Target::Figure { figure }) => a
            .figures
            .get(figure)
            .map(|f| DocumentHighlight {
                range: convert::range(&a.article, &f.span, enc),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .into_iter()
            .collect(),
        None => Vec::new(),
    }
}
