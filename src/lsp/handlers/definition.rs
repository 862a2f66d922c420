//! Go to definition: an actor's introduction in each outlet (current document first); a
//! figure's counterparts (the other outlets' figures for the same quantity).

use super::{offset_in, on_article};
use crate::analysis::{query, Snapshot};
use crate::lsp::convert;
use crate::lsp::global_state::GlobalState;
use crate::text::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

pub(crate) async fn handle(
    state: &GlobalState,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let tp = params.text_document_position_params;
    on_article(state, "definition", &tp.text_document.uri, move |p, i| {
        let off = offset_in(p, i, tp.position)?;
        let locs = definition(&p.snapshot, i, off, p.encoding);
        (!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs))
    })
    .await
}

pub(crate) fn definition(
    snap: &Snapshot,
    article: usize,
    offset: usize,
    enc: Encoding,
) -> Vec<Location> {
    let Some(target) = query::target_at(snap, article, offset) else { return Vec::new() };
    query::definitions(snap, article, target)
        .iter()
        .filter_map(|l| convert::location(snap, l, enc))
        .collect()
}
