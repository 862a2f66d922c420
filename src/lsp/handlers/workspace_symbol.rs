//! `workspace/symbol`: a fuzzy search over actor names and aliases.

use super::document_symbol::kind;
use super::guarded;
use crate::analysis::query::{self, SymbolWhat};
use crate::analysis::Snapshot;
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    OneOf, WorkspaceSymbol, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

pub(crate) async fn handle(
    state: &GlobalState,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let p = state.current().await;
    let q = params.query;
    guarded(state, "workspace/symbol", move || Some(workspace_symbols(&p.snapshot, &q, p.encoding)))
        .await
}

/// At most this many workspace symbols per query.
pub(crate) const WORKSPACE_LIMIT: usize = 256;

pub(crate) fn workspace_symbols(
    snap: &Snapshot,
    q: &str,
    enc: Encoding,
) -> WorkspaceSymbolResponse {
    let hits = query::search_actors(snap, q, WORKSPACE_LIMIT);
    let v = hits
        .into_iter()
        .filter_map(|h| {
            let loc = convert::location(snap, h.at.as_ref()?, enc)?;
            let container = (h.matched != h.name).then(|| format!("as “{}”", h.matched));
            Some(WorkspaceSymbol {
                name: h.name,
                kind: kind(SymbolWhat::Actor(h.kind)),
                tags: None,
                container_name: container,
                location: OneOf::Left(loc),
                data: None,
            })
        })
        .collect();
    WorkspaceSymbolResponse::Nested(v)
}
