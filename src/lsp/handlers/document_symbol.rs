//! `textDocument/documentSymbol`: the outline of an article, its actors at their
//! introductions, then its figures.

use super::on_article;
use crate::actors::ActorKind;
use crate::analysis::query::{self, SymbolWhat};
use crate::analysis::Snapshot;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Location, SymbolInformation,
    SymbolKind,
};

pub(crate) async fn handle(
    state: &GlobalState,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let hierarchical = state.caps().hierarchical_symbols;
    on_article(state, "documentSymbol", &params.text_document.uri, move |p, i| {
        document_symbols(&p.snapshot, i, hierarchical, p.encoding)
    })
    .await
}

/// At most this many entries in an article's outline: actors first, then figures, in text
/// order. No real article comes near; a crafted one of 400,000 names would otherwise send an
/// outline of tens of megabytes.
pub(crate) const DOCUMENT_LIMIT: usize = 5_000;

pub(crate) fn kind(what: SymbolWhat) -> SymbolKind {
    match what {
        SymbolWhat::Actor(ActorKind::Person) => SymbolKind::OBJECT,
        SymbolWhat::Actor(ActorKind::Organization) => SymbolKind::STRUCT,
        SymbolWhat::Actor(ActorKind::State) => SymbolKind::MODULE,
        SymbolWhat::Actor(ActorKind::Place) => SymbolKind::PACKAGE,
        SymbolWhat::Actor(ActorKind::Group) => SymbolKind::ENUM,
        SymbolWhat::Figure => SymbolKind::NUMBER,
    }
}

#[allow(deprecated)] // SymbolInformation::deprecated and DocumentSymbol::deprecated must be set
pub(crate) fn document_symbols(
    snap: &Snapshot,
    article: usize,
    hierarchical: bool,
    enc: Encoding,
) -> Option<DocumentSymbolResponse> {
    let a = snap.articles.get(article)?;
    let symbols = query::article_symbols(snap, article).into_iter().take(DOCUMENT_LIMIT);
    if hierarchical {
        let v = symbols
            .into_iter()
            .map(|s| {
                let range = convert::range(&a.article, &s.span, enc);
                DocumentSymbol {
                    name: s.name,
                    detail: s.detail,
                    kind: kind(s.what),
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: range,
                    children: None,
                }
            })
            .collect();
        Some(DocumentSymbolResponse::Nested(v))
    } else {
        let uri = convert::uri_of(&a.article.name)?;
        let v = symbols
            .into_iter()
            .map(|s| SymbolInformation {
                name: s.name,
                kind: kind(s.what),
                tags: None,
                deprecated: None,
                location: Location {
                    uri: uri.clone(),
                    range: convert::range(&a.article, &s.span, enc),
                },
                container_name: None,
            })
            .collect();
        Some(DocumentSymbolResponse::Flat(v))
    }
}
