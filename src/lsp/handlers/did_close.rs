//! `textDocument/didClose`: back to the file on disk, or out of the index if it has none.

use crate::lsp::convert;
use crate::lsp::documents::Change;
use crate::lsp::global_state::GlobalState;
use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

/// Synchronous on purpose: see the ordering notes in `handlers/mod.rs`.
pub(crate) fn handle(state: &GlobalState, params: DidCloseTextDocumentParams) {
    if !state.takes_notifications() {
        return;
    }
    state.apply(Change::Close { key: convert::key_of(&params.text_document.uri) });
}
