//! `textDocument/didChange`: incremental edits applied to the open document's rope.

use crate::lsp::convert;
use crate::lsp::documents::Change;
use crate::lsp::global_state::GlobalState;
use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

/// Synchronous on purpose: see the ordering notes in `handlers/mod.rs`.
pub(crate) fn handle(state: &GlobalState, params: DidChangeTextDocumentParams) {
    if !state.takes_notifications() {
        return;
    }
    state.apply(Change::Edit {
        key: convert::key_of(&params.text_document.uri),
        version: params.text_document.version,
        changes: params.content_changes,
    });
}
